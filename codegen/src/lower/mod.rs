//! Stage 3, intermediate model: lowers the [`resolved`](crate::resolved) model to
//! [`ir::Crate`].
//!
//! Every decision about the output is made here: doc lines (the spec's descriptions made fit
//! for `///`, with the constraints, limits and defaults the spec states), which impls allow
//! the `deprecated` lint, what each module imports, how each parameter is taken, checked and
//! sent. Names, types and links between them were resolved by validate, so nothing here can
//! fail: [`models`] lowers the types, [`operations`] the request builders, and
//! [`crate_docs`] writes the crate-level documentation from both.

mod crate_docs;
mod models;
mod operations;

use std::collections::{BTreeMap, BTreeSet};

use crate::doctext::DocText;
use crate::ir::{self, Item, Type};
use crate::resolved::{Model, Ty};
use crate::values::{Constraints, Literal, MapLimits, Scalar};

pub fn lower(model: &Model) -> ir::Crate {
    let text = DocText { base: model.api.docs_url.as_ref().map(|u| u.trim_end_matches('/').to_owned()) };
    let deprecated = model.types.iter().filter(|t| t.deprecated.is_some()).map(|t| t.name.clone()).collect();
    let cx = Cx { text, deprecated };
    let mut modules: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    // Types come in definition order, the order of items within a module.
    for ty in &model.types {
        modules.entry(&ty.module).or_default().push(cx.item(ty));
    }
    let modules = modules
        .into_iter()
        .map(|(name, items)| {
            let (deprecated_imports, imports) = imports(&items).into_iter().partition(|n| cx.deprecated.contains(n));
            ir::Module { name: name.to_owned(), imports, deprecated_imports, items }
        })
        .collect();
    let (operations, descriptions): (Vec<_>, Vec<_>) = model.operations.iter().map(|op| cx.operation(op)).unzip();
    let api = crate_docs::api(&model.api, &cx.text, &operations, &descriptions);
    ir::Crate { api, modules, operations }
}

/// What lowering every item needs.
struct Cx {
    text: DocText,
    /// The deprecated types: code using them allows the lint locally.
    deprecated: BTreeSet<String>,
}

impl Cx {
    fn uses_deprecated(&self, ty: &Type) -> bool {
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
fn ty(ty: &Ty) -> Type {
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

/// The named types `items` use that they do not define themselves.
fn imports(items: &[Item]) -> Vec<String> {
    fn walk(ty: &Type, out: &mut BTreeSet<String>) {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => walk(inner, out),
            Type::Named { name, args } => {
                out.insert(name.clone());
                args.iter().for_each(|a| walk(a, out));
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => {}
        }
    }
    let mut used = BTreeSet::new();
    let mut defined = BTreeSet::new();
    for item in items {
        match item {
            Item::Struct(s) => {
                defined.insert(s.meta.name.clone());
                s.fields.iter().for_each(|f| walk(&f.ty, &mut used));
            }
            Item::Enum(e) => {
                defined.insert(e.meta.name.clone());
            }
            Item::Union(u) => {
                defined.insert(u.meta.name.clone());
                used.extend(u.variants.iter().map(|v| v.member.clone()));
            }
            Item::Alias(a) => {
                defined.insert(a.meta.name.clone());
                walk(&a.target, &mut used);
            }
        }
    }
    used.difference(&defined).cloned().collect()
}

fn number(n: f64) -> String {
    // Whole numbers print without a fraction: `1`, not `1.0`.
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// `Constraint: from 1 to 100 inclusive.`, or nothing.
fn constraint_docs(c: &Constraints) -> Vec<String> {
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
    if parts.is_empty() { Vec::new() } else { vec![format!("Constraint: {}.", parts.join("; "))] }
}

/// `Limits: at most 16 entries; ....`, or nothing.
fn limit_docs(limits: &MapLimits) -> Vec<String> {
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
fn literal(value: &Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.to_string(),
        Literal::Str(s) => s.clone(),
    }
}
