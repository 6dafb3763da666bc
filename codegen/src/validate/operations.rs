//! Checks on operations: names, methods, path templates against path parameters, query
//! parameter types and defaults, the response type, and the pagination contract.

use std::collections::BTreeMap;

use super::symbols::{SymbolKind, Symbols};
use super::types::{References, check_constraints, check_ref, rust_name_hint};
use crate::ast::{FieldType, Operation, QueryParam, Spec, TypeBody, TypeDef, TypeRef};
use crate::diagnostics::{Diagnostic, Diagnostics, nearest, suggest};
use crate::naming;
use crate::node_path::NodePath;
use crate::values::{Constraints, Literal};

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

pub fn check(spec: &Spec, symbols: &Symbols<'_>, d: &mut Diagnostics, refs: &mut References) {
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    for op in &spec.operations {
        match naming::snake(&op.id) {
            Ok(rust) if naming::RESERVED_OPERATION_NAMES.contains(&rust.as_str()) => d.error(
                &op.path,
                format!("operation `{}` would become the client method `{rust}`, which the client already has", op.id),
                Some("choose another id, e.g. a verb and a noun: `listThings`".into()),
            ),
            Ok(rust) => {
                if let Some(first) = ids.insert(rust.clone(), &op.id) {
                    d.error(
                        &op.path,
                        format!("operations `{first}` and `{}` both become `{rust}` in Rust", op.id),
                        Some("rename one of them; operation ids must differ after case conversion".into()),
                    );
                }
            }
            Err(problem) => d.error(
                &op.path,
                format!("invalid operation id: {problem}"),
                Some("use an id made of letters and digits, e.g. `listThings`".into()),
            ),
        }
        if let Ok(type_name) = naming::camel(&op.id) {
            if symbols.types.contains_key(&type_name) {
                d.error(
                    &op.path,
                    format!(
                        "operation `{}` would become the request type `{type_name}`, which is also a type's name",
                        op.id
                    ),
                    Some("rename the operation or the type; both live at the crate root".into()),
                );
            } else if naming::RESERVED_TYPE_NAMES.contains(&type_name.as_str()) {
                // Not a spec type: a prelude or runtime name that generated code relies on.
                d.error(
                    &op.path,
                    format!(
                        "operation `{}` would become the request type `{type_name}`, a name the generated code already uses",
                        op.id
                    ),
                    Some("rename the operation, e.g. a verb and a noun: `listThings`".into()),
                );
            }
        }
        if op.description.is_none() {
            d.error(
                &op.path,
                format!("operation `{}` has no description", op.id),
                Some("add `description:`; it becomes the doc comment".into()),
            );
        }
        let method = &op.method;
        if !METHODS.contains(&method.value.as_str()) {
            let hint = if METHODS.contains(&method.value.to_ascii_uppercase().as_str()) {
                format!("write it in capitals: `{}`", method.value.to_ascii_uppercase())
            } else {
                format!("expected one of {}", METHODS.join(", "))
            };
            d.error(&method.path, format!("unknown HTTP method `{}`", method.value), Some(hint));
        }
        check_path(op, d);
        check_ref(&op.response, &[], symbols, d, refs);
        // Path and query parameters share one Rust namespace (they become one builder's
        // arguments and setters), so their names are checked together.
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        let params = op.path_params.iter().map(|p| ("path", &p.wire, &p.rust_name, &p.description, &p.path));
        let query = op.query.iter().map(|p| ("query", &p.wire, &p.rust_name, &p.description, &p.path));
        for (kind, wire, rust_name, description, path) in params.chain(query) {
            let rust = param_rust_name(rust_name.as_ref().map(|n| (&n.value, &n.path)), wire, path, d);
            if let Some(taken) = rust.as_deref().filter(|r| naming::RESERVED_PARAM_NAMES.contains(r)) {
                d.error(
                    path,
                    format!(
                        "parameter `{wire}` would become the method `{taken}`, which request builders already have"
                    ),
                    Some(format!("set `rust_name` to another name, e.g. `rust_name: {taken}_value`")),
                );
            }
            if let Some(first) = rust.and_then(|r| names.insert(r, wire)) {
                d.error(
                    path,
                    format!("parameters `{first}` and `{wire}` have the same Rust name"),
                    Some("set `rust_name` on one".into()),
                );
            }
            if description.is_none() {
                d.error(
                    path,
                    format!("{kind} parameter `{wire}` has no description"),
                    Some("add `description:`; it becomes the parameter's doc comment".into()),
                );
            }
        }
        for param in &op.query {
            check_ref(&param.ty, &[], symbols, d, refs);
            check_constraints(&param.constraints, &param.ty, &param.path, d);
            check_query_type(param, symbols, d);
            check_default(param, symbols, d);
        }
        if let Some(pagination) = &op.pagination {
            check_pagination(op, pagination, symbols, d);
        }
    }
}

fn param_rust_name(
    rust_name: Option<(&String, &NodePath)>,
    wire: &str,
    path: &NodePath,
    d: &mut Diagnostics,
) -> Option<String> {
    let result = match rust_name {
        Some((name, name_path)) => naming::check_snake_rust_name(name)
            .map(|()| name.clone())
            .map_err(|p| (p, name_path, rust_name_hint(name, true))),
        None => naming::snake(wire)
            .map_err(|p| (p, path, "set `rust_name` to choose the Rust name, e.g. `rust_name: include`".to_owned())),
    };
    match result {
        Ok(name) => Some(name),
        Err((problem, at, hint)) => {
            d.error(at, format!("invalid parameter name: {problem}"), Some(hint));
            None
        }
    }
}

/// Every `{name}` in the path is a declared path parameter, and every one is used once.
fn check_path(op: &Operation, d: &mut Diagnostics) {
    let template = &op.path_template;
    let full = template.value.as_str();
    // Errors point at the offending character of the path (a char offset into the value).
    let error = |d: &mut Diagnostics, byte: usize, message: String, hint: String| {
        d.push(Diagnostic::new(&template.path, message).with_hint(hint).at_value(full[..byte].chars().count()));
    };
    if !full.starts_with('/') {
        error(d, 0, format!("the path `{full}` must start with `/`"), format!("write `/{full}`"));
    }
    // Outside `{...}`, the path is sent as written: only characters a URL path may carry
    // unescaped (RFC 3986 `pchar` and `/`), and no `.` or `..` segment a server would resolve.
    let pchar = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c);
    let mut depth = 0;
    for (byte, c) in full.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 && !pchar(c) => {
                error(
                    d,
                    byte,
                    format!("`{c}` cannot be sent as written in the path `{full}`"),
                    "use letters, digits and `-._~!$&'()*+,;=:@/`; send a query as `query:` parameters".into(),
                );
                break;
            }
            _ => {}
        }
    }
    if full.split('/').any(|segment| segment == "." || segment == "..") {
        error(
            d,
            0,
            format!("the path `{full}` has a `.` or `..` segment"),
            "remove it; servers resolve it away".into(),
        );
    }
    let mut used: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    while let Some(found) = full[at..].find(['{', '}']) {
        let open = at + found;
        if full[open..].starts_with('}') {
            error(
                d,
                open,
                format!("unbalanced `}}` in path `{full}`"),
                "remove it, or open a `{name}` before it".into(),
            );
            return;
        }
        let Some(close) =
            full[open + 1..].find(['{', '}']).map(|i| open + 1 + i).filter(|&i| full[i..].starts_with('}'))
        else {
            error(d, open, format!("unclosed `{{` in path `{full}`"), "close it with `}`".into());
            return;
        };
        let name = &full[open + 1..close];
        if name.is_empty() {
            error(d, open, "empty `{}` in the path".to_owned(), "name the path parameter: `{id}`".into());
        } else if used.iter().any(|(n, _)| *n == name) {
            error(
                d,
                open,
                format!("`{{{name}}}` appears twice in the path"),
                "give each `{...}` its own name, and declare each under `path_params`".into(),
            );
        } else {
            used.push((name, open));
        }
        at = close + 1;
    }
    for (name, open) in &used {
        if !op.path_params.iter().any(|p| p.wire == *name) {
            error(
                d,
                *open,
                format!("`{{{name}}}` in the path is not declared under `path_params`"),
                format!("add `{name}: {{ description: ... }}` to `path_params`"),
            );
        }
    }
    for param in &op.path_params {
        if !used.iter().any(|(n, _)| *n == param.wire) {
            d.error(
                &param.path,
                format!("path parameter `{}` does not appear in the path `{full}`", param.wire),
                Some(format!("use it as `{{{}}}` in the path, or remove it", param.wire)),
            );
        }
    }
}

/// What a query string can carry: scalars, enums, and arrays of those.
fn check_query_type(param: &QueryParam, symbols: &Symbols<'_>, d: &mut Diagnostics) {
    fn simple(ty: &TypeRef, symbols: &Symbols<'_>) -> bool {
        match ty {
            TypeRef::Expr(expr) => simple_expr(&expr.value.name, expr.value.args.len(), symbols),
            TypeRef::Inline(def) => matches!(def.body, TypeBody::Enum { .. }),
            TypeRef::Array(_) => false,
        }
    }
    fn simple_expr(name: &str, args: usize, symbols: &Symbols<'_>) -> bool {
        ["string", "integer", "number", "boolean"].contains(&name)
            || (args == 0 && matches!(symbols.def(name).map(|d| &d.body), Some(TypeBody::Enum { .. })))
    }
    let ok = match &param.ty {
        TypeRef::Array(item) => simple(item, symbols),
        TypeRef::Expr(expr) if expr.value.name == "array" => {
            expr.value.args.first().is_some_and(|a| simple_expr(&a.name, a.args.len(), symbols))
        }
        other => simple(other, symbols),
    };
    if !ok {
        let hint =
            "use a scalar, an enum or an `array<...>` of one; send an object's fields as parameters of their own";
        d.error(
            &param.path.key("type"),
            format!("query parameter `{}` must be a scalar, an enum, or an array of those", param.wire),
            Some(hint.into()),
        );
    }
}

/// A default must have the parameter's type, be one of its enum values, and fit its range.
fn check_default(param: &QueryParam, symbols: &Symbols<'_>, d: &mut Diagnostics) {
    let Some(default) = &param.default else {
        return;
    };
    let enum_values = |def: &TypeDef| match &def.body {
        TypeBody::Enum { values } => Some(values.iter().map(|v| v.value.clone()).collect::<Vec<_>>()),
        _ => None,
    };
    let (kind, values) = match &param.ty {
        TypeRef::Expr(expr) if expr.value.args.is_empty() => match expr.value.name.as_str() {
            scalar @ ("string" | "integer" | "number" | "boolean") => (scalar, None),
            name => ("enum", symbols.def(name).and_then(enum_values)),
        },
        TypeRef::Inline(def) => ("enum", enum_values(def)),
        _ => {
            d.error(
                &default.path,
                "only scalar and enum parameters take a default",
                Some("remove `default`, and state the default in the description".into()),
            );
            return;
        }
    };
    if kind == "enum" && values.is_none() {
        // A named type that is no enum (or no type at all): its own error says so.
        return;
    }
    let fits = match (&default.value, kind) {
        (Literal::Str(_), "string")
        | (Literal::Bool(_), "boolean")
        | (Literal::Int(_), "integer" | "number")
        | (Literal::Float(_), "number") => true,
        (Literal::Str(s), "enum") => match &values {
            Some(values) if values.contains(s) => true,
            Some(values) => {
                let known: Vec<&str> = values.iter().map(String::as_str).collect();
                d.error(
                    &default.path,
                    format!("the default `{s}` is not one of the values ({})", values.join(", ")),
                    Some(suggest(s, &known)),
                );
                return;
            }
            None => false,
        },
        _ => false,
    };
    if !fits {
        let hint = match (kind, &default.value) {
            ("string", Literal::Bool(b)) => format!("quote it: `default: \"{b}\"`"),
            ("string", Literal::Int(i)) => format!("quote it: `default: \"{i}\"`"),
            ("string", Literal::Float(f)) => format!("quote it: `default: \"{f}\"`"),
            ("integer", Literal::Str(s)) if s.parse::<i64>().is_ok() => format!("remove the quotes: `default: {s}`"),
            ("number", Literal::Str(s)) if s.parse::<f64>().is_ok() => format!("remove the quotes: `default: {s}`"),
            ("boolean", Literal::Str(s)) if s == "true" || s == "false" => {
                format!("remove the quotes: `default: {s}`")
            }
            ("integer", _) => "write a whole number, e.g. `default: 20`".to_owned(),
            ("number", _) => "write a number, e.g. `default: 0.5`".to_owned(),
            ("boolean", _) => "write `default: true` or `default: false`".to_owned(),
            _ => match values.as_deref() {
                Some([first, ..]) => format!("write one of the enum's values, e.g. `default: {first}`"),
                _ => "remove `default`".to_owned(),
            },
        };
        d.error(&default.path, format!("the default does not have the parameter's type (`{kind}`)"), Some(hint));
        return;
    }
    let number = match default.value {
        Literal::Int(i) => Some(i as f64),
        Literal::Float(f) => Some(f),
        _ => None,
    };
    let Constraints { minimum, maximum, .. } = param.constraints;
    if let Some(n) = number {
        if minimum.is_some_and(|min| n < min) || maximum.is_some_and(|max| n > max) {
            let range = match (minimum, maximum) {
                (Some(min), Some(max)) => format!("from {min} to {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            };
            d.error(
                &default.path,
                format!("the default {n} is outside the allowed range ({range})"),
                Some("use a default inside the range, or fix `minimum`/`maximum`".into()),
            );
        }
    }
}

/// The pagination keys must name real fields of the response and a real query parameter.
fn check_pagination(op: &Operation, p: &crate::ast::Pagination, symbols: &Symbols<'_>, d: &mut Diagnostics) {
    // The response is an object, possibly a generic instance such as `CursorPage<RunStep>`.
    let (response, args): (Option<&TypeDef>, Vec<&str>) = match &op.response {
        TypeRef::Expr(expr) => {
            (symbols.def(&expr.value.name), expr.value.args.iter().map(|a| a.name.as_str()).collect())
        }
        TypeRef::Inline(def) => (Some(def.as_ref()), Vec::new()),
        TypeRef::Array(_) => (None, Vec::new()),
    };
    let Some(TypeDef { body: TypeBody::Object { fields }, params, .. }) = response else {
        d.error(
            &p.path,
            "cursor pagination needs the response to be an object",
            Some("respond with an object type holding the items, e.g. `response: CursorPage<Thing>`".into()),
        );
        return;
    };
    let field_expr = |name: &str| {
        fields.iter().find(|f| f.wire == name).map(|f| match &f.ty {
            FieldType::Ref(TypeRef::Expr(expr)) => Some(&expr.value),
            _ => None,
        })
    };
    let response_name = match &op.response {
        TypeRef::Expr(expr) => expr.value.to_string(),
        _ => "the response".to_owned(),
    };
    let field_names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let no_field = |key: &crate::ast::Spanned<String>, d: &mut Diagnostics| {
        d.error(
            &key.path,
            format!("the response type `{response_name}` has no field `{}`", key.value),
            Some(suggest(&key.value, &field_names)),
        )
    };
    match field_expr(&p.has_more.value) {
        None => no_field(&p.has_more, d),
        Some(Some(expr)) if expr.name == "boolean" => {}
        Some(_) => d.error(
            &p.has_more.path,
            format!("`{}` must be a `boolean` field", p.has_more.value),
            Some("name the response's boolean field that says more pages follow".into()),
        ),
    }
    let item = match field_expr(&p.items.value) {
        None => {
            no_field(&p.items, d);
            None
        }
        Some(Some(expr)) if expr.name == "array" && expr.args.len() == 1 => {
            let item = expr.args[0].name.as_str();
            // Substitute the generic argument: `data: array<T>` in `CursorPage<RunStep>`.
            Some(params.iter().position(|param| param.value == item).and_then(|i| args.get(i).copied()).unwrap_or(item))
        }
        Some(_) => {
            d.error(
                &p.items.path,
                format!("`{}` must be an `array<...>` field", p.items.value),
                Some("name the response field that holds the page's items, of type `array<...>`".into()),
            );
            None
        }
    };
    if let Some(item) = item {
        let cursor = &p.cursor_field.value;
        let item_fields = match symbols.types.get(item).map(|s| s.kind) {
            Some(SymbolKind::Def(TypeDef { body: TypeBody::Object { fields }, .. })) => Some(fields),
            _ => None,
        };
        let found = item_fields.and_then(|fields| fields.iter().find(|f| &f.wire == cursor));
        let has_cursor =
            found.is_some_and(|f| matches!(&f.ty, FieldType::Ref(TypeRef::Expr(e)) if e.value.name == "string"));
        if !has_cursor {
            let hint = match (item_fields, found) {
                (Some(_), Some(_)) => format!("make `{cursor}` a `string` field of `{item}`, or name another one"),
                (Some(_), None) => {
                    format!("add `{cursor}: {{ type: string, ... }}` to `{item}`, or name another field")
                }
                (None, _) => "the items must be objects with a `string` field to take the cursor from".to_owned(),
            };
            d.error(
                &p.cursor_field.path,
                format!("the items (`{item}`) need a `string` field `{cursor}` to take the next cursor from"),
                Some(hint),
            );
        }
    }
    let cursor_param = op.query.iter().find(|q| q.wire == p.cursor_param.value);
    let name = &p.cursor_param.value;
    match cursor_param {
        None => {
            let known: Vec<&str> = op.query.iter().map(|q| q.wire.as_str()).collect();
            let hint = match nearest(name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add `{name}: {{ type: string, description: ... }}` under `query`"),
            };
            d.error(
                &p.cursor_param.path,
                format!("`{name}` is not one of this operation's query parameters"),
                Some(hint),
            )
        }
        Some(q) if matches!(&q.ty, TypeRef::Expr(e) if e.value.name == "string") => {}
        Some(_) => d.error(
            &p.cursor_param.path,
            format!("the cursor parameter `{name}` must be a `string`"),
            Some(format!("give `{name}` the type `string` under `query`")),
        ),
    }
}
