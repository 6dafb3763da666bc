//! The baseline: the generated models with their unions derived by serde itself,
//! `#[serde(tag = "type")]`, as a hand-written Rust client would declare them. Only the types
//! on the way to a union are mirrored; every other type is the generated one, so the
//! measured difference is the union decoding alone.
//!
//! serde's tagged enums have no variant that keeps an unknown member, so this baseline fails
//! on a tag it does not know where the generated models keep the member: it is measured on
//! pages with known members only.

use openai_run_steps::{
    CodeInterpreterImage, CodeInterpreterLogs, FileSearchToolCall, FunctionToolCall, LastError,
    MessageCreationStepDetails, Metadata, RunStepObject, RunStepStatus, RunStepType, Usage,
};
use serde::{Deserialize, Deserializer, Serialize};

/// Required-but-nullable, as the generated `crate::rt::nullable` reads it.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(deserializer)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunStep {
    pub id: String,
    pub object: RunStepObject,
    pub created_at: i64,
    pub assistant_id: String,
    pub thread_id: String,
    pub run_id: String,
    pub r#type: RunStepType,
    pub status: RunStepStatus,
    pub step_details: StepDetails,
    #[serde(deserialize_with = "nullable")]
    pub last_error: Option<LastError>,
    #[serde(deserialize_with = "nullable")]
    pub expired_at: Option<i64>,
    #[serde(deserialize_with = "nullable")]
    pub cancelled_at: Option<i64>,
    #[serde(deserialize_with = "nullable")]
    pub failed_at: Option<i64>,
    #[serde(deserialize_with = "nullable")]
    pub completed_at: Option<i64>,
    #[serde(default)]
    pub metadata: Option<Metadata>,
    #[serde(deserialize_with = "nullable")]
    pub usage: Option<Usage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum StepDetails {
    #[serde(rename = "message_creation")]
    MessageCreation(MessageCreationStepDetails),
    #[serde(rename = "tool_calls")]
    ToolCalls(ToolCallsStepDetails),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallsStepDetails {
    pub tool_calls: Vec<ToolCall>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ToolCall {
    #[serde(rename = "code_interpreter")]
    CodeInterpreter(CodeInterpreterToolCall),
    #[serde(rename = "file_search")]
    FileSearch(FileSearchToolCall),
    #[serde(rename = "function")]
    Function(FunctionToolCall),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeInterpreterToolCall {
    pub id: String,
    pub code_interpreter: CodeInterpreter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeInterpreter {
    pub input: String,
    pub outputs: Vec<CodeInterpreterOutput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum CodeInterpreterOutput {
    #[serde(rename = "logs")]
    Logs(CodeInterpreterLogs),
    #[serde(rename = "image")]
    Image(CodeInterpreterImage),
}
