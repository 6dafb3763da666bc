//! The operations a document holds, in document order: what every part of the import walks.

use super::doc::{Pointer, Value};

/// The HTTP methods an OpenAPI path item may hold, in the order they are read.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Every operation of the document, in document order, with its pointer.
pub fn operations(doc: &Value) -> Vec<(Pointer, &str, &str, &Value)> {
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return out };
    for (path, item) in paths.iter() {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((Pointer::root().push("paths").push(path).push(method), path, method, op));
            }
        }
    }
    out
}
