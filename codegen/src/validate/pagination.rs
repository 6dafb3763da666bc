//! The pagination contract: its keys name a boolean field and an `array<...>` field of the
//! response, the field each style takes the next page's cursor or token from (of the items
//! or of the response), and the query parameters it goes back in. Resolved, they are those
//! fields and parameters, with the item type.

use std::collections::BTreeMap;

use super::cx::Cx;
use super::extends;
use super::symbols::{ARRAY, SymbolKind};
use crate::ast::{self, CursorFrom, FieldType, PageStyle, Spanned, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::diagnostics::{nearest, suggest};
use crate::resolved::{self, Body, Cursor, CursorSource, Object, PageKey, Pagination, QueryParam, Ty};
use crate::values::{Presence, Scalar};

/// The resolved objects by name, for the pagination keys to find their fields in.
pub(super) struct Objects<'t>(BTreeMap<&'t str, &'t Object>);

impl<'t> Objects<'t> {
    pub(super) fn new(types: &'t [resolved::TypeDef]) -> Self {
        let objects = types.iter().filter_map(|ty| match &ty.body {
            Body::Object(object) => Some((ty.name.as_str(), object)),
            _ => None,
        });
        Self(objects.collect())
    }

    pub(super) fn get(&self, name: &str) -> Option<&'t Object> {
        self.0.get(name).copied()
    }
}

/// The paginated response as written: an object, possibly a generic instance such as
/// `CursorPage<RunStep>`.
struct Page<'a> {
    /// Its bases' fields too (`extends`).
    fields: Vec<&'a ast::Field>,
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
    if let Some(has_more) = &p.has_more {
        check_has_more(cx, &page, has_more);
    }
    let item = item_type(cx, &page, p);
    check_presence(cx, &page, item, p);
    match &p.style {
        PageStyle::Cursor { forward, backward } => {
            check_cursor(cx, op, &page, item, forward, Direction::Forward);
            if let Some(backward) = backward {
                check_cursor(cx, op, &page, item, backward, Direction::Backward);
                check_directions(cx, op, forward, backward);
            }
        }
        PageStyle::PageNumber { page_param, first_page } => {
            check_param(cx, op, page_param, Scalar::Integer, "page number");
            check_first_page(cx, op, page_param, first_page.as_ref());
        }
        PageStyle::PageToken { token_param, token_field } => {
            check_param(cx, op, token_param, Scalar::String, "token");
            check_page_string(cx, &page, token_field, "the next page's token");
        }
    }
    resolve(p, objects, response?, query?)
}

/// A field pagination reads is at most one `Option` deep: one both optional and nullable
/// (`Option<Option<T>>`, three states) is refused, as no paging contract gives `null` a
/// meaning of its own apart from absence.
fn check_presence(cx: &mut Cx<'_, '_>, page: &Page<'_>, item: Option<&str>, p: &ast::Pagination) {
    let item_fields = match item.and_then(|name| cx.symbols.def(name)) {
        Some(def) if matches!(def.body, TypeBody::Object { .. }) => extends::all_fields(cx.symbols, def),
        _ => Vec::new(),
    };
    let page_fields = page.fields.as_slice();
    let mut named: Vec<(&Spanned<String>, &[&ast::Field])> = vec![(&p.items, page_fields)];
    named.extend(p.has_more.iter().map(|k| (k, page_fields)));
    match &p.style {
        PageStyle::Cursor { forward, backward } => {
            for cursor in std::iter::once(forward).chain(backward) {
                let fields = if cursor.from == CursorFrom::Page { page_fields } else { item_fields.as_slice() };
                named.push((&cursor.field, fields));
            }
        }
        PageStyle::PageToken { token_field, .. } => named.push((token_field, page_fields)),
        PageStyle::PageNumber { .. } => {}
    }
    for (key, fields) in named {
        if fields.iter().any(|f| f.wire == key.value && f.presence == Presence::OptionalNullable) {
            cx.error(
                &key.path,
                format!("pagination reads `{}`, which is both optional and nullable", key.value),
                "make the field `optional` or `nullable`: absent and `null` mean the same to paging",
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

impl Direction {
    /// The page the cursor leads to, for messages.
    fn page(self) -> &'static str {
        match self {
            Direction::Forward => "next",
            Direction::Backward => "previous",
        }
    }
}

fn page<'a>(cx: &mut Cx<'_, 'a>, op: &'a ast::Operation, p: &ast::Pagination) -> Option<Page<'a>> {
    let (response, args): (Option<&TypeDef>, Vec<&str>) = match &op.response {
        Some(TypeRef::Expr(expr)) => {
            (cx.symbols.def(&expr.value.name), expr.value.args.iter().map(|a| a.name.as_str()).collect())
        }
        Some(TypeRef::Inline(def)) => (Some(def.as_ref()), Vec::new()),
        Some(TypeRef::Array(_)) | None => (None, Vec::new()),
    };
    let Some(def @ TypeDef { body: TypeBody::Object { .. }, params, .. }) = response else {
        cx.error(
            &p.path,
            "pagination needs the response to be an object",
            "respond with an object type holding the items, e.g. `response: CursorPage<Thing>`",
        );
        return None;
    };
    let shown = match &op.response {
        Some(TypeRef::Expr(expr)) => expr.value.to_string(),
        _ => "the response".to_owned(),
    };
    Some(Page { fields: extends::all_fields(cx.symbols, def), params, args, shown })
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

fn check_has_more(cx: &mut Cx<'_, '_>, page: &Page<'_>, has_more: &Spanned<String>) {
    match field_expr(page, &has_more.value) {
        None => no_field(cx, page, has_more),
        Some(Some(expr)) if Scalar::from_name(&expr.name) == Some(Scalar::Boolean) => {}
        Some(_) => cx.error(
            &has_more.path,
            format!("`{}` must be a `boolean` field", has_more.value),
            "name the response's boolean field that says more pages follow",
        ),
    }
}

/// A field of the response that holds `what`: a `string` (nullable or optional: a missing
/// one ends the listing).
fn check_page_string(cx: &mut Cx<'_, '_>, page: &Page<'_>, key: &Spanned<String>, what: &str) {
    match field_expr(page, &key.value) {
        None => no_field(cx, page, key),
        Some(Some(expr)) if Scalar::from_name(&expr.name) == Some(Scalar::String) => {}
        Some(_) => cx.error(
            &key.path,
            format!("`{}` must be a `string` field of `{}` to hold {what}", key.value, page.shown),
            format!(
                "give `{}` the type `string` (nullable or optional if the last page has none), or name another field",
                key.value
            ),
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

/// One direction of cursor paging: its parameter, and the field it takes the cursor from.
fn check_cursor(
    cx: &mut Cx<'_, '_>,
    op: &ast::Operation,
    page: &Page<'_>,
    item: Option<&str>,
    cursor: &ast::Cursor,
    direction: Direction,
) {
    let which = direction.page();
    check_param(cx, op, &cursor.param, Scalar::String, "cursor");
    match (cursor.from, item) {
        (CursorFrom::Item, Some(item)) => check_cursor_field(cx, item, &cursor.field, which),
        (CursorFrom::Item, None) => {}
        (CursorFrom::Page, _) => check_page_string(cx, page, &cursor.field, &format!("the {which} page's cursor")),
    }
}

/// The items are objects with a `string` field to take the `which` cursor from.
fn check_cursor_field(cx: &mut Cx<'_, '_>, item: &str, key: &Spanned<String>, which: &str) {
    let cursor = &key.value;
    let item_fields = match cx.symbols.types.get(item).map(|s| s.kind) {
        Some(SymbolKind::Def(def @ TypeDef { body: TypeBody::Object { .. }, .. })) => {
            Some(extends::all_fields(cx.symbols, def))
        }
        _ => None,
    };
    let found = item_fields.as_ref().and_then(|fields| fields.iter().copied().find(|f| &f.wire == cursor));
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
        &key.path,
        format!("the items (`{item}`) need a `string` field `{cursor}` to take the {which} cursor from"),
        hint,
    );
}

/// The cursor, token or page number (`what`) goes back in a query parameter of the
/// operation, of type `scalar`.
fn check_param(cx: &mut Cx<'_, '_>, op: &ast::Operation, key: &Spanned<String>, scalar: Scalar, what: &str) {
    let (name, ty) = (&key.value, scalar.name());
    let article = if scalar == Scalar::Integer { "an" } else { "a" };
    match op.query.iter().find(|q| &q.wire == name) {
        None => {
            let known: Vec<&str> = op.query.iter().map(|q| q.wire.as_str()).collect();
            let hint = match nearest(name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add `{name}: {{ type: {ty}, description: ... }}` under `query`"),
            };
            cx.error(&key.path, format!("`{name}` is not one of this operation's query parameters"), hint)
        }
        Some(q)
            if q.format.is_none()
                && matches!(&q.ty, TypeRef::Expr(e) if Scalar::from_name(&e.value.name) == Some(scalar)) => {}
        Some(_) => cx.error(
            &key.path,
            format!("the {what} parameter `{name}` must be {article} `{ty}`"),
            format!("give `{name}` the type `{ty}` under `query`"),
        ),
    }
}

/// `first_page` is the number an unset page parameter stands for: a required one is never unset.
fn check_first_page(cx: &mut Cx<'_, '_>, op: &ast::Operation, param: &Spanned<String>, first: Option<&Spanned<i64>>) {
    let Some(first) = first else { return };
    if op.query.iter().any(|q| q.wire == param.value && q.required) {
        cx.error(
            &first.path,
            format!("`first_page` does nothing: the page parameter `{}` is required", param.value),
            "remove `first_page` (the caller gives the first page's number), or make the parameter optional",
        );
    }
}

/// Paging both ways: the direction is chosen by which parameter the listing starts with, so
/// the two are different parameters, neither of them required.
fn check_directions(cx: &mut Cx<'_, '_>, op: &ast::Operation, forward: &ast::Cursor, backward: &ast::Cursor) {
    if forward.param.value == backward.param.value {
        cx.error(
            &backward.param.path,
            format!("both directions name the query parameter `{}`", backward.param.value),
            "name the parameter of the backward cursor, e.g. `cursor_param: before`",
        );
        return;
    }
    for (cursor, hint) in [
        (forward, "a listing going backwards must be able to leave it out"),
        (backward, "the listing goes backwards only when it is set"),
    ] {
        let name = &cursor.param.value;
        if op.query.iter().any(|q| &q.wire == name && q.required) {
            cx.error(
                &cursor.param.path,
                format!("the cursor parameter `{name}` must not be `required` when the listing pages both ways"),
                format!("remove `required: true` from `{name}`: {hint}"),
            );
        }
    }
}

/// The fields and parameters the keys name, found in the resolved response, item type and
/// query; `None` where the checks above found none.
fn resolve(p: &ast::Pagination, objects: &Objects<'_>, response: &Ty, query: &[QueryParam]) -> Option<Pagination> {
    let Ty::Named { name, args } = response else { return None };
    let page = objects.0.get(name.as_str())?;
    let items = field(page, &p.items.value)?;
    let has_more = match &p.has_more {
        Some(has_more) => Some(key(field(page, &has_more.value)?)),
        None => None,
    };
    let resolved::FieldType::Value(Ty::Array(element)) = &items.ty else { return None };
    let item = bind(element, &page.params, args)?;
    let param = |key: &Spanned<String>| query.iter().find(|q| q.wire == key.value).map(param_key);
    let cursor = |cursor: &ast::Cursor| -> Option<Cursor> {
        let from = match cursor.from {
            CursorFrom::Page => CursorSource::Page(key(field(page, &cursor.field.value)?)),
            CursorFrom::Item => {
                let Ty::Named { name: item_name, .. } = &item else { return None };
                CursorSource::Item(key(field(objects.0.get(item_name.as_str())?, &cursor.field.value)?))
            }
        };
        Some(Cursor { param: param(&cursor.param)?, from })
    };
    let style = match &p.style {
        PageStyle::Cursor { forward, backward } => resolved::PageStyle::Cursor {
            forward: cursor(forward)?,
            backward: match backward {
                Some(backward) => Some(cursor(backward)?),
                None => None,
            },
        },
        PageStyle::PageNumber { page_param, first_page } => resolved::PageStyle::PageNumber {
            param: param(page_param)?,
            first: first_page.as_ref().map_or(1, |first| first.value),
        },
        PageStyle::PageToken { token_param, token_field } => {
            resolved::PageStyle::PageToken { param: param(token_param)?, field: key(field(page, &token_field.value)?) }
        }
    };
    Some(Pagination { items: key(items), item, has_more, style })
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

fn param_key(param: &QueryParam) -> PageKey {
    PageKey { wire: param.wire.clone(), rust: param.rust.clone(), optional: !param.required }
}
