//! An OpenAPI document as read: JSON's data model with object keys kept in document order
//! (a schema's `properties` order is its fields' order) and integers of any size.
//!
//! Neither `serde_yaml::Value` nor `serde_json::Value` will do: OpenAI's document holds two
//! integers beyond `i64` (`±9223372036854776000`), which serde_yaml hands over as `i128` and
//! `serde_json::Value` refuses ("number out of range"), and `serde_json::Value` sorts keys.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A value of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Every integer the reader gives, `i128` included (YAML's and JSON's big integers).
    Int(i128),
    Float(f64),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// An object: its entries in document order. Keys are unique (the reader refuses duplicates).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    entries: Vec<(String, Value)>,
}

impl Object {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    /// Removes a key (the importer's working copies only; the document is never changed).
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Value {
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// `key` of an object; `None` for a missing key or a value that is no object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// `key` as a string, when it is one.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    /// What this value is, in the words of an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value as JSON text (compact), for examples and reports. Integers beyond `i64`
    /// are written as they were read.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&serde_json::Number::from_f64(*f).map_or("null".into(), |n| n.to_string())),
            Value::String(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Object(o) => {
                out.push('{');
                for (i, (k, v)) in o.entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::String(k.clone()).to_string());
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        // Beyond i128 only a float can hold it (its value, not every digit).
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<(String, Value)> = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<Key>()? {
            if !seen.insert(key.0.clone()) {
                return Err(de::Error::custom(format_args!("duplicate key `{}`", key.0)));
            }
            let value = map.next_value()?;
            entries.push((key.0, value));
        }
        Ok(Value::Object(Object { entries }))
    }
}

/// An object key: YAML allows keys that are not strings (`200:` is an integer); OpenAPI's
/// are strings, so scalars are taken as their text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean as an object key")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key, E> {
                Ok(Key(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// A JSON pointer (RFC 6901) into the document, built as the importer descends: every
/// import error and every line of the coverage report names one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// This pointer with one more reference token (escaped: `~` → `~0`, `/` → `~1`).
    pub fn push(&self, token: impl fmt::Display) -> Pointer {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{token}", self.0))
    }

    /// Parses a `$ref`'s fragment (`#/components/schemas/X`) into a pointer.
    pub fn from_fragment(reference: &str) -> Option<Pointer> {
        let rest = reference.strip_prefix('#')?;
        if !(rest.is_empty() || rest.starts_with('/')) {
            return None;
        }
        Some(Pointer(rest.to_owned()))
    }

    /// The pointer one level up (the root's parent is the root).
    pub fn parent(&self) -> Pointer {
        Pointer(self.0.rfind('/').map_or(String::new(), |at| self.0[..at].to_owned()))
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The empty pointer (the whole document) reads better as `/`.
        f.write_str(if self.0.is_empty() { "/" } else { &self.0 })
    }
}

impl Value {
    /// The value a pointer names, if any.
    pub fn pointee(&self, pointer: &Pointer) -> Option<&Value> {
        let mut here = self;
        for token in pointer.tokens() {
            here = match here {
                Value::Object(o) => o.get(&token)?,
                Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(here)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_i64_are_kept_and_keys_keep_their_order() {
        let yaml = "b: 1\na: -9223372036854776000\nc: [1.5, ~, x]\n200: ok\n";
        let value: Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string()).unwrap_or(Value::Null);
        let object = value.as_object().map(|o| o.keys().collect::<Vec<_>>());
        assert_eq!(object, Some(vec!["b", "a", "c", "200"]));
        assert_eq!(value.get("a"), Some(&Value::Int(-9223372036854776000)));
        assert_eq!(value.to_json(), r#"{"b":1,"a":-9223372036854776000,"c":[1.5,null,"x"],"200":"ok"}"#);
    }

    #[test]
    fn a_duplicate_key_is_an_error_naming_it() {
        let error = serde_json::from_str::<Value>(r#"{"a": 1, "a": 2}"#).map(|_| ()).map_err(|e| e.to_string());
        assert!(error.as_ref().is_err_and(|e| e.contains("duplicate key `a`")), "{error:?}");
    }

    #[test]
    fn pointers_escape_and_resolve() {
        let doc: Value =
            serde_json::from_str(r#"{"paths": {"/a/{id}": {"get": [0, {"x~y": 7}]}}}"#).unwrap_or(Value::Null);
        let p = Pointer::root().push("paths").push("/a/{id}").push("get").push(1).push("x~y");
        assert_eq!(p.as_str(), "/paths/~1a~1{id}/get/1/x~0y");
        assert_eq!(doc.pointee(&p), Some(&Value::Int(7)));
        assert_eq!(Pointer::from_fragment("#/paths/~1a~1{id}/get/1/x~0y"), Some(p));
        assert_eq!(Pointer::from_fragment("other.yaml#/x"), None);
    }
}
