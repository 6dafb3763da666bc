//! Every good fixture's generated crate compiles, passes clippy with warnings denied,
//! documents with warnings denied, and holds no doctests — as the real generated crates
//! must. The snapshots pin the text; this pins that the text is valid, warning-free Rust
//! (keywords, deprecation allows, doc links and all), and that no description became a
//! doctest (a code block rustdoc reads as Rust would fail or slow the crate's tests).
//!
//! Builds a scratch workspace under cargo's per-test temp dir, pinned to this
//! workspace's Cargo.lock and built offline, so it uses the same serde as everything else.
//! On a toolchain without clippy, `cargo check` with warnings denied stands in for it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The generated crates' features and dependencies, as `generated/Cargo.toml` has them but
/// with the workspace's versions written out (the scratch workspace has no
/// `[workspace.dependencies]`). The `client` feature is on: its code is checked too.
fn dependencies() -> String {
    let read = |path: &str| fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let workspace = read("Cargo.toml");
    let manifest = read("generated/Cargo.toml");
    let start = manifest.find("[features]").expect("generated/Cargo.toml has [features]");
    let mut out = String::new();
    for line in manifest[start..].lines() {
        if line.starts_with('[') && !matches!(line, "[features]" | "[dependencies]") {
            break;
        }
        // `name.workspace = true` or `name = { workspace = true, optional = true }`.
        let Some(name) = line.split(['.', ' ']).next().filter(|_| line.contains("workspace = true")) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let spec = workspace
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("{name} is in [workspace.dependencies]"));
        let spec = if spec.starts_with('{') { spec.to_owned() } else { format!("{{ version = {spec} }}") };
        let optional = if line.contains("optional = true") { ", optional = true" } else { "" };
        out.push_str(&format!("{name} = {}{optional} }}\n", spec.trim_end_matches('}').trim_end()));
    }
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
        let files = codegen::generate_file(root(), &rel).unwrap_or_else(|e| panic!("{rel} should generate:\n{e}"));
        let dir = scratch.join(&stem);
        codegen::write::sync(&dir.join("src"), &files, codegen::write::Mode::Write).expect("write the crate");
        let manifest = format!(
            "[package]\nname = \"fixture_{stem}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{}",
            dependencies()
        );
        fs::write(dir.join("Cargo.toml"), manifest).expect("write the manifest");
        members.push(format!("\"{stem}\""));
    }
    assert!(members.len() >= 5, "the good fixtures are there");
    let workspace = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
    fs::write(scratch.join("Cargo.toml"), workspace).expect("write the workspace");
    fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).expect("pin dependency versions");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target");
    let cargo_in_scratch = |args: &[&str], rustflags: &str, rustdocflags: &str| {
        let mut command = Command::new(&cargo);
        command.args(args).current_dir(&scratch).env("CARGO_TARGET_DIR", &target).env("RUSTDOCFLAGS", rustdocflags);
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
    };
    // The README's test command must work on a toolchain without clippy (a minimal rustup
    // profile); rustc's own lints, denied, still catch most of what matters there.
    let has_clippy = Command::new(&cargo).args(["clippy", "--version"]).output().is_ok_and(|out| out.status.success());
    if has_clippy {
        cargo_in_scratch(&["clippy", "--offline", "--workspace", "--quiet", "--", "-D", "warnings"], "", "");
    } else {
        eprintln!("clippy is not installed: linting the fixture crates with `cargo check` instead");
        cargo_in_scratch(&["check", "--offline", "--workspace", "--quiet"], "-D warnings", "");
    }
    cargo_in_scratch(&["doc", "--offline", "--workspace", "--no-deps", "--quiet"], "", "-D warnings");
    // The crate docs' example (specs with `rust_crate`) is the only doctest there may be.
    let tests = cargo_in_scratch(&["test", "--offline", "--workspace", "--doc"], "", "");
    assert!(tests.contains("running "), "no doctest run reported:\n{tests}");
    let doctests: Vec<&str> = tests.lines().filter(|l| l.starts_with("test ") && l.contains(" - ")).collect();
    let strays: Vec<&&str> = doctests.iter().filter(|l| !l.contains("/src/lib.rs - (line ")).collect();
    assert!(strays.is_empty(), "descriptions became doctests ({strays:?}):\n{tests}");
    assert!(!doctests.is_empty(), "the example of fixtures/good/operations.yaml is a doctest:\n{tests}");
}
