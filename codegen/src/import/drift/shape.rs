//! What the drift walkers share: the JSON Schema keywords that hold schemas, nullable
//! wrappers, names for union members, a one-line description of a schema's shape, and an
//! equality that ignores key order.

use crate::import::doc::{Object, Value};

/// Keywords whose value is one schema.
pub(super) const SCHEMA_KEYS: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
];

/// Keywords whose value maps names to schemas (`properties` first: it is the common one).
pub(super) const SCHEMA_MAPS: &[&str] =
    &["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

/// Keywords whose value is a list of schemas, named by [`member_labels`].
pub(super) const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// The unions: lists whose members are alternatives.
pub(super) const UNIONS: &[&str] = &["oneOf", "anyOf"];

/// Keywords that only document: a change to them alone is a change of text, not of shape.
pub(super) const TEXT_KEYS: &[&str] =
    &["description", "title", "summary", "example", "examples", "externalDocs", "$comment"];

/// Whether a key only documents (extensions included: `x-oaiMeta` holds examples).
pub(super) fn is_text_key(key: &str) -> bool {
    TEXT_KEYS.contains(&key) || key.starts_with("x-")
}

/// The non-null member of a nullable wrapper (`anyOf: [X, {type: 'null'}]`, either order):
/// OpenAPI 3.1's way of writing "X or null", which is no union of two types.
pub(super) fn nullable_inner(members: &[Value]) -> Option<&Value> {
    match members {
        [a, b] if is_null_schema(b) && !is_null_schema(a) => Some(a),
        [a, b] if is_null_schema(a) && !is_null_schema(b) => Some(b),
        _ => None,
    }
}

fn is_null_schema(schema: &Value) -> bool {
    schema.str_at("type") == Some("null")
}

/// A `$ref`'s target as the report names it: a component schema by its name, anything
/// else by the whole reference.
pub(super) fn ref_name(reference: &str) -> String {
    match reference.strip_prefix("#/components/schemas/") {
        Some(name) if !name.contains('/') => name.replace("~1", "/").replace("~0", "~"),
        _ => reference.to_owned(),
    }
}

/// Names for the members of a schema list, stable when members are added or removed
/// around them: a `$ref` member by its target; an inline one by its `title`, else by its
/// one-value `type` property (the discriminator's value), else by its one value (`const`,
/// one-value `enum`), else by its `type`, else by its position (`inline #i`). A name two
/// members share gets their position appended.
pub(super) fn member_labels(members: &[Value]) -> Vec<String> {
    let candidates: Vec<String> =
        members.iter().enumerate().map(|(i, m)| candidate_label(m).unwrap_or_else(|| format!("inline #{i}"))).collect();
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| if candidates.iter().filter(|d| *d == c).count() > 1 { format!("{c} #{i}") } else { c.clone() })
        .collect()
}

fn candidate_label(member: &Value) -> Option<String> {
    if let Some(reference) = member.str_at("$ref") {
        return Some(ref_name(reference));
    }
    if let Some(title) = member.str_at("title") {
        return Some(format!("inline {title:?}"));
    }
    let tag = member.get("properties").and_then(|p| p.get("type")).and_then(one_value);
    if let Some(tag) = tag {
        return Some(format!("inline type={}", tag.to_json()));
    }
    if let Some(value) = one_value(member) {
        return Some(format!("inline const {}", value.to_json()));
    }
    let words = type_words(member)?;
    // `anyOf: [{type: string}, {type: string, enum: [...]}]` (a known list, open to more) is common.
    let listed = if member.get("enum").is_some() { " enum" } else { "" };
    Some(format!("inline {words}{listed}"))
}

/// The one value a schema allows (`const`, or an `enum` of one value).
fn one_value(schema: &Value) -> Option<&Value> {
    if let Some(value) = schema.get("const") {
        return Some(value);
    }
    match schema.get("enum").and_then(Value::as_array) {
        Some([value]) => Some(value),
        _ => None,
    }
}

/// `type` as words: `string`, or `string | array` for a list of types.
fn type_words(schema: &Value) -> Option<String> {
    match schema.get("type")? {
        Value::String(t) => Some(t.clone()),
        Value::Array(types) => Some(types.iter().map(|t| t.as_str().unwrap_or("?")).collect::<Vec<_>>().join(" | ")),
        _ => None,
    }
}

/// A schema's shape in a few words, to say what it became: `RunStep` (a `$ref`),
/// `string | null`, `array of RunStep`, `anyOf`, `const "auto"`, `object`, `any`. Enum
/// values, union members and properties are compared on their own, so they are left out.
pub(super) fn describe(schema: &Value) -> String {
    let Some(object) = schema.as_object() else {
        // A boolean schema (`true`, `false`), or no schema at all.
        return schema.to_json();
    };
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        return ref_name(reference);
    }
    for keyword in UNIONS {
        if let Some(members) = object.get(keyword).and_then(Value::as_array) {
            return match nullable_inner(members) {
                Some(inner) => format!("{} | null", describe(inner)),
                None => (*keyword).to_owned(),
            };
        }
    }
    if object.get("allOf").is_some() {
        return "allOf".to_owned();
    }
    if let Some(value) = object.get("const") {
        return format!("const {}", value.to_json());
    }
    let mut words = match type_words(schema) {
        Some(words) if words == "array" => match object.get("items") {
            Some(items) => format!("array of {}", describe(items)),
            None => words,
        },
        Some(words) => words,
        None if object.get("properties").is_some() => "object".to_owned(),
        None if object.get("enum").is_some() => "enum".to_owned(),
        None => "any".to_owned(),
    };
    if object.get("nullable").and_then(Value::as_bool) == Some(true) {
        words.push_str(" | null");
    }
    words
}

/// Equality of values with object keys in any order (the order of keywords means nothing;
/// the order of `properties` is compared where it matters, by the schema walker).
pub(super) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => same_objects(x, y),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        _ => a == b,
    }
}

/// [`same`] for two schemas, ignoring every documenting keyword ([`is_text_key`]) at any
/// depth: whether two inline schemas differ in shape. A property named `description` is
/// no keyword: the names in `properties` (and the like) are all compared.
pub(super) fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let kept = |key: &&str| !is_text_key(key);
            let compare = |key: &str, v: &Value, w: &Value| match (v, w) {
                (Value::Object(v), Value::Object(w)) if SCHEMA_MAPS.contains(&key) => {
                    v.len() == w.len() && v.iter().all(|(name, s)| w.get(name).is_some_and(|t| same_shape(s, t)))
                }
                _ => same_shape(v, w),
            };
            x.keys().filter(kept).count() == y.keys().filter(kept).count()
                && x.iter().filter(|(k, _)| kept(k)).all(|(k, v)| y.get(k).is_some_and(|w| compare(k, v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_shape(v, w)),
        _ => a == b,
    }
}

fn same_objects(x: &Object, y: &Object) -> bool {
    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
}

/// A JSON pointer token for a key (`/` → `~1`, `~` → `~0`), so that addresses split cleanly.
pub(super) fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A value as short JSON for a report line: at most 60 characters.
pub(super) fn short_json(value: &Value) -> String {
    let json = value.to_json();
    if json.chars().count() <= 60 {
        return json;
    }
    let cut: String = json.chars().take(57).collect();
    format!("{cut}...")
}

/// Follows local `$ref`s (a parameter, request body or response defined in `components`)
/// to what they name; a reference that leads nowhere is left as it is.
pub(super) fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut here = value;
    // Bounded: a cycle of references must not hang the report.
    for _ in 0..16 {
        let target = here
            .str_at("$ref")
            .and_then(crate::import::doc::Pointer::from_fragment)
            .and_then(|pointer| doc.pointee(&pointer));
        match target {
            Some(target) => here = target,
            None => break,
        }
    }
    here
}
