//! Checks on enums and on the one-value enums behind `const` fields: values listed once,
//! each making a variant name of its own that is not the fallback's.

use std::collections::{BTreeMap, BTreeSet};

use super::cx::{Cx, all_of};
use super::names::rust_name_hint;
use crate::ast::{EnumValue, Field, TypeDef};
use crate::naming::{self, FALLBACK_VARIANT};
use crate::resolved;

pub(super) fn check(
    cx: &mut Cx<'_, '_>,
    name: &str,
    def: &TypeDef,
    values: &[EnumValue],
) -> Option<Vec<resolved::EnumValue>> {
    if values.is_empty() {
        cx.error(
            &def.path.key("enum"),
            format!("enum `{name}` has no values"),
            "list at least one value: `enum: [open, closed]`",
        );
    }
    let mut wire_seen: BTreeSet<&str> = BTreeSet::new();
    let mut rust_seen: BTreeMap<String, &str> = BTreeMap::new();
    all_of(values.iter().map(|value| check_value(cx, value, &mut wire_seen, &mut rust_seen)))
}

fn check_value<'v>(
    cx: &mut Cx<'_, '_>,
    value: &'v EnumValue,
    wire_seen: &mut BTreeSet<&'v str>,
    rust_seen: &mut BTreeMap<String, &'v str>,
) -> Option<resolved::EnumValue> {
    if !wire_seen.insert(&value.value) {
        cx.error(&value.path, format!("the value `{}` is listed twice", value.value), "remove this one");
        return None;
    }
    let rust = variant_name(cx, value)?;
    check_variant_name(cx, value, &rust, rust_seen);
    Some(resolved::EnumValue {
        wire: value.value.clone(),
        rust,
        description: value.description.clone(),
        deprecated: value.deprecated.clone(),
    })
}

/// A `rust_name` checked as written, else the UpperCamelCase of the value.
fn variant_name(cx: &mut Cx<'_, '_>, value: &EnumValue) -> Option<String> {
    match &value.rust_name {
        Some(rn) => match naming::check_camel_rust_name(&rn.value) {
            Ok(()) => Some(rn.value.clone()),
            Err(problem) => {
                cx.error(&rn.path, format!("invalid `rust_name`: {problem}"), rust_name_hint(&rn.value, false));
                None
            }
        },
        None => match naming::camel(&value.value) {
            Ok(rust) => Some(rust),
            Err(problem) => {
                cx.error(
                    &value.path,
                    format!("invalid enum value name: {problem}"),
                    "set `rust_name` to choose the Rust name",
                );
                None
            }
        },
    }
}

/// The variant is neither the fallback nor another value's.
fn check_variant_name<'v>(
    cx: &mut Cx<'_, '_>,
    value: &'v EnumValue,
    rust: &str,
    rust_seen: &mut BTreeMap<String, &'v str>,
) {
    if rust == FALLBACK_VARIANT {
        cx.error(
            &value.path,
            format!("`{}` would be the variant `{FALLBACK_VARIANT}`, which keeps unknown values", value.value),
            "set `rust_name` to another name",
        );
    } else if let Some(first) = rust_seen.insert(rust.to_owned(), &value.value) {
        cx.error(
            &value.path,
            format!("values `{first}` and `{}` both become the variant `{rust}`", value.value),
            "set `rust_name` on one of them",
        );
    }
}

/// A const becomes a one-value enum, so its value must make a variant name: its name.
pub(super) fn check_const(cx: &mut Cx<'_, '_>, field: &Field, value: &str) -> Option<String> {
    let at = field.path.key("const");
    // A const's variant cannot be renamed, so the way out is a plain string field.
    let instead = "use `type: string` for this field instead, and give the value in its description";
    match naming::camel(value) {
        _ if value.is_empty() => {
            cx.error(
                &at,
                "a `const` value cannot be empty",
                "write the value the API always sends, e.g. `const: thread.run.step`",
            );
            None
        }
        Ok(rust) if rust == FALLBACK_VARIANT => {
            cx.error(
                &at,
                format!("the const `{value}` would be the variant `{FALLBACK_VARIANT}`, which keeps unknown values"),
                instead,
            );
            None
        }
        Ok(rust) => Some(rust),
        Err(problem) => {
            cx.error(&at, format!("invalid const value: {problem}"), instead);
            None
        }
    }
}
