//! The three kinds of field: a missing (or misspelled) required or nullable field is an error
//! naming it, `missing_as_null` accepts absence, optional `None` is omitted on encode, nullable
//! `None` encodes as `null`, and fields the spec does not know are accepted and ignored.

use e2e::{
    TestResult, assert_error_names, assert_same_json, decode, decode_error, decode_value, encode, json, names, with,
    without,
};
use openai_run_steps::{
    CursorPage, FileSearch, FileSearchResult, FileSearchResultContent, Function, RunStep, StepDetails, ToolCall,
    ToolCallsStepDetails,
};
use serde_json::{Value, json};

use crate::fixtures::{EMPTY_PAGE, FILE_SEARCH, FUNCTION, MESSAGE_CREATION};

const REQUIRED: [&str; 9] =
    ["id", "object", "created_at", "assistant_id", "thread_id", "run_id", "type", "status", "step_details"];
const NULLABLE: [&str; 6] = ["last_error", "expired_at", "cancelled_at", "failed_at", "completed_at", "usage"];

#[test]
fn missing_required_field_is_an_error_naming_it() {
    let step = json(MESSAGE_CREATION);
    for field in REQUIRED {
        assert_error_names::<RunStep>(&without(&step, "", field), field);
    }
}

#[test]
fn misspelled_required_field_is_an_error_naming_it() {
    let step = json(MESSAGE_CREATION);
    let misspelled = with(&without(&step, "", "run_id"), "", "runid", json!("run_abc123"));
    let message = decode_error::<RunStep>(&misspelled.to_string());
    assert!(names(&message, "run_id"), "the error should name `run_id`, got: {message}");
    assert!(!names(&message, "runid"), "the error should not blame `runid`: {message}");
}

#[test]
fn missing_nullable_field_is_an_error_naming_it() {
    let step = json(MESSAGE_CREATION);
    for field in NULLABLE {
        assert_error_names::<RunStep>(&without(&step, "", field), field);
    }
    let page = json(EMPTY_PAGE);
    assert_error_names::<CursorPage<RunStep>>(&without(&page, "", "first_id"), "first_id");
    assert_error_names::<CursorPage<RunStep>>(&without(&page, "", "last_id"), "last_id");
}

#[test]
fn nested_missing_fields_are_errors_naming_them() {
    // Inside a union member: a known tag with a broken body is an error, not `Unknown`.
    let step = json(FUNCTION);
    let call = "/step_details/tool_calls/0/function";
    assert_error_names::<RunStep>(&without(&step, call, "arguments"), "arguments");
    assert_error_names::<RunStep>(&without(&step, call, "output"), "output");
    let step = json(MESSAGE_CREATION);
    assert_error_names::<RunStep>(&without(&step, "/step_details/message_creation", "message_id"), "message_id");
    assert_error_names::<RunStep>(&without(&step, "/usage", "total_tokens"), "total_tokens");
    let step = json(FILE_SEARCH);
    let result = "/step_details/tool_calls/0/file_search/results/0";
    assert_error_names::<RunStep>(&without(&step, result, "score"), "score");
}

#[test]
fn null_for_a_required_field_is_an_error() {
    let step = json(MESSAGE_CREATION);
    for field in ["run_id", "created_at", "status", "step_details"] {
        let body = with(&step, "", field, Value::Null).to_string();
        assert!(serde_json::from_str::<RunStep>(&body).is_err(), "`{field}: null` was accepted");
    }
}

#[test]
fn metadata_may_be_missing() {
    let step: RunStep = decode_value(&without(&json(MESSAGE_CREATION), "", "metadata"));
    assert_eq!(step.metadata, None);
    assert_eq!(encode(&step)["metadata"], Value::Null, "metadata None encodes as null");
}

#[test]
fn nullable_none_encodes_as_null() -> TestResult {
    let mut step: RunStep = serde_json::from_str(MESSAGE_CREATION)?;
    step.last_error = None;
    step.completed_at = None;
    step.metadata = None;
    step.usage = None;
    let encoded = serde_json::to_value(&step)?;
    let object = encoded.as_object().ok_or("a run step encodes as an object")?;
    for field in NULLABLE.iter().chain(&["metadata"]) {
        assert_eq!(object.get(*field), Some(&Value::Null), "`{field}` should be null");
    }
    let function = Function { name: "f".into(), arguments: "{}".into(), output: None };
    assert_eq!(serde_json::to_value(&function)?["output"], Value::Null);
    Ok(())
}

#[test]
fn optional_none_is_omitted() -> TestResult {
    let search = FileSearch { ranking_options: None, results: None };
    assert_same_json(&serde_json::to_value(&search)?, &json!({}));
    let result = FileSearchResult { file_id: "file-1".into(), file_name: "a.txt".into(), score: 0.5, content: None };
    assert_same_json(
        &serde_json::to_value(&result)?,
        &json!({"file_id": "file-1", "file_name": "a.txt", "score": 0.5}),
    );
    let content = FileSearchResultContent { r#type: None, text: None };
    assert_same_json(&serde_json::to_value(&content)?, &json!({}));
    Ok(())
}

#[test]
fn optional_fields_may_be_missing() {
    let result: FileSearchResult = decode(r#"{"file_id": "f", "file_name": "n", "score": 0.5}"#);
    assert_eq!(result.content, None);
    let content: FileSearchResultContent = decode("{}");
    assert_eq!(content, FileSearchResultContent { r#type: None, text: None });
}

#[test]
fn unknown_fields_are_accepted_and_ignored() {
    let original = json(FUNCTION);
    let mut body = with(&original, "", "new_top_level_field", json!({"nested": [1, 2]}));
    body = with(&body, "/step_details", "summary", json!("two calls"));
    body = with(&body, "/step_details/tool_calls/0", "status", json!("queued"));
    body = with(&body, "/step_details/tool_calls/0/function", "strict", json!(true));
    body = with(&body, "/usage", "cached_tokens", json!(7));
    body = with(&body, "/last_error", "param", Value::Null);
    let step: RunStep = decode_value(&body);
    // The extra fields change nothing: same model as without them, and they are not re-encoded.
    assert_eq!(step, decode::<RunStep>(FUNCTION));
    assert_same_json(&encode(&step), &original);
    let StepDetails::ToolCalls(ToolCallsStepDetails { tool_calls }) = &step.step_details else {
        panic!("expected tool_calls step details, got {:?}", step.step_details);
    };
    assert!(matches!(&tool_calls[0], ToolCall::Function(f) if f.function.name == "get_weather"));
}
