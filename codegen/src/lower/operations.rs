//! The operations as the crate documentation lists them, so every operation's
//! description, request line, response type and deprecation reach the reader.

use super::docs::DocText;
use crate::ast::{Operation, TypeExpr, TypeRef};

pub fn summary(operations: &[Operation], text: &DocText) -> Vec<String> {
    if operations.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["## Operations".to_owned()];
    for op in operations {
        out.push(String::new());
        out.push(format!(
            "- `{}`: `{} {}` → `{}`.",
            op.id,
            op.method.value,
            op.path_template.value,
            type_text(&op.response)
        ));
        out.push(String::new());
        for line in text.lines(op.description.as_deref().unwrap_or_default()) {
            out.push(if line.is_empty() { String::new() } else { format!("  {line}") });
        }
        match op.deprecated.as_deref() {
            Some("") => out.extend([String::new(), "  **Deprecated.**".to_owned()]),
            Some(note) => out.extend([String::new(), format!("  **Deprecated:** {note}")]),
            None => {}
        }
    }
    out
}

fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Expr(expr) => expr_text(&expr.value),
        TypeRef::Array(item) => format!("array<{}>", type_text(item)),
        TypeRef::Inline(def) => def.name.as_ref().map_or_else(|| "(inline type)".to_owned(), |n| n.value.clone()),
    }
}

fn expr_text(expr: &TypeExpr) -> String {
    if expr.args.is_empty() {
        expr.name.clone()
    } else {
        format!("{}<{}>", expr.name, expr.args.iter().map(expr_text).collect::<Vec<_>>().join(", "))
    }
}
