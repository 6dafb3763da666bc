//! Every generated model on arbitrary bytes. Each input is decoded into every type of
//! `openai-run-steps` and `bookshelf`; for each type:
//! - decoding from a slice (borrowed strings) and from a reader (owned strings) agree;
//! - a decoded value encodes, and decodes back equal (the round trip);
//! - when the bytes are a `serde_json::Value`, decoding the type from that value agrees;
//! - the client's decoder (`serde_path_to_error` around the slice decoder, then the
//!   end-of-input check) agrees.
//!
//! The types come from each crate's generated `__models` list.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use typed_api_runtime::__private::ModelVisitor;

use bookshelf as bs;
use openai_run_steps as rs;

/// What a type must be for the checks: every generated model is all of these.
trait Model: DeserializeOwned + Serialize + PartialEq + Debug {}
impl<T: DeserializeOwned + Serialize + PartialEq + Debug> Model for T {}

fn check<T: Model>(data: &[u8], value: Option<&Value>) -> Option<T> {
    let name = std::any::type_name::<T>();
    let decoded = serde_json::from_slice::<T>(data);
    let read = serde_json::from_reader::<_, T>(data);
    let decoded = match (decoded, read) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{name}: from_slice and from_reader decode differently");
            a
        }
        (Err(_), Err(_)) => return None,
        (a, b) => panic!("{name}: from_slice gives {a:?}, from_reader gives {b:?}"),
    };

    let encoded = serde_json::to_vec(&decoded).unwrap_or_else(|e| panic!("{name}: {decoded:?} does not encode: {e}"));
    let again = serde_json::from_slice::<T>(&encoded).unwrap_or_else(|e| {
        panic!("{name}: the encoding of {decoded:?} does not decode: {e}\n{}", String::from_utf8_lossy(&encoded))
    });
    assert_eq!(
        decoded,
        again,
        "{name}: decode → encode → decode changed the value\n{}",
        String::from_utf8_lossy(&encoded)
    );

    // A `Value` does not keep duplicate keys and rejects numbers out of range that a model
    // skips over unread, so only "the Value decodes" implies "the model decodes from it".
    if let Some(value) = value {
        match T::deserialize(value) {
            Ok(from_value) => assert_eq!(decoded, from_value, "{name}: decoding from a Value differs"),
            Err(e) => panic!("{name}: decodes from the bytes, not from their Value: {e}\n{value}"),
        }
    }
    Some(decoded)
}

/// The client's own decoder (`runtime/src/client/call.rs`): the same result as
/// `from_slice`, which also rejects text after the value.
fn check_response<T: Model>(data: &[u8], value: Option<&Value>) {
    let name = std::any::type_name::<T>();
    let decoded = check::<T>(data, value);
    let mut json = serde_json::Deserializer::from_slice(data);
    let client = serde_path_to_error::deserialize::<_, T>(&mut json).ok().filter(|_| json.end().is_ok());
    assert_eq!(decoded, client, "{name}: the client's decoder differs from from_slice");
}

/// Runs the checks on each model type a crate's `__models` hands over.
struct Checks<'a> {
    data: &'a [u8],
    value: Option<&'a Value>,
}

impl ModelVisitor for Checks<'_> {
    fn visit<T>(&mut self, _name: &'static str)
    where
        T: DeserializeOwned + Serialize + PartialEq + Debug + 'static,
    {
        check_response::<T>(self.data, self.value);
    }
}

fuzz_target!(|data: &[u8]| {
    // The depth limit of serde_json keeps this from overflowing the stack.
    let value = serde_json::from_slice::<Value>(data).ok();
    // Every model of both crates, from their generated lists: a type added to a spec is
    // fuzzed without an edit here.
    let mut checks = Checks { data, value: value.as_ref() };
    rs::__models(&mut checks);
    bs::__models(&mut checks);
});
