//! What lowering every item shares: the doc text writer, the deprecated types, and the
//! Rust type of a resolved type.

use std::collections::{BTreeMap, BTreeSet};

use super::validation::Rules;
use crate::doctext::DocText;
use crate::ir::Type;
use crate::resolved::{Object, Ty};
use crate::values::Scalar;

/// What lowering every item needs.
pub(super) struct Cx {
    pub(super) text: DocText,
    /// The deprecated types: code using them allows the lint locally.
    pub(super) deprecated: BTreeSet<String>,
    /// What each model checks before a request carrying it is sent.
    pub(super) rules: Rules,
    /// The objects by name, for request bodies.
    pub(super) objects: BTreeMap<String, Object>,
}

impl Cx {
    pub(super) fn uses_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => self.uses_deprecated(inner),
            Type::Named { name, args } => {
                self.deprecated.contains(name) || args.iter().any(|a| self.uses_deprecated(a))
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => false,
        }
    }
}

/// The Rust type of a resolved type.
pub(super) fn ty(ty: &Ty) -> Type {
    match ty {
        Ty::Scalar(scalar) => self::scalar(*scalar),
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
