//! The logic behind `cargo xtask codegen`, as a library so the drift check also runs as
//! a `#[test]` (see `tests/drift.rs`) in a crate that does not depend on any generated
//! crate: a generated crate that no longer compiles cannot hide the drift message.

use std::fmt::Write as _;
use std::path::Path;

use codegen::write::{self, Drift, Mode};

/// Every spec and the crate generated from it, relative to the workspace root.
/// Add a line here to generate a new crate (and add the crate to the workspace).
pub const TARGETS: &[Target] = &[
    Target { spec: "spec/openai_run_steps.yaml", crate_dir: "generated" },
    Target { spec: "tests/fixtures/bookshelf.yaml", crate_dir: "tests/bookshelf" },
];

pub struct Target {
    pub spec: &'static str,
    pub crate_dir: &'static str,
}

/// The command that fixes drift, printed with every drift report.
pub const FIX: &str = "cargo xtask codegen";

pub enum Report {
    Ok(String),
    Failed(String),
}

/// Generates every target in memory; only if all succeed, writes (or checks) them.
/// A broken spec therefore leaves every generated file as it was.
pub fn run(root: &Path, check: bool) -> Report {
    let mut generated = Vec::new();
    let mut errors = String::new();
    for target in TARGETS {
        match codegen::generate_file(root, target.spec) {
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
        let src = root.join(target.crate_dir).join("src");
        match write::sync(&src, files, mode) {
            Ok(outcome) => {
                unchanged += outcome.unchanged;
                drift.extend(outcome.drift);
            }
            Err(error) => {
                let doing = if check { "checking" } else { "writing" };
                return Report::Failed(format!("error: {doing} {}: {error}", src.display()));
            }
        }
    }
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).display().to_string();
    if check {
        if drift.is_empty() {
            return Report::Ok(format!("generated code is up to date ({unchanged} files checked)"));
        }
        let mut out = String::from("error: generated code differs from its spec:\n");
        for d in &drift {
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
        return Report::Failed(out);
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
    let _ = write!(out, "{} file(s) changed, {unchanged} unchanged", drift.len());
    Report::Ok(out)
}
