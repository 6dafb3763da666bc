//! Mutations of a good spec: as a YAML tree (entries deleted, renamed, duplicated, nodes
//! replaced by any YAML or by other parts of the same spec, type names swapped) and as text.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_yaml::{Mapping, Value};

use super::yaml_trees::{name, yaml};

/// A change to one node of a spec tree, nodes chosen by indices into the tree's nodes.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// A mapping loses an entry.
    Delete(usize, usize),
    /// A mapping's key is renamed, in place.
    Rename(usize, usize, String),
    /// A node becomes any YAML value.
    Replace(usize, Value),
    /// A node becomes a copy of another node of the same spec.
    Graft(usize, usize),
    /// A mapping entry is copied under another key; a list element is repeated.
    Duplicate(usize, usize, String),
    /// A string scalar becomes (an expression of) a type name the spec defines.
    TypeName(usize, usize, usize),
    /// A string scalar (a value, a tag, a description, a name) becomes another string.
    Text(usize, String),
}

pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let at = || any::<usize>();
    let mutation = prop_oneof![
        (at(), at()).prop_map(|(n, k)| Mutation::Delete(n, k)),
        (at(), at(), name()).prop_map(|(n, k, new)| Mutation::Rename(n, k, new)),
        (at(), yaml(2)).prop_map(|(n, v)| Mutation::Replace(n, v)),
        (at(), at()).prop_map(|(from, to)| Mutation::Graft(from, to)),
        (at(), at(), name()).prop_map(|(n, k, new)| Mutation::Duplicate(n, k, new)),
        (at(), at(), at()).prop_map(|(n, a, b)| Mutation::TypeName(n, a, b)),
        (at(), name()).prop_map(|(n, text)| Mutation::Text(n, text)),
    ];
    vec(mutation, 1..5)
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Sequence(items) => items.iter().map(count).sum(),
        Value::Mapping(map) => map.values().map(count).sum(),
        Value::Tagged(tagged) => count(&tagged.value),
        _ => 0,
    }
}

/// The `n`th node in pre-order, `n` taken modulo the number of nodes.
fn node(value: &mut Value, n: usize) -> &mut Value {
    let n = n % count(value);
    nth(value, n).unwrap_or_else(|| unreachable!("n is below the node count"))
}

fn nth(value: &mut Value, mut n: usize) -> Option<&mut Value> {
    if n == 0 {
        return Some(value);
    }
    n -= 1;
    let children: Vec<&mut Value> = match value {
        Value::Sequence(items) => items.iter_mut().collect(),
        Value::Mapping(map) => map.values_mut().collect(),
        Value::Tagged(tagged) => vec![&mut tagged.value],
        _ => return None,
    };
    for child in children {
        let size = count(child);
        if n < size {
            return nth(child, n);
        }
        n -= size;
    }
    None
}

/// The names under `types`, for type-name swaps.
fn type_names(spec: &Value) -> Vec<String> {
    let types = spec.get("types").and_then(Value::as_mapping);
    types.into_iter().flat_map(|m| m.keys()).filter_map(|k| k.as_str().map(str::to_owned)).collect()
}

pub fn apply(spec: &mut Value, mutations: &[Mutation]) {
    for mutation in mutations {
        match mutation {
            Mutation::Delete(n, k) => {
                if let Value::Mapping(map) = node(spec, *n) {
                    let key = map.keys().nth(k % map.len().max(1)).cloned();
                    key.map(|key| map.remove(&key));
                }
            }
            Mutation::Rename(n, k, new) => {
                if let Value::Mapping(map) = node(spec, *n) {
                    let at = k % map.len().max(1);
                    let renamed: Mapping = std::mem::take(map)
                        .into_iter()
                        .enumerate()
                        .map(|(i, (key, v))| if i == at { (Value::String(new.clone()), v) } else { (key, v) })
                        .collect();
                    *map = renamed;
                }
            }
            Mutation::Replace(n, value) => *node(spec, *n) = value.clone(),
            Mutation::Graft(from, to) => {
                let copy = node(spec, *from).clone();
                *node(spec, *to) = copy;
            }
            Mutation::Duplicate(n, k, new) => match node(spec, *n) {
                Value::Mapping(map) => {
                    if let Some(v) = map.values().nth(k % map.len().max(1)).cloned() {
                        map.insert(Value::String(new.clone()), v);
                    }
                }
                Value::Sequence(items) => {
                    if let Some(v) = items.get(k % items.len().max(1)).cloned() {
                        items.push(v);
                    }
                }
                _ => {}
            },
            Mutation::TypeName(n, a, b) => {
                let names = type_names(spec);
                let (Some(a), Some(b)) = (names.get(a % names.len().max(1)), names.get(b % names.len().max(1))) else {
                    continue;
                };
                let expression = match n % 4 {
                    0 => a.clone(),
                    1 => format!("array<{a}>"),
                    2 => format!("map<{a}>"),
                    _ => format!("{a}<{b}>"),
                };
                if let Some(node) = nth_string(spec, *n) {
                    *node = expression;
                }
            }
            Mutation::Text(n, text) => {
                if let Some(node) = nth_string(spec, *n) {
                    *node = text.clone();
                }
            }
        }
    }
}

/// The `n`th string scalar in pre-order, `n` taken modulo their number; `None` if there is none.
fn nth_string(value: &mut Value, n: usize) -> Option<&mut String> {
    let mut strings = Vec::new();
    collect_strings(value, &mut strings);
    let count = strings.len();
    strings.into_iter().nth(n % count.max(1))
}

fn collect_strings<'a>(value: &'a mut Value, out: &mut Vec<&'a mut String>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Sequence(items) => items.iter_mut().for_each(|v| collect_strings(v, out)),
        Value::Mapping(map) => map.values_mut().for_each(|v| collect_strings(v, out)),
        Value::Tagged(tagged) => collect_strings(&mut tagged.value, out),
        _ => {}
    }
}

/// A change to a spec's text, at a character chosen by an index.
#[derive(Debug, Clone)]
pub enum TextEdit {
    /// Characters that mean something to YAML (or to a reader of positions) inserted.
    Insert(usize, String),
    Delete(usize, usize),
    /// A line repeated right after itself: a duplicated key, most often.
    RepeatLine(usize),
}

pub fn text_edits() -> impl Strategy<Value = Vec<TextEdit>> {
    #[rustfmt::skip]
    let special = vec![
        ':', '-', ' ', '\t', '\n', '\r', '\'', '"', '{', '}', '[', ']', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`',
        '<', 'a', 'é', '😀', '\u{feff}',
    ];
    let inserted = vec(select(special), 1..4).prop_map(String::from_iter);
    let edit = prop_oneof![
        (any::<usize>(), inserted).prop_map(|(at, s)| TextEdit::Insert(at, s)),
        (any::<usize>(), 1usize..6).prop_map(|(at, n)| TextEdit::Delete(at, n)),
        any::<usize>().prop_map(TextEdit::RepeatLine),
    ];
    vec(edit, 1..4)
}

/// `text` with `edits` applied in order; positions count characters, so no edit splits one.
pub fn apply_text(text: &str, edits: &[TextEdit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let (TextEdit::Insert(at, _) | TextEdit::Delete(at, _) | TextEdit::RepeatLine(at)) = edit;
        let at = at % (chars.len() + 1);
        match edit {
            TextEdit::Insert(_, s) => {
                chars.splice(at..at, s.chars());
            }
            TextEdit::Delete(_, n) => {
                chars.drain(at..(at + n).min(chars.len()));
            }
            TextEdit::RepeatLine(_) => {
                let start = chars[..at].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
                let end = chars[at..].iter().position(|c| *c == '\n').map_or(chars.len(), |i| at + i + 1);
                let line: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, line);
            }
        }
    }
    String::from_iter(chars)
}
