//! `cargo xtask codegen` as a user runs it, on scratch copies of the workspace's specs:
//! a broken spec fails with a located error and exit status 1 and changes no file;
//! `--check` reports stale, missing and orphaned files with the fixing command. Every spec
//! of the bad-spec corpus (`codegen/tests/fixtures/bad/`, whose exact messages are insta
//! snapshots in `codegen/tests/snapshots.rs`) goes through the same code too: the first few
//! through the command, the rest in-process on their own target.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../../codegen/tests/support/scratch.rs"]
mod scratch;

/// The first target written by hand, not imported: the one the tests break on purpose (an
/// imported spec is rewritten from its overlay by every run).
fn native() -> &'static codegen::Target<'static> {
    let imported = |spec: &str| xtask::import::IMPORTS.iter().any(|i| i.spec == spec);
    xtask::TARGETS.iter().find(|t| !imported(t.spec)).expect("a target with a hand-written spec")
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".."))
}

/// A scratch workspace holding copies of every target's spec (and nothing generated), and a
/// root manifest whose members are the targets' folders.
fn scratch(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("xtask")).expect("create scratch folder");
    let members: Vec<String> = xtask::TARGETS.iter().map(|t| format!("{:?}", t.crate_dir)).collect();
    let manifest = format!("[workspace]\nmembers = [{}]\n", members.join(", "));
    fs::write(root.join("Cargo.toml"), manifest).expect("write the scratch manifest");
    for target in xtask::TARGETS {
        let to = root.join(target.spec);
        fs::create_dir_all(to.parent().expect("specs live in a folder")).expect("create scratch folder");
        fs::copy(workspace().join(target.spec), &to).expect("copy spec");
    }
    // The imports' overlays and OpenAPI documents, which every run reads.
    for import in xtask::import::IMPORTS {
        let overlay = fs::read_to_string(workspace().join(import.overlay)).expect("read the overlay");
        let document =
            overlay.lines().find_map(|l| l.strip_prefix("document: ")).expect("the overlay names its document");
        for path in [import.overlay, document, import.spec, import.coverage] {
            let to = root.join(path);
            fs::create_dir_all(to.parent().expect("files live in a folder")).expect("create scratch folder");
            fs::copy(workspace().join(path), &to).expect("copy an import's file");
        }
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
    let spec = native().spec;
    // Generate once, so there are files that must survive the failed run.
    assert!(xtask(&root, &["codegen"]).status.success());
    let lib = root.join(native().crate_dir).join("src/lib.rs");
    let before = fs::read_to_string(&lib).expect("generated lib.rs");
    let source = fs::read_to_string(root.join(spec)).expect("spec").replace("type: BookFormat", "type: BookFormt");
    fs::write(root.join(spec), source).expect("break the spec");

    let out = xtask(&root, &["codegen"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: unknown type `BookFormt`"), "{stderr}");
    assert!(stderr.contains(&format!("--> {spec}:")), "names the file and line: {stderr}");
    assert!(stderr.contains("did you mean `BookFormat`?"), "{stderr}");
    assert!(stderr.contains("no files were changed"), "{stderr}");
    assert_eq!(fs::read_to_string(&lib).expect("lib.rs still there"), before);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_broken_spec_stops_every_target_from_being_written() {
    let root = scratch("all-or-nothing");
    fs::write(root.join(native().spec), "api: [").expect("break the spec");
    let out = xtask(&root, &["codegen"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("invalid YAML"), "{}", text(&out.stderr));
    // The other, valid spec was not written either, nor any manifest.
    for target in xtask::TARGETS {
        assert!(!root.join(target.crate_dir).exists(), "{} was written", target.crate_dir);
    }
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn check_names_stale_missing_and_orphaned_files_and_the_fix() {
    let root = scratch("check");
    assert!(xtask(&root, &["codegen"]).status.success());
    assert!(xtask(&root, &["codegen", "--check"]).status.success());

    let src = root.join(native().crate_dir).join("src");
    let lib = src.join("lib.rs");
    let stale = fs::read_to_string(&lib).expect("lib.rs").replace("pub const BASE_URL", "pub const OLD_BASE_URL");
    fs::write(&lib, stale).expect("edit lib.rs");
    fs::remove_file(src.join("models/book.rs")).expect("remove a file");
    let orphan = fs::read_to_string(src.join("models/author.rs")).expect("author.rs");
    fs::write(src.join("models/gone.rs"), orphan).expect("add an orphan");
    fs::write(src.join("hand_written.rs"), "// mine\n").expect("add a hand-written file");

    let out = xtask(&root, &["codegen", "--check"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stale:    tests/bookshelf/src/lib.rs"), "{stderr}");
    assert!(stderr.contains("-pub const OLD_BASE_URL"), "shows a diff: {stderr}");
    assert!(stderr.contains("+pub const BASE_URL"), "shows a diff: {stderr}");
    assert!(stderr.contains("missing:  tests/bookshelf/src/models/book.rs"), "{stderr}");
    assert!(stderr.contains("orphaned: tests/bookshelf/src/models/gone.rs"), "{stderr}");
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

/// Every file under `dir`, by path relative to `dir`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir).expect("read folder").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(base, &path, into);
            } else {
                let bytes = fs::read(&path).expect("read file");
                into.insert(path.strip_prefix(base).expect("below base").to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// Copies the committed generated files of every target (manifest and sources) into `root`.
fn copy_generated(root: &Path) {
    for target in xtask::TARGETS {
        let from = workspace().join(target.crate_dir);
        let manifest = fs::read(from.join("Cargo.toml")).expect("the committed manifest");
        let files = tree(&from.join("src")).into_iter().map(|(path, bytes)| (Path::new("src").join(path), bytes));
        for (path, bytes) in files.chain([(PathBuf::from("Cargo.toml"), manifest)]) {
            let to = root.join(target.crate_dir).join(path);
            fs::create_dir_all(to.parent().expect("files live in a folder")).expect("create folder");
            fs::write(to, bytes).expect("copy generated file");
        }
    }
}

/// `line:column` right after `--> {spec}:` somewhere in `stderr`.
fn names_line_and_column(stderr: &str, spec: &str) -> bool {
    let marker = format!("--> {spec}:");
    stderr.match_indices(&marker).any(|(at, _)| {
        let rest = &stderr[at + marker.len()..];
        let location: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
        let mut parts = location.split(':');
        matches!((parts.next(), parts.next()), (Some(line), Some(column)) if !line.is_empty() && !column.is_empty())
            && rest[location.len()..].starts_with(" (at ")
    })
}

#[test]
fn every_bad_spec_fails_with_status_1_a_location_and_no_file_changed() {
    let root = scratch("corpus");
    copy_generated(&root);
    let generated: Vec<PathBuf> = xtask::TARGETS.iter().map(|t| root.join(t.crate_dir)).collect();
    let before: Vec<_> = generated.iter().map(|dir| tree(dir)).collect();
    let spec = native().spec;
    // The committed files are what the committed specs give, so a clean run changes nothing.
    let clean = xtask(&root, &["codegen", "--check"]);
    assert!(clean.status.success(), "the scratch copy starts clean:\n{}", text(&clean.stderr));

    let corpus = workspace().join("codegen/tests/fixtures/bad");
    let mut fixtures: Vec<PathBuf> =
        fs::read_dir(&corpus).expect("bad fixtures").map(|e| e.expect("entry").path()).collect();
    fixtures.retain(|path| path.extension().is_some_and(|ext| ext == "yaml"));
    fixtures.sort();
    assert!(fixtures.len() >= 30, "the corpus holds {} specs; it must hold at least 30", fixtures.len());

    let mut failures = Vec::new();
    for (i, fixture) in fixtures.iter().enumerate() {
        let name = fixture.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        fs::copy(fixture, root.join(spec)).expect("put the bad spec in place");
        for check in [false, true] {
            // The command itself for the first few (its exit status and streams); the same
            // logic in-process on this target alone for the rest, sparing each run the import
            // of OpenAI's whole document, which no bad spec here touches.
            let (status, stdout, stderr) = if i < 3 {
                let out = xtask(&root, if check { &["codegen", "--check"][..] } else { &["codegen"][..] });
                (out.status.code(), text(&out.stdout), text(&out.stderr))
            } else {
                match xtask::run_targets(&root, std::slice::from_ref(native()), check) {
                    xtask::Report::Failed(message) => (Some(1), String::new(), message),
                    xtask::Report::Ok(message) => (Some(0), message, String::new()),
                }
            };
            let args = if check { "codegen --check" } else { "codegen" };
            if status != Some(1) {
                failures.push(format!("{name} ({args}): exit status {status:?}\n{stderr}"));
            } else if !names_line_and_column(&stderr, spec) {
                failures.push(format!("{name}: no `--> {spec}:LINE:COLUMN (at PATH)` in\n{stderr}"));
            } else if !stderr.contains("no files were changed") || !stdout.is_empty() {
                failures.push(format!("{name}: the report must end by saying nothing changed\n{stderr}"));
            }
        }
        for (dir, before) in generated.iter().zip(&before) {
            if &tree(dir) != before {
                failures.push(format!("{name}: files under {} changed", dir.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let _ = fs::remove_dir_all(&root);
}

/// The workspace is found when the command runs: from `CARGO_MANIFEST_DIR` (as `cargo xtask`
/// sets it) or, without it, from the current directory up. A binary that cargo reuses from a
/// target directory shared with another checkout therefore works on the checkout it runs in.
#[test]
fn the_workspace_is_found_at_run_time_not_compile_time() {
    let root = scratch("found-at-run-time");
    let run = |configure: &dyn Fn(&mut Command)| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command.arg("codegen").env_remove("CARGO_MANIFEST_DIR");
        configure(&mut command);
        let out = command.output().expect("run xtask");
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    let lib = root.join(native().crate_dir).join("src/lib.rs");
    run(&|c| {
        c.env("CARGO_MANIFEST_DIR", root.join("xtask")).current_dir(std::env::temp_dir());
    });
    assert!(lib.exists(), "generated into the workspace `CARGO_MANIFEST_DIR` names");
    fs::remove_file(&lib).expect("remove lib.rs");
    let below = root.join(native().spec);
    run(&|c| {
        c.current_dir(below.parent().expect("the spec's folder"));
    });
    assert!(lib.exists(), "generated into the workspace above the current directory");
    let _ = fs::remove_dir_all(&root);
}

/// The README's "adding an API": one target line and `cargo xtask codegen` give a crate that
/// is a workspace member and builds, with no placeholder file and no manifest copied by hand.
/// The scratch workspace inherits this one's `[workspace.package]` and dependencies (the
/// runtime by absolute path), and builds in the target folder the compile test warms.
#[test]
fn adding_an_api_is_one_target_line_and_one_command() {
    let root = std::env::temp_dir().join(format!("xtask-cli-new-api-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("spec")).expect("create scratch folder");
    fs::copy(workspace().join("tests/fixtures/bookshelf.yaml"), root.join("spec/shelf.yaml")).expect("copy spec");
    // The compile test's scratch manifest, so that the artifacts it left in the shared target
    // folder serve here too.
    fs::write(root.join("Cargo.toml"), scratch::workspace_manifest(workspace(), &[]))
        .expect("write the scratch manifest");
    fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).expect("pin dependency versions");

    let target = [codegen::Target::new("spec/shelf.yaml", "apis/shelf")];
    match xtask::run_targets(&root, &target, true) {
        xtask::Report::Failed(message) => assert!(message.contains("not a workspace member: apis/shelf"), "{message}"),
        xtask::Report::Ok(message) => panic!("--check passed before the crate existed: {message}"),
    }
    let written = match xtask::run_targets(&root, &target, false) {
        xtask::Report::Ok(message) => message,
        xtask::Report::Failed(message) => panic!("{message}"),
    };
    assert!(written.contains("created apis/shelf/Cargo.toml"), "{written}");
    assert!(written.contains("added apis/shelf to the workspace members in Cargo.toml"), "{written}");
    let root_manifest = fs::read_to_string(root.join("Cargo.toml")).expect("read the scratch manifest");
    assert!(root_manifest.contains("members = [\"apis/shelf\"]"), "{root_manifest}");
    assert!(matches!(xtask::run_targets(&root, &target, true), xtask::Report::Ok(_)), "--check passes after");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "-p", "shelf"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"))
        .output()
        .expect("run cargo");
    assert!(out.status.success(), "the new crate does not build:\n{}", text(&out.stderr));
    let _ = fs::remove_dir_all(&root);
}

/// `cargo xtask import --diff OLD NEW` prints the drift report of two documents (YAML or
/// JSON, relative to the workspace), whose first line names the command that made it. A
/// document that cannot be read fails with status 1 naming it; a missing argument is a usage
/// error.
#[test]
fn import_diff_prints_the_drift_between_two_documents() {
    let root = std::env::temp_dir().join(format!("xtask-cli-import-diff-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("up")).expect("create scratch folder");
    let old = "paths:\n  /a:\n    get: {operationId: listA, responses: {'200': {description: ok}}}\n\
               components:\n  schemas:\n    Status: {type: string, enum: [a]}\n    Old: {type: string}\n";
    let new = r#"{"paths": {"/a": {"get": {"operationId": "listA", "deprecated": true, "responses": {}},
                 "post": {"operationId": "createA", "responses": {}}}},
                 "components": {"schemas": {"Status": {"type": "string", "enum": ["a", "b"]}}}}"#;
    fs::write(root.join("up/old.yaml"), old).expect("write old");
    fs::write(root.join("up/new.json"), new).expect("write new");

    let out = xtask(&root, &["import", "--diff", "up/old.yaml", "up/new.json"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(first, "_Made by `cargo xtask import --diff up/old.yaml up/new.json`; run it again rather than edit._");
    for line in [
        "| operations | 1 | 2 | 1 | 0 | 1 | 0 |",
        "- `createA` — `POST /a`",
        "- `listA` — `GET /a`\n  - now deprecated\n  - response `200` removed",
        "### Removed (1)\n\n- `Old`",
        "- `Status`: added `\"b\"`",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }

    let out = xtask(&root, &["import", "--diff", "up/old.yaml", "up/gone.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error: reading up/gone.yaml"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let out = xtask(&root, &["import", "--diff", "up/old.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cargo xtask import [--diff OLD NEW]"), "{}", text(&out.stderr));
    let _ = fs::remove_dir_all(&root);
}

/// Every committed drift report (`upstream/*/DRIFT-*.md`) is what the command its first line
/// names prints today: a change to the report's code is seen in the committed reports.
#[test]
fn the_committed_drift_reports_are_what_their_command_prints() {
    let mut reports = Vec::new();
    for api in fs::read_dir(workspace().join("upstream")).expect("upstream/").map(|e| e.expect("entry").path()) {
        if api.is_dir() {
            let files = fs::read_dir(&api).expect("an API's folder").map(|e| e.expect("entry").path());
            reports.extend(files.filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("DRIFT-"))));
        }
    }
    assert!(!reports.is_empty(), "no upstream/*/DRIFT-*.md");
    for report in reports {
        let committed = fs::read_to_string(&report).expect("read the report");
        let command = committed.lines().next().and_then(|l| l.split('`').nth(1)).unwrap_or_default();
        let args: Vec<&str> = command.split(' ').collect();
        let ["cargo", "xtask", "import", "--diff", old, new] = args.as_slice() else {
            panic!("{}: the first line names no `cargo xtask import --diff OLD NEW`", report.display());
        };
        let made = xtask::diff::diff(workspace(), old, new).unwrap_or_else(|e| panic!("{e}"));
        let shown = report.strip_prefix(workspace()).unwrap_or(&report).display();
        assert!(made == committed, "{shown} is stale: run `{command} > {shown}`");
    }
}
