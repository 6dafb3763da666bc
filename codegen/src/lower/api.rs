//! The crate-level part of the model: the API's description for the runtime, its
//! constants, the client's per-API builder methods, and the doc lines of the items every
//! generated crate has.

use super::{docs, operations};
use crate::ast::Spec;
use crate::ir;

pub fn api(spec: &Spec, text: &docs::DocText, operations: &[ir::Operation]) -> ir::ApiInfo {
    let api = &spec.api;
    // Title and version are one-line facts; a multi-line YAML value is joined into one.
    let mut doc = vec![format!("# {}", docs::one_line(&api.title))];
    docs::push_paragraph(&mut doc, text.lines(&api.description));
    let mut facts = vec![format!("Base URL: <{}>", api.base_url.value)];
    if let Some(version) = &api.version {
        facts.push(format!(
            "API version described: `{}`",
            docs::code(&version.split_whitespace().collect::<Vec<_>>().join(" "))
        ));
    }
    docs::push_paragraph(&mut doc, facts.into_iter().map(|f| format!("- {f}")));
    docs::push_paragraph(&mut doc, operations::summary(operations));
    if let Some(krate) = &api.rust_crate {
        docs::push_paragraph(&mut doc, operations::example(&krate.value, api.base_url_env.as_deref(), operations));
    }
    let auth = match &api.auth {
        Some(auth) => ir::Auth::Bearer { env: auth.env.clone(), setter_docs: api_key_docs(auth.env.as_deref()) },
        None => ir::Auth::None,
    };
    ir::ApiInfo {
        docs: doc,
        base_url: api.base_url.value.clone(),
        base_url_env: api.base_url_env.clone(),
        auth,
        version: api.version.clone(),
        headers: api.headers.iter().map(|(name, value)| (name.value.clone(), value.clone())).collect(),
        client_headers: api.client_headers.iter().map(|h| client_header(h, text)).collect(),
        item_docs: item_docs(),
        runtime_version: (
            typed_api_runtime::__private::VERSION_MAJOR.to_owned(),
            typed_api_runtime::__private::VERSION_MINOR.to_owned(),
        ),
    }
}

fn client_header(h: &crate::ast::ClientHeader, text: &docs::DocText) -> ir::ClientHeader {
    let mut lines = text.lines(h.description.as_deref().unwrap_or_default());
    let mut facts = vec![format!("Sent as the `{}` header.", docs::code(&h.header.value))];
    if let Some(env) = &h.env {
        let env = docs::code(env);
        facts.push(format!("Without a call to this method, the value of `{env}` is sent, if it is set."));
    }
    docs::push_paragraph(&mut lines, [facts.join(" ")]);
    ir::ClientHeader { setter: h.setter.clone(), header: h.header.value.clone(), env: h.env.clone(), docs: lines }
}

fn api_key_docs(env: Option<&str>) -> Vec<String> {
    let instead = match env {
        Some(env) => format!("The API key, instead of the value of `{}`.", docs::code(env)),
        None => "The API key.".to_owned(),
    };
    vec![
        instead,
        String::new(),
        "Sent as `Authorization: Bearer <key>`; without a key, building the client fails.".to_owned(),
    ]
}

fn item_docs() -> ir::ItemDocs {
    let lines = |text: &[&str]| text.iter().map(|l| (*l).to_owned()).collect();
    ir::ItemDocs {
        api: lines(&[
            "This API as the runtime sees it: its base URL, how it authenticates and the headers",
            "every request carries. Operations and the client read it from here.",
        ]),
        base_url: lines(&["The base URL every operation's path is appended to."]),
        base_url_env: lines(&["The environment variable that overrides [`BASE_URL`]."]),
        api_key_env: lines(&[
            "The environment variable that holds the API key, sent as `Authorization: Bearer <key>`.",
        ]),
        version: lines(&["The version of the upstream API description this crate was generated from."]),
        default_headers: lines(&["Headers sent with every request, as (name, value)."]),
        version_guard: lines(&[
            "The version guard: built against a runtime of another (semver-incompatible) version",
            "than the one it was generated for, this crate stops compiling here, saying what to do.",
        ]),
        request_module: lines(&[
            "Requests without a transport: the [`Operation`](request::Operation) trait every request",
            "builder implements, the checks it runs and the exact bytes of its path and query.",
        ]),
        client_module: lines(&[
            "The async client (the `client` feature): [`Client`] sends this API's operations, each",
            "a method returning a [`Call`] to set optional parameters on and send. The error and",
            "response types are the runtime's, shared by every generated API in a program.",
        ]),
        models_module: lines(&["Every model type, one file per type of the spec with the types defined inside it."]),
        operations_module: lines(&["One request builder per operation of the spec."]),
    }
}
