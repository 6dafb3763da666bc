//! The operations as the crate documentation lists them, so every operation's
//! description, request line, response type and deprecation reach the reader.

use super::constraint_docs;
use super::docs::DocText;
use crate::ast::{Literal, Operation, QueryParam, TypeRef};

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
        let mut facts = Vec::new();
        if !op.path_params.is_empty() {
            let names: Vec<String> = op.path_params.iter().map(|p| format!("`{}`", p.wire)).collect();
            facts.push(format!("Path parameters: {}.", names.join(", ")));
        }
        if !op.query.is_empty() {
            let params: Vec<String> = op.query.iter().map(query_param).collect();
            facts.push(format!("Query parameters: {}.", params.join(", ")));
        }
        if let Some(p) = &op.pagination {
            facts.push(format!(
                "Pagination: by cursor; the next page's `{}` is the `{}` of the last item of `{}`, while `{}` is true.",
                p.cursor_param.value, p.cursor_field.value, p.items.value, p.has_more.value
            ));
        }
        if !facts.is_empty() {
            out.push(String::new());
            out.extend(facts.into_iter().map(|f| format!("  - {f}")));
        }
        match op.deprecated.as_deref() {
            Some("") => out.extend([String::new(), "  **Deprecated.**".to_owned()]),
            Some(note) => out.extend([String::new(), format!("  **Deprecated:** {note}")]),
            None => {}
        }
    }
    out
}

/// `limit` (`integer`, from 1 to 100 inclusive, default `20`)
fn query_param(p: &QueryParam) -> String {
    let mut notes = vec![format!("`{}`", type_text(&p.ty))];
    if p.required {
        notes.push("required".to_owned());
    }
    for constraint in constraint_docs(&p.constraints) {
        notes.push(constraint.trim_start_matches("Constraint: ").trim_end_matches('.').to_owned());
    }
    if let Some(default) = &p.default {
        let value = match &default.value {
            Literal::Bool(b) => b.to_string(),
            Literal::Int(i) => i.to_string(),
            Literal::Float(f) => f.to_string(),
            Literal::Str(s) => s.clone(),
        };
        notes.push(format!("default `{value}`"));
    }
    if p.deprecated.is_some() {
        notes.push("deprecated".to_owned());
    }
    format!("`{}` ({})", p.wire, notes.join(", "))
}

fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Expr(expr) => expr.value.to_string(),
        TypeRef::Array(item) => format!("array<{}>", type_text(item)),
        TypeRef::Inline(def) => def.name.as_ref().map_or_else(|| "(inline type)".to_owned(), |n| n.value.clone()),
    }
}
