//! The drift check as a test: the committed generated crates match their specs.
//! Runs in xtask, which depends on no generated crate, so this message survives a
//! generated crate that does not compile.

use std::path::Path;

#[test]
fn generated_code_matches_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."));
    match xtask::run(root, true) {
        xtask::Report::Ok(_) => {}
        xtask::Report::Failed(message) => panic!("{message}"),
    }
}

/// Generated crates' manifests are hand-written, and Cargo unifies features across the
/// workspace: a new crate that forgot serde_json's `float_roundtrip` would still pass every
/// test here (another member turns it on) and then mis-decode floats for its users.
#[test]
fn every_generated_crate_decodes_floats_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."));
    for target in xtask::TARGETS {
        let manifest = root.join(target.crate_dir).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        let serde_json = text.lines().find(|line| line.trim_start().starts_with("serde_json"));
        assert!(
            serde_json.is_some_and(|line| line.contains("\"float_roundtrip\"")),
            "{}: the serde_json dependency must turn on `float_roundtrip`, found {serde_json:?}",
            manifest.display()
        );
    }
}
