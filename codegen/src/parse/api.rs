//! Parsing `api`: the API's facts, its auth scheme, and the headers the client sends.

use serde_yaml::Value;

use super::reader::{Obj, kind, string_value};
use crate::ast::{Api, Auth, AuthScheme, ClientHeader, ErrorShape, Spanned};
use crate::diagnostics::Diagnostics;
use crate::node_path::NodePath;

const KEYS: [&str; 13] = [
    "title",
    "description",
    "version",
    "base_url",
    "base_url_env",
    "docs_url",
    "auth",
    "headers",
    "client_headers",
    "rust_crate",
    "request_id_headers",
    "error",
    "keep_unknown_fields",
];

/// The schemes `auth.scheme` takes, for the hint of an unknown one.
const SCHEMES_HINT: &str = "the schemes are `bearer` (`Authorization: Bearer <key>`), `api_key` (the key alone \
     in the header named by `header:`) and `none`";

pub(super) fn api(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Api> {
    let hint = "give `api:` the keys `title`, `description` and `base_url`, indented below it";
    let obj = Obj::new(value, path, "`api`", hint, d)?;
    obj.known(&KEYS, d);
    let auth = obj.get("auth").and_then(|(v, p)| auth(v, &p, d));
    let headers = match obj.get("headers") {
        Some((v, p)) => headers(v, &p, d),
        None => Vec::new(),
    };
    let client_headers = match obj.get("client_headers") {
        Some((v, p)) => client_headers(v, &p, d),
        None => Vec::new(),
    };
    let title = obj.required_string("title", "add the API's name, e.g. `title: Example API`", d);
    let description = obj.required_string("description", "add `description:`; it becomes the crate-level docs", d);
    let base_url = obj.required_string(
        "base_url",
        "add the URL operation paths are relative to, e.g. `base_url: https://api.example.com/v1`",
        d,
    );
    Some(Api {
        title: title?.value,
        description: description?.value.trim_end().to_owned(),
        version: obj.string("version", d),
        base_url: base_url?,
        base_url_env: obj.string("base_url_env", d),
        docs_url: obj.string("docs_url", d),
        keep_unknown_fields: obj.bool("keep_unknown_fields", d),
        auth,
        headers,
        rust_crate: obj.spanned_string("rust_crate", d),
        client_headers,
        request_id_headers: obj.get("request_id_headers").and_then(|(v, p)| string_list(v, p, d)),
        error: obj.get("error").and_then(|(v, p)| error(v, &p, d)),
    })
}

fn auth(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Auth> {
    let auth = Obj::new(value, path, "`auth`", "write `auth: { scheme: bearer, env: API_KEY }`", d)?;
    auth.known(&["scheme", "env", "header"], d);
    let scheme = auth.required_string("scheme", &format!("add `scheme: bearer`; {SCHEMES_HINT}"), d);
    let scheme = scheme.and_then(|scheme| match scheme.value.as_str() {
        "none" => Some(AuthScheme::None),
        "bearer" => Some(AuthScheme::Bearer),
        "api_key" => Some(AuthScheme::ApiKey),
        other => {
            d.error(&scheme.path, format!("unknown auth scheme `{other}`"), Some(SCHEMES_HINT.into()));
            None
        }
    });
    Some(Auth {
        scheme,
        env: auth.spanned_string("env", d),
        header: auth.spanned_string("header", d),
        path: path.clone(),
    })
}

/// `[name, ...]`: a list of strings.
fn string_list(value: &Value, path: NodePath, d: &mut Diagnostics) -> Option<Spanned<Vec<Spanned<String>>>> {
    let Value::Sequence(items) = value else {
        let hint = "write the header names as a list, e.g. `request_id_headers: [request-id]`";
        d.error(&path, format!("expected a list of header names, found {}", kind(value)), Some(hint.into()));
        return None;
    };
    let names = items.iter().enumerate().filter_map(|(i, item)| {
        let path = path.index(i);
        string_value(item, &path, d).map(|value| Spanned { value, path })
    });
    Some(Spanned { value: names.collect(), path })
}

/// `error: { type: Problem, message: error.message }`
fn error(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<ErrorShape> {
    let hint = "write `error: { type: ErrorType, message: field.path }`";
    let obj = Obj::new(value, path, "`error`", hint, d)?;
    obj.known(&["type", "message"], d);
    let ty = obj.required_string("type", "add the type of an error response's body, e.g. `type: Problem`", d);
    let message = obj.spanned_string("message", d);
    Some(ErrorShape { ty: ty?, message, path: path.clone() })
}

/// `Name: value` pairs, sent with every request (or, under an operation, with that one).
pub(super) fn headers(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<(Spanned<String>, String)> {
    let hint = "write one `Name: value` line per header, indented below `headers:`";
    let Some(map) = Obj::new(value, path, "`headers`", hint, d) else {
        return Vec::new();
    };
    let mut headers = Vec::new();
    for (name, value, path) in map.entries(d) {
        if let Some(value) = string_value(value, &path, d) {
            headers.push((Spanned { value: name.to_owned(), path }, value));
        }
    }
    headers
}

fn client_headers(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<ClientHeader> {
    let hint = "write one `setter: { header: Name, env: VARIABLE, description: ... }` entry per header";
    let Some(map) = Obj::new(value, path, "`client_headers`", hint, d) else {
        return Vec::new();
    };
    map.entries(d).into_iter().filter_map(|(setter, value, path)| client_header(setter, value, path, d)).collect()
}

/// `setter: { header: Name, env: VARIABLE, description: ... }`
fn client_header(setter: &str, value: &Value, path: NodePath, d: &mut Diagnostics) -> Option<ClientHeader> {
    let hint = "write `{ header: Name, env: VARIABLE, description: ... }`";
    let entry = Obj::new(value, &path, &format!("`{setter}`"), hint, d)?;
    entry.known(&["header", "env", "description"], d);
    let header = entry.required_string("header", "add the header's name, e.g. `header: OpenAI-Project`", d);
    // Read before giving up on a missing header, so their errors are reported too.
    let (env, description) = (entry.string("env", d), entry.description(d));
    Some(ClientHeader { setter: setter.to_owned(), env, description, header: header?, path })
}
