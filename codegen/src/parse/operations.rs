//! Parsing `operations`: method, path template, parameters, body, response and pagination.

use serde_yaml::Value;

use super::pagination::pagination;
use super::reader::{CONSTRAINT_KEYS, Obj, kind};
use super::types::type_ref;
use crate::ast::{Operation, PathParam, QueryParam, Spanned};
use crate::diagnostics::Diagnostics;
use crate::node_path::NodePath;
use crate::values::{Literal, ResponseBody};

pub(super) fn operations(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<Operation> {
    let hint = "write one entry per operation id, indented below `operations:`, or leave the key out";
    let Some(obj) = Obj::new(value, path, "`operations`", hint, d) else {
        return Vec::new();
    };
    obj.entries(d).into_iter().filter_map(|(id, value, path)| operation(id, value, &path, d)).collect()
}

fn operation(id: &str, value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Operation> {
    let hint = "an operation is a mapping with `description`, `method`, `path` and `response`; see spec/README.md";
    let obj = Obj::new(value, path, "an operation", hint, d)?;
    obj.known(
        &[
            "description",
            "deprecated",
            "method",
            "path",
            "path_params",
            "query",
            "body",
            "response",
            "pagination",
            "headers",
            "group",
        ],
        d,
    );
    let method = obj.required_string("method", "add the HTTP method in capitals, e.g. `method: GET`", d);
    let path_template =
        obj.required_string("path", "add the path after `base_url`, e.g. `path: /things/{thing_id}`", d);
    let hint = "add the type of the response body, e.g. `response: Thing`, or `response: none` or `binary`";
    let response = obj.required("response", hint, d).and_then(|(v, p)| match v {
        Value::String(s) if s == "none" => Some((None, ResponseBody::None)),
        Value::String(s) if s == "binary" => Some((None, ResponseBody::Binary)),
        _ => type_ref(v, &p, d).map(|t| (Some(t), ResponseBody::Json)),
    });
    let path_params = match obj.get("path_params") {
        Some((v, p)) => path_params(v, &p, d),
        None => Vec::new(),
    };
    let query = match obj.get("query") {
        Some((v, p)) => query_params(v, &p, d),
        None => Vec::new(),
    };
    let pagination = obj.get("pagination").and_then(|(v, p)| pagination(v, &p, d));
    let body = obj.get("body").and_then(|(v, p)| type_ref(v, &p, d));
    let headers = match obj.get("headers") {
        Some((v, p)) => super::api::headers(v, &p, d),
        None => Vec::new(),
    };
    let (response, response_body) = response?;
    Some(Operation {
        id: id.to_owned(),
        description: obj.description(d),
        deprecated: obj.deprecated(d),
        method: method?,
        path_template: path_template?,
        path_params,
        query,
        body,
        response,
        response_body,
        pagination,
        headers,
        group: obj.spanned_string("group", d),
        path: path.clone(),
    })
}

fn path_params(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<PathParam> {
    let hint = "write one `name: { description: ... }` entry per `{name}` in the path";
    let Some(obj) = Obj::new(value, path, "`path_params`", hint, d) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (wire, value, path) in obj.entries(d) {
        let hint = format!("write `{wire}: {{ description: ... }}`");
        let Some(param) = Obj::new(value, &path, "a path parameter", &hint, d) else {
            continue;
        };
        param.known(&["description", "rust_name"], d);
        out.push(PathParam {
            wire: wire.to_owned(),
            rust_name: param.spanned_string("rust_name", d),
            description: param.description(d),
            path,
        });
    }
    out
}

fn query_params(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<QueryParam> {
    let hint = "write one `name: { type: ..., description: ... }` entry per query parameter";
    let Some(obj) = Obj::new(value, path, "`query`", hint, d) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (wire, value, path) in obj.entries(d) {
        // `limit: integer` is a likely slip for `limit: { type: integer }`: the hint keeps the type.
        let hint = format!("write `{wire}: {{ type: {}, description: ... }}`", value.as_str().unwrap_or("string"));
        let Some(param) = Obj::new(value, &path, "a query parameter", &hint, d) else {
            continue;
        };
        let mut allowed = vec!["type", "description", "deprecated", "required", "default", "rust_name", "format"];
        allowed.extend(CONSTRAINT_KEYS);
        param.known(&allowed, d);
        let ty = param
            .required("type", "add the parameter's type, e.g. `type: string` or `type: array<Status>`", d)
            .and_then(|(v, p)| type_ref(v, &p, d));
        let default = param.get("default").and_then(|(v, p)| literal(v, &p, d).map(|value| Spanned { value, path: p }));
        let Some(ty) = ty else { continue };
        out.push(QueryParam {
            wire: wire.to_owned(),
            rust_name: param.spanned_string("rust_name", d),
            description: param.description(d),
            deprecated: param.deprecated(d),
            ty,
            required: param.bool("required", d),
            default,
            constraints: param.constraints(d),
            format: param.spanned_string("format", d),
            path,
        });
    }
    out
}

fn literal(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Literal> {
    match value {
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::String(s) => Some(Literal::Str(s.clone())),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(Literal::Int(i)),
            (None, Some(f)) => Some(Literal::Float(f)),
            (None, None) => {
                d.error(path, format!("the default {n} does not fit a 64-bit integer"), None);
                None
            }
        },
        other => {
            d.error(
                path,
                format!("a default must be a string, number or boolean, found {}", kind(other)),
                Some("write one value, e.g. `default: 20`, or remove `default`".into()),
            );
            None
        }
    }
}
