//! `cargo xtask codegen [--check]`: regenerates every generated crate from its spec, or
//! (with `--check`) verifies that the committed files match the specs, changing nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{Report, run};

const USAGE: &str = "usage: cargo xtask codegen [--check] [--root DIR]\n\n\
    codegen          regenerate every crate from its spec\n\
    codegen --check  fail if any generated file differs from what its spec gives\n\
    --root DIR       the workspace to work on (default: this one)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut root = None;
    if let Some(at) = args.iter().position(|a| a == "--root") {
        let Some(dir) = args.get(at + 1) else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        root = Some(PathBuf::from(dir));
        args.drain(at..=at + 1);
    }
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["import"] => {
            let Some(root) = root.clone().or_else(workspace_root) else { return ExitCode::FAILURE };
            return match xtask::import::run(&root, xtask::import::IMPORTS, false) {
                Ok(lines) => {
                    println!("{}", lines.join("\n"));
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::FAILURE
                }
            };
        }
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(root) = root.or_else(workspace_root) else {
        eprintln!("error: no workspace found: run `cargo xtask` inside one, or pass `--root DIR`");
        return ExitCode::FAILURE;
    };
    match run(&root, check) {
        Report::Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Report::Failed(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, found when the command runs, never fixed when it is compiled: a
/// binary that cargo reuses from a target directory shared with another checkout must work on
/// the checkout it is run in. `cargo xtask` runs it with `CARGO_MANIFEST_DIR` set to this
/// checkout's `xtask/`; run directly, it looks up from the current directory for the
/// workspace's `Cargo.toml`.
fn workspace_root() -> Option<PathBuf> {
    if let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) {
        if let Some(root) = manifest.parent().filter(|root| is_workspace(root)) {
            return Some(root.to_path_buf());
        }
    }
    let here = std::env::current_dir().ok()?;
    here.ancestors().find(|dir| is_workspace(dir)).map(Path::to_path_buf)
}

/// A directory whose `Cargo.toml` declares a workspace with an `xtask` member.
fn is_workspace(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|text| text.contains("[workspace]"))
        && dir.join("xtask").is_dir()
}
