//! The checker's shared state: the symbol table, the errors found so far, and the uses
//! the union-member rule needs once everything is checked; with the helpers every rule uses.

use std::collections::BTreeMap;

use super::symbols::Symbols;
use crate::diagnostics::Diagnostics;
use crate::node_path::NodePath;

/// What the checks share: the symbol table, the errors found so far, and what the
/// union-member rule needs once every type and operation has been checked.
pub(super) struct Cx<'s, 'a> {
    pub(super) symbols: &'s Symbols<'a>,
    pub(super) d: Diagnostics,
    /// Where each named type is used.
    pub(super) refs: BTreeMap<String, Vec<NodePath>>,
    /// Each union member → its unions, and where each lists it, in spec order.
    pub(super) members: BTreeMap<String, Vec<(String, NodePath)>>,
    /// The API's `keep_unknown_fields`: what an object that says nothing of it does.
    pub(super) keep_unknown_fields: bool,
}

impl Cx<'_, '_> {
    /// Every error of this stage has a hint.
    pub(super) fn error(&mut self, path: &NodePath, message: impl Into<String>, hint: impl Into<String>) {
        self.d.error(path, message, Some(hint.into()));
    }
}

/// Every item resolved, or `None`; unlike collecting into an `Option` directly, each item's
/// checks run (and report) whatever the items before it gave.
pub(super) fn all_of<T>(items: impl IntoIterator<Item = Option<T>>) -> Option<Vec<T>> {
    let items: Vec<Option<T>> = items.into_iter().collect();
    items.into_iter().collect()
}
