//! YAML trees for the generator's properties: any YAML in the spec language's vocabulary,
//! and random specs in the language's shape, whose nodes are mostly well-formed so that the
//! cases reach validation, lowering and emitting.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_yaml::Value;

/// Every key the spec language knows: mutations and random trees use them so that cases get
/// past the shape checks into validation and lowering.
#[rustfmt::skip] // One key a line would make this list a page long.
pub const KEYS: &[&str] = &[
    "api", "title", "description", "version", "base_url", "base_url_env", "docs_url", "auth", "scheme", "env",
    "headers", "client_headers", "header", "rust_crate", "types", "operations", "fields", "type", "const",
    "nullable", "optional", "missing_as_null", "minimum", "maximum", "min_length", "max_length", "enum", "value",
    "rust_name", "deprecated", "union", "tag", "variants", "map", "max_entries", "max_key_length",
    "max_value_length", "params", "name", "method", "path", "path_params", "query", "required", "default",
    "response", "pagination", "style", "items", "cursor_param", "cursor_field", "has_more", "kinds", "extends",
];

/// Names that could trip a generator: keywords, reserved and std names, names that make no
/// identifier, type expressions, markup, control and bidirectional characters.
#[rustfmt::skip] // One name a line would make this list two pages long.
pub const ODD_NAMES: &[&str] = &[
    "self", "Self", "super", "crate", "type", "r#type", "fn", "async", "gen", "_", "__", "1abc", "9", "é", "名前",
    "a-b", "a b", "", " ", "\u{202e}x", "x\u{202e}", "x\u{0}y", "b\r", "a\nb", "a\r\nb", "a*/b", "x\u{2066}", "Result", "Option", "String", "Vec", "Box", "Default", "Unknown",
    "unknown", "string", "integer", "number", "boolean", "array", "map", "new", "send", "items", "validate",
    "builder", "call", "from_env", "base_url", "T", "array<string>", "map<integer>", "array<T>", "Page<T>",
    "X<Y, Z>", "map<", "<>", "{id}", "/a/{id}", "*/", "/*", "///", "#[x]", "`", "\\", "'\n'", "bearer", "GET",
    "get", "cursor", "https://example.com", "https://h/v1?x#y",
];

/// A name for a key or a value: odd, one the language knows, or any text.
pub fn name() -> impl Strategy<Value = String> {
    let any_text = vec(any::<char>(), 0..8).prop_map(String::from_iter);
    prop_oneof![
        2 => select(ODD_NAMES).prop_map(str::to_owned),
        2 => select(KEYS).prop_map(str::to_owned),
        1 => "[A-Z][a-zA-Z0-9]{0,8}",
        1 => any_text,
    ]
}

/// Any YAML value: scalars (NaN and infinities included), lists and maps whose keys are
/// mostly the language's, nested at most `depth` levels.
pub fn yaml(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|x| Value::Number(x.into())),
        name().prop_map(Value::String),
    ];
    let key = prop_oneof![
        4 => select(KEYS).prop_map(|k| Value::String(k.to_owned())),
        2 => name().prop_map(Value::String),
        1 => any::<i64>().prop_map(|n| Value::Number(n.into())),
        1 => any::<bool>().prop_map(Value::Bool),
    ];
    leaf.prop_recursive(depth, 48, 5, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Sequence),
            vec((key.clone(), inner), 0..5).prop_map(|entries| Value::Mapping(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Type names the spec-shaped trees define and refer to, so that references often resolve.
const TYPE_NAMES: &[&str] = &["A", "B", "Item", "Page", "Self", "string"];
/// Type expressions over those names, well-formed or not.
#[rustfmt::skip]
const TYPE_EXPRESSIONS: &[&str] = &[
    "A", "B", "Item", "Page<A>", "Page<Item>", "Page", "T", "string", "integer", "number", "boolean", "array<A>",
    "array<string>", "map<B>", "map<integer>", "array<array<Item>>", "A<B>", "array", "map<>",
];

/// A YAML mapping from (key, value) pairs whose value may be left out.
fn mapping(entries: Vec<(&str, Option<Value>)>) -> Value {
    Value::Mapping(entries.into_iter().filter_map(|(k, v)| Some((Value::String(k.to_owned()), v?))).collect())
}

/// Mostly `valid`, sometimes any YAML value or nothing.
fn usually(valid: impl Strategy<Value = Value> + 'static) -> BoxedStrategy<Option<Value>> {
    // Each node is broken rarely: a spec has dozens, and one broken node stops it at the shape checks.
    prop_oneof![40 => valid.prop_map(Some), 1 => yaml(1).prop_map(Some), 1 => Just(None)].boxed()
}

fn text() -> BoxedStrategy<Value> {
    prop_oneof![3 => Just(Value::String("Some text.".to_owned())), 1 => name().prop_map(Value::String)].boxed()
}

fn type_expression() -> BoxedStrategy<Value> {
    prop_oneof![4 => select(TYPE_EXPRESSIONS), 1 => select(ODD_NAMES)].prop_map(|s| Value::String(s.to_owned())).boxed()
}

fn flag() -> BoxedStrategy<Option<Value>> {
    prop_oneof![4 => Just(None), 1 => any::<bool>().prop_map(|b| Some(Value::Bool(b)))].boxed()
}

/// Mostly absent; otherwise a small whole number.
fn bound() -> BoxedStrategy<Option<Value>> {
    prop_oneof![8 => Just(None), 1 => (-2i64..5).prop_map(|n| Some(Value::Number(n.into())))].boxed()
}

/// A field: a type or a `const`, a description, presence flags, sometimes constraints.
fn field() -> BoxedStrategy<Value> {
    let kind = prop_oneof![4 => type_expression().prop_map(|t| ("type", t)), 1 => text().prop_map(|t| ("const", t))];
    (kind, usually(text()), flag(), flag(), flag(), bound(), bound())
        .prop_map(|((kind, ty), description, nullable, optional, missing, minimum, max_length)| {
            mapping(vec![
                (kind, Some(ty)),
                ("description", description),
                ("nullable", nullable),
                ("optional", optional),
                ("missing_as_null", missing),
                ("minimum", minimum),
                ("max_length", max_length),
            ])
        })
        .boxed()
}

fn entries(
    keys: impl Strategy<Value = String> + 'static,
    value: BoxedStrategy<Value>,
    most: usize,
) -> BoxedStrategy<Value> {
    vec((keys, value), 0..=most)
        .prop_map(|entries| Value::Mapping(entries.into_iter().map(|(k, v)| (Value::String(k), v)).collect()))
        .boxed()
}

fn field_names() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-z_]{1,6}", 1 => name()]
}

/// The keys of a union by kind: the JSON kinds, sometimes another name.
fn kind_names() -> impl Strategy<Value = String> {
    let kinds = select(&["string", "integer", "number", "boolean", "array", "object"][..]).prop_map(str::to_owned);
    prop_oneof![4 => kinds, 1 => name()]
}

/// A type definition: an object (sometimes extending another), an enum, a union (by tag,
/// members named or inline, or by kind) or a map.
fn type_def() -> BoxedStrategy<Value> {
    let object = entries(field_names(), field(), 4).prop_map(|fields| ("fields", fields));
    let values = vec(prop_oneof![3 => "[a-z_]{1,6}", 1 => name()].prop_map(Value::String), 0..4);
    let enumeration = values.prop_map(|v| ("enum", Value::Sequence(v)));
    let inline = entries(field_names(), field(), 3).prop_map(|fields| mapping(vec![("fields", Some(fields))]));
    let member = prop_oneof![3 => type_expression(), 1 => inline];
    let union = (prop_oneof![Just("type".to_owned()), name()], entries(field_names(), member.boxed(), 3)).prop_map(
        |(tag, variants)| ("union", mapping(vec![("tag", Some(Value::String(tag))), ("variants", Some(variants))])),
    );
    let by_kind =
        entries(kind_names(), type_expression(), 3).prop_map(|kinds| ("union", mapping(vec![("kinds", Some(kinds))])));
    let map = type_expression().prop_map(|t| ("map", t));
    let body = prop_oneof![3 => object, 1 => enumeration, 2 => union, 1 => by_kind, 1 => map];
    let params = prop_oneof![4 => Just(None), 1 => Just(Some(Value::Sequence(vec![Value::String("T".to_owned())])))];
    let extends = prop_oneof![4 => Just(None), 1 => type_expression().prop_map(Some)];
    (body, usually(text()), params, extends)
        .prop_map(|((kind, body), description, params, extends)| {
            // `extends` only on objects, mostly: elsewhere it is an unknown key.
            let extends = extends.filter(|_| kind == "fields" || description.is_none());
            mapping(vec![(kind, Some(body)), ("description", description), ("params", params), ("extends", extends)])
        })
        .boxed()
}

fn operation() -> BoxedStrategy<Value> {
    let method = prop_oneof![4 => Just("GET".to_owned()), 1 => name()].prop_map(Value::String);
    let path = prop_oneof![Just("/items/{id}"), Just("/items"), Just("/a/{id}/b/{id}"), Just("items"), Just("/{x}")]
        .prop_map(|p| Value::String(p.to_owned()));
    let params = entries(
        prop_oneof![Just("id".to_owned()), name()],
        usually(text()).prop_map(|d| mapping(vec![("description", d)])).boxed(),
        2,
    );
    let param = (usually(type_expression()), usually(text()), flag(), bound()).prop_map(
        |(ty, description, required, minimum)| {
            mapping(vec![("type", ty), ("description", description), ("required", required), ("minimum", minimum)])
        },
    );
    let query = entries(field_names(), param.boxed(), 3);
    (usually(text()), usually(method), usually(path), usually(params), usually(query), usually(type_expression()))
        .prop_map(|(description, method, path, path_params, query, response)| {
            mapping(vec![
                ("description", description),
                ("method", method),
                ("path", path),
                ("path_params", path_params),
                ("query", query),
                ("response", response),
            ])
        })
        .boxed()
}

/// A random spec in the language's shape: the required keys mostly there, types and
/// operations made of the language's constructs with random names, flags and references.
pub fn spec_tree() -> BoxedStrategy<Value> {
    let url = prop_oneof![4 => Just("https://example.com/v1".to_owned()), 1 => name()].prop_map(Value::String);
    let api = (usually(text()), usually(text()), usually(url)).prop_map(|(title, description, base_url)| {
        mapping(vec![("title", title), ("description", description), ("base_url", base_url)])
    });
    let type_names = prop_oneof![3 => select(TYPE_NAMES).prop_map(str::to_owned), 1 => name()];
    let types = entries(type_names, type_def(), 5);
    let operations = entries(prop_oneof![Just("getItem".to_owned()), name()], operation(), 2);
    (usually(api), usually(types), prop_oneof![1 => Just(None), 2 => operations.prop_map(Some)])
        .prop_map(|(api, types, operations)| mapping(vec![("api", api), ("types", types), ("operations", operations)]))
        .boxed()
}
