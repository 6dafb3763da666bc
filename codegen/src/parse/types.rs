//! Parsing `types`: objects, enums, unions, maps and type references.

use serde_yaml::Value;

use super::reader::{CONSTRAINT_KEYS, Obj, kind, string_value};
use super::type_expr::parse_type_expr;
use crate::ast::{EnumValue, Field, FieldSets, FieldType, KindMember, Spanned, TypeBody, TypeDef, TypeRef, Variant};
use crate::diagnostics::Diagnostics;
use crate::node_path::NodePath;
use crate::values::{MapLimits, Presence};

pub(super) fn type_defs(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<TypeDef> {
    let hint = "write `types: {}` when there are none, or one `Name:` entry per type, indented below it";
    let Some(obj) = Obj::new(value, path, "`types`", hint, d) else {
        return Vec::new();
    };
    obj.entries(d)
        .into_iter()
        .filter_map(|(name, value, path)| {
            let name = Spanned { value: name.to_owned(), path: path.clone() };
            type_def(value, &path, Some(name), false, d)
        })
        .collect()
}

const KINDS: [&str; 4] = ["fields", "enum", "union", "map"];
const MAP_LIMITS: [&str; 3] = ["max_entries", "max_key_length", "max_value_length"];

/// A named type (`inline == false`) or one defined in place.
fn type_def(
    value: &Value,
    path: &NodePath,
    name: Option<Spanned<String>>,
    inline: bool,
    d: &mut Diagnostics,
) -> Option<TypeDef> {
    let hint = "a type is a mapping with `description` and one of `fields`, `enum`, `union` or `map`";
    let obj = Obj::new(value, path, "a type", hint, d)?;
    let kinds: Vec<&str> = KINDS.iter().copied().filter(|k| obj.get(k).is_some()).collect();
    let mut allowed = vec!["description", "deprecated", "keep_unknown_fields"];
    allowed.push(if inline { "name" } else { "params" });
    allowed.extend(KINDS);
    if kinds == ["map"] {
        allowed.extend(MAP_LIMITS);
    }
    if kinds == ["fields"] {
        allowed.extend(["extends", "requires"]);
    }
    obj.known(&allowed, d);
    let body = type_body(&obj, &kinds, path, d);
    let name = if inline { obj.spanned_string("name", d) } else { name };
    let params = params(&obj, d);
    let extends = if kinds == ["fields"] { extends(&obj, d) } else { Vec::new() };
    Some(TypeDef {
        name,
        description: obj.description(d),
        deprecated: obj.deprecated(d),
        params,
        extends,
        body: body?,
        keep_unknown_fields: obj
            .get("keep_unknown_fields")
            .map(|(_, path)| Spanned { value: obj.bool("keep_unknown_fields", d), path }),
        requires: obj.get("requires").and_then(|(v, p)| requires(v, &p, d)),
        path: path.clone(),
    })
}

/// The body of a type of exactly one kind (`kinds` are the kind keys it has).
fn type_body(obj: &Obj<'_>, kinds: &[&str], path: &NodePath, d: &mut Diagnostics) -> Option<TypeBody> {
    match kinds {
        ["fields"] => obj.get("fields").map(|(v, p)| TypeBody::Object { fields: fields(v, &p, d) }),
        ["enum"] => obj.get("enum").map(|(v, p)| TypeBody::Enum { values: enum_values(v, &p, d) }),
        ["union"] => obj.get("union").and_then(|(v, p)| union(v, &p, d)),
        ["map"] => obj.get("map").and_then(|(v, p)| {
            let limits = MapLimits {
                max_entries: obj.u64("max_entries", d),
                max_key_length: obj.u64("max_key_length", d),
                max_value_length: obj.u64("max_value_length", d),
            };
            Some(TypeBody::Map { value: type_ref(v, &p, d)?, limits })
        }),
        [] => {
            d.error(
                path,
                "a type needs one of `fields`, `enum`, `union` or `map`",
                Some("add one, e.g. `fields: { ... }` or `enum: [open, closed]`; see spec/README.md".into()),
            );
            None
        }
        several => {
            d.error(
                path,
                format!("a type is exactly one kind, but this one has {}", several.join(" and ")),
                Some("keep one of them, and define the other as a type of its own".into()),
            );
            None
        }
    }
}

/// `params: [T, U]`: a generic type's parameters.
fn params(obj: &Obj<'_>, d: &mut Diagnostics) -> Vec<Spanned<String>> {
    match obj.get("params") {
        Some((Value::Sequence(items), p)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| string_value(v, &p.index(i), d).map(|value| Spanned { value, path: p.index(i) }))
            .collect(),
        Some((other, p)) => {
            let example = other.as_str().unwrap_or("T");
            d.error(
                &p,
                format!("`params` must be a list of names, found {}", kind(other)),
                Some(format!("write `params: [{example}]`")),
            );
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// A type expression (`string`, `array<T>`, `Name<A>`), `{ array: <type> }`, or an inline type.
pub(super) fn type_ref(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<TypeRef> {
    match value {
        Value::String(text) => match parse_type_expr(text) {
            Ok(expr) => Some(TypeRef::Expr(Spanned { value: expr, path: path.clone() })),
            Err(message) => {
                d.error(
                    path,
                    format!("invalid type expression `{}`: {message}", shorten(text)),
                    Some("type expressions are `Name` or `Name<Arg, ...>`; see spec/README.md".into()),
                );
                None
            }
        },
        Value::Mapping(map) if map.len() == 1 && map.contains_key("array") => {
            let item_path = path.key("array");
            let item = type_ref(&map["array"], &item_path, d)?;
            Some(TypeRef::Array(Box::new(item)))
        }
        Value::Mapping(_) => type_def(value, path, None, true, d).map(|def| TypeRef::Inline(Box::new(def))),
        other => {
            d.error(
                path,
                format!("expected a type expression or an inline type, found {}", kind(other)),
                Some("write a type such as `string` or `array<Thing>`, or define one in place as a mapping".into()),
            );
            None
        }
    }
}

fn fields(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<Field> {
    let hint = "write `fields: {}` for none, or one `name: { type: ..., description: ... }` entry per field";
    let Some(obj) = Obj::new(value, path, "`fields`", hint, d) else {
        return Vec::new();
    };
    obj.entries(d).into_iter().filter_map(|(wire, value, path)| field(wire, value, &path, d)).collect()
}

fn field(wire: &str, value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Field> {
    // `id: string` is a likely slip for `id: { type: string }`: the hint keeps the type written.
    let ty = value.as_str().unwrap_or("string");
    let obj = Obj::new(value, path, "a field", &format!("write `{wire}: {{ type: {ty}, description: ... }}`"), d)?;
    let mut allowed = vec![
        "type",
        "const",
        "description",
        "deprecated",
        "nullable",
        "optional",
        "missing_as_null",
        "rust_name",
        "format",
    ];
    allowed.extend(CONSTRAINT_KEYS);
    obj.known(&allowed, d);
    let ty = match (obj.get("type"), obj.get("const")) {
        (Some((v, p)), None) => type_ref(v, &p, d).map(FieldType::Ref),
        (None, Some((v, p))) => string_value(v, &p, d).map(|value| FieldType::Const(Spanned { value, path: p })),
        (None, None) => {
            d.error(
                path,
                format!("field `{wire}` needs `type` (or `const` for a fixed string)"),
                Some("add e.g. `type: string`, `type: array<Thing>` or `const: thing`".into()),
            );
            None
        }
        (Some(_), Some((_, p))) => {
            d.error(
                &p,
                "a field has either `type` or `const`, not both",
                Some("a `const` field's type is always a string".into()),
            );
            None
        }
    };
    let (nullable, optional) = (obj.bool("nullable", d), obj.bool("optional", d));
    let missing_as_null = obj.bool("missing_as_null", d);
    let presence = match (nullable, optional) {
        (false, false) => Presence::Required,
        (true, false) => Presence::Nullable { missing_as_null },
        (false, true) => Presence::Optional,
        (true, true) => Presence::OptionalNullable,
    };
    if missing_as_null && !matches!(presence, Presence::Nullable { .. }) {
        let hint = match presence {
            Presence::Optional => "remove it: an `optional` field already decodes as `None` when absent",
            Presence::OptionalNullable => {
                "remove it: an `optional` and `nullable` field keeps absent and `null` apart (`None`, `Some(None)`)"
            }
            _ => "add `nullable: true` if the API may send null here, or remove `missing_as_null`",
        };
        d.error(&path.key("missing_as_null"), "`missing_as_null` only applies to `nullable` fields", Some(hint.into()));
    }
    Some(Field {
        wire: wire.to_owned(),
        rust_name: obj.spanned_string("rust_name", d),
        description: obj.description(d),
        deprecated: obj.deprecated(d),
        ty: ty?,
        presence,
        constraints: obj.constraints(d),
        format: obj.spanned_string("format", d),
        path: path.clone(),
    })
}

fn enum_values(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<EnumValue> {
    let Value::Sequence(items) = value else {
        d.error(
            path,
            format!("`enum` must be a list of values, found {}", kind(value)),
            Some("write the values as a list: `enum: [open, closed]`".into()),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = path.index(i);
        let value = match item {
            Value::Mapping(_) => {
                let Some(obj) = Obj::new(item, &path, "an enum value", "write `- value: open`", d) else {
                    continue;
                };
                obj.known(&["value", "description", "rust_name", "deprecated"], d);
                let Some(value) = obj.required_string("value", "add the wire value, e.g. `value: open`", d) else {
                    continue;
                };
                EnumValue {
                    value: value.value,
                    rust_name: obj.spanned_string("rust_name", d),
                    description: obj.description(d),
                    deprecated: obj.deprecated(d),
                    path,
                }
            }
            other => {
                let Some(value) = string_value(other, &path, d) else {
                    continue;
                };
                EnumValue { value, rust_name: None, description: None, deprecated: None, path }
            }
        };
        out.push(value);
    }
    out
}

/// `requires: { any_of: [...] }` or `{ one_of: [...] }`: each entry a field's name or a list
/// of them.
fn requires(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<FieldSets> {
    let hint = "write `requires: { any_of: [file_id, [url, name]] }` (or `one_of:`): sets of optional fields";
    let obj = Obj::new(value, path, "`requires`", hint, d)?;
    obj.known(&["any_of", "one_of"], d);
    let (key, exactly_one) = match (obj.get("any_of"), obj.get("one_of")) {
        (Some(_), None) => ("any_of", false),
        (None, Some(_)) => ("one_of", true),
        _ => {
            d.error(path, "`requires` takes exactly one of `any_of` and `one_of`", Some(hint.into()));
            return None;
        }
    };
    let (list, at) = obj.get(key)?;
    let Value::Sequence(entries) = list else {
        d.error(&at, format!("`{key}` is a list of field sets"), Some(hint.into()));
        return None;
    };
    let names = |value: &Value, at: &NodePath, d: &mut Diagnostics| -> Vec<Spanned<String>> {
        match value {
            Value::Sequence(names) => names
                .iter()
                .enumerate()
                .filter_map(|(i, v)| string_value(v, &at.index(i), d).map(|value| Spanned { value, path: at.index(i) }))
                .collect(),
            other => {
                string_value(other, at, d).map(|value| vec![Spanned { value, path: at.clone() }]).unwrap_or_default()
            }
        }
    };
    let sets = entries.iter().enumerate().map(|(i, entry)| names(entry, &at.index(i), d)).collect();
    Some(FieldSets { exactly_one, sets, path: at })
}

/// `extends: Base` or `extends: [A, B]`: the names of the objects extended, in order.
fn extends(obj: &Obj<'_>, d: &mut Diagnostics) -> Vec<Spanned<String>> {
    let Some((value, path)) = obj.get("extends") else { return Vec::new() };
    match value {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| string_value(v, &path.index(i), d).map(|value| Spanned { value, path: path.index(i) }))
            .collect(),
        other => string_value(other, &path, d).map(|value| vec![Spanned { value, path }]).unwrap_or_default(),
    }
}

fn union(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<TypeBody> {
    let obj = Obj::new(value, path, "`union`", "write `union: { tag: type, variants: { ... } }`", d)?;
    if obj.get("kinds").is_some() {
        return kind_union(&obj, d);
    }
    obj.known(&["tag", "untagged", "variants"], d);
    let tag = obj.required_string("tag", "add the name of the field that selects the member, e.g. `tag: type`", d);
    let untagged =
        obj.get("untagged").and_then(|(v, path)| string_value(v, &path, d).map(|value| Spanned { value, path }));
    let variants_hint = "map each tag value to its member type, e.g. `variants: { text: TextContent }`";
    let (variants_value, variants_path) = obj.required("variants", variants_hint, d)?;
    let variants_obj = Obj::new(variants_value, &variants_path, "`variants`", variants_hint, d)?;
    let mut variants = Vec::new();
    for (tag_value, member, path) in variants_obj.entries(d) {
        if member.get("members").is_some() {
            variants.extend(shared_variants(tag_value, member, &path, d));
        } else if let Some(member) = type_ref(member, &path, d) {
            variants.push(Variant { tag_value: tag_value.to_owned(), member, by: None, path });
        }
    }
    Some(TypeBody::Union { tag: tag?, untagged, variants })
}

/// `value: { by: role, members: [A, B] }`: members sharing one tag value, told apart by
/// the field `by`, one `Variant` each in the order listed.
fn shared_variants(tag_value: &str, value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<Variant> {
    let hint = "write `{ by: <field that tells the members apart>, members: [A, B] }`";
    let Some(obj) = Obj::new(value, path, "members sharing a tag value", hint, d) else { return Vec::new() };
    obj.known(&["by", "members"], d);
    let by = obj.required_string("by", "add the field whose value tells these members apart, e.g. `by: role`", d);
    let Some((members, members_path)) = obj.get("members") else { return Vec::new() };
    let Value::Sequence(members) = members else {
        d.error(&members_path, "`members` must be a list of member types", Some(hint.into()));
        return Vec::new();
    };
    if members.len() < 2 {
        d.error(
            &members_path,
            "`members` lists fewer than two members",
            Some("map the tag value to the member itself".into()),
        );
    }
    let Some(by) = by else { return Vec::new() };
    members
        .iter()
        .enumerate()
        .filter_map(|(i, member)| {
            let at = members_path.index(i);
            let member = type_ref(member, &at, d)?;
            Some(Variant { tag_value: tag_value.to_owned(), member, by: Some(by.clone()), path: at })
        })
        .collect()
}

/// `union: { kinds: { string: string, array: array<Part> } }`: a member per JSON kind.
fn kind_union(obj: &Obj<'_>, d: &mut Diagnostics) -> Option<TypeBody> {
    for (key, _, path) in obj.entries(d) {
        if key != "kinds" {
            let hint = match key {
                "tag" | "variants" => {
                    "a union is decided by a tag (`tag` and `variants`) or by JSON kind (`kinds`), not both"
                }
                _ => "a union by JSON kind has only `kinds`",
            };
            d.error(&path, format!("unknown key `{key}` beside `kinds`"), Some(hint.into()));
        }
    }
    let hint = "map each JSON kind to its member type, e.g. `kinds: { string: string, array: array<Part> }`";
    let (value, path) = obj.get("kinds")?;
    let kinds_obj = Obj::new(value, &path, "`kinds`", hint, d)?;
    let kinds = kinds_obj
        .entries(d)
        .into_iter()
        .filter_map(|(kind, member, path)| {
            let member = type_ref(member, &path, d)?;
            Some(KindMember { kind: kind.to_owned(), member, path })
        })
        .collect();
    Some(TypeBody::KindUnion { kinds })
}

/// A written value as shown in a message: long ones are cut, so one error stays one line.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}
