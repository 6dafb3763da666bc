//! Property: no input makes a generated decoder panic. Every type of both crates is given
//! arbitrary JSON, near-valid JSON (values its spec allows, then edited), mutated copies of the
//! example bodies in `tests/fixtures/` and arbitrary bytes. A panic fails the case (proptest
//! catches it and shrinks the input); an input that decodes must also round-trip, which is
//! the assertion a decoder that accepts too much would fail.

use proptest::prelude::*;
use proptest::sample::select;

use super::check;
use super::json_text::{ByteEdit, Edit, apply, apply_bytes, byte_edits, edits, json_bytes, shuffled};
use super::spec_values::{Schema, json};
use super::types::{CRATES, Entry, all};
use crate::fixtures::*;

/// Cases of the tests that give each input to every type (41 decodes a case).
const CASES_EVERY_TYPE: u32 = 512;
/// Cases per type of the near-valid test.
const CASES_PER_TYPE: u32 = 256;

/// Every JSON body under `tests/fixtures/`: OpenAI's examples and the hand-built ones.
const FIXTURES: [&str; 13] = [
    OFFICIAL_LIST_RUN_STEPS,
    OFFICIAL_GET_RUN_STEP,
    OFFICIAL_RUN_STEP_OBJECT,
    MESSAGE_CREATION,
    CODE_INTERPRETER,
    FILE_SEARCH,
    FUNCTION,
    UNKNOWN_STEP_DETAILS,
    UNKNOWN_MEMBERS,
    EMPTY_PAGE,
    BOOK_ON_SHELF,
    BOOK_ON_LOAN,
    BOOKS_PAGE,
];

/// Gives `input` to the decoder of every type.
fn decode_as_every_type(input: &[u8]) -> Result<(), TestCaseError> {
    all().try_for_each(|entry: &Entry| {
        (entry.decode_any)(input).map_err(|e| TestCaseError::fail(format!("as {}: {e}", entry.ty)))
    })
}

#[test]
fn arbitrary_json_never_panics_a_decoder() {
    check("arbitrary JSON", CASES_EVERY_TYPE, (json(4), any::<u64>()), |(value, order)| {
        decode_as_every_type(shuffled(&value, order).as_bytes())
    });
}

#[test]
fn near_valid_json_never_panics_its_decoder() {
    for (spec, entries) in CRATES {
        let schema = Schema::load(spec);
        for entry in entries {
            let cases = (schema.samples(&entry.ir_type()), edits(), any::<u64>());
            check(&format!("{spec}: near-valid {}", entry.ty), CASES_PER_TYPE, cases, |(sample, edits, order)| {
                let mut value = sample.input;
                apply(&mut value, &edits);
                (entry.decode_any)(shuffled(&value, order).as_bytes())
            });
        }
    }
}

/// A fixture with its JSON edited or its bytes mutated.
#[derive(Debug, Clone)]
enum Mutated {
    Json { fixture: &'static str, edits: Vec<Edit>, order: u64 },
    Bytes { fixture: &'static str, edits: Vec<ByteEdit> },
}

impl Mutated {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Mutated::Json { fixture, edits, order } => {
                let mut value = e2e::json(fixture);
                apply(&mut value, edits);
                shuffled(&value, *order).into_bytes()
            }
            Mutated::Bytes { fixture, edits } => {
                let mut bytes = fixture.as_bytes().to_vec();
                apply_bytes(&mut bytes, edits);
                bytes
            }
        }
    }
}

#[test]
fn mutated_fixtures_never_panic_a_decoder() {
    let fixtures = select(FIXTURES.to_vec());
    let mutated = prop_oneof![
        (fixtures.clone(), edits(), any::<u64>()).prop_map(|(fixture, edits, order)| Mutated::Json {
            fixture,
            edits,
            order
        }),
        (fixtures, byte_edits()).prop_map(|(fixture, edits)| Mutated::Bytes { fixture, edits }),
    ];
    check("mutated fixtures", CASES_EVERY_TYPE, mutated, |mutated| decode_as_every_type(&mutated.bytes()));
}

#[test]
fn arbitrary_bytes_never_panic_a_decoder() {
    let bytes = prop_oneof![json_bytes(48), proptest::collection::vec(any::<u8>(), 0..48)];
    check("arbitrary bytes", CASES_EVERY_TYPE, bytes, |bytes| decode_as_every_type(&bytes));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Beyond what random cases reach, and what a property could not report: a stack overflow
    // aborts the test binary. serde_json stops at 128 levels; values held before a union's tag
    // (and replayed into the member) must stay within that. Below it, an unknown member holding
    // the nested value decodes, and must round-trip.
    let array = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let object = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    for depth in [100, 127, 128, 129, 10_000] {
        let inputs = [
            array(depth),
            object(depth),
            format!("{{\"id\":{},\"type\":\"x\"}}", array(depth)),
            format!("{{\"type\":\"x\",\"id\":{}}}", object(depth)),
            format!("{{\"status\":\"x\",\"id\":{}}}", array(depth)),
            "[".repeat(depth),
        ];
        for input in inputs {
            if let Err(e) = decode_as_every_type(input.as_bytes()) {
                panic!("depth {depth}: {e}");
            }
        }
    }
    // Held before the tag at 100 levels: within the limit, so the unknown member keeps it.
    let held = format!("{{\"id\":{},\"type\":\"x\"}}", array(100));
    let decoded = serde_json::from_str::<openai_run_steps::StepDetails>(&held);
    assert!(matches!(decoded, Ok(openai_run_steps::StepDetails::Unknown(_))), "{decoded:?}");
}
