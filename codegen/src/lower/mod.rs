//! Stage 3, intermediate model: lowers the [`resolved`](crate::resolved) model to
//! [`ir::Crate`].
//!
//! Every decision about the output is made here: doc lines (the spec's descriptions made fit
//! for `///`, with the constraints, limits and defaults the spec states), which impls allow
//! the `deprecated` lint, what each module imports, how each parameter is taken, checked and
//! sent. Names, types and links between them were resolved by validate, so nothing here can
//! fail: `models` lowers the types, `operations` the request builders, and
//! `crate_docs` writes the crate-level documentation from both.

mod api;
mod body;
mod crate_docs;
mod cx;
mod features;
mod models;
mod operations;
mod package;
mod prose;
mod rust_type;
mod sizes;
mod table;
mod validation;

pub use package::package;

use std::collections::{BTreeMap, BTreeSet};

use cx::Cx;

use crate::doctext::DocText;
use crate::ir::{self, Item, Type};
use crate::resolved::{Body, Model};

pub fn lower(model: &Model) -> ir::Crate {
    let text = DocText { base: model.api.docs_url.as_ref().map(|u| u.trim_end_matches('/').to_owned()) };
    let deprecated = model.types.iter().filter(|t| t.deprecated.is_some()).map(|t| t.name.clone()).collect();
    let bodies: Vec<_> = model.operations.iter().filter_map(|op| op.body.as_ref()).collect();
    let rules = validation::Rules::new(&model.types, &bodies);
    let objects = model
        .types
        .iter()
        .filter_map(|t| match &t.body {
            Body::Object(object) => Some((t.name.clone(), object.clone())),
            _ => None,
        })
        .collect();
    let sizes = sizes::Sizes::new(model);
    let boxed = model
        .types
        .iter()
        .filter_map(|t| match &t.body {
            Body::Union(union) => {
                let members: Vec<&str> = union.variants.iter().map(|v| v.member.as_str()).collect();
                Some((t.name.clone(), sizes.boxed(&members)))
            }
            _ => None,
        })
        .collect();
    let maps = model.types.iter().filter(|t| matches!(t.body, Body::Map { .. })).map(|t| t.name.clone()).collect();
    let cx = Cx { text, deprecated, rules, objects, boxed, maps };
    let mut modules: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    // Types come in definition order, the order of items within a module.
    for ty in &model.types {
        modules.entry(&ty.module).or_default().push(cx.item(ty));
    }
    let mut modules: Vec<ir::Module> = modules
        .into_iter()
        .map(|(name, items)| {
            let (deprecated_imports, imports) = imports(&items).into_iter().partition(|n| cx.deprecated.contains(n));
            ir::Module { name: name.to_owned(), imports, deprecated_imports, items, features: Vec::new() }
        })
        .collect();
    let (mut operations, descriptions): (Vec<_>, Vec<_>) = model.operations.iter().map(|op| cx.operation(op)).unzip();
    let groups = features::groups(model);
    features::gate(model, &groups, &mut modules, &mut operations);
    let docs = crate_docs::crate_docs(&model.api, &cx.text, &operations, &descriptions, &groups);
    let api = api::api(&model.api, &cx.text, docs);
    let models = table::models(&modules, &operations);
    let no_group_error = features::no_group_error(&groups);
    ir::Crate { api, modules, operations, models, groups, no_group_error }
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
            Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => {}
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
            Item::KindUnion(u) => {
                defined.insert(u.meta.name.clone());
                u.variants.iter().for_each(|v| walk(&v.ty, &mut used));
            }
            Item::Alias(a) => {
                defined.insert(a.meta.name.clone());
                walk(&a.target, &mut used);
            }
        }
    }
    used.difference(&defined).cloned().collect()
}
