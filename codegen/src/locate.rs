//! Finds the line and column of a node path in a spec's source text.
//!
//! serde_yaml reports positions only for syntax errors, and the YAML tree it returns
//! carries none. Specs are block-style YAML, so positions are recovered from the text:
//! each line is split into its indentation, any `- ` sequence markers, and a `key:`.
//! Where a path ends inside a flow collection (`{ a: 1 }`), the position of the nearest
//! enclosing node that has its own line is returned: "where known" in the error text.

use crate::node_path::Seg;

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// One logical entry of the block structure.
#[derive(Debug)]
struct Entry<'a> {
    line: usize,
    indent: usize,
    /// `None` for a `- ` sequence marker, `Some(text)` for the content after indentation.
    text: Option<&'a str>,
}

fn entries(source: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (line_no, line) in source.lines().enumerate() {
        let mut indent = line.chars().take_while(|c| *c == ' ').count();
        let mut rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') || rest.starts_with("---") {
            continue;
        }
        // `- - key: v` holds two markers and then a key, each deeper than the last.
        while let Some(after) = rest.strip_prefix('-').filter(|a| a.is_empty() || a.starts_with(' ')) {
            out.push(Entry { line: line_no + 1, indent, text: None });
            let spaces = after.chars().take_while(|c| *c == ' ').count();
            indent += 1 + spaces;
            rest = &after[spaces..];
        }
        if !rest.is_empty() && !rest.starts_with('#') {
            out.push(Entry { line: line_no + 1, indent, text: Some(rest) });
        }
    }
    out
}

/// The key that `text` starts with, if it is a `key:` line.
fn key_of(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quoted) = text.strip_prefix('"') {
        let end = quoted.find('"')?;
        (&quoted[..end], &quoted[end + 1..])
    } else if let Some(quoted) = text.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        (&quoted[..end], &quoted[end + 1..])
    } else {
        let end = text.match_indices(':').map(|(i, _)| i).find(|&i| {
            let next = text[i + 1..].chars().next();
            next.is_none() || next == Some(' ')
        })?;
        (text[..end].trim_end(), &text[end..])
    };
    let value = rest.trim_start().strip_prefix(':')?;
    Some((key, value.trim()))
}

/// The location of `path` in `source`, as far down the path as the text shows it.
pub fn locate(source: &str, path: &[Seg]) -> Option<Location> {
    locate_nth(source, path, 0)
}

/// Like [`locate`], but the last key of `path` is its `(nth + 1)`-th occurrence under its
/// parent: where a duplicated key is written the second time.
pub fn locate_repeat(source: &str, path: &[Seg]) -> Option<Location> {
    locate_nth(source, path, 1)
}

fn locate_nth(source: &str, path: &[Seg], nth_last: usize) -> Option<Location> {
    let all = entries(source);
    let (mut lo, mut hi) = (0, all.len());
    let mut found: Option<Location> = None;
    for (depth, seg) in path.iter().enumerate() {
        let first = all.get(lo).filter(|_| lo < hi)?;
        let child_indent = first.indent;
        let pick = match seg {
            Seg::Key(want) => {
                let nth = if depth + 1 == path.len() { nth_last } else { 0 };
                (lo..hi)
                    .filter(|&i| {
                        let e = &all[i];
                        e.indent == child_indent && e.text.and_then(key_of).is_some_and(|(k, _)| k == want)
                    })
                    .nth(nth)
            }
            Seg::Index(want) => (lo..hi).filter(|&i| all[i].indent == child_indent && all[i].text.is_none()).nth(*want),
        };
        let Some(at) = pick else {
            // Not on a line of its own: maybe inside a flow collection on the parent's line.
            return inline(source, found, &path[depth..]).or(found);
        };
        let entry = &all[at];
        found = Some(Location { line: entry.line, column: entry.indent + 1 });
        // The node's children: what follows, until something at or left of its indentation
        // (a sequence may sit at its key's indentation, so markers there still belong to it).
        let is_key = entry.text.is_some();
        lo = at + 1;
        hi = (lo..all.len())
            .find(|&i| {
                let e = &all[i];
                e.indent < entry.indent || (e.indent == entry.indent && (e.text.is_some() || !is_key))
            })
            .unwrap_or(all.len());
        if let Some((_, value)) = entry.text.and_then(key_of) {
            let block_scalar = value.starts_with('|') || value.starts_with('>');
            if !value.is_empty() && !value.starts_with('#') && !block_scalar && depth + 1 < path.len() {
                return inline(source, found, &path[depth + 1..]).or(found);
            }
        }
    }
    found
}

/// The location `offset` characters into the scalar value of the `key: value` at `at`,
/// when the value sits on the key's line (plain or quoted); `None` otherwise.
pub fn in_value(source: &str, at: Location, offset: usize) -> Option<Location> {
    let line = source.lines().nth(at.line.checked_sub(1)?)?;
    let from: String = line.chars().skip(at.column.saturating_sub(1)).collect();
    let (key, value) = key_of(&from)?;
    if value.is_empty() || value.starts_with(['|', '>', '{', '[', '#']) {
        return None;
    }
    // Where the value starts within `from`: after the key, its quotes, the colon and spaces.
    let after_key = from.find(key)? + key.len();
    let colon = from[after_key..].find(':')? + after_key + 1;
    let spaces = from[colon..].chars().take_while(|c| *c == ' ').count();
    let quote = usize::from(value.starts_with(['"', '\'']));
    let start = from[..colon].chars().count() + spaces + quote;
    Some(Location { line: at.line, column: at.column + start + offset })
}

/// Best effort inside a flow collection: the first `key:` of the remaining path on the line.
fn inline(source: &str, at: Option<Location>, rest: &[Seg]) -> Option<Location> {
    let at = at?;
    let line = source.lines().nth(at.line - 1)?;
    let Some(Seg::Key(key)) = rest.first() else {
        return None;
    };
    let needle = format!("{key}:");
    let byte = line[at.column - 1..].find(&needle)? + at.column - 1;
    Some(Location { line: at.line, column: line[..byte].chars().count() + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "\
api:
  title: T
types:
  # a comment
  RunStep:
    description: |
      status: not a key
    fields:
      status:
        type: RunStepStatu
      id: { type: strin, description: x }
  Status:
    enum:
      - a
      - value: b
        description: second
operations:
  list:
    query:
      \"include[]\":
        type: x
";

    fn at(path: &[&str]) -> Option<(usize, usize)> {
        let segs: Vec<Seg> = path
            .iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => Seg::Index(i),
                Err(_) => Seg::Key((*s).to_owned()),
            })
            .collect();
        locate(SPEC, &segs).map(|l| (l.line, l.column))
    }

    #[test]
    fn finds_block_keys() {
        assert_eq!(at(&["types", "RunStep", "fields", "status", "type"]), Some((10, 9)));
        assert_eq!(at(&["api", "title"]), Some((2, 3)));
    }

    #[test]
    fn block_scalars_do_not_hide_or_fake_keys() {
        assert_eq!(at(&["types", "RunStep", "fields"]), Some((8, 5)));
    }

    #[test]
    fn finds_keys_inside_flow_mappings() {
        assert_eq!(at(&["types", "RunStep", "fields", "id", "type"]), Some((11, 13)));
    }

    #[test]
    fn finds_sequence_items_and_their_keys() {
        assert_eq!(at(&["types", "Status", "enum", "0"]), Some((14, 7)));
        assert_eq!(at(&["types", "Status", "enum", "1", "description"]), Some((16, 9)));
    }

    #[test]
    fn finds_quoted_keys() {
        assert_eq!(at(&["operations", "list", "query", "include[]", "type"]), Some((21, 9)));
    }

    #[test]
    fn finds_the_second_occurrence_of_a_repeated_key() {
        let source = "a:\n  b: 1\n  c: 2\n  b: 3\n";
        let path = [Seg::Key("a".to_owned()), Seg::Key("b".to_owned())];
        assert_eq!(locate(source, &path), Some(Location { line: 2, column: 3 }));
        assert_eq!(locate_repeat(source, &path), Some(Location { line: 4, column: 3 }));
    }

    #[test]
    fn points_into_values() {
        let at = |line, column, offset| in_value(SPEC, Location { line, column }, offset).map(|l| (l.line, l.column));
        // `        type: RunStepStatu`: the value starts at column 15.
        assert_eq!(at(10, 9, 0), Some((10, 15)));
        assert_eq!(at(10, 9, 3), Some((10, 18)));
        // Inside a flow mapping: `type: strin` after `id: { `.
        assert_eq!(at(11, 13, 0), Some((11, 19)));
        // Block scalars have no value on the key's line.
        assert_eq!(at(6, 5, 0), None);
    }

    #[test]
    fn falls_back_to_the_deepest_known_node() {
        assert_eq!(at(&["types", "RunStep", "nope", "deeper"]), Some((5, 3)));
        assert_eq!(at(&["nope"]), None);
    }
}
