//! Decoding support for the generated structs' `Deserialize` impls, which the generator
//! writes instead of serde's derive: a map visitor that matches each key against the wire
//! names and decodes its value into a slot, with no sequence form and no per-field wrapper
//! types. Measured on OpenAI's whole API, the crate compiles in about two thirds of the time
//! the derive takes (BENCHMARKS.md); decoding reports the same errors, in serde's words.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A key of a JSON object, borrowed from the input where the format can (serde_json does
/// unless the key holds an escape).
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Key<'de>, E> {
        // Not UTF-8: it names no field, and is skipped as an unknown one.
        Ok(Key(Cow::Owned(String::from_utf8_lossy(value).into_owned())))
    }
}

/// Decodes the value of the current entry into `slot`; a field sent twice is an error, as
/// with serde's derive.
pub fn field<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of an entry no field names.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a field that must be present.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{"id": ..., "note": ...}` decoded the way generated structs decode.
    #[derive(Debug, PartialEq)]
    struct Probe {
        id: String,
        note: Option<Option<String>>,
    }

    impl<'de> serde::Deserialize<'de> for Probe {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Probe;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Probe")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                    let (mut id, mut note) = (None, None);
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => field(&mut map, &mut id, "id"),
                            "note" => field(&mut map, &mut note, "note"),
                            _ => skip(&mut map),
                        }?;
                    }
                    Ok(Probe { id: required(id, "id")?, note })
                }
            }
            deserializer.deserialize_struct("Probe", &["id", "note"], V)
        }
    }

    fn decode(text: &str) -> Result<Probe, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn keys_are_matched_unknown_ones_skipped_and_errors_are_serdes() {
        let probe = Probe { id: "a".into(), note: Some(None) };
        assert_eq!(decode(r#"{"x": [1, {"y": 2}], "id": "a", "note": null}"#), Ok(probe));
        assert_eq!(decode(r#"{"i\u0064": "b"}"#), Ok(Probe { id: "b".into(), note: None }));
        assert_eq!(decode(r#"{"note": "n"}"#), Err("missing field `id` at line 1 column 13".into()));
        assert_eq!(decode(r#"{"id": "a", "id": "b"}"#), Err("duplicate field `id` at line 1 column 16".into()));
        let wrong = decode(r#"["a", null]"#).err().unwrap_or_default();
        assert!(wrong.starts_with("invalid type: sequence, expected struct Probe"), "{wrong}");
    }
}
