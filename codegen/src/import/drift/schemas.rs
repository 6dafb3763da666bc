//! What changed inside a component schema, in short facts with the path where each
//! happened: properties added or removed, `required` changed, a shape that became another
//! (`string` → `RunStep | null`), enum values and union members added or removed, any
//! other keyword changed. Documenting keys (descriptions, examples, `x-` extensions) only
//! mark the schema as reworded.

use super::SchemaChange;
use super::shape::{
    SCHEMA_KEYS, SCHEMA_LISTS, SCHEMA_MAPS, UNIONS, describe, is_text_key, member_labels, nullable_inner, same,
    short_json, token,
};
use crate::import::doc::{Object, Value};

/// Keywords the walker compares itself; every other key is compared whole.
const WALKED: &[&str] = &["$ref", "type", "nullable", "const", "required", "enum"];

/// How `new` differs from `old`, or `None` when it does not (key order aside).
pub(super) fn change(name: &str, old: &Value, new: &Value) -> Option<SchemaChange> {
    if old == new {
        return None;
    }
    let mut walk = Walk::default();
    walk.schema(old, new, "");
    if walk.facts.is_empty() && !walk.reworded {
        return None;
    }
    walk.facts.sort();
    walk.facts.dedup();
    Some(SchemaChange { name: name.to_owned(), facts: walk.facts, reworded: walk.reworded })
}

#[derive(Default)]
struct Walk {
    facts: Vec<String>,
    reworded: bool,
}

impl Walk {
    /// A fact at `path` (empty: the schema itself).
    fn fact(&mut self, path: &str, text: String) {
        self.facts.push(if path.is_empty() { text } else { format!("`{path}`: {text}") });
    }

    fn schema(&mut self, old: &Value, new: &Value, path: &str) {
        if old == new {
            return;
        }
        let (Some(before), Some(after)) = (old.as_object(), new.as_object()) else {
            return self.fact(path, format!("`{}` → `{}`", short_json(old), short_json(new)));
        };
        let (was, is) = (describe(old), describe(new));
        if was != is {
            // A new shape: what lies inside is no longer comparable, key by key.
            return self.fact(path, format!("type `{was}` → `{is}`"));
        }
        self.keywords(before, after, path);
        self.values("required", before, after, path);
        self.values("enum", before, after, path);
        for key in SCHEMA_KEYS {
            match (before.get(key), after.get(key)) {
                (Some(o), Some(n)) => self.schema(o, n, &join(path, key)),
                (None, Some(n)) => self.fact(path, format!("`{key}` added: `{}`", short_json(n))),
                (Some(o), None) => self.fact(path, format!("`{key}` removed (was `{}`)", short_json(o))),
                (None, None) => {}
            }
        }
        for key in SCHEMA_MAPS {
            self.map(key, before.get(key), after.get(key), path);
        }
        for key in SCHEMA_LISTS {
            self.list(key, before.get(key), after.get(key), path);
        }
    }

    /// Keys the walker does not descend into: documenting ones mark the schema reworded,
    /// the others (`format`, `default`, `discriminator`...) are compared whole.
    fn keywords(&mut self, before: &Object, after: &Object, path: &str) {
        let walked = |k: &str| {
            WALKED.contains(&k) || SCHEMA_KEYS.contains(&k) || SCHEMA_MAPS.contains(&k) || SCHEMA_LISTS.contains(&k)
        };
        for (key, value) in after.iter().filter(|(k, _)| !walked(k)) {
            let differs = before.get(key).is_none_or(|was| !same(was, value));
            if !differs {
                continue;
            }
            if is_text_key(key) {
                self.reworded = true;
                continue;
            }
            match before.get(key) {
                Some(was) => self.fact(path, format!("`{key}`: `{}` → `{}`", short_json(was), short_json(value))),
                None => self.fact(path, format!("`{key}` added: `{}`", short_json(value))),
            }
        }
        for (key, was) in before.iter().filter(|(k, _)| !walked(k) && after.get(k).is_none()) {
            if is_text_key(key) {
                self.reworded = true;
            } else {
                self.fact(path, format!("`{key}` removed (was `{}`)", short_json(was)));
            }
        }
    }

    /// `required` names or `enum` values added and removed (counts for an enum: its values
    /// are listed in the report's enum section).
    fn values<'a>(&mut self, key: &str, before: &'a Object, after: &'a Object, path: &str) {
        let list = |o: &'a Object| o.get(key).and_then(Value::as_array).unwrap_or_default();
        let (was, is) = (list(before), list(after));
        if was == is {
            return;
        }
        let added: Vec<&Value> = is.iter().filter(|v| !was.contains(v)).collect();
        let removed: Vec<&Value> = was.iter().filter(|v| !is.contains(v)).collect();
        let named = |values: &[&Value]| {
            let name = |v: &Value| v.as_str().map_or_else(|| short_json(v), str::to_owned);
            values.iter().map(|v| format!("`{}`", name(v))).collect::<Vec<_>>()
        };
        if key == "enum" {
            let mut counts = Vec::new();
            if !added.is_empty() {
                counts.push(format!("{} added", added.len()));
            }
            if !removed.is_empty() {
                counts.push(format!("{} removed", removed.len()));
            }
            if counts.is_empty() {
                counts.push("reordered".to_owned());
            }
            return self.fact(path, format!("enum values {}", counts.join(", ")));
        }
        if !added.is_empty() {
            self.fact(path, format!("{key} added: {}", named(&added).join(", ")));
        }
        if !removed.is_empty() {
            self.fact(path, format!("{key} removed: {}", named(&removed).join(", ")));
        }
    }

    /// `properties` (and the like): names added and removed, order, and each kept one.
    fn map(&mut self, key: &str, before: Option<&Value>, after: Option<&Value>, path: &str) {
        let empty = Object::default();
        let was = before.and_then(Value::as_object).unwrap_or(&empty);
        let is = after.and_then(Value::as_object).unwrap_or(&empty);
        let added: Vec<String> = is.keys().filter(|k| was.get(k).is_none()).map(|k| format!("`{k}`")).collect();
        let removed: Vec<String> = was.keys().filter(|k| is.get(k).is_none()).map(|k| format!("`{k}`")).collect();
        if !added.is_empty() {
            self.fact(path, format!("{key} added: {}", added.join(", ")));
        }
        if !removed.is_empty() {
            self.fact(path, format!("{key} removed: {}", removed.join(", ")));
        }
        if kept(was, is) != kept(is, was) {
            self.fact(path, format!("{key} reordered"));
        }
        for (name, value) in is.iter() {
            if let Some(old) = was.get(name) {
                self.schema(old, value, &join(path, &format!("{key}/{}", token(name))));
            }
        }
    }

    /// `anyOf`, `oneOf`, `allOf`, `prefixItems`: members added and removed by label, and
    /// each kept one; a nullable wrapper is looked through (its shape is `X | null`).
    fn list(&mut self, key: &str, before: Option<&Value>, after: Option<&Value>, path: &str) {
        let was = before.and_then(Value::as_array).unwrap_or_default();
        let is = after.and_then(Value::as_array).unwrap_or_default();
        if UNIONS.contains(&key) {
            if let (Some(old), Some(new)) = (nullable_inner(was), nullable_inner(is)) {
                return self.schema(old, new, path);
            }
        }
        let (old_labels, new_labels) = (member_labels(was), member_labels(is));
        let added: Vec<String> =
            new_labels.iter().filter(|l| !old_labels.contains(l)).map(|l| format!("`{l}`")).collect();
        let removed: Vec<String> =
            old_labels.iter().filter(|l| !new_labels.contains(l)).map(|l| format!("`{l}`")).collect();
        if !added.is_empty() {
            self.fact(path, format!("{key} members added: {}", some(&added)));
        }
        if !removed.is_empty() {
            self.fact(path, format!("{key} members removed: {}", some(&removed)));
        }
        for (label, member) in new_labels.iter().zip(is) {
            if let Some(at) = old_labels.iter().position(|l| l == label) {
                self.schema(&was[at], member, &join(path, &format!("{key}/{}", token(label))));
            }
        }
    }
}

/// The keys of `object` that `other` has too, in `object`'s order.
fn kept<'a>(object: &'a Object, other: &Object) -> Vec<&'a str> {
    object.keys().filter(|k| other.get(k).is_some()).collect()
}

/// A few names in full; many by their count (the union section lists every member).
fn some(names: &[String]) -> String {
    if names.len() <= 5 { names.join(", ") } else { names.len().to_string() }
}

fn join(path: &str, more: &str) -> String {
    if path.is_empty() { more.to_owned() } else { format!("{path}/{more}") }
}
