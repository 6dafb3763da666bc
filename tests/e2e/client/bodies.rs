//! Response bodies over HTTP: a 2xx body that is not what the spec says is an `Error::Decode`
//! that points at the problem; values the spec does not know decode into the `Unknown`
//! variants and encode back unchanged; a body over the size limit is refused.

use e2e::{assert_same_json, encode, json as parse_json};
use openai_run_steps::client::{DecodeError, Error};
use openai_run_steps::{CursorPage, LastErrorCode, RunStep, RunStepStatus, RunStepType, StepDetails, ToolCall};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

use super::{answer_every_get, builder, client, page, received};
use crate::fixtures::{UNKNOWN_MEMBERS, UNKNOWN_STEP_DETAILS};

/// Serves `response` and lists once, expecting a decode error.
async fn decode_error(response: ResponseTemplate) -> DecodeError {
    let server = MockServer::start().await;
    answer_every_get(&server, response.insert_header("x-request-id", "req_dec")).await;
    let error = client(&server).list_run_steps("t", "r").send().await.err();
    // A 2xx that does not decode is not retried: the same bytes would come back.
    assert_eq!(received(&server).await.len(), 1);
    let Some(Error::Decode(decode)) = error else { panic!("expected Error::Decode, got {error:?}") };
    assert_eq!(decode.status.as_u16(), 200);
    assert_eq!(decode.request_id.as_deref(), Some("req_dec"));
    *decode
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_decode_error_at_the_root() {
    let decode =
        decode_error(ResponseTemplate::new(200).set_body_raw("<html><body>Bad gateway</body></html>", "text/html"))
            .await;
    assert_eq!(decode.path, ".");
    assert!(decode.message.contains("expected value at line 1 column 1"), "{}", decode.message);
    assert!(decode.snippet.starts_with("<html><body>Bad gateway"), "{}", decode.snippet);
    let text = Error::Decode(Box::new(decode)).to_string();
    assert!(text.starts_with("the response body does not match the spec at `.`: expected value"), "{text}");
    assert!(text.contains("(request id req_dec)") && text.contains("; near: <html>"), "{text}");
}

#[tokio::test]
async fn empty_truncated_and_trailing_bodies_are_decode_errors() {
    let decode = decode_error(ResponseTemplate::new(200)).await;
    assert_eq!(decode.path, ".");
    assert!(decode.message.contains("EOF while parsing a value"), "{}", decode.message);
    assert_eq!(decode.snippet, "");

    let full = page(&["step_1"], false).to_string();
    let decode = decode_error(ResponseTemplate::new(200).set_body_string(&full[..full.len() / 2])).await;
    assert!(decode.message.contains("EOF while parsing"), "{}", decode.message);
    assert!(decode.path.starts_with("data[0]"), "{}", decode.path);

    // A whole page and then more text: not one JSON document.
    let decode = decode_error(ResponseTemplate::new(200).set_body_string(format!("{full} {{}}"))).await;
    assert_eq!(decode.path, ".");
    assert!(decode.message.contains("trailing characters"), "{}", decode.message);
    assert!(decode.snippet.ends_with(" {}"), "{}", decode.snippet);
}

#[tokio::test]
async fn a_wrong_type_deep_inside_names_its_json_path() {
    let mut body = page(&["step_1", "step_2", "step_3"], false);
    body["data"][1]["created_at"] = json!("x");
    let decode = decode_error(ResponseTemplate::new(200).set_body_json(&body)).await;
    assert_eq!(decode.path, "data[1].created_at");
    assert!(decode.message.contains("invalid type: string \"x\", expected i64"), "{}", decode.message);
    assert!(decode.snippet.contains("\"created_at\":\"x\""), "{}", decode.snippet);
    let text = Error::Decode(Box::new(decode)).to_string();
    assert!(text.contains("at `data[1].created_at`"), "{text}");
}

#[tokio::test]
async fn a_missing_field_names_the_object_and_the_field() {
    let mut body = page(&["step_1", "step_2"], false);
    body["data"][1].as_object_mut().map(|step| step.remove("status"));
    let decode = decode_error(ResponseTemplate::new(200).set_body_json(&body)).await;
    assert_eq!(decode.path, "data[1]");
    assert!(decode.message.contains("missing field `status`"), "{}", decode.message);
}

#[tokio::test]
async fn a_wrong_type_inside_a_union_member_keeps_its_path_when_the_tag_comes_first() {
    // As the API sends it: `type` before the member's fields. The union decodes the member
    // straight from the input, so the path goes all the way in.
    let body = r#"{"object": "list", "data": [{"id": "step_1", "object": "thread.run.step", "created_at": 1,
        "assistant_id": "asst_1", "thread_id": "t", "run_id": "r", "type": "message_creation",
        "status": "completed", "step_details": {"type": "message_creation", "message_creation": {"message_id": 5}},
        "last_error": null, "expired_at": null, "cancelled_at": null, "failed_at": null,
        "completed_at": 2, "usage": null}], "first_id": "step_1", "last_id": "step_1", "has_more": false}"#;
    let decode = decode_error(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    assert_eq!(decode.path, "data[0].step_details.message_creation.message_id");
    assert!(decode.message.contains("invalid type: integer `5`, expected a string"), "{}", decode.message);
    assert!(decode.snippet.contains(r#""message_id": 5"#), "{}", decode.snippet);
}

#[tokio::test]
async fn a_wrong_type_inside_a_union_member_is_located_at_the_union_when_the_tag_comes_last() {
    let mut body = page(&["step_1"], false);
    body["data"][0]["step_details"]["message_creation"]["message_id"] = json!(5);
    // `set_body_json` writes keys in alphabetical order, so `type` comes after
    // `message_creation`: the union holds the member's fields as a `serde_json::Value` until
    // it knows the member, and an error decoding those held fields reports the union's
    // path (the part inside, `.message_creation.message_id`, is in the message only as a type).
    let decode = decode_error(ResponseTemplate::new(200).set_body_json(&body)).await;
    assert_eq!(decode.path, "data[0].step_details");
    assert!(decode.message.contains("invalid type: integer `5`, expected a string"), "{}", decode.message);
}

#[tokio::test]
async fn unknown_values_decode_into_unknown_variants_and_round_trip() {
    let server = MockServer::start().await;
    let steps = [parse_json(UNKNOWN_STEP_DETAILS), parse_json(UNKNOWN_MEMBERS)];
    let body = json!({"object": "list", "data": steps, "first_id": "step_new001", "last_id": "step_new002", "has_more": false});
    answer_every_get(&server, ResponseTemplate::new(200).set_body_json(&body)).await;

    let listed: CursorPage<RunStep> =
        client(&server).list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("should decode: {e}"));
    let [reasoning, tools] = listed.data.as_slice() else { panic!("two steps expected: {listed:?}") };

    // The first step: unknown type, status, step details and error code.
    assert_eq!(reasoning.r#type, RunStepType::Unknown("reasoning".to_owned()));
    assert_eq!(reasoning.status, RunStepStatus::Unknown("paused".to_owned()));
    let StepDetails::Unknown(raw) = &reasoning.step_details else { panic!("{:?}", reasoning.step_details) };
    assert_eq!(raw, &steps[0]["step_details"]);
    assert_eq!(reasoning.step_details.tag(), Some("reasoning"));
    let code = reasoning.last_error.as_ref().map(|e| &e.code);
    assert_eq!(code, Some(&LastErrorCode::Unknown("content_filter".to_owned())));

    // The second: an unknown tool call beside known ones.
    let StepDetails::ToolCalls(details) = &tools.step_details else { panic!("{:?}", tools.step_details) };
    let tags: Vec<Option<&str>> = details.tool_calls.iter().map(ToolCall::tag).collect();
    assert_eq!(tags, [Some("web_search"), Some("code_interpreter"), Some("file_search")]);
    let ToolCall::Unknown(raw) = &details.tool_calls[0] else { panic!("{:?}", details.tool_calls[0]) };
    assert_eq!(raw, &steps[1]["step_details"]["tool_calls"][0]);
    assert!(matches!(details.tool_calls[1], ToolCall::CodeInterpreter(_)));

    // Encoded again, every step and the whole page are the JSON that was sent.
    for (step, sent) in listed.data.iter().zip(&steps) {
        assert_same_json(&encode(step), sent);
    }
    assert_same_json(&encode(&listed), &body);
    let again: Value = serde_json::from_str(&serde_json::to_string(&listed).unwrap_or_default()).unwrap_or_default();
    assert_same_json(&again, &body);
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let server = MockServer::start().await;
    let body = page(&["step_1", "step_2"], false);
    let size = body.to_string().len();
    answer_every_get(&server, ResponseTemplate::new(200).set_body_json(&body).insert_header("x-request-id", "req_big"))
        .await;

    let small = builder(&server).max_response_bytes(size - 1).build().unwrap_or_else(|e| panic!("{e}"));
    let error = small.list_run_steps("t", "r").send().await.err();
    let Some(Error::BodyTooLarge { limit, status, request_id }) = &error else {
        panic!("expected Error::BodyTooLarge, got {error:?}")
    };
    assert_eq!((*limit, status.as_u16(), request_id.as_deref()), (size - 1, 200, Some("req_big")));
    assert_eq!(error.as_ref().and_then(Error::status).map(|s| s.as_u16()), Some(200));
    let text = error.as_ref().map(ToString::to_string).unwrap_or_default();
    assert_eq!(text, format!("the response body is larger than the limit of {} bytes (request id req_big)", size - 1));
    // Too large is not retried: it would be as large again.
    assert_eq!(received(&server).await.len(), 1);

    // Exactly at the limit is fine.
    let exact = builder(&server).max_response_bytes(size).build().unwrap_or_else(|e| panic!("{e}"));
    let listed = exact.list_run_steps("t", "r").send().await;
    assert!(listed.is_ok(), "{listed:?}");
}

#[tokio::test]
async fn a_huge_wrong_value_does_not_make_a_huge_error() {
    // serde_json quotes the offending value in its message: a megabyte string where a number
    // belongs must not become a megabyte error message.
    let mut body = page(&["step_1"], false);
    body["data"][0]["created_at"] = json!("C".repeat(1 << 20));
    let decode = decode_error(ResponseTemplate::new(200).set_body_json(&body)).await;
    assert_eq!(decode.path, "data[0].created_at");
    assert!(decode.message.starts_with("invalid type: string \"CCCC"), "{}", &decode.message[..40]);
    assert!(decode.message.chars().count() <= 1025 && decode.message.ends_with('…'), "{}", decode.message.len());
    assert!(decode.snippet.len() <= 160 && !decode.snippet.contains('\n'), "{:?}", decode.snippet);
}
