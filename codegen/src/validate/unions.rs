//! Checks on unions: variants, each a tag value that makes a variant name and a member
//! that is a plain object carrying that tag as a `const`; a member belongs to one union and
//! is used nowhere else, since the union owns its tag field. Once every type is resolved,
//! [`link_members`] tells each member object its union.

use std::collections::{BTreeMap, BTreeSet};

use super::cx::{Cx, all_of};
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
    check_one_union(cx, union, &member_name, &variant.path);
    Some(resolved::Variant {
        tag_value: variant.tag_value.clone(),
        rust: rust?,
        member: member_name,
        member_description: member.description.clone(),
        member_deprecated: member.deprecated.clone(),
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
    let TypeBody::Object { fields } = &member.body else {
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
    check_tag_field(cx, tag, tag_value, member_name, fields, at);
}

/// The member's field named after the tag: a required `const` of the variant's tag value.
fn check_tag_field(
    cx: &mut Cx<'_, '_>,
    tag: &str,
    tag_value: &str,
    member_name: &str,
    fields: &[Field],
    at: &NodePath,
) {
    match fields.iter().find(|f| f.wire == tag) {
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

/// A member belongs to one union only.
fn check_one_union(cx: &mut Cx<'_, '_>, union: &str, member_name: &str, at: &NodePath) {
    if let Some((other, _)) = cx.members.get(member_name) {
        cx.error(
            at,
            format!("`{member_name}` is already a member of union `{other}`"),
            "a member belongs to one union only",
        );
    } else {
        cx.members.insert(member_name.to_owned(), (union.to_owned(), at.clone()));
    }
}

/// A union member may be used nowhere but in its union (the union owns its tag field).
pub(super) fn check_member_uses(cx: &mut Cx<'_, '_>) {
    let mut found = Vec::new();
    for (member, (union, path)) in &cx.members {
        for used in cx.refs.get(member).into_iter().flatten() {
            found.push((used.clone(), member.clone(), union.clone(), path.clone()));
        }
    }
    for (used, member, union, path) in found {
        cx.error(
            &used,
            format!("`{member}` is a member of union `{union}` and cannot also be used on its own"),
            format!(
                "the union owns the member's tag field; use `{union}` here, or define a separate type (member listed at {path})"
            ),
        );
    }
}

/// The one-value enum a member's tag `const` would be is no type of its own (the union
/// reads and writes the tag: see [`link_members`]), so nothing may name it.
pub(super) fn check_tag_type_uses(cx: &mut Cx<'_, '_>) {
    let mut found = Vec::new();
    for (member, (union, _)) in &cx.members {
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
    let TypeBody::Object { fields } = &symbols.def(member)?.body else { return None };
    let field = fields.iter().find(|f| f.wire == tag.value)?;
    let FieldType::Const(value) = &field.ty else { return None };
    Some((symbols.by_path.get(&field.path)?.clone(), value.value.as_str()))
}

/// Tells each member object its union: its tag field becomes the union's (no field of its
/// struct), and the one-value enum behind that field's `const` is no type of its own.
pub(super) fn link_members(mut types: Vec<resolved::TypeDef>) -> Vec<resolved::TypeDef> {
    let mut memberships: BTreeMap<String, Membership> = BTreeMap::new();
    for ty in &types {
        let Body::Union(union) = &ty.body else { continue };
        for variant in &union.variants {
            let membership = Membership {
                union: ty.name.clone(),
                union_module: ty.module.clone(),
                tag: union.tag.clone(),
                tag_value: variant.tag_value.clone(),
            };
            memberships.insert(variant.member.clone(), membership);
        }
    }
    let mut tag_types = BTreeSet::new();
    for ty in &mut types {
        let (Body::Object(object), Some(membership)) = (&mut ty.body, memberships.get(&ty.name)) else { continue };
        for field in object.fields.iter_mut().filter(|f| f.wire == membership.tag) {
            if let resolved::FieldType::Const { type_name, .. } = &field.ty {
                tag_types.insert(type_name.clone());
            }
            field.ty = resolved::FieldType::Tag { value: membership.tag_value.clone() };
        }
        object.member_of = Some(membership.clone());
    }
    types.retain(|ty| !(matches!(ty.body, Body::Const { .. }) && tag_types.contains(&ty.name)));
    types
}
