//! JSON -> model -> JSON gives back the original value: full run steps, pages, and bodies with
//! values the spec does not know, which land in the `Unknown` variants and are kept unchanged.

use e2e::{assert_round_trip, assert_same_json, decode, encode, json, with};
use openai_run_steps::{
    CodeInterpreterOutput, CursorPage, CursorPageObject, FileSearchRanker, FileSearchRankingOptions,
    FileSearchResultContentType, LastErrorCode, ListOrder, RunStep, RunStepInclude, RunStepObject, RunStepStatus,
    RunStepType, StepDetails, ToolCall, ToolCallsStepDetails,
};
use serde_json::{Value, json};

use crate::fixtures::{EMPTY_PAGE, KNOWN_RUN_STEPS, UNKNOWN_MEMBERS, UNKNOWN_STEP_DETAILS};

#[test]
fn full_run_steps_round_trip() {
    for (name, body) in KNOWN_RUN_STEPS {
        eprintln!("fixture {name}");
        let _: RunStep = assert_round_trip(body);
    }
}

#[test]
fn a_page_of_every_known_run_step_round_trips() {
    let steps: Vec<Value> = KNOWN_RUN_STEPS.iter().map(|(_, body)| json(body)).collect();
    let page = json!({
        "object": "list",
        "data": steps,
        "first_id": "step_msg001",
        "last_id": "step_fn001",
        "has_more": true,
    });
    let decoded: CursorPage<RunStep> = assert_round_trip(&page.to_string());
    assert_eq!(decoded.data.len(), KNOWN_RUN_STEPS.len());
    assert_eq!(decoded.last_id.as_deref(), Some("step_fn001"));
    assert!(decoded.has_more);
}

#[test]
fn empty_page_with_null_ids_round_trips() {
    let page: CursorPage<RunStep> = assert_round_trip(EMPTY_PAGE);
    assert_eq!(page.object, CursorPageObject::List);
    assert!(page.data.is_empty());
    assert_eq!(page.first_id, None);
    assert_eq!(page.last_id, None);
    assert!(!page.has_more);
}

#[test]
fn unknown_enum_values_and_step_details_round_trip() {
    let step: RunStep = assert_round_trip(UNKNOWN_STEP_DETAILS);
    assert_eq!(step.status, RunStepStatus::Unknown("paused".to_owned()));
    assert_eq!(step.r#type, RunStepType::Unknown("reasoning".to_owned()));
    let error = step.last_error.expect("last_error is present");
    assert_eq!(error.code, LastErrorCode::Unknown("content_filter".to_owned()));
    // The unknown member keeps the whole object, tag and unknown fields included.
    let original = json(UNKNOWN_STEP_DETAILS);
    assert_eq!(step.step_details, StepDetails::Unknown(original["step_details"].clone()));
}

#[test]
fn unknown_tool_call_output_and_ranker_round_trip() {
    let step: RunStep = assert_round_trip(UNKNOWN_MEMBERS);
    let original = json(UNKNOWN_MEMBERS);
    let StepDetails::ToolCalls(ToolCallsStepDetails { tool_calls }) = &step.step_details else {
        panic!("expected tool_calls step details, got {:?}", step.step_details);
    };
    let [ToolCall::Unknown(web), ToolCall::CodeInterpreter(code), ToolCall::FileSearch(search)] = tool_calls.as_slice()
    else {
        panic!("expected an unknown call, a code interpreter call and a file search call, got {tool_calls:?}");
    };
    assert_eq!(web, &original["step_details"]["tool_calls"][0]);
    assert_eq!(web["type"], "web_search");

    let outputs = &code.code_interpreter.outputs;
    assert_eq!(
        outputs[0],
        CodeInterpreterOutput::Unknown(
            original["step_details"]["tool_calls"][1]["code_interpreter"]["outputs"][0].clone()
        )
    );
    assert!(matches!(&outputs[1], CodeInterpreterOutput::Logs(l) if l.logs == "plotted"));

    let options = search.file_search.ranking_options.as_ref().expect("ranking_options");
    assert_eq!(options.ranker, FileSearchRanker::Unknown("semantic_2025_01_01".to_owned()));
    assert_eq!(options.score_threshold, 0.25);
    assert_eq!(search.file_search.results.as_deref(), Some(&[][..]));
}

#[test]
fn unknown_object_constant_round_trips() {
    let body = with(&json(UNKNOWN_STEP_DETAILS), "", "object", json!("thread.run.step.v3"));
    let step: RunStep = assert_round_trip(&body.to_string());
    assert_eq!(step.object, RunStepObject::Unknown("thread.run.step.v3".to_owned()));
}

#[test]
fn unknown_content_type_round_trips() {
    let body = r#"{"file_id": "f", "file_name": "n", "score": 0.5,
                   "content": [{"type": "image", "text": "alt"}]}"#;
    let result: openai_run_steps::FileSearchResult = assert_round_trip(body);
    let content = result.content.expect("content is present");
    assert_eq!(content[0].r#type, Some(FileSearchResultContentType::Unknown("image".to_owned())));
}

#[test]
fn unknown_values_encode_back_unchanged() {
    assert_eq!(encode(&RunStepStatus::Unknown("paused".to_owned())), json!("paused"));
    assert_eq!(encode(&FileSearchRanker::Unknown("x_1".to_owned())), json!("x_1"));
    let raw = json!({"type": "reasoning", "note": [1, 2]});
    assert_same_json(&encode(&StepDetails::Unknown(raw.clone())), &raw);
    let raw = json!({"type": "chart", "chart": null});
    assert_same_json(&encode(&CodeInterpreterOutput::Unknown(raw.clone())), &raw);
}

#[test]
fn known_enum_values_use_their_wire_names() {
    assert_eq!(encode(&RunStepStatus::InProgress), json!("in_progress"));
    assert_eq!(encode(&LastErrorCode::RateLimitExceeded), json!("rate_limit_exceeded"));
    assert_eq!(encode(&FileSearchRanker::Default20240821), json!("default_2024_08_21"));
    assert_eq!(encode(&ListOrder::Desc), json!("desc"));
    assert_eq!(
        encode(&RunStepInclude::FileSearchResultContent),
        json!("step_details.tool_calls[*].file_search.results[*].content")
    );
    let include: RunStepInclude = decode(r#""step_details.tool_calls[*].file_search.results[*].content""#);
    assert_eq!(include, RunStepInclude::FileSearchResultContent);
    let order: ListOrder = decode(r#""asc""#);
    assert_eq!(order, ListOrder::Asc);
}

#[test]
fn constants_default_to_their_value() {
    assert_eq!(RunStepObject::default(), RunStepObject::ThreadRunStep);
    assert_eq!(CursorPageObject::default(), CursorPageObject::List);
    assert_eq!(FileSearchResultContentType::default(), FileSearchResultContentType::Text);
    assert_eq!(encode(&RunStepObject::default()), json!("thread.run.step"));
    assert_eq!(encode(&CursorPageObject::default()), json!("list"));
    assert_eq!(encode(&FileSearchResultContentType::default()), json!("text"));
}

#[test]
fn floats_decode_to_the_nearest_f64_and_encode_back_as_sent() {
    // Found by the round-trip property: without serde_json's `float_roundtrip` these decoded
    // to a neighbour of the nearest f64, so they encoded back as other digits, and an unknown
    // member holding one did not even decode the same twice.
    let result = r#"{"file_id":"f","file_name":"n","score":0.44294610917582483}"#;
    let decoded: openai_run_steps::FileSearchResult = assert_round_trip(result);
    assert_eq!(decoded.score, 0.44294610917582483);
    let unknown = r#"{"type":"chart","points":[-6.025710285538045e+293,-2.5772221425536627e+190]}"#;
    let output: CodeInterpreterOutput = assert_round_trip(unknown);
    assert_eq!(encode(&decode::<CodeInterpreterOutput>(&encode(&output).to_string())), json(unknown));
}

// Found by the `decoders` fuzz target (FUZZING.md): serde_json without its `float_roundtrip`
// feature decodes some numbers to a neighbour of the nearest `f64` (`3.2222222222222222e+41`
// gave 3.2222222222222226e41), so a number in an unknown union member or in a `number` field
// changed on its way back. Each generated crate's manifest enables the feature.

/// The fuzzer's input, minimised (`cargo fuzz tmin`): an unknown step details member.
const FUZZ_FLOAT_IN_UNKNOWN_MEMBER: &str = r#"{"id":"caod02","type":"cinterp","coder":{"inuts":[{"type":"cart","chart":{"kipoits":322222222222222222222222222222222222222222}}]}}"#;

/// Decimal numbers whose nearest `f64` serde_json's fast path misses, or whose shortest
/// encoding it then decodes to another value, and a few ordinary ones.
const TRICKY_NUMBERS: [&str; 7] = [
    "322222222222222222222222222222222222222222",
    "3.2222222222222222e+41",
    "3222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222",
    "3.222222222222222e+105",
    "0.25",
    "1e23",
    "2.2250738585072014e-308",
];

/// Decodes `text` as `T`, encodes it, and decodes that again: the two models must be equal.
fn assert_stable<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let once: T = decode(text);
    let twice: T = decode(&encode(&once).to_string());
    assert_eq!(once, twice, "decode -> encode -> decode changed the value of\n{text}");
    once
}

#[test]
fn numbers_in_unknown_members_survive_the_round_trip() {
    let details: StepDetails = assert_stable(FUZZ_FLOAT_IN_UNKNOWN_MEMBER);
    assert!(matches!(details, StepDetails::Unknown(_)), "{details:?}");
    for number in TRICKY_NUMBERS {
        let body = format!(r#"{{"type": "chart", "chart": {{"points": {number}}}}}"#);
        let output: CodeInterpreterOutput = assert_stable(&body);
        // The value kept is the nearest `f64` to the number sent, as Rust's own parser reads it.
        let CodeInterpreterOutput::Unknown(raw) = output else { panic!("{output:?}") };
        assert_eq!(raw["chart"]["points"].as_f64(), number.parse::<f64>().ok(), "{number}");
    }
}

#[test]
fn number_fields_decode_to_the_nearest_f64_and_survive_the_round_trip() {
    for number in TRICKY_NUMBERS {
        let body = format!(r#"{{"ranker": "auto", "score_threshold": {number}}}"#);
        let options: FileSearchRankingOptions = assert_stable(&body);
        assert_eq!(Some(options.score_threshold), number.parse::<f64>().ok(), "{number}");
    }
}
