//! The spec describes the real API: `spec/openai_run_steps.yaml` is checked against OpenAI's
//! official OpenAPI description (`tests/fixtures/official/openapi-runsteps.json`) — every
//! field of every schema, which are required or nullable, scalar kinds and enum values,
//! descriptions, and the operations' parameters. Each deliberate deviation is listed below.

use std::collections::BTreeSet;
use std::path::Path;

use codegen::resolved::{Body, Field, FieldType, Model, Ty, TypeDef};
use codegen::values::{Literal, Presence};
use serde_json::Value;

const OFFICIAL: &str = include_str!("../fixtures/official/openapi-runsteps.json");

/// Official schema (a JSON pointer into the description) → our type.
const TYPES: &[(&str, &str)] = &[
    ("/components/schemas/RunStepObject", "RunStep"),
    ("/components/schemas/RunStepObject/properties/last_error/anyOf/0", "LastError"),
    ("/components/schemas/RunStepCompletionUsage/anyOf/0", "Usage"),
    ("/components/schemas/RunStepDetailsMessageCreationObject", "MessageCreationStepDetails"),
    ("/components/schemas/RunStepDetailsMessageCreationObject/properties/message_creation", "MessageCreation"),
    ("/components/schemas/RunStepDetailsToolCallsObject", "ToolCallsStepDetails"),
    ("/components/schemas/RunStepDetailsToolCallsCodeObject", "CodeInterpreterToolCall"),
    ("/components/schemas/RunStepDetailsToolCallsCodeObject/properties/code_interpreter", "CodeInterpreter"),
    ("/components/schemas/RunStepDetailsToolCallsCodeOutputLogsObject", "CodeInterpreterLogs"),
    ("/components/schemas/RunStepDetailsToolCallsCodeOutputImageObject", "CodeInterpreterImage"),
    ("/components/schemas/RunStepDetailsToolCallsCodeOutputImageObject/properties/image", "CodeInterpreterImageFile"),
    ("/components/schemas/RunStepDetailsToolCallsFileSearchObject", "FileSearchToolCall"),
    ("/components/schemas/RunStepDetailsToolCallsFileSearchObject/properties/file_search", "FileSearch"),
    ("/components/schemas/RunStepDetailsToolCallsFileSearchRankingOptionsObject", "FileSearchRankingOptions"),
    ("/components/schemas/RunStepDetailsToolCallsFileSearchResultObject", "FileSearchResult"),
    (
        "/components/schemas/RunStepDetailsToolCallsFileSearchResultObject/properties/content/items",
        "FileSearchResultContent",
    ),
    ("/components/schemas/RunStepDetailsToolCallsFunctionObject", "FunctionToolCall"),
    ("/components/schemas/RunStepDetailsToolCallsFunctionObject/properties/function", "Function"),
    ("/components/schemas/ListRunStepsResponse", "CursorPage"),
];

/// Official enum (a pointer to the schema holding `enum`) → our enum type.
const ENUMS: &[(&str, &str)] = &[
    ("/components/schemas/RunStepObject/properties/type", "RunStepType"),
    ("/components/schemas/RunStepObject/properties/status", "RunStepStatus"),
    ("/components/schemas/RunStepObject/properties/last_error/anyOf/0/properties/code", "LastErrorCode"),
    ("/components/schemas/FileSearchRanker", "FileSearchRanker"),
    ("/paths/~1threads~1{thread_id}~1runs~1{run_id}~1steps/get/parameters/6/schema/items", "RunStepInclude"),
    ("/paths/~1threads~1{thread_id}~1runs~1{run_id}~1steps/get/parameters/3/schema", "ListOrder"),
];

/// Deliberate deviations, `Type.field`, each explained in the spec's header comment.
const PRESENCE_DEVIATIONS: &[&str] = &[
    // Other list endpoints send `null` for an empty page's ids; the schema says string.
    "CursorPage.first_id",
    "CursorPage.last_id",
];
/// Upstream a plain string (`example: list`); here a const, like every other `object`.
const KIND_DEVIATIONS: &[&str] = &["CursorPage.object"];

fn official() -> Value {
    serde_json::from_str(OFFICIAL).expect("the official description is JSON")
}

/// The spec as the generator's validate stage resolves it.
fn spec() -> Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let source = std::fs::read_to_string(root.join("spec/openai_run_steps.yaml")).expect("read the spec");
    let tree = codegen::parse::parse(&source).unwrap_or_else(|e| panic!("the spec parses: {e:?}"));
    codegen::validate::validate(&tree).unwrap_or_else(|e| panic!("the spec validates: {e:?}"))
}

fn at<'v>(doc: &'v Value, pointer: &str) -> &'v Value {
    doc.pointer(pointer).unwrap_or_else(|| panic!("no {pointer} in the official description"))
}

/// A `$ref`'s target, or the schema itself.
fn resolve<'v>(doc: &'v Value, schema: &'v Value) -> &'v Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => at(doc, reference.trim_start_matches('#')),
        None => schema,
    }
}

/// `anyOf: [X, {type: null}]` is "X, nullable"; returns X and whether null is allowed.
fn non_null<'v>(doc: &'v Value, schema: &'v Value) -> (&'v Value, bool) {
    let schema = resolve(doc, schema);
    match schema.get("anyOf").and_then(Value::as_array) {
        Some(options) if options.iter().any(|o| o.get("type").and_then(Value::as_str) == Some("null")) => {
            let other = options.iter().find(|o| o.get("type").and_then(Value::as_str) != Some("null"));
            (resolve(doc, other.unwrap_or(schema)), true)
        }
        _ => (schema, false),
    }
}

/// Whitespace-insensitive text, so folded YAML paragraphs compare equal to joined lines.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn def<'a>(spec: &'a Model, name: &str) -> &'a TypeDef {
    spec.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("the spec defines `{name}`"))
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.body {
        Body::Object(object) => &object.fields,
        other => panic!("expected an object, found {other:?}"),
    }
}

#[test]
fn every_official_schema_has_the_same_fields_with_the_same_presence() {
    let (doc, spec) = (official(), spec());
    let mut problems = Vec::new();
    for (pointer, ours) in TYPES {
        let schema = at(&doc, pointer);
        let properties = schema["properties"].as_object().expect("an object schema");
        let required: BTreeSet<&str> =
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let our_fields = fields(def(&spec, ours));
        let theirs: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
        let mine: BTreeSet<&str> = our_fields.iter().map(|f| f.wire.as_str()).collect();
        if theirs != mine {
            problems.push(format!("{ours}: official fields {theirs:?}, spec fields {mine:?}"));
            continue;
        }
        for field in our_fields {
            let key = format!("{ours}.{}", field.wire);
            let (_, nullable) = non_null(&doc, &properties[&field.wire]);
            let ours = match field.presence {
                Presence::Required => "Required",
                Presence::Nullable { .. } => "Nullable",
                Presence::Optional => "Optional",
                Presence::OptionalNullable => "OptionalNullable",
            };
            let expected = match (required.contains(field.wire.as_str()), nullable) {
                (true, false) => "Required",
                (true, true) => "Nullable",
                // Optional alone reads the same (`null` as absent); both keep `null` apart.
                (false, true) if ours == "OptionalNullable" => "OptionalNullable",
                (false, _) => "Optional",
            };
            if ours != expected && !PRESENCE_DEVIATIONS.contains(&key.as_str()) {
                problems.push(format!("{key}: official {expected}, spec {ours}"));
            }
        }
    }
    assert!(problems.is_empty(), "the spec differs from the official description:\n{}", problems.join("\n"));
}

#[test]
fn field_kinds_and_constants_match() {
    let (doc, spec) = (official(), spec());
    let mut problems = Vec::new();
    for (pointer, ours) in TYPES {
        let properties = at(&doc, pointer)["properties"].as_object().expect("an object schema");
        for field in fields(def(&spec, ours)) {
            let key = format!("{ours}.{}", field.wire);
            let (schema, _) = non_null(&doc, &properties[&field.wire]);
            let values: Vec<&str> = schema["enum"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let official_kind = match (schema.get("type").and_then(Value::as_str), values.as_slice()) {
                (_, [one]) => format!("const {one}"),
                (_, [_, _, ..]) => "enum".to_owned(),
                (Some(kind), _) => kind.to_owned(),
                // A oneOf of objects: one of our unions.
                (None, _) if schema.get("oneOf").is_some() => "object".to_owned(),
                (None, _) => "object".to_owned(),
            };
            let our_kind = match &field.ty {
                FieldType::Const { value, .. } | FieldType::Tag { value } => format!("const {value}"),
                FieldType::Value(Ty::Array(_)) => "array".to_owned(),
                FieldType::Value(Ty::Scalar(scalar)) => scalar.name().to_owned(),
                FieldType::Value(Ty::Formatted(format)) => format.scalar().name().to_owned(),
                FieldType::Value(Ty::Named { name, .. }) => match &def(&spec, name).body {
                    Body::Enum(_) => "enum".to_owned(),
                    _ => "object".to_owned(),
                },
                FieldType::Value(Ty::Map(_) | Ty::Param(_)) => "object".to_owned(),
            };
            if official_kind != our_kind && !KIND_DEVIATIONS.contains(&key.as_str()) {
                problems.push(format!("{key}: official {official_kind}, spec {our_kind}"));
            }
        }
    }
    assert!(problems.is_empty(), "kinds differ from the official description:\n{}", problems.join("\n"));
}

#[test]
fn enums_have_the_official_values() {
    let (doc, spec) = (official(), spec());
    for (pointer, ours) in ENUMS {
        let theirs: Vec<&str> =
            at(&doc, pointer)["enum"].as_array().expect("an enum").iter().filter_map(Value::as_str).collect();
        let Body::Enum(values) = &def(&spec, ours).body else { panic!("`{ours}` is an enum") };
        let mine: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
        assert_eq!(mine, theirs, "`{ours}` ({pointer})");
    }
}

#[test]
fn descriptions_are_the_official_ones() {
    let (doc, spec) = (official(), spec());
    let mut problems = Vec::new();
    let mut compared = 0;
    for (pointer, ours) in TYPES {
        let properties = at(&doc, pointer)["properties"].as_object().expect("an object schema");
        for field in fields(def(&spec, ours)) {
            // The description may sit on the property, on its non-null option, or on a `$ref` target.
            let property = &properties[&field.wire];
            let (inner, _) = non_null(&doc, property);
            let official = [property, resolve(&doc, property), inner]
                .into_iter()
                .find_map(|s| s.get("description").and_then(Value::as_str));
            let (Some(official), Some(mine)) = (official, field.description.as_deref()) else { continue };
            compared += 1;
            if normalize(official) != normalize(mine) {
                problems.push(format!(
                    "{ours}.{}:\n  official: {}\n  spec:     {}",
                    field.wire,
                    normalize(official),
                    normalize(mine)
                ));
            }
        }
    }
    assert!(compared >= 40, "only {compared} descriptions compared: is the mapping complete?");
    assert!(problems.is_empty(), "descriptions differ from the official ones:\n{}", problems.join("\n"));
}

#[test]
fn operations_have_the_official_paths_and_parameters() {
    let (doc, spec) = (official(), spec());
    let paths = doc["paths"].as_object().expect("paths");
    for op in &spec.operations {
        let (path, item) = paths
            .iter()
            .find(|(_, item)| {
                item.get("get").and_then(|g| g.get("operationId")).and_then(Value::as_str) == Some(&op.id)
            })
            .unwrap_or_else(|| panic!("no official operation `{}`", op.id));
        assert_eq!(op.path, *path, "{}", op.id);
        assert_eq!(op.method, "GET", "{}", op.id);
        let get = &item["get"];
        assert_eq!(
            normalize(op.description.as_deref().unwrap_or_default()),
            normalize(get["summary"].as_str().unwrap_or_default()),
            "{}",
            op.id
        );
        let params = get["parameters"].as_array().expect("parameters");
        let named = |place: &str| -> Vec<&str> {
            params.iter().filter(|p| p["in"] == place).filter_map(|p| p["name"].as_str()).collect()
        };
        let path_params: Vec<&str> = op.path_params.iter().map(|p| p.wire.as_str()).collect();
        assert_eq!(path_params, named("path"), "{} path parameters", op.id);
        let query: Vec<&str> = op.query.iter().map(|p| p.wire.as_str()).collect();
        assert_eq!(query, named("query"), "{} query parameters", op.id);
        for param in &op.query {
            let theirs = params.iter().find(|p| p["name"] == param.wire.as_str()).expect("the parameter");
            let official_default = theirs["schema"].get("default").map(|d| d.to_string().trim_matches('"').to_owned());
            let our_default = param.default.as_ref().map(|d| match d {
                Literal::Int(i) => i.to_string(),
                Literal::Str(s) => s.clone(),
                other => format!("{other:?}"),
            });
            assert_eq!(our_default, official_default, "{}.{} default", op.id, param.wire);
            let official = theirs["description"].as_str().unwrap_or_default();
            assert_eq!(
                normalize(param.description.as_deref().unwrap_or_default()),
                normalize(official),
                "{}.{}",
                op.id,
                param.wire
            );
        }
    }
    assert_eq!(spec.operations.len(), 2, "listRunSteps and getRunStep");
}
