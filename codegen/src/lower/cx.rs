//! What lowering every item shares: the doc text writer, the deprecated types, the rules
//! models check, and the objects by name.

use std::collections::{BTreeMap, BTreeSet};

use super::validation::Rules;
use crate::doctext::DocText;
use crate::ir::Type;
use crate::resolved::Object;

/// What lowering every item needs.
pub(super) struct Cx {
    pub(super) text: DocText,
    /// The deprecated types: code using them allows the lint locally.
    pub(super) deprecated: BTreeSet<String>,
    /// What each model checks before a request carrying it is sent.
    pub(super) rules: Rules,
    /// The objects by name, for request bodies and union members' tag fields.
    pub(super) objects: BTreeMap<String, Object>,
    /// For each tagged union, by name: which of its variants hold their member in a `Box`.
    pub(super) boxed: BTreeMap<String, Vec<bool>>,
    /// The named maps (`Metadata: { map: string }`), which a query sends entry by entry.
    pub(super) maps: BTreeSet<String>,
}

impl Cx {
    pub(super) fn uses_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => self.uses_deprecated(inner),
            Type::Named { name, args } => {
                self.deprecated.contains(name) || args.iter().any(|a| self.uses_deprecated(a))
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => false,
            Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => false,
        }
    }
}
