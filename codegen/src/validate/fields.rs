//! Checks on an object's fields: a Rust name each, distinct within the object, a
//! description, a type that resolves, and constraints that fit it.

use std::collections::BTreeMap;

use super::cx::{Cx, all_of};
use super::{constraints, formats, names};
use crate::ast::{self, FieldType, Spanned, TypeBody, TypeRef};
use crate::naming;
use crate::resolved::{self, Field};
use crate::values::MapLimits;

/// The object's fields, resolved within `scope` (the object's type parameters).
pub(super) fn check(cx: &mut Cx<'_, '_>, fields: &[ast::Field], scope: &[&str]) -> Option<Vec<Field>> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    all_of(fields.iter().map(|field| check_field(cx, field, scope, &mut seen)))
}

fn check_field<'f>(
    cx: &mut Cx<'_, '_>,
    field: &'f ast::Field,
    scope: &[&str],
    seen: &mut BTreeMap<String, &'f str>,
) -> Option<Field> {
    let rust = names::field_rust_name(cx, field);
    if let Some(rust) = &rust {
        check_distinct(cx, field, rust, seen);
    }
    check_description(cx, field);
    let ty = match &field.ty {
        FieldType::Ref(ty) => {
            let resolved = cx.ty(ty, scope);
            constraints::check(cx, &field.constraints, ty, &field.path);
            let resolved = formats::apply(cx, field.format.as_ref(), resolved, &field.constraints, &field.path);
            resolved.map(resolved::FieldType::Value)
        }
        FieldType::Const(value) => {
            check_const_constraints(cx, field);
            check_const_format(cx, field);
            const_type(cx, field, value)
        }
    };
    Some(Field {
        wire: field.wire.clone(),
        rust: rust?,
        description: field.description.clone(),
        deprecated: field.deprecated.clone(),
        ty: ty?,
        presence: field.presence,
        constraints: field.constraints.clone(),
        limits: inline_map_limits(field),
    })
}

/// Two fields may not become one Rust name (`created_at` and `createdAt`).
fn check_distinct<'f>(cx: &mut Cx<'_, '_>, field: &'f ast::Field, rust: &str, seen: &mut BTreeMap<String, &'f str>) {
    if let Some(first) = seen.insert(naming::unraw(rust).to_owned(), &field.wire) {
        cx.error(
            &field.path,
            format!("fields `{first}` and `{}` both become `{rust}` in Rust", field.wire),
            "set `rust_name` on one of them",
        );
    }
}

fn check_description(cx: &mut Cx<'_, '_>, field: &ast::Field) {
    if field.description.is_none() {
        cx.error(
            &field.path,
            format!("field `{}` has no description", field.wire),
            "add `description:`; it becomes the field's doc comment",
        );
    }
}

fn check_const_constraints(cx: &mut Cx<'_, '_>, field: &ast::Field) {
    if field.constraints != Default::default() {
        cx.error(&field.path, "a `const` field takes no constraints", "remove them: a const has only one value");
    }
}

fn check_const_format(cx: &mut Cx<'_, '_>, field: &ast::Field) {
    if let Some(format) = &field.format {
        cx.error(&format.path, "a `const` field takes no `format`", "remove it: a const is always a string");
    }
}

/// A `const` field's type is the one-value enum the symbol table named after it; a field
/// whose names make none was reported there.
fn const_type(cx: &Cx<'_, '_>, field: &ast::Field, value: &Spanned<String>) -> Option<resolved::FieldType> {
    let type_name = cx.symbols.by_path.get(&field.path)?;
    Some(resolved::FieldType::Const { type_name: type_name.clone(), value: value.value.clone() })
}

/// An inline map has no type of its own to carry its limits: the field does.
fn inline_map_limits(field: &ast::Field) -> MapLimits {
    match &field.ty {
        FieldType::Ref(TypeRef::Inline(def)) => match &def.body {
            TypeBody::Map { limits, .. } => limits.clone(),
            _ => MapLimits::default(),
        },
        _ => MapLimits::default(),
    }
}
