//! Every `enum` list and every union (`oneOf`/`anyOf`) of a document, by a stable address,
//! and their comparison between two documents.
//!
//! An address is a component schema's name (or `operation <operationId>/...` for a schema
//! written inside an operation) followed by the path inside: keys as JSON pointer tokens,
//! members of `allOf`/`anyOf`/`oneOf` by their [`member_labels`] rather than their index, so
//! that a member added upstream does not move every address after it. A nullable wrapper
//! (`anyOf: [X, {type: 'null'}]`) is transparent: `X`'s lists have the wrapper's address.

use std::collections::{BTreeMap, BTreeSet};

use super::ListChange;
use super::operations::{self, OperationEntry};
use super::shape::{SCHEMA_KEYS, SCHEMA_LISTS, SCHEMA_MAPS, UNIONS, member_labels, nullable_inner, resolve, token};
use crate::import::doc::Value;

/// The lists of one document.
#[derive(Default)]
pub(super) struct Places {
    /// Every schema's address: a list is compared only where its schema is in both documents.
    nodes: BTreeSet<String>,
    /// `enum` lists by the address of the schema holding them.
    enums: BTreeMap<String, Vec<Value>>,
    /// Union members' labels by the address of the schema holding them and the keyword.
    unions: BTreeMap<(String, &'static str), Vec<String>>,
}

impl Places {
    /// The lists of `doc`: inside every component schema and every schema an operation
    /// writes inline (its parameters', request body's and responses' schemas).
    pub(super) fn of(doc: &Value) -> Places {
        let mut places = Places::default();
        let schemas = doc.get("components").and_then(|c| c.get("schemas")).and_then(Value::as_object);
        for (name, schema) in schemas.into_iter().flat_map(|s| s.iter()) {
            places.walk(schema, token(name));
        }
        for (id, entry) in operations::of(doc) {
            places.walk_operation(doc, &id, &entry);
        }
        places
    }

    fn walk_operation(&mut self, doc: &Value, id: &str, entry: &OperationEntry<'_>) {
        let at = format!("operation {id}");
        for (key, parameter) in operations::parameters(doc, entry) {
            if let Some(schema) = parameter.get("schema") {
                self.walk(schema, format!("{at}/parameters[{key}]"));
            }
        }
        if let Some(body) = entry.operation.get("requestBody") {
            for (media, schema) in media_schemas(resolve(doc, body)) {
                self.walk(schema, format!("{at}/requestBody[{media}]"));
            }
        }
        let responses = entry.operation.get("responses").and_then(Value::as_object);
        for (status, response) in responses.into_iter().flat_map(|r| r.iter()) {
            for (media, schema) in media_schemas(resolve(doc, response)) {
                self.walk(schema, format!("{at}/responses[{status} {media}]"));
            }
        }
    }

    fn walk(&mut self, schema: &Value, at: String) {
        let Some(object) = schema.as_object() else { return };
        if let Some(values) = object.get("enum").and_then(Value::as_array) {
            self.enums.entry(at.clone()).or_insert_with(|| values.to_vec());
        }
        for key in SCHEMA_KEYS {
            if let Some(inner) = object.get(key) {
                self.walk(inner, format!("{at}/{key}"));
            }
        }
        for key in SCHEMA_MAPS {
            for (name, inner) in object.get(key).and_then(Value::as_object).into_iter().flat_map(|m| m.iter()) {
                self.walk(inner, format!("{at}/{key}/{}", token(name)));
            }
        }
        for key in SCHEMA_LISTS {
            let Some(members) = object.get(key).and_then(Value::as_array) else { continue };
            let wrapped = if UNIONS.contains(key) { nullable_inner(members) } else { None };
            if let Some(inner) = wrapped {
                self.walk(inner, at.clone());
                continue;
            }
            let labels = member_labels(members);
            for (label, member) in labels.iter().zip(members) {
                self.walk(member, format!("{at}/{key}/{}", token(label)));
            }
            if UNIONS.contains(key) {
                self.unions.entry((at.clone(), key)).or_insert(labels);
            }
        }
        self.nodes.insert(at);
    }
}

/// The schema of each media type of a request body or response, by media type.
fn media_schemas(holder: &Value) -> impl Iterator<Item = (&str, &Value)> {
    let content = holder.get("content").and_then(Value::as_object);
    content.into_iter().flat_map(|c| c.iter()).filter_map(|(media, m)| m.get("schema").map(|s| (media, s)))
}

/// Enum values added and removed, at every address whose schema both documents have (a
/// schema that gained or lost its `enum` counts as having an empty one). Lists of schemas
/// that exist on one side only are left out: the schema or property is reported as added
/// or removed instead.
pub(super) fn enum_changes(old: &Places, new: &Places) -> Vec<ListChange> {
    let addresses: BTreeSet<&String> = old.enums.keys().chain(new.enums.keys()).collect();
    let mut changes = Vec::new();
    for address in addresses {
        if !(old.nodes.contains(address) && new.nodes.contains(address)) {
            continue;
        }
        let before = old.enums.get(address).map_or(&[][..], Vec::as_slice);
        let after = new.enums.get(address).map_or(&[][..], Vec::as_slice);
        let added: Vec<String> = after.iter().filter(|v| !before.contains(v)).map(Value::to_json).collect();
        let removed: Vec<String> = before.iter().filter(|v| !after.contains(v)).map(Value::to_json).collect();
        if !added.is_empty() || !removed.is_empty() {
            changes.push(ListChange { place: address.clone(), added, removed });
        }
    }
    changes
}

/// Union members added and removed, by label, under the same rule as [`enum_changes`].
/// Nullable wrappers are no unions (a change of what they wrap is a schema change).
pub(super) fn union_changes(old: &Places, new: &Places) -> Vec<ListChange> {
    let addresses: BTreeSet<&(String, &str)> = old.unions.keys().chain(new.unions.keys()).collect();
    let mut changes = Vec::new();
    for address in addresses {
        let (node, keyword) = address;
        if !(old.nodes.contains(node) && new.nodes.contains(node)) {
            continue;
        }
        let before = old.unions.get(address).map_or(&[][..], Vec::as_slice);
        let after = new.unions.get(address).map_or(&[][..], Vec::as_slice);
        let added: Vec<String> = after.iter().filter(|m| !before.contains(m)).cloned().collect();
        let removed: Vec<String> = before.iter().filter(|m| !after.contains(m)).cloned().collect();
        if !added.is_empty() || !removed.is_empty() {
            changes.push(ListChange { place: format!("{node}/{keyword}"), added, removed });
        }
    }
    changes
}
