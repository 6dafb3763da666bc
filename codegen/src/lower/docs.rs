//! Doc text: spec descriptions become doc lines that rustdoc renders cleanly and that
//! pass `cargo doc` with warnings denied.

/// Turns descriptions into doc lines for one API.
#[derive(Debug, Clone, Default)]
pub struct DocText {
    /// The API's documentation site (`api.docs_url`), without a trailing `/`.
    pub base: Option<String>,
}

impl DocText {
    /// Splits a description into doc lines: trailing blanks trimmed, bare URLs turned into
    /// `<...>` autolinks (rustdoc warns on bare URLs), and site-relative links such as
    /// `[file](/docs/files)` made absolute against the API's docs URL (rustdoc would
    /// otherwise resolve them against the crate's own docs, where they lead nowhere).
    pub fn lines(&self, text: &str) -> Vec<String> {
        let absolute = |line: &str| match &self.base {
            Some(base) => line.replace("](/", &format!("]({base}/")),
            None => line.to_owned(),
        };
        lines(&text.lines().map(absolute).collect::<Vec<_>>().join("\n"))
    }
}

fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text.lines().map(|line| escape_markup(&autolink(line.trim_end()))).collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out
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

fn autolink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut in_code = false;
    while let Some(at) = rest.find(['`', 'h']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(after) = from.strip_prefix('`') {
            in_code = !in_code;
            out.push('`');
            rest = after;
            continue;
        }
        let is_url = from.starts_with("https://") || from.starts_with("http://");
        // Already a link target (`](url)`, `<url>`) or inside code: leave as is.
        let linked = out.ends_with("](") || out.ends_with('<');
        if !is_url || in_code || linked {
            out.push('h');
            rest = &from[1..];
            continue;
        }
        let end = from.find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"')).unwrap_or(from.len());
        let mut url = &from[..end];
        // A sentence's final period is not part of the URL.
        while url.ends_with(['.', ',', ';', ':']) {
            url = &url[..url.len() - 1];
        }
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &from[url.len()..];
    }
    out.push_str(rest);
    out
}

/// Escapes what rustdoc would read as markup by accident: a `[word]` that is not a
/// markdown link (an unresolved intra-doc link) and a `<` that is not an autolink (an
/// unclosed HTML tag, as in `array<string>`). Code spans and real links stay as written.
fn escape_markup(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(9).collect();
        match c {
            '`' => in_code = !in_code,
            '\\' if !in_code && i + 1 < chars.len() => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '[' if !in_code => {
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                if let Some(close) = close.filter(|&c| chars.get(c + 1) == Some(&'(')) {
                    // A markdown link: copy it through its closing parenthesis.
                    let end = chars[close..].iter().position(|&c| c == ')').map_or(chars.len() - 1, |p| p + close);
                    out.extend(&chars[i..=end]);
                    i = end + 1;
                    continue;
                }
                out.push('\\');
            }
            ']' if !in_code => out.push('\\'),
            '<' if !(in_code || rest.starts_with("<https://") || rest.starts_with("<http://")) => out.push('\\'),
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            lines("Please see https://platform.openai.com/docs/api-reference for more.\nAlso http://x.io."),
            ["Please see <https://platform.openai.com/docs/api-reference> for more.", "Also <http://x.io>."]
        );
    }

    #[test]
    fn urls_in_parentheses_and_quotes_are_bare_too() {
        assert_eq!(
            lines("A URL (https://example.com/p) and \"https://example.com/q\"."),
            ["A URL (<https://example.com/p>) and \"<https://example.com/q>\"."]
        );
    }

    #[test]
    fn links_code_and_words_stay() {
        for text in [
            "The [file](/docs/api-reference/files) ID.",
            "See [docs](https://example.com/a).",
            "Use `https://example.com` as is.",
            "<https://example.com>",
            "[a link](https://example.com/a) and [another](http://x.io)",
            "the path to the thing",
        ] {
            assert_eq!(lines(text), [text], "{text}");
        }
    }

    #[test]
    fn site_relative_links_become_absolute_when_the_api_says_where() {
        let text = DocText { base: Some("https://platform.openai.com".to_owned()) };
        assert_eq!(
            text.lines("The [file](/docs/files) ID."),
            ["The [file](https://platform.openai.com/docs/files) ID."]
        );
        assert_eq!(DocText::default().lines("The [file](/docs/files) ID."), ["The [file](/docs/files) ID."]);
    }

    #[test]
    fn accidental_markup_is_escaped() {
        assert_eq!(lines("Scores in [low, high] as array<number>."), ["Scores in \\[low, high\\] as array\\<number>."]);
        assert_eq!(
            lines("Keep [a](/x), `a[b]<c>` and <https://e.com>."),
            ["Keep [a](/x), `a[b]<c>` and <https://e.com>."]
        );
        assert_eq!(lines("Already \\[escaped\\]."), ["Already \\[escaped\\]."]);
    }

    #[test]
    fn blank_edges_are_trimmed_and_inner_blanks_kept() {
        assert_eq!(lines("\nOne.\n\nTwo.  \n\n"), ["One.", "", "Two."]);
    }
}
