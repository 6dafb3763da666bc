//! Checks on operations, dispatched by part: the id and the names made from it, the
//! method, the path template ([`paths`](super::paths)), the parameters and their defaults
//! ([`defaults`](super::defaults)), the body ([`body`](super::body)), the response, and
//! the pagination contract ([`pagination`](super::pagination)).

use std::collections::BTreeMap;

use super::cx::{Cx, all_of};
use super::pagination::Objects;
use super::{body, constraints, defaults, formats, names, pagination, paths};
use crate::ast::{self, Spanned, Spec, TypeBody, TypeRef};
use crate::naming;
use crate::node_path::NodePath;
use crate::resolved::{Operation, PathParam, QueryParam, TypeDef};
use crate::values::{Presence, ResponseBody, Scalar};

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Checks and resolves every operation; `types` are the resolved types, which pagination
/// looks into.
pub(super) fn check<'a>(spec: &'a Spec, cx: &mut Cx<'_, 'a>, types: &[Option<TypeDef>]) -> Vec<Option<Operation>> {
    // With their bases' fields, as pagination and bodies read them.
    let composed = super::extends::compose(types.iter().flatten().cloned().collect());
    let objects = Objects::new(&composed);
    let mut ids: BTreeMap<String, &str> = BTreeMap::new();
    spec.operations.iter().map(|op| check_operation(cx, op, &mut ids, &objects)).collect()
}

/// One operation: every part checked by its rule, resolved when every part resolves.
fn check_operation<'a>(
    cx: &mut Cx<'_, 'a>,
    op: &'a ast::Operation,
    ids: &mut BTreeMap<String, &'a str>,
    objects: &Objects<'_>,
) -> Option<Operation> {
    let rust = check_id(cx, op, ids);
    let type_name = check_type_name(cx, op);
    let feature = check_group(cx, op);
    check_description(cx, op);
    check_method(cx, &op.method);
    let template = paths::check(cx, op);
    // `Some(None)`: no body.
    let response = match &op.response {
        Some(response) => cx.ty(response, &[]).map(Some),
        None => Some(None),
    };
    let (mut names, taken) = params(cx, op);
    let body = op.body.as_ref().map(|b| body::check(cx, op, b, objects, &taken));
    let query_names = names.split_off(op.path_params.len().min(names.len()));
    let path_params =
        all_of(op.path_params.iter().zip(names).map(|(p, rust)| {
            Some(PathParam { wire: p.wire.clone(), rust: rust?, description: p.description.clone() })
        }));
    let query = all_of(op.query.iter().zip(query_names).map(|(p, rust)| query_param(cx, p, rust)));
    if op.response_body == ResponseBody::Binary && op.pagination.is_some() {
        cx.error(
            &op.path.key("pagination"),
            "a binary response cannot be paginated: it has no items",
            "remove `pagination`, or give the operation a JSON `response` type",
        );
        return None;
    }
    let pagination = op
        .pagination
        .as_ref()
        .map(|p| pagination::check(cx, op, p, objects, response.clone().flatten().as_ref(), query.as_deref()));
    let path_params = path_params?;
    let type_name = type_name?;
    Some(Operation {
        id: op.id.clone(),
        rust: rust?,
        module: naming::module(&type_name),
        type_name,
        description: op.description.clone(),
        deprecated: op.deprecated.clone(),
        method: op.method.value.clone(),
        path: op.path_template.value.clone(),
        path_parts: paths::resolve(template?, &path_params)?,
        path_params,
        query: query?,
        body: match body {
            None => None,
            Some(body) => Some(body?),
        },
        response: response?,
        response_body: op.response_body,
        pagination: match pagination {
            None => None,
            Some(pagination) => Some(pagination?),
        },
        headers: op.headers.iter().map(|(name, value)| (name.value.clone(), value.clone())).collect(),
        group: op.group.as_ref().map(|g| g.value.clone()),
        feature: feature?,
    })
}

/// `group:` names a Cargo feature; `None` inside: no group.
fn check_group(cx: &mut Cx<'_, '_>, op: &ast::Operation) -> Option<Option<String>> {
    let Some(group) = &op.group else { return Some(None) };
    match naming::feature(&group.value) {
        Ok(feature) => Some(Some(feature)),
        Err(problem) => {
            cx.error(
                &group.path,
                format!("operation `{}` has a group that makes no Cargo feature: {problem}", op.id),
                "name the group with letters first, e.g. `group: Chat`; `default`, `client` and `full` are taken",
            );
            None
        }
    }
}

/// The id becomes the client method: a snake_case name the client has not, and no other
/// operation's.
fn check_id<'o>(cx: &mut Cx<'_, '_>, op: &'o ast::Operation, ids: &mut BTreeMap<String, &'o str>) -> Option<String> {
    match naming::snake(&op.id) {
        Ok(rust) if naming::RESERVED_OPERATION_NAMES.contains(&rust.as_str()) => {
            cx.error(
                &op.path,
                format!("operation `{}` would become the client method `{rust}`, which the client already has", op.id),
                "choose another id, e.g. a verb and a noun: `listThings`",
            );
            None
        }
        Ok(rust) => {
            if let Some(first) = ids.insert(rust.clone(), &op.id) {
                cx.error(
                    &op.path,
                    format!("operations `{first}` and `{}` both become `{rust}` in Rust", op.id),
                    "rename one of them; operation ids must differ after case conversion",
                );
            }
            Some(rust)
        }
        Err(problem) => {
            cx.error(
                &op.path,
                format!("invalid operation id: {problem}"),
                "use an id made of letters and digits, e.g. `listThings`",
            );
            None
        }
    }
}

/// The id also becomes the request type, which lives at the crate root beside the types.
fn check_type_name(cx: &mut Cx<'_, '_>, op: &ast::Operation) -> Option<String> {
    let type_name = naming::camel(&op.id).ok()?;
    if cx.symbols.types.contains_key(&type_name) {
        cx.error(
            &op.path,
            format!("operation `{}` would become the request type `{type_name}`, which is also a type's name", op.id),
            "rename the operation or the type; both live at the crate root",
        );
    } else if naming::RESERVED_TYPE_NAMES.contains(&type_name.as_str()) {
        // Not a spec type: a prelude or runtime name that generated code relies on.
        cx.error(
            &op.path,
            format!(
                "operation `{}` would become the request type `{type_name}`, a name the generated code already uses",
                op.id
            ),
            "rename the operation, e.g. a verb and a noun: `listThings`",
        );
    }
    Some(type_name)
}

fn check_description(cx: &mut Cx<'_, '_>, op: &ast::Operation) {
    if op.description.is_none() {
        cx.error(
            &op.path,
            format!("operation `{}` has no description", op.id),
            "add `description:`; it becomes the doc comment",
        );
    }
}

fn check_method(cx: &mut Cx<'_, '_>, method: &Spanned<String>) {
    if !METHODS.contains(&method.value.as_str()) {
        let hint = if METHODS.contains(&method.value.to_ascii_uppercase().as_str()) {
            format!("write it in capitals: `{}`", method.value.to_ascii_uppercase())
        } else {
            format!("expected one of {}", METHODS.join(", "))
        };
        cx.error(&method.path, format!("unknown HTTP method `{}`", method.value), hint);
    }
}

/// One parameter, path or query, as the shared rules see it.
struct Param<'o> {
    kind: &'static str,
    wire: &'o str,
    rust_name: Option<&'o Spanned<String>>,
    description: Option<&'o str>,
    path: &'o NodePath,
}

/// The Rust names of the path parameters, then of the query parameters. They share one
/// namespace (they become one builder's arguments and setters), so they are checked together;
/// with every name taken (Rust → wire), which the body's fields must avoid.
fn params(cx: &mut Cx<'_, '_>, op: &ast::Operation) -> (Vec<Option<String>>, BTreeMap<String, String>) {
    let path = op.path_params.iter().map(|p| Param {
        kind: "path",
        wire: &p.wire,
        rust_name: p.rust_name.as_ref(),
        description: p.description.as_deref(),
        path: &p.path,
    });
    let query = op.query.iter().map(|p| Param {
        kind: "query",
        wire: &p.wire,
        rust_name: p.rust_name.as_ref(),
        description: p.description.as_deref(),
        path: &p.path,
    });
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    let rust = path.chain(query).map(|param| check_param(cx, &param, &mut names)).collect();
    (rust, names.into_iter().map(|(rust, wire)| (rust, wire.to_owned())).collect())
}

fn check_param<'o>(cx: &mut Cx<'_, '_>, param: &Param<'o>, names: &mut BTreeMap<String, &'o str>) -> Option<String> {
    let (wire, path) = (param.wire, param.path);
    let rust = names::param_rust_name(cx, param.rust_name, wire, path);
    if let Some(taken) = rust.as_deref().filter(|r| naming::RESERVED_PARAM_NAMES.contains(r)) {
        cx.error(
            path,
            format!("parameter `{wire}` would become the method `{taken}`, which request builders already have"),
            format!("set `rust_name` to another name, e.g. `rust_name: {taken}_value`"),
        );
    }
    if let Some(first) = rust.clone().and_then(|r| names.insert(r, wire)) {
        cx.error(path, format!("parameters `{first}` and `{wire}` have the same Rust name"), "set `rust_name` on one");
    }
    if param.description.is_none() {
        cx.error(
            path,
            format!("{} parameter `{wire}` has no description", param.kind),
            "add `description:`; it becomes the parameter's doc comment",
        );
    }
    rust
}

fn query_param(cx: &mut Cx<'_, '_>, param: &ast::QueryParam, rust: Option<String>) -> Option<QueryParam> {
    let ty = cx.ty(&param.ty, &[]);
    constraints::check(cx, &param.constraints, &param.ty, &param.path);
    let ty = formats::apply(cx, param.format.as_ref(), ty, &param.constraints, &param.path);
    check_query_type(cx, param);
    defaults::check(cx, param);
    Some(QueryParam {
        wire: param.wire.clone(),
        rust: rust?,
        description: param.description.clone(),
        deprecated: param.deprecated.clone(),
        ty: ty?,
        required: param.required,
        default: param.default.as_ref().map(|d| d.value.clone()),
        constraints: param.constraints.clone(),
    })
}

/// What a query string can carry: scalars, enums, and arrays of those; not `json`, which a
/// query string has no encoding for.
fn check_query_type(cx: &mut Cx<'_, '_>, param: &ast::QueryParam) {
    let simple_expr = |expr: &ast::TypeExpr| {
        Scalar::from_name(&expr.name).is_some_and(|scalar| scalar != Scalar::Json)
            || (expr.args.is_empty()
                && matches!(cx.symbols.def(&expr.name).map(|d| &d.body), Some(TypeBody::Enum { .. })))
    };
    let simple = |ty: &TypeRef| match ty {
        TypeRef::Expr(expr) => simple_expr(&expr.value),
        TypeRef::Inline(def) => matches!(def.body, TypeBody::Enum { .. }),
        TypeRef::Array(_) => false,
    };
    // deepObject: `name[field]=value` for an object whose fields are all simple, required or
    // optional (a query has no `null`), with no bases or type parameters.
    let flat_object = |def: &ast::TypeDef| match &def.body {
        TypeBody::Object { fields } => {
            def.extends.is_empty()
                && def.params.is_empty()
                && fields.iter().all(|f| {
                    matches!(f.presence, Presence::Required | Presence::Optional)
                        && matches!(&f.ty, ast::FieldType::Ref(ty) if simple(ty))
                })
        }
        // A named map, `name[key]=value` per entry.
        TypeBody::Map { value, .. } => def.params.is_empty() && simple(value),
        _ => false,
    };
    let ok = match &param.ty {
        TypeRef::Array(item) => simple(item),
        TypeRef::Expr(expr) if expr.value.name == super::symbols::ARRAY => {
            expr.value.args.first().is_some_and(simple_expr)
        }
        // deepObject: `name[key]=value` per entry.
        TypeRef::Expr(expr) if expr.value.name == super::symbols::MAP => {
            expr.value.args.first().is_some_and(simple_expr)
        }
        TypeRef::Expr(expr)
            if expr.value.args.is_empty() && cx.symbols.def(&expr.value.name).is_some_and(flat_object) =>
        {
            true
        }
        TypeRef::Inline(def) if flat_object(def) => true,
        other => simple(other),
    };
    if ok {
        return;
    }
    if names_json(&param.ty) {
        cx.error(
            &param.path.key("type"),
            format!(
                "query parameter `{}` cannot hold `json`: a query string has no encoding for any JSON value",
                param.wire
            ),
            "use a scalar, an enum or an `array<...>` of one; send a free-form value in a request body",
        );
    } else {
        cx.error(
            &param.path.key("type"),
            format!(
                "query parameter `{}` must be a scalar, an enum, an array or map of those, or an object of those",
                param.wire
            ),
            "an object in a query may hold scalars and enums, required or optional, without `extends`; \
             send anything deeper in a request body",
        );
    }
}

/// Whether a type expression names `json`, at any depth (`json`, `array<json>`, `map<json>`).
fn names_json(ty: &TypeRef) -> bool {
    fn in_expr(expr: &ast::TypeExpr) -> bool {
        Scalar::from_name(&expr.name) == Some(Scalar::Json) || expr.args.iter().any(in_expr)
    }
    match ty {
        TypeRef::Expr(expr) => in_expr(&expr.value),
        TypeRef::Array(item) => names_json(item),
        TypeRef::Inline(_) => false,
    }
}
