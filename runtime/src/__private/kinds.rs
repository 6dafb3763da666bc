//! Unions decided by the JSON kind of the value (`string | array<Part>`, `integer | "auto"`).
//!
//! The value is read once: its first token tells its kind, and the member of that kind is
//! decoded straight from the input (an array or object live, without buffering it). No member
//! is tried and then another, as serde's `untagged` does: a value of a listed kind that its
//! member rejects is an error naming the problem, never silently another member. An object
//! member that is a tagged union then decides by its tag as usual. A value of a kind no member
//! takes (`null`, or a kind the API added later) is kept as a `serde_json::Value`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{
    BoolDeserializer, BorrowedStrDeserializer, F64Deserializer, I64Deserializer, MapAccessDeserializer,
    SeqAccessDeserializer, StrDeserializer, StringDeserializer, U64Deserializer, UnitDeserializer,
};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The kind of a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Boolean,
    /// A number without a fraction or exponent that fits `i64` or `u64`.
    Integer,
    Number,
    String,
    Array,
    Object,
}

/// A union whose members the generated code knows by the kind of their values.
pub trait KindUnion<'de>: Sized {
    /// Decodes the member for a value of `kind` from `input`, which holds that value; the
    /// `Unknown` variant for a kind no member takes.
    fn member<D: Deserializer<'de>>(kind: Kind, input: D) -> Result<Self, D::Error>;
}

/// The `Deserialize` of every union by kind.
pub fn kinds<'de, U: KindUnion<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_any(ByKind(PhantomData))
}

struct ByKind<U>(PhantomData<U>);

impl<'de, U: KindUnion<'de>> Visitor<'de> for ByKind<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<U, E> {
        U::member(Kind::Null, UnitDeserializer::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<U, E> {
        U::member(Kind::Null, UnitDeserializer::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        kinds(deserializer)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<U, E> {
        U::member(Kind::Boolean, BoolDeserializer::new(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<U, E> {
        U::member(Kind::Integer, I64Deserializer::new(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<U, E> {
        U::member(Kind::Integer, U64Deserializer::new(n))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<U, E> {
        U::member(Kind::Number, F64Deserializer::new(n))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<U, E> {
        U::member(Kind::String, BorrowedStrDeserializer::new(s))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<U, E> {
        U::member(Kind::String, StrDeserializer::new(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<U, E> {
        U::member(Kind::String, StringDeserializer::new(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<U, A::Error> {
        U::member(Kind::Array, SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<U, A::Error> {
        U::member(Kind::Object, MapAccessDeserializer::new(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a generated union by kind looks like: a string, an array of strings, or unknown.
    #[derive(Debug, PartialEq)]
    enum Stop {
        String(String),
        Array(Vec<String>),
        Unknown(serde_json::Value),
    }

    impl<'de> KindUnion<'de> for Stop {
        fn member<D: Deserializer<'de>>(kind: Kind, input: D) -> Result<Self, D::Error> {
            match kind {
                Kind::String => serde::Deserialize::deserialize(input).map(Stop::String),
                Kind::Array => serde::Deserialize::deserialize(input).map(Stop::Array),
                _ => serde::Deserialize::deserialize(input).map(Stop::Unknown),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Stop {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            kinds(deserializer)
        }
    }

    fn decode(text: &str) -> Result<Stop, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn each_kind_goes_to_its_member_and_the_rest_are_kept() {
        assert_eq!(decode(r#""\n""#).ok(), Some(Stop::String("\n".to_owned())));
        assert_eq!(decode(r#"["a","b"]"#).ok(), Some(Stop::Array(vec!["a".to_owned(), "b".to_owned()])));
        for other in ["null", "true", "7", "-7", "18446744073709551615", "1.5", r#"{"a":[1]}"#] {
            let expected = serde_json::from_str::<serde_json::Value>(other).ok().map(Stop::Unknown);
            assert_eq!(decode(other).ok(), expected, "{other}");
        }
    }

    /// A value of a listed kind that its member rejects is an error, not another member.
    #[test]
    fn a_member_that_rejects_its_value_is_an_error() {
        let error = decode(r#"["a", 1]"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("invalid type: integer `1`, expected a string"), "{error}");
    }
}
