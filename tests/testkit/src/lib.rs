//! The property tests every generated crate runs on its models. The generator gives each
//! crate a `#[cfg(test)]` module that calls these functions with the crate's spec and its
//! hidden `__models` list, so that a new API is covered the moment it is generated:
//!
//! - [`round_trips`]: every model decodes every value its spec allows (keys in any order),
//!   encodes it to the canonical JSON, and round-trips;
//! - [`near_valid_inputs`]: values the spec allows, then edited, never make a decoder panic,
//!   and what decodes round-trips;
//! - [`arbitrary_inputs`]: arbitrary JSON, arbitrary bytes and deep nesting never make a
//!   decoder panic (a stack overflow would abort the test binary).
//!
//! The values come from the spec through the generator's own model ([`spec_values`]).
//! Case counts are fixed and small enough for every `cargo test` run; `PROPTEST_CASES=N` sets
//! every property's count to N for a long run by hand, and `PROPTEST_RNG_SEED=N` replays a run.
//! Failures are not persisted (`failure_persistence: None`): proptest stores the seed of a
//! failing case, which replays that case only while the strategy stays the same, and these
//! strategies follow the specs. A failure prints its shrunk input instead; it becomes a named
//! test.

pub mod json_text;
pub mod spec_values;

use std::collections::BTreeSet;
use std::fmt::Debug;

use codegen::ir::{Item, Type};
use proptest::prelude::*;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestCaseResult, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use typed_api_runtime::__private::ModelVisitor;

pub use spec_values::{Sample, Schema};

/// Cases per type of the round trip. A case is one value of the type, which for the bigger
/// types (a page of run steps) is a whole tree of nested values.
const ROUND_TRIP_CASES: u32 = 256;
/// Cases per type of the near-valid test.
const NEAR_VALID_CASES: u32 = 256;
/// Cases of the tests that give each input to every type.
const EVERY_TYPE_CASES: u32 = 512;

/// The runner's configuration: `cases` unless `PROPTEST_CASES` says otherwise.
pub fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Runs `test` on `cases` values of `strategy` and panics with the shrunk failing input, if
/// any, under `what` (the property and the type it was run on).
pub fn check<S: Strategy>(what: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: Debug,
{
    let mut runner = TestRunner::new(config(cases));
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{what}: {failure}");
    }
}

/// A model type: its name as Rust writes it, and the checks instantiated for it.
pub struct Entry {
    pub ty: &'static str,
    /// Decodes a valid input, compares the encoding with the canonical JSON, round-trips.
    pub round_trip: fn(&str, &Value) -> TestCaseResult,
    /// Decodes any bytes; what decodes must round-trip.
    pub decode_any: fn(&[u8]) -> TestCaseResult,
}

impl Entry {
    /// The type as the generator's model writes it, e.g. `CursorPage<RunStep>`. A generic type
    /// used with a scalar or `json` has a Rust type as its argument (`Envelope<String>`,
    /// `Envelope<serde_json::Value>`), whose name no type of a spec can have.
    pub fn ir_type(&self) -> Type {
        // The type-expression grammar has no `::`; spec type names are UpperCamelCase.
        const JSON: &str = "serde_json__Value";
        let text = self.ty.replace("serde_json::Value", JSON);
        let expr = codegen::parse::parse_type_expr(&text).unwrap_or_else(|e| panic!("`{}`: {e}", self.ty));
        fn convert(expr: codegen::ast::TypeExpr) -> Type {
            let leaf = match expr.name.as_str() {
                _ if !expr.args.is_empty() => None,
                "String" => Some(Type::String),
                "i64" => Some(Type::I64),
                "i32" => Some(Type::I32),
                "f64" => Some(Type::F64),
                "bool" => Some(Type::Bool),
                JSON => Some(Type::Json),
                _ => None,
            };
            leaf.unwrap_or_else(|| Type::Named { name: expr.name, args: expr.args.into_iter().map(convert).collect() })
        }
        convert(expr)
    }

    /// The type's name without arguments: `CursorPage`.
    pub fn name(&self) -> &str {
        self.ty.split('<').next().unwrap_or(self.ty).trim()
    }

    /// Gives `input` to the type's decoder.
    pub fn decode(&self, input: &[u8]) -> TestCaseResult {
        (self.decode_any)(input).map_err(|e| TestCaseError::fail(format!("as {}: {e}", self.ty)))
    }
}

/// A crate's model types, as its generated `__models` hands them over.
#[derive(Default)]
pub struct Models(pub Vec<Entry>);

impl Models {
    /// Every model of the crate whose `__models` is `list`.
    pub fn of(list: fn(&mut Models)) -> Models {
        let mut models = Models::default();
        list(&mut models);
        models
    }

    /// Gives `input` to the decoder of every type.
    pub fn decode_as_every_type(&self, input: &[u8]) -> TestCaseResult {
        self.0.iter().try_for_each(|entry| entry.decode(input))
    }
}

impl ModelVisitor for Models {
    fn visit<T>(&mut self, name: &'static str)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug + 'static,
    {
        self.0.push(Entry { ty: name, round_trip: round_trip::<T>, decode_any: decode_any::<T> });
    }
}

/// Every model of `list` round-trips every value `spec` (a path relative to the workspace
/// root) allows; and `list` names every type the spec gives, once.
pub fn round_trips(spec: &'static str, list: fn(&mut Models)) {
    let schema = Schema::load(spec);
    let models = Models::of(list);
    lists_every_type(&schema, &models);
    for entry in &models.0 {
        let samples = (schema.samples(&entry.ir_type()), any::<u64>());
        check(&format!("{spec}: {} round trip", entry.ty), ROUND_TRIP_CASES, samples, |(sample, order)| {
            let text = json_text::shuffled(&sample.input, order);
            (entry.round_trip)(&text, &sample.canonical)
        });
    }
}

/// The generator's list and the generator's model agree: each item once, generic ones with
/// as many arguments as they take.
fn lists_every_type(schema: &Schema, models: &Models) {
    let generated: BTreeSet<&str> = schema.items.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = models.0.iter().map(Entry::name).collect();
    assert_eq!(models.0.len(), listed.len(), "{}: a type is listed twice", schema.spec);
    assert_eq!(generated, listed, "{}: `__models` and the spec disagree", schema.spec);
    for entry in &models.0 {
        let Type::Named { args, .. } = entry.ir_type() else { unreachable!("entries are named types") };
        let params = match &schema.items[entry.name()] {
            Item::Struct(s) => s.generics.len(),
            Item::Alias(a) => a.generics.len(),
            _ => 0,
        };
        assert_eq!(args.len(), params, "{}: `{}` takes {params} type arguments", schema.spec, entry.ty);
    }
}

/// Values `spec` allows, then edited, never make a decoder of `list` panic; what decodes
/// round-trips.
pub fn near_valid_inputs(spec: &'static str, list: fn(&mut Models)) {
    let schema = Schema::load(spec);
    for entry in &Models::of(list).0 {
        let cases = (schema.samples(&entry.ir_type()), json_text::edits(), any::<u64>());
        check(&format!("{spec}: near-valid {}", entry.ty), NEAR_VALID_CASES, cases, |(sample, edits, order)| {
            let mut value = sample.input;
            json_text::apply(&mut value, &edits);
            (entry.decode_any)(json_text::shuffled(&value, order).as_bytes())
        });
    }
}

/// Arbitrary JSON, arbitrary bytes and deeply nested values never make a decoder of `list`
/// panic; what decodes round-trips.
pub fn arbitrary_inputs(list: fn(&mut Models)) {
    let models = Models::of(list);
    check("arbitrary JSON", EVERY_TYPE_CASES, (spec_values::json(4), any::<u64>()), |(value, order)| {
        models.decode_as_every_type(json_text::shuffled(&value, order).as_bytes())
    });
    let bytes = prop_oneof![json_text::json_bytes(48), proptest::collection::vec(any::<u8>(), 0..48)];
    check("arbitrary bytes", EVERY_TYPE_CASES, bytes, |bytes| models.decode_as_every_type(&bytes));
    deep_nesting(&models);
}

/// Beyond what random cases reach, and what a property could not report: a stack overflow
/// aborts the test binary. serde_json stops at 128 levels; values held before a union's tag
/// (and replayed into the member) must stay within that.
fn deep_nesting(models: &Models) {
    let array = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let object = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    for depth in [100, 127, 128, 129, 10_000] {
        let inputs = [
            array(depth),
            object(depth),
            format!("{{\"id\":{},\"type\":\"x\"}}", array(depth)),
            format!("{{\"type\":\"x\",\"id\":{}}}", object(depth)),
            format!("{{\"status\":\"x\",\"id\":{}}}", array(depth)),
            "[".repeat(depth),
        ];
        for input in inputs {
            if let Err(e) = models.decode_as_every_type(input.as_bytes()) {
                panic!("depth {depth}: {e}");
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ty: &'static str) -> Entry {
        Entry { ty, round_trip: round_trip::<Value>, decode_any: decode_any::<Value> }
    }

    /// A generic type's arguments may be Rust types: those of scalars and `json`.
    #[test]
    fn rust_types_as_arguments_read_back_as_the_model_writes_them() {
        let named = |name: &str, args| Type::Named { name: name.to_owned(), args };
        assert_eq!(entry("Envelope<serde_json::Value>").ir_type(), named("Envelope", vec![Type::Json]));
        assert_eq!(
            entry("Pair<String, Page<i64>>").ir_type(),
            named("Pair", vec![Type::String, named("Page", vec![Type::I64])])
        );
        assert_eq!(entry("CursorPage<RunStep>").ir_type(), named("CursorPage", vec![named("RunStep", Vec::new())]));
    }
}
