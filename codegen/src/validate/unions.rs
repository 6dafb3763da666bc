//! Checks on unions: variants, each a tag value that makes a variant name and a member
//! that is a plain object carrying that tag as a `const`. A member of one union used nowhere
//! else leaves its tag field to the union; one shared by several unions or used on its own
//! keeps it (see [`carriers`]). Once every type is resolved, [`link_members`] tells each
//! member object its unions.

use std::collections::{BTreeMap, BTreeSet};

use super::cx::{Cx, all_of};
use super::extends::all_fields;
use super::symbols::{BUILTIN_GENERICS, Symbols};
use crate::ast::{Field, FieldType, Spanned, TypeBody, TypeDef, TypeRef, Variant};
use crate::naming::{self, FALLBACK_VARIANT};
use crate::node_path::NodePath;
use crate::resolved::{self, Body, Membership};
use crate::values::{Presence, Scalar};

/// Variants cannot be renamed (yet), but a member left out still decodes, into `Unknown`:
/// that is the way out when a tag value makes no usable variant name.
const LEAVE_OUT: &str = "leave this member out of the union; its values then decode as `Unknown`";

pub(super) fn check<'a>(
    cx: &mut Cx<'_, 'a>,
    name: &str,
    def: &TypeDef,
    tag: &Spanned<String>,
    variants: &'a [Variant],
) -> Option<resolved::Union> {
    if variants.is_empty() {
        cx.error(
            &def.path.key("union").key("variants"),
            format!("union `{name}` has no variants"),
            "add a member per tag value, e.g. `variants: { text: TextContent }`",
        );
    }
    let mut seen: BTreeMap<String, &'a str> = BTreeMap::new();
    let variants = all_of(variants.iter().map(|variant| check_variant(cx, name, &tag.value, variant, &mut seen)));
    Some(resolved::Union { tag: tag.value.clone(), variants: variants? })
}

fn check_variant<'a>(
    cx: &mut Cx<'_, 'a>,
    union: &str,
    tag: &str,
    variant: &'a Variant,
    seen: &mut BTreeMap<String, &'a str>,
) -> Option<resolved::Variant> {
    let rust = variant_name(cx, variant, seen);
    let (member_name, member) = member(cx, variant)?;
    check_member(cx, tag, &variant.tag_value, &member_name, member, &variant.path);
    cx.members.entry(member_name.clone()).or_default().push((union.to_owned(), variant.path.clone()));
    Some(resolved::Variant {
        tag_value: variant.tag_value.clone(),
        rust: rust?,
        member: member_name,
        member_description: member.description.clone(),
        member_deprecated: member.deprecated.clone(),
        // Set by `link_members`, once every use is known.
        carries_tag: false,
    })
}

/// The UpperCamelCase of the tag value: neither the fallback's nor another value's.
fn variant_name<'v>(cx: &mut Cx<'_, '_>, variant: &'v Variant, seen: &mut BTreeMap<String, &'v str>) -> Option<String> {
    match naming::camel(&variant.tag_value) {
        Ok(rust) if rust == FALLBACK_VARIANT => {
            cx.error(
                &variant.path,
                format!(
                    "the tag value `{}` would be named `{FALLBACK_VARIANT}`, which keeps unknown members",
                    variant.tag_value
                ),
                LEAVE_OUT,
            );
            None
        }
        Ok(rust) => {
            if let Some(first) = seen.insert(rust.clone(), &variant.tag_value) {
                cx.error(
                    &variant.path,
                    format!("tag values `{first}` and `{}` both become the variant `{rust}`", variant.tag_value),
                    "keep one of the two; the other's values then decode as `Unknown`",
                );
            }
            Some(rust)
        }
        Err(problem) => {
            cx.error(&variant.path, format!("invalid tag value: {problem}"), LEAVE_OUT);
            None
        }
    }
}

/// The member type a variant names, with its definition: a named type without arguments,
/// or one defined in place (whose missing description is reported with its own symbol).
fn member<'v>(cx: &mut Cx<'_, 'v>, variant: &'v Variant) -> Option<(String, &'v TypeDef)> {
    match &variant.member {
        TypeRef::Expr(expr) => {
            let e = &expr.value;
            cx.check_member_expr(e, &expr.path);
            let known = cx.symbols.types.contains_key(&e.name)
                || Scalar::from_name(&e.name).is_some()
                || BUILTIN_GENERICS.contains(&e.name.as_str());
            match cx.symbols.def(&e.name) {
                Some(def) if e.args.is_empty() => Some((e.name.clone(), def)),
                // Unknown names were reported by `check_member_expr` already.
                _ if !known => None,
                _ => {
                    cx.error(
                        &expr.path,
                        format!("a union member must be a named object type, not `{e}`"),
                        "define an object type (with `fields`) and name it here",
                    );
                    None
                }
            }
        }
        TypeRef::Inline(def) => cx.symbols.by_path.get(&def.path).map(|name| (name.clone(), def.as_ref())),
        TypeRef::Array(_) => {
            cx.error(
                &variant.path,
                "a union member must be an object, not an array",
                "name an object type here, or define one in place with `fields`",
            );
            None
        }
    }
}

/// A union member must be a plain object whose tag field is a `const` of the variant's key.
fn check_member(cx: &mut Cx<'_, '_>, tag: &str, tag_value: &str, member_name: &str, member: &TypeDef, at: &NodePath) {
    let TypeBody::Object { .. } = &member.body else {
        cx.error(
            at,
            format!("union member `{member_name}` must be an object (with `fields`)"),
            format!(
                "list an object type here whose fields include `{tag}: {{ const: {tag_value}, description: ... }}`"
            ),
        );
        return;
    };
    if !member.params.is_empty() {
        cx.error(
            at,
            format!("union member `{member_name}` cannot be generic"),
            "list an object type without `params` here",
        );
    }
    let fields = all_fields(cx.symbols, member);
    check_tag_field(cx, tag, tag_value, member_name, &fields, at);
}

/// The member's field named after the tag: a required `const` of the variant's tag value.
fn check_tag_field(
    cx: &mut Cx<'_, '_>,
    tag: &str,
    tag_value: &str,
    member_name: &str,
    fields: &[&Field],
    at: &NodePath,
) {
    match fields.iter().copied().find(|f| f.wire == tag) {
        None => cx.error(
            at,
            format!("union member `{member_name}` has no `{tag}` field to carry the tag"),
            format!("add `{tag}: {{ const: {tag_value}, description: ... }}` to its fields"),
        ),
        Some(Field { ty: FieldType::Const(value), .. }) if value.value == tag_value => {}
        Some(Field { ty: FieldType::Const(value), .. }) => cx.error(
            &value.path,
            format!(
                "union member `{member_name}` has `{tag}: {}`, but the union maps the tag value `{tag_value}` to it",
                value.value
            ),
            format!("make the union's key `{}`, or the member's const `{tag_value}`", value.value),
        ),
        Some(field) => cx.error(
            &field.path,
            format!("the tag field `{tag}` of union member `{member_name}` must be a `const`"),
            format!("write `const: {tag_value}`"),
        ),
    }
    if let Some(field) = fields.iter().find(|f| f.wire == tag && f.presence != Presence::Required) {
        cx.error(
            &field.path,
            format!("the tag field `{tag}` must be required"),
            "remove `nullable`/`optional` from it: every member carries its tag",
        );
    }
}

/// The members whose structs keep their tag fields: those listed by several unions, and
/// those used on their own (as a field's type, a response, an array's items, ...). Such a
/// member must encode its tag wherever it stands, so the tag is a field of its struct, of
/// the `const`'s one-value enum type; a member of one union only leaves it to the union.
pub(super) fn carriers(cx: &Cx<'_, '_>) -> BTreeSet<String> {
    cx.members
        .iter()
        .filter(|(member, unions)| unions.len() > 1 || cx.refs.get(*member).is_some_and(|uses| !uses.is_empty()))
        .map(|(member, _)| member.clone())
        .collect()
}

/// The one-value enum the tag `const` of a member of one union would be is no type of its
/// own (the union reads and writes the tag: see [`link_members`]), so nothing may name it.
pub(super) fn check_tag_type_uses(cx: &mut Cx<'_, '_>, carriers: &BTreeSet<String>) {
    let mut found = Vec::new();
    for (member, unions) in &cx.members {
        let [(union, _)] = unions.as_slice() else { continue };
        if carriers.contains(member) {
            continue;
        }
        let Some((tag_type, value)) = tag_type(cx.symbols, member, union) else { continue };
        for used in cx.refs.get(&tag_type).into_iter().flatten() {
            found.push((used.clone(), tag_type.clone(), value, member.clone(), union.clone()));
        }
    }
    for (used, tag_type, value, member, union) in found {
        cx.error(
            &used,
            format!(
                "`{tag_type}` is not generated: it would be the type of the tag of `{member}`, which its union `{union}` owns"
            ),
            format!(
                "in a field, write `const: {value}` (a type of its own); elsewhere, define an enum type with the value `{value}`"
            ),
        );
    }
}

/// The name of the one-value enum behind `member`'s tag `const` in `union`, and its value.
fn tag_type<'a>(symbols: &Symbols<'a>, member: &str, union: &str) -> Option<(String, &'a str)> {
    let TypeBody::Union { tag, .. } = &symbols.def(union)?.body else { return None };
    // Its own field: an inherited tag's type is the base's, generated for the base.
    let TypeBody::Object { fields } = &symbols.def(member)?.body else { return None };
    let field = fields.iter().find(|f| f.wire == tag.value)?;
    let FieldType::Const(value) = &field.ty else { return None };
    Some((symbols.by_path.get(&field.path)?.clone(), value.value.as_str()))
}

/// Tells each member object its unions. A member of one union only (not in `carriers`)
/// leaves its tag field to the union (no field of its struct), and the one-value enum behind
/// that field's `const` is no type of its own; a carrier keeps both.
pub(super) fn link_members(mut types: Vec<resolved::TypeDef>, carriers: &BTreeSet<String>) -> Vec<resolved::TypeDef> {
    let mut memberships: BTreeMap<String, Vec<Membership>> = BTreeMap::new();
    for ty in &mut types {
        let Body::Union(union) = &mut ty.body else { continue };
        for variant in &mut union.variants {
            variant.carries_tag = carriers.contains(&variant.member);
            let membership = Membership {
                union: ty.name.clone(),
                union_module: ty.module.clone(),
                tag: union.tag.clone(),
                tag_value: variant.tag_value.clone(),
                carries_tag: variant.carries_tag,
            };
            memberships.entry(variant.member.clone()).or_default().push(membership);
        }
    }
    let mut tag_types = BTreeSet::new();
    for ty in &mut types {
        let (Body::Object(object), Some(unions)) = (&mut ty.body, memberships.get(&ty.name)) else { continue };
        for membership in unions.iter().filter(|m| !m.carries_tag) {
            for field in object.fields.iter_mut().filter(|f| f.wire == membership.tag) {
                if let resolved::FieldType::Const { type_name, .. } = &field.ty {
                    tag_types.insert(type_name.clone());
                }
                field.ty = resolved::FieldType::Tag { value: membership.tag_value.clone() };
            }
        }
        object.member_of = unions.clone();
    }
    // A tag inherited from a base (`extends`) keeps its type, which the base's field names.
    for ty in &types {
        let Body::Object(object) = &ty.body else { continue };
        for field in &object.fields {
            if let resolved::FieldType::Const { type_name, .. } = &field.ty {
                tag_types.remove(type_name);
            }
        }
    }
    types.retain(|ty| !(matches!(ty.body, Body::Const { .. }) && tag_types.contains(&ty.name)));
    types
}
