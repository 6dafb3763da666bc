//! Retries, timeouts and connection failures: which failures are tried again, how many times,
//! how long apart, and the error a caller gets when the tries run out.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use openai_run_steps::client::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{KEY, builder, client, error_body, fast_retries, ids, ok, page, received};

/// Mounts `first` for the first request only, then a 200 page for every later one.
async fn fail_once_then_succeed(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("GET")).respond_with(first).up_to_n_times(1).mount(server).await;
    Mock::given(method("GET")).respond_with(ok(&page(&["step_1"], false))).mount(server).await;
}

/// Sends the plain listing and expects success; returns how long it took.
async fn list_ok(client: &Client) -> Duration {
    let started = Instant::now();
    let listed = client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("should succeed: {e}"));
    assert_eq!(ids(&listed.data), ["step_1"]);
    started.elapsed()
}

#[tokio::test]
async fn a_429_with_retry_after_ms_is_retried_after_that_wait() {
    let server = MockServer::start().await;
    fail_once_then_succeed(&server, ResponseTemplate::new(429).insert_header("retry-after-ms", "150")).await;

    let took = list_ok(&client(&server)).await;
    assert_eq!(received(&server).await.len(), 2);
    // The backoff of the test policy is at most 5 ms: only the server's wait explains 150 ms.
    assert!(took >= Duration::from_millis(150), "took {took:?}");
}

#[tokio::test]
async fn a_zero_retry_after_falls_back_to_backoff() {
    let server = MockServer::start().await;
    fail_once_then_succeed(&server, ResponseTemplate::new(429).insert_header("retry-after", "0")).await;
    // A first backoff of 100 ms, less at most 25% jitter: at least 75 ms, where "wait 0" is ~0.
    let policy =
        RetryPolicy { initial_delay: Duration::from_millis(100), max_delay: Duration::from_secs(1), ..fast_retries() };
    let client = builder(&server).retry_policy(policy).build().unwrap_or_else(|e| panic!("{e}"));

    let took = list_ok(&client).await;
    assert_eq!(received(&server).await.len(), 2);
    assert!(took >= Duration::from_millis(75), "took {took:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_falls_back_to_backoff() {
    let server = MockServer::start().await;
    // An hour is beyond `max_retry_after` (60 s): the few milliseconds of backoff are used.
    fail_once_then_succeed(&server, ResponseTemplate::new(503).insert_header("retry-after", "3600")).await;

    let took = list_ok(&client(&server)).await;
    assert_eq!(received(&server).await.len(), 2);
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[tokio::test]
async fn a_500_then_a_200_succeeds() {
    let server = MockServer::start().await;
    fail_once_then_succeed(&server, ResponseTemplate::new(500).set_body_string("upstream hiccup")).await;
    list_ok(&client(&server)).await;
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_400_is_not_retried_and_its_body_is_parsed() {
    let server = MockServer::start().await;
    let body = json!({"error": {"message": "bad", "type": "invalid_request_error", "param": "limit", "code": null}});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(&body).insert_header("x-request-id", "req_400"))
        .mount(&server)
        .await;

    let error = client(&server).list_run_steps("t", "r").send().await.err();
    assert_eq!(received(&server).await.len(), 1);
    let Some(Error::Api(api)) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status.as_u16(), 400);
    let parsed = api.body.as_ref().unwrap_or_else(|| panic!("the body should be parsed: {api:?}"));
    assert_eq!(parsed.message, "bad");
    assert_eq!(parsed.kind.as_deref(), Some("invalid_request_error"));
    assert_eq!(parsed.param.as_deref(), Some("limit"));
    assert_eq!(parsed.code, None);
    assert_eq!(api.request_id.as_deref(), Some("req_400"));
    assert_eq!(api.headers.get("x-request-id").map(|v| v.as_bytes()), Some(&b"req_400"[..]));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&api.raw).ok(), Some(body));
    let error = error.as_ref().unwrap_or_else(|| unreachable!());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.request_id(), Some("req_400"));
    assert_eq!(error.to_string(), "the API answered 400 Bad Request: bad (request id req_400)");
}

#[tokio::test]
async fn a_body_not_in_the_error_shape_is_kept_raw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>Not Found</html>"))
        .mount(&server)
        .await;

    let error = client(&server).list_run_steps("t", "r").send().await.err();
    let Some(Error::Api(api)) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!((api.status.as_u16(), api.body.as_ref(), api.raw.as_str()), (404, None, "<html>Not Found</html>"));
    assert_eq!(api.request_id, None);
    let text = error.as_ref().map(ToString::to_string).unwrap_or_default();
    assert_eq!(text, "the API answered 404 Not Found: <html>Not Found</html>");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn exhausted_retries_return_the_last_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(error_body("overloaded", "server_error", None))
                .insert_header("x-request-id", "req_503"),
        )
        .expect(3)
        .mount(&server)
        .await;

    let error = client(&server).list_run_steps("t", "r").send().await.err();
    let Some(Error::Api(api)) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status.as_u16(), 503);
    assert_eq!(
        api.body.as_ref().map(|b| (b.message.as_str(), b.kind.as_deref())),
        Some(("overloaded", Some("server_error")))
    );
    assert_eq!(api.request_id.as_deref(), Some("req_503"));
    // The first attempt and max_retries (2) retries.
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn the_retry_count_can_be_set_per_client_and_per_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;

    let none = builder(&server).max_retries(0).build().unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(none.list_run_steps("t", "r").send().await, Err(Error::Api(_))));
    assert_eq!(received(&server).await.len(), 1);

    // The call's count wins over the client's.
    assert!(matches!(none.list_run_steps("t", "r").max_retries(3).send().await, Err(Error::Api(_))));
    assert_eq!(received(&server).await.len(), 1 + 4);
    assert!(matches!(client(&server).list_run_steps("t", "r").max_retries(0).send().await, Err(Error::Api(_))));
    assert_eq!(received(&server).await.len(), 1 + 4 + 1);
}

#[tokio::test]
async fn the_server_can_forbid_or_ask_for_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).insert_header("x-should-retry", "false"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).insert_header("x-should-retry", "true"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok(&page(&["step_1"], false))).mount(&server).await;
    let client = client(&server);

    // A 500 the server says not to retry: one request, and its error.
    let error = client.list_run_steps("t", "r").send().await.err();
    assert_eq!(error.as_ref().and_then(Error::status).map(|s| s.as_u16()), Some(500), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);

    // A 400 the server says to retry: retried, and the retry succeeds.
    list_ok(&client).await;
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_slow_server_times_out_per_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(&page(&["step_1"], false)).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = client(&server);

    let started = Instant::now();
    let error = client.list_run_steps("t", "r").timeout(Duration::from_millis(200)).max_retries(0).send().await.err();
    let took = started.elapsed();
    assert!(matches!(error, Some(Error::Timeout(_))), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
    assert!(took >= Duration::from_millis(200) && took < Duration::from_secs(2), "took {took:?}");
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(text.starts_with("timed out: "), "{text}");

    // Timeouts are retried: three attempts of 200 ms each with the default count of 2.
    let started = Instant::now();
    let error = client.list_run_steps("t", "r").timeout(Duration::from_millis(200)).send().await.err();
    let took = started.elapsed();
    assert!(matches!(error, Some(Error::Timeout(_))), "{error:?}");
    assert_eq!(received(&server).await.len(), 1 + 3);
    assert!(took >= Duration::from_millis(600) && took < Duration::from_secs(3), "took {took:?}");

    // The client-wide timeout applies when the call sets none.
    let short = builder(&server).timeout(Duration::from_millis(200)).max_retries(0).build();
    let error = short.unwrap_or_else(|e| panic!("{e}")).list_run_steps("t", "r").send().await.err();
    assert!(matches!(error, Some(Error::Timeout(_))), "{error:?}");
    assert_eq!(received(&server).await.len(), 1 + 3 + 1);
}

/// A loopback port with nothing listening on it (bound, then released).
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("cannot bind loopback: {e}"));
    listener.local_addr().unwrap_or_else(|e| panic!("no local address: {e}")).port()
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error() {
    let port = closed_port();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}/v1"))
        .retry_policy(fast_retries())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    for retries in [0, 2] {
        let error = client.list_run_steps("t", "r").max_retries(retries).send().await.err();
        let Some(error @ Error::Connection(_)) = &error else { panic!("expected Error::Connection, got {error:?}") };
        assert_eq!((error.status(), error.request_id()), (None, None));
        let text = error.to_string();
        assert!(text.starts_with("connection failed: "), "{text}");
        // The causes are spelled out, not just reqwest's "error sending request".
        assert!(text.to_lowercase().contains("refused"), "{text}");
        assert!(std::error::Error::source(error).is_some());
    }
}

#[tokio::test]
async fn a_redirect_loop_is_not_retried() {
    // reqwest follows up to 10 redirects, then gives up; trying again would loop the same way.
    let server = MockServer::start().await;
    let location = format!("{}/v1/threads/t/runs/r/steps", server.uri());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&server)
        .await;
    let error = client(&server).list_run_steps("t", "r").send().await.err();
    assert!(matches!(error, Some(Error::Connection(_))), "{error:?}");
    assert_eq!(received(&server).await.len(), 11, "one request and ten redirects, no retry");
}
