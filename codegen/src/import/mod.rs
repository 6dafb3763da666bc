//! The import stage, in front of the pipeline: an OpenAPI 3.0/3.1 document plus a hand-kept
//! overlay become a native spec (YAML text, committed and reviewed), which the usual stages
//! then judge and generate. An importer bug is therefore a located spec error, never broken
//! Rust.
//!
//! [`doc`] reads the document (YAML or JSON) into an ordered tree that keeps big integers,
//! with [`doc::Pointer`]s naming every place in it; [`overlay`] reads what the document does
//! not say; [`convert`] makes schemas native types; [`operations`] makes operations;
//! [`coverage`] writes what was left out or imported loosely, and why; [`examples`] finds the
//! document's own examples for the tests. [`drift`] reports what changed between two versions
//! of a document (operations, schemas, enum values, union members).

pub mod convert;
pub mod coverage;
pub mod doc;
pub mod drift;
pub mod examples;
pub mod operations;
pub mod overlay;
pub mod paths;
mod spec;

use std::fmt;
use std::path::Path;

use convert::{Importer, Note, Problem};
use doc::{Pointer, Value};
use operations::{OperationReport, Outcome};
use overlay::Overlay;

/// What an import makes: the spec's text, and the coverage report.
#[derive(Debug)]
pub struct Imported {
    pub spec: String,
    pub coverage: String,
    pub operations: Vec<OperationReport>,
    pub notes: Vec<Note>,
}

/// The files an import reads and writes, relative to the workspace root; they name
/// themselves in the written files' headers.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub document: &'a str,
    pub overlay: &'a str,
}

/// Problems that stop an import, every one located by a JSON pointer into `file`.
#[derive(Debug)]
pub struct ImportError {
    /// The document's path, and the overlay's.
    pub file: String,
    pub overlay: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let file = if problem.in_overlay { &self.overlay } else { &self.file };
            write!(f, "error: {file}: at {}: {}", problem.pointer, problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// Reads an OpenAPI document, YAML or JSON (JSON is YAML too, but the JSON reader is
/// faster), into the importer's tree. `shown` is the path errors name.
pub fn read_document(shown: &Path, text: &str) -> Result<Value, String> {
    let json = shown.extension().is_some_and(|e| e == "json");
    let read = if json {
        serde_json::from_str::<Value>(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string())
    };
    read.map_err(|e| format!("error: {} is not a readable OpenAPI document: {e}", shown.display()))
}

/// The stack the import runs on: conversion recurses along `$ref`s, and a document may chain
/// [`convert::MAX_DEPTH`] of them before it is refused (touched only as deep as it is used).
const STACK: usize = 256 << 20;

/// Imports a document with its overlay.
pub fn import(doc: &Value, overlay: &Overlay, sources: Sources<'_>) -> Result<Imported, ImportError> {
    let fail = |message: String| ImportError {
        file: sources.document.to_owned(),
        overlay: sources.overlay.to_owned(),
        problems: vec![Problem { in_overlay: false, pointer: Pointer::root(), message }],
    };
    std::thread::scope(|scope| {
        let worker =
            std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, || import_here(doc, overlay, sources));
        match worker {
            Ok(worker) => worker.join().unwrap_or_else(|_| {
                Err(fail("internal error: the importer panicked; please report it with this document".to_owned()))
            }),
            Err(e) => Err(fail(format!("cannot start the import: {e}"))),
        }
    })
}

fn import_here(doc: &Value, overlay: &Overlay, sources: Sources<'_>) -> Result<Imported, ImportError> {
    let fail = |problems: Vec<Problem>| ImportError {
        file: sources.document.to_owned(),
        overlay: sources.overlay.to_owned(),
        problems,
    };
    let version = doc.str_at("openapi").unwrap_or_default();
    if !(version.starts_with("3.0.") || version.starts_with("3.1.")) {
        let message = match (doc.get("swagger"), version) {
            (Some(_), _) => "a Swagger 2.0 document: only OpenAPI 3.0 and 3.1 are read (convert it first)".to_owned(),
            (None, "") => "no `openapi` version: this is not an OpenAPI document".to_owned(),
            (None, v) => format!("`openapi: {v}`: only OpenAPI 3.0 and 3.1 documents are read"),
        };
        return Err(fail(vec![Problem { in_overlay: false, pointer: Pointer::root().push("openapi"), message }]));
    }
    let mut importer = Importer::new(doc, overlay);
    let mut reports = Vec::new();
    let mut made = Vec::new();
    let mut seen_ids = std::collections::HashMap::new();
    for (pointer, path, method, op) in paths::operations(doc) {
        let id = op.str_at("operationId").unwrap_or_default().to_owned();
        if let Some(first) = seen_ids.insert(id.clone(), pointer.clone()) {
            importer.problem(&pointer.push("operationId"), format!("operation id `{id}` is also the id of {first}"));
            continue;
        }
        let tags: Vec<String> = op
            .get("tags")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        let tag_refs: Vec<&str> = tags.iter().map(String::as_str).collect();
        let outcome = if !overlay.selects(&id, &tag_refs) {
            Outcome::NotSelected
        } else {
            match importer.operation(&pointer, path, method, op) {
                Ok(operation) => {
                    made.push(operation);
                    Outcome::Generated
                }
                Err((pointer, reason)) => Outcome::Stopped { pointer, reason },
            }
        };
        reports.push(OperationReport { id, method: method.to_uppercase(), path: path.to_owned(), tags, outcome });
    }
    for id in overlay.select.operations.iter().chain(&overlay.skip) {
        if !seen_ids.contains_key(id) {
            let pointer = Pointer::root().push(if overlay.skip.contains(id) { "skip" } else { "select" });
            let message = format!("the overlay names operation `{id}`, which the document does not have");
            importer.problems.push(Problem { in_overlay: true, pointer, message });
        }
    }
    importer.settle_unions();
    importer.merge_identical_enums(&mut made);
    let spec = spec::assemble(&mut importer, made, sources);
    let mut problems = std::mem::take(&mut importer.problems);
    let spec = match spec {
        Ok(spec) => spec,
        Err(mut more) => {
            problems.append(&mut more);
            String::new()
        }
    };
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(fail(problems));
    }
    let mut notes = std::mem::take(&mut importer.notes);
    notes.sort();
    notes.dedup();
    let coverage = coverage::report(&reports, &notes, sources);
    Ok(Imported { spec, coverage, operations: reports, notes })
}
