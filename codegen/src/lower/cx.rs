//! What lowering every item shares: the doc text writer, the deprecated types, and the
//! Rust type of a resolved type.

use std::collections::BTreeSet;

use crate::doctext::DocText;
use crate::ir::Type;
use crate::resolved::Ty;
use crate::values::{Format, Scalar};

/// What lowering every item needs.
pub(super) struct Cx {
    pub(super) text: DocText,
    /// The deprecated types: code using them allows the lint locally.
    pub(super) deprecated: BTreeSet<String>,
}

impl Cx {
    pub(super) fn uses_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => self.uses_deprecated(inner),
            Type::Named { name, args } => {
                self.deprecated.contains(name) || args.iter().any(|a| self.uses_deprecated(a))
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => false,
            Type::I32 | Type::DateTime | Type::UnixTime => false,
        }
    }
}

/// The Rust type of a resolved type.
pub(super) fn ty(ty: &Ty) -> Type {
    match ty {
        Ty::Scalar(scalar) => self::scalar(*scalar),
        Ty::Formatted(format) => self::format(*format),
        Ty::Array(item) => Type::Vec(Box::new(self::ty(item))),
        Ty::Map(value) => Type::Map(Box::new(self::ty(value))),
        Ty::Named { name, args } => Type::Named { name: name.clone(), args: args.iter().map(self::ty).collect() },
        Ty::Param(name) => Type::Param(name.clone()),
    }
}

fn scalar(scalar: Scalar) -> Type {
    match scalar {
        Scalar::String => Type::String,
        Scalar::Integer => Type::I64,
        Scalar::Number => Type::F64,
        Scalar::Boolean => Type::Bool,
    }
}

fn format(format: Format) -> Type {
    match format {
        Format::DateTime => Type::DateTime,
        Format::UnixTime => Type::UnixTime,
        Format::Int32 => Type::I32,
        Format::Int64 => Type::I64,
        Format::Float | Format::Double => Type::F64,
    }
}
