//! What a spec states about values, carried unchanged from the spec tree through the
//! resolved model to the intermediate model: literals (defaults), constraints, map limits.
//!
//! A module at the bottom, so that every stage shares one definition of each instead of
//! converting between twins.

/// A literal written in the spec (a default value).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// Numeric and length constraints stated by the API.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

/// The limits a map type states for its entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapLimits {
    pub max_entries: Option<u64>,
    pub max_key_length: Option<u64>,
    pub max_value_length: Option<u64>,
}
