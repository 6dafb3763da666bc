//! Stage 1, parse: YAML text → [`ast::Spec`](crate::ast::Spec).
//!
//! This module is the only one that touches serde_yaml, so swapping the YAML library is a
//! change here alone. It checks shape only: every key known (a typo is an error with the
//! nearest known key), every value of the right YAML kind. All shape errors of a file are
//! collected; names and references are checked by the validate stage.

mod operations;
mod reader;
mod type_expr;
mod types;

use serde_yaml::Value;

use crate::ast::Spec;
use crate::diagnostics::{Diagnostic, Diagnostics, NodePath};
use crate::locate::Location;
use reader::Obj;

pub use type_expr::parse_type_expr;

/// Parses a spec's text. On error, every shape problem found, with node paths.
pub fn parse(source: &str) -> Result<Spec, Vec<Diagnostic>> {
    let root = NodePath::root();
    let value: Value = match serde_yaml::from_str(source) {
        Ok(value) => value,
        Err(error) => return Err(vec![yaml_error(&error, &root)]),
    };
    if value.is_null() {
        return Err(vec![
            Diagnostic::new(&root, "the spec is empty")
                .with_hint("a spec is a mapping with the keys `api`, `types` and `operations`; see spec/README.md"),
        ]);
    }
    let mut d = Diagnostics::default();
    let spec = spec(&value, &mut d);
    match (spec, d.finish()) {
        (Some(spec), Ok(())) => Ok(spec),
        (_, Err(errors)) => Err(errors),
        // Every path that yields None reports why; this keeps a silent failure impossible.
        (None, Ok(())) => Err(vec![Diagnostic::new(&root, "the spec could not be read")]),
    }
}

fn yaml_error(error: &serde_yaml::Error, path: &NodePath) -> Diagnostic {
    // serde_yaml appends " at line L column C" itself; the location is shown separately.
    let text = error.to_string();
    let message = match text.find(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    let diagnostic = Diagnostic::new(path, format!("invalid YAML: {message}"));
    match error.location() {
        Some(loc) => diagnostic.at(Location { line: loc.line(), column: loc.column() }),
        None => diagnostic,
    }
}

fn spec(value: &Value, d: &mut Diagnostics) -> Option<Spec> {
    let top = Obj::new(value, &NodePath::root(), "the spec", d)?;
    top.known(&["api", "types", "operations"], d);
    let api = top.required("api", d).and_then(|(v, p)| types::api(v, &p, d));
    let types = match top.required("types", d) {
        Some((v, p)) => types::type_defs(v, &p, d),
        None => Vec::new(),
    };
    let operations = match top.get("operations") {
        Some((v, p)) => operations::operations(v, &p, d),
        None => Vec::new(),
    };
    Some(Spec { api: api?, types, operations })
}
