//! The Rust type of a resolved type: scalars (and `json`) to their Rust types, arrays to
//! `Vec`, maps to `BTreeMap<String, _>`, named types with their arguments.

use crate::ir::Type;
use crate::resolved::Ty;
use crate::values::{Format, Scalar};

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
        Scalar::Json => Type::Json,
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
