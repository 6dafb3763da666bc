//! Checks on `api`: the base URL, the crate name, and the headers the client sends.

use crate::ast::{Api, ClientHeader, Spanned};
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::resolved;

pub(super) fn check(api: &Api, d: &mut Diagnostics) {
    check_base_url(&api.base_url, d);
    if let Some(name) = &api.rust_crate {
        check_crate_name(name, d);
    }
    for header in &api.client_headers {
        check_client_header(header, d);
    }
    for (name, value) in &api.headers {
        check_header_name(name, d);
        check_header_value(name, value, d);
    }
}

/// `api` as the resolved model holds it; it names nothing that needs resolving.
pub(super) fn resolve(api: &Api) -> resolved::Api {
    resolved::Api {
        title: api.title.clone(),
        description: api.description.clone(),
        version: api.version.clone(),
        base_url: api.base_url.value.clone(),
        base_url_env: api.base_url_env.clone(),
        docs_url: api.docs_url.clone(),
        bearer_auth: api.auth.is_some(),
        api_key_env: api.auth.as_ref().and_then(|a| a.env.clone()),
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
