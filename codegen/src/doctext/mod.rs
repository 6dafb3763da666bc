//! Doc text: spec descriptions become doc lines that compile, pass `clippy -D warnings`
//! and `cargo doc -D warnings`, and hold no doctests, whatever markdown they contain.
//!
//! Descriptions are markdown written for a web page, so they are re-emitted in a form whose
//! structure is known line by line: list continuations indented to their item (clippy's
//! lazy-continuation lints), every code block a fence marked `text` or a non-Rust language
//! (rustdoc tests any other), and inline text that rustdoc would misread escaped. What this
//! cannot place for sure is split or escaped, so it shows literally: a small loss next to a
//! generated crate whose docs do not build. The block rules follow CommonMark's, reduced to
//! what decides where paragraphs and code blocks start and end.

mod inline;

use inline::{autolink, inline};

/// Turns descriptions into doc lines for one API.
#[derive(Debug, Clone, Default)]
pub struct DocText {
    /// The API's documentation site (`api.docs_url`), without a trailing `/`.
    pub base: Option<String>,
}

impl DocText {
    /// Splits a description into doc lines: blank edges trimmed, bare URLs turned into
    /// `<...>` autolinks (rustdoc warns on bare URLs), accidental markup escaped, code
    /// blocks fenced as text, and site-relative links such as `[file](/docs/files)` made
    /// absolute against the API's docs URL (rustdoc would otherwise resolve them against
    /// the crate's own docs, where they lead nowhere).
    pub fn lines(&self, text: &str) -> Vec<String> {
        let mut w = Writer { base: self.base.as_deref(), ..Writer::default() };
        for line in normalise(text) {
            w.line(&line);
        }
        w.close_code();
        w.flush();
        w.flush_pending();
        let start = w.out.iter().position(|l| !l.is_empty()).unwrap_or(w.out.len());
        let end = w.out.iter().rposition(|l| !l.is_empty()).map_or(start, |e| e + 1);
        w.out.drain(start..end).collect()
    }
}

/// Appends a paragraph to doc lines, separated by a blank line.
pub fn push_paragraph(docs: &mut Vec<String>, paragraph: impl IntoIterator<Item = String>) {
    let paragraph: Vec<String> = paragraph.into_iter().collect();
    if paragraph.is_empty() {
        return;
    }
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.extend(paragraph);
}

/// A value of the spec (an enum value, a tag, a wire name, a default) as the text of a code
/// span in a doc line: the characters a `///` line cannot hold are written as the escapes of
/// the generated string literals (`\r`, `\n`, `\t`, `\0`, `\u{202e}`). A CR is a compile
/// error ("bare CR"), a line break would end the line (prettyplease then writes a `/** */`
/// block, which a `*/` in the value ends early), a tab fails clippy, rustc denies bidi
/// controls, and other control characters would be invisible.
pub fn code(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() || is_bidi(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prose written on one line (a title, a deprecation note): the text's lines fit for `///`
/// (see [`normalise`]) joined, runs of whitespace made one space.
pub fn one_line(text: &str) -> String {
    normalise(text).join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The characters that change the visible direction of text, which rustc denies in comments.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text's lines, fit for `///`: a `\r` there is a compile error ("bare CR"), tabs fail
/// clippy (`tabs_in_doc_comments`; expanded to markdown's tab stops of 4), and rustc denies
/// bidi controls (written as the character references they render as).
fn normalise(text: &str) -> Vec<String> {
    let line = |l: &str| {
        let mut out = String::new();
        for c in l.chars() {
            match c {
                '\t' => out.extend(std::iter::repeat_n(' ', 4 - out.chars().count() % 4)),
                c if is_bidi(c) => out.push_str(&format!("&#x{:X};", c as u32)),
                c => out.push(c),
            }
        }
        out.trim_end().to_owned()
    };
    text.replace("\r\n", "\n").split(['\n', '\r']).map(line).collect()
}

/// An open list item: its content's column in the description and in the output.
struct Item {
    col_in: usize,
    col_out: usize,
    /// Nothing followed the marker yet: a blank line now ends the item.
    empty: bool,
}

/// An open code block: fenced (character, length, indentation), or indented if no fence.
struct Code {
    fence: Option<(char, usize, usize)>,
    depth: usize,
    lang: String,
    prefix: String,
    lines: Vec<String>,
}

/// Writes the canonical form, one description line at a time.
#[derive(Default)]
struct Writer<'a> {
    base: Option<&'a str>,
    out: Vec<String>,
    items: Vec<Item>,
    /// List markers not written yet: they go before the item's first line.
    pending: Option<String>,
    /// The open paragraph's lines, its first line's prefix and its indentation.
    para: Vec<String>,
    para_prefix: String,
    para_col: usize,
    code: Option<Code>,
    /// Blank lines after an indented code block's last line, kept until it goes on or ends.
    blanks: usize,
}

impl Writer<'_> {
    fn line(&mut self, line: &str) {
        let i = line.len() - line.trim_start_matches(' ').len();
        if let Some(code) = &mut self.code {
            let col = code.depth.checked_sub(1).map_or(0, |d| self.items[d].col_in);
            match code.fence {
                Some(_) if line.is_empty() => return code.lines.push(String::new()),
                None if line.is_empty() => return self.blanks += 1,
                Some((ch, len, rel)) if i >= col => {
                    let run = line[i..].len() - line[i..].trim_start_matches(ch).len();
                    if i - col <= 3 && run >= len && line[i + run..].trim().is_empty() {
                        return self.close_code();
                    }
                    return code.lines.push(line[col + rel.min(i - col)..].to_owned());
                }
                None if i >= col + 4 => {
                    code.lines.extend(std::iter::repeat_n(String::new(), std::mem::take(&mut self.blanks)));
                    return code.lines.push(line[col + 4..].to_owned());
                }
                // The line leaves the block's list item, or is not indented enough to be
                // code: the block ends there and the line is read afresh.
                _ => self.close_code(),
            }
        }
        if line.is_empty() {
            self.flush();
            self.flush_pending();
            if self.items.last().is_some_and(|item| item.empty) {
                self.items.pop();
            }
            return self.out.push(String::new());
        }
        if let Some(item) = self.items.last_mut() {
            item.empty = false;
        }
        let depth = self.items.iter().take_while(|item| item.col_in <= i).count();
        self.block(i, &line[i..], depth);
    }

    /// A line `s` at column `i`, inside the first `depth` open list items.
    fn block(&mut self, i: usize, s: &str, depth: usize) {
        let col = depth.checked_sub(1).map_or(0, |d| self.items[d].col_in);
        let same = depth == self.items.len();
        if !self.para.is_empty() {
            if i - col < 4 && same && setext(s) {
                self.flush();
                let indent = self.indent();
                return self.emit(indent, s);
            }
            // Lines that cannot interrupt a paragraph continue it, even when less indented
            // ("lazily"); `guard` keeps them from starting a block once re-indented.
            let interrupts = thematic(s) || atx(s) || fence(s).is_some() || list_item(s, !same).is_some();
            if i - col >= 4 || !interrupts {
                return self.para.push(guard(s));
            }
        }
        self.flush();
        if self.items.len() > depth {
            self.flush_pending();
            self.items.truncate(depth);
        }
        let prefix = self.pending.take().unwrap_or_else(|| self.indent());
        if i - col >= 4 {
            let first = format!("{}{s}", " ".repeat(i - col - 4));
            self.code = Some(Code { fence: None, depth, lang: "text".into(), prefix, lines: vec![first] });
        } else if thematic(s) {
            // After list markers, `- ---` would be one thematic break, not an item holding one.
            let s = if prefix.trim().is_empty() { s } else { "___" };
            self.emit(prefix, s);
        } else if atx(s) {
            let hashes = s.len() - s.trim_start_matches('#').len();
            let text = inline(s[hashes..].trim(), self.base, false);
            self.emit(prefix, &format!("{} {text}", &s[..hashes]));
        } else if let Some((ch, len, info)) = fence(s) {
            self.code = Some(Code { fence: Some((ch, len, i - col)), depth, lang: lang(info), prefix, lines: vec![] });
        } else if let Some((marker, spaces)) = list_item(s, true) {
            let rest = &s[marker + spaces..];
            // After five spaces or more, the content starts after one and the others make
            // an indented code block.
            let col_in = i + marker + if rest.is_empty() || spaces > 4 { 1 } else { spaces };
            let col_out = self.indent().len() + marker + 1;
            // Empty items nested over several lines write their markers on one line, where
            // `- - -` would read as a thematic break; the innermost item starts its list, so
            // marking it `+` instead changes nothing else.
            let marker_text = if thematic(&format!("{prefix}{}", &s[..marker])) { "+" } else { &s[..marker] };
            self.pending = Some(format!("{prefix}{marker_text} "));
            self.items.push(Item { col_in, col_out, empty: rest.is_empty() });
            if !rest.is_empty() {
                self.block(i + marker + spaces, rest, depth + 1);
            }
        } else {
            (self.para_prefix, self.para_col) = (prefix, self.indent().len());
            self.para.push(guard(s));
        }
    }

    /// The output indentation of the innermost open item's content.
    fn indent(&self) -> String {
        " ".repeat(self.items.last().map_or(0, |item| item.col_out))
    }

    fn emit(&mut self, prefix: String, s: &str) {
        self.out.push((prefix + s).trim_end().to_owned());
    }

    fn flush_pending(&mut self) {
        if let Some(markers) = self.pending.take() {
            self.emit(markers, "");
        }
    }

    /// Writes the open paragraph. Inline markup is read over all its lines at once, so a
    /// code span or link may wrap; but a table's cells are read one by one, as GitHub
    /// tables split a row at every `|`, even inside a code span.
    fn flush(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let para = std::mem::take(&mut self.para);
        let table = para.iter().any(|l| l.contains(['|']) && l.contains('-') && l.chars().all(|c| "|:- ".contains(c)));
        let lines: Vec<String> = if table {
            para.iter()
                .map(|l| cells(l).iter().map(|c| inline(c, self.base, false)).collect::<Vec<_>>().join("|"))
                .collect()
        } else {
            inline(&para.join("\n"), self.base, false).split('\n').map(str::to_owned).collect()
        };
        for (n, line) in lines.iter().enumerate() {
            let prefix = if n == 0 { std::mem::take(&mut self.para_prefix) } else { " ".repeat(self.para_col) };
            self.emit(prefix, line);
        }
    }

    /// Writes the open code block as a fence that no line inside can close.
    fn close_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let longest = code.lines.iter().flat_map(|l| l.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let indent = " ".repeat(code.depth.checked_sub(1).map_or(0, |d| self.items[d].col_out));
        self.emit(code.prefix, &format!("{fence}{}", code.lang));
        for line in &code.lines {
            self.emit(indent.clone(), line);
        }
        self.emit(indent, &fence);
        for _ in 0..std::mem::take(&mut self.blanks) {
            self.line("");
        }
    }
}

/// A setext heading underline (`===`, `---`), which ends the paragraph above it.
fn setext(s: &str) -> bool {
    !s.is_empty() && (s.chars().all(|c| c == '=') || s.chars().all(|c| c == '-'))
}

/// A thematic break: three or more of one of `-`, `*`, `_`, spaces between.
fn thematic(s: &str) -> bool {
    let mut marks = s.chars().filter(|&c| c != ' ');
    let first = marks.next().filter(|c| matches!(c, '-' | '*' | '_'));
    first.is_some() && marks.clone().count() >= 2 && marks.all(|c| Some(c) == first)
}

fn atx(s: &str) -> bool {
    let hashes = s.len() - s.trim_start_matches('#').len();
    (1..=6).contains(&hashes) && (s.len() == hashes || s[hashes..].starts_with(' '))
}

/// A code fence: its character, length and info string.
fn fence(s: &str) -> Option<(char, usize, &str)> {
    let ch = s.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = s.len() - s.trim_start_matches(ch).len();
    let info = s[len..].trim();
    (len >= 3 && !(ch == '`' && info.contains('`'))).then_some((ch, len, info))
}

/// A list item's marker width and the spaces after it. Interrupting a paragraph (not
/// `free`), an item needs content and an ordered one must start at 1. A table delimiter
/// row such as `- | -` is no item: markdown parsers disagree on it, so it stays text.
fn list_item(s: &str, free: bool) -> Option<(usize, usize)> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match s.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'*') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let rest = &s[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let delimiter_row = s.contains('|') && s.chars().all(|c| "|:- ".contains(c));
    let interrupts = !rest.is_empty() && (digits == 0 || s[..digits].parse::<u32>() == Ok(1));
    ((rest.is_empty() || spaces > 0) && (free || interrupts) && !delimiter_row).then_some((marker, spaces))
}

/// The language a fence keeps. rustdoc tests a block with no language, `rust`, or only
/// test attributes (`ignore`, `no_run`, `E0308`...), and warns on near misses such as
/// `compile-fail`: anything but a plain language word becomes `text`.
fn lang(info: &str) -> String {
    let tested = "rust ignore shouldpanic norun compilefail testharness allowfail standalonecrate edition";
    let word = info.split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or_default();
    let norm = word.to_ascii_lowercase().replace(['-', '_'], "");
    let plain = word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || "+#-_".contains(c));
    let error_code = norm.len() == 5 && norm.starts_with('e') && norm[1..].chars().all(|c| c.is_ascii_digit());
    let lang = if plain && !error_code && !tested.split(' ').any(|t| norm.starts_with(t)) { word } else { "text" };
    lang.to_owned()
}

/// Escapes a paragraph line's first character where, starting a line, it would open a
/// block the description did not mean: a list item, heading or fence indented to continue
/// a paragraph (and re-indented here), HTML, or a `>` quote (quote lines are not kept:
/// clippy wants each marked, and lazy ones cannot be told apart safely).
fn guard(s: &str) -> String {
    let ordered = s.starts_with(|c: char| c.is_ascii_digit()).then(|| list_item(s, true)).flatten();
    let bullet = s.starts_with(['-', '+', '*']) && (s.len() == 1 || s[1..].starts_with(' '));
    let html = s.starts_with('<') && autolink(&s.chars().collect::<Vec<_>>(), 0).is_none();
    match ordered {
        Some((marker, _)) => format!("{}\\{}", &s[..marker - 1], &s[marker - 1..]),
        None if bullet || thematic(s) || atx(s) || setext(s) || fence(s).is_some() || html || s.starts_with('>') => {
            format!("\\{s}")
        }
        None => s.to_owned(),
    }
}

/// A table row's cells: split at each `|` that a backslash does not escape.
fn cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut escaped) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        if c == '|' && !escaped {
            cells.push(std::mem::take(&mut cell));
        } else {
            cell.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells.push(cell);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        DocText::default().lines(text)
    }

    /// Each description, and its doc lines joined by newlines.
    fn check(cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(lines(text).join("\n"), *expected, "from {text:?}");
        }
    }

    #[test]
    fn bare_urls_become_autolinks() {
        check(&[
            (
                "See https://e.com/docs/api for more.\nAlso http://x.io.",
                "See <https://e.com/docs/api> for more.\nAlso <http://x.io>.",
            ),
            (
                "A URL (https://e.com/p) and \"https://e.com/q\".",
                "A URL (<https://e.com/p>) and \"<https://e.com/q>\".",
            ),
            ("Wiki https://e.org/A_(b), then", "Wiki <https://e.org/A_(b)>, then"),
            ("C:\\https://e.com", "C:\\\\<https://e.com>"),
        ]);
    }

    #[test]
    fn markdown_stays_as_written() {
        for text in [
            "The [file](/docs/api-reference/files) ID.",
            "See [docs](https://example.com/a), [t](http://x.io \"title\") and [anchor](#top).",
            "Use `https://example.com` as is: <https://example.com>.",
            "A [`code` link](https://e.com), *emphasis*, **strong**; a|b.",
            "- one\n- two\n  wrapped\n\n1. first\n2. second\n   - nested",
            "# Heading\n\nText\n---\n\n***",
            "```json\n{\"a\": [1]}\n```",
            "| a | `b` |\n|---|---|\n| [c](https://e.com) | d |",
        ] {
            assert_eq!(lines(text).join("\n"), text);
        }
    }

    #[test]
    fn site_relative_links_become_absolute_when_the_api_says_where() {
        let text = DocText { base: Some("https://platform.openai.com".to_owned()) };
        assert_eq!(text.lines("The [file](/docs/files)."), ["The [file](https://platform.openai.com/docs/files)."]);
        assert_eq!(lines("The [file](/docs/files) ID."), ["The [file](/docs/files) ID."]);
    }

    #[test]
    fn accidental_markup_is_escaped() {
        check(&[
            ("Scores in [low, high] as array<number>.", "Scores in \\[low, high\\] as array\\<number>."),
            ("Keep [a](/x), `a[b]<c>` and <https://e.com>.", "Keep [a](/x), `a[b]<c>` and <https://e.com>."),
            ("Already \\[escaped\\].", "Already \\[escaped\\]."),
            // rustdoc resolves these as item paths and footnotes, and warns.
            ("A [ref][r], [x](Foo) and [^1].", "A \\[ref\\]\\[r\\], \\[x\\](Foo) and \\[^1\\]."),
            ("[a<b>](https://e.com) [a [b]](https://e.com)", "[a\\<b>](https://e.com) [a \\[b\\]](https://e.com)"),
        ]);
    }

    #[test]
    fn code_spans_wrap_and_unpaired_backticks_are_literal() {
        check(&[
            ("`starts\nand ends` then [word] and <html>", "`starts\nand ends` then \\[word\\] and \\<html>"),
            ("` then [ref] and <tag>", "\\` then \\[ref\\] and \\<tag>"),
            ("``a` b", "\\`\\`a\\` b"),
            ("[a\nb](https://e.com)", "[a\nb](https://e.com)"),
            // A table cuts code spans at `|`: each cell is read alone.
            ("| `a|b` | [c] |\n|---|---|\n\nAfter.", "| \\`a|b\\` | \\[c\\] |\n|---|---|\n\nAfter."),
        ]);
    }

    #[test]
    fn code_blocks_become_text_fences() {
        check(&[
            ("```\nnot { rust\n```", "```text\nnot { rust\n```"),
            ("~~~\n```\n~~~", "````text\n```\n````"),
            ("Run:\n```sh\nls", "Run:\n```sh\nls\n```"),
            ("E.g.:\n\n    let x = [1];\n\n      y\nAfter.", "E.g.:\n\n```text\nlet x = [1];\n\n  y\n```\nAfter."),
            ("One\n    two", "One\ntwo"),
            ("- a\n\n  ```\n  x\n  ```\n- b", "- a\n\n  ```text\n  x\n  ```\n- b"),
            ("- a\n\n      code", "- a\n\n  ```text\n  code\n  ```"),
        ]);
        for info in ["rust", "ignore", "should_panic", "no_run", "compile-fail", "E0308", "rust,edition2021", "{.x}"] {
            assert_eq!(lines(&format!("```{info}\nx\n```"))[0], "```text", "{info}");
        }
    }

    #[test]
    fn list_continuations_are_indented_to_their_item() {
        check(&[
            ("- item\nlazy\n      over\n10. ten\nmore", "- item\n  lazy\n  over\n10. ten\n    more"),
            ("- a\n    - b\n      c", "- a\n  - b\n    c"),
            ("-\n\n  not in the item", "-\n\nnot in the item"),
            ("- -\n     -\n    * x", "- - +\n    * x"),
            ("- ---\n-\n  ---", "- ---\n- ___"),
        ]);
    }

    #[test]
    fn lines_that_would_start_blocks_by_accident_are_escaped() {
        check(&[
            ("> quote\n<div>x</div>", "\\> quote\n\\<div>x\\</div>"),
            ("text\n    - not a list\n    # nor a heading", "text\n\\- not a list\n\\# nor a heading"),
            ("- a\n===", "- a\n  \\==="),
            ("a `b\n    ```\nc`", "a `b\n\\```\nc`"),
            ("x\n- | -", "x\n\\- | -"),
        ]);
    }

    #[test]
    fn tabs_carriage_returns_and_bidi_controls_are_normalised() {
        check(&[("a\tb\r\nc\rd", "a   b\nc\nd"), ("-\tx", "- x"), ("evil\u{202e}", "evil&#x202E;")]);
    }

    #[test]
    fn values_in_code_spans_escape_what_a_doc_line_cannot_hold() {
        assert_eq!(code("in_progress"), "in_progress");
        assert_eq!(code("é [x] <b> `"), "é [x] <b> `");
        assert_eq!(code("a\rb\nc\td\0e"), "a\\rb\\nc\\td\\0e");
        assert_eq!(code("rtl\u{202e}\u{2066}\u{7f}"), "rtl\\u{202e}\\u{2066}\\u{7f}");
        assert_eq!(one_line("Use the\nother */\r\n one\t\u{202a}."), "Use the other */ one &#x202A;.");
    }
}
