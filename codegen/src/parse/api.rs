//! Parsing `api`: the API's facts, its auth scheme, and the headers the client sends.

use serde_yaml::Value;

use super::reader::{Obj, string_value};
use crate::ast::{Api, Auth, ClientHeader, Spanned};
use crate::diagnostics::Diagnostics;
use crate::node_path::NodePath;

const KEYS: [&str; 11] = [
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
    "keep_unknown_fields",
];

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
    })
}

fn auth(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Auth> {
    let auth = Obj::new(value, path, "`auth`", "write `auth: { scheme: bearer, env: API_KEY }`", d)?;
    auth.known(&["scheme", "env"], d);
    let scheme = auth.required_string("scheme", "add `scheme: bearer`, the only scheme so far", d)?;
    if scheme.value != "bearer" {
        d.error(
            &scheme.path,
            format!("unknown auth scheme `{}`", scheme.value),
            Some("the only scheme so far is `bearer`".into()),
        );
    }
    Some(Auth { env: auth.string("env", d) })
}

/// `Name: value` pairs, sent with every request.
fn headers(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Vec<(Spanned<String>, String)> {
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
