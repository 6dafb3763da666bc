//! `cargo xtask codegen [--check]`: imports every OpenAPI document into its spec and
//! regenerates every generated crate from its spec, or (with `--check`) verifies that the
//! committed files match, changing nothing. `cargo xtask import` runs the import alone.
//! `cargo xtask import --diff OLD NEW`: prints what changed between two versions of an
//! upstream OpenAPI document (Markdown).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{Report, run};

const USAGE: &str = "usage: cargo xtask codegen [--check] [--root DIR]\n       \
    cargo xtask import [--diff OLD NEW] [--root DIR]\n\n\
    codegen                import every OpenAPI document, regenerate every crate from its spec\n\
    codegen --check        fail if any imported spec or generated file differs from its sources\n\
    import                 only import: each overlay and its OpenAPI document → spec, coverage\n\
    import --diff OLD NEW  print what changed from the OpenAPI document OLD to NEW (Markdown)\n\
    --root DIR             the workspace to work on, which OLD and NEW are relative to\n\
    \x20                      (default: this one)";

/// What the command line asks for.
enum Command {
    Codegen { check: bool },
    Import,
    ImportDiff { old: String, new: String },
    Help,
}

/// The command `args` (without `--root DIR`) name, or `None` for a usage error.
fn command(args: &[String]) -> Option<Command> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Some(match args.as_slice() {
        ["codegen"] => Command::Codegen { check: false },
        ["codegen", "--check"] => Command::Codegen { check: true },
        ["import"] => Command::Import,
        ["import", "--diff", old, new] => Command::ImportDiff { old: (*old).to_owned(), new: (*new).to_owned() },
        ["--help" | "-h" | "help"] => Command::Help,
        _ => return None,
    })
}

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
    let command = match command(&args) {
        Some(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(command) => command,
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(root) = root.or_else(workspace_root) else {
        eprintln!("error: no workspace found: run `cargo xtask` inside one, or pass `--root DIR`");
        return ExitCode::FAILURE;
    };
    let report = match command {
        Command::Codegen { check } => run(&root, check),
        Command::Import => match xtask::import::run(&root, xtask::import::IMPORTS, false) {
            Ok(lines) if lines.is_empty() => Report::Ok("imported specs are up to date".to_owned()),
            Ok(lines) => Report::Ok(lines.join("\n")),
            Err(message) => Report::Failed(message),
        },
        Command::ImportDiff { old, new } => match xtask::diff::diff(&root, &old, &new) {
            // The report is the output (to redirect into a file), so no line is added to it.
            Ok(markdown) => {
                print!("{markdown}");
                return ExitCode::SUCCESS;
            }
            Err(message) => Report::Failed(message),
        },
        Command::Help => return ExitCode::SUCCESS,
    };
    match report {
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
