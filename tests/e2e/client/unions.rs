//! A union by JSON kind as a whole response, over loopback (the bookshelf's `getHolding`):
//! the client hands the body's kind to the member of that kind, and keeps any other kind.

use bookshelf::client::Client;
use bookshelf::{CatalogueEntry, Editors, Holding, LoanDays, LoanPeriod};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::KEY;
use crate::fixtures::MAGAZINE;

async fn holding(body: &Value) -> Holding {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/readers/reader_1/holdings/h%2F1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().api_key(KEY).base_url(server.uri()).build().unwrap_or_else(|e| panic!("{e}"));
    client.get_holding("reader_1", "h/1").send().await.unwrap_or_else(|e| panic!("{body}: {e}"))
}

#[tokio::test]
async fn a_response_decides_by_its_kind_on_the_wire() {
    assert_eq!(holding(&json!("book_9780451524935")).await, Holding::String("book_9780451524935".to_owned()));
    let Holding::Object(CatalogueEntry::Magazine(magazine)) = holding(&e2e::json(MAGAZINE)).await else {
        panic!("a magazine");
    };
    assert_eq!(magazine.loan_days, LoanDays::String(LoanPeriod::Extended));
    assert!(matches!(magazine.editors, Editors::Array(ref names) if names.len() == 2));
    assert_eq!(holding(&json!([1, 2])).await, Holding::Unknown(json!([1, 2])));
    assert_eq!(holding(&Value::Null).await, Holding::Unknown(Value::Null));
}
