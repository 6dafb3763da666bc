//! The logic behind `cargo xtask codegen`, as a library so the drift check also runs as
//! a `#[test]` (see `tests/drift.rs`) in a crate that does not depend on any generated
//! crate: a generated crate that no longer compiles cannot hide the drift message.
//! [`diff`] is `cargo xtask import --diff` (upstream drift between two OpenAPI documents).

pub mod diff;
pub mod import;
mod members;

use std::fmt::Write as _;
use std::path::Path;

use codegen::Target;
use codegen::write::{self, Drift, Mode};

/// Every spec and the crate generated from it, relative to the workspace root.
///
/// Adding an API is one line here (`Target::new("spec/pets.yaml", "apis/pets")`) and
/// `cargo xtask codegen`, which writes the crate whole (manifest and sources) and adds its
/// folder to the workspace's members. Hand-written examples and benchmarks in a crate's
/// folder are declared here too, so that its generated manifest names them.
pub const TARGETS: &[Target<'static>] = &[
    Target::new("spec/openai_run_steps.yaml", "generated").examples(&["list_run_steps"]).benches(&["decode"]),
    Target::new("tests/fixtures/bookshelf.yaml", "tests/bookshelf").benches(&["unknown_fields"]),
    // Its property tests run from tests/e2e (openai_properties.rs), which builds the crate
    // anyway for the document's examples: one debug build of 1,173 models in CI, not two.
    Target::new("spec/openai.yaml", "openai").property_tests(false),
];

/// The command that fixes drift, printed with every drift report.
pub const FIX: &str = "cargo xtask codegen";

pub enum Report {
    Ok(String),
    Failed(String),
}

/// Imports every OpenAPI document into its spec (see [`import::IMPORTS`]), then generates
/// every target in memory; only if all succeed, writes (or checks) them. A broken overlay,
/// document or spec therefore leaves every file as it was.
pub fn run(root: &Path, check: bool) -> Report {
    let imported = match import::run(root, import::IMPORTS, check) {
        Ok(lines) => lines,
        Err(message) => return Report::Failed(message),
    };
    if check && !imported.is_empty() {
        return Report::Failed(format!(
            "error: imported specs differ from their OpenAPI document and overlay:\n{}\n\
             run `{FIX}` to import and regenerate, review the diff, and commit it",
            imported.join("\n")
        ));
    }
    match run_targets(root, TARGETS, check) {
        Report::Ok(message) if !imported.is_empty() => Report::Ok(format!("{}\n{message}", imported.join("\n"))),
        report => report,
    }
}

/// [`run`] on a list of targets of one's own (the tests' scratch workspaces).
pub fn run_targets(root: &Path, targets: &[Target<'_>], check: bool) -> Report {
    if let Err(errors) = judge(root, targets) {
        return Report::Failed(format!("{}\nno files were changed.", errors.trim_end()));
    }
    let mut generated = Vec::new();
    let mut errors = String::new();
    for target in targets {
        match codegen::generate_file(root, target) {
            Ok(files) => generated.push((target, files)),
            Err(error) => {
                let _ = writeln!(errors, "{error}\n");
            }
        }
    }
    if !errors.is_empty() {
        return Report::Failed(format!("{}\nno files were changed.", errors.trim_end()));
    }
    let mode = if check { Mode::Check } else { Mode::Write };
    let mut drift = Vec::new();
    let mut unchanged = 0;
    for (target, files) in &generated {
        let dir = root.join(target.crate_dir);
        match write::sync(&dir, files, mode) {
            Ok(outcome) => {
                unchanged += outcome.unchanged;
                drift.extend(outcome.drift);
            }
            Err(error) => {
                let doing = if check { "checking" } else { "writing" };
                return Report::Failed(format!("error: {doing} {}: {error}", dir.display()));
            }
        }
    }
    let dirs: Vec<&str> = targets.iter().map(|t| t.crate_dir).collect();
    let joined = match workspace_members(root, &dirs, mode) {
        Ok(joined) => joined,
        Err(error) => return Report::Failed(format!("error: {error}")),
    };
    let shown = |path: &Path| shown(root, path);
    if check {
        if drift.is_empty() && joined.is_empty() {
            return Report::Ok(format!("generated code is up to date ({unchanged} files checked)"));
        }
        return Report::Failed(drift_report(root, &joined, &drift));
    }
    let mut out = String::new();
    for d in &drift {
        let verb = match d {
            Drift::Stale { .. } => "updated",
            Drift::Missing { .. } => "created",
            Drift::Orphaned { .. } => "removed",
        };
        let _ = writeln!(out, "{verb} {}", shown(d.path()));
    }
    for dir in &joined {
        let _ = writeln!(out, "added {dir} to the workspace members in Cargo.toml");
    }
    let _ = write!(out, "{} file(s) changed, {unchanged} unchanged", drift.len());
    Report::Ok(out)
}

/// What `--check` says of files that differ from what their specs give, and the fix.
fn drift_report(root: &Path, joined: &[&str], drift: &[Drift]) -> String {
    let shown = |path: &Path| shown(root, path);
    let mut out = String::from("error: generated code differs from its spec:\n");
    for dir in joined {
        let _ = writeln!(out, "  not a workspace member: {dir} (Cargo.toml's `members` does not list it)");
    }
    for d in drift {
        match d {
            Drift::Stale { path, diff } => {
                let _ = writeln!(out, "  stale:    {}", shown(path));
                let diff = diff.replace(&format!("{}/", root.display()), "");
                for line in diff.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            }
            Drift::Missing { path } => {
                let _ = writeln!(out, "  missing:  {}", shown(path));
            }
            Drift::Orphaned { path } => {
                let _ = writeln!(out, "  orphaned: {} (no spec produces it any more)", shown(path));
            }
        }
    }
    let _ = write!(out, "run `{FIX}` to regenerate, review the diff, and commit it");
    out
}

/// A path as the reports show it: relative to the workspace.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

/// Judges every target's spec before any is generated, so that a broken one stops the run
/// at once (generating a large API takes seconds in a debug build): every error, or none.
fn judge(root: &Path, targets: &[Target<'_>]) -> Result<(), String> {
    let mut errors = String::new();
    for target in targets {
        let read = std::fs::read_to_string(root.join(target.spec))
            .map_err(|error| codegen::Error::Io { path: target.spec.to_owned(), error });
        if let Err(error) = read.and_then(|source| codegen::check(target.spec, &source)) {
            let _ = writeln!(errors, "{error}\n");
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The target folders the workspace's members do not list; in write mode they are added to
/// the root `Cargo.toml` (the crates' manifests are on disk by then).
fn workspace_members<'a>(root: &Path, dirs: &[&'a str], mode: Mode) -> Result<Vec<&'a str>, String> {
    let path = root.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let missing = members::missing(&manifest, dirs)?;
    if mode == Mode::Write && !missing.is_empty() {
        let updated = members::add(&manifest, &missing)?;
        std::fs::write(&path, updated).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(missing)
}
