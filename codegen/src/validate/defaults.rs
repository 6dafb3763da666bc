//! A query parameter's default must have the parameter's type, be one of its enum values,
//! and fit its range.

use super::cx::Cx;
use crate::ast::{QueryParam, Spanned, TypeBody, TypeDef, TypeRef};
use crate::diagnostics::suggest;
use crate::values::{Constraints, Literal, Scalar};

/// What a default is checked against.
enum Kind {
    Scalar(Scalar),
    /// An enum, with its values.
    Enum(Vec<String>),
}

impl Kind {
    /// As messages name it.
    fn name(&self) -> &'static str {
        match self {
            Kind::Scalar(scalar) => scalar.name(),
            Kind::Enum(_) => "enum",
        }
    }
}

pub(super) fn check(cx: &mut Cx<'_, '_>, param: &QueryParam) {
    let Some(default) = &param.default else {
        return;
    };
    if let Some(kind) = kind(cx, param, default) {
        if check_type(cx, default, &kind) {
            check_range(cx, default, &param.constraints);
        }
    }
}

/// The kind of a parameter that takes a default; `None` for one that takes none (reported),
/// or whose type is no enum (or no type at all: its own error says so).
fn kind(cx: &mut Cx<'_, '_>, param: &QueryParam, default: &Spanned<Literal>) -> Option<Kind> {
    let enum_values = |def: &TypeDef| match &def.body {
        TypeBody::Enum { values } => Some(Kind::Enum(values.iter().map(|v| v.value.clone()).collect())),
        _ => None,
    };
    match &param.ty {
        TypeRef::Expr(expr) if expr.value.args.is_empty() => match Scalar::from_name(&expr.value.name) {
            // No query parameter may be `json` (reported with the parameter's type).
            Some(Scalar::Json) => None,
            Some(scalar) => Some(Kind::Scalar(scalar)),
            None => cx.symbols.def(&expr.value.name).and_then(enum_values),
        },
        TypeRef::Inline(def) => enum_values(def),
        _ => {
            cx.error(
                &default.path,
                "only scalar and enum parameters take a default",
                "remove `default`, and state the default in the description",
            );
            None
        }
    }
}

/// Whether the default has the parameter's type; reports why not.
fn check_type(cx: &mut Cx<'_, '_>, default: &Spanned<Literal>, kind: &Kind) -> bool {
    let fits = match (&default.value, kind) {
        (Literal::Str(_), Kind::Scalar(Scalar::String))
        | (Literal::Bool(_), Kind::Scalar(Scalar::Boolean))
        | (Literal::Int(_), Kind::Scalar(Scalar::Integer | Scalar::Number))
        | (Literal::Float(_), Kind::Scalar(Scalar::Number)) => true,
        (Literal::Str(s), Kind::Enum(values)) => {
            if !values.contains(s) {
                let known: Vec<&str> = values.iter().map(String::as_str).collect();
                cx.error(
                    &default.path,
                    format!("the default `{s}` is not one of the values ({})", values.join(", ")),
                    suggest(s, &known),
                );
                return false;
            }
            true
        }
        _ => false,
    };
    if !fits {
        let message = format!("the default does not have the parameter's type (`{}`)", kind.name());
        cx.error(&default.path, message, type_hint(kind, &default.value));
    }
    fits
}

/// How to write the default with the parameter's type.
fn type_hint(kind: &Kind, default: &Literal) -> String {
    match (kind, default) {
        (Kind::Scalar(Scalar::String), Literal::Bool(b)) => format!("quote it: `default: \"{b}\"`"),
        (Kind::Scalar(Scalar::String), Literal::Int(i)) => format!("quote it: `default: \"{i}\"`"),
        (Kind::Scalar(Scalar::String), Literal::Float(f)) => format!("quote it: `default: \"{f}\"`"),
        (Kind::Scalar(Scalar::Integer), Literal::Str(s)) if s.parse::<i64>().is_ok() => {
            format!("remove the quotes: `default: {s}`")
        }
        (Kind::Scalar(Scalar::Number), Literal::Str(s)) if s.parse::<f64>().is_ok() => {
            format!("remove the quotes: `default: {s}`")
        }
        (Kind::Scalar(Scalar::Boolean), Literal::Str(s)) if s == "true" || s == "false" => {
            format!("remove the quotes: `default: {s}`")
        }
        (Kind::Scalar(Scalar::Integer), _) => "write a whole number, e.g. `default: 20`".to_owned(),
        (Kind::Scalar(Scalar::Number), _) => "write a number, e.g. `default: 0.5`".to_owned(),
        (Kind::Scalar(Scalar::Boolean), _) => "write `default: true` or `default: false`".to_owned(),
        (Kind::Enum(values), _) => match values.first() {
            Some(first) => format!("write one of the enum's values, e.g. `default: {first}`"),
            None => "remove `default`".to_owned(),
        },
        (Kind::Scalar(Scalar::String), Literal::Str(_)) | (Kind::Scalar(Scalar::Json), _) => {
            "remove `default`".to_owned()
        }
    }
}

/// A number within `minimum` and `maximum`.
fn check_range(cx: &mut Cx<'_, '_>, default: &Spanned<Literal>, constraints: &Constraints) {
    let n = match default.value {
        Literal::Int(i) => i as f64,
        Literal::Float(f) => f,
        _ => return,
    };
    let Constraints { minimum, maximum, .. } = *constraints;
    if minimum.is_some_and(|min| n < min) || maximum.is_some_and(|max| n > max) {
        let range = match (minimum, maximum) {
            (Some(min), Some(max)) => format!("from {min} to {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => String::new(),
        };
        cx.error(
            &default.path,
            format!("the default {n} is outside the allowed range ({range})"),
            "use a default inside the range, or fix `minimum`/`maximum`",
        );
    }
}
