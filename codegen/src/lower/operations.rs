//! Lowering operations to request builders: parameters with their docs, the checks run
//! before sending and how each is taken and sent; the wire order of the query; the
//! pagination contract; and the doc lines of the builder, its constructor and its client
//! method.

use super::cx::{Cx, ty};
use super::prose::{constraint_docs, literal};
use crate::doctext::{code, push_paragraph};
use crate::ir::{self, Literal, Name, Type};
use crate::naming;
use crate::resolved::{Operation, PageKey, Pagination, PathParam, PathPart, QueryParam};

impl Cx {
    /// The operation's request builder, and its description's doc lines (for the crate docs).
    pub(super) fn operation(&self, op: &Operation) -> (ir::Operation, Vec<String>) {
        let path_params: Vec<ir::Param> = op.path_params.iter().map(|p| self.path_param(p)).collect();
        let query: Vec<ir::Param> = op.query.iter().map(|p| self.query_param(p, &op.type_name)).collect();
        let response = ty(&op.response);
        let uses_models = std::iter::once(&response).chain(query.iter().map(|q| &q.ty)).any(names_a_model);
        // The file names the operation, its types (the pagination's item type too, which the
        // response may not name: `Boxed<Thing>` in `Page<Thing>`) and its setters: one allow
        // for all of it.
        let item = op.pagination.as_ref().map(|p| ty(&p.item));
        let allow_deprecated = op.deprecated.is_some()
            || query.iter().any(|q| q.deprecated.is_some())
            || std::iter::once(&response)
                .chain(&item)
                .chain(query.iter().map(|q| &q.ty))
                .any(|t| self.uses_deprecated(t));
        let description = self.text.lines(op.description.as_deref().unwrap_or_default());
        let request_line = format!("`{} {}`", op.method, code(&op.path));
        let client_line = format!("Sends [`{}`]: set its optional parameters, then `send` it.", op.type_name);
        let lowered = ir::Operation {
            name: Name { rust: op.rust.clone(), wire: op.id.clone() },
            type_name: op.type_name.clone(),
            module: op.module.clone(),
            docs: [description.clone(), vec![String::new(), request_line]].concat(),
            constructor_docs: constructor_docs(&path_params, &query),
            client_docs: [description.clone(), vec![String::new(), client_line]].concat(),
            deprecated: op.deprecated.clone(),
            method: op.method.clone(),
            path: op.path.clone(),
            path_parts: op.path_parts.iter().map(path_part).collect(),
            query_wire_order: wire_order(&query),
            path_params,
            query,
            response,
            pagination: op.pagination.as_ref().map(pagination),
            uses_models,
            allow_deprecated,
        };
        (lowered, description)
    }

    fn path_param(&self, p: &PathParam) -> ir::Param {
        ir::Param {
            name: Name { rust: p.rust.clone(), wire: p.wire.clone() },
            docs: self.text.lines(p.description.as_deref().unwrap_or_default()),
            call_docs: Vec::new(),
            deprecated: None,
            ty: Type::String,
            required: true,
            default: None,
            constraints: ir::Constraints::default(),
            checks: vec![ir::Check::PathSegment],
            arg: ir::Arg::IntoString,
            encoding: ir::Encoding::Single,
        }
    }

    /// A query parameter of the request builder `builder`.
    fn query_param(&self, p: &QueryParam, builder: &str) -> ir::Param {
        let mut docs = self.text.lines(p.description.as_deref().unwrap_or_default());
        push_paragraph(&mut docs, constraint_docs(&p.constraints));
        if let Some(default) = &p.default {
            push_paragraph(&mut docs, [format!("Default: `{}`.", code(&literal(default)))]);
        }
        let ty = ty(&p.ty);
        // The builder's setter has the whole text; the `Call`'s links to it.
        let call_docs = vec![format!("Sets `{}`: see [`{builder}::{}`].", code(&p.wire), p.rust)];
        ir::Param {
            name: Name { rust: p.rust.clone(), wire: p.wire.clone() },
            docs,
            call_docs,
            deprecated: p.deprecated.clone(),
            checks: checks(&p.constraints, &ty),
            arg: match &ty {
                Type::String => ir::Arg::IntoString,
                Type::DateTime | Type::UnixTime => ir::Arg::Into,
                Type::Vec(_) => ir::Arg::Iter,
                _ => ir::Arg::Plain,
            },
            encoding: if matches!(ty, Type::Vec(_)) { ir::Encoding::Repeated } else { ir::Encoding::Single },
            ty,
            required: p.required,
            default: p.default.clone(),
            constraints: p.constraints.clone(),
        }
    }
}

fn names_a_model(ty: &Type) -> bool {
    match ty {
        Type::Named { .. } => true,
        Type::Vec(inner) | Type::Map(inner) => names_a_model(inner),
        _ => false,
    }
}

fn path_part(part: &PathPart) -> ir::PathPart {
    match part {
        PathPart::Literal(text) => ir::PathPart::Literal(text.clone()),
        PathPart::Param(rust) => ir::PathPart::Param(rust.clone()),
    }
}

/// The query's indices in the order they go on the wire: by Rust name, as the official SDKs
/// send them (openai-python builds each query from a dict sorted by name).
fn wire_order(query: &[ir::Param]) -> Vec<usize> {
    let mut order: Vec<(usize, &str)> = query.iter().map(|q| naming::unraw(&q.name.rust)).enumerate().collect();
    order.sort_by(|a, b| a.1.cmp(b.1));
    order.into_iter().map(|(i, _)| i).collect()
}

/// The checks a query value gets before sending: numbers must be finite (`NaN` would go
/// out as the text `NaN`), and within the spec's bounds. Integer bounds are rounded inwards, so
/// `minimum: 0.5` on an integer accepts 1 and up, exactly as the spec's rule does.
fn checks(c: &ir::Constraints, ty: &Type) -> Vec<ir::Check> {
    let bound = |value: f64, round: fn(f64) -> f64| match ty {
        // `as` saturates: a bound beyond i64 cannot be crossed by an i64 anyway.
        Type::I64 => Literal::Int(round(value) as i64),
        // Nor a bound beyond i32 by an i32; clamped, the bound is a literal an i32 can be.
        Type::I32 => Literal::Int((round(value) as i64).clamp(i32::MIN.into(), i32::MAX.into())),
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

fn pagination(p: &Pagination) -> ir::Pagination {
    let name = |key: &PageKey| Name { rust: key.rust.clone(), wire: key.wire.clone() };
    ir::Pagination {
        items: name(&p.items),
        cursor_param: name(&p.cursor_param),
        cursor_field: name(&p.cursor_field),
        has_more: name(&p.has_more),
        item: ty(&p.item),
        has_more_optional: p.has_more.optional,
        cursor_optional: p.cursor_field.optional,
        items_optional: p.items.optional,
        cursor_param_required: !p.cursor_param.optional,
    }
}

/// The constructor's docs: what it sets, then each required parameter as a list item.
fn constructor_docs(path_params: &[ir::Param], query: &[ir::Param]) -> Vec<String> {
    let required: Vec<&ir::Param> = path_params.iter().chain(query.iter().filter(|p| p.required)).collect();
    let mut docs = vec![if required.is_empty() {
        "A request with no parameter set; set them with the methods below.".to_owned()
    } else {
        "A request with its required parameters; the others are unset until given.".to_owned()
    }];
    for p in required {
        docs.push(String::new());
        let mut lines = p.docs.iter();
        let first = lines.next().map(String::as_str).unwrap_or_default();
        docs.push(format!("- `{}`: {first}", p.name.rust));
        docs.extend(lines.map(|l| if l.is_empty() { String::new() } else { format!("  {l}") }));
    }
    docs
}
