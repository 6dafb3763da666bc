//! Reading YAML mappings with located errors: the parse stage's vocabulary.

use serde_yaml::{Mapping, Value};

use crate::ast::Spanned;
use crate::diagnostics::{Diagnostics, suggest};
use crate::node_path::NodePath;
use crate::values::Constraints;

/// A YAML mapping being read, with its path for errors.
pub(super) struct Obj<'a> {
    map: &'a Mapping,
    pub path: NodePath,
}

/// The YAML kind of a value, for "expected X, found Y" messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

impl<'a> Obj<'a> {
    /// `value` as a mapping, or an error saying what `what` should have been, with `hint`
    /// (how to write it) unless the value is a list or the document itself.
    pub fn new(value: &'a Value, path: &NodePath, what: &str, hint: &str, d: &mut Diagnostics) -> Option<Self> {
        match value {
            Value::Mapping(map) => Some(Self { map, path: path.clone() }),
            other => {
                let hint = match other {
                    _ if path.segments().is_empty() => ROOT_HINT,
                    Value::Sequence(_) => "write its entries as `key: value`, without `- `",
                    _ => hint,
                };
                d.error(path, format!("{what} must be a mapping, found {}", kind(other)), Some(hint.to_owned()));
                None
            }
        }
    }

    /// The entries in written order; a key that is not a string is reported and skipped.
    pub fn entries(&self, d: &mut Diagnostics) -> Vec<(&'a str, &'a Value, NodePath)> {
        let mut out = Vec::new();
        for (key, value) in self.map {
            match key {
                Value::String(key) => out.push((key.as_str(), value, self.path.key(key))),
                other => d.error(
                    &self.path,
                    format!("keys must be strings, found {}", kind(other)),
                    Some(format!("quote the key: \"{}\"", scalar_text(other))),
                ),
            }
        }
        out
    }

    /// Reports every key not in `allowed`, with the nearest allowed key as a hint.
    pub fn known(&self, allowed: &[&str], d: &mut Diagnostics) {
        for (key, _, path) in self.entries(&mut Diagnostics::default()) {
            if !allowed.contains(&key) {
                d.error(&path, format!("unknown key `{key}`"), Some(suggest(key, allowed)));
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<(&'a Value, NodePath)> {
        self.map.get(key).map(|v| (v, self.path.key(key)))
    }

    /// The value of `key`, or an error with `hint` (what to add) when it is missing.
    pub fn required(&self, key: &str, hint: &str, d: &mut Diagnostics) -> Option<(&'a Value, NodePath)> {
        let found = self.get(key);
        if found.is_none() {
            d.error(&self.path, format!("missing required key `{key}`"), Some(hint.to_owned()));
        }
        found
    }

    pub fn string(&self, key: &str, d: &mut Diagnostics) -> Option<String> {
        self.spanned_string(key, d).map(|s| s.value)
    }

    pub fn spanned_string(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<String>> {
        let (value, path) = self.get(key)?;
        string_value(value, &path, d).map(|value| Spanned { value, path })
    }

    pub fn required_string(&self, key: &str, hint: &str, d: &mut Diagnostics) -> Option<Spanned<String>> {
        let (value, path) = self.required(key, hint, d)?;
        string_value(value, &path, d).map(|value| Spanned { value, path })
    }

    /// A description: trailing whitespace trimmed, so `>` and `|` blocks read the same.
    pub fn description(&self, d: &mut Diagnostics) -> Option<String> {
        self.string("description", d).map(|s| s.trim_end().to_owned())
    }

    /// `deprecated: <message>`, or `deprecated: true` for no message.
    pub fn deprecated(&self, d: &mut Diagnostics) -> Option<String> {
        let (value, path) = self.get("deprecated")?;
        match value {
            Value::Bool(true) => Some(String::new()),
            Value::Bool(false) => None,
            Value::String(message) => Some(message.trim_end().to_owned()),
            other => {
                d.error(
                    &path,
                    format!("`deprecated` must be a message or `true`, found {}", kind(other)),
                    Some("write what to use instead, e.g. `deprecated: Use listThings instead.`, or `true`".into()),
                );
                None
            }
        }
    }

    pub fn bool(&self, key: &str, d: &mut Diagnostics) -> bool {
        match self.get(key) {
            None => false,
            Some((Value::Bool(b), _)) => *b,
            Some((other, path)) => {
                let hint = match other {
                    Value::String(_) => "write `true` or `false`, without quotes".to_owned(),
                    _ => format!("write `{key}: true`, or leave the key out for `false`"),
                };
                d.error(&path, format!("`{key}` must be `true` or `false`, found {}", describe(other)), Some(hint));
                false
            }
        }
    }

    pub fn u64(&self, key: &str, d: &mut Diagnostics) -> Option<u64> {
        let (value, path) = self.get(key)?;
        match value.as_u64() {
            Some(n) => Some(n),
            None => {
                let hint = number_hint(key, value, true);
                d.error(&path, format!("`{key}` must be a whole number ≥ 0, found {}", describe(value)), Some(hint));
                None
            }
        }
    }

    pub fn f64(&self, key: &str, d: &mut Diagnostics) -> Option<f64> {
        let (value, path) = self.get(key)?;
        match value.as_f64() {
            Some(n) => Some(n),
            None => {
                let hint = number_hint(key, value, false);
                d.error(&path, format!("`{key}` must be a number, found {}", describe(value)), Some(hint));
                None
            }
        }
    }

    pub fn constraints(&self, d: &mut Diagnostics) -> Constraints {
        Constraints {
            minimum: self.f64("minimum", d),
            maximum: self.f64("maximum", d),
            min_length: self.u64("min_length", d),
            max_length: self.u64("max_length", d),
            min_items: self.u64("min_items", d),
            max_items: self.u64("max_items", d),
        }
    }
}

/// What a spec looks like at the top, for errors about the document itself.
pub(super) const ROOT_HINT: &str =
    "a spec is a mapping with the keys `api`, `types` and (optionally) `operations`; see spec/README.md";

/// Keys every constraint-bearing node accepts.
pub(super) const CONSTRAINT_KEYS: [&str; 6] =
    ["minimum", "maximum", "min_length", "max_length", "min_items", "max_items"];

pub(super) fn string_value(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        other => {
            let hint = match other {
                Value::Number(_) | Value::Bool(_) => format!("quote it: \"{}\"", scalar_text(other)),
                Value::Null => "write the value here; for the text null, quote it: \"null\"".to_owned(),
                _ => "write it as one string, quoted if it starts with `[`, `{` or `!`".to_owned(),
            };
            d.error(path, format!("expected a string, found {}", describe(other)), Some(hint));
            None
        }
    }
}

/// How to write `key` as a number (`whole`: a count): without the quotes if it was a
/// quoted number, else an example.
fn number_hint(key: &str, value: &Value, whole: bool) -> String {
    let valid = |s: &str| if whole { s.parse::<u64>().is_ok() } else { s.parse::<f64>().is_ok() };
    match value {
        Value::String(s) if valid(s.trim()) => format!("remove the quotes: `{key}: {}`", s.trim()),
        _ => {
            let example = if key.starts_with("max") { 100 } else { u8::from(whole) };
            format!("write a number such as `{key}: {example}`, or leave the key out when there is no limit")
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        _ => "...".to_owned(),
    }
}

/// The kind of a value, with the value itself when it is a short scalar.
fn describe(value: &Value) -> String {
    match value {
        Value::Bool(_) | Value::Number(_) => format!("{} ({})", kind(value), scalar_text(value)),
        Value::String(s) if s.chars().count() <= 40 => format!("a string (\"{s}\")"),
        other => kind(other).to_owned(),
    }
}
