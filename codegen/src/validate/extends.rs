//! Composition: `extends: Base` (or a list) on an object. The object has every field of its
//! bases, in order, then its own: one flat struct that decodes and encodes like the merged
//! object. A base is a plain object (not generic, not a union member, which would bring a
//! tag its union owns), no type extends itself through any chain, and no field is defined
//! twice. Once every type is resolved, [`compose`] puts the bases' fields in.

use std::collections::{BTreeMap, BTreeSet};

use super::cx::Cx;
use super::symbols::{BUILTIN_GENERICS, SymbolKind, Symbols};
use crate::ast::{Field, Spanned, TypeBody, TypeDef};
use crate::diagnostics::suggest;
use crate::naming;
use crate::resolved::{self, Body, TypeLink};
use crate::values::Scalar;

/// How deep a chain of bases may go before it is taken for a cycle (which is reported).
pub(super) const MAX_DEPTH: usize = 64;

/// Every field of `def`: its bases' (in order, transitively), then its own. A cycle or an
/// unknown base contributes nothing (both are reported by [`check`]).
pub(super) fn all_fields<'a>(symbols: &Symbols<'a>, def: &'a TypeDef) -> Vec<&'a Field> {
    fn walk<'a>(symbols: &Symbols<'a>, def: &'a TypeDef, depth: usize, out: &mut Vec<&'a Field>) {
        if depth > MAX_DEPTH {
            return;
        }
        for base in &def.extends {
            if let Some(base) = symbols.def(&base.value) {
                walk(symbols, base, depth + 1, out);
            }
        }
        if let TypeBody::Object { fields } = &def.body {
            out.extend(fields);
        }
    }
    let mut out = Vec::new();
    walk(symbols, def, 0, &mut out);
    out
}

/// The resolved links to the bases `def` names that exist.
pub(super) fn links(symbols: &Symbols<'_>, def: &TypeDef) -> Vec<TypeLink> {
    def.extends
        .iter()
        .filter_map(|base| {
            let symbol = symbols.types.get(&base.value)?;
            Some(TypeLink { name: base.value.clone(), module: symbol.module.clone() })
        })
        .collect()
}

/// Checks every `extends` of the spec. Runs after the unions are checked, so that a base
/// that is a union member is known.
pub(super) fn check(cx: &mut Cx<'_, '_>) {
    let symbols = cx.symbols;
    let mut ordered: Vec<_> = symbols.types.iter().collect();
    ordered.sort_by_key(|(_, symbol)| symbol.order);
    let mut in_cycles = BTreeSet::new();
    for (name, symbol) in ordered {
        let SymbolKind::Def(def) = symbol.kind else { continue };
        if def.extends.is_empty() {
            continue;
        }
        let mut ok = true;
        for (i, base) in def.extends.iter().enumerate() {
            ok &= check_base(cx, name, base, &def.extends[..i]);
        }
        if let Some(cycle) = cycle(symbols, name) {
            if !in_cycles.contains(name.as_str()) {
                cx.error(
                    &def.extends[0].path,
                    format!("`{name}` extends itself ({})", cycle.join(" → ")),
                    "an object cannot have its own fields twice; remove one `extends` on that path",
                );
            }
            in_cycles.extend(cycle);
        } else if ok {
            check_distinct(cx, name, def);
        }
    }
}

/// A base is a known, plain, non-generic object that is no union member, listed once.
fn check_base(cx: &mut Cx<'_, '_>, name: &str, base: &Spanned<String>, before: &[Spanned<String>]) -> bool {
    let base_name = base.value.as_str();
    let symbol = cx.symbols.types.get(base_name);
    if symbol.is_none() && (Scalar::from_name(base_name).is_some() || BUILTIN_GENERICS.contains(&base_name)) {
        cx.error(
            &base.path,
            format!("`{name}` extends `{base_name}`, which is not an object"),
            format!("only an object's fields can be added to: give `{name}` a field of type `{base_name}` instead"),
        );
        return false;
    }
    let Some(symbol) = symbol else {
        let written: Vec<&str> = cx
            .symbols
            .types
            .iter()
            .filter(|(_, s)| {
                s.path.segments().len() == 2
                    && matches!(s.kind, SymbolKind::Def(d) if matches!(d.body, TypeBody::Object { .. }))
            })
            .map(|(n, _)| n.as_str())
            .collect();
        cx.error(&base.path, format!("`{name}` extends an unknown type `{base_name}`"), suggest(base_name, &written));
        return false;
    };
    let def = match symbol.kind {
        SymbolKind::Def(def @ TypeDef { body: TypeBody::Object { .. }, .. }) => def,
        _ => {
            cx.error(
                &base.path,
                format!("`{name}` extends `{base_name}`, which is not an object"),
                "only an object's fields can be added to: extend an object type (with `fields`), \
                 or use the type as a field's type",
            );
            return false;
        }
    };
    if !def.params.is_empty() {
        cx.error(
            &base.path,
            format!("`{name}` extends the generic type `{base_name}`"),
            "extend an object without `params`, or copy the fields it needs",
        );
        return false;
    }
    if let Some((union, _)) = cx.members.get(base_name).and_then(|unions| unions.first()).cloned() {
        cx.error(
            &base.path,
            format!("`{name}` extends `{base_name}`, a member of union `{union}` whose tag it would carry"),
            format!(
                "move the fields both share to an object of their own, and let `{base_name}` and `{name}` extend it"
            ),
        );
        return false;
    }
    if before.iter().any(|b| b.value == base.value) {
        cx.error(&base.path, format!("`{name}` extends `{base_name}` twice"), "list each base once");
        return false;
    }
    true
}

/// The chain of bases from `name` back to itself, if there is one.
fn cycle(symbols: &Symbols<'_>, name: &str) -> Option<Vec<String>> {
    fn walk(symbols: &Symbols<'_>, at: &str, target: &str, path: &mut Vec<String>) -> bool {
        if path.len() > MAX_DEPTH {
            return false;
        }
        let Some(def) = symbols.def(at) else { return false };
        for base in &def.extends {
            path.push(base.value.clone());
            if base.value == target || walk(symbols, &base.value, target, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![name.to_owned()];
    walk(symbols, name, name, &mut path).then_some(path)
}

/// No two fields of the merged object have one wire name or one Rust name. Each pair is
/// reported once, by the first type where its two fields come from different places (the
/// type's own fields, or one of its direct bases).
fn check_distinct(cx: &mut Cx<'_, '_>, name: &str, def: &TypeDef) {
    let symbols = cx.symbols;
    let mut seen: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    let own = def.extends.len();
    let sources = def
        .extends
        .iter()
        .enumerate()
        .filter_map(|(i, b)| symbols.def(&b.value).map(|d| (i, Some(b), all_fields(symbols, d))));
    let TypeBody::Object { fields } = &def.body else { return };
    let sources = sources.chain(std::iter::once((own, None, fields.iter().collect())));
    for (source, base, fields) in sources.collect::<Vec<_>>() {
        for field in fields {
            let rust = field.rust_name.as_ref().map(|r| naming::unraw(&r.value).to_owned());
            let Some(rust) = rust.or_else(|| naming::snake(&field.wire).ok()) else { continue };
            let from = |source: usize| match def.extends.get(source) {
                Some(base) => format!("a field of `{}`, which `{name}` extends", base.value),
                None => format!("a field of `{name}` itself"),
            };
            for key in [format!("wire:{}", field.wire), format!("rust:{rust}")] {
                match seen.get(&key) {
                    Some(&(first, _)) if first == source => {}
                    Some(&(first, wire)) => {
                        let at = base.map_or(&field.path, |b| &b.path);
                        let message = if wire == field.wire {
                            format!("the field `{wire}` is {}, and {}", from(first), from(source))
                        } else {
                            format!("fields `{wire}` and `{}` both become `{rust}` in Rust", field.wire)
                        };
                        cx.error(
                            at,
                            message,
                            format!("`{name}` has every field of its bases: define the field in one place only"),
                        );
                        break;
                    }
                    None => {
                        seen.insert(key, (source, &field.wire));
                    }
                }
            }
        }
    }
}

/// Puts each object's bases' fields (resolved, transitively) before its own.
pub(super) fn compose(mut types: Vec<resolved::TypeDef>) -> Vec<resolved::TypeDef> {
    let table: BTreeMap<String, (Vec<String>, Vec<resolved::Field>)> = types
        .iter()
        .filter_map(|ty| match &ty.body {
            Body::Object(o) => {
                Some((ty.name.clone(), (o.extends.iter().map(|b| b.name.clone()).collect(), o.fields.clone())))
            }
            _ => None,
        })
        .collect();
    fn flatten(
        name: &str,
        table: &BTreeMap<String, (Vec<String>, Vec<resolved::Field>)>,
        depth: usize,
        out: &mut Vec<resolved::Field>,
    ) {
        let Some((bases, own)) = table.get(name) else { return };
        if depth > MAX_DEPTH {
            return;
        }
        for base in bases {
            flatten(base, table, depth + 1, out);
        }
        out.extend(own.iter().cloned());
    }
    for ty in &mut types {
        let Body::Object(object) = &mut ty.body else { continue };
        if object.extends.is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        flatten(&ty.name, &table, 0, &mut fields);
        object.fields = fields;
    }
    types
}
