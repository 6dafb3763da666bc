//! `requires:` on an object: its field sets name fields the object has (its own or its
//! bases'), each optional (a required field is always there, so a set holding one says
//! nothing), at least two sets, none empty, none repeated. An object extending another
//! keeps the base's rule (as OpenAPI's `allOf` does), checked where the base defines it.

use super::cx::Cx;
use super::extends::MAX_DEPTH;
use super::extends::all_fields;
use crate::ast::{FieldSets, TypeDef};
use crate::resolved;
use crate::values::Presence;

pub(super) fn check(cx: &mut Cx<'_, '_>, def: &TypeDef, sets_written: &FieldSets) -> Option<resolved::FieldSets> {
    let sets = sets_written;
    let fields = all_fields(cx.symbols, def);
    let mut ok = true;
    if sets.sets.len() < 2 {
        ok = false;
        cx.error(
            &sets.path,
            "`requires` needs at least two field sets to choose from",
            "make the field required instead (remove `optional`), or list another set",
        );
    }
    let mut seen: Vec<Vec<&str>> = Vec::new();
    for (i, set) in sets.sets.iter().enumerate() {
        if set.is_empty() {
            ok = false;
            cx.error(&sets.path.index(i), "an empty field set is always complete", "name at least one field in it");
        }
        for name in set {
            match fields.iter().find(|f| f.wire == name.value) {
                None => {
                    ok = false;
                    let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                    cx.error(
                        &name.path,
                        format!("`requires` names `{}`, which is no field of this object", name.value),
                        format!("name one of its fields: {}", known.join(", ")),
                    );
                }
                Some(field) if matches!(field.presence, Presence::Required | Presence::Nullable { .. }) => {
                    ok = false;
                    cx.error(
                        &name.path,
                        format!(
                            "`{}` is always sent (it is not optional), so a set holding it says nothing",
                            name.value
                        ),
                        "make the field `optional: true`, or leave it out of `requires`",
                    );
                }
                Some(_) => {}
            }
        }
        let mut names: Vec<&str> = set.iter().map(|n| n.value.as_str()).collect();
        names.sort_unstable();
        if seen.contains(&names) {
            ok = false;
            cx.error(&sets.path.index(i), "this field set is listed twice", "remove one of the two");
        }
        seen.push(names);
    }
    let sets = sets.sets.iter().map(|set| set.iter().map(|n| n.value.clone()).collect()).collect();
    ok.then_some(resolved::FieldSets { exactly_one: sets_written.exactly_one, sets })
}

/// The field sets `def`'s bases require (theirs recursively first), as valid as checked at
/// each base: a base's fields are the object's too, with the same presence.
pub(super) fn inherited(cx: &Cx<'_, '_>, def: &TypeDef) -> Vec<resolved::FieldSets> {
    fn walk(cx: &Cx<'_, '_>, def: &TypeDef, depth: usize, out: &mut Vec<resolved::FieldSets>) {
        for base in def.extends.iter().filter_map(|b| cx.symbols.def(&b.value)).filter(|_| depth < MAX_DEPTH) {
            walk(cx, base, depth + 1, out);
            if let Some(sets) = &base.requires {
                let sets = resolved::FieldSets {
                    exactly_one: sets.exactly_one,
                    sets: sets.sets.iter().map(|set| set.iter().map(|n| n.value.clone()).collect()).collect(),
                };
                if !out.contains(&sets) {
                    out.push(sets);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(cx, def, 0, &mut out);
    out
}
