//! The corpus OpenAI's own authors wrote: every example in the official document that
//! belongs to an operation of the `openai` crate (responses under `x-oaiMeta`, JSON response
//! examples, and the JSON bodies of the curl requests) decodes into the generated type —
//! the operation's response, or its body — and encodes back to the same JSON (numbers
//! compared by value, objects by their entries). What fails is listed with its reason in the
//! snapshot `spec/openai.examples.snap`, beside the coverage report: nothing is skipped
//! silently (only the response examples of binary downloads, prose about bytes, are not
//! JSON to decode), and a change in what passes is a reviewed diff.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use codegen::import::examples::{Example, Kind};
use codegen::import::{self, Sources, overlay::Overlay};
use serde_json::Value;

const OVERLAY: &str = "spec/openai.overlay.yaml";
const SPEC: &str = "spec/openai.yaml";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// The examples of the generated operations, and the Rust type each decodes as.
fn corpus() -> Vec<(Example, Option<String>)> {
    let overlay = Overlay::read(Path::new(OVERLAY), &read(OVERLAY)).unwrap_or_else(|e| panic!("{e}"));
    let document = overlay.document.clone();
    let doc = import::read_document(Path::new(&document), &read(&document)).unwrap_or_else(|e| panic!("{e}"));
    let imported = import::import(&doc, &overlay, Sources { document: &document, overlay: OVERLAY })
        .unwrap_or_else(|e| panic!("{e}"));
    let spec: serde_yaml::Value = serde_yaml::from_str(&read(SPEC)).unwrap_or_else(|e| panic!("{e}"));
    let type_of = |example: &Example| {
        let key = if example.kind == Kind::Response { "response" } else { "body" };
        spec.get("operations")?.get(&example.operation)?.get(key)?.as_str().map(str::to_owned)
    };
    // A binary response's example is prose about bytes, nothing to decode.
    import::examples::examples(&doc, &imported.operations)
        .into_iter()
        .map(|e| (e.clone(), type_of(&e)))
        .filter(|(e, ty)| !(e.kind == Kind::Response && ty.as_deref() == Some("binary")))
        .collect()
}

/// What became of each example, by its index in the corpus.
struct Checker<'c> {
    corpus: &'c [(Example, Option<String>)],
    outcomes: BTreeMap<usize, Result<(), String>>,
}

impl typed_api_runtime::__private::ModelVisitor for Checker<'_> {
    fn visit<T>(&mut self, name: &'static str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + 'static,
    {
        for (i, (example, ty)) in self.corpus.iter().enumerate() {
            if ty.as_deref() == Some(name) {
                self.outcomes.insert(i, round_trip::<T>(&example.text));
            }
        }
    }
}

/// Decodes `text` as `T` and encodes it back: the same JSON, or why not.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> Result<(), String> {
    let original: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let mut json = serde_json::Deserializer::from_str(text);
    let decoded: T = serde_path_to_error::deserialize(&mut json)
        .map_err(|e| format!("does not decode at `{}`: {}", e.path(), e.inner()))?;
    let encoded = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    match difference(&original, &encoded, "") {
        None => Ok(()),
        Some(place) => Err(format!("encodes back differently at `{place}`")),
    }
}

/// The first place two JSON values differ, numbers compared by value.
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64() != y.as_f64()).then(|| at.to_owned()),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| difference(x, y, &format!("{at}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(x), Some(y)) => difference(x, y, &format!("{at}.{k}")),
                (Some(_), None) => Some(format!("{at}.{k} (dropped)")),
                _ => Some(format!("{at}.{k} (added)")),
            })
        }
        _ => (a != b).then(|| if at.is_empty() { "the whole value".to_owned() } else { at.to_owned() }),
    }
}

#[test]
fn the_documents_examples_decode_and_encode_back() {
    let corpus = corpus();
    let mut checker = Checker { corpus: &corpus, outcomes: BTreeMap::new() };
    openai::__models(&mut checker);
    let mut passed = 0;
    let mut failures = String::new();
    for (i, (example, ty)) in corpus.iter().enumerate() {
        let kind = if example.kind == Kind::Response { "response" } else { "request body" };
        let outcome = match (ty.as_deref(), checker.outcomes.get(&i)) {
            (_, Some(Ok(()))) => {
                passed += 1;
                continue;
            }
            (_, Some(Err(reason))) => reason.clone(),
            // The document's schema gives no body, its example shows one: the client, as the
            // official SDKs, returns nothing and reads none.
            (Some("none"), None) => "the schema gives the response no body; the example shows one".to_owned(),
            (Some(ty), None) => format!("`{ty}` is not a model type (`json` or a generic)"),
            (None, None) => "the operation has no such type".to_owned(),
        };
        let _ = writeln!(failures, "- `{}` {kind} (`{}`): {outcome}", example.operation, example.pointer);
    }
    let report = format!(
        "{} examples of generated operations: {passed} decode and encode back unchanged, {} do not:\n\n{failures}",
        corpus.len(),
        corpus.len() - passed
    );
    assert!(passed * 2 > corpus.len(), "most examples must pass:\n{report}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("spec"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("openai.examples", report));
}
