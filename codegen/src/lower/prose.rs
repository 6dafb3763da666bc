//! How the spec's facts read in doc lines: constraints, map limits and defaults, as the
//! docs of fields, parameters, aliases and the crate state them.

use crate::values::{Constraints, Literal, MapLimits};

fn number(n: f64) -> String {
    // Whole numbers print without a fraction: `1`, not `1.0`.
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// `Constraint: from 1 to 100 inclusive.`, or nothing.
pub(super) fn constraint_docs(c: &Constraints) -> Vec<String> {
    let mut parts = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => parts.push(format!("from {} to {} inclusive", number(min), number(max))),
        (Some(min), None) => parts.push(format!("at least {}", number(min))),
        (None, Some(max)) => parts.push(format!("at most {}", number(max))),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    match (c.min_items, c.max_items) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} items")),
        (Some(min), None) => parts.push(format!("at least {min} items")),
        (None, Some(max)) => parts.push(format!("at most {max} items")),
        (None, None) => {}
    }
    if parts.is_empty() { Vec::new() } else { vec![format!("Constraint: {}.", parts.join("; "))] }
}

/// `Limits: at most 16 entries; ....`, or nothing.
pub(super) fn limit_docs(limits: &MapLimits) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(n) = limits.max_entries {
        parts.push(format!("at most {n} entries"));
    }
    if let Some(n) = limits.max_key_length {
        parts.push(format!("keys at most {n} characters"));
    }
    if let Some(n) = limits.max_value_length {
        parts.push(format!("values at most {n} characters"));
    }
    if parts.is_empty() { Vec::new() } else { vec![format!("Limits: {}.", parts.join("; "))] }
}

/// A default as the docs show it (inside a code span).
pub(super) fn literal(value: &Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.to_string(),
        Literal::Str(s) => s.clone(),
    }
}
