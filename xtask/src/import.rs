//! `cargo xtask import`: each overlay's OpenAPI document plus the overlay → the spec and its
//! coverage report, written beside the overlay (or, checking, compared with the committed
//! ones). `cargo xtask codegen` runs it first, so one command regenerates everything and
//! `--check` also fails when document, overlay and spec disagree.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use codegen::import::doc::Value;
use codegen::import::{self, Sources, overlay::Overlay};

/// An overlay and the files its import writes, relative to the workspace root.
pub struct ImportTarget {
    pub overlay: &'static str,
    pub spec: &'static str,
    pub coverage: &'static str,
}

/// Every import. Its spec is then generated like any other (see `TARGETS`).
pub const IMPORTS: &[ImportTarget] = &[
    ImportTarget {
        overlay: "spec/openai_run_steps.overlay.yaml",
        spec: "spec/openai_run_steps.yaml",
        coverage: "spec/openai_run_steps.coverage.md",
    },
    ImportTarget { overlay: "spec/openai.overlay.yaml", spec: "spec/openai.yaml", coverage: "spec/openai.coverage.md" },
];

/// Imports every target in memory; only if all succeed, writes (or, checking, compares)
/// their files. Returns one line per file changed (or, checking, out of date).
pub fn run(root: &Path, targets: &[ImportTarget], check: bool) -> Result<Vec<String>, String> {
    let mut outputs = Vec::new();
    let mut errors = String::new();
    // Overlays sharing a document (OpenAI's whole API and its run steps) read it once.
    let mut documents = HashMap::new();
    for target in targets {
        match import_one(root, target, &mut documents) {
            Ok(files) => outputs.extend(files),
            Err(error) => {
                let _ = writeln!(errors, "{error}\n");
            }
        }
    }
    if !errors.is_empty() {
        return Err(format!("{}\nno files were changed.", errors.trim_end()));
    }
    let mut changed = Vec::new();
    for (path, contents) in outputs {
        let full = root.join(path);
        let current = std::fs::read_to_string(&full).ok();
        if current.as_deref() == Some(contents.as_str()) {
            continue;
        }
        if check {
            let what = if current.is_some() { "stale" } else { "missing" };
            changed.push(format!("  {what}:    {path} (its OpenAPI document or overlay changed)"));
        } else {
            std::fs::write(&full, contents).map_err(|e| format!("error: writing {path}: {e}"))?;
            changed.push(format!("imported {path}"));
        }
    }
    Ok(changed)
}

/// One import: the spec's text and the coverage report's, with their paths.
fn import_one(
    root: &Path,
    target: &ImportTarget,
    documents: &mut HashMap<String, Value>,
) -> Result<Vec<(&'static str, String)>, String> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("error: cannot read {path}: {e}"));
    let overlay = Overlay::read(Path::new(target.overlay), &read(target.overlay)?)?;
    let document = overlay.document.clone();
    if !documents.contains_key(&document) {
        let doc = import::read_document(Path::new(&document), &read(&document)?)?;
        documents.insert(document.clone(), doc);
    }
    let doc = documents.get(&document).ok_or_else(|| format!("error: {document} was not read"))?;
    let sources = Sources { document: &document, overlay: target.overlay };
    let imported = import::import(doc, &overlay, sources).map_err(|e| e.to_string())?;
    Ok(vec![(target.spec, imported.spec), (target.coverage, imported.coverage)])
}
