//! Every generated model on arbitrary bytes. Each input is decoded into every type of
//! `openai-run-steps` and `bookshelf`; for each type:
//! - decoding from a slice (borrowed strings) and from a reader (owned strings) agree;
//! - a decoded value encodes, and decodes back equal (the round trip);
//! - when the bytes are a `serde_json::Value`, decoding the type from that value agrees;
//! - for the operations' response types, the client's decoder (`serde_path_to_error`
//!   around the slice decoder, then the end-of-input check) agrees.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

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

fuzz_target!(|data: &[u8]| {
    // The depth limit of serde_json keeps this from overflowing the stack.
    let value = serde_json::from_slice::<Value>(data).ok();
    let value = value.as_ref();

    // openai-run-steps: the operations' responses first, then every other model type.
    check_response::<rs::CursorPage<rs::RunStep>>(data, value);
    check_response::<rs::RunStep>(data, value);
    check::<rs::RunStepObject>(data, value);
    check::<rs::CursorPageObject>(data, value);
    check::<rs::RunStepType>(data, value);
    check::<rs::RunStepStatus>(data, value);
    check::<rs::StepDetails>(data, value);
    check::<rs::MessageCreationStepDetails>(data, value);
    check::<rs::MessageCreation>(data, value);
    check::<rs::ToolCallsStepDetails>(data, value);
    check::<rs::ToolCall>(data, value);
    check::<rs::CodeInterpreterToolCall>(data, value);
    check::<rs::CodeInterpreter>(data, value);
    check::<rs::CodeInterpreterOutput>(data, value);
    check::<rs::CodeInterpreterLogs>(data, value);
    check::<rs::CodeInterpreterImage>(data, value);
    check::<rs::CodeInterpreterImageFile>(data, value);
    check::<rs::FileSearchToolCall>(data, value);
    check::<rs::FileSearch>(data, value);
    check::<rs::FileSearchRankingOptions>(data, value);
    check::<rs::FileSearchRanker>(data, value);
    check::<rs::FileSearchResult>(data, value);
    check::<rs::FileSearchResultContent>(data, value);
    check::<rs::FileSearchResultContentType>(data, value);
    check::<rs::FunctionToolCall>(data, value);
    check::<rs::Function>(data, value);
    check::<rs::LastError>(data, value);
    check::<rs::LastErrorCode>(data, value);
    check::<rs::Usage>(data, value);
    check::<rs::Metadata>(data, value);
    check::<rs::ListOrder>(data, value);
    check::<rs::RunStepInclude>(data, value);

    // bookshelf: a second spec's output, with its own page type and union.
    check_response::<bs::Page<bs::Book>>(data, value);
    check_response::<bs::Book>(data, value);
    check::<bs::BookObject>(data, value);
    check::<bs::Availability>(data, value);
    check::<bs::OnLoan>(data, value);
    check::<bs::OnShelf>(data, value);
    check::<bs::BookFormat>(data, value);
    #[allow(deprecated)] // still decoded: responses may carry it
    check::<bs::ShelfLocation>(data, value);
    check::<bs::Labels>(data, value);
});
