//! `format` on fields and query parameters (a scalar's own Rust type: `date-time`,
//! `unixtime`, integer widths), and `keep_unknown_fields` on `api` and on object types.

use super::cx::Cx;
use crate::ast::{self, Spanned, TypeBody, TypeDef};
use crate::diagnostics::nearest;
use crate::naming;
use crate::node_path::NodePath;
use crate::resolved::Ty;
use crate::values::{Constraints, Format, Scalar};

/// The Rust name of the struct field that keeps the unknown fields.
use crate::naming::UNKNOWN_FIELDS;

/// `ty` (the resolved type of a field or parameter written at `path`) with its `format` put
/// in: on the scalar itself, or on the elements of an array or map of it. `None` where the
/// format does not fit, having said why; `ty` unchanged without a format.
pub(super) fn apply(
    cx: &mut Cx<'_, '_>,
    format: Option<&Spanned<String>>,
    ty: Option<Ty>,
    constraints: &Constraints,
    path: &NodePath,
) -> Option<Ty> {
    let Some(written) = format else { return ty };
    let Some(format) = Format::from_name(&written.value) else {
        let hint = match nearest(&written.value, Format::ALL.iter().map(|f| f.name())) {
            Some(near) => format!("did you mean `{near}`? The formats are {}", listing()),
            None => format!("the formats are {}; leave `format` out where none fits", listing()),
        };
        cx.error(&written.path, format!("unknown format `{}`", written.value), hint);
        return None;
    };
    check_constraints(cx, format, constraints, path);
    let ty = ty?;
    if *innermost(&ty) == Ty::Scalar(Scalar::Json) {
        cx.error(
            &written.path,
            format!("`format: {}` does not apply to `json`", format.name()),
            "remove `format`: a `json` value is kept as it is, whatever it holds",
        );
        return None;
    }
    match put(format, &ty) {
        Ok(ty) => Some(ty),
        Err(found) => {
            let scalar = format.scalar().name();
            cx.error(
                &written.path,
                format!("`format: {}` applies to `{scalar}`, not to {found}", format.name()),
                format!(
                    "write `type: {scalar}` (or an array or map of it), or remove `format`; the formats are {}",
                    listing()
                ),
            );
            None
        }
    }
}

/// Every format with the scalar it applies to, for hints.
fn listing() -> String {
    let of = |scalar: Scalar| {
        let names: Vec<String> =
            Format::ALL.iter().filter(|f| f.scalar() == scalar).map(|f| format!("`{}`", f.name())).collect();
        format!("{} for `{}`", names.join(", "), scalar.name())
    };
    [Scalar::String, Scalar::Integer, Scalar::Number].map(of).join("; ")
}

/// The format on the innermost scalar of `ty`, or what stands there instead.
fn put(format: Format, ty: &Ty) -> Result<Ty, String> {
    match ty {
        Ty::Scalar(scalar) if *scalar == format.scalar() => Ok(Ty::Formatted(format)),
        Ty::Scalar(scalar) => Err(format!("`{}`", scalar.name())),
        Ty::Array(item) => put(format, item).map(|item| Ty::Array(Box::new(item))),
        Ty::Map(value) => put(format, value).map(|value| Ty::Map(Box::new(value))),
        Ty::Named { name, .. } => Err(format!("the type `{name}`")),
        Ty::Param(name) => Err(format!("the type parameter `{name}`")),
        Ty::Formatted(_) => Err("a formatted type".to_owned()),
    }
}

/// The element type of an array or map, at any depth; `ty` itself for any other.
fn innermost(ty: &Ty) -> &Ty {
    match ty {
        Ty::Array(inner) | Ty::Map(inner) => innermost(inner),
        _ => ty,
    }
}

/// A date-time's text is not measured, nor a Unix time bounded: the runtime types take
/// neither check.
fn check_constraints(cx: &mut Cx<'_, '_>, format: Format, c: &Constraints, path: &NodePath) {
    let (bounded, measured) =
        (c.minimum.is_some() || c.maximum.is_some(), c.min_length.is_some() || c.max_length.is_some());
    let keys = match format {
        Format::DateTime if measured => "`min_length`/`max_length`",
        Format::UnixTime if bounded => "`minimum`/`maximum`",
        _ => return,
    };
    cx.error(
        path,
        format!("{keys} do not apply to `format: {}`", format.name()),
        "remove them, and state the range in the description",
    );
}

/// Whether the object `def` keeps the fields its spec does not know: its own
/// `keep_unknown_fields`, else the API's. The struct field that keeps them must not clash
/// with a field of the spec.
pub(super) fn keep_unknown_fields(cx: &mut Cx<'_, '_>, def: &TypeDef, fields: &[ast::Field]) -> bool {
    let keep = def.keep_unknown_fields.as_ref().map_or(cx.keep_unknown_fields, |k| k.value);
    if !keep {
        return keep;
    }
    for field in fields {
        let rust = match &field.rust_name {
            Some(name) => Some(name.value.clone()),
            None => naming::snake(&field.wire).ok(),
        };
        if rust.as_deref().map(naming::unraw) == Some(UNKNOWN_FIELDS) {
            cx.error(
                &field.path,
                format!(
                    "field `{}` takes the Rust name `{UNKNOWN_FIELDS}`, which this object gives the fields the spec does not know",
                    field.wire
                ),
                format!("set `rust_name` on it, e.g. `rust_name: {}_value`", naming::unraw(UNKNOWN_FIELDS)),
            );
        }
    }
    keep
}

/// `keep_unknown_fields` applies to objects: enums, unions and maps keep what they do not know
/// already.
pub(super) fn check_keep_unknown_fields_kind(cx: &mut Cx<'_, '_>, def: &TypeDef) {
    let Some(key) = &def.keep_unknown_fields else { return };
    let hint = match &def.body {
        TypeBody::Object { .. } => return,
        TypeBody::Union { .. } => "set it on the members that should keep them (or on `api`, for every object)",
        TypeBody::KindUnion { .. } => {
            "set it on the object member that should keep them (or on `api`, for every object)"
        }
        TypeBody::Enum { .. } => "remove it: an enum keeps a value it does not know in `Unknown`",
        TypeBody::Map { .. } => "remove it: a map keeps every entry",
    };
    cx.error(&key.path, "`keep_unknown_fields` applies to object types only", hint);
}
