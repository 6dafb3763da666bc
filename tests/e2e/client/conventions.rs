//! The per-API conventions of a spec other than OpenAI's, through the `bookshelf` client
//! (tests/fixtures/bookshelf.yaml) on loopback: its key alone in `x-api-key` (from
//! `BOOKSHELF_API_KEY`), its request id in `request-id`, its error body `{"problem": {...}}`,
//! its version header, and the headers only `getShelf` sends.
//!
//! As in `config.rs`, no test sets or unsets an environment variable (tests share a process).

use std::time::Duration;

use bookshelf::client::{Client, ClientBuilder, Error};
use bookshelf::request::Operation as _;
use bookshelf::{API_KEY_ENV, GetBook, GetShelf, Problem, ProblemDetail, Shelf};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{error_kind, fast_retries, received};

/// Distinctive enough that finding it anywhere is a leak, not a coincidence.
const SECRET: &str = "bk-secret-DO-NOT-LEAK-987";

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .api_key(SECRET)
        .base_url(server.uri())
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(10))
}

fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap_or_else(|e| panic!("the test client should build: {e}"))
}

fn shelf() -> Value {
    json!({"id": "shelf_1", "name": "Fiction O", "book_count": 12})
}

fn problem(code: &str, detail: &str) -> Value {
    json!({"problem": {"code": code, "detail": detail}})
}

/// The value of `name` in the one request the server received.
async fn sent_header(server: &MockServer, name: &str) -> Option<String> {
    let requests = received(server).await;
    assert_eq!(requests.len(), 1, "one request");
    requests[0].headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

#[tokio::test]
async fn the_key_goes_alone_in_its_header_and_never_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/shelf_1"))
        .and(header("x-api-key", SECRET))
        .respond_with(ResponseTemplate::new(200).set_body_json(shelf()))
        .mount(&server)
        .await;
    let shelf = client(&server).get_shelf("shelf_1").send().await;
    assert_eq!(shelf.ok().map(|s| s.book_count), Some(12));
    let requests = received(&server).await;
    assert!(requests[0].headers.get("authorization").is_none(), "{:?}", requests[0].headers);
}

#[test]
fn a_missing_key_fails_at_build_naming_the_variable() {
    // Whether the variable is set is the environment's business; each case asserts its outcome.
    let built = Client::builder().base_url("http://127.0.0.1:8080").build();
    match std::env::var(API_KEY_ENV).ok().filter(|v| !v.trim().is_empty()) {
        None => match built {
            Err(Error::Config(config)) => {
                assert_eq!(config.to_string(), "no API key: set BOOKSHELF_API_KEY or call ClientBuilder::api_key",)
            }
            other => panic!("expected Error::Config, got {other:?}"),
        },
        Some(_) => assert!(built.is_ok(), "a key from {API_KEY_ENV} should do: {built:?}"),
    }
    assert_eq!(API_KEY_ENV, "BOOKSHELF_API_KEY");
    // The key's header set in code stands in for the key.
    let built = Client::builder().header("X-Api-Key", SECRET).base_url("http://127.0.0.1:8080").build();
    assert!(built.is_ok(), "{built:?}");
}

#[tokio::test]
async fn the_key_is_masked_in_errors_and_in_no_debug_output() {
    let server = MockServer::start().await;
    // A server that quotes the key in its message, its body and a header.
    let detail = format!("Invalid key {SECRET}");
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(problem("invalid_key", &detail))
                .insert_header("x-echo-key", SECRET)
                .insert_header("request-id", "req_401"),
        )
        .mount(&server)
        .await;
    let builder = builder(&server);
    assert!(!format!("{builder:?}").contains(SECRET), "{builder:?}");
    let client = builder.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!format!("{client:?}").contains(SECRET), "{client:?}");
    let call = client.get_shelf("shelf_1");
    assert!(!format!("{call:?}").contains(SECRET));
    let error = call.send().await.err().unwrap_or_else(|| panic!("a 401 is an error"));
    let masked = "*".repeat(SECRET.len());
    assert_eq!(
        error.to_string(),
        format!("the API answered 401 Unauthorized: Invalid key {masked} (request id req_401)")
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(SECRET), "{text}");
    }
    // The typed body is decoded from the masked text, too.
    let typed = Problem::from_error(&error).map(|p| p.problem.detail);
    assert_eq!(typed, Some(format!("Invalid key {masked}")));
}

#[tokio::test]
async fn the_request_id_is_read_from_the_specs_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/shelf_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(shelf())
                .insert_header("x-request-id", "req_not_this_one")
                .insert_header("Request-Id", "req_shelf"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/shelves/shelf_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(shelf()).insert_header("x-request-id", "req_x"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/shelves/shelf_3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 3})).insert_header("request-id", "req_bad"))
        .mount(&server)
        .await;
    let client = client(&server);
    let response = client.get_shelf("shelf_1").send_with_response().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((response.request_id(), response.request_id.as_deref()), (Some("req_shelf"), Some("req_shelf")));
    // `x-request-id` is OpenAI's header, not this API's.
    let response = client.get_shelf("shelf_2").send_with_response().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.request_id(), None);
    let error = client.get_shelf("shelf_3").send().await.err();
    assert_eq!(error.as_ref().map(error_kind), Some("decode"), "{error:?}");
    assert_eq!(error.as_ref().and_then(Error::request_id), Some("req_bad"));
}

#[tokio::test]
async fn an_error_body_decodes_as_the_specs_type_and_shows_its_message() {
    let server = MockServer::start().await;
    let body = json!({"problem": {"code": "shelf_not_found", "detail": "No shelf shelf_9", "retryable": false}});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(&body).insert_header("request-id", "req_404"))
        .mount(&server)
        .await;
    let error = client(&server).get_shelf("shelf_9").send().await.err().unwrap_or_else(|| panic!("a 404"));
    assert_eq!(error.to_string(), "the API answered 404 Not Found: No shelf shelf_9 (request id req_404)");
    let expected = Problem {
        problem: ProblemDetail {
            code: "shelf_not_found".to_owned(),
            detail: "No shelf shelf_9".to_owned(),
            retryable: Some(false),
        },
    };
    assert_eq!(Problem::from_error(&error), Some(expected));
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.message.as_deref(), Some("No shelf shelf_9"));
    // Not OpenAI's `{"error": {...}}`: the runtime's own body type does not apply.
    assert_eq!(api.body, None);
    assert_eq!(api.decode_body::<Value>(), Some(body));
    // Not an API error, or not this shape: no typed body.
    let config = Client::builder().api_key(SECRET).base_url("not a url").build().err();
    assert_eq!(config.as_ref().map(error_kind), Some("config"));
    assert_eq!(config.as_ref().and_then(Problem::from_error), None);
}

#[tokio::test]
async fn a_body_of_another_shape_shows_itself_and_has_no_typed_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(json!({"error": {"message": "OpenAI-style", "type": "x"}})),
        )
        .mount(&server)
        .await;
    let error = client(&server).get_shelf("s").max_retries(0).send().await.err();
    let error = error.unwrap_or_else(|| panic!("a 400"));
    assert_eq!(Problem::from_error(&error), None);
    // The message is where the spec says, and this body has none there: the body is shown.
    assert_eq!(
        error.to_string(),
        r#"the API answered 400 Bad Request: {"error":{"message":"OpenAI-style","type":"x"}}"#
    );
    let Error::Api(api) = &error else { panic!("expected Error::Api") };
    assert_eq!((api.message.as_deref(), api.body.as_ref().map(|b| b.message.as_str())), (None, Some("OpenAI-style")));
}

#[tokio::test]
async fn the_operations_own_headers_go_with_it_only_replacing_the_apis() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/s/books/b"))
        .respond_with(ResponseTemplate::new(404).set_body_json(problem("book_not_found", "No book")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/shelves/s"))
        .respond_with(ResponseTemplate::new(200).set_body_json(shelf()))
        .mount(&server)
        .await;
    let client = client(&server);
    let _ = client.get_book("s", "b", "first").max_retries(0).send().await;
    let _ = client.get_shelf("s").send().await;
    let requests = received(&server).await;
    let headers = |i: usize, name: &str| -> Vec<&str> {
        requests[i].headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect()
    };
    // `getBook`: the API's version, no beta flag.
    assert_eq!(headers(0, "bookshelf-version"), ["2024-05-01"]);
    assert!(headers(0, "bookshelf-beta").is_empty());
    // `getShelf`: its beta flag, and its version in place of the API's (once, not both).
    assert_eq!(headers(1, "bookshelf-beta"), ["shelf-stats-2024"]);
    assert_eq!(headers(1, "bookshelf-version"), ["2024-09-01"]);
    assert_eq!(headers(1, "x-bookshelf-client"), ["generated-rust"]);
}

#[tokio::test]
async fn a_header_set_in_code_beats_the_specs_for_every_operation() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(shelf())).mount(&server).await;
    let client = builder(&server).header("Bookshelf-Version", "2025-01-01").build().unwrap_or_else(|e| panic!("{e}"));
    let shelf: Result<Shelf, _> = client.get_shelf("s").send().await;
    assert!(shelf.is_ok(), "{shelf:?}");
    assert_eq!(sent_header(&server, "bookshelf-version").await.as_deref(), Some("2025-01-01"));
}

#[tokio::test]
async fn a_header_set_on_a_call_goes_with_its_retries_only_and_beats_every_other() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/s"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(shelf())).mount(&server).await;
    let client = client(&server);
    let call = client.get_shelf("s").header("Idempotency-Key", "k-1").header("Bookshelf-Version", "2030-01-01");
    assert!(format!("{call:?}").contains("Idempotency-Key") && !format!("{call:?}").contains("k-1"));
    let shelf: Result<Shelf, _> = call.send().await;
    assert!(shelf.is_ok(), "{shelf:?}");
    let _ = client.get_shelf("s").send().await;
    let requests = received(&server).await;
    let sent = |i: usize, name: &str| requests[i].headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    // The failed attempt and its retry both carry the call's headers; the next call neither.
    for i in [0, 1] {
        assert_eq!(sent(i, "idempotency-key").as_deref(), Some("k-1"));
        assert_eq!(sent(i, "bookshelf-version").as_deref(), Some("2030-01-01"));
    }
    assert_eq!((sent(2, "idempotency-key"), sent(2, "bookshelf-version").as_deref()), (None, Some("2024-09-01")));
    // An invalid header is a configuration error, and nothing more is sent.
    let error = client.get_shelf("s").header("bad name", "v").send().await.err();
    assert_eq!(error.as_ref().map(error_kind), Some("config"), "{error:?}");
    assert_eq!(received(&server).await.len(), 3);
}

#[test]
fn http_request_carries_the_operations_own_headers_too() {
    let request = GetShelf::new("s").http_request(bookshelf::BASE_URL).unwrap_or_else(|e| panic!("{e}"));
    let value = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!((value("bookshelf-beta"), value("bookshelf-version")), (Some("shelf-stats-2024"), Some("2024-09-01")));
    assert_eq!(GetShelf::HEADERS.len(), 2);
    let request = GetBook::new("s", "b", "first").http_request(bookshelf::BASE_URL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.headers().get("bookshelf-version").map(|v| v.as_bytes()), Some(&b"2024-05-01"[..]));
    assert!(request.headers().get("bookshelf-beta").is_none());
    assert!(GetBook::HEADERS.is_empty());
}
