//! The crate-level part of the model: the API's description for the runtime, its
//! constants, the client's per-API builder methods, and the doc lines of the items every
//! generated crate has.

use crate::doctext::{DocText, code, push_paragraph};
use crate::ir;
use crate::resolved;

/// The API's facts for the runtime and the crate's constants, with `docs`, the crate docs.
pub(super) fn api(api: &resolved::Api, text: &DocText, docs: Vec<String>) -> ir::ApiInfo {
    let (auth, sent_as) = match &api.auth {
        resolved::Auth::None => (ir::Auth::None, None),
        resolved::Auth::Bearer { env } => {
            let sent_as = "as `Authorization: Bearer <key>`".to_owned();
            let setter_docs = api_key_docs(env.as_deref(), &sent_as);
            (ir::Auth::Bearer { env: env.clone(), setter_docs }, Some(sent_as))
        }
        resolved::Auth::ApiKey { header, env } => {
            let sent_as = format!("alone as the `{}` header", code(header));
            let setter_docs = api_key_docs(env.as_deref(), &sent_as);
            (ir::Auth::ApiKey { header: header.clone(), env: env.clone(), setter_docs }, Some(sent_as))
        }
    };
    let mut item_docs = item_docs();
    if let Some(sent_as) = sent_as {
        item_docs.api_key_env = vec![format!("The environment variable that holds the API key, sent {sent_as}.")];
    }
    // Unless the spec says otherwise, the conventions of OpenAI's API, which the runtime had
    // built in before specs could name them.
    let request_id_headers = api.request_id_headers.clone().unwrap_or_else(|| vec!["x-request-id".to_owned()]);
    let error_message = match &api.error {
        Some(error) => error.message.clone(),
        None => vec!["error".to_owned(), "message".to_owned()],
    };
    ir::ApiInfo {
        docs,
        base_url: api.base_url.clone(),
        base_url_env: api.base_url_env.clone(),
        auth,
        version: api.version.clone(),
        headers: api.headers.clone(),
        client_headers: api.client_headers.iter().map(|h| client_header(h, text)).collect(),
        request_id_headers,
        error_message,
        error_type: api.error.as_ref().map(|error| ir::ErrorType {
            name: error.type_name.clone(),
            docs: from_error_docs(),
            allow_deprecated: error.deprecated,
        }),
        item_docs,
        runtime_version: (
            typed_api_runtime::__private::VERSION_MAJOR.to_owned(),
            typed_api_runtime::__private::VERSION_MINOR.to_owned(),
        ),
    }
}

/// A client header's builder method: its description, then where the value goes and where
/// else it may come from.
fn client_header(header: &resolved::ClientHeader, text: &DocText) -> ir::ClientHeader {
    let mut docs = text.lines(&header.description);
    let mut facts = vec![format!("Sent as the `{}` header.", code(&header.header))];
    if let Some(env) = &header.env {
        let env = code(env);
        facts.push(format!("Without a call to this method, the value of `{env}` is sent, if it is set."));
    }
    push_paragraph(&mut docs, [facts.join(" ")]);
    ir::ClientHeader { setter: header.setter.clone(), header: header.header.clone(), env: header.env.clone(), docs }
}

fn api_key_docs(env: Option<&str>, sent_as: &str) -> Vec<String> {
    let instead = match env {
        Some(env) => format!("The API key, instead of the value of `{}`.", code(env)),
        None => "The API key.".to_owned(),
    };
    vec![instead, String::new(), format!("Sent {sent_as}; without a key, building the client fails.")]
}

fn from_error_docs() -> Vec<String> {
    let lines = [
        "The body of an [`Error::Api`](crate::client::Error::Api), decoded as this type (the type of",
        "this API's error responses): `None` for other errors, and for a body that is not one (not",
        "JSON, another shape, or longer than the 4 KiB an error keeps of it). Credentials in it are",
        "masked, as everywhere in an error.",
    ];
    lines.map(str::to_owned).to_vec()
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
