//! The type-expression grammar: `Name` or `Name<Expr, ...>`, names being identifiers.
//! Scalars, `array` and `map` are names like any other until the validate stage.

use crate::ast::TypeExpr;

/// Parses one type expression; the error says what was expected and at which character.
pub fn parse_type_expr(text: &str) -> Result<TypeExpr, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let expr = expr(&chars, &mut at, 0)?;
    skip_spaces(&chars, &mut at);
    match chars.get(at) {
        None => Ok(expr),
        Some(c) => Err(format!("unexpected `{c}` at character {}", at + 1)),
    }
}

fn skip_spaces(chars: &[char], at: &mut usize) {
    while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
        *at += 1;
    }
}

/// Deeper nesting than any real API uses; the limit keeps every later (recursive)
/// stage far from the stack's end, whatever the input.
const MAX_DEPTH: usize = 32;

fn expr(chars: &[char], at: &mut usize, depth: usize) -> Result<TypeExpr, String> {
    if depth > MAX_DEPTH {
        return Err(format!("type arguments nest deeper than {MAX_DEPTH} levels"));
    }
    skip_spaces(chars, at);
    let start = *at;
    match chars.get(*at) {
        Some(c) if c.is_alphabetic() || *c == '_' => {}
        Some(c) => {
            return Err(format!("expected a type name at character {}, found `{c}`", start + 1));
        }
        None => return Err("expected a type name, found the end".to_owned()),
    }
    while chars.get(*at).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
        *at += 1;
    }
    let name: String = chars[start..*at].iter().collect();
    let mut args = Vec::new();
    skip_spaces(chars, at);
    if chars.get(*at) == Some(&'<') {
        *at += 1;
        loop {
            args.push(expr(chars, at, depth + 1)?);
            skip_spaces(chars, at);
            match chars.get(*at) {
                Some(',') => *at += 1,
                Some('>') => {
                    *at += 1;
                    break;
                }
                Some(c) => {
                    return Err(format!("expected `,` or `>` at character {}, found `{c}`", *at + 1));
                }
                None => return Err(format!("unclosed `<` after `{name}`")),
            }
        }
    }
    Ok(TypeExpr { name, args, offset: start })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(e: &TypeExpr) -> String {
        if e.args.is_empty() {
            e.name.clone()
        } else {
            format!("{}<{}>", e.name, e.args.iter().map(show).collect::<Vec<_>>().join(","))
        }
    }

    #[test]
    fn parses_names_and_nested_arguments() {
        for (text, want) in [
            ("string", "string"),
            ("array<ToolCall>", "array<ToolCall>"),
            (" CursorPage < RunStep > ", "CursorPage<RunStep>"),
            ("map<array<map<integer>>>", "map<array<map<integer>>>"),
            ("Pair<A, B>", "Pair<A,B>"),
        ] {
            assert_eq!(parse_type_expr(text).map(|e| show(&e)), Ok(want.to_owned()), "{text}");
        }
    }

    #[test]
    fn reports_where_it_went_wrong() {
        let deep = format!("{}T{}", "array<".repeat(40), ">".repeat(40));
        for (text, want) in [
            ("", "expected a type name, found the end"),
            ("array<Foo", "unclosed `<` after `array`"),
            ("array<>", "expected a type name at character 7, found `>`"),
            ("Foo Bar", "unexpected `B` at character 5"),
            ("Foo<A;B>", "expected `,` or `>` at character 6, found `;`"),
            ("[Foo]", "expected a type name at character 1, found `[`"),
            (deep.as_str(), "type arguments nest deeper than 32 levels"),
        ] {
            assert_eq!(parse_type_expr(text).map(|e| show(&e)), Err(want.to_owned()), "{text}");
        }
    }
}
