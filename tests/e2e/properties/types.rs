//! Every model type of the generated crates, each with the two checks the properties run on
//! it. The table is written by hand (a Rust type cannot be looked up by name at run time);
//! `every_generated_type_is_listed` fails when a spec gains a type the table lacks, or loses
//! one it still lists.

// The bookshelf fixture deliberately has a deprecated type.
#![allow(deprecated)]

use std::collections::BTreeSet;
use std::fmt::Debug;

use codegen::ast::TypeExpr;
use codegen::ir::Type;
use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::spec_values::{BOOKSHELF, RUN_STEPS, Schema};

/// A generated type: its name as Rust writes it (generic ones with the argument the
/// properties use), and the checks instantiated for it.
pub struct Entry {
    pub ty: &'static str,
    /// Decodes a valid input, compares the encoding with the canonical JSON, round-trips.
    pub round_trip: fn(&str, &Value) -> TestCaseResult,
    /// Decodes any bytes; what decodes must round-trip.
    pub decode_any: fn(&[u8]) -> TestCaseResult,
}

impl Entry {
    /// The type as the generator's model writes it, e.g. `CursorPage<RunStep>`.
    pub fn ir_type(&self) -> Type {
        let expr = codegen::parse::parse_type_expr(self.ty).unwrap_or_else(|e| panic!("`{}`: {e}", self.ty));
        fn named(expr: TypeExpr) -> Type {
            Type::Named { name: expr.name, args: expr.args.into_iter().map(named).collect() }
        }
        named(expr)
    }

    /// The type's name without arguments: `CursorPage`.
    pub fn name(&self) -> &str {
        self.ty.split('<').next().unwrap_or(self.ty).trim()
    }
}

/// The entries of the types named, for use in a child module that imports a crate's types.
macro_rules! entries {
    ($($ty:ty),* $(,)?) => {
        &[$(super::Entry {
            ty: stringify!($ty),
            round_trip: super::round_trip::<$ty>,
            decode_any: super::decode_any::<$ty>,
        }),*]
    };
}

mod run_steps {
    use openai_run_steps::*;

    pub const TYPES: &[super::Entry] = entries![
        CodeInterpreter,
        CodeInterpreterImage,
        CodeInterpreterImageFile,
        CodeInterpreterLogs,
        CodeInterpreterOutput,
        CodeInterpreterToolCall,
        CursorPage<RunStep>,
        CursorPageObject,
        FileSearch,
        FileSearchRanker,
        FileSearchRankingOptions,
        FileSearchResult,
        FileSearchResultContent,
        FileSearchResultContentType,
        FileSearchToolCall,
        Function,
        FunctionToolCall,
        LastError,
        LastErrorCode,
        ListOrder,
        MessageCreation,
        MessageCreationStepDetails,
        Metadata,
        RunStep,
        RunStepInclude,
        RunStepObject,
        RunStepStatus,
        RunStepType,
        StepDetails,
        ToolCall,
        ToolCallsStepDetails,
        Usage,
    ];
}

mod bookshelf {
    use ::bookshelf::*;

    pub const TYPES: &[super::Entry] =
        entries![Availability, Book, BookFormat, BookObject, Labels, OnLoan, OnShelf, Page<Book>, ShelfLocation];
}

/// Each generated crate's spec and its table.
pub const CRATES: [(&str, &[Entry]); 2] = [(RUN_STEPS, run_steps::TYPES), (BOOKSHELF, bookshelf::TYPES)];

/// Every entry of both crates: for inputs that any type may be asked to decode.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    run_steps::TYPES.iter().chain(bookshelf::TYPES)
}

fn round_trip<T>(input: &str, canonical: &Value) -> TestCaseResult
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let first: T = serde_json::from_str(input)
        .map_err(|e| TestCaseError::fail(format!("a value the spec allows is rejected: {e}\n{input}")))?;
    let encoded = serde_json::to_value(&first).map_err(|e| TestCaseError::fail(format!("encoding failed: {e}")))?;
    prop_assert_eq!(&encoded, canonical, "the model does not encode to the canonical JSON (input {})", input);
    encodes_stably(&first)
}

fn decode_any<T>(input: &[u8]) -> TestCaseResult
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    match serde_json::from_slice::<T>(input) {
        Ok(model) => encodes_stably(&model),
        Err(_) => Ok(()),
    }
}

/// The model encodes, the encoding decodes to an equal model, which encodes the same again.
fn encodes_stably<T>(model: &T) -> TestCaseResult
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let text = serde_json::to_string(model).map_err(|e| TestCaseError::fail(format!("encoding failed: {e}")))?;
    let again: T = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("the encoding of {model:?} is rejected: {e}\n{text}")))?;
    prop_assert_eq!(&again, model, "decoding the encoding gives another model: {}", text);
    let twice = serde_json::to_string(&again).map_err(|e| TestCaseError::fail(format!("encoding failed: {e}")))?;
    prop_assert_eq!(twice, text, "the second encoding differs");
    Ok(())
}

#[test]
fn every_generated_type_is_listed() {
    for (spec, entries) in CRATES {
        let schema = Schema::load(spec);
        let generated: BTreeSet<&str> = schema.items.keys().map(String::as_str).collect();
        let listed: BTreeSet<&str> = entries.iter().map(Entry::name).collect();
        assert_eq!(entries.len(), listed.len(), "{}: a type is listed twice", schema.spec);
        let missing: Vec<&&str> = generated.difference(&listed).collect();
        let stale: Vec<&&str> = listed.difference(&generated).collect();
        assert!(
            missing.is_empty() && stale.is_empty(),
            "{}: add {missing:?} to the table in properties/types.rs, remove {stale:?}",
            schema.spec
        );
        // Generic types are listed with as many arguments as they take.
        for entry in entries {
            let Type::Named { args, .. } = entry.ir_type() else { unreachable!("entries are named types") };
            let params = match &schema.items[entry.name()] {
                codegen::ir::Item::Struct(s) => s.generics.len(),
                _ => 0,
            };
            assert_eq!(args.len(), params, "{}: `{}` takes {params} type arguments", schema.spec, entry.ty);
        }
    }
}
