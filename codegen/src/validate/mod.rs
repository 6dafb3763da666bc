//! Stage 2, validate: checks the spec tree against every rule of the spec language,
//! collecting every error, and resolves it into the [`resolved`](crate::resolved) model.
//!
//! A checker in the manner of a type checker: `types` and `operations` walk the spec
//! and hand each kind of node to short functions, one per rule. A function that checks a
//! node also resolves it, so each name is made once, where it is checked; it returns `None`
//! where the node cannot be resolved, always having reported why. After this stage every
//! type reference resolves, every Rust name is valid and unique where it must be, and every
//! union's tags match its members: the lower stage has nothing left to look up.

mod api;
mod body;
mod constraints;
mod cx;
mod defaults;
mod enums;
mod error_shape;
mod extends;
mod field_sets;
mod fields;
mod formats;
mod kinds;
mod names;
mod operations;
mod pagination;
mod paths;
mod recursion;
mod refs;
mod shared;
mod symbols;
mod types;
mod unions;

use std::collections::BTreeMap;

use cx::{Cx, all_of};

use crate::ast::Spec;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::node_path::NodePath;
use crate::resolved::Model;

/// Checks `spec`; on success, the resolved model of it.
pub fn validate(spec: &Spec) -> Result<Model, Vec<Diagnostic>> {
    let mut d = Diagnostics::default();
    api::check(&spec.api, &mut d);
    let symbols = symbols::collect(spec, &mut d);
    let keep_unknown_fields = spec.api.keep_unknown_fields;
    let mut cx = Cx { symbols: &symbols, d, refs: BTreeMap::new(), members: BTreeMap::new(), keep_unknown_fields };
    let types = types::check(&mut cx);
    let operations = all_of(operations::check(spec, &mut cx, &types));
    for op in &spec.operations {
        api::check_operation_headers(&spec.api, op, &mut cx.d);
    }
    // `Some(None)`: no error type named; `None`: one named that does not resolve.
    let error = match &spec.api.error {
        Some(shape) => error_shape::check(&mut cx, shape, &types).map(Some),
        None => Some(None),
    };
    extends::check(&mut cx);
    let carriers = unions::carriers(&cx);
    unions::check_tag_type_uses(&mut cx, &carriers);
    recursion::check(&symbols, &mut cx.d);
    let model = match (all_of(types), operations, error) {
        (Some(types), Some(operations), Some(error)) => {
            let types = unions::link_members(extends::compose(types), &carriers);
            Some(Model { api: api::resolve(&spec.api, error), types, operations })
        }
        _ => None,
    };
    match (model, cx.d.finish()) {
        (Some(model), Ok(())) => Ok(model),
        (_, Err(errors)) => Err(errors),
        // Every check that resolves nothing reports why; this keeps a silent failure impossible.
        (None, Ok(())) => Err(vec![Diagnostic::new(
            &NodePath::root(),
            "the spec passed every check but could not be resolved (a bug in codegen)",
        )]),
    }
}
