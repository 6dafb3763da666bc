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
