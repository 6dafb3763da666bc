//! Property: every model type decodes every value its spec allows (written with its keys in
//! any order), encodes it to the canonical JSON, and round-trips: decoding that encoding gives
//! an equal model, which encodes the same again. The values come from the spec
//! (`spec_values`): known and unknown enum values, every union member and unknown ones, every
//! presence of every field, constraints respected.

use proptest::prelude::*;

use super::spec_values::{BOOKSHELF, RUN_STEPS, Schema};
use super::types::CRATES;
use super::{check, json_text};

/// Cases per type. A case is one value of the type, which for the bigger types (a page of
/// run steps, a book) is a whole tree of nested values.
const CASES: u32 = 256;

fn round_trips(spec: &'static str) {
    let schema = Schema::load(spec);
    let entries = CRATES.iter().find(|(s, _)| *s == spec).map(|(_, e)| *e).unwrap_or_default();
    assert!(!entries.is_empty(), "{spec}: no types listed");
    for entry in entries {
        let samples = (schema.samples(&entry.ir_type()), any::<u64>());
        check(&format!("{}: {} round trip", schema.spec, entry.ty), CASES, samples, |(sample, order)| {
            let text = json_text::shuffled(&sample.input, order);
            (entry.round_trip)(&text, &sample.canonical)
        });
    }
}

#[test]
fn run_steps_models_round_trip_every_value_the_spec_allows() {
    round_trips(RUN_STEPS);
}

#[test]
fn bookshelf_models_round_trip_every_value_the_spec_allows() {
    round_trips(BOOKSHELF);
}
