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
use crate::locate::{self, Location};
use reader::Obj;

pub use type_expr::parse_type_expr;

/// Parses a spec's text. On error, every shape problem found, with node paths.
pub fn parse(source: &str) -> Result<Spec, Vec<Diagnostic>> {
    let root = NodePath::root();
    let value: Value = match serde_yaml::from_str(source) {
        Ok(value) => value,
        Err(error) => return Err(vec![yaml_error(&error, source)]),
    };
    if value.is_null() {
        return Err(vec![Diagnostic::new(&root, "the spec is empty").with_hint(reader::ROOT_HINT)]);
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

fn yaml_error(error: &serde_yaml::Error, source: &str) -> Diagnostic {
    // serde_yaml appends " at line L column C" itself; the location is shown separately.
    let text = error.to_string();
    let text = text.find(" at line ").map_or(text.as_str(), |cut| &text[..cut]);
    // Errors found while building the tree start with the path of the mapping: `a.b: ...`.
    let (path, message) = match text.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (yaml_path(path), message),
        _ => (NodePath::root(), text),
    };
    if let Some(key) = message.strip_prefix("duplicate entry with key \"").and_then(|k| k.strip_suffix('"')) {
        let path = path.key(key);
        let diagnostic = Diagnostic::new(&path, format!("the key `{key}` is written twice"))
            .with_hint("YAML mappings take each key once: remove or rename one of them");
        return match locate::locate_repeat(source, path.segments()) {
            Some(location) => diagnostic.at(location),
            None => diagnostic,
        };
    }
    let location = error.location().map(|loc| Location { line: loc.line(), column: loc.column() });
    let line = location.and_then(|loc| source.lines().nth(loc.line.saturating_sub(1))).unwrap_or_default();
    let hint = if line.trim_start_matches(' ').starts_with('\t') {
        Some("YAML does not allow tabs for indentation: use spaces")
    } else if message.contains("expected ',' or '}'") || message.contains("expected ',' or ']'") {
        Some("a `{ ... }` or `[ ... ]` opened on this line or an earlier one is not closed")
    } else if line.contains(['*', '&', '!']) {
        Some("`*`, `&` and `!` start YAML aliases, anchors and tags: put values containing them in quotes")
    } else {
        None
    };
    let mut diagnostic = Diagnostic::new(&path, format!("invalid YAML: {message}"));
    diagnostic.hint = hint.map(str::to_owned);
    match location {
        Some(location) => diagnostic.at(location),
        None => diagnostic,
    }
}

/// A serde_yaml error path (`types.Thing.fields`, `enum[2]`) as a node path.
fn yaml_path(text: &str) -> NodePath {
    let mut path = NodePath::root();
    for part in text.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            path = path.key(key);
        }
        for index in indices.split('[').filter_map(|i| i.trim_end_matches(']').parse().ok()) {
            path = path.index(index);
        }
    }
    path
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
