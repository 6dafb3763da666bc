//! `cargo xtask codegen` as a user runs it, on scratch copies of the workspace's specs:
//! a broken spec fails with a located error and exit status 1 and changes no file;
//! `--check` reports stale, missing and orphaned files with the fixing command.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."))
}

/// A scratch workspace holding copies of every target's spec (and nothing generated).
fn scratch(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    for target in xtask::TARGETS {
        let to = root.join(target.spec);
        fs::create_dir_all(to.parent().expect("specs live in a folder")).expect("create scratch folder");
        fs::copy(workspace().join(target.spec), &to).expect("copy spec");
    }
    root
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).arg("--root").arg(root).output().expect("run xtask")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_broken_spec_fails_with_status_1_and_changes_nothing() {
    let root = scratch("broken");
    let spec = xtask::TARGETS[0].spec;
    // Generate once, so there are files that must survive the failed run.
    assert!(xtask(&root, &["codegen"]).status.success());
    let lib = root.join(xtask::TARGETS[0].crate_dir).join("src/lib.rs");
    let before = fs::read_to_string(&lib).expect("generated lib.rs");
    let source =
        fs::read_to_string(root.join(spec)).expect("spec").replace("type: RunStepStatus", "type: RunStepStatu");
    fs::write(root.join(spec), source).expect("break the spec");

    let out = xtask(&root, &["codegen"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: unknown type `RunStepStatu`"), "{stderr}");
    assert!(stderr.contains(&format!("--> {spec}:")), "names the file and line: {stderr}");
    assert!(stderr.contains("did you mean `RunStepStatus`?"), "{stderr}");
    assert!(stderr.contains("no files were changed"), "{stderr}");
    assert_eq!(fs::read_to_string(&lib).expect("lib.rs still there"), before);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_broken_spec_stops_every_target_from_being_written() {
    let root = scratch("all-or-nothing");
    fs::write(root.join(xtask::TARGETS[0].spec), "api: [").expect("break the spec");
    let out = xtask(&root, &["codegen"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("invalid YAML"), "{}", text(&out.stderr));
    // The other, valid spec was not written either.
    for target in xtask::TARGETS {
        assert!(!root.join(target.crate_dir).join("src").exists(), "{} was written", target.crate_dir);
    }
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn check_names_stale_missing_and_orphaned_files_and_the_fix() {
    let root = scratch("check");
    assert!(xtask(&root, &["codegen"]).status.success());
    assert!(xtask(&root, &["codegen", "--check"]).status.success());

    let src = root.join(xtask::TARGETS[0].crate_dir).join("src");
    let lib = src.join("lib.rs");
    let stale = fs::read_to_string(&lib).expect("lib.rs").replace("pub const BASE_URL", "pub const OLD_BASE_URL");
    fs::write(&lib, stale).expect("edit lib.rs");
    fs::remove_file(src.join("models/run_step.rs")).expect("remove a file");
    let orphan = fs::read_to_string(src.join("models/usage.rs")).expect("usage.rs");
    fs::write(src.join("models/gone.rs"), orphan).expect("add an orphan");
    fs::write(src.join("hand_written.rs"), "// mine\n").expect("add a hand-written file");

    let out = xtask(&root, &["codegen", "--check"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stale:    generated/src/lib.rs"), "{stderr}");
    assert!(stderr.contains("-pub const OLD_BASE_URL"), "shows a diff: {stderr}");
    assert!(stderr.contains("+pub const BASE_URL"), "shows a diff: {stderr}");
    assert!(stderr.contains("missing:  generated/src/models/run_step.rs"), "{stderr}");
    assert!(stderr.contains("orphaned: generated/src/models/gone.rs"), "{stderr}");
    assert!(!stderr.contains("hand_written"), "hand-written files are not ours: {stderr}");
    assert!(stderr.contains("run `cargo xtask codegen`"), "{stderr}");
    // --check changed nothing.
    assert!(src.join("models/gone.rs").exists());

    // Regenerating fixes all three and keeps the hand-written file.
    let out = xtask(&root, &["codegen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(xtask(&root, &["codegen", "--check"]).status.success());
    assert!(!src.join("models/gone.rs").exists());
    assert!(src.join("hand_written.rs").exists());
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn unknown_arguments_are_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("generate").output().expect("run xtask");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage: cargo xtask codegen"));
}
