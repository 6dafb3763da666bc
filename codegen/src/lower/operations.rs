//! Lowering operations to request builders: parameters with their docs, the checks run
//! before sending and how each is taken and sent; the wire order of the query; the
//! pagination contract; and the doc lines of the builder, its constructor and its client
//! method.

use super::cx::Cx;
use super::prose::{constraint_docs, literal};
use super::rust_type::ty;
use super::validation::checks;
use crate::doctext::{code, push_paragraph};
use crate::ir::{self, Name, Type};
use crate::naming;
use crate::resolved::{
    Cursor, CursorSource, Field, FieldType, Operation, PageKey, PageStyle, Pagination, PathParam, PathPart, QueryParam,
    Ty,
};
use crate::values::Presence;

impl Cx {
    /// The operation's request builder, and its description's doc lines (for the crate docs).
    pub(super) fn operation(&self, op: &Operation) -> (ir::Operation, Vec<String>) {
        let path_params: Vec<ir::Param> = op.path_params.iter().map(|p| self.path_param(p)).collect();
        let query: Vec<ir::Param> = op.query.iter().map(|p| self.query_param(p, &op.type_name)).collect();
        let response = op.response.as_ref().map(ty);
        let body = op.body.as_ref().and_then(|b| {
            let Ty::Named { name, .. } = b else { return None };
            let params = op.path_params.len() + op.query.iter().filter(|q| q.required).count();
            Some(self.body(b, self.objects.get(name)?, &op.type_name, params))
        });
        let body_ty = body.as_ref().map(|b| &b.ty);
        let uses_models = response.iter().chain(body_ty).chain(query.iter().map(|q| &q.ty)).any(names_a_model);
        // The file names the operation, its types (the pagination's item type too, which the
        // response may not name: `Boxed<Thing>` in `Page<Thing>`) and its setters: one allow
        // for all of it.
        let item = op.pagination.as_ref().map(|p| ty(&p.item));
        let body_fields = body.iter().flat_map(|b| b.fields.iter().map(|f| &f.param));
        let allow_deprecated = op.deprecated.is_some()
            || query.iter().chain(body_fields.clone()).any(|q| q.deprecated.is_some())
            || response
                .iter()
                .chain(&item)
                .chain(body_ty)
                .chain(query.iter().map(|q| &q.ty))
                .any(|t| self.uses_deprecated(t));
        let description = self.text.lines(op.description.as_deref().unwrap_or_default());
        let request_line = format!("`{} {}`", op.method, code(&op.path));
        let client_line = format!("Sends [`{}`]: set its optional parameters, then `send` it.", op.type_name);
        let lowered = ir::Operation {
            name: Name { rust: op.rust.clone(), wire: op.id.clone() },
            type_name: op.type_name.clone(),
            module: op.module.clone(),
            docs: [description.clone(), vec![String::new(), request_line], headers_docs(&op.headers)].concat(),
            constructor_docs: constructor_docs(&path_params, &query, body.as_ref()),
            client_docs: [description.clone(), vec![String::new(), client_line]].concat(),
            deprecated: op.deprecated.clone(),
            method: op.method.clone(),
            path: op.path.clone(),
            path_parts: op.path_parts.iter().map(path_part).collect(),
            query_wire_order: wire_order(&query),
            path_params,
            query,
            body,
            response,
            response_body: op.response_body,
            pagination: op.pagination.as_ref().map(pagination),
            headers: op.headers.clone(),
            features: Vec::new(),
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
            encoding: self.encoding(&ty),
            ty,
            required: p.required,
            default: p.default.clone(),
            constraints: p.constraints.clone(),
        }
    }
}

impl Cx {
    /// How a query parameter of type `ty` goes on the wire; validate let through only the
    /// types that have an encoding.
    fn encoding(&self, ty: &Type) -> ir::Encoding {
        match ty {
            Type::Vec(_) => ir::Encoding::Repeated,
            Type::Map(_) => ir::Encoding::Keyed,
            Type::Named { name, .. } if self.maps.contains(name) => ir::Encoding::Keyed,
            Type::Named { name, .. } => match self.objects.get(name) {
                Some(object) => ir::Encoding::Fields(object.fields.iter().filter_map(query_field).collect()),
                None => ir::Encoding::Single,
            },
            _ => ir::Encoding::Single,
        }
    }
}

/// An object's field as a query sends it; a constant has no field to read.
fn query_field(field: &Field) -> Option<ir::QueryField> {
    let FieldType::Value(value) = &field.ty else { return None };
    Some(ir::QueryField {
        name: Name { rust: field.rust.clone(), wire: field.wire.clone() },
        optional: field.presence != Presence::Required,
        string: ty(value) == Type::String,
    })
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

fn pagination(p: &Pagination) -> ir::Pagination {
    let style = match &p.style {
        PageStyle::Cursor { forward, backward } => ir::PageStyle::Cursor {
            forward: cursor(forward, ir::CursorFrom::LastItem),
            backward: backward.as_ref().map(|backward| cursor(backward, ir::CursorFrom::FirstItem)),
        },
        PageStyle::PageNumber { param, first } => ir::PageStyle::PageNumber { param: field(param), first: *first },
        PageStyle::PageToken { param, field: token } => {
            ir::PageStyle::PageToken { param: field(param), field: field(token) }
        }
    };
    // A cursor taken from an item needs one: an empty page ends the listing by itself.
    let from_items = |c: &Cursor| matches!(c.from, CursorSource::Item(_));
    let check_empty = match &p.style {
        PageStyle::Cursor { forward, backward } => !(from_items(forward) && backward.iter().all(from_items)),
        PageStyle::PageNumber { .. } | PageStyle::PageToken { .. } => true,
    };
    ir::Pagination {
        items: field(&p.items),
        item: ty(&p.item),
        has_more: p.has_more.as_ref().map(field),
        check_empty,
        style,
    }
}

fn field(key: &PageKey) -> ir::PageField {
    ir::PageField { name: Name { rust: key.rust.clone(), wire: key.wire.clone() }, optional: key.optional }
}

/// A direction of cursor paging; `edge` is the item it takes a cursor from (the last
/// forwards, the first backwards).
fn cursor(c: &Cursor, edge: fn(ir::PageField) -> ir::CursorFrom) -> ir::Cursor {
    let from = match &c.from {
        CursorSource::Item(key) => edge(field(key)),
        CursorSource::Page(key) => ir::CursorFrom::Page(field(key)),
    };
    ir::Cursor { param: field(&c.param), from }
}

/// The constructor's docs: what it sets, then each required parameter (and body field) as a
/// list item.
fn constructor_docs(path_params: &[ir::Param], query: &[ir::Param], body: Option<&ir::RequestBody>) -> Vec<String> {
    let body_fields = body.filter(|b| !b.whole).into_iter().flat_map(|b| b.fields.iter().map(|f| &f.param));
    let required: Vec<&ir::Param> = path_params
        .iter()
        .chain(query.iter().filter(|p| p.required))
        .chain(body_fields.filter(|p| p.required))
        .collect();
    let whole = body
        .filter(|b| b.whole)
        .map(|b| format!("- `body`: the request body, a [`{}`], whose optional fields also have setters.", b.ty));
    let mut docs = vec![if required.is_empty() && whole.is_none() {
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
    if let Some(whole) = whole {
        docs.extend([String::new(), whole]);
    }
    push_paragraph(&mut docs, body.into_iter().flat_map(|b| b.field_sets_docs.iter().cloned()));
    docs
}

/// The headers only this operation sends, as a paragraph of the builder's docs.
fn headers_docs(headers: &[(String, String)]) -> Vec<String> {
    if headers.is_empty() {
        return Vec::new();
    }
    let list: Vec<String> = headers.iter().map(|(name, value)| format!("`{}: {}`", code(name), code(value))).collect();
    vec![String::new(), format!("Sent with this operation's own headers: {}.", list.join(", "))]
}
