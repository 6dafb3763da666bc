//! Values held while a union decides: entries read before the tag, or a whole object whose
//! member is tried in turn. Replayed to the member as the input itself would have been.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::decode::KeySeed;

/// A value read before the tag, kept until the member is known. Unlike
/// `serde_json::Value` it keeps every entry of an object, duplicates included, so the
/// member reports a duplicate field whether it stood before the tag or after it; strings
/// borrow from the input where they can.
#[derive(Clone)]
pub(super) enum Held<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'de, str>),
    Seq(Vec<Held<'de>>),
    Map(Vec<(Cow<'de, str>, Held<'de>)>),
}

impl Held<'_> {
    pub(super) fn into_json(self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Held::Null => Value::Null,
            Held::Bool(b) => Value::Bool(b),
            Held::U64(n) => Value::from(n),
            Held::I64(n) => Value::from(n),
            // As `serde_json::Value` itself decodes a non-finite float.
            Held::F64(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            Held::Str(s) => Value::String(s.into_owned()),
            Held::Seq(items) => Value::Array(items.into_iter().map(Held::into_json).collect()),
            Held::Map(entries) => {
                Value::Object(entries.into_iter().map(|(k, v)| (k.into_owned(), v.into_json())).collect())
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Held<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HeldVisitor)
    }
}

struct HeldVisitor;

impl<'de> Visitor<'de> for HeldVisitor {
    type Value = Held<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Held<'de>, E> {
        Ok(Held::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Held<'de>, E> {
        Ok(Held::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Held<'de>, D::Error> {
        serde::Deserialize::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Held<'de>, E> {
        Ok(Held::Bool(b))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Held<'de>, E> {
        Ok(Held::U64(n))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Held<'de>, E> {
        Ok(Held::I64(n))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Held<'de>, E> {
        Ok(Held::F64(n))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Held<'de>, E> {
        Ok(Held::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Held<'de>, E> {
        Ok(Held::Str(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Held<'de>, E> {
        Ok(Held::Str(Cow::Owned(s)))
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Held<'de>, S::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Held::Seq(items))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Held<'de>, M::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            entries.push((key, map.next_value()?));
        }
        Ok(Held::Map(entries))
    }
}

/// Replays a held value to whatever reads it, as the input itself would have.
pub(super) struct HeldDe<'de, E> {
    held: Held<'de>,
    error: PhantomData<E>,
}

impl<'de, E> HeldDe<'de, E> {
    pub(super) fn new(held: Held<'de>) -> Self {
        HeldDe { held, error: PhantomData }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Held<'de> {
    type Deserializer = HeldDe<'de, E>;

    fn into_deserializer(self) -> HeldDe<'de, E> {
        HeldDe::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for HeldDe<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.held {
            Held::Null => visitor.visit_unit(),
            Held::Bool(b) => visitor.visit_bool(b),
            Held::U64(n) => visitor.visit_u64(n),
            Held::I64(n) => visitor.visit_i64(n),
            Held::F64(n) => visitor.visit_f64(n),
            Held::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Held::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Held::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Held::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter().map(|(k, v)| (Held::Str(k), v)));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.held {
            Held::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    // Generated models have no externally tagged enums (string enums read strings, unions
    // read maps): a string is a unit variant, anything else goes to the visitor to reject.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.held {
            Held::Str(Cow::Borrowed(s)) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            Held::Str(Cow::Owned(s)) => visitor.visit_enum(s.into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}
