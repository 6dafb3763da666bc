//! The examples a document's authors wrote for its operations: response bodies (under
//! `x-oaiMeta.examples[].response`, and `example`/`examples` of a JSON response) and request
//! bodies (the `-d '...'` of a curl example). The tests decode each into the generated type
//! and encode it back; this only finds them, as the text the document gives.

use super::doc::{Pointer, Value};
use super::operations::{OperationReport, Outcome};
use super::paths::operations;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Response,
    Request,
}

#[derive(Debug, Clone)]
pub struct Example {
    /// The operation's id.
    pub operation: String,
    pub kind: Kind,
    /// Where the example is in the document.
    pub pointer: Pointer,
    /// The example as written (JSON text, or not JSON at all: the test says so).
    pub text: String,
}

/// Every example of the operations the import generated, in document order.
pub fn examples(doc: &Value, reports: &[OperationReport]) -> Vec<Example> {
    let generated = |id: &str| reports.iter().any(|r| r.id == id && matches!(r.outcome, Outcome::Generated));
    let mut out = Vec::new();
    for (pointer, _, _, op) in operations(doc) {
        let Some(id) = op.str_at("operationId").filter(|id| generated(id)) else { continue };
        let push = |out: &mut Vec<Example>, kind, pointer: Pointer, text: String| {
            out.push(Example { operation: id.to_owned(), kind, pointer, text });
        };
        let meta = pointer.push("x-oaiMeta").push("examples");
        match op.get("x-oaiMeta").and_then(|m| m.get("examples")) {
            Some(Value::Array(list)) => {
                for (i, example) in list.iter().enumerate() {
                    from_meta(example, &meta.push(i), &mut |kind, at, text| push(&mut out, kind, at, text));
                }
            }
            Some(example) => from_meta(example, &meta, &mut |kind, at, text| push(&mut out, kind, at, text)),
            None => {}
        }
        let responses = op.get("responses").and_then(Value::as_object);
        for (code, response) in responses.into_iter().flat_map(|r| r.iter()).filter(|(c, _)| c.starts_with('2')) {
            let at = pointer.push("responses").push(code).push("content").push("application/json");
            let Some(media) = response.get("content").and_then(|c| c.get("application/json")) else { continue };
            if let Some(example) = media.get("example") {
                push(&mut out, Kind::Response, at.push("example"), example.to_json());
            }
            for (name, example) in media.get("examples").and_then(Value::as_object).into_iter().flat_map(|e| e.iter()) {
                if let Some(value) = example.get("value") {
                    push(&mut out, Kind::Response, at.push("examples").push(name).push("value"), value.to_json());
                }
            }
        }
    }
    out
}

/// One `x-oaiMeta` example: its `response` text, and the JSON body of its curl request.
fn from_meta(example: &Value, at: &Pointer, push: &mut dyn FnMut(Kind, Pointer, String)) {
    if let Some(response) = example.str_at("response") {
        push(Kind::Response, at.push("response"), response.to_owned());
    }
    let curl = example.get("request").and_then(|r| r.str_at("curl"));
    if let Some(body) = curl.and_then(curl_body) {
        push(Kind::Request, at.push("request").push("curl"), body);
    }
}

/// The body a curl command sends with `-d '...'` (up to its closing quote).
fn curl_body(curl: &str) -> Option<String> {
    let start = curl.find("-d '")? + 4;
    let end = curl.rfind('\'')?;
    (end > start).then(|| curl[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curl_body_is_what_follows_dash_d_up_to_its_quote() {
        let curl = "curl https://x \\\n  -H \"A: b\" \\\n  -d '{\n  \"model\": \"m\"\n}'\n";
        assert_eq!(curl_body(curl).as_deref(), Some("{\n  \"model\": \"m\"\n}"));
        assert_eq!(curl_body("curl https://x"), None);
    }
}
