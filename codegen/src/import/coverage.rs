//! The coverage report: every operation of the document, generated or not and why (with the
//! JSON pointer of what stops it), and every place imported less precisely than the document
//! says. Committed beside the spec, so a reviewer sees coverage change with each import.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Sources;
use super::convert::Note;
use super::operations::{OperationReport, Outcome};

pub fn report(operations: &[OperationReport], notes: &[Note], sources: Sources<'_>) -> String {
    let mut out = String::new();
    let generated = operations.iter().filter(|o| matches!(o.outcome, Outcome::Generated)).count();
    let stopped: Vec<&OperationReport> =
        operations.iter().filter(|o| matches!(o.outcome, Outcome::Stopped { .. })).collect();
    let unselected = operations.len() - generated - stopped.len();
    let _ = writeln!(out, "# Import coverage\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask import` from `{}` and `{}`; do not edit.\n",
        sources.document, sources.overlay
    );
    let _ = writeln!(
        out,
        "{} operations: **{generated} generated**, {} stopped by a construct the spec language cannot take yet, \
         {unselected} not selected by the overlay. {} places are imported less precisely than the document says.\n",
        operations.len(),
        stopped.len(),
        notes.len()
    );
    if !stopped.is_empty() {
        let _ = writeln!(out, "## Operations not generated\n");
        let mut by_reason: BTreeMap<String, Vec<&OperationReport>> = BTreeMap::new();
        for op in &stopped {
            if let Outcome::Stopped { reason, .. } = &op.outcome {
                by_reason.entry(reason_kind(reason)).or_default().push(op);
            }
        }
        for (kind, ops) in &by_reason {
            let _ = writeln!(out, "### {kind} ({})\n", ops.len());
            for op in ops {
                if let Outcome::Stopped { pointer, reason } = &op.outcome {
                    let _ = writeln!(out, "- `{}` ({} `{}`): {reason} — at `{pointer}`", op.id, op.method, op.path);
                }
            }
            out.push('\n');
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "## Imported less precisely\n");
        let mut by_message: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
        for note in notes {
            by_message.entry(note_kind(&note.message)).or_default().push(note);
        }
        for (kind, notes) in &by_message {
            let _ = writeln!(out, "### {kind} ({})\n", notes.len());
            for note in notes {
                let _ = writeln!(out, "- `{}`: {}", note.pointer, note.message);
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## Every operation\n");
    let _ = writeln!(out, "| operation | method | path | outcome |\n|---|---|---|---|");
    for op in operations {
        let outcome = match &op.outcome {
            Outcome::Generated => "generated".to_owned(),
            Outcome::NotSelected => "not selected".to_owned(),
            Outcome::Stopped { reason, .. } => format!("stopped: {}", reason_kind(reason)),
        };
        let _ = writeln!(out, "| `{}` | {} | `{}` | {outcome} |", op.id, op.method, op.path);
    }
    out
}

/// The heading a stop reason is grouped under: its text up to the first detail.
fn reason_kind(reason: &str) -> String {
    for (needle, kind) in [
        ("request body of", "Request body is not JSON"),
        ("a response of", "Response is not JSON"),
        ("without a body", "Response without a body"),
        ("deepObject", "Query parameter of object type"),
        ("not an object", "Request body is not an object"),
        ("header parameter", "Header parameter with values of its own"),
        ("query string", "Path with a query string (a variant of another operation)"),
    ] {
        if reason.contains(needle) {
            return kind.to_owned();
        }
    }
    "Other".to_owned()
}

/// The heading a note is grouped under.
fn note_kind(message: &str) -> &'static str {
    if message.starts_with("imported as `json`") {
        "Imported as any JSON value"
    } else if message.contains("is named") {
        "Given a Rust name of its own"
    } else if message.contains("not checked") {
        "Checks not made before sending"
    } else {
        "Other"
    }
}
