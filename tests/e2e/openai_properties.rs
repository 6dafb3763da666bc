//! The testkit's property checks on every model of the `openai` crate (the whole API), run
//! here rather than from a generated `properties.rs`: this crate builds `openai` anyway for
//! the document's examples, and CI then compiles its 1,173 models in debug once, not twice.

const SPEC: &str = "spec/openai.yaml";

#[test]
fn every_openai_model_round_trips_the_values_its_spec_allows() {
    typed_api_testkit::round_trips(SPEC, openai::__models);
}

#[test]
fn near_valid_json_never_panics_an_openai_decoder() {
    typed_api_testkit::near_valid_inputs(SPEC, openai::__models);
}

#[test]
fn arbitrary_input_never_panics_an_openai_decoder() {
    typed_api_testkit::arbitrary_inputs(openai::__models);
}
