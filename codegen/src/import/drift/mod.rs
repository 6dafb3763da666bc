//! The upstream drift report: what changed between two versions of an OpenAPI document,
//! for a person deciding what the overlay and the spec need (`cargo xtask import --diff`).
//!
//! Four views, each sorted, each item naming where it is:
//! - operations under `paths`, by `operationId`: added, removed, changed (moved, parameters,
//!   request body and response media types and schemas, deprecation) — `operations`;
//! - component schemas: added, removed, changed, with short facts — `schemas`;
//! - enum values and union members added and removed, wherever a component schema or an
//!   operation's inline schema holds a list — `places`.
//!
//! Counting rule for the last two: a list is compared where the schema holding it exists in
//! both documents (a list it gained or lost counts as an empty one); lists inside a schema or
//! property that is itself new are not counted (the schema or property is). Nullable wrappers
//! (`anyOf: [X, {type: 'null'}]`) are no unions: a change of `X` is a schema change. Union
//! members are named by `$ref` target, or, inline, by title, tag or type (see
//! `shape::member_labels`).

mod markdown;
mod operations;
mod places;
mod schemas;
mod shape;
#[cfg(test)]
mod tests;

use crate::import::doc::{Object, Value};

/// What changed from one document to the next. Every list is sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// How many operations each document has (old, new).
    pub operation_counts: (usize, usize),
    /// How many component schemas each document has (old, new).
    pub schema_counts: (usize, usize),
    pub operations_added: Vec<Operation>,
    pub operations_removed: Vec<Operation>,
    /// Operations whose method, path, parameters, bodies, responses or deprecation changed.
    pub operations_changed: Vec<OperationChange>,
    /// Operations that differ only in what is not compared (text, examples, extensions).
    pub operations_reworded: Vec<Operation>,
    pub schemas_added: Vec<String>,
    pub schemas_removed: Vec<String>,
    /// Schemas that differ in anything (key order aside), with what changed.
    pub schemas_changed: Vec<SchemaChange>,
    /// Enum values (as JSON) added and removed, by the address of their schema.
    pub enum_values: Vec<ListChange>,
    /// Union members added and removed, by `<address>/anyOf` (or `oneOf`).
    pub union_members: Vec<ListChange>,
}

/// An operation and where it lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Operation {
    /// Its `operationId` (or `METHOD path` for an operation without a unique one).
    pub id: String,
    /// `GET`, `POST`...
    pub method: String,
    pub path: String,
}

/// An operation (as the newer document has it) and what changed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationChange {
    pub operation: Operation,
    pub facts: Vec<String>,
}

/// A component schema and what changed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaChange {
    pub name: String,
    /// Changes of shape, each with its path inside the schema; empty when only text changed.
    pub facts: Vec<String>,
    /// Whether descriptions, titles, examples or `x-` extensions changed.
    pub reworded: bool,
}

/// Values added to and removed from one list (an `enum`, a union's members).
#[derive(Debug, Clone, PartialEq)]
pub struct ListChange {
    /// Where the list is: a component schema's name and the path inside it, or
    /// `operation <operationId>/...` for a schema written inside an operation.
    pub place: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl ListChange {
    fn sorted(mut self) -> ListChange {
        self.added.sort();
        self.removed.sort();
        self
    }
}

/// Compares two versions of an OpenAPI document. Pure; never fails: whatever either
/// document lacks (no `paths`, no `components`) is simply empty.
pub fn drift(old: &Value, new: &Value) -> Drift {
    let (old_ops, new_ops) = (operations::of(old), operations::of(new));
    let operations_added = new_ops.iter().filter(|(id, _)| !old_ops.contains_key(*id)).map(|(_, e)| e.at.clone());
    let operations_removed = old_ops.iter().filter(|(id, _)| !new_ops.contains_key(*id)).map(|(_, e)| e.at.clone());
    let (operations_changed, operations_reworded) = operations::changes(old, new, &old_ops, &new_ops);

    let empty = Object::default();
    let (old_schemas, new_schemas) =
        (component_schemas(old).unwrap_or(&empty), component_schemas(new).unwrap_or(&empty));
    let mut schemas_added: Vec<String> =
        new_schemas.keys().filter(|k| old_schemas.get(k).is_none()).map(str::to_owned).collect();
    let mut schemas_removed: Vec<String> =
        old_schemas.keys().filter(|k| new_schemas.get(k).is_none()).map(str::to_owned).collect();
    let mut schemas_changed: Vec<SchemaChange> =
        new_schemas.iter().filter_map(|(name, schema)| schemas::change(name, old_schemas.get(name)?, schema)).collect();
    schemas_added.sort();
    schemas_removed.sort();
    schemas_changed.sort_by(|a, b| a.name.cmp(&b.name));

    let (old_places, new_places) = (places::Places::of(old), places::Places::of(new));
    Drift {
        operation_counts: (old_ops.len(), new_ops.len()),
        schema_counts: (old_schemas.len(), new_schemas.len()),
        operations_added: operations_added.collect(),
        operations_removed: operations_removed.collect(),
        operations_changed,
        operations_reworded,
        schemas_added,
        schemas_removed,
        schemas_changed,
        enum_values: places::enum_changes(&old_places, &new_places).into_iter().map(ListChange::sorted).collect(),
        union_members: places::union_changes(&old_places, &new_places).into_iter().map(ListChange::sorted).collect(),
    }
}

fn component_schemas(doc: &Value) -> Option<&Object> {
    doc.get("components")?.get("schemas")?.as_object()
}

/// The number of items in a set of list changes, and of places: (added, places), (removed, places).
pub fn totals(changes: &[ListChange]) -> ((usize, usize), (usize, usize)) {
    let count = |pick: fn(&ListChange) -> usize| {
        let items = changes.iter().map(pick).sum();
        let places = changes.iter().filter(|c| pick(c) > 0).count();
        (items, places)
    };
    (count(|c| c.added.len()), count(|c| c.removed.len()))
}
