//! OpenAI's official response examples (tests/fixtures/official) decode, with every value checked.

use e2e::{assert_same_json, decode, encode, json, with};
use openai_run_steps::{
    CursorPage, CursorPageObject, MessageCreationStepDetails, RunStep, RunStepObject, RunStepStatus, RunStepType,
    StepDetails, Usage,
};
use serde_json::Value;

use crate::fixtures::{OFFICIAL_GET_RUN_STEP, OFFICIAL_LIST_RUN_STEPS, OFFICIAL_RUN_STEP_OBJECT};

/// The one run step all three official examples show.
fn assert_official_step(step: &RunStep) {
    assert_eq!(step.id, "step_abc123");
    assert_eq!(step.object, RunStepObject::ThreadRunStep);
    assert_eq!(step.created_at, 1699063291);
    assert_eq!(step.run_id, "run_abc123");
    assert_eq!(step.assistant_id, "asst_abc123");
    assert_eq!(step.thread_id, "thread_abc123");
    assert_eq!(step.r#type, RunStepType::MessageCreation);
    assert_eq!(step.status, RunStepStatus::Completed);
    assert_eq!(step.cancelled_at, None);
    assert_eq!(step.completed_at, Some(1699063291));
    assert_eq!(step.expired_at, None);
    assert_eq!(step.failed_at, None);
    assert_eq!(step.last_error, None);
    match &step.step_details {
        StepDetails::MessageCreation(MessageCreationStepDetails { message_creation }) => {
            assert_eq!(message_creation.message_id, "msg_abc123");
        }
        other => panic!("expected message_creation step details, got {other:?}"),
    }
    assert_eq!(step.usage, Some(Usage { prompt_tokens: 123, completion_tokens: 456, total_tokens: 579 }));
    // The examples leave `metadata` out although the schema requires it (`missing_as_null`).
    assert_eq!(step.metadata, None);
}

#[test]
fn list_run_steps_example_decodes() {
    let page: CursorPage<RunStep> = decode(OFFICIAL_LIST_RUN_STEPS);
    assert_eq!(page.object, CursorPageObject::List);
    assert_eq!(page.data.len(), 1);
    assert_official_step(&page.data[0]);
    assert_eq!(page.first_id.as_deref(), Some("step_abc123"));
    // Sic: the official example's last_id is not the ID of its only step.
    assert_eq!(page.last_id.as_deref(), Some("step_abc456"));
    assert!(!page.has_more);
}

#[test]
fn get_run_step_example_decodes() {
    assert_official_step(&decode(OFFICIAL_GET_RUN_STEP));
}

#[test]
fn run_step_object_example_decodes() {
    assert_official_step(&decode(OFFICIAL_RUN_STEP_OBJECT));
}

#[test]
fn get_run_step_example_re_encodes_with_metadata_null() {
    let step: RunStep = decode(OFFICIAL_GET_RUN_STEP);
    // Everything comes back unchanged; the absent `metadata` comes back as `null`.
    let expected = with(&json(OFFICIAL_GET_RUN_STEP), "", "metadata", Value::Null);
    assert_same_json(&encode(&step), &expected);
}

#[test]
fn list_run_steps_example_re_encodes_with_metadata_null() {
    let page: CursorPage<RunStep> = decode(OFFICIAL_LIST_RUN_STEPS);
    let expected = with(&json(OFFICIAL_LIST_RUN_STEPS), "/data/0", "metadata", Value::Null);
    assert_same_json(&encode(&page), &expected);
}

#[test]
fn official_examples_agree() {
    // The list example's only item is the same step as the two single-step examples.
    let page: CursorPage<RunStep> = decode(OFFICIAL_LIST_RUN_STEPS);
    let get: RunStep = decode(OFFICIAL_GET_RUN_STEP);
    let object: RunStep = decode(OFFICIAL_RUN_STEP_OBJECT);
    assert_eq!(page.data, vec![get.clone()]);
    assert_eq!(get, object);
}
