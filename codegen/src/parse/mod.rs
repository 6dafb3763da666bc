//! Stage 1, parse: YAML text → [`ast::Spec`](crate::ast::Spec).
//!
//! This module is the only one that touches serde_yaml, so swapping the YAML library is a
//! change here alone. It checks shape only: every key known (a typo is an error with the
//! nearest known key), every value of the right YAML kind. All shape errors of a file are
//! collected; names and references are checked by the validate stage.

mod api;
mod operations;
mod pagination;
mod reader;
mod type_expr;
mod types;

use serde_yaml::Value;

use crate::ast::Spec;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locate::{self, Location};
use crate::node_path::NodePath;
use reader::{Obj, ROOT_HINT};

pub use type_expr::parse_type_expr;

/// Parses a spec's text. On error, every shape problem found, with node paths.
pub fn parse(source: &str) -> Result<Spec, Vec<Diagnostic>> {
    let root = NodePath::root();
    // Editors on Windows may start a file with a byte-order mark; YAML needs none.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let value: Value = match serde_yaml::from_str(source) {
        Ok(value) => value,
        Err(error) => return Err(vec![yaml_error(&error, source)]),
    };
    if value.is_null() {
        return Err(vec![Diagnostic::new(&root, "the spec is empty").with_hint(ROOT_HINT)]);
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
    let full = error.to_string();
    let text = full.find(" at line ").map_or(full.as_str(), |cut| &full[..cut]);
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
    // An unclosed quote is only noticed at the end of the file; the parser says where it opened.
    let quote_line = full
        .split_once("while scanning a quoted scalar at line ")
        .and_then(|(_, rest)| rest.split(' ').next()?.parse::<usize>().ok());
    let hint = if line.trim_start_matches(' ').starts_with('\t') {
        "YAML does not allow tabs for indentation: use spaces".to_owned()
    } else if let Some(quote_line) = quote_line {
        format!("the quote opened on line {quote_line} is not closed")
    } else if let Some((_, hint)) = YAML_HINTS.iter().find(|(start, _)| message.starts_with(start)) {
        (*hint).to_owned()
    } else if line.contains(['*', '&', '!']) {
        "`*`, `&` and `!` start YAML aliases, anchors and tags: put values containing them in quotes".to_owned()
    } else {
        "check the indentation of this line and the one above it, and quote values with special characters".to_owned()
    };
    let diagnostic = Diagnostic::new(&path, format!("invalid YAML: {message}")).with_hint(hint);
    match location {
        Some(location) => diagnostic.at(location),
        None => diagnostic,
    }
}

/// Hints for the YAML errors people make most, by the start of the parser's message.
const YAML_HINTS: [(&str, &str); 9] = [
    ("did not find expected ',' or '}'", "a `{ ... }` opened on this line or an earlier one is not closed"),
    ("did not find expected ',' or ']'", "a `[ ... ]` opened on this line or an earlier one is not closed"),
    (
        "mapping values are not allowed",
        "quote a value that contains `: `, e.g. `description: \"Note: ...\"`; otherwise check this line's indentation",
    ),
    (
        "did not find expected key",
        "indent this line like the keys beside it, and put nothing after a quoted value's closing quote",
    ),
    (
        "could not find expected ':'",
        "write `key: value`; the lines of a `|` or `>` text are indented more than its key",
    ),
    ("found character that cannot start any token", "quote the value: YAML text cannot start with `` ` ``, `@` or `%`"),
    ("found unexpected end of stream", "a quote opened earlier is not closed"),
    ("found unknown escape character", "inside double quotes write a backslash as `\\\\`, or use single quotes"),
    ("deserializing from YAML containing more than one document", "a spec is one YAML document: remove the `---` line"),
];

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
    let top = Obj::new(value, &NodePath::root(), "the spec", ROOT_HINT, d)?;
    top.known(&["api", "types", "operations"], d);
    let api = top.required("api", ROOT_HINT, d).and_then(|(v, p)| api::api(v, &p, d));
    let types = match top.required("types", ROOT_HINT, d) {
        Some((v, p)) => types::type_defs(v, &p, d),
        None => Vec::new(),
    };
    let operations = match top.get("operations") {
        Some((v, p)) => operations::operations(v, &p, d),
        None => Vec::new(),
    };
    Some(Spec { api: api?, types, operations })
}
