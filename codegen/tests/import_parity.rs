//! Run-steps parity: importing `listRunSteps` and `getRunStep` from OpenAI's official
//! document with `spec/openai_run_steps.overlay.yaml` gives the crate that the hand-written
//! spec (kept as `fixtures/parity/openai_run_steps.yaml`, the reviewed statement of what
//! the `generated` crate must be) gives: the same items — types, fields, serde attributes,
//! request builders, client methods — so the same types and the same request bytes. Only
//! documentation and which file an item lives in may differ (the import gives inline types
//! files of their own; every model is re-exported from `models` either way).

use std::collections::BTreeMap;
use std::path::Path;

use codegen::Target;
use codegen::import::{self, Sources, overlay::Overlay};
use quote::ToTokens;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn imported_spec() -> String {
    let overlay_path = "spec/openai_run_steps.overlay.yaml";
    let overlay = Overlay::read(Path::new(overlay_path), &read(overlay_path)).unwrap_or_else(|e| panic!("{e}"));
    let document = overlay.document.clone();
    let doc = import::read_document(Path::new(&document), &read(&document)).unwrap_or_else(|e| panic!("{e}"));
    let sources = Sources { document: &document, overlay: overlay_path };
    import::import(&doc, &overlay, sources).unwrap_or_else(|e| panic!("{e}")).spec
}

/// Every item of a generated crate (docs removed, `use` and `mod` left out), as text, with
/// how many times it occurs; the model list's statements sorted (their order follows files).
fn items(spec: &str) -> BTreeMap<String, usize> {
    let target =
        Target::new("spec/openai_run_steps.yaml", "generated").examples(&["list_run_steps"]).benches(&["decode"]);
    let files = codegen::generate(&target, spec).unwrap_or_else(|e| panic!("{e}"));
    let mut out = BTreeMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed = syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        for mut item in parsed.items {
            if matches!(item, syn::Item::Use(_) | syn::Item::Mod(_)) {
                continue;
            }
            strip_docs(&mut item);
            if let syn::Item::Fn(f) = &mut item {
                if f.sig.ident == "__models" {
                    f.block.stmts.sort_by_key(|s| s.to_token_stream().to_string());
                }
            }
            *out.entry(item.to_token_stream().to_string()).or_insert(0) += 1;
        }
    }
    out
}

/// Removes every `#[doc]` attribute, at any depth, by a token-level rewrite.
fn strip_docs(item: &mut syn::Item) {
    struct Strip;
    impl syn::visit_mut::VisitMut for Strip {
        fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
            attrs.retain(|a| !a.path().is_ident("doc"));
        }
    }
    syn::visit_mut::VisitMut::visit_item_mut(&mut Strip, item);
}

#[test]
fn the_imported_run_steps_crate_has_the_hand_written_ones_items() {
    let hand_written = items(&read("codegen/tests/fixtures/parity/openai_run_steps.yaml"));
    let imported = items(&imported_spec());
    let only = |a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>| -> Vec<String> {
        a.iter().filter(|(k, n)| b.get(*k) != Some(n)).map(|(k, _)| k.chars().take(300).collect()).collect()
    };
    let missing = only(&hand_written, &imported);
    let extra = only(&imported, &hand_written);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "only hand-written:\n{}\n\nonly imported:\n{}",
        missing.join("\n"),
        extra.join("\n")
    );
    assert!(hand_written.len() > 100, "compares {} items", hand_written.len());
}

#[test]
fn the_committed_run_steps_spec_is_the_import() {
    // The drift check says so too; this names the cause when only the import changed.
    let (committed, imported) = (read("spec/openai_run_steps.yaml"), imported_spec());
    let first_difference = committed.lines().zip(imported.lines()).position(|(a, b)| a != b);
    assert!(
        committed == imported,
        "spec/openai_run_steps.yaml is not what the import gives (first differing line: {:?}); run `cargo xtask codegen`",
        first_difference.map(|i| i + 1)
    );
}
