//! The async client of `openai_run_steps` over real HTTP on loopback: a wiremock server per
//! test (or, for faults wiremock cannot script, the raw-TCP server of [`loopback`]), and
//! assertions on both what the server received (method, raw path and query, headers, number
//! of requests) and what the client returned.
//!
//! The operations are `#[deprecated]` (the Assistants API is), hence the allows on each module.

mod binary;
#[allow(deprecated)]
mod bodies;
#[allow(deprecated)]
mod config;
mod conventions;
#[allow(deprecated)]
mod faults;
mod free_form;
mod loopback;
#[allow(deprecated)]
mod pagination;
mod paging_styles;
#[allow(deprecated)]
mod paths;
mod query_objects;
mod request_bodies;
#[allow(deprecated)]
mod retries;
#[allow(deprecated)]
mod security;
#[allow(deprecated)]
mod shared;
mod unions;
#[allow(deprecated)]
mod wire;

use std::time::Duration;

use e2e::json as parse_json;
use openai_run_steps::client::{Client, ClientBuilder, Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::MockServer;
use wiremock::ResponseTemplate;
use wiremock::matchers::method;

use crate::fixtures::MESSAGE_CREATION;

/// The API key of most tests; [`config`] uses a distinctive one to look for leaks.
pub const KEY: &str = "sk-test";

/// The base path the client is pointed at under the mock server, as in `https://api.openai.com/v1`.
pub const V1: &str = "/v1";

/// Retries as the default policy has them (2), but waits of milliseconds, not seconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_retry_after: Duration::from_secs(60),
    }
}

/// A builder aimed at `server`'s `/v1`, with [`KEY`], fast retries and a timeout far above
/// any test's needs (so that a hang fails the test rather than the suite).
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .api_key(KEY)
        .base_url(format!("{}{V1}", server.uri()))
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(10))
}

/// [`builder`], built.
pub fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap_or_else(|e| panic!("the test client should build: {e}"))
}

/// A client of the bookshelf API aimed at `server`'s root, with [`KEY`] and fast retries.
pub fn bookshelf_client(server: &MockServer) -> bookshelf::client::Client {
    bookshelf::client::Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(fast_retries())
        .build()
        .unwrap_or_else(|e| panic!("the test client should build: {e}"))
}

/// The path of the listing of `thread`'s `run` under [`V1`], with the ids as given (already encoded).
pub fn steps_path(thread: &str, run: &str) -> String {
    format!("{V1}/threads/{thread}/runs/{run}/steps")
}

/// A realistic run step (the message-creation fixture) with the id `id`.
pub fn step(id: &str) -> Value {
    let mut step = parse_json(MESSAGE_CREATION);
    step["id"] = json!(id);
    step
}

/// A page of the steps `ids`, as the API sends it.
pub fn page(ids: &[&str], has_more: bool) -> Value {
    json!({
        "object": "list",
        "data": ids.iter().map(|id| step(id)).collect::<Vec<_>>(),
        "first_id": ids.first(),
        "last_id": ids.last(),
        "has_more": has_more,
    })
}

/// A 200 response carrying `body` as JSON.
pub fn ok(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The API's error body.
pub fn error_body(message: &str, kind: &str, param: Option<&str>) -> Value {
    json!({"error": {"message": message, "type": kind, "param": param, "code": null}})
}

/// Mounts a catch-all `GET` answering `response`, for tests about the request alone.
pub async fn answer_every_get(server: &MockServer, response: ResponseTemplate) {
    wiremock::Mock::given(method("GET")).respond_with(response).mount(server).await;
}

/// What the server received, in order (wiremock records every request, matched or not).
pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_else(|| panic!("request recording is on by default"))
}

/// The raw (as sent) path and query of every request the server received, e.g.
/// `/v1/threads/t/runs/r/steps?limit=2`.
pub async fn received_targets(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| match r.url.query() {
            Some(query) => format!("{}?{query}", r.url.path()),
            None => r.url.path().to_owned(),
        })
        .collect()
}

/// The ids of `steps`, for comparing listings.
pub fn ids(steps: &[openai_run_steps::RunStep]) -> Vec<&str> {
    steps.iter().map(|s| s.id.as_str()).collect()
}

/// An error's variant as a word, to assert on a list of errors at once.
pub fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::Validation(_) => "validation",
        Error::Config(_) => "config",
        Error::Api(_) => "api",
        Error::Decode(_) => "decode",
        Error::Timeout(_) => "timeout",
        Error::Connection(_) => "connection",
        Error::BodyTooLarge { .. } => "too large",
        _ => "other",
    }
}
