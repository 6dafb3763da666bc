//! Checking a request body before it is sent: where in the JSON a value sits
//! ([`JsonPath`]), and the trait generated models implement when something in them has a
//! rule ([`Validate`]).
//!
//! A path is a chain of borrowed steps on the stack, so checking a valid body allocates
//! nothing; the text (`messages[2].content`, `metadata.owner`) is written only for an error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use crate::request::ValidationError;

/// Where a value sits in a JSON document, from the root: `messages[2].content`.
#[derive(Debug, Clone, Copy)]
pub struct JsonPath<'a> {
    parent: Option<&'a JsonPath<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> JsonPath<'a> {
    /// The document itself.
    pub const ROOT: JsonPath<'static> = JsonPath { parent: None, step: Step::Root };

    /// The field `name` of the object here.
    pub fn field(&'a self, name: &'a str) -> JsonPath<'a> {
        JsonPath { parent: Some(self), step: Step::Field(name) }
    }

    /// The element `index` of the array here.
    pub fn index(&'a self, index: usize) -> JsonPath<'a> {
        JsonPath { parent: Some(self), step: Step::Index(index) }
    }

    /// The value under `key` of the map here.
    pub fn key(&'a self, key: &'a str) -> JsonPath<'a> {
        JsonPath { parent: Some(self), step: Step::Key(key) }
    }
}

/// Written as `serde_path_to_error` writes the paths of decode errors: `a.b[0].c`, a map key
/// as `.key`, or quoted (`["a key"]`) when it is not a plain name; the root alone is `.`.
impl fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(path) = at {
            steps.push(path.step);
            at = path.parent;
        }
        let mut first = true;
        for step in steps.iter().rev() {
            match step {
                Step::Root => continue,
                Step::Field(name) => write_name(f, name, first)?,
                Step::Key(key) if is_plain(key) => write_name(f, key, first)?,
                Step::Key(key) => write!(f, "[{}]", serde_json::Value::from(*key))?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
            first = false;
        }
        if first { f.write_char('.') } else { Ok(()) }
    }
}

fn write_name(f: &mut fmt::Formatter<'_>, name: &str, first: bool) -> fmt::Result {
    if !first {
        f.write_char('.')?;
    }
    f.write_str(name)
}

fn is_plain(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// What a [`ValidationError`] names: a parameter's wire name, or a value's place in a body.
pub trait Location {
    /// The name as the error shows it.
    fn describe(&self) -> Cow<'static, str>;
}

impl Location for &'static str {
    fn describe(&self) -> Cow<'static, str> {
        Cow::Borrowed(self)
    }
}

impl Location for JsonPath<'_> {
    fn describe(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// A value with rules from the spec (lengths, bounds, item counts, map limits), checked
/// before a request carrying it is sent.
///
/// Generated models implement it where something in them has a rule; a request builder's
/// `validate` checks its whole body with it, naming the JSON path of the first value that
/// breaks one.
pub trait Validate {
    /// Checks the value, which sits at `at` in the document.
    fn validate_at(&self, at: &JsonPath<'_>) -> Result<(), ValidationError>;

    /// Checks the value as a whole document.
    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_at(&JsonPath::ROOT)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: &JsonPath<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |value| value.validate_at(at))
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, at: &JsonPath<'_>) -> Result<(), ValidationError> {
        T::validate_at(self, at)
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: &JsonPath<'_>) -> Result<(), ValidationError> {
        self.iter().enumerate().try_for_each(|(i, item)| item.validate_at(&at.index(i)))
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_at(&self, at: &JsonPath<'_>) -> Result<(), ValidationError> {
        self.iter().try_for_each(|(key, value)| value.validate_at(&at.key(key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_decode_error_paths() {
        let root = JsonPath::ROOT;
        assert_eq!(root.to_string(), ".");
        let messages = root.field("messages");
        let second = messages.index(2);
        assert_eq!(second.field("content").to_string(), "messages[2].content");
        let metadata = root.field("metadata");
        assert_eq!(metadata.key("owner").to_string(), "metadata.owner");
        assert_eq!(metadata.key("a \"b\"").to_string(), r#"metadata["a \"b\""]"#);
        assert_eq!(root.index(0).to_string(), "[0]");
    }
}
