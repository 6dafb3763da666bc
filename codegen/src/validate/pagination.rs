//! The pagination contract: its keys name a boolean field and an `array<...>` field of the
//! response, a string field of the items, and a string query parameter. Resolved, they are
//! those fields and that parameter, with the item type.

use std::collections::BTreeMap;

use super::cx::Cx;
use super::symbols::{ARRAY, SymbolKind};
use crate::ast::{self, FieldType, Spanned, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::diagnostics::{nearest, suggest};
use crate::resolved::{self, Body, Object, PageKey, Pagination, QueryParam, Ty};
use crate::values::{Presence, Scalar};

/// The resolved objects by name, for the pagination keys to find their fields in.
pub(super) struct Objects<'t>(BTreeMap<&'t str, &'t Object>);

impl<'t> Objects<'t> {
    pub(super) fn new(types: &'t [Option<resolved::TypeDef>]) -> Self {
        let objects = types.iter().flatten().filter_map(|ty| match &ty.body {
            Body::Object(object) => Some((ty.name.as_str(), object)),
            _ => None,
        });
        Self(objects.collect())
    }
}

/// The paginated response as written: an object, possibly a generic instance such as
/// `CursorPage<RunStep>`.
struct Page<'a> {
    fields: &'a [ast::Field],
    params: &'a [Spanned<String>],
    /// The names of the type arguments.
    args: Vec<&'a str>,
    /// As messages name it.
    shown: String,
}

/// Checks the contract `p` of `op`; resolved against the operation's resolved `response`
/// and `query`, when they resolved.
pub(super) fn check<'a>(
    cx: &mut Cx<'_, 'a>,
    op: &'a ast::Operation,
    p: &ast::Pagination,
    objects: &Objects<'_>,
    response: Option<&Ty>,
    query: Option<&[QueryParam]>,
) -> Option<Pagination> {
    let page = page(cx, op, p)?;
    check_has_more(cx, &page, p);
    if let Some(item) = item_type(cx, &page, p) {
        check_cursor_field(cx, item, p);
    }
    check_cursor_param(cx, op, p);
    resolve(p, objects, response?, query?)
}

fn page<'a>(cx: &mut Cx<'_, 'a>, op: &'a ast::Operation, p: &ast::Pagination) -> Option<Page<'a>> {
    let (response, args): (Option<&TypeDef>, Vec<&str>) = match &op.response {
        TypeRef::Expr(expr) => {
            (cx.symbols.def(&expr.value.name), expr.value.args.iter().map(|a| a.name.as_str()).collect())
        }
        TypeRef::Inline(def) => (Some(def.as_ref()), Vec::new()),
        TypeRef::Array(_) => (None, Vec::new()),
    };
    let Some(TypeDef { body: TypeBody::Object { fields }, params, .. }) = response else {
        cx.error(
            &p.path,
            "cursor pagination needs the response to be an object",
            "respond with an object type holding the items, e.g. `response: CursorPage<Thing>`",
        );
        return None;
    };
    let shown = match &op.response {
        TypeRef::Expr(expr) => expr.value.to_string(),
        _ => "the response".to_owned(),
    };
    Some(Page { fields, params, args, shown })
}

/// The type expression of the response's field `wire`: `None` when there is no such field,
/// `Some(None)` when its type is not written as an expression.
fn field_expr<'a>(page: &Page<'a>, wire: &str) -> Option<Option<&'a TypeExpr>> {
    page.fields.iter().find(|f| f.wire == wire).map(|f| match &f.ty {
        FieldType::Ref(TypeRef::Expr(expr)) => Some(&expr.value),
        _ => None,
    })
}

fn no_field(cx: &mut Cx<'_, '_>, page: &Page<'_>, key: &Spanned<String>) {
    let field_names: Vec<&str> = page.fields.iter().map(|f| f.wire.as_str()).collect();
    cx.error(
        &key.path,
        format!("the response type `{}` has no field `{}`", page.shown, key.value),
        suggest(&key.value, &field_names),
    );
}

fn check_has_more(cx: &mut Cx<'_, '_>, page: &Page<'_>, p: &ast::Pagination) {
    match field_expr(page, &p.has_more.value) {
        None => no_field(cx, page, &p.has_more),
        Some(Some(expr)) if Scalar::from_name(&expr.name) == Some(Scalar::Boolean) => {}
        Some(_) => cx.error(
            &p.has_more.path,
            format!("`{}` must be a `boolean` field", p.has_more.value),
            "name the response's boolean field that says more pages follow",
        ),
    }
}

/// The items field is an `array<...>`; the name of its item type, the response's type
/// argument for a parameter (`data: array<T>` in `CursorPage<RunStep>`), the generic type
/// itself for an instance of one (`Boxed` for `data: array<Boxed<T>>`).
fn item_type<'a>(cx: &mut Cx<'_, '_>, page: &Page<'a>, p: &ast::Pagination) -> Option<&'a str> {
    let Some(expr) = field_expr(page, &p.items.value) else {
        no_field(cx, page, &p.items);
        return None;
    };
    match expr.map(|e| (e.name.as_str(), e.args.as_slice())) {
        Some((ARRAY, [item])) => {
            let item = item.name.as_str();
            let arg = page.params.iter().position(|param| param.value == item).and_then(|i| page.args.get(i));
            Some(arg.copied().unwrap_or(item))
        }
        _ => {
            cx.error(
                &p.items.path,
                format!("`{}` must be an `array<...>` field", p.items.value),
                "name the response field that holds the page's items, of type `array<...>`",
            );
            None
        }
    }
}

/// The items are objects with a `string` field to take the next cursor from.
fn check_cursor_field(cx: &mut Cx<'_, '_>, item: &str, p: &ast::Pagination) {
    let cursor = &p.cursor_field.value;
    let item_fields = match cx.symbols.types.get(item).map(|s| s.kind) {
        Some(SymbolKind::Def(TypeDef { body: TypeBody::Object { fields }, .. })) => Some(fields),
        _ => None,
    };
    let found = item_fields.and_then(|fields| fields.iter().find(|f| &f.wire == cursor));
    let is_string = |f: &ast::Field| {
        f.format.is_none()
            && matches!(&f.ty, FieldType::Ref(TypeRef::Expr(e)) if Scalar::from_name(&e.value.name) == Some(Scalar::String))
    };
    if found.is_some_and(is_string) {
        return;
    }
    let hint = match (item_fields, found) {
        (Some(_), Some(_)) => format!("make `{cursor}` a `string` field of `{item}`, or name another one"),
        (Some(_), None) => format!("add `{cursor}: {{ type: string, ... }}` to `{item}`, or name another field"),
        (None, _) => "the items must be objects with a `string` field to take the cursor from".to_owned(),
    };
    cx.error(
        &p.cursor_field.path,
        format!("the items (`{item}`) need a `string` field `{cursor}` to take the next cursor from"),
        hint,
    );
}

/// The cursor goes back in a `string` query parameter of the operation.
fn check_cursor_param(cx: &mut Cx<'_, '_>, op: &ast::Operation, p: &ast::Pagination) {
    let name = &p.cursor_param.value;
    match op.query.iter().find(|q| &q.wire == name) {
        None => {
            let known: Vec<&str> = op.query.iter().map(|q| q.wire.as_str()).collect();
            let hint = match nearest(name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add `{name}: {{ type: string, description: ... }}` under `query`"),
            };
            cx.error(&p.cursor_param.path, format!("`{name}` is not one of this operation's query parameters"), hint)
        }
        Some(q)
            if q.format.is_none()
                && matches!(&q.ty, TypeRef::Expr(e) if Scalar::from_name(&e.value.name) == Some(Scalar::String)) => {}
        Some(_) => cx.error(
            &p.cursor_param.path,
            format!("the cursor parameter `{name}` must be a `string`"),
            format!("give `{name}` the type `string` under `query`"),
        ),
    }
}

/// The fields and the parameter the keys name, found in the resolved response, item type
/// and query; `None` where the checks above found none.
fn resolve(p: &ast::Pagination, objects: &Objects<'_>, response: &Ty, query: &[QueryParam]) -> Option<Pagination> {
    let Ty::Named { name, args } = response else { return None };
    let page = objects.0.get(name.as_str())?;
    let items = field(page, &p.items.value)?;
    let has_more = field(page, &p.has_more.value)?;
    let resolved::FieldType::Value(Ty::Array(element)) = &items.ty else { return None };
    let item = bind(element, &page.params, args)?;
    let Ty::Named { name: item_name, .. } = &item else { return None };
    let cursor_field = field(objects.0.get(item_name.as_str())?, &p.cursor_field.value)?;
    let cursor_param = query.iter().find(|q| q.wire == p.cursor_param.value)?;
    Some(Pagination {
        items: key(items),
        item,
        cursor_field: key(cursor_field),
        has_more: key(has_more),
        cursor_param: PageKey {
            wire: cursor_param.wire.clone(),
            rust: cursor_param.rust.clone(),
            optional: !cursor_param.required,
        },
    })
}

/// `ty` with the page's parameters replaced by the response's arguments: `data: array<T>`
/// in `CursorPage<RunStep>` holds `RunStep`, `data: array<Boxed<T>>` in `Page<Thing>` holds
/// `Boxed<Thing>`.
fn bind(ty: &Ty, params: &[String], args: &[Ty]) -> Option<Ty> {
    Some(match ty {
        Ty::Param(param) => params.iter().position(|p| p == param).and_then(|i| args.get(i))?.clone(),
        Ty::Array(item) => Ty::Array(Box::new(bind(item, params, args)?)),
        Ty::Map(value) => Ty::Map(Box::new(bind(value, params, args)?)),
        Ty::Named { name, args: inner } => {
            let inner = inner.iter().map(|arg| bind(arg, params, args)).collect::<Option<_>>()?;
            Ty::Named { name: name.clone(), args: inner }
        }
        Ty::Scalar(_) | Ty::Formatted(_) => ty.clone(),
    })
}

fn field<'o>(object: &'o Object, wire: &str) -> Option<&'o resolved::Field> {
    object.fields.iter().find(|f| f.wire == wire)
}

fn key(field: &resolved::Field) -> PageKey {
    PageKey { wire: field.wire.clone(), rust: field.rust.clone(), optional: field.presence != Presence::Required }
}
