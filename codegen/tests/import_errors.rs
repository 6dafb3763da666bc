//! Hostile and broken OpenAPI documents: each of `fixtures/openapi_bad/` fails to import with
//! every problem located by a JSON pointer (or, for one the reader refuses, a line), never a
//! panic or a hang; the exact text is an insta snapshot beside the fixture. A large document
//! (10 MB) imports whole.

use std::fmt::Write as _;
use std::path::Path;

use codegen::import::{self, Sources, overlay::Overlay};

/// Imports a document's text with an overlay that takes every operation.
fn import_text(shown: &str, text: &str) -> Result<import::Imported, String> {
    let overlay =
        Overlay::read(Path::new("spec/t.overlay.yaml"), &format!("document: {shown}\nselect: {{ all: true }}\n"))?;
    let doc = import::read_document(Path::new(shown), text)?;
    import::import(&doc, &overlay, Sources { document: shown, overlay: "spec/t.overlay.yaml" })
        .map_err(|e| e.to_string())
}

#[test]
fn every_broken_document_fails_with_located_errors() {
    let mut failures = Vec::new();
    insta::glob!("fixtures/openapi_bad/*.yaml", |path| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = format!("upstream/{name}");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match import_text(&shown, &text) {
            Ok(_) => failures.push(format!("{name} imported")),
            Err(message) => {
                let located = message.lines().all(|l| l.starts_with(&format!("error: {shown}")))
                    && message.lines().all(|l| l.contains(": at /") || l.contains("not a readable OpenAPI document"));
                if !located {
                    failures.push(format!("{name}: not every line names the file and a place:\n{message}"));
                }
                let mut settings = insta::Settings::clone_current();
                settings.set_snapshot_path(path.parent().unwrap_or(Path::new(".")));
                settings.set_prepend_module_to_snapshot(false);
                settings.remove_snapshot_suffix();
                let stem = name.trim_end_matches(".yaml").to_owned();
                settings.bind(|| insta::assert_snapshot!(stem, message));
            }
        }
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// 10 MB: 8,000 schemas of 20 properties each, every one reached from one operation
/// (schema `i` holds arrays of `2i+1` and `2i+2`), imports whole.
#[test]
fn a_ten_megabyte_document_imports() {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: { title: T, version: \"1\" }\nservers: [{ url: \"https://example.com\" }]\n\
         paths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n        \"200\":\n          \
         description: OK\n          content: { application/json: { schema: { $ref: \"#/components/schemas/S0\" } } }\n\
         components:\n  schemas:\n",
    );
    let count = 8000;
    for i in 0..count {
        let _ = writeln!(
            text,
            "    S{i}:\n      type: object\n      description: Schema number {i}, described at some length to make the document as large as a real one is.\n      properties:"
        );
        for p in 0..20 {
            let _ = writeln!(
                text,
                "        property_{p}: {{ type: string, nullable: true, description: Property {p} of schema {i}, with a sentence of text. }}"
            );
        }
        for child in [2 * i + 1, 2 * i + 2].into_iter().filter(|c| *c < count) {
            let _ = writeln!(
                text,
                "        child_{child}: {{ type: array, items: {{ $ref: \"#/components/schemas/S{child}\" }} }}"
            );
        }
    }
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let imported = import_text("upstream/big.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let types = imported.spec.lines().filter(|l| l.starts_with("  S") && l.ends_with(':')).count();
    assert_eq!(types, count, "every schema becomes a type");
}
