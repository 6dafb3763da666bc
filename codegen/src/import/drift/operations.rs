//! Operations, by `operationId`, and what changed in one: where it lives, its parameters,
//! request body and responses (media types and schemas), and its deprecation.

use std::collections::BTreeMap;

use super::shape::{describe, resolve, same, same_shape};
use super::{Operation, OperationChange};
use crate::import::doc::{Object, Value};

/// The HTTP methods a path item may hold (OpenAPI 3.1).
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// One operation of a document, with the path item around it (for its shared parameters).
pub(super) struct OperationEntry<'a> {
    pub(super) at: Operation,
    pub(super) operation: &'a Value,
    pub(super) path_item: &'a Value,
}

/// Every operation under `paths`, by `operationId`. One without an id, or whose id an
/// earlier operation took, goes by `METHOD path` instead, so none is lost.
pub(super) fn of(doc: &Value) -> BTreeMap<String, OperationEntry<'_>> {
    let mut operations = BTreeMap::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, path_item) in paths.into_iter().flat_map(|p| p.iter()) {
        let path_item = resolve(doc, path_item);
        for method in METHODS {
            let Some(operation) = path_item.get(method) else { continue };
            let method = method.to_uppercase();
            let fallback = format!("{method} {path}");
            let id = operation.str_at("operationId").map(str::to_owned).unwrap_or_else(|| fallback.clone());
            let id = if operations.contains_key(&id) { fallback } else { id };
            let at = Operation { id: id.clone(), method, path: path.to_owned() };
            operations.insert(id, OperationEntry { at, operation, path_item });
        }
    }
    operations
}

/// An operation's parameters by `in` and `name` (`query limit`), references followed: the
/// path item's, then the operation's own, which replace them (as OpenAPI says).
pub(super) fn parameters<'a>(doc: &'a Value, entry: &OperationEntry<'a>) -> BTreeMap<String, &'a Value> {
    let mut parameters = BTreeMap::new();
    for holder in [entry.path_item, entry.operation] {
        for parameter in holder.get("parameters").and_then(Value::as_array).unwrap_or_default() {
            let parameter = resolve(doc, parameter);
            let location = parameter.str_at("in").unwrap_or("?");
            let name = parameter.str_at("name").unwrap_or("?");
            parameters.insert(format!("{location} {name}"), parameter);
        }
    }
    parameters
}

/// The operations of `new` whose facts differ from `old`'s (sorted by id), and those that
/// differ in nothing compared here: only in text (summaries, descriptions, examples).
pub(super) fn changes(
    old_doc: &Value,
    new_doc: &Value,
    old: &BTreeMap<String, OperationEntry<'_>>,
    new: &BTreeMap<String, OperationEntry<'_>>,
) -> (Vec<OperationChange>, Vec<Operation>) {
    let mut changed = Vec::new();
    let mut reworded = Vec::new();
    for (id, after) in new {
        let Some(before) = old.get(id) else { continue };
        let mut facts = Vec::new();
        if (before.at.method.as_str(), before.at.path.as_str()) != (after.at.method.as_str(), after.at.path.as_str()) {
            facts.push(format!("moved from `{} {}`", before.at.method, before.at.path));
        }
        parameter_facts(&parameters(old_doc, before), &parameters(new_doc, after), &mut facts);
        body_facts(
            old_doc,
            new_doc,
            before.operation.get("requestBody"),
            after.operation.get("requestBody"),
            &mut facts,
        );
        response_facts(old_doc, new_doc, before.operation, after.operation, &mut facts);
        let deprecated = |e: &OperationEntry<'_>| e.operation.get("deprecated").and_then(Value::as_bool) == Some(true);
        match (deprecated(before), deprecated(after)) {
            (false, true) => facts.push("now deprecated".to_owned()),
            (true, false) => facts.push("no longer deprecated".to_owned()),
            _ => {}
        }
        if !facts.is_empty() {
            facts.sort();
            changed.push(OperationChange { operation: after.at.clone(), facts });
        } else if !same(before.operation, after.operation) || !same_shared(before.path_item, after.path_item) {
            reworded.push(after.at.clone());
        }
    }
    (changed, reworded)
}

/// Whether two path items say the same for all their operations (`parameters`, `summary`,
/// `servers`...), their operations aside: a sibling's change is not this operation's.
fn same_shared(old: &Value, new: &Value) -> bool {
    let (before, after) = (shared_entries(old), shared_entries(new));
    before.len() == after.len()
        && before.iter().all(|(key, value)| after.iter().any(|(k, v)| k == key && same(value, v)))
}

fn shared_entries(item: &Value) -> Vec<(&str, &Value)> {
    let entries = item.as_object().into_iter().flat_map(|o| o.iter());
    entries.filter(|(key, _)| !METHODS.contains(key)).collect()
}

fn parameter_facts(old: &BTreeMap<String, &Value>, new: &BTreeMap<String, &Value>, facts: &mut Vec<String>) {
    let required = |p: &Value| p.get("required").and_then(Value::as_bool) == Some(true);
    for (key, parameter) in new {
        let Some(before) = old.get(key) else {
            let required = if required(parameter) { " (required)" } else { "" };
            facts.push(format!("parameter added: `{key}`{required}"));
            continue;
        };
        match (required(before), required(parameter)) {
            (false, true) => facts.push(format!("parameter `{key}`: now required")),
            (true, false) => facts.push(format!("parameter `{key}`: now optional")),
            _ => {}
        }
        schema_fact(&format!("parameter `{key}`"), before.get("schema"), parameter.get("schema"), facts);
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        facts.push(format!("parameter removed: `{key}`"));
    }
}

/// Media types added and removed, and a changed schema under a media type both have.
fn content_facts<'a>(what: &str, old: &'a Value, new: &'a Value, facts: &mut Vec<String>) {
    let empty = Object::default();
    let media = |holder: &'a Value| holder.get("content").and_then(Value::as_object).unwrap_or(&empty);
    let (before, after) = (media(old), media(new));
    for (kind, content) in after.iter() {
        match before.get(kind) {
            None => facts.push(format!("{what}: media type added: `{kind}`")),
            Some(was) => schema_fact(&format!("{what} `{kind}`"), was.get("schema"), content.get("schema"), facts),
        }
    }
    for kind in before.keys().filter(|k| after.get(k).is_none()) {
        facts.push(format!("{what}: media type removed: `{kind}`"));
    }
}

/// A schema that became another (`RunStep` → `RunStepV2`), or an inline schema whose shape
/// changed (its enum values and union members are listed in their own sections too).
fn schema_fact(what: &str, old: Option<&Value>, new: Option<&Value>, facts: &mut Vec<String>) {
    let (old, new) = (old.unwrap_or(&Value::Null), new.unwrap_or(&Value::Null));
    let (before, after) = (describe(old), describe(new));
    if before != after {
        facts.push(format!("{what}: `{before}` → `{after}`"));
    } else if !same_shape(old, new) {
        facts.push(format!("{what}: inline schema changed"));
    }
}

fn body_facts(old_doc: &Value, new_doc: &Value, old: Option<&Value>, new: Option<&Value>, facts: &mut Vec<String>) {
    let (old, new) = match (old, new) {
        (Some(old), Some(new)) => (resolve(old_doc, old), resolve(new_doc, new)),
        (None, Some(_)) => {
            facts.push("request body added".to_owned());
            return;
        }
        (Some(_), None) => {
            facts.push("request body removed".to_owned());
            return;
        }
        (None, None) => return,
    };
    let required = |b: &Value| b.get("required").and_then(Value::as_bool) == Some(true);
    match (required(old), required(new)) {
        (false, true) => facts.push("request body now required".to_owned()),
        (true, false) => facts.push("request body now optional".to_owned()),
        _ => {}
    }
    content_facts("request body", old, new, facts);
}

fn response_facts<'a>(old_doc: &Value, new_doc: &Value, old: &'a Value, new: &'a Value, facts: &mut Vec<String>) {
    let empty = Object::default();
    let responses = |o: &'a Value| o.get("responses").and_then(Value::as_object).unwrap_or(&empty);
    let (before, after) = (responses(old), responses(new));
    for (status, response) in after.iter() {
        match before.get(status) {
            None => facts.push(format!("response `{status}` added")),
            Some(was) => {
                let what = format!("response `{status}`");
                content_facts(&what, resolve(old_doc, was), resolve(new_doc, response), facts);
            }
        }
    }
    for status in before.keys().filter(|s| after.get(s).is_none()) {
        facts.push(format!("response `{status}` removed"));
    }
}
