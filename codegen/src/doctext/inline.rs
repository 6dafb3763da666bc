//! Inline markup of a paragraph: what rustdoc would misread is escaped, links resolved.

/// Inline markup of one paragraph: code spans, links and autolinks kept; bare URLs made
/// autolinks (rustdoc warns on them); every other `[`, `]`, `<` and unpaired backtick
/// escaped, as rustdoc would read intra-doc links, HTML tags and code spans into them.
/// Link text (`in_link`) escapes every `<` and leaves URLs bare: links nest neither.
pub(super) fn inline(text: &str, base: Option<&str>, in_link: bool) -> String {
    let s: Vec<char> = text.chars().collect();
    // `plain`: the previous character, if copied as it was (`![` opens an image).
    let (mut out, mut p, mut plain) = (String::new(), 0, ' ');
    while let Some(&c) = s.get(p) {
        let prev = std::mem::replace(&mut plain, ' ');
        if c == '\\' && s.get(p + 1).is_some_and(char::is_ascii_punctuation) {
            out.extend(&s[p..p + 2]);
            p += 2;
        } else if c == '`' {
            let n = run(&s, p);
            let end = closer(&s, p + n, n);
            out.push_str(&end.map_or_else(|| "\\`".repeat(n), |end| s[p..end].iter().collect()));
            p = end.unwrap_or(p + n);
        } else if let Some((end, link)) = (c == '[' && !in_link).then(|| link(&s, p, base, prev == '!')).flatten() {
            out.push_str(&link);
            p = end;
        } else if let Some(end) = (c == '<' && !in_link).then(|| autolink(&s, p)).flatten() {
            out.extend(&s[p..end]);
            p = end;
        } else if let Some(end) = (c == 'h' && !in_link).then(|| bare_url(&s, p)).flatten() {
            // A backslash just before would escape the `<`: escape the backslash instead.
            out.push_str(if prev == '\\' { "\\<" } else { "<" });
            out.extend(&s[p..end]);
            out.push('>');
            p = end;
        } else {
            if matches!(c, '[' | ']' | '<') {
                out.push('\\');
            }
            (plain, p) = (c, p + 1);
            out.push(c);
        }
    }
    out
}

fn run(s: &[char], p: usize) -> usize {
    s[p..].iter().take_while(|&&c| c == '`').count()
}

/// The end of a code span opened by `n` backticks before `from`: the next run of exactly
/// `n` backticks, on any line of the paragraph (backslashes escape nothing in code).
fn closer(s: &[char], mut from: usize, n: usize) -> Option<usize> {
    while from < s.len() {
        let m = run(s, from);
        if m == n {
            return Some(from + n);
        }
        from += m.max(1);
    }
    None
}

/// The end of an autolink at `p`: `<http(s):...>` or `<mailto:...>`. Other schemes read as
/// text, such as `<key:value>`.
pub(super) fn autolink(s: &[char], p: usize) -> Option<usize> {
    let len = s[p + 1..].iter().position(|&c| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
    let inner: String = s[p + 1..p + 1 + len].iter().collect();
    let scheme = inner.split_once(':')?.0;
    let known = ["http", "https", "mailto"].iter().any(|k| scheme.eq_ignore_ascii_case(k));
    (known && s[p + 1 + len] == '>').then_some(p + len + 2)
}

/// The end of a bare `http(s)://` URL at `p`: up to a space or a character that cannot be
/// in an autolink or reads as markup, less a sentence's closing punctuation.
fn bare_url(s: &[char], p: usize) -> Option<usize> {
    let head: String = s[p..s.len().min(p + 8)].iter().collect();
    let scheme = ["https://", "http://"].into_iter().find(|k| head.starts_with(k))?.len();
    let (mut end, mut parens) = (p, 0);
    while let Some(&c) = s.get(end) {
        match c {
            ')' if parens == 0 => break,
            '(' | ')' => parens = if c == '(' { parens + 1 } else { parens - 1 },
            c if c.is_whitespace() || c.is_control() || "<>\"`[]\\|".contains(c) => break,
            _ => {}
        }
        end += 1;
    }
    while end > p + scheme && ".,;:!?'*_~".contains(s[end - 1]) {
        end -= 1;
    }
    (end > p + scheme).then_some(end)
}

/// An inline link `[text](destination "title")` at `p`, rendered, and its end; `None` for
/// anything else, whose brackets are then escaped. Refused as well, where parsers disagree
/// or rustdoc would warn: a destination rustdoc resolves as an item path (`[x](Foo)`), one
/// or a title with a code span, brackets or angle brackets, and an image whose alt text
/// holds a URL (rustdoc would see it bare).
fn link(s: &[char], p: usize, base: Option<&str>, image: bool) -> Option<(usize, String)> {
    let (mut q, mut depth) = (p + 1, 0);
    loop {
        match *s.get(q)? {
            '\\' => q += 2,
            '`' => q = closer(s, q + run(s, q), run(s, q)).unwrap_or(q + run(s, q)),
            '[' => (depth, q) = (depth + 1, q + 1),
            ']' if depth > 0 => (depth, q) = (depth - 1, q + 1),
            ']' => break,
            _ => q += 1,
        }
    }
    let text: String = s[p + 1..q].iter().collect();
    let rest: String = s.get(q + 1..)?.iter().take_while(|&&c| c != '\n').collect();
    let inside = rest.strip_prefix('(')?;
    // The destination: no spaces or controls, parentheses balanced; then an optional title.
    let mut parens = 0;
    let end = inside.find(|c: char| {
        let open = parens;
        parens = match c {
            '(' => parens + 1,
            ')' if parens > 0 => parens - 1,
            _ => parens,
        };
        c.is_whitespace() || c.is_control() || (c == ')' && open == 0)
    });
    let (dest, after) = inside.split_at(end.unwrap_or(inside.len()));
    let title = after.trim_start();
    let title_len = match title.strip_prefix('"').and_then(|t| t.find('"')) {
        Some(close) if after.starts_with(' ') => close + 2,
        _ => 0,
    };
    let (title, close) = title.split_at(title_len);
    let close = close.trim_start().strip_prefix(')')?;
    let path = dest.split('#').next().unwrap_or_default();
    let item_path = !path.is_empty() && path.chars().all(|c| c.is_alphanumeric() || ":_<>, !*&;@()".contains(c));
    let odd = |t: &str| t.contains(['`', '<', '>', '[', ']', '\\']);
    if dest.is_empty() || item_path || odd(dest) || odd(title) || (image && text.contains("http")) {
        return None;
    }
    let dest = match base {
        Some(base) if dest.starts_with('/') && !dest.starts_with("//") => format!("{base}{dest}"),
        _ => dest.to_owned(),
    };
    let title = if title.is_empty() { String::new() } else { format!(" {title}") };
    let end = q + 1 + rest.chars().count() - close.chars().count();
    Some((end, format!("[{}]({dest}{title})", inline(&text, base, true))))
}
