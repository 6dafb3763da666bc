//! The import stage, in front of the pipeline: an OpenAPI 3.0/3.1 document plus a hand-kept
//! overlay become a native spec (YAML text, committed and reviewed), which the usual stages
//! then judge and generate. An importer bug is therefore a located spec error, never broken
//! Rust.
//!
//! [`doc`] reads the document (YAML or JSON) into an ordered tree that keeps big integers,
//! with [`doc::Pointer`]s naming every place in it. [`drift`] reports what changed between
//! two versions of a document (operations, schemas, enum values, union members).

pub mod doc;
pub mod drift;

use std::path::Path;

use doc::Value;

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
