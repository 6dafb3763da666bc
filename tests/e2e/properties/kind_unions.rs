//! Property: a union by JSON kind decides by the value's kind alone. Any JSON value given to
//! `Editors` (string | array<string>), `LoanDays` (integer | an open enum) and `Holding`
//! (string | a union tagged by `object`) decodes into the variant of its kind, or into
//! `Unknown` when no member takes that kind, and encodes back to the same value; the only
//! failures are values of a listed kind that the member itself rejects.

use bookshelf::{Editors, Holding, LoanDays};
use proptest::prelude::*;
use serde_json::Value;
use typed_api_testkit::check;
use typed_api_testkit::json_text::shuffled;
use typed_api_testkit::spec_values::json;

const CASES: u32 = 1024;

/// The variant a value of this kind goes to: `Some(name)`, or `None` for `Unknown`.
fn expected_editors(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("String"),
        Value::Array(_) => Some("Array"),
        _ => None,
    }
}

fn expected_loan_days(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("String"),
        Value::Number(n) if !n.is_f64() => Some("Integer"),
        _ => None,
    }
}

fn expected_holding(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("String"),
        Value::Object(_) => Some("Object"),
        _ => None,
    }
}

/// The variant's name, from the `Debug` output (`String("a")` → `String`).
fn variant<T: std::fmt::Debug>(model: &T) -> String {
    format!("{model:?}").split('(').next().unwrap_or_default().to_owned()
}

fn decides_by_kind<T>(
    value: &Value,
    order: u64,
    expected: fn(&Value) -> Option<&'static str>,
) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let text = shuffled(value, order);
    match (serde_json::from_str::<T>(&text), expected(value)) {
        (Ok(model), expected) => {
            prop_assert_eq!(variant(&model), expected.unwrap_or("Unknown"), "{}", text);
            let encoded = serde_json::to_value(&model).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&encoded, value, "does not encode back: {}", text);
        }
        // Only a member of the value's kind may reject it; `Unknown` takes anything.
        (Err(error), expected) => prop_assert!(expected.is_some(), "{} rejected: {}", text, error),
    }
    Ok(())
}

#[test]
fn unions_by_kind_decide_by_the_kind_and_keep_every_other_value() {
    let values = prop_oneof![
        json(3),
        proptest::collection::vec(typed_api_testkit::spec_values::string(None, None), 0..4)
            .prop_map(|items| Value::Array(items.into_iter().map(Value::String).collect())),
        Just(
            serde_json::json!({"object": "magazine", "id": "m", "added_at": 1, "issue": 2, "editors": [], "loan_days": "standard"})
        ),
    ];
    check("unions by kind", CASES, (values, any::<u64>()), |(value, order)| {
        decides_by_kind::<Editors>(&value, order, expected_editors)?;
        decides_by_kind::<LoanDays>(&value, order, expected_loan_days)?;
        decides_by_kind::<Holding>(&value, order, expected_holding)
    });
}
