//! Checks on `api`: the base URL, the crate name, the auth scheme, the headers the client
//! sends (an operation's own too) and those it reads the request id from.

use std::collections::BTreeMap;

use crate::ast::{Api, Auth, AuthScheme, ClientHeader, Operation, Spanned};
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::resolved;

pub(super) fn check(api: &Api, d: &mut Diagnostics) {
    check_base_url(&api.base_url, d);
    if let Some(name) = &api.rust_crate {
        check_crate_name(name, d);
    }
    if let Some(auth) = &api.auth {
        check_auth(auth, d);
    }
    for header in &api.client_headers {
        check_client_header(header, d);
        check_not_credential(api, &header.header, d);
    }
    for (name, value) in &api.headers {
        check_header_name(name, d);
        check_header_value(name, value, d);
        check_not_credential(api, name, d);
    }
    if let Some(names) = &api.request_id_headers {
        check_request_id_headers(names, d);
    }
}

/// An operation's own headers: valid, each named once, none the credentials' header.
pub(super) fn check_operation_headers(api: &Api, op: &Operation, d: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (name, value) in &op.headers {
        check_header_name(name, d);
        check_header_value(name, value, d);
        check_not_credential(api, name, d);
        if let Some(first) = seen.insert(name.value.to_ascii_lowercase(), &name.value) {
            d.error(
                &name.path,
                format!("the headers `{first}` and `{}` are the same header", name.value),
                Some("header names ignore case: keep one of them".into()),
            );
        }
    }
}

/// Which keys go with which scheme: `api_key` needs `header`, which the others refuse;
/// `none` reads no key, so it takes no `env`.
fn check_auth(auth: &Auth, d: &mut Diagnostics) {
    match (auth.scheme, &auth.header) {
        (Some(AuthScheme::ApiKey), None) => d.error(
            &auth.path,
            "the `api_key` scheme needs the header the key is sent in",
            Some("add the header's name as the API documents it, e.g. `header: x-api-key`".into()),
        ),
        (Some(AuthScheme::ApiKey), Some(header)) => check_header_name(header, d),
        (Some(AuthScheme::Bearer), Some(header)) => d.error(
            &header.path,
            "`header` is for the `api_key` scheme; `bearer` always sends `Authorization: Bearer <key>`",
            Some("remove `header`, or write `scheme: api_key` to send the key alone in this header".into()),
        ),
        (Some(AuthScheme::None), Some(header)) => d.error(
            &header.path,
            "`header` is for the `api_key` scheme; `none` sends no credentials",
            Some("remove `header`, or write `scheme: api_key`".into()),
        ),
        _ => {}
    }
    match (auth.scheme, &auth.env) {
        (Some(AuthScheme::None), Some(env)) => d.error(
            &env.path,
            "the `none` scheme reads no key, so it has no `env`",
            Some("remove `env`, or choose the scheme `bearer` or `api_key`".into()),
        ),
        (_, Some(env)) => check_env_name(env, d),
        _ => {}
    }
}

/// A variable name a shell can set: letters, digits and `_`, not starting with a digit.
fn check_env_name(env: &Spanned<String>, d: &mut Diagnostics) {
    let valid = env.value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && env.value.chars().next().is_some_and(|c| !c.is_ascii_digit());
    if !valid {
        d.error(
            &env.path,
            format!("`{}` is not an environment variable name", env.value),
            Some("use letters, digits and `_`, not starting with a digit, e.g. `EXAMPLE_API_KEY`".into()),
        );
    }
}

/// The credentials' header comes from the key: a fixed value for it would be sent instead
/// of (or be replaced by) the key.
fn check_not_credential(api: &Api, name: &Spanned<String>, d: &mut Diagnostics) {
    let Some(header) = credential_header(api) else { return };
    if name.value.eq_ignore_ascii_case(header) {
        d.error(
            &name.path,
            format!("`{}` is the header of the API key (`auth`)", name.value),
            Some("the client sends it from the key; remove it here (a caller may still set it in code)".into()),
        );
    }
}

fn credential_header(api: &Api) -> Option<&str> {
    let auth = api.auth.as_ref()?;
    match auth.scheme? {
        AuthScheme::None => None,
        AuthScheme::Bearer => Some("authorization"),
        AuthScheme::ApiKey => auth.header.as_ref().map(|h| h.value.as_str()),
    }
}

/// At least one header, each a valid name, none twice.
fn check_request_id_headers(names: &Spanned<Vec<Spanned<String>>>, d: &mut Diagnostics) {
    if names.value.is_empty() {
        d.error(
            &names.path,
            "`request_id_headers` names no header",
            Some(
                "list the headers responses carry their request id in, or leave the key out for `x-request-id`".into(),
            ),
        );
    }
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for name in &names.value {
        check_header_name(name, d);
        if let Some(first) = seen.insert(name.value.to_ascii_lowercase(), &name.value) {
            d.error(
                &name.path,
                format!("`{first}` and `{}` are the same header", name.value),
                Some("header names ignore case: list each once".into()),
            );
        }
    }
}

/// `api` as the resolved model holds it, but for the error type, which validate resolves
/// against the types.
pub(super) fn resolve(api: &Api, error: Option<resolved::ErrorShape>) -> resolved::Api {
    resolved::Api {
        title: api.title.clone(),
        description: api.description.clone(),
        version: api.version.clone(),
        base_url: api.base_url.value.clone(),
        base_url_env: api.base_url_env.clone(),
        docs_url: api.docs_url.clone(),
        auth: resolve_auth(api.auth.as_ref()),
        headers: api.headers.iter().map(|(name, value)| (name.value.clone(), value.clone())).collect(),
        rust_crate: api.rust_crate.as_ref().map(|name| name.value.clone()),
        client_headers: api
            .client_headers
            .iter()
            .map(|h| resolved::ClientHeader {
                setter: h.setter.clone(),
                header: h.header.value.clone(),
                env: h.env.clone(),
                description: h.description.clone().unwrap_or_default(),
            })
            .collect(),
        request_id_headers: api
            .request_id_headers
            .as_ref()
            .map(|names| names.value.iter().map(|name| name.value.clone()).collect()),
        error,
    }
}

fn resolve_auth(auth: Option<&Auth>) -> resolved::Auth {
    let Some(auth) = auth else { return resolved::Auth::None };
    let env = auth.env.as_ref().map(|env| env.value.clone());
    match (auth.scheme, &auth.header) {
        (Some(AuthScheme::Bearer), _) => resolved::Auth::Bearer { env },
        (Some(AuthScheme::ApiKey), Some(header)) => resolved::Auth::ApiKey { header: header.value.clone(), env },
        // An unknown scheme or a missing header was reported: nothing is generated then.
        _ => resolved::Auth::None,
    }
}

fn check_base_url(base: &Spanned<String>, d: &mut Diagnostics) {
    if !(base.value.starts_with("https://") || base.value.starts_with("http://"))
        || base.value.contains(char::is_whitespace)
    {
        d.error(
            &base.path,
            format!("`{}` is not an http(s) URL", base.value),
            Some("write it like https://api.example.com/v1".into()),
        );
    }
    if base.value.ends_with('/') {
        d.error(
            &base.path,
            "the base URL ends with `/`",
            Some("operation paths start with `/`; drop the trailing one".into()),
        );
    }
}

fn check_crate_name(name: &Spanned<String>, d: &mut Diagnostics) {
    if let Err(problem) = naming::check_snake_rust_name(&name.value) {
        d.error(
            &name.path,
            format!("invalid crate name: {problem}"),
            Some("write the name as Rust code uses it: `my_api` for the package `my-api`".into()),
        );
    }
}

fn check_client_header(header: &ClientHeader, d: &mut Diagnostics) {
    check_setter(header, d);
    check_header_name(&header.header, d);
    if header.description.is_none() {
        d.error(
            &header.path,
            format!("client header `{}` has no description", header.setter),
            Some("add `description:`; it becomes the builder method's doc comment".into()),
        );
    }
}

/// The key becomes a `ClientBuilder` method: it must be a snake_case identifier the builder
/// does not define already. The error says which of the two it is not.
fn check_setter(header: &ClientHeader, d: &mut Diagnostics) {
    let problem = match naming::check_snake_rust_name(&header.setter) {
        Err(problem) => Some(problem),
        Ok(()) if naming::RESERVED_BUILDER_NAMES.contains(&header.setter.as_str()) => {
            Some(format!("`{}` is a method the client builder has already", header.setter))
        }
        Ok(()) => None,
    };
    if let Some(problem) = problem {
        d.error(
            &header.path,
            format!("invalid client header setter: {problem}"),
            Some(format!(
                "use a snake_case name the builder does not have already ({})",
                naming::RESERVED_BUILDER_NAMES.join(", ")
            )),
        );
    }
}

/// RFC 9110 token characters only.
fn check_header_name(name: &Spanned<String>, d: &mut Diagnostics) {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.value.is_empty() || !name.value.chars().all(token) {
        d.error(
            &name.path,
            format!("`{}` is not a valid HTTP header name", name.value),
            Some("use letters, digits and `-` only, e.g. `OpenAI-Beta`".into()),
        );
    }
}

/// Visible ASCII and spaces, as RFC 9110 allows in a field value.
fn check_header_value(name: &Spanned<String>, value: &str, d: &mut Diagnostics) {
    if !value.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        d.error(
            &name.path,
            format!("the value of header `{}` has characters HTTP does not allow", name.value),
            Some("use printable ASCII on one line; a `|` block ends in a line break".into()),
        );
    }
}
