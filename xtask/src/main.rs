//! `cargo xtask codegen [--check]`: regenerates every generated crate from its spec, or
//! (with `--check`) verifies that the committed files match the specs, changing nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{Report, run};

const USAGE: &str = "usage: cargo xtask codegen [--check]\n\n\
    codegen          regenerate every crate from its spec\n\
    codegen --check  fail if any generated file differs from what its spec gives";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
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
    match run(&workspace_root(), check) {
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
