//! A generator of typed Rust API clients from a YAML spec (see `spec/README.md`).
//!
//! The pipeline is one module per stage, in order:
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
pub mod ir;
pub mod locate;
pub mod lower;
pub mod naming;
pub mod node_path;
pub mod parse;
pub mod render;
pub mod resolved;
pub mod validate;
pub mod values;
pub mod write;

use std::fmt;
use std::path::Path;

pub use diagnostics::SpecError;

/// A rendered file, with its path relative to the generated crate's `src/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug)]
pub enum Error {
    /// The spec is wrong: every problem found, located.
    Spec(SpecError),
    /// The spec could not be read.
    Io { path: String, error: std::io::Error },
    /// A bug in the generator (the spec passed validation).
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(e) => e.fmt(f),
            Error::Io { path, error } => write!(f, "error: cannot read {path}: {error}"),
            Error::Internal(message) => {
                write!(f, "internal error in codegen: {message}\nplease report it with the spec that caused it")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The intermediate model of a spec's text: parse, validate, lower. `spec` is the path
/// shown in errors.
pub fn model(spec: &str, source: &str) -> Result<ir::Crate, Error> {
    let located = |diagnostics| Error::Spec(SpecError::new(Path::new(spec), source, diagnostics));
    let tree = parse::parse(source).map_err(located)?;
    let resolved = validate::validate(&tree).map_err(located)?;
    Ok(lower::lower(&resolved))
}

/// Runs the whole pipeline on a spec's text, in memory. `spec` is the path shown in
/// errors and headers (relative to the workspace, so output is machine-independent).
pub fn generate(spec: &str, source: &str) -> Result<Vec<OutputFile>, Error> {
    let model = model(spec, source)?;
    let files = emit::emit(&model).map_err(|e| Error::Internal(e.0))?;
    Ok(render::render(spec, files))
}

/// Reads a spec from `root/spec` and generates it.
pub fn generate_file(root: &Path, spec: &str) -> Result<Vec<OutputFile>, Error> {
    let source =
        std::fs::read_to_string(root.join(spec)).map_err(|error| Error::Io { path: spec.to_owned(), error })?;
    generate(spec, &source)
}
