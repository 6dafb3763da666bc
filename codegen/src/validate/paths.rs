//! The path template: sent as written outside its `{name}`s, which pair up and name the
//! declared path parameters, each once. Resolved, it is a list of literal text and
//! parameters.

use super::cx::Cx;
use crate::ast::Operation;
use crate::diagnostics::Diagnostic;
use crate::resolved::{PathParam, PathPart};

/// A piece of the template as written: text, or the wire name between a `{` and a `}`.
pub(super) enum Piece<'t> {
    Text(&'t str),
    Param(&'t str),
}

/// A `{name}` of the template: the name and the byte offsets of its braces.
struct Placeholder<'t> {
    name: &'t str,
    open: usize,
    close: usize,
}

/// Checks the template of `op`; its pieces, when its braces pair up.
pub(super) fn check<'o>(cx: &mut Cx<'_, '_>, op: &'o Operation) -> Option<Vec<Piece<'o>>> {
    let full = op.path_template.value.as_str();
    if !full.starts_with('/') {
        error(cx, op, 0, format!("the path `{full}` must start with `/`"), format!("write `/{full}`"));
    }
    check_characters(cx, op);
    if full.split('/').any(|segment| segment == "." || segment == "..") {
        let message = format!("the path `{full}` has a `.` or `..` segment");
        error(cx, op, 0, message, "remove it; servers resolve it away".into());
    }
    let placeholders = placeholders(cx, op)?;
    let used = check_placeholder_names(cx, op, &placeholders);
    check_declared(cx, op, &used);
    check_used(cx, op, &used);
    Some(pieces(full, &placeholders))
}

/// The template's pieces with each parameter's Rust name; a `{name}` that names no
/// declared parameter was reported by [`check`].
pub(super) fn resolve(pieces: Vec<Piece<'_>>, params: &[PathParam]) -> Option<Vec<PathPart>> {
    let part = |piece| match piece {
        Piece::Text(text) => Some(PathPart::Literal(text.to_owned())),
        Piece::Param(wire) => params.iter().find(|p| p.wire == wire).map(|p| PathPart::Param(p.rust.clone())),
    };
    pieces.into_iter().map(part).collect()
}

/// An error pointing at the character at `byte` of the template.
fn error(cx: &mut Cx<'_, '_>, op: &Operation, byte: usize, message: String, hint: String) {
    let template = &op.path_template;
    let at = template.value[..byte].chars().count();
    cx.d.push(Diagnostic::new(&template.path, message).with_hint(hint).at_value(at));
}

/// Outside `{...}`, the path is sent as written: only characters a URL path may carry
/// unescaped (RFC 3986 `pchar` and `/`). The first other one is reported.
fn check_characters(cx: &mut Cx<'_, '_>, op: &Operation) {
    let full = op.path_template.value.as_str();
    let pchar = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c);
    let mut depth = 0;
    for (byte, c) in full.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 && !pchar(c) => {
                error(
                    cx,
                    op,
                    byte,
                    format!("`{c}` cannot be sent as written in the path `{full}`"),
                    "use letters, digits and `-._~!$&'()*+,;=:@/`; send a query as `query:` parameters".into(),
                );
                break;
            }
            _ => {}
        }
    }
}

/// Every `{...}` of the template, when each `{` is closed by a `}` before the next brace.
fn placeholders<'o>(cx: &mut Cx<'_, '_>, op: &'o Operation) -> Option<Vec<Placeholder<'o>>> {
    let full = op.path_template.value.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = full[at..].find(['{', '}']) {
        let open = at + found;
        if full[open..].starts_with('}') {
            let message = format!("unbalanced `}}` in path `{full}`");
            error(cx, op, open, message, "remove it, or open a `{name}` before it".into());
            return None;
        }
        let Some(close) =
            full[open + 1..].find(['{', '}']).map(|i| open + 1 + i).filter(|&i| full[i..].starts_with('}'))
        else {
            error(cx, op, open, format!("unclosed `{{` in path `{full}`"), "close it with `}`".into());
            return None;
        };
        out.push(Placeholder { name: &full[open + 1..close], open, close });
        at = close + 1;
    }
    Some(out)
}

/// Each `{name}` names something, and no name comes twice; the names used, with the
/// offset of each one's first `{`.
fn check_placeholder_names<'o>(
    cx: &mut Cx<'_, '_>,
    op: &Operation,
    placeholders: &[Placeholder<'o>],
) -> Vec<(&'o str, usize)> {
    let mut used: Vec<(&str, usize)> = Vec::new();
    for &Placeholder { name, open, .. } in placeholders {
        if name.is_empty() {
            error(cx, op, open, "empty `{}` in the path".to_owned(), "name the path parameter: `{id}`".into());
        } else if used.iter().any(|(n, _)| *n == name) {
            error(
                cx,
                op,
                open,
                format!("`{{{name}}}` appears twice in the path"),
                "give each `{...}` its own name, and declare each under `path_params`".into(),
            );
        } else {
            used.push((name, open));
        }
    }
    used
}

/// Every `{name}` is declared under `path_params`.
fn check_declared(cx: &mut Cx<'_, '_>, op: &Operation, used: &[(&str, usize)]) {
    for &(name, open) in used {
        if !op.path_params.iter().any(|p| p.wire == name) {
            error(
                cx,
                op,
                open,
                format!("`{{{name}}}` in the path is not declared under `path_params`"),
                format!("add `{name}: {{ description: ... }}` to `path_params`"),
            );
        }
    }
}

/// Every declared path parameter appears in the path.
fn check_used(cx: &mut Cx<'_, '_>, op: &Operation, used: &[(&str, usize)]) {
    let full = &op.path_template.value;
    for param in &op.path_params {
        if !used.iter().any(|(n, _)| *n == param.wire) {
            cx.error(
                &param.path,
                format!("path parameter `{}` does not appear in the path `{full}`", param.wire),
                format!("use it as `{{{}}}` in the path, or remove it", param.wire),
            );
        }
    }
}

/// `/threads/{thread_id}/runs` → text `/threads/`, parameter `thread_id`, text `/runs`.
fn pieces<'t>(full: &'t str, placeholders: &[Placeholder<'t>]) -> Vec<Piece<'t>> {
    let mut out = Vec::new();
    let mut at = 0;
    for placeholder in placeholders {
        if placeholder.open > at {
            out.push(Piece::Text(&full[at..placeholder.open]));
        }
        out.push(Piece::Param(placeholder.name));
        at = placeholder.close + 1;
    }
    if at < full.len() {
        out.push(Piece::Text(&full[at..]));
    }
    out
}
