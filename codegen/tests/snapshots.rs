//! Snapshots guard the generator's output: the generated code for the run-steps spec and
//! for one small fixture spec per construct (`fixtures/good/`), and the exact error text
//! for each broken spec (`fixtures/bad/`). A fixture's snapshot stands beside it
//! (`fixtures/bad/enum_empty.yaml` and `enum_empty.snap`); the two real specs' are in
//! `snapshots/`. Review changes with `cargo insta review`.

use std::path::Path;

/// The workspace root, so paths in headers and errors read as they do for `cargo xtask`.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."))
}

/// The path of a fixture relative to the workspace root, with `/` separators.
fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The target of a spec: a crate in a folder named after the spec's file.
fn target(spec: &str) -> codegen::Target<'_> {
    let stem = spec.rsplit('/').next().and_then(|name| name.strip_suffix(".yaml")).unwrap_or(spec);
    codegen::Target::new(spec, stem)
}

fn generate(spec: &str) -> Result<Vec<codegen::OutputFile>, codegen::Error> {
    codegen::generate_file(root(), &target(spec))
}

/// Every generated file (the manifest, then the sources), each under a separator line.
fn generated(spec: &str) -> String {
    let files = match generate(spec) {
        Ok(files) => files,
        Err(error) => panic!("{spec} should generate:\n{error}"),
    };
    files.iter().map(|f| format!("// ===== {} =====\n{}", f.path, f.contents)).collect::<Vec<_>>().join("\n")
}

#[test]
fn run_steps_spec() {
    insta::assert_snapshot!(generated("spec/openai_run_steps.yaml"));
}

#[test]
fn bookshelf_spec() {
    insta::assert_snapshot!(generated("tests/fixtures/bookshelf.yaml"));
}

/// Asserts `text` against the snapshot beside the fixture: `fixtures/good/enums.snap` for
/// `fixtures/good/enums.yaml`, input and expected output side by side.
fn beside(fixture: &Path, text: String) {
    let name = fixture.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixture.parent().unwrap_or(Path::new(".")));
    settings.set_prepend_module_to_snapshot(false);
    settings.remove_snapshot_suffix();
    settings.bind(|| insta::assert_snapshot!(name, text));
}

// A fixture that fails differently from its kind is collected, not panicked on, so one
// broken fixture does not hide the results of the others.

#[test]
fn good_fixtures() {
    let mut failures = Vec::new();
    insta::glob!("fixtures/good/*.yaml", |path| {
        let spec = relative(path);
        match generate(&spec) {
            Ok(_) => beside(path, generated(&spec)),
            Err(error) => failures.push(format!("{spec} should generate:\n{error}")),
        }
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn bad_fixtures() {
    let mut failures = Vec::new();
    insta::glob!("fixtures/bad/*.yaml", |path| {
        let spec = relative(path);
        let text = match generate(&spec) {
            Err(codegen::Error::Spec(error)) => error.to_string(),
            Ok(_) => return failures.push(format!("{spec} should be rejected, but it generated")),
            Err(other) => return failures.push(format!("{spec} should be a spec error, got:\n{other}")),
        };
        if !text.contains(&spec) || !text.contains(" (at ") {
            failures.push(format!("{spec}: the error must name the file and the node path:\n{text}"));
        }
        beside(path, text);
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_same_spec_gives_byte_identical_files() {
    for spec in ["spec/openai_run_steps.yaml", "tests/fixtures/bookshelf.yaml"] {
        let first = generate(spec).map_err(|e| e.to_string());
        let second = generate(spec).map_err(|e| e.to_string());
        assert!(first.is_ok(), "{spec}: {first:?}");
        assert_eq!(first, second, "{spec}");
    }
}
