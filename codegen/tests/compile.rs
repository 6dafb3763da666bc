//! Every good fixture's generated crate compiles, passes clippy with warnings denied,
//! documents with warnings denied, and holds no doctests — as the real generated crates
//! must. The snapshots pin the text; this pins that the text is valid, warning-free Rust
//! (keywords, deprecation allows, doc links and all), and that no description became a
//! doctest (a code block rustdoc reads as Rust would fail or slow the crate's tests).
//!
//! Builds a scratch workspace of the crates as the generator writes them (manifest and
//! sources) under cargo's per-test temp dir, pinned to this workspace's Cargo.lock and built
//! offline, so it uses the same serde and runtime as everything else.
//! On a toolchain without clippy, `cargo check` with warnings denied stands in for it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/scratch.rs"]
mod scratch;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."))
}

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("codegen/tests/fixtures/good");
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixtures/good exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_good_fixture_compiles_lints_documents_and_tests_clean() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).expect("scratch workspace");
    let mut members = Vec::new();
    for fixture in fixtures() {
        let stem = fixture.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").replace('-', "_");
        let rel =
            fixture.strip_prefix(root()).expect("fixture under the workspace").to_string_lossy().replace('\\', "/");
        // Named `fixture_<stem>`, the package's name where the spec gives no `rust_crate`.
        let name = format!("fixture_{stem}");
        // Without their property tests, whose dev-dependencies (the generator itself, proptest)
        // the doctests below would otherwise build again here; the real crates run theirs.
        let target = codegen::Target::new(&rel, &name).property_tests(false);
        let files = codegen::generate_file(root(), &target).unwrap_or_else(|e| panic!("{rel} should generate:\n{e}"));
        codegen::write::sync(&scratch.join(&name), &files, codegen::write::Mode::Write).expect("write the crate");
        members.push(name);
    }
    assert!(members.len() >= 5, "the good fixtures are there");
    fs::write(scratch.join("Cargo.toml"), scratch::workspace_manifest(root(), &members)).expect("write the workspace");
    fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("pin dependency versions");

    let cargo = Scratch {
        cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
        dir: scratch,
        target: Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"),
    };
    // The README's test command must work on a toolchain without clippy (a minimal rustup
    // profile); rustc's own lints, denied, still catch most of what matters there.
    let has_clippy =
        Command::new(&cargo.cargo).args(["clippy", "--version"]).output().is_ok_and(|out| out.status.success());
    if has_clippy {
        cargo.run(&["clippy", "--offline", "--workspace", "--quiet", "--", "-D", "warnings"], "", "");
    } else {
        eprintln!("clippy is not installed: linting the fixture crates with `cargo check` instead");
        cargo.run(&["check", "--offline", "--workspace", "--quiet"], "-D warnings", "");
    }
    cargo.run(&["doc", "--offline", "--workspace", "--no-deps", "--quiet"], "", "-D warnings");
    // The crate docs' example (specs with `rust_crate`) is the only doctest there may be.
    let tests = cargo.run(&["test", "--offline", "--workspace", "--doc"], "", "");
    assert!(tests.contains("running "), "no doctest run reported:\n{tests}");
    let doctests: Vec<&str> = tests.lines().filter(|l| l.starts_with("test ") && l.contains(" - ")).collect();
    let strays: Vec<&&str> = doctests.iter().filter(|l| !l.contains("/src/lib.rs - (line ")).collect();
    assert!(strays.is_empty(), "descriptions became doctests ({strays:?}):\n{tests}");
    assert!(!doctests.is_empty(), "the example of fixtures/good/operations.yaml is a doctest:\n{tests}");
    each_group_builds_alone(&cargo);
    the_version_guard_stops_a_mismatched_crate(&cargo);
}

/// The scratch workspace of fixture crates, and the cargo that builds it.
struct Scratch {
    cargo: String,
    dir: PathBuf,
    target: PathBuf,
}

impl Scratch {
    /// Runs cargo, which must succeed; its stdout.
    fn run(&self, args: &[&str], rustflags: &str, rustdocflags: &str) -> String {
        let mut command = Command::new(&self.cargo);
        command
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("RUSTDOCFLAGS", rustdocflags);
        match rustflags {
            "" => command.env_remove("RUSTFLAGS"),
            flags => command.env("RUSTFLAGS", flags),
        };
        let out = command.output().expect("run cargo");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "`cargo {}` failed on the generated fixtures:\n{stdout}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// `cargo check` that must fail: its stderr, `None` if it passed.
    fn check_fails(&self, args: &[&str]) -> Option<String> {
        let out = Command::new(&self.cargo)
            .args(["check", "--offline", "--quiet"])
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .output()
            .expect("run cargo");
        (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Each group of the groups fixture builds alone without a warning (its types reach only
/// types built with it), and with no group the build stops, saying what to turn on.
fn each_group_builds_alone(cargo: &Scratch) {
    for group in ["pets", "pet-stores"] {
        let features = format!("{group},client");
        let args = ["rustc", "--offline", "--quiet", "-p", "fixture_groups", "--lib", "--no-default-features"];
        cargo.run(&[&args[..], &["--features", &features, "--", "-D", "warnings"]].concat(), "", "");
    }
    let stderr = cargo
        .check_fails(&["-p", "fixture_groups", "--no-default-features"])
        .unwrap_or_else(|| panic!("the groups fixture built with no group on"));
    assert!(stderr.contains("no group of operations is on"), "the no-group message is missing:\n{stderr}");
}

/// The version guard: the same crate, made for a runtime of another version, must not build,
/// and must say why.
fn the_version_guard_stops_a_mismatched_crate(cargo: &Scratch) {
    let lib = cargo.dir.join("fixture_minimal/src/lib.rs");
    let source = fs::read_to_string(&lib).expect("the minimal fixture's lib.rs");
    let guard = replace_between(&source, "expect_version(\"", "\")", "9999\", \"0");
    fs::write(&lib, guard).expect("write the mismatched guard");
    let stderr = cargo
        .check_fails(&["-p", "fixture_minimal"])
        .unwrap_or_else(|| panic!("a crate generated for another runtime version compiled"));
    assert!(
        stderr.contains("generated for another version of typed-api-runtime")
            && stderr.contains("regenerate it with `cargo xtask codegen`"),
        "the guard's message is missing:\n{stderr}"
    );
}

/// `text` with what stands between the first `start` and the next `end` replaced by `with`.
fn replace_between(text: &str, start: &str, end: &str, with: &str) -> String {
    let from = text.find(start).map(|i| i + start.len()).expect("the start marker is there");
    let to = text[from..].find(end).map(|i| from + i).expect("the end marker is there");
    format!("{}{with}{}", &text[..from], &text[to..])
}
