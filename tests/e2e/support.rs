//! Helpers shared by the end-to-end tests (`tests/e2e/main.rs`): decode, re-encode, compare, and
//! read decoding errors, each failing with a message that says what went wrong and where.

use std::any::type_name;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The return type of tests that use `?`: an error fails the test and prints its message.
pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Parses `text` (a fixture or a hand-built body) as plain JSON.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not valid JSON ({e}):\n{text}"))
}

/// Decodes `text` as `T`, straight from the text as a client does; panics with the error.
pub fn decode<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("decoding as {} failed: {e}\n{text}", type_name::<T>()))
}

/// Decodes the JSON value `value` (serialised to text first) as `T`; panics with the error.
pub fn decode_value<T: DeserializeOwned>(value: &Value) -> T {
    decode(&value.to_string())
}

/// Encodes `model` to a JSON value; panics with the error.
pub fn encode<T: Serialize>(model: &T) -> Value {
    serde_json::to_value(model).unwrap_or_else(|e| panic!("encoding {} failed: {e}", type_name::<T>()))
}

/// Decodes `text` as `T`, encodes the model again and asserts that the result equals the
/// original JSON value (key order aside). Returns the model for further checks.
pub fn assert_round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let original = json(text);
    let model: T = decode(text);
    assert_same_json(&encode(&model), &original);
    model
}

/// Asserts that `actual` equals `expected`, naming the first place (a JSON pointer) where they
/// differ and printing both documents.
pub fn assert_same_json(actual: &Value, expected: &Value) {
    if let Some(difference) = first_difference(actual, expected, String::new()) {
        panic!("JSON differs at {difference}\n--- expected:\n{}\n--- actual:\n{}", pretty(expected), pretty(actual));
    }
}

/// Decodes `text` as `T`, expecting an error; returns the error's message.
pub fn decode_error<T: DeserializeOwned + Debug>(text: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(model) => panic!("expected an error decoding {}, got {model:#?}", type_name::<T>()),
        Err(e) => e.to_string(),
    }
}

/// Asserts that decoding `value` as `T` fails with a message that names `name` (as a whole
/// word: `run_id` does not count as naming `id`).
pub fn assert_error_names<T: DeserializeOwned + Debug>(value: &Value, name: &str) {
    let message = decode_error::<T>(&value.to_string());
    assert!(names(&message, name), "the error should name `{name}`, got: {message}");
}

/// Whether `name` occurs in `message` as a whole word (not inside a longer identifier).
pub fn names(message: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    message.match_indices(name).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Returns a copy of `value` where `key` is removed from the object at the JSON pointer `at`
/// (`""` for the top level). Panics if there is no such object or key.
pub fn without(value: &Value, at: &str, key: &str) -> Value {
    let mut copy = value.clone();
    let removed = object_at(&mut copy, at).remove(key);
    assert!(removed.is_some(), "no `{key}` to remove at `{at}`");
    copy
}

/// Returns a copy of `value` where `key` is set to `new` in the object at the JSON pointer `at`.
pub fn with(value: &Value, at: &str, key: &str, new: Value) -> Value {
    let mut copy = value.clone();
    object_at(&mut copy, at).insert(key.to_owned(), new);
    copy
}

fn object_at<'a>(value: &'a mut Value, at: &str) -> &'a mut serde_json::Map<String, Value> {
    value.pointer_mut(at).and_then(Value::as_object_mut).unwrap_or_else(|| panic!("no JSON object at `{at}`"))
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// The JSON pointer of the first difference between `a` and `b`, with a short explanation.
fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                let here = format!("{at}/{key}");
                match a.get(key) {
                    None => return Some(format!("{here}: missing from the actual JSON")),
                    Some(actual) => {
                        if let Some(d) = first_difference(actual, value, here) {
                            return Some(d);
                        }
                    }
                }
            }
            a.keys().find(|key| !b.contains_key(*key)).map(|key| format!("{at}/{key}: unexpected in the actual JSON"))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| first_difference(x, y, format!("{at}/{i}")))
        }
        _ if a == b => None,
        _ => Some(format!("{}: expected {b}, got {a}", if at.is_empty() { "/" } else { &at })),
    }
}

/// A client sends its own API's operations only: the first compiles, the second (another
/// API's operation handed to the same client) must not.
///
/// ```no_run
/// # #![allow(deprecated)]
/// # fn run(client: openai_run_steps::client::Client) {
/// let _ = client.call(openai_run_steps::GetRunStep::new("thread", "run", "step"));
/// # }
/// ```
///
/// ```compile_fail
/// # #![allow(deprecated)]
/// # fn run(client: openai_run_steps::client::Client) {
/// let _ = client.call(bookshelf::GetBook::new("shelf", "book", "first"));
/// # }
/// ```
#[cfg(doctest)]
pub struct ClientsSendTheirOwnOperations;

/// The README's Rust examples, compiled by `cargo test` as this crate's doctests, so that a
/// change to a public path they use fails the tests rather than going stale.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
