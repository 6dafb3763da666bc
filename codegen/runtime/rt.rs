//! Support code the generated models share: written by hand once, in the generator's
//! `codegen/runtime/rt.rs`, and copied into every generated crate unchanged.
//!
//! Each helper carries `#[allow(dead_code)]` because a spec need not use every one
//! (a spec without unions never calls `tag`); the allow is per item on purpose.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

/// For required-but-nullable fields, via `#[serde(deserialize_with)]`: `null` is `None`,
/// and, unlike serde's default for `Option`, an absent field is an error naming it.
#[allow(dead_code)]
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer)
}

/// Decodes a forward-compatible string enum: known values map to their variant,
/// anything else to the variant that keeps it (`From<&str>` decides which).
#[allow(dead_code)]
pub(crate) fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(StringEnum(PhantomData))
}

struct StringEnum<T>(PhantomData<T>);

impl<T> Visitor<'_> for StringEnum<T>
where
    T: for<'a> From<&'a str>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// The string value of a union's tag field in a decoded object.
#[allow(dead_code)]
pub(crate) fn tag<'v, E: de::Error>(raw: &'v serde_json::Value, tag: &'static str) -> Result<&'v str, E> {
    let object = raw
        .as_object()
        .ok_or_else(|| E::custom(format_args!("expected an object with a `{tag}` field, found {}", kind(raw))))?;
    match object.get(tag) {
        Some(serde_json::Value::String(value)) => Ok(value),
        Some(other) => Err(E::custom(format_args!("the `{tag}` field must be a string, found {}", kind(other)))),
        None => Err(de::Error::missing_field(tag)),
    }
}

/// Decodes a union member from its already-decoded object.
#[allow(dead_code)]
pub(crate) fn member<T: DeserializeOwned, E: de::Error>(raw: serde_json::Value) -> Result<T, E> {
    serde_json::from_value(raw).map_err(E::custom)
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
