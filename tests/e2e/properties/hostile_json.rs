//! Property: no mutated example body makes a generated decoder panic. Every type of both
//! crates is given mutated copies of the example bodies in `tests/fixtures/` (edited as JSON,
//! or as bytes). A panic fails the case (proptest catches it and shrinks the input); an input
//! that decodes must also round-trip, which is the assertion a decoder that accepts too much
//! would fail. (Arbitrary and near-valid inputs are each crate's own property tests.)

use proptest::prelude::*;
use proptest::sample::select;
use typed_api_testkit::check;
use typed_api_testkit::json_text::{ByteEdit, Edit, apply, apply_bytes, byte_edits, edits, shuffled};

use super::every_model;
use crate::fixtures::*;

/// Cases of the test that gives each input to every type (41 decodes a case).
const CASES_EVERY_TYPE: u32 = 512;

/// Every JSON body under `tests/fixtures/`: OpenAI's examples and the hand-built ones.
const FIXTURES: [&str; 15] = [
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
    MAGAZINE,
    LIBRARY_EVENTS,
];

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
    let models = every_model();
    check("mutated fixtures", CASES_EVERY_TYPE, mutated, |mutated| models.decode_as_every_type(&mutated.bytes()));
}

/// Held before a union's tag at 100 levels, within serde_json's limit, a value stays in the
/// unknown member that keeps it (every crate's own tests check deeper nesting is an error).
#[test]
fn a_deep_value_held_before_the_tag_stays_in_the_unknown_member() {
    let held = format!("{{\"id\":{}{},\"type\":\"x\"}}", "[".repeat(100), "]".repeat(100));
    let decoded = serde_json::from_str::<openai_run_steps::StepDetails>(&held);
    assert!(matches!(decoded, Ok(openai_run_steps::StepDetails::Unknown(_))), "{decoded:?}");
}
