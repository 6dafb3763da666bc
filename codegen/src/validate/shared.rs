//! Checks on the two ways a union reads an object it cannot pick by the tag alone: several
//! members sharing one tag value (`value: { by: role, members: [A, B] }`), told apart by a
//! second field, and the `untagged` member, which objects without the tag decode as.

use std::collections::BTreeMap;

use super::cx::Cx;
use super::extends::all_fields;
use super::symbols::Symbols;
use super::unions::enum_values;
use crate::ast::{FieldType, Spanned, TypeBody, TypeDef};
use crate::node_path::NodePath;
use crate::resolved;
use crate::values::Presence;

/// The values of `member`'s field `by` that select it among the members sharing its tag
/// value: the field must be required and a `const` or an enum; the member listed once.
pub(super) fn by_values(
    cx: &mut Cx<'_, '_>,
    (member_name, member): (&str, &TypeDef),
    by: &Spanned<String>,
    at: &NodePath,
    listings: &BTreeMap<&str, usize>,
) -> Option<resolved::Shared> {
    if listings.get(member_name).is_some_and(|n| *n > 1) {
        cx.error(
            at,
            format!("`{member_name}` shares a tag value with other members, and is listed again in this union"),
            "list a member that shares its tag value once",
        );
        return None;
    }
    let by_name = &by.value;
    let fields = all_fields(cx.symbols, member);
    let Some(field) = fields.iter().copied().find(|f| f.wire == *by_name) else {
        cx.error(
            at,
            format!("union member `{member_name}` has no `{by_name}` field to tell it apart from the members sharing its tag value"),
            format!("add `{by_name}` to its fields (a `const` or an enum), or tell the members apart by another field"),
        );
        return None;
    };
    let values = match (&field.ty, enum_values(cx.symbols, &field.ty)) {
        (FieldType::Const(value), _) => vec![value.value.clone()],
        (_, Some(values)) => values.into_iter().map(str::to_owned).collect(),
        (_, None) => {
            cx.error(
                &field.path,
                format!("the field `{by_name}` of `{member_name}` tells it apart from other members, so it must be a `const` or an enum"),
                "give it a `const`, or an enum of the values that select this member",
            );
            return None;
        }
    };
    if field.presence != Presence::Required {
        cx.error(
            &field.path,
            format!(
                "the field `{by_name}` of `{member_name}` tells it apart from other members, so it must be required"
            ),
            "remove `nullable`/`optional` from it",
        );
        return None;
    }
    Some(resolved::Shared { by: by_name.clone(), values })
}

/// The member named by `untagged`, which must be one of the union's.
pub(super) fn untagged(
    cx: &mut Cx<'_, '_>,
    untagged: &Spanned<String>,
    variants: &[resolved::Variant],
) -> Option<String> {
    if variants.iter().any(|v| v.member == untagged.value) {
        return Some(untagged.value.clone());
    }
    cx.error(
        &untagged.path,
        format!("`untagged` names `{}`, which is not a member of this union", untagged.value),
        "name a member listed in `variants` (its tag field optional)",
    );
    None
}

/// Whether `member` is `union`'s member for objects without the tag (it keeps its tag field,
/// optional, so that it encodes what it decoded).
pub(super) fn is_untagged(symbols: &Symbols<'_>, member: &str, union: &str) -> bool {
    let Some(TypeBody::Union { untagged: Some(untagged), .. }) = symbols.def(union).map(|d| &d.body) else {
        return false;
    };
    untagged.value == member
}
