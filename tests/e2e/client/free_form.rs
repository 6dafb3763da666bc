//! `json` values (any JSON, `serde_json::Value`) over HTTP, on the bookshelf API: a shelf's
//! free-form `stats` decode as sent, however nested, and encode back as the same value (the
//! same bytes when each object's keys were sorted); a new book's free-form `provenance` goes
//! in the body exactly as given.

use std::time::Duration;

use bookshelf::client::Client;
use bookshelf::{Author, Shelf};
use e2e::TestResult;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{fast_retries, ok, received};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("bk-test")
        .base_url(server.uri())
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("the test client should build: {e}"))
}

const BOOK: &str = include_str!("../../fixtures/bookshelf/book_on_loan.json");

/// A shelf whose `stats` hold every kind of value, nested: numbers beyond `f64`'s exact
/// integers (`u64::MAX`, -(2^53 + 1)), a float, an escape and non-ASCII text, `null`, empty
/// containers. Compact, and each object's keys sorted (what a `Value` writes back), so that
/// "unchanged" can be asserted on the bytes.
const SHELF: &str = concat!(
    r#"{"id":"shelf_1","name":"Fiction O","book_count":12,"stats":"#,
    r#"{"by_month":{"2024-01":12,"2024-02":[1,2.5,null,-9007199254740993]},"empty":{},"#,
    r#""largest":18446744073709551615,"none":null,"note":"naïve ☃ \"quoted\"","#,
    r#""ratio":0.75,"top":[{"tags":["sf",{"deep":[true,false,[],null]}],"title":"Dune"}]}}"#,
);

async fn serve_shelf(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/shelves/shelf_1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_nested_free_form_value_decodes_as_sent_and_encodes_back_unchanged() -> TestResult {
    let server = serve_shelf(SHELF).await;
    let shelf = client(&server).get_shelf("shelf_1").send().await?;
    let stats = shelf.stats.as_ref().ok_or("`stats` was sent")?;
    assert_eq!(stats["by_month"]["2024-02"], json!([1, 2.5, null, -9_007_199_254_740_993_i64]));
    assert_eq!(stats["largest"].as_u64(), Some(u64::MAX), "a `u64` is kept exactly, not as an `f64`");
    assert_eq!(stats["note"], "naïve ☃ \"quoted\"");
    assert_eq!(stats["top"][0]["tags"][1]["deep"], json!([true, false, [], null]));
    assert!(stats["none"].is_null() && stats["empty"] == json!({}));
    // The same bytes back: the shelf's fields in spec order, the value as it came.
    let encoded = serde_json::to_string(&shelf)?;
    assert_eq!(encoded, SHELF);
    assert_eq!(serde_json::from_str::<Shelf>(&encoded)?, shelf, "and it decodes to the same shelf");
    Ok(())
}

#[tokio::test]
async fn an_optional_free_form_value_sent_as_null_is_absent() -> TestResult {
    // `stats` is optional: `null` is its `None`, as for every optional field, and is then omitted.
    let server = serve_shelf(r#"{"id":"shelf_1","name":"Fiction O","book_count":12,"stats":null}"#).await;
    let shelf = client(&server).get_shelf("shelf_1").send().await?;
    assert_eq!(shelf.stats, None);
    assert_eq!(serde_json::to_string(&shelf)?, r#"{"id":"shelf_1","name":"Fiction O","book_count":12}"#);
    Ok(())
}

#[tokio::test]
async fn keys_come_back_sorted_and_numbers_by_value() -> TestResult {
    // The same JSON value, not the same bytes: serde_json's `Map` (without `preserve_order`)
    // sorts keys; a number keeps its value, not its spelling; an integer beyond `u64` is read
    // as the nearest `f64`.
    let stats = r#"{"b":1.50,"a":{"d":2,"c":3},"huge":18446744073709551616}"#;
    let server =
        serve_shelf(&format!(r#"{{"id":"shelf_1","name":"Fiction O","book_count":12,"stats":{stats}}}"#)).await;
    let shelf = client(&server).get_shelf("shelf_1").send().await?;
    assert_eq!(serde_json::to_string(&shelf.stats)?, r#"{"a":{"c":3,"d":2},"b":1.5,"huge":1.8446744073709552e+19}"#);
    Ok(())
}

#[tokio::test]
async fn a_free_form_value_goes_in_a_body_as_given() -> TestResult {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ok(&e2e::json(BOOK))).mount(&server).await;
    let client = client(&server);
    let author = || [Author { name: "Frank Herbert".to_owned(), born: None }];
    let provenance = json!({"donor": {"name": "A. Reader", "since": 1999}, "notes": ["signed", null, 2.5], "ok": true});
    client.create_book("s", "Dune", None, author()).provenance(provenance.clone()).send().await?;
    // Anything serde_json turns into a `Value` will do: here a `&str`.
    client.create_book("s", "Dune", None, author()).provenance("donated").send().await?;
    let bodies: Vec<String> =
        received(&server).await.iter().map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
    let fields = r#""title":"Dune","subtitle":null,"authors":[{"name":"Frank Herbert"}]"#;
    assert_eq!(
        bodies,
        [
            format!(
                r#"{{{fields},"provenance":{{"donor":{{"name":"A. Reader","since":1999}},"notes":["signed",null,2.5],"ok":true}}}}"#
            ),
            format!(r#"{{{fields},"provenance":"donated"}}"#),
        ]
    );
    assert_eq!(serde_json::from_str::<Value>(&bodies[0])?["provenance"], provenance, "the value as given");
    Ok(())
}
