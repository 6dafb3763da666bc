//! Lowering operations: names as (Rust, wire) pairs, parameter docs with their constraints
//! and defaults, the response type, and the pagination contract resolved to field and
//! parameter names. Also the operations' section of the crate docs, written from the IR.

use super::{Cx, InternalError, constraint_docs, docs, internal};
use crate::ast::{self, FieldType, TypeBody, TypeDef, TypeRef};
use crate::ir::{self, Literal, Name, Type};
use crate::naming;

impl Cx<'_, '_> {
    pub(super) fn operation(&self, op: &ast::Operation) -> Result<ir::Operation, InternalError> {
        let mut path_params = Vec::new();
        for p in &op.path_params {
            let name = param_name(&p.wire, p.rust_name.as_ref())?;
            let docs = self.text.lines(p.description.as_deref().unwrap_or_default());
            path_params.push(ir::Param {
                name,
                docs,
                deprecated: None,
                ty: Type::String,
                required: true,
                default: None,
                constraints: ir::Constraints::default(),
                checks: vec![ir::Check::PathSegment],
                arg: ir::Arg::IntoString,
                encoding: ir::Encoding::Single,
            });
        }
        let mut query = Vec::new();
        for p in &op.query {
            let constraints = p.constraints.clone();
            let default = p.default.as_ref().map(|d| d.value.clone());
            let mut docs = self.text.lines(p.description.as_deref().unwrap_or_default());
            docs::push_paragraph(&mut docs, constraint_docs(&constraints));
            if let Some(default) = &default {
                docs::push_paragraph(&mut docs, [format!("Default: `{}`.", docs::code(&literal(default)))]);
            }
            let ty = self.ty(&p.ty, &[])?;
            query.push(ir::Param {
                name: param_name(&p.wire, p.rust_name.as_ref())?,
                docs,
                deprecated: p.deprecated.clone(),
                checks: checks(&constraints, &ty),
                arg: match &ty {
                    Type::String => ir::Arg::IntoString,
                    Type::Vec(_) => ir::Arg::Iter,
                    _ => ir::Arg::Plain,
                },
                encoding: if matches!(ty, Type::Vec(_)) { ir::Encoding::Repeated } else { ir::Encoding::Single },
                ty,
                required: p.required,
                default,
                constraints,
            });
        }
        let mut query_wire_order: Vec<usize> = (0..query.len()).collect();
        query_wire_order.sort_by(|&a, &b| naming::unraw(&query[a].name.rust).cmp(naming::unraw(&query[b].name.rust)));
        let response = self.ty(&op.response, &[])?;
        let pagination = match &op.pagination {
            Some(p) => Some(self.pagination(op, p, &query, &response)?),
            None => None,
        };
        let type_name = naming::camel(&op.id).map_err(InternalError)?;
        let uses_models = std::iter::once(&response).chain(query.iter().map(|q| &q.ty)).any(names_a_model);
        let allow_deprecated = op.deprecated.is_some()
            || std::iter::once(&response).chain(query.iter().map(|q| &q.ty)).any(|t| self.uses_deprecated(t));
        Ok(ir::Operation {
            name: Name { rust: naming::snake(&op.id).map_err(InternalError)?, wire: op.id.clone() },
            type_name: type_name.clone(),
            module: naming::module(&type_name),
            docs: self.text.lines(op.description.as_deref().unwrap_or_default()),
            deprecated: op.deprecated.clone(),
            method: op.method.value.clone(),
            path: op.path_template.value.clone(),
            path_parts: path_parts(&op.path_template.value, &path_params)?,
            path_params,
            query,
            query_wire_order,
            uses_models,
            allow_deprecated,
            response,
            pagination,
        })
    }

    /// Resolves the pagination keys (wire names in the spec) to the Rust names of the
    /// response's fields, the item type's cursor field and the cursor parameter.
    fn pagination(
        &self,
        op: &ast::Operation,
        p: &ast::Pagination,
        query: &[ir::Param],
        response_ty: &Type,
    ) -> Result<ir::Pagination, InternalError> {
        let missing = |what| internal(what, &p.path);
        let (response, args): (&TypeDef, Vec<&str>) = match &op.response {
            TypeRef::Expr(expr) => (
                self.symbols.def(&expr.value.name).ok_or_else(|| missing("paginated response"))?,
                expr.value.args.iter().map(|a| a.name.as_str()).collect(),
            ),
            TypeRef::Inline(def) => (def.as_ref(), Vec::new()),
            TypeRef::Array(_) => return Err(missing("paginated response object")),
        };
        let items = field(response, &p.items.value).ok_or_else(|| missing("items field"))?;
        // `data: array<T>` in `CursorPage<RunStep>`: the item type is the argument for `T`.
        let item_type = match &items.ty {
            FieldType::Ref(TypeRef::Expr(expr)) => expr.value.args.first().map(|item| {
                let at = response.params.iter().position(|param| param.value == item.name);
                at.and_then(|i| args.get(i).copied()).unwrap_or(item.name.as_str())
            }),
            _ => None,
        };
        let item = item_type.and_then(|name| self.symbols.def(name)).ok_or_else(|| missing("item type"))?;
        let cursor_field = field(item, &p.cursor_field.value).ok_or_else(|| missing("cursor field"))?;
        let has_more = field(response, &p.has_more.value).ok_or_else(|| missing("has_more field"))?;
        let cursor_param =
            query.iter().find(|q| q.name.wire == p.cursor_param.value).ok_or_else(|| missing("cursor parameter"))?;
        // The item's Rust type: the response's type argument when the items are `array<T>`
        // of a generic page (it may be generic itself: `Page<Boxed<Step>>`), else the
        // element type as written.
        let item_ty = match (&items.ty, response_ty) {
            (FieldType::Ref(TypeRef::Expr(expr)), Type::Named { args: response_args, .. }) => {
                let element = expr.value.args.first().ok_or_else(|| missing("item type"))?;
                match response.params.iter().position(|param| param.value == element.name) {
                    Some(i) => response_args.get(i).cloned().ok_or_else(|| missing("item type argument"))?,
                    None => self.expr(element, &[], &items.path)?,
                }
            }
            _ => return Err(missing("item type")),
        };
        Ok(ir::Pagination {
            items: field_name(items)?,
            cursor_param: cursor_param.name.clone(),
            cursor_field: field_name(cursor_field)?,
            has_more: field_name(has_more)?,
            item: item_ty,
            has_more_optional: has_more.presence != ir::Presence::Required,
            cursor_optional: cursor_field.presence != ir::Presence::Required,
            items_optional: items.presence != ir::Presence::Required,
            cursor_param_required: cursor_param.required,
        })
    }
}

fn names_a_model(ty: &Type) -> bool {
    match ty {
        Type::Named { .. } => true,
        Type::Vec(inner) | Type::Map(inner) => names_a_model(inner),
        _ => false,
    }
}

/// `/threads/{thread_id}/runs` → literal `/threads/`, parameter `thread_id`, literal `/runs`.
/// Validation has checked that the braces balance and name declared parameters.
fn path_parts(template: &str, params: &[ir::Param]) -> Result<Vec<ir::PathPart>, InternalError> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| InternalError(format!("unclosed `{{` in `{template}`")))?;
        if open > 0 {
            parts.push(ir::PathPart::Literal(rest[..open].to_owned()));
        }
        let wire = &rest[open + 1..close];
        let param = params
            .iter()
            .find(|p| p.name.wire == wire)
            .ok_or_else(|| InternalError(format!("undeclared path parameter `{wire}` in `{template}`")))?;
        parts.push(ir::PathPart::Param(param.name.rust.clone()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(ir::PathPart::Literal(rest.to_owned()));
    }
    Ok(parts)
}

/// The checks a query value gets before sending: numbers must be finite (`NaN` would go
/// out as the text `NaN`), and within the spec's bounds. Integer bounds are rounded inwards, so
/// `minimum: 0.5` on an integer accepts 1 and up, exactly as the spec's rule does.
fn checks(c: &ir::Constraints, ty: &Type) -> Vec<ir::Check> {
    let bound = |value: f64, round: fn(f64) -> f64| match ty {
        // `as` saturates: a bound beyond i64 cannot be crossed by an i64 anyway.
        Type::I64 => Literal::Int(round(value) as i64),
        _ => Literal::Float(value),
    };
    let mut out = Vec::new();
    if *ty == Type::F64 {
        out.push(ir::Check::Finite);
    }
    out.extend(c.minimum.map(|m| ir::Check::Minimum(bound(m, f64::ceil))));
    out.extend(c.maximum.map(|m| ir::Check::Maximum(bound(m, f64::floor))));
    out.extend(c.min_length.map(ir::Check::MinLength));
    out.extend(c.max_length.map(ir::Check::MaxLength));
    out
}

fn field<'d>(def: &'d TypeDef, wire: &str) -> Option<&'d ast::Field> {
    match &def.body {
        TypeBody::Object { fields } => fields.iter().find(|f| f.wire == wire),
        _ => None,
    }
}

fn field_name(field: &ast::Field) -> Result<Name, InternalError> {
    param_name(&field.wire, field.rust_name.as_ref())
}

fn param_name(wire: &str, rust_name: Option<&ast::Spanned<String>>) -> Result<Name, InternalError> {
    let rust = match rust_name {
        Some(name) => name.value.clone(),
        None => naming::snake(wire).map_err(InternalError)?,
    };
    Ok(Name { rust, wire: wire.to_owned() })
}

fn literal(value: &Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.to_string(),
        Literal::Str(s) => s.clone(),
    }
}

/// The crate docs' section listing every operation: request line, response type,
/// description, parameters, pagination and deprecation.
pub fn summary(operations: &[ir::Operation]) -> Vec<String> {
    if operations.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["## Operations".to_owned()];
    for op in operations {
        out.push(String::new());
        let (id, path) = (docs::code(&op.name.wire), docs::code(&op.path));
        out.push(format!("- `{id}`: `{} {path}` → `{}`.", op.method, op.response));
        out.push(String::new());
        out.extend(op.docs.iter().map(|line| if line.is_empty() { String::new() } else { format!("  {line}") }));
        let mut facts = Vec::new();
        if !op.path_params.is_empty() {
            let names: Vec<String> = op.path_params.iter().map(|p| format!("`{}`", docs::code(&p.name.wire))).collect();
            facts.push(format!("Path parameters: {}.", names.join(", ")));
        }
        if !op.query.is_empty() {
            let params: Vec<String> = op.query.iter().map(query_param).collect();
            facts.push(format!("Query parameters: {}.", params.join(", ")));
        }
        if let Some(p) = &op.pagination {
            facts.push(format!(
                "Pagination: by cursor; the next page's `{}` is the `{}` of the last item of `{}`, while `{}` is true.",
                docs::code(&p.cursor_param.wire),
                docs::code(&p.cursor_field.wire),
                docs::code(&p.items.wire),
                docs::code(&p.has_more.wire)
            ));
        }
        if !facts.is_empty() {
            out.push(String::new());
            out.extend(facts.into_iter().map(|f| format!("  - {f}")));
        }
        match op.deprecated.as_deref() {
            Some("") => out.extend([String::new(), "  **Deprecated.**".to_owned()]),
            Some(note) => out.extend([String::new(), format!("  **Deprecated:** {}", docs::one_line(note))]),
            None => {}
        }
    }
    out
}

/// `limit` (`i64`, from 1 to 100 inclusive, default `20`)
fn query_param(p: &ir::Param) -> String {
    let mut notes = vec![format!("`{}`", p.ty)];
    if p.required {
        notes.push("required".to_owned());
    }
    for constraint in constraint_docs(&p.constraints) {
        notes.push(constraint.trim_start_matches("Constraint: ").trim_end_matches('.').to_owned());
    }
    if let Some(default) = &p.default {
        notes.push(format!("default `{}`", docs::code(&literal(default))));
    }
    if p.deprecated.is_some() {
        notes.push("deprecated".to_owned());
    }
    format!("`{}` ({})", docs::code(&p.name.wire), notes.join(", "))
}

/// The crate docs' example: the first paginated operation (else the first operation whose
/// required parameters are all strings) called with the client, its items streamed.
pub fn example(krate: &str, base_url_env: Option<&str>, operations: &[ir::Operation]) -> Vec<String> {
    let all_strings = |op: &&ir::Operation| {
        op.path_params.iter().chain(op.query.iter().filter(|q| q.required)).all(|p| p.ty == Type::String)
    };
    let Some(op) = operations
        .iter()
        .filter(all_strings)
        .find(|op| op.pagination.is_some())
        .or_else(|| operations.iter().find(all_strings))
    else {
        return Vec::new();
    };
    let args: Vec<String> = op
        .path_params
        .iter()
        .chain(op.query.iter().filter(|q| q.required))
        .map(|p| {
            // Written as Rust string literals, whatever the names hold.
            let wire = &p.name.wire;
            match wire.strip_suffix("_id") {
                Some(stem) => format!("{:?}", format!("{stem}_abc123")),
                None => format!("{wire:?}"),
            }
        })
        .collect();
    let call = format!("client.{}({})", op.name.rust, args.join(", "));
    let env = match base_url_env {
        Some(env) => format!(" (and `{}`, if set, for the base URL)", docs::code(env)),
        None => String::new(),
    };
    let mut out = vec![
        "## Example".to_owned(),
        String::new(),
        format!("With the `client` feature (on by default); the client reads its API key from the environment{env}."),
    ];
    if op.pagination.is_some() {
        out.push("The stream fetches the next page when it needs it; `max_items` caps the total.".to_owned());
    }
    out.push(String::new());
    out.push("```no_run".to_owned());
    if op.deprecated.is_some() {
        out.push("# #![allow(deprecated)]".to_owned());
    }
    out.push(format!("# async fn example() -> Result<(), {krate}::client::Error> {{"));
    if op.pagination.is_some() {
        out.push("use futures_util::TryStreamExt;".to_owned());
        out.push(String::new());
    }
    out.push(format!("let client = {krate}::client::Client::from_env()?;"));
    if op.pagination.is_some() {
        out.push(format!("let mut items = {call}.items();"));
        out.push("while let Some(item) = items.try_next().await? {".to_owned());
        out.push("    println!(\"{item:?}\");".to_owned());
        out.push("}".to_owned());
    } else {
        out.push(format!("let response = {call}.send().await?;"));
        out.push("println!(\"{response:?}\");".to_owned());
    }
    out.extend(["# Ok(())".to_owned(), "# }".to_owned(), "```".to_owned()]);
    out
}
