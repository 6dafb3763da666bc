//! [`UnknownFields`]: what an object with `keep_unknown_fields` holds of the fields its spec
//! does not know, so that it encodes back with them (a proxy or a cache passes a response
//! through unchanged).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde_json::Value;

/// The fields of an object that the spec does not name, in the order they were sent.
///
/// A generated struct keeps them in its `unknown_fields` field (only when the spec says
/// `keep_unknown_fields: true`) and writes them after its known fields when encoding. Values
/// are kept as [`serde_json::Value`]s: each encodes as the same JSON value, numbers with the
/// same value (`1.50` comes back as `1.5`, `1e2` as `100.0`) and strings with the same text.
/// A name sent twice is kept twice, as sent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnknownFields(Vec<(String, Value)>);

impl UnknownFields {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields with their values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// The value of the field `name`; of its last occurrence if it was sent twice, as a JSON
    /// decoder reads it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, value)| value)
    }

    /// Sets the field `name`: in place of its last occurrence if there is one (whose value is
    /// returned), else at the end.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        let name = name.into();
        match self.0.iter_mut().rev().find(|(n, _)| *n == name) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((name, value));
                None
            }
        }
    }

    /// Removes every occurrence of the field `name`, returning the last one's value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let mut removed = None;
        self.0.retain_mut(|(n, value)| {
            if n != name {
                return true;
            }
            removed = Some(std::mem::take(value));
            false
        });
        removed
    }
}

impl FromIterator<(String, Value)> for UnknownFields {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(fields: I) -> Self {
        UnknownFields(fields.into_iter().collect())
    }
}

impl IntoIterator for UnknownFields {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Each field in order; within a generated struct (`#[serde(flatten)]`), after its known ones.
impl serde::Serialize for UnknownFields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for UnknownFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = UnknownFields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object's fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UnknownFields, A::Error> {
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(UnknownFields(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_order_and_duplicates() {
        let text = r#"{"z":1,"a":[true,null],"z":"again"}"#;
        let fields: UnknownFields = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(serde_json::to_string(&fields).ok().as_deref(), Some(text));
        assert_eq!(fields.get("z"), Some(&Value::from("again")));
        let mut fields = fields;
        assert_eq!(fields.insert("a", Value::Null), Some(serde_json::json!([true, null])));
        assert_eq!(fields.remove("z"), Some(Value::from("again")));
        assert_eq!(fields.iter().collect::<Vec<_>>(), [("a", &Value::Null)]);
    }
}
