//! The model table: every type the crate defines, concrete, for the hidden `__models`
//! function that the property tests and fuzz targets walk instead of a hand-kept list.

use std::collections::BTreeMap;

use crate::ir::{self, Item, ModelTable, Type};

/// Every item of `modules`; a generic struct or map with the arguments it is first used with (in
/// the operations, then in the models), or `String` for each parameter where it is never
/// used concretely.
pub fn models(modules: &[ir::Module], operations: &[ir::Operation]) -> ModelTable {
    let mut uses = Vec::new();
    for op in operations {
        uses.extend(&op.response);
        // The items of `Page<Thing>` may be an instance the response does not name (`Boxed<Thing>`).
        uses.extend(op.pagination.as_ref().map(|p| &p.item));
        uses.extend(op.query.iter().map(|q| &q.ty));
    }
    for item in modules.iter().flat_map(|m| &m.items) {
        match item {
            Item::Struct(s) => uses.extend(s.fields.iter().map(|f| &f.ty)),
            Item::Alias(a) => uses.push(&a.target),
            Item::KindUnion(u) => uses.extend(u.variants.iter().map(|v| &v.ty)),
            Item::Enum(_) | Item::Union(_) => {}
        }
    }
    let features_of: BTreeMap<&str, &Vec<String>> =
        modules.iter().flat_map(|m| m.items.iter().map(move |i| (i.meta().name.as_str(), &m.features))).collect();
    let mut types = Vec::new();
    let mut allow_deprecated = false;
    for item in modules.iter().flat_map(|m| &m.items) {
        let meta = item.meta();
        let params = match item {
            Item::Struct(s) => s.generics.len(),
            Item::Alias(a) => a.generics.len(),
            Item::Enum(_) | Item::Union(_) | Item::KindUnion(_) => 0,
        };
        allow_deprecated |= meta.deprecated.is_some();
        let concrete = uses.iter().find_map(|ty| instance(ty, &meta.name));
        let args = match concrete {
            Some(args) if params > 0 => args,
            _ => vec![Type::String; params],
        };
        let ty = Type::Named { name: meta.name.clone(), args };
        // The type and its arguments must all be built: each one's features, none empty.
        let mut features: Vec<Vec<String>> = Vec::new();
        for name in named(&ty) {
            match features_of.get(name) {
                Some(f) if !f.is_empty() && !features.contains(f) => features.push((*f).clone()),
                _ => {}
            }
        }
        types.push((ty, features));
    }
    let docs = [
        "Every model type of this crate, each handed to `visitor` with its name as Rust writes it",
        "(a generic one with the arguments the spec uses it with): how the property tests and the",
        "fuzz targets reach every type without a list kept by hand. Not part of the crate's API.",
    ];
    ModelTable { types, allow_deprecated, docs: docs.iter().map(|l| (*l).to_owned()).collect() }
}

/// The arguments of the first use of the generic type `name` inside `ty` whose arguments hold
/// no type parameter.
fn instance(ty: &Type, name: &str) -> Option<Vec<Type>> {
    match ty {
        Type::Named { name: n, args } if n == name && !args.is_empty() && !args.iter().any(has_param) => {
            Some(args.clone())
        }
        Type::Named { args, .. } => args.iter().find_map(|a| instance(a, name)),
        Type::Vec(inner) | Type::Map(inner) => instance(inner, name),
        Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => None,
        Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => None,
    }
}

/// Every type name in `ty`, outermost first.
fn named(ty: &Type) -> Vec<&str> {
    match ty {
        Type::Named { name, args } => std::iter::once(name.as_str()).chain(args.iter().flat_map(named)).collect(),
        Type::Vec(inner) | Type::Map(inner) => named(inner),
        Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => Vec::new(),
        Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => Vec::new(),
    }
}

fn has_param(ty: &Type) -> bool {
    match ty {
        Type::Param(_) => true,
        Type::Named { args, .. } => args.iter().any(has_param),
        Type::Vec(inner) | Type::Map(inner) => has_param(inner),
        Type::String | Type::I64 | Type::F64 | Type::Bool => false,
        Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => false,
    }
}
