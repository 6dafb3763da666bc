//! `cargo xtask import --diff OLD NEW`: what changed between two versions of an upstream
//! OpenAPI document, as the Markdown report of [`codegen::import::drift`].

use std::path::Path;

use codegen::import::{drift, read_document};

/// Reads the documents `old` and `new` (paths relative to `root`) and returns the drift
/// report, whose first line names the command that made it.
pub fn diff(root: &Path, old: &str, new: &str) -> Result<String, String> {
    let read = |name: &str| {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("error: reading {name}: {e}"))?;
        read_document(Path::new(name), &text)
    };
    // The two documents are read side by side: reading is most of the time taken.
    let (old_doc, new_doc) = std::thread::scope(|scope| {
        let old_doc = scope.spawn(|| read(old));
        let new_doc = read(new);
        (old_doc.join().unwrap_or_else(|_| Err(format!("error: reading {old} failed"))), new_doc)
    });
    let report = drift::drift(&old_doc?, &new_doc?).to_markdown(old, new);
    Ok(format!("_Made by `cargo xtask import --diff {old} {new}`; run it again rather than edit._\n\n{report}"))
}
