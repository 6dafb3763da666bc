//! Client configuration: settings that cannot work are `Error::Config` before anything is
//! sent, and the API key shows up in no `Debug` or `Display` text of the client, its
//! builder, its calls or any error.
//!
//! Tests run in parallel threads of one process, so none of them sets or unsets environment
//! variables: every setting here is explicit, and the environment is only read.

use std::net::TcpListener;
use std::time::Duration;

use futures_util::StreamExt;
use openai_run_steps::client::{Client, Error};
use openai_run_steps::{API_KEY_ENV, BASE_URL};
use wiremock::matchers::{method, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{V1, error_body, error_kind, fast_retries, ok, page, received};

/// Distinctive enough that finding it anywhere is a leak, not a coincidence.
const SECRET: &str = "sk-secret-DO-NOT-LEAK-123";

fn config_error(result: Result<Client, Error>) -> String {
    match result {
        Err(Error::Config(config)) => {
            let text = Error::Config(config.clone()).to_string();
            assert_eq!(text, format!("invalid client configuration: {config}"));
            config.to_string()
        }
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

#[test]
fn bad_base_urls_are_config_errors() {
    for bad in [
        "not a url",
        "",
        "/v1",
        "ftp://example.com/v1",
        "http://127.0.0.1:1/v1?x=1",
        "127.0.0.1:8080",
        "https://h/v1#x",
    ] {
        let message = config_error(Client::builder().api_key(SECRET).base_url(bad).build());
        assert!(message.contains(&format!("`{bad}`")), "{bad}: {message}");
        assert!(message.contains("not an absolute http(s) URL"), "{bad}: {message}");
    }
    // Trailing slashes are trimmed, so paths are not doubled.
    let client = Client::builder().api_key(SECRET).base_url("http://127.0.0.1:8080/v1//").build();
    assert_eq!(client.map(|c| c.base_url().to_owned()).ok().as_deref(), Some("http://127.0.0.1:8080/v1"));
}

#[test]
fn bad_headers_and_keys_are_config_errors() {
    let message = config_error(Client::builder().api_key(SECRET).header("bad header", "x").build());
    assert_eq!(message, "`bad header` is not a valid header name");
    let message = config_error(Client::builder().api_key(SECRET).header("x-trace", "a\nb").build());
    assert_eq!(message, "the value of header `x-trace` is not valid");
    let key = format!("{SECRET}\n");
    let message = config_error(Client::builder().api_key(key).build());
    assert_eq!(message, "the API key contains characters a header cannot carry");
}

#[test]
fn a_missing_api_key_is_a_config_error() {
    // Whether the variable is set is the environment's business; each case asserts its outcome.
    let built = Client::builder().base_url("http://127.0.0.1:8080/v1").build();
    match std::env::var(API_KEY_ENV).ok().filter(|v| !v.trim().is_empty()) {
        None => {
            let message = config_error(built);
            assert_eq!(message, format!("no API key: set {API_KEY_ENV} or call ClientBuilder::api_key"));
        }
        Some(_) => assert!(built.is_ok(), "a key from {API_KEY_ENV} should do: {built:?}"),
    }
    // An explicit key needs no environment; the spec's base URL is the default.
    let client = Client::builder().api_key(SECRET).build();
    let base_url = std::env::var("OPENAI_BASE_URL").ok().filter(|v| !v.trim().is_empty());
    let expected = base_url.unwrap_or_else(|| BASE_URL.to_owned());
    assert_eq!(client.map(|c| c.base_url().to_owned()).ok(), Some(expected.trim_end_matches('/').to_owned()));
}

#[tokio::test]
async fn extra_headers_are_sent_and_replace_defaults() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok(&page(&[], false))).mount(&server).await;
    let client = Client::builder()
        .api_key(SECRET)
        .base_url(format!("{}{V1}", server.uri()))
        .header("OpenAI-Beta", "assistants=v3")
        .header("x-trace", "abc")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("{e}"));

    let requests = received(&server).await;
    let values =
        |name: &str| -> Vec<&[u8]> { requests[0].headers.get_all(name).iter().map(|v| v.as_bytes()).collect() };
    assert_eq!(values("openai-beta"), [b"assistants=v3"]);
    assert_eq!(values("x-trace"), [b"abc"]);
    assert_eq!(values("authorization"), [format!("Bearer {SECRET}").as_bytes()]);
}

#[tokio::test]
async fn organization_and_project_are_sent_as_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok(&page(&[], false))).mount(&server).await;
    let client = Client::builder()
        .api_key(SECRET)
        .base_url(format!("{}{V1}", server.uri()))
        .organization("org_123")
        .project("proj_456")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("{e}"));

    // Given in code, they win over OPENAI_ORG_ID / OPENAI_PROJECT_ID: one value each.
    let requests = received(&server).await;
    let values =
        |name: &str| -> Vec<&[u8]> { requests[0].headers.get_all(name).iter().map(|v| v.as_bytes()).collect() };
    assert_eq!(values("openai-organization"), [b"org_123"]);
    assert_eq!(values("openai-project"), [b"proj_456"]);
}

/// A server answering by `limit`: 1 an API error, 2 a body that is no JSON, 3 late, none a
/// page of two steps.
async fn server_of_every_answer() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("limit", "1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            "Incorrect API key provided",
            "invalid_request_error",
            None,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("limit", "3"))
        .respond_with(ok(&page(&[], false)).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("limit"))
        .respond_with(ok(&page(&["step_1", "step_2"], false)).insert_header("x-request-id", "req_ok"))
        .mount(&server)
        .await;
    server
}

/// Every error kind the client has, produced with the secret key configured, and the key in
/// none of their texts.
#[tokio::test]
async fn the_api_key_appears_in_no_debug_or_display_text() {
    let server = server_of_every_answer().await;
    let builder = || {
        Client::builder()
            .api_key(SECRET)
            .base_url(format!("{}{V1}", server.uri()))
            .retry_policy(fast_retries())
            .max_retries(0)
    };
    let client = builder().build().unwrap_or_else(|e| panic!("{e}"));
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
    let port = port.unwrap_or_else(|e| panic!("cannot bind loopback: {e}"));
    let unreachable = builder().base_url(format!("http://127.0.0.1:{port}")).build().unwrap_or_else(|e| panic!("{e}"));

    let mut texts =
        vec![format!("{client:?}"), format!("{:?}", builder()), format!("{:?}", client.list_run_steps("t", "r"))];
    let response = client.list_run_steps("t", "r").send_with_response().await;
    texts.push(format!("{response:?}"));
    let errors = [
        client.list_run_steps("t", "r").limit(0).send().await.err(),
        client.list_run_steps("t", "r").limit(1).send().await.err(),
        client.list_run_steps("t", "r").limit(2).send().await.err(),
        client.list_run_steps("t", "r").limit(3).timeout(Duration::from_millis(100)).send().await.err(),
        unreachable.list_run_steps("t", "r").send().await.err(),
        builder().header("bad header", SECRET).build().err(),
        builder().header("x-secret", format!("{SECRET}\n")).build().err(),
        builder().api_key(format!("{SECRET}\n")).build().err(),
    ];
    let mut errors: Vec<Error> = errors.into_iter().flatten().collect();
    let too_large = builder().max_response_bytes(10).build().unwrap_or_else(|e| panic!("{e}"));
    errors.extend(too_large.list_run_steps("t", "r").send().await.err());
    let mut items = Box::pin(client.list_run_steps("t", "r").limit(1).items());
    while let Some(item) = items.next().await {
        errors.extend(item.err());
    }

    let kinds: Vec<&str> = errors.iter().map(error_kind).collect();
    assert_eq!(
        kinds,
        ["validation", "api", "decode", "timeout", "connection", "config", "config", "config", "too large", "api"]
    );
    for error in &errors {
        texts.push(format!("{error}"));
        texts.push(format!("{error:?}"));
        texts.push(format!("{error:#?}"));
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            texts.push(format!("{cause} / {cause:?}"));
            source = cause.source();
        }
    }
    for text in &texts {
        assert!(!text.contains("DO-NOT-LEAK"), "the API key leaked into: {text}");
    }
    // The key was in use: the server saw it, so its absence above is not for want of one.
    let auth =
        received(&server).await.iter().filter_map(|r| r.headers.get("authorization").cloned()).collect::<Vec<_>>();
    assert!(!auth.is_empty() && auth.iter().all(|v| v.as_bytes() == format!("Bearer {SECRET}").as_bytes()));
}

#[test]
fn builder_debug_shows_header_names_but_no_values() {
    let builder = Client::builder().api_key(SECRET).header("api-key", "azure-secret-456").header("X-Trace", "on");
    let text = format!("{builder:?} {builder:#?}");
    assert!(text.contains("api-key") && text.contains("X-Trace"), "{text}");
    assert!(!text.contains("azure-secret-456") && !text.contains(SECRET), "{text}");
}

#[tokio::test]
async fn an_authorization_header_of_ones_own_replaces_the_api_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok(&page(&[], false))).mount(&server).await;
    // No `api_key`, and whatever OPENAI_API_KEY holds is not used: the caller's header is.
    let client = Client::builder()
        .base_url(format!("{}{V1}", server.uri()))
        .header("Authorization", "Token custom-scheme")
        .build()
        .unwrap_or_else(|e| panic!("a client with its own Authorization should build: {e}"));
    client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("{e}"));
    let requests = received(&server).await;
    let sent: Vec<_> = requests.iter().map(|r| r.headers.get("authorization").map(|v| v.as_bytes().to_vec())).collect();
    assert_eq!(sent, [Some(b"Token custom-scheme".to_vec())]);
}
