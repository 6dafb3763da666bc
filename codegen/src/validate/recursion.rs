//! The recursion check: a type that contains itself with no list or map in between
//! would have no finite size in Rust, so it is a located error (boxing is not done).

use std::collections::BTreeMap;

use super::extends::all_fields;
use super::symbols::{BUILTIN_GENERICS, SymbolKind, Symbols};
use crate::ast::{FieldType, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::diagnostics::Diagnostics;

/// A type that contains itself without a list or map in between has no finite size.
pub fn check(symbols: &Symbols<'_>, d: &mut Diagnostics) {
    let edges: BTreeMap<&str, Vec<&str>> = symbols
        .types
        .iter()
        .map(|(name, symbol)| {
            let mut out = Vec::new();
            if let SymbolKind::Def(def) = symbol.kind {
                direct_children(def, symbols, &mut out);
            }
            (name.as_str(), out)
        })
        .collect();
    // Iterative DFS with colours; a grey node reached again closes a cycle.
    let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
    for start in edges.keys() {
        if colour.contains_key(start) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        colour.insert(start, 1);
        while let Some((node, next)) = stack.last().copied() {
            let children = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            let Some(&child) = children.get(next) else {
                colour.insert(node, 2);
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match colour.get(child) {
                None => {
                    colour.insert(child, 1);
                    stack.push((child, 0));
                }
                Some(1) => {
                    let from = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                    let mut cycle: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).collect();
                    cycle.push(child);
                    if let Some(symbol) = symbols.types.get(child) {
                        d.error(
                            &symbol.path,
                            format!("type `{child}` contains itself ({}) with no list or map in between, so it would have no finite size", cycle.join(" → ")),
                            Some("make one of the fields on that path an `array<...>` or `map<...>`".into()),
                        );
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// Types stored directly (not behind a `Vec` or map) inside `def`. A generic argument
/// counts when the generic type stores that parameter directly (`Boxed<T> { value: T }`).
fn direct_children<'s>(def: &TypeDef, symbols: &'s Symbols<'_>, out: &mut Vec<&'s str>) {
    let push_ref = |ty: &TypeRef, out: &mut Vec<&'s str>| match ty {
        TypeRef::Expr(expr) => direct_in_expr(&expr.value, symbols, out, 0),
        TypeRef::Inline(inline) => {
            if let Some((key, _)) = symbols.by_path.get(&inline.path).and_then(|n| symbols.types.get_key_value(n)) {
                out.push(key.as_str());
            }
        }
        TypeRef::Array(_) => {}
    };
    match &def.body {
        // With the fields of its bases (`extends`), which its struct holds too.
        TypeBody::Object { .. } => {
            for field in all_fields(symbols, def) {
                if let FieldType::Ref(ty) = &field.ty {
                    push_ref(ty, out);
                }
            }
        }
        TypeBody::KindUnion { kinds } => {
            for member in kinds {
                push_ref(&member.member, out);
            }
        }
        TypeBody::Union { variants, .. } => {
            for variant in variants {
                push_ref(&variant.member, out);
            }
        }
        TypeBody::Enum { .. } | TypeBody::Map { .. } => {}
    }
}

fn direct_in_expr<'s>(expr: &TypeExpr, symbols: &'s Symbols<'_>, out: &mut Vec<&'s str>, depth: usize) {
    let Some((key, symbol)) = symbols.types.get_key_value(&expr.name) else { return };
    out.push(key.as_str());
    let SymbolKind::Def(generic) = symbol.kind else { return };
    for (param, arg) in generic.params.iter().zip(&expr.args) {
        if depth < 32 && stores_directly(generic, &param.value) {
            direct_in_expr(arg, symbols, out, depth + 1);
        }
    }
}

/// Whether an object has a field of type `param` itself, or of a generic type taking it,
/// rather than inside an array or map. (Conservative for nested generics.)
fn stores_directly(def: &TypeDef, param: &str) -> bool {
    fn mentions(expr: &TypeExpr, param: &str) -> bool {
        expr.name == param
            || (!BUILTIN_GENERICS.contains(&expr.name.as_str()) && expr.args.iter().any(|a| mentions(a, param)))
    }
    let TypeBody::Object { fields } = &def.body else { return false };
    fields.iter().any(|f| matches!(&f.ty, FieldType::Ref(TypeRef::Expr(e)) if mentions(&e.value, param)))
}
