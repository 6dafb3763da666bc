//! The import stage on arbitrary text read as an OpenAPI document (YAML, or JSON when the
//! input starts with `{`), every operation selected: it must never panic or hang, every
//! rejection must name the document, the same text must import the same way twice, and a
//! spec it writes must be one the generator judges (generated, or refused with a located
//! spec error — never an internal error or Rust that does not parse).
#![no_main]

use std::path::Path;

use codegen::import::{self, Sources, overlay::Overlay};
use libfuzzer_sys::fuzz_target;

fn import_text(name: &str, text: &str) -> Result<String, String> {
    let overlay = Overlay::read(Path::new("fuzz.overlay.yaml"), &format!("document: {name}\nselect: {{ all: true }}\n"))?;
    let doc = import::read_document(Path::new(name), text)?;
    import::import(&doc, &overlay, Sources { document: name, overlay: "fuzz.overlay.yaml" })
        .map(|imported| imported.spec)
        .map_err(|e| e.to_string())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let name = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.yaml" };
    let first = import_text(name, text);
    assert_eq!(first, import_text(name, text), "the same document imported two ways");
    match first {
        Err(message) => assert!(message.contains(name), "an import error names the document:\n{message}"),
        Ok(spec) => match codegen::generate(&codegen::Target::new("fuzz.spec.yaml", "fuzz"), &spec) {
            Ok(files) => {
                for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
                    if let Err(error) = syn::parse_file(&file.contents) {
                        panic!("{} does not parse as Rust: {error}", file.path);
                    }
                }
            }
            Err(codegen::Error::Spec(_)) => {}
            Err(other) => panic!("the imported spec broke the generator:\n{other}\n{spec}"),
        },
    }
});
