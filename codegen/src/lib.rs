//! A generator of typed Rust API clients from a YAML spec (see `spec/README.md`).
//!
//! The pipeline is one module per stage, in order, after an optional [`import`] (an OpenAPI
//! document plus an overlay → spec YAML, written to disk and committed):
//! [`parse`] (YAML → spec tree, [`ast`]) → [`validate`] (names, references, tags → the
//! [`resolved`] model) → [`lower`] (the intermediate model, [`ir`]) → [`emit`] (`quote!`
//! tokens) → [`render`] (prettyplease text with headers) → [`write`](mod@write) (disk, or a
//! drift check). A spec with any error stops before anything is written.
//!
//! Below the stages: [`values`] (what every model shares: literals, constraints, presence,
//! scalars), [`naming`] (wire names → Rust names), [`diagnostics`] with [`node_path`] and
//! [`locate`] (located errors), and `doctext` (descriptions → doc lines, for lower).

pub mod ast;
pub mod diagnostics;
mod doctext;
pub mod emit;
pub mod import;
pub mod ir;
pub mod locate;
pub mod lower;
pub mod naming;
pub mod node_path;
pub mod output;
pub mod parse;
pub mod render;
pub mod resolved;
pub mod target;
pub mod validate;
pub mod values;
pub mod write;

use std::fmt;
use std::path::Path;

pub use diagnostics::SpecError;
pub use output::OutputFile;
pub use target::Target;

#[derive(Debug)]
pub enum Error {
    /// The spec is wrong: every problem found, located.
    Spec(SpecError),
    /// The spec could not be read.
    Io { path: String, error: std::io::Error },
    /// The target cannot be generated as asked (e.g. its folder makes no package name).
    Target(String),
    /// A bug in the generator (the spec passed validation).
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(e) => e.fmt(f),
            Error::Io { path, error } => write!(f, "error: cannot read {path}: {error}"),
            Error::Target(message) => write!(f, "error: {message}"),
            Error::Internal(message) => {
                write!(f, "internal error in codegen: {message}\nplease report it with the spec that caused it")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The resolved model of a spec's text: parse, validate. `spec` is the path shown in errors.
fn resolve(spec: &str, source: &str) -> Result<resolved::Model, Error> {
    let located = |diagnostics| Error::Spec(SpecError::new(Path::new(spec), source, diagnostics));
    let tree = parse::parse(source).map_err(located)?;
    validate::validate(&tree).map_err(located)
}

/// Judges a spec without generating anything: parse and validate, every error located. A
/// caller holding several specs checks them all first, so that one broken spec costs no
/// generation of the others (a large API takes seconds to generate in a debug build).
pub fn check(spec: &str, source: &str) -> Result<(), Error> {
    resolve(spec, source).map(|_| ())
}

/// The intermediate model of a spec's text: parse, validate, lower. `spec` is the path
/// shown in errors.
pub fn model(spec: &str, source: &str) -> Result<ir::Crate, Error> {
    Ok(lower::lower(&resolve(spec, source)?))
}

/// Runs the whole pipeline on a spec's text, in memory: the target's whole crate, its
/// manifest and sources. `target.spec` is the path shown in errors and headers (relative to
/// the workspace, so output is machine-independent).
pub fn generate(target: &Target<'_>, source: &str) -> Result<Vec<OutputFile>, Error> {
    let resolved = resolve(target.spec, source)?;
    let model = lower::lower(&resolved);
    let package = lower::package(&resolved, target).map_err(Error::Target)?;
    let files = emit::emit(&model, &package).map_err(|e| Error::Internal(e.0))?;
    Ok(render::render(target.spec, files, &package))
}

/// Reads the target's spec under `root` and generates it.
pub fn generate_file(root: &Path, target: &Target<'_>) -> Result<Vec<OutputFile>, Error> {
    let spec = target.spec;
    let source =
        std::fs::read_to_string(root.join(spec)).map_err(|error| Error::Io { path: spec.to_owned(), error })?;
    generate(target, &source)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "api: { title: T, description: D, base_url: \"https://example.com\" }\ntypes: {}\n";

    #[test]
    fn a_folder_that_makes_no_package_name_is_an_error_naming_it() {
        match generate(&Target::new("spec/t.yaml", "apis/2fast"), SPEC) {
            Err(Error::Target(message)) => {
                assert!(message.contains("`apis/2fast`") && message.contains("rust_crate"), "{message}")
            }
            other => panic!("expected a target error, got {other:?}"),
        }
        let files = generate(&Target::new("spec/t.yaml", "apis/fast"), SPEC).map_err(|e| e.to_string());
        let manifest = files.as_ref().ok().and_then(|files| files.iter().find(|f| f.path == "Cargo.toml"));
        assert!(manifest.is_some_and(|m| m.contents.contains("name = \"fast\"")), "{files:?}");
    }
}
