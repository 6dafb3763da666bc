//! Checks on unions: variants, each a tag value that makes a variant name and a member
//! that is a plain object carrying that tag as a `const`, or as an enum that has it (such a
//! member may be listed under several of its values: one variant for all). A member of one
//! union used nowhere else with a `const` tag leaves its tag field to the union; one shared
//! by several unions, used on its own or tagged by an enum keeps it (see [`carriers`]). Once every type is resolved, [`link_members`] tells each
//! member object its unions.

use std::collections::{BTreeMap, BTreeSet};

use super::cx::Cx;
use super::extends::all_fields;
use super::shared;
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
    (name, def): (&str, &TypeDef),
    tag: &Spanned<String>,
    untagged: Option<&Spanned<String>>,
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
    let (listings, single_names) = listings(variants);
    let mut out: Vec<resolved::Variant> = Vec::new();
    // Members whose variant could not be named: their other listings report nothing again.
    let mut unnamed: BTreeSet<String> = BTreeSet::new();
    let mut failed = false;
    for variant in variants {
        let Some((member_name, member)) = member(cx, variant) else {
            failed = true;
            continue;
        };
        let listed = out.iter_mut().find(|v| v.member == member_name);
        let again = listed.is_some() || unnamed.contains(&member_name);
        let untagged_member = untagged.is_some_and(|u| u.value == member_name);
        let tagged = Tagged { tag: &tag.value, value: &variant.tag_value, again, untagged: untagged_member };
        check_member(cx, &tagged, &member_name, member, &variant.path);
        if unnamed.contains(&member_name) {
            continue;
        }
        let shared = match &variant.by {
            Some(by) => match shared::by_values(cx, (&member_name, member), by, &variant.path, &listings) {
                Some(shared) => Some(shared),
                None => {
                    failed = true;
                    continue;
                }
            },
            None => None,
        };
        // A member listed again, under another value of its enum tag: the same variant.
        if let Some(listed) = listed {
            listed.tag_values.push(variant.tag_value.clone());
            continue;
        }
        cx.members.entry(member_name.clone()).or_default().push((name.to_owned(), variant.path.clone()));
        // A member under several tag values is named after itself, not after one of them.
        let rust = if shared.is_some() || listings.get(member_name.as_str()) > Some(&1) {
            member_variant(cx, (name, &member_name), variant, &single_names, &mut seen)
        } else {
            variant_name(cx, variant, &mut seen)
        };
        let Some(rust) = rust else {
            failed = true;
            unnamed.insert(member_name);
            continue;
        };
        out.push(resolved::Variant {
            tag_values: vec![variant.tag_value.clone()],
            rust,
            member: member_name,
            member_description: member.description.clone(),
            member_deprecated: member.deprecated.clone(),
            // Set by `link_members`, once every use is known.
            carries_tag: false,
            shared,
        });
    }
    check_enum_tags(cx, &tag.value, &out);
    let untagged = untagged.and_then(|u| shared::untagged(cx, u, &out));
    (!failed).then(|| resolved::Union { tag: tag.value.clone(), variants: out, untagged })
}

/// How many times each named member is listed, and the names the variants of members
/// listed once take (whatever their order: a member named after itself steps around them).
fn listings(variants: &[Variant]) -> (BTreeMap<&str, usize>, BTreeSet<String>) {
    let mut listings: BTreeMap<&str, usize> = BTreeMap::new();
    for variant in variants {
        if let TypeRef::Expr(expr) = &variant.member {
            *listings.entry(expr.value.name.as_str()).or_default() += 1;
        }
    }
    let single_names = variants
        .iter()
        .filter(|v| !matches!(&v.member, TypeRef::Expr(e) if listings.get(e.value.name.as_str()) > Some(&1)))
        .filter_map(|v| naming::camel(&v.tag_value).ok())
        .collect();
    (listings, single_names)
}

/// A member tagged by an enum must not allow a value the union gives another member: built
/// with it, the member would encode as the other one and decode back as it.
fn check_enum_tags(cx: &mut Cx<'_, '_>, tag: &str, variants: &[resolved::Variant]) {
    let mut found = Vec::new();
    for variant in variants {
        let Some(def) = cx.symbols.def(&variant.member) else { continue };
        let fields = all_fields(cx.symbols, def);
        let Some(field) = fields.iter().find(|f| f.wire == tag) else { continue };
        for value in enum_values(cx.symbols, &field.ty).unwrap_or_default() {
            // Members sharing one tag value may all have it: the union tries them in turn.
            let both_shared = |v: &resolved::Variant| v.shared.is_some() && variant.shared.is_some();
            let taken = variants
                .iter()
                .find(|v| v.member != variant.member && v.tag_values.iter().any(|t| t == value) && !both_shared(v));
            if let Some(other) = taken {
                found.push((field.path.clone(), variant.member.clone(), value.to_owned(), other.member.clone()));
            }
        }
    }
    for (at, member, value, other) in found {
        cx.error(
            &at,
            format!(
                "the tag of `{member}` may be `{value}`, which the union gives to `{other}`: \
                 a `{member}` with it would decode back as `{other}`"
            ),
            format!("remove `{value}` from the enum of `{member}`'s tag field"),
        );
    }
}

/// The variant of a member listed under several tag values: its name without the union's
/// name around it (`WebSearchTool` in `Tool`: `WebSearch`), or whole if that leaves nothing,
/// a keyword, or the name of another variant (wherever that one stands in the list).
fn member_variant<'v>(
    cx: &mut Cx<'_, '_>,
    (union, member): (&str, &str),
    variant: &'v Variant,
    single_names: &BTreeSet<String>,
    seen: &mut BTreeMap<String, &'v str>,
) -> Option<String> {
    let stripped = member.strip_prefix(union).or_else(|| member.strip_suffix(union)).unwrap_or(member);
    // Not a keyword (`Self`), not the fallback's name, not taken.
    let usable = stripped.starts_with(|c: char| c.is_ascii_uppercase())
        && naming::check_rust_name(stripped).is_ok()
        && stripped != FALLBACK_VARIANT
        && !seen.contains_key(stripped)
        && !single_names.contains(stripped);
    let rust = if usable { stripped } else { member };
    if rust == FALLBACK_VARIANT {
        cx.error(
            &variant.path,
            format!("the member `{member}` would make the variant `{FALLBACK_VARIANT}`, which keeps unknown members"),
            LEAVE_OUT,
        );
        return None;
    }
    if let Some(first) = seen.insert(rust.to_owned(), &variant.tag_value) {
        cx.error(
            &variant.path,
            format!("tag value `{first}` and member `{member}` both become the variant `{rust}`"),
            "keep one of the two; the other's values then decode as `Unknown`",
        );
    }
    Some(rust.to_owned())
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

/// A variant's tag: the field, the value that selects the member, and whether the union
/// lists the member under another value already.
struct Tagged<'t> {
    tag: &'t str,
    value: &'t str,
    again: bool,
    /// The union's member for objects without the tag: its tag field is optional.
    untagged: bool,
}

/// A union member must be a plain object whose tag field is a `const` of the variant's key.
fn check_member(cx: &mut Cx<'_, '_>, tagged: &Tagged<'_>, member_name: &str, member: &TypeDef, at: &NodePath) {
    let Tagged { tag, value: tag_value, .. } = *tagged;
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
    check_tag_field(cx, tagged, member_name, &fields, at);
}

/// The member's field named after the tag: required, and a `const` of the variant's tag
/// value or an enum that has it (a member listed under several tag values needs the enum).
fn check_tag_field(cx: &mut Cx<'_, '_>, tagged: &Tagged<'_>, member_name: &str, fields: &[&Field], at: &NodePath) {
    let Tagged { tag, value: tag_value, again, untagged } = *tagged;
    let Some(field) = fields.iter().copied().find(|f| f.wire == tag) else {
        cx.error(
            at,
            format!("union member `{member_name}` has no `{tag}` field to carry the tag"),
            format!("add `{tag}: {{ const: {tag_value}, description: ... }}` to its fields"),
        );
        return;
    };
    match (&field.ty, enum_values(cx.symbols, &field.ty)) {
        (FieldType::Const(value), _) if value.value == tag_value => {}
        (FieldType::Const(value), _) => cx.error(
            &value.path,
            format!(
                "union member `{member_name}` has `{tag}: {}`, but the union maps the tag value `{tag_value}` to it",
                value.value
            ),
            if again {
                format!(
                    "a member listed under several tag values needs an enum of them as its tag field: \
                     `{tag}: {{ type: {{ enum: [{}, {tag_value}] }}, description: ... }}`",
                    value.value
                )
            } else {
                format!("make the union's key `{}`, or the member's const `{tag_value}`", value.value)
            },
        ),
        (_, Some(values)) if values.contains(&tag_value) => {}
        (_, Some(values)) => cx.error(
            &field.path,
            format!(
                "the tag field `{tag}` of union member `{member_name}` has the values {}, but the union maps the tag value `{tag_value}` to it",
                values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
            ),
            format!("add `{tag_value}` to the enum, or list the member under one of its values"),
        ),
        (_, None) => cx.error(
            &field.path,
            format!("the tag field `{tag}` of union member `{member_name}` must be a `const` or an enum"),
            format!("write `const: {tag_value}`"),
        ),
    }
    if untagged && field.presence != Presence::Optional {
        cx.error(
            &field.path,
            format!("the tag field `{tag}` of `{member_name}`, the union's `untagged` member, must be optional"),
            "write `optional: true` (and no `nullable`): objects without the tag decode as this member",
        );
    } else if !untagged && field.presence != Presence::Required {
        cx.error(
            &field.path,
            format!("the tag field `{tag}` must be required"),
            "remove `nullable`/`optional` from it: every member carries its tag (or name this member in the union's `untagged`)",
        );
    }
}

/// The values of a field typed by an enum, named or defined in place.
pub(super) fn enum_values<'a>(symbols: &Symbols<'a>, ty: &'a FieldType) -> Option<Vec<&'a str>> {
    let def = match ty {
        FieldType::Ref(TypeRef::Expr(expr)) if expr.value.args.is_empty() => symbols.def(&expr.value.name)?,
        FieldType::Ref(TypeRef::Inline(def)) => def,
        _ => return None,
    };
    match &def.body {
        TypeBody::Enum { values } => Some(values.iter().map(|v| v.value.as_str()).collect()),
        _ => None,
    }
}

/// The members whose structs keep their tag fields: those listed by several unions, those
/// used on their own (as a field's type, a response, an array's items, ...), and those whose
/// tag is an enum (selected by several values, the struct remembers which). Such a member
/// must encode its tag wherever it stands, so the tag is a field of its struct, of the
/// `const`'s one-value enum type or the enum; a member of one union only leaves it to the union.
pub(super) fn carriers(cx: &Cx<'_, '_>) -> BTreeSet<String> {
    cx.members
        .iter()
        .filter(|(member, unions)| {
            unions.len() > 1
                || cx.refs.get(*member).is_some_and(|uses| !uses.is_empty())
                || unions.iter().any(|(union, _)| {
                    !const_tagged(cx.symbols, member, union) || shared::is_untagged(cx.symbols, member, union)
                })
        })
        .map(|(member, _)| member.clone())
        .collect()
}

/// Whether `member`'s tag field in `union` (its own or a base's) is a `const`.
fn const_tagged(symbols: &Symbols<'_>, member: &str, union: &str) -> bool {
    let Some(TypeBody::Union { tag, .. }) = symbols.def(union).map(|d| &d.body) else { return true };
    let Some(def) = symbols.def(member) else { return true };
    all_fields(symbols, def).iter().find(|f| f.wire == tag.value).is_none_or(|f| matches!(f.ty, FieldType::Const(_)))
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
                tag_values: variant.tag_values.clone(),
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
                // A member that is no carrier has a `const` tag: one value.
                let value = membership.tag_values.first().cloned().unwrap_or_default();
                field.ty = resolved::FieldType::Tag { value };
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
