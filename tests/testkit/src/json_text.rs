//! JSON text for the properties: objects written with their keys in any order (a union's tag
//! first, last or in between: `serde_json::Value` would always sort them), and edits of JSON
//! values and of raw text that make near-valid inputs.

use proptest::prelude::*;
use serde_json::Value;

use crate::spec_values::{json, string};

/// `value` as compact JSON text, each object's keys in an order drawn from `seed`.
pub fn shuffled(value: &Value, seed: u64) -> String {
    let mut out = String::new();
    let mut state = seed;
    write(value, &mut state, &mut out);
    out
}

fn write(value: &Value, state: &mut u64, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, state, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // Fisher-Yates with splitmix64: any permutation, reproducible from the seed.
            for i in (1..entries.len()).rev() {
                let j = usize::try_from(next(state) % (i as u64 + 1)).unwrap_or(0);
                entries.swap(i, j);
            }
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write(item, state, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A change to one node of a JSON value, the node chosen by an index into its nodes.
#[derive(Debug, Clone)]
pub enum Edit {
    /// The node becomes another value (of any kind).
    Replace(usize, Value),
    /// An object loses one of its entries (chosen by the second index).
    Remove(usize, usize),
    /// An object gains (or changes) an entry.
    Insert(usize, String, Value),
    /// The node is wrapped in an array.
    Wrap(usize),
}

pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), json(2)).prop_map(|(at, v)| Edit::Replace(at, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(at, key)| Edit::Remove(at, key)),
        (any::<usize>(), string(None, None), json(1)).prop_map(|(at, k, v)| Edit::Insert(at, k, v)),
        any::<usize>().prop_map(Edit::Wrap),
    ];
    proptest::collection::vec(edit, 1..4)
}

/// Applies `edits` in order to `value`.
pub fn apply(value: &mut Value, edits: &[Edit]) {
    for edit in edits {
        let (Edit::Replace(at, _) | Edit::Remove(at, _) | Edit::Insert(at, _, _) | Edit::Wrap(at)) = edit;
        let count = nodes(value);
        let Some(node) = nth(value, at % count) else { continue };
        match edit {
            Edit::Replace(_, new) => *node = new.clone(),
            Edit::Remove(_, key) => {
                if let Value::Object(map) = node {
                    if let Some(key) = map.keys().nth(key % map.len().max(1)).cloned() {
                        map.remove(&key);
                    }
                }
            }
            Edit::Insert(_, key, new) => {
                if let Value::Object(map) = node {
                    map.insert(key.clone(), new.clone());
                }
            }
            Edit::Wrap(_) => *node = Value::Array(vec![node.take()]),
        }
    }
}

fn nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(nodes).sum(),
        Value::Object(map) => map.values().map(nodes).sum(),
        _ => 0,
    }
}

/// The `n`th node in pre-order (0 is `value` itself).
fn nth(value: &mut Value, mut n: usize) -> Option<&mut Value> {
    if n == 0 {
        return Some(value);
    }
    n -= 1;
    let children: Box<dyn Iterator<Item = &mut Value>> = match value {
        Value::Array(items) => Box::new(items.iter_mut()),
        Value::Object(map) => Box::new(map.values_mut()),
        _ => return None,
    };
    for child in children {
        let size = nodes(child);
        if n < size {
            return nth(child, n);
        }
        n -= size;
    }
    None
}

/// A change to raw text, at a byte offset chosen by an index.
#[derive(Debug, Clone)]
pub enum ByteEdit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    /// A span copied to just after itself: duplicated keys, entries, brackets.
    Duplicate(usize, usize),
    Truncate(usize),
}

pub fn byte_edits() -> impl Strategy<Value = Vec<ByteEdit>> {
    let edit = prop_oneof![
        (any::<usize>(), 1usize..8).prop_map(|(at, n)| ByteEdit::Delete(at, n)),
        (any::<usize>(), json_bytes(6)).prop_map(|(at, bytes)| ByteEdit::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| ByteEdit::Duplicate(at, n)),
        any::<usize>().prop_map(ByteEdit::Truncate),
    ];
    proptest::collection::vec(edit, 1..5)
}

/// Applies `edits` in order to `text`.
pub fn apply_bytes(text: &mut Vec<u8>, edits: &[ByteEdit]) {
    for edit in edits {
        let at = |i: usize| i % (text.len() + 1);
        match edit {
            ByteEdit::Delete(i, n) => {
                let start = at(*i);
                text.drain(start..(start + n).min(text.len()));
            }
            ByteEdit::Insert(i, bytes) => {
                let start = at(*i);
                text.splice(start..start, bytes.iter().copied());
            }
            ByteEdit::Duplicate(i, n) => {
                let start = at(*i);
                let span: Vec<u8> = text[start..(start + n).min(text.len())].to_vec();
                let end = start + span.len();
                text.splice(end..end, span);
            }
            ByteEdit::Truncate(i) => text.truncate(at(*i)),
        }
    }
}

/// Short byte strings, mostly JSON's own punctuation, digits and literals, sometimes any byte
/// (invalid UTF-8 included).
pub fn json_bytes(most: usize) -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        4 => proptest::sample::select(b"{}[]\":,0123456789.eE+-\\/ tfnrula".to_vec()),
        1 => any::<u8>(),
    ];
    proptest::collection::vec(token, 0..=most)
}
