//! The tag-scan union decoders (`__private::union` in runtime/src/__private/decode.rs) against a straightforward
//! decode, in every key order: tag first, in the middle and last; unknown tags; unions nested in
//! unions; duplicated keys; tags that are not strings; and inputs that are no object.
//!
//! The straightforward decode (`reference_*` below) reads the object twice: once for the tag
//! alone (a derived one-field struct, which also rejects a duplicated tag), then again as the
//! member struct, decoded by serde's derive straight from the text, or as a `serde_json::Value`
//! when the tag is unknown. The fast decoder must give the same value, or the same error
//! message (position aside: it reports where the input was when the error was found).

use openai_run_steps::{
    CodeInterpreterImage, CodeInterpreterLogs, CodeInterpreterOutput, CodeInterpreterToolCall, CursorPage,
    FileSearchToolCall, FunctionToolCall, MessageCreationStepDetails, RunStep, StepDetails, ToolCall,
    ToolCallsStepDetails,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use e2e::{assert_same_json, decode, encode, json};

use crate::fixtures::{
    CODE_INTERPRETER, FILE_SEARCH, FUNCTION, MESSAGE_CREATION, OFFICIAL_GET_RUN_STEP, OFFICIAL_LIST_RUN_STEPS,
    UNKNOWN_MEMBERS, UNKNOWN_STEP_DETAILS,
};

type Entries = Vec<(&'static str, String)>;

/// An object's text from its entries, in the order given (keys are written as they are).
fn object(entries: &[(&str, String)]) -> String {
    let body: Vec<String> = entries.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{{}}}", body.join(","))
}

/// Every order of `entries`.
fn permutations(entries: &[(&'static str, String)]) -> Vec<Entries> {
    if entries.len() <= 1 {
        return vec![entries.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..entries.len() {
        let mut rest = entries.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            out.push(tail);
        }
    }
    out
}

/// `entries` with the entry whose key is `key` moved to `at` (0 = first, `usize::MAX` = last).
fn with_key_at(entries: &[(&'static str, String)], key: &str, at: usize) -> Entries {
    let mut out = entries.to_vec();
    let from = out.iter().position(|(k, _)| *k == key).unwrap_or_else(|| panic!("no `{key}` in {entries:?}"));
    let entry = out.remove(from);
    out.insert(at.min(out.len()), entry);
    out
}

fn s(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// The union's tag as the straightforward decode reads it.
fn tag_of(text: &str) -> Result<String, String> {
    #[derive(Deserialize)]
    struct Tag {
        r#type: Value,
    }
    let tag = serde_json::from_str::<Tag>(text).map_err(|e| e.to_string())?.r#type;
    let found = match tag {
        Value::String(tag) => return Ok(tag),
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Err(format!("the `type` field must be a string, found {found}"))
}

fn member<T: DeserializeOwned, U>(text: &str, variant: fn(T) -> U) -> Result<U, String> {
    serde_json::from_str(text).map(variant).map_err(|e| e.to_string())
}

fn reference_tool_call(text: &str) -> Result<ToolCall, String> {
    match tag_of(text)?.as_str() {
        "code_interpreter" => member(text, ToolCall::CodeInterpreter),
        "file_search" => member(text, ToolCall::FileSearch),
        "function" => member(text, ToolCall::Function),
        _ => member(text, ToolCall::Unknown),
    }
}

fn reference_step_details(text: &str) -> Result<StepDetails, String> {
    match tag_of(text)?.as_str() {
        "message_creation" => member(text, StepDetails::MessageCreation),
        "tool_calls" => member(text, StepDetails::ToolCalls),
        _ => member(text, StepDetails::Unknown),
    }
}

fn reference_output(text: &str) -> Result<CodeInterpreterOutput, String> {
    match tag_of(text)?.as_str() {
        "logs" => member(text, CodeInterpreterOutput::Logs),
        "image" => member(text, CodeInterpreterOutput::Image),
        _ => member(text, CodeInterpreterOutput::Unknown),
    }
}

fn fast<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// An error message without serde_json's " at line L column C".
fn without_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(head, _)| head)
}

/// The fast decode of `text` equals the reference's value, or fails with the same message.
fn assert_same_outcome<T: PartialEq + std::fmt::Debug>(
    fast: Result<T, String>,
    reference: Result<T, String>,
    text: &str,
) {
    match (&fast, &reference) {
        (Ok(fast), Ok(reference)) => assert_eq!(fast, reference, "different values for {text}"),
        (Err(fast), Err(reference)) => {
            assert_eq!(without_position(fast), without_position(reference), "different errors for {text}")
        }
        _ => panic!("for {text}\nfast decode:      {fast:?}\nreference decode: {reference:?}"),
    }
}

fn check_tool_call(text: &str) -> Result<ToolCall, String> {
    let result = fast::<ToolCall>(text);
    assert_same_outcome(result.clone(), reference_tool_call(text), text);
    result
}

fn check_step_details(text: &str) -> Result<StepDetails, String> {
    let result = fast::<StepDetails>(text);
    assert_same_outcome(result.clone(), reference_step_details(text), text);
    result
}

fn check_output(text: &str) -> Result<CodeInterpreterOutput, String> {
    let result = fast::<CodeInterpreterOutput>(text);
    assert_same_outcome(result.clone(), reference_output(text), text);
    result
}

/// A field no member knows, holding every kind of JSON value, so that held entries of each
/// kind are replayed (and ignored) wherever the field stands.
fn extra() -> (&'static str, String) {
    ("x_extra", r#"{"nested":[1,-2,3.5,true,null,"s\n",{"k":[]}],"more":{}}"#.to_owned())
}

fn code_interpreter_call() -> Entries {
    vec![
        ("id", s("call_ci")),
        ("type", s("code_interpreter")),
        (
            "code_interpreter",
            r#"{"input":"print(6)\n","outputs":[{"type":"logs","logs":"6\n"},{"image":{"file_id":"file-1"},"type":"image"}]}"#
                .to_owned(),
        ),
    ]
}

fn file_search_call() -> Entries {
    vec![
        ("id", s("call_fs")),
        ("type", s("file_search")),
        (
            "file_search",
            r#"{"ranking_options":{"ranker":"default_2024_08_21","score_threshold":0.5},"results":[{"file_id":"f","file_name":"a.pdf","score":0.87,"content":[{"type":"text","text":"x"}]}]}"#
                .to_owned(),
        ),
    ]
}

fn function_call() -> Entries {
    vec![
        ("id", s("call_fn")),
        ("type", s("function")),
        ("function", r#"{"name":"get_weather","arguments":"{\"city\":\"Lisbon\"}","output":null}"#.to_owned()),
    ]
}

fn unknown_call() -> Entries {
    vec![
        ("id", s("call_web")),
        ("type", s("web_browser")),
        ("web_browser", r#"{"url":"https://example.com","pages":[1,2.5,-3],"ok":true,"none":null}"#.to_owned()),
    ]
}

fn tool_call_members() -> [Entries; 4] {
    [code_interpreter_call(), file_search_call(), function_call(), unknown_call()]
}

#[test]
fn every_key_order_of_every_tool_call_member() {
    for mut entries in tool_call_members() {
        entries.push(extra());
        let expected = check_tool_call(&object(&entries));
        assert!(expected.is_ok(), "{expected:?}");
        let orders = permutations(&entries);
        assert_eq!(orders.len(), 24);
        for order in orders {
            let text = object(&order);
            // Same as the reference, and the same whatever the order.
            assert_eq!(check_tool_call(&text), expected, "{text}");
        }
    }
}

#[test]
fn every_key_order_of_every_output_and_step_details_member() {
    let outputs = [
        vec![("type", s("logs")), ("logs", s("line 1\nline \"2\""))],
        vec![("type", s("image")), ("image", r#"{"file_id":"file-img"}"#.to_owned())],
        vec![("type", s("video")), ("video", r#"{"file_id":"file-vid","seconds":3}"#.to_owned())],
    ];
    for mut entries in outputs {
        entries.push(extra());
        let expected = check_output(&object(&entries));
        assert!(expected.is_ok(), "{expected:?}");
        for order in permutations(&entries) {
            assert_eq!(check_output(&object(&order)), expected);
        }
    }
    let details = [
        vec![("type", s("message_creation")), ("message_creation", r#"{"message_id":"msg_1"}"#.to_owned())],
        vec![("type", s("tool_calls")), ("tool_calls", format!("[{}]", object(&function_call())))],
        vec![("type", s("annotation")), ("annotation", r#"{"text":"t"}"#.to_owned())],
    ];
    for mut entries in details {
        entries.push(extra());
        let expected = check_step_details(&object(&entries));
        assert!(expected.is_ok(), "{expected:?}");
        for order in permutations(&entries) {
            assert_eq!(check_step_details(&object(&order)), expected);
        }
    }
}

#[test]
fn unions_nested_in_unions_decode_alike_in_every_tag_position() {
    let output = |tag_first: bool| {
        let entries = vec![("type", s("logs")), ("logs", s("6\n"))];
        object(&with_key_at(&entries, "type", if tag_first { 0 } else { usize::MAX }))
    };
    let mut expected = None;
    let mut documents = 0;
    for call_order in
        permutations(&[("id", s("call_ci")), ("type", s("code_interpreter")), ("code_interpreter", String::new())])
    {
        for (first, second) in [(true, true), (true, false), (false, true), (false, false)] {
            let code_interpreter = format!(r#"{{"input":"x","outputs":[{},{}]}}"#, output(first), output(second));
            let call: Entries = call_order
                .iter()
                .map(|(k, v)| (*k, if *k == "code_interpreter" { code_interpreter.clone() } else { v.clone() }))
                .collect();
            let details = vec![("type", s("tool_calls")), ("tool_calls", format!("[{}]", object(&call))), extra()];
            for at in 0..details.len() {
                let text = object(&with_key_at(&details, "type", at));
                let decoded = check_step_details(&text);
                documents += 1;
                match &expected {
                    None => expected = Some(decoded),
                    Some(expected) => assert_eq!(&decoded, expected, "{text}"),
                }
            }
        }
    }
    assert_eq!(documents, 6 * 4 * 3);
    let expected = expected.and_then(Result::ok);
    let Some(StepDetails::ToolCalls(ToolCallsStepDetails { tool_calls })) = expected else {
        panic!("expected tool calls, got {expected:?}");
    };
    let [ToolCall::CodeInterpreter(call)] = tool_calls.as_slice() else { panic!("one call: {tool_calls:?}") };
    let logs = CodeInterpreterOutput::Logs(CodeInterpreterLogs { logs: "6\n".to_owned() });
    assert_eq!(call.code_interpreter.outputs, vec![logs.clone(), logs]);
}

/// `serde_json::Value` writes keys sorted, which puts every tag of these fixtures last (`id`,
/// `code_interpreter`, `tool_calls`, `logs` ... all sort before `type`): whole run steps and
/// pages decode the same with every union's tag last as with the API's order.
#[test]
fn fixtures_decode_the_same_with_every_tag_last() {
    for text in [MESSAGE_CREATION, CODE_INTERPRETER, FILE_SEARCH, FUNCTION, UNKNOWN_MEMBERS, UNKNOWN_STEP_DETAILS] {
        let sorted = json(text).to_string();
        assert_eq!(decode::<RunStep>(&sorted), decode::<RunStep>(text), "{text}");
        assert_same_json(&encode(&decode::<RunStep>(&sorted)), &json(text));
    }
    let sorted = json(OFFICIAL_LIST_RUN_STEPS).to_string();
    assert_eq!(decode::<CursorPage<RunStep>>(&sorted), decode::<CursorPage<RunStep>>(OFFICIAL_LIST_RUN_STEPS));
    let sorted = json(OFFICIAL_GET_RUN_STEP).to_string();
    assert_eq!(decode::<RunStep>(&sorted), decode::<RunStep>(OFFICIAL_GET_RUN_STEP));
}

/// Strings the input cannot lend (escaped keys and tags, a reader, a `Value`) take the owned
/// paths of the decoder: same results.
#[test]
fn escaped_keys_readers_and_values_decode_alike() {
    for entries in tool_call_members() {
        for at in [0, 1, 2] {
            let text = object(&with_key_at(&entries, "type", at));
            let expected = check_tool_call(&text);
            let escaped = text.replace("\"type\":", "\"\\u0074ype\":").replace("\"id\":", "\"i\\u0064\":");
            assert_eq!(check_tool_call(&escaped), expected, "{escaped}");
            let from_reader = serde_json::from_reader::<_, ToolCall>(text.as_bytes()).map_err(|e| e.to_string());
            assert_eq!(from_reader, expected, "reader: {text}");
            let from_value = serde_json::from_value::<ToolCall>(json(&text)).map_err(|e| e.to_string());
            assert_eq!(from_value, expected, "value: {text}");
        }
    }
    // An escaped tag value is still the tag.
    let mut entries = function_call();
    entries[1].1 = r#""\u0066unction""#.to_owned();
    assert!(matches!(check_tool_call(&object(&entries)), Ok(ToolCall::Function(_))));
}

#[test]
fn unknown_tags_keep_the_whole_object_in_every_position() {
    let entries = {
        let mut entries = unknown_call();
        entries.push(extra());
        entries
    };
    for order in permutations(&entries) {
        let text = object(&order);
        assert_eq!(check_tool_call(&text), Ok(ToolCall::Unknown(json(&text))));
        // Forward compatibility: the unknown member encodes back unchanged.
        assert_same_json(&encode(&decode::<ToolCall>(&text)), &json(&text));
    }
    // A known tag's name as an unknown member's field is just a field.
    let text = object(&[("function", s("not a member")), ("type", s("new_tool")), ("id", s("c"))]);
    assert_eq!(check_tool_call(&text), Ok(ToolCall::Unknown(json(&text))));
}

#[test]
fn duplicated_keys_give_the_same_outcome_wherever_they_stand() {
    let dup_id = |a: usize, b: usize| {
        let mut entries = function_call();
        entries.insert(a.min(entries.len()), ("id", s("first")));
        let mut entries = with_key_at(&entries, "type", 1);
        entries.insert(b.min(entries.len()), ("id", s("second")));
        object(&entries)
    };
    for a in 0..4 {
        for b in 0..5 {
            let text = dup_id(a, b);
            let error = check_tool_call(&text).expect_err("a duplicated field is the member's error");
            assert!(error.starts_with("duplicate field `id`"), "{error}");
        }
    }
    // A duplicate inside a nested object, held before the tag or read after it.
    let function = r#"{"name":"a","name":"b","arguments":"{}","output":null}"#.to_owned();
    for at in [0, 1, 2] {
        let entries =
            with_key_at(&[("id", s("c")), ("type", s("function")), ("function", function.clone())], "type", at);
        let text = object(&entries);
        let error = check_tool_call(&text).expect_err("a duplicated field in a nested object");
        assert!(error.starts_with("duplicate field `name`"), "{error}");
    }
    // The tag twice, equal or not, before or after the member's fields.
    // (A second tag that is no string, placed before the first, would be two errors at
    // once; the fast decoder reports the first it reads, so those orders are left out.)
    for (second, from) in [(s("function"), 0), (s("file_search"), 0), ("1".to_owned(), 2)] {
        for at in from..4 {
            let mut entries = function_call();
            entries.insert(at.min(entries.len()), ("type", second.clone()));
            let text = object(&entries);
            let error = check_tool_call(&text).expect_err("a duplicated tag");
            assert!(error.starts_with("duplicate field `type`"), "{error}");
        }
    }
    let mut entries = unknown_call();
    entries.push(("type", s("again")));
    assert!(check_tool_call(&object(&entries)).is_err());
    // In an unknown member, other duplicated keys are kept as `Value` keeps them: the last.
    let text = object(&[("id", s("a")), ("type", s("new_tool")), ("x", s("1")), ("x", s("2"))]);
    assert_eq!(check_tool_call(&text), Ok(ToolCall::Unknown(json(&text))));
    let text = object(&[("x", s("1")), ("x", s("2")), ("type", s("new_tool"))]);
    assert_eq!(check_tool_call(&text), Ok(ToolCall::Unknown(json(r#"{"x":"2","type":"new_tool"}"#))));
}

#[test]
fn a_tag_that_is_not_a_string_is_an_error_naming_what_it_is() {
    for (tag, found) in [
        ("1", "a number"),
        ("-1", "a number"),
        ("1.5", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
        (r#"{"type":"function"}"#, "an object"),
        (r#"["function"]"#, "an array"),
    ] {
        for at in [0, 1, 2] {
            let entries = with_key_at(&[("id", s("c")), ("type", tag.to_owned()), extra()], "type", at);
            let text = object(&entries);
            let error = check_tool_call(&text).expect_err("a tag that is not a string");
            assert_eq!(without_position(&error), format!("the `type` field must be a string, found {found}"));
        }
    }
}

#[test]
fn a_missing_tag_or_a_value_that_is_no_object_is_an_error() {
    for text in ["{}", r#"{"id":"c","function":{}}"#] {
        let error = check_tool_call(text).expect_err("no tag");
        assert!(error.starts_with("missing field `type`"), "{error}");
    }
    for text in ["null", "1", r#""function""#, r#"["function"]"#, "true"] {
        let error = fast::<ToolCall>(text).expect_err("not an object");
        assert!(error.contains("expected an object with a `type` field"), "{error}");
        assert!(reference_tool_call(text).is_err());
    }
    // Broken JSON inside, before or after the tag.
    for text in [r#"{"id":"c","type":"function","function":{"name":}}"#, r#"{"id":[,"type":"function"}"#] {
        assert!(check_tool_call(text).is_err());
    }
}

/// Errors in a member read after the tag come from the live input: same message and position
/// as decoding the member struct itself.
#[test]
fn member_errors_after_the_tag_keep_their_position() {
    let text = "{\n  \"id\": \"c\",\n  \"type\": \"function\",\n  \"function\": {\"name\": 1, \"arguments\": \"{}\", \"output\": null}\n}";
    let fast = fast::<ToolCall>(text).expect_err("name is not a string");
    let direct = serde_json::from_str::<FunctionToolCall>(text).expect_err("name is not a string").to_string();
    assert_eq!(fast, direct);
    assert!(fast.contains("line 4"), "{fast}");
    // Missing member fields are named, in any order.
    for at in [0, 1] {
        let text = object(&with_key_at(&[("type", s("code_interpreter")), ("id", s("c"))], "type", at));
        let error = check_tool_call(&text).expect_err("no code_interpreter");
        assert!(error.starts_with("missing field `code_interpreter`"), "{error}");
    }
}

#[test]
fn members_decode_to_their_values() {
    let call = check_tool_call(&object(&with_key_at(&code_interpreter_call(), "type", usize::MAX)));
    let Ok(ToolCall::CodeInterpreter(CodeInterpreterToolCall { id, code_interpreter })) = call else {
        panic!("{call:?}")
    };
    assert_eq!(id, "call_ci");
    assert_eq!(
        code_interpreter.outputs[1],
        CodeInterpreterOutput::Image(CodeInterpreterImage {
            image: openai_run_steps::CodeInterpreterImageFile { file_id: "file-1".to_owned() },
        })
    );
    let call = check_tool_call(&object(&file_search_call()));
    assert!(matches!(call, Ok(ToolCall::FileSearch(FileSearchToolCall { ref id, .. })) if id == "call_fs"));
    let details = check_step_details(r#"{"message_creation":{"message_id":"m"},"type":"message_creation"}"#);
    assert!(matches!(details, Ok(StepDetails::MessageCreation(MessageCreationStepDetails { .. }))));
}
