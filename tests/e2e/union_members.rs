//! Every union member decodes to its own variant with its values: step details (message
//! creation, tool calls), tool calls (code interpreter, file search, function) and code
//! interpreter outputs (logs, image); encoding a member puts its tag back.

use e2e::{assert_same_json, decode, encode, json};
use openai_run_steps::{
    CodeInterpreter, CodeInterpreterImage, CodeInterpreterImageFile, CodeInterpreterLogs, CodeInterpreterOutput,
    CodeInterpreterToolCall, FileSearch, FileSearchRanker, FileSearchRankingOptions, FileSearchResult,
    FileSearchResultContent, FileSearchResultContentType, FileSearchToolCall, Function, FunctionToolCall, LastError,
    LastErrorCode, MessageCreation, MessageCreationStepDetails, RunStep, RunStepStatus, RunStepType, StepDetails,
    ToolCall, ToolCallsStepDetails,
};

use crate::fixtures::{CODE_INTERPRETER, FILE_SEARCH, FUNCTION, MESSAGE_CREATION};

/// The tool calls of a `tool_calls` step; panics on any other step details.
fn tool_calls(step: &RunStep) -> &[ToolCall] {
    match &step.step_details {
        StepDetails::ToolCalls(ToolCallsStepDetails { tool_calls }) => tool_calls,
        other => panic!("expected tool_calls step details, got {other:?}"),
    }
}

#[test]
fn message_creation_step() {
    let step: RunStep = decode(MESSAGE_CREATION);
    assert_eq!(step.r#type, RunStepType::MessageCreation);
    assert_eq!(
        step.step_details,
        StepDetails::MessageCreation(MessageCreationStepDetails {
            message_creation: MessageCreation { message_id: "msg_001".to_owned() },
        })
    );
    let metadata = step.metadata.expect("metadata is present");
    assert_eq!(metadata.get("user").map(String::as_str), Some("u_42"));
    assert_eq!(metadata.len(), 2);
}

#[test]
fn code_interpreter_call_with_logs_and_image() {
    let step: RunStep = decode(CODE_INTERPRETER);
    assert_eq!(step.r#type, RunStepType::ToolCalls);
    assert_eq!(step.status, RunStepStatus::InProgress);
    assert_eq!(step.usage, None);
    assert_eq!(step.metadata, Some(Default::default()));
    let [ToolCall::CodeInterpreter(call)] = tool_calls(&step) else {
        panic!("expected one code_interpreter call, got {:?}", tool_calls(&step));
    };
    assert_eq!(call.id, "call_code001");
    assert!(call.code_interpreter.input.starts_with("import matplotlib.pyplot as plt\n"));
    assert_eq!(
        call.code_interpreter.outputs,
        vec![
            CodeInterpreterOutput::Logs(CodeInterpreterLogs { logs: "6\n".to_owned() }),
            CodeInterpreterOutput::Image(CodeInterpreterImage {
                image: CodeInterpreterImageFile { file_id: "file-img001".to_owned() },
            }),
        ]
    );
}

#[test]
fn file_search_call_with_ranking_options_and_results() {
    let step: RunStep = decode(FILE_SEARCH);
    let [ToolCall::FileSearch(full), ToolCall::FileSearch(empty)] = tool_calls(&step) else {
        panic!("expected two file_search calls, got {:?}", tool_calls(&step));
    };
    assert_eq!(full.id, "call_fs001");
    assert_eq!(
        full.file_search.ranking_options,
        Some(FileSearchRankingOptions { ranker: FileSearchRanker::Default20240821, score_threshold: 0.5 })
    );
    let results = full.file_search.results.as_deref().expect("results are present");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].file_id, "file-doc001");
    assert_eq!(results[0].file_name, "handbook.pdf");
    assert_eq!(results[0].score, 0.87);
    assert_eq!(
        results[0].content,
        Some(vec![
            FileSearchResultContent {
                r#type: Some(FileSearchResultContentType::Text),
                text: Some("Employees accrue 25 days of leave per year.".to_owned()),
            },
            // `type` is optional upstream: this item leaves it out.
            FileSearchResultContent { r#type: None, text: Some("Leave requests go to your manager.".to_owned()) },
        ])
    );
    assert_eq!(
        results[1],
        FileSearchResult {
            file_id: "file-doc002".to_owned(),
            file_name: "faq.md".to_owned(),
            score: 0.625,
            content: None,
        }
    );
    // "For now, this is always going to be an empty object."
    assert_eq!(empty.id, "call_fs002");
    assert_eq!(empty.file_search, FileSearch { ranking_options: None, results: None });
}

#[test]
fn function_calls_with_output_null_and_string() {
    let step: RunStep = decode(FUNCTION);
    assert_eq!(step.status, RunStepStatus::Failed);
    assert_eq!(step.failed_at, Some(1717172003));
    assert_eq!(
        step.last_error,
        Some(LastError {
            code: LastErrorCode::RateLimitExceeded,
            message: "Rate limit reached for requests.".to_owned(),
        })
    );
    let [ToolCall::Function(pending), ToolCall::Function(done)] = tool_calls(&step) else {
        panic!("expected two function calls, got {:?}", tool_calls(&step));
    };
    assert_eq!(pending.id, "call_fn001");
    assert_eq!(pending.function.name, "get_weather");
    assert_eq!(pending.function.arguments, r#"{"city":"Lisbon","unit":"celsius"}"#);
    assert_eq!(pending.function.output, None);
    assert_eq!(done.id, "call_fn002");
    assert_eq!(done.function.output.as_deref(), Some("2024-05-31T16:00:00Z"));
}

#[test]
fn each_tool_call_type_decodes_on_its_own() {
    let code: ToolCall = decode(
        r#"{"id": "c1", "type": "code_interpreter",
            "code_interpreter": {"input": "1 + 1", "outputs": []}}"#,
    );
    assert!(matches!(&code, ToolCall::CodeInterpreter(c) if c.id == "c1" && c.code_interpreter.input == "1 + 1"));
    let search: ToolCall = decode(r#"{"id": "f1", "type": "file_search", "file_search": {}}"#);
    assert!(matches!(&search, ToolCall::FileSearch(f) if f.id == "f1"));
    let function: ToolCall = decode(
        r#"{"id": "x1", "type": "function",
            "function": {"name": "f", "arguments": "{}", "output": "ok"}}"#,
    );
    assert!(matches!(&function, ToolCall::Function(f) if f.function.output.as_deref() == Some("ok")));
}

#[test]
fn each_code_interpreter_output_decodes_on_its_own() {
    let logs: CodeInterpreterOutput = decode(r#"{"type": "logs", "logs": "hello"}"#);
    assert_eq!(logs, CodeInterpreterOutput::Logs(CodeInterpreterLogs { logs: "hello".to_owned() }));
    let image: CodeInterpreterOutput = decode(r#"{"image": {"file_id": "file-1"}, "type": "image"}"#);
    assert_eq!(
        image,
        CodeInterpreterOutput::Image(CodeInterpreterImage {
            image: CodeInterpreterImageFile { file_id: "file-1".to_owned() },
        })
    );
}

#[test]
fn the_tag_may_come_last() {
    // Members are selected by the tag wherever it appears in the object.
    let details: StepDetails = decode(r#"{"message_creation": {"message_id": "msg_9"}, "type": "message_creation"}"#);
    assert!(matches!(&details, StepDetails::MessageCreation(d) if d.message_creation.message_id == "msg_9"));
}

#[test]
fn encoding_a_member_writes_its_tag() {
    let call = ToolCall::Function(FunctionToolCall {
        id: "call_1".to_owned(),
        function: Function { name: "f".to_owned(), arguments: "{}".to_owned(), output: None },
    });
    assert_same_json(
        &encode(&call),
        &json(
            r#"{"id": "call_1", "type": "function",
                  "function": {"name": "f", "arguments": "{}", "output": null}}"#,
        ),
    );
    let call = ToolCall::CodeInterpreter(CodeInterpreterToolCall {
        id: "call_2".to_owned(),
        code_interpreter: CodeInterpreter {
            input: "x".to_owned(),
            outputs: vec![CodeInterpreterOutput::Logs(CodeInterpreterLogs { logs: "y".to_owned() })],
        },
    });
    assert_same_json(
        &encode(&call),
        &json(
            r#"{"id": "call_2", "type": "code_interpreter", "code_interpreter":
                  {"input": "x", "outputs": [{"type": "logs", "logs": "y"}]}}"#,
        ),
    );
    let call = ToolCall::FileSearch(FileSearchToolCall {
        id: "call_3".to_owned(),
        file_search: FileSearch { ranking_options: None, results: Some(vec![]) },
    });
    assert_same_json(
        &encode(&call),
        &json(r#"{"id": "call_3", "type": "file_search", "file_search": {"results": []}}"#),
    );
    let details = StepDetails::ToolCalls(ToolCallsStepDetails { tool_calls: vec![] });
    assert_same_json(&encode(&details), &json(r#"{"type": "tool_calls", "tool_calls": []}"#));
}
