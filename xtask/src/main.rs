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
    let mut root = workspace_root();
    if let Some(at) = args.iter().position(|a| a == "--root") {
        let Some(dir) = args.get(at + 1) else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        root = PathBuf::from(dir);
        args.drain(at..=at + 1);
    }
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
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

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
