//! Decoding support the generated models call: required-but-nullable fields,
//! forward-compatible string enums, and tagged unions decided by scanning for their tag.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::held::{Held, HeldDe};
use super::whole::Whole;

/// For required-but-nullable fields, via `#[serde(deserialize_with)]`: `null` is `None`,
/// and, unlike serde's default for `Option`, an absent field is an error naming it.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer)
}

/// Decodes an optional and nullable field that is present: `null` is `Some(None)`, a value
/// `Some(Some(value))` (with `#[serde(default)]`, absence stays `None`).
pub fn optional_nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Decodes a forward-compatible string enum: known values map to their variant,
/// anything else to the variant that keeps it (`From<&str>` decides which).
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
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

// ----- Tagged unions: decoding by scanning for the tag -----
//
// serde's `#[serde(tag = "...")]` buffers the whole object before it knows the variant, and
// a union nested in a member is buffered again. A union here instead reads the object's
// entries until it meets the tag, holding only those before it (the API sends `id` first,
// so usually one short string), then decodes the chosen member straight from the input:
// the held entries are replayed first, the rest are read live. A tag that comes last
// makes every entry held, which is correct in any key order, only slower.
//
// What a decode gives does not depend on key order:
// - a known member decodes as if the member struct were decoded from the object itself
//   (the member has no field for the tag and ignores unknown fields, so the tag entry is
//   simply not passed on); duplicate fields are the member's error, wherever they stand;
// - an unknown tag gives the object as a `serde_json::Value` (duplicate keys: last wins,
//   as `Value` decides);
// - the tag must be there, once, and be a string; otherwise the error says so (unless the
//   union names a member for objects without it: see `Union::untagged`).
//
// Where several members share a tag value, the rest of the object is held too and the
// members are tried in turn (see `Whole`): only for that value, the others stay streamed.

/// A union whose members the generated code knows by the value of their tag.
pub trait Union<'de>: Sized {
    /// The tag field's wire name.
    const TAG: &'static str;

    /// Decodes the member that `rest.tag()` names from the rest of the object.
    fn member<A: MapAccess<'de>>(rest: Rest<'de, A>) -> Result<Self, A::Error>;

    /// Decodes an object without the tag: an error naming the tag, unless the union has a
    /// member for such objects (its tag field optional).
    fn untagged<E: de::Error>(_whole: Whole<'de, E>) -> Result<Self, E> {
        Err(E::missing_field(Self::TAG))
    }
}

/// The `Deserialize` of every union: scans the object for `U::TAG`, then lets the union
/// pick the member.
pub fn union<'de, U: Union<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_map(Scan(PhantomData))
}

struct Scan<U>(PhantomData<U>);

impl<'de, U: Union<'de>> Visitor<'de> for Scan<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` field", U::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let mut held = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == U::TAG {
                let tag = map.next_value_seed(TagSeed(U::TAG))?;
                return U::member(Rest { tag, tag_key: U::TAG, held, live: map });
            }
            held.push((key, map.next_value::<Held<'de>>()?));
        }
        U::untagged(Whole::new(held, None, U::TAG))
    }
}

/// An object whose tag has been read: the entries before it, held, and the live rest.
pub struct Rest<'de, A> {
    tag: Cow<'de, str>,
    tag_key: &'static str,
    held: Vec<(Cow<'de, str>, Held<'de>)>,
    live: A,
}

impl<'de, A: MapAccess<'de>> Rest<'de, A> {
    /// The tag's value.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Decodes the member from the held entries, then the rest of the live object.
    pub fn decode<T: serde::Deserialize<'de>>(self) -> Result<T, A::Error> {
        T::deserialize(Replay { held: self.held.into_iter(), value: None, live: self.live, tag_key: self.tag_key })
    }

    /// Decodes a member whose struct has a field for the tag (one shared by several unions,
    /// or used on its own): as [`decode`](Self::decode), with the tag entry passed on
    /// between the held entries and the live ones, where it stood.
    pub fn decode_tagged<T: serde::Deserialize<'de>>(mut self) -> Result<T, A::Error> {
        self.held.push((Cow::Borrowed(self.tag_key), Held::Str(self.tag)));
        T::deserialize(Replay { held: self.held.into_iter(), value: None, live: self.live, tag_key: self.tag_key })
    }

    /// Reads the rest of the object too, for a tag value several members share: they are
    /// then tried in turn on the held object.
    pub fn hold(mut self) -> Result<Whole<'de, A::Error>, A::Error> {
        while let Some(key) = self.live.next_key_seed(KeySeed)? {
            if key == self.tag_key {
                return Err(de::Error::duplicate_field(self.tag_key));
            }
            self.held.push((key, self.live.next_value()?));
        }
        Ok(Whole::new(self.held, Some(self.tag), self.tag_key))
    }

    /// The whole object, tag included, for a member this crate does not know.
    pub fn unknown(mut self) -> Result<serde_json::Value, A::Error> {
        let mut object = serde_json::Map::new();
        for (key, value) in self.held {
            object.insert(key.into_owned(), value.into_json());
        }
        object.insert(self.tag_key.to_owned(), serde_json::Value::String(self.tag.into_owned()));
        while let Some(key) = self.live.next_key_seed(KeySeed)? {
            if key == self.tag_key {
                return Err(de::Error::duplicate_field(self.tag_key));
            }
            object.insert(key.into_owned(), self.live.next_value()?);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// The member's view of the object: the held entries, then the live ones (a second tag
/// among those is an error, as in serde's own tagged enums).
struct Replay<'de, A> {
    held: std::vec::IntoIter<(Cow<'de, str>, Held<'de>)>,
    /// The value of the held key just returned, until the member asks for it.
    value: Option<Held<'de>>,
    live: A,
    tag_key: &'static str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.held.next() {
            self.value = Some(value);
            return seed.deserialize(HeldDe::<A::Error>::new(Held::Str(key))).map(Some);
        }
        self.live.next_key_seed(LiveKey { seed, tag_key: self.tag_key })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(HeldDe::new(value)),
            None => self.live.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.live.size_hint().map(|live| live + self.held.len())
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// A live key after the tag: rejected if it is the tag again, else handed to the member.
struct LiveKey<K> {
    seed: K,
    tag_key: &'static str,
}

impl<K> LiveKey<K> {
    fn check<E: de::Error>(&self, key: &str) -> Result<(), E> {
        if key == self.tag_key { Err(E::duplicate_field(self.tag_key)) } else { Ok(()) }
    }
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for LiveKey<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for LiveKey<K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<K::Value, E> {
        self.check(key)?;
        self.seed.deserialize(BorrowedStrDeserializer::new(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        self.check(key)?;
        self.seed.deserialize(StrDeserializer::new(key))
    }
}

/// Reads a key, borrowing it from the input when the input allows.
pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Reads the tag's value, which must be a string; the error names what it was instead.
struct TagSeed(&'static str);

impl TagSeed {
    fn not_a_string<T, E: de::Error>(&self, found: &str) -> Result<T, E> {
        Err(E::custom(format_args!("the `{}` field must be a string, found {found}", self.0)))
    }
}

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the `{}` field as a string", self.0)
    }

    fn visit_borrowed_str<E: de::Error>(self, tag: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(tag))
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(tag.to_owned()))
    }

    fn visit_string<E: de::Error>(self, tag: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(tag))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.not_a_string("null")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.not_a_string("a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        self.not_a_string("a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        self.not_a_string("a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        self.not_a_string("a number")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, _: S) -> Result<Self::Value, S::Error> {
        self.not_a_string("an array")
    }

    fn visit_map<M: MapAccess<'de>>(self, _: M) -> Result<Self::Value, M::Error> {
        self.not_a_string("an object")
    }
}
