//! A whole object held for a union that cannot stream it: a tag value several members share
//! (each tried in turn, in the spec's order, among those a second field selects), or an
//! object without its tag (the union's member for such objects).

use std::borrow::Cow;

use serde::de;

use super::held::{Held, HeldDe};

/// The object's entries, its tag (when it had one) kept apart.
pub struct Whole<'de, E> {
    entries: Vec<(Cow<'de, str>, Held<'de>)>,
    tag: Option<Cow<'de, str>>,
    tag_key: &'static str,
    /// The first error of a member that was tried: reported if none decodes.
    first_error: Option<E>,
}

impl<'de, E: de::Error> Whole<'de, E> {
    pub(super) fn new(
        entries: Vec<(Cow<'de, str>, Held<'de>)>,
        tag: Option<Cow<'de, str>>,
        tag_key: &'static str,
    ) -> Self {
        Whole { entries, tag, tag_key, first_error: None }
    }

    /// Tries the member `T` when the object's `by` field is a string among `values`: the
    /// member if it decodes; `None` if it is not selected or fails (the first failure is kept
    /// for [`finish`](Self::finish)). `carries_tag`: the member's struct has a field for the tag.
    pub fn attempt<T: serde::Deserialize<'de>>(&mut self, by: &str, values: &[&str], carries_tag: bool) -> Option<T> {
        let selected = self.entries.iter().find(|(key, _)| key == by).is_some_and(|(_, value)| match value {
            Held::Str(value) => values.contains(&value.as_ref()),
            _ => false,
        });
        if !selected {
            return None;
        }
        let mut entries = self.entries.clone();
        if let (true, Some(tag)) = (carries_tag, &self.tag) {
            entries.push((Cow::Borrowed(self.tag_key), Held::Str(tag.clone())));
        }
        match T::deserialize(HeldDe::<E>::new(Held::Map(entries))) {
            Ok(member) => Some(member),
            Err(error) => {
                self.first_error.get_or_insert(error);
                None
            }
        }
    }

    /// Decodes the object, which has no tag, as the union's member for such objects.
    pub fn decode<T: serde::Deserialize<'de>>(self) -> Result<T, E> {
        T::deserialize(HeldDe::<E>::new(Held::Map(self.entries)))
    }

    /// After every attempt failed: the first selected member's error, or, when the `by`
    /// field selected none (a value added later, or none at all), the whole object for
    /// the union's `Unknown`.
    pub fn finish(self) -> Result<serde_json::Value, E> {
        if let Some(error) = self.first_error {
            return Err(error);
        }
        let mut object = serde_json::Map::new();
        for (key, value) in self.entries {
            object.insert(key.into_owned(), value.into_json());
        }
        if let Some(tag) = self.tag {
            object.insert(self.tag_key.to_owned(), serde_json::Value::String(tag.into_owned()));
        }
        Ok(serde_json::Value::Object(object))
    }
}
