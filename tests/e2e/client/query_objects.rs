//! Maps and objects in the query (OpenAPI's deepObject), on the bookshelf API: each map
//! entry and each set field is one `name[key]=value` pair, form-encoded as the official SDKs
//! send nested query values (`metadata[key1]=value1`): maps in key order, fields in the
//! spec's order, unset fields left out.

use std::collections::BTreeMap;

use bookshelf::request::Operation;
use bookshelf::{FindShelves, OpenedWindow};
use e2e::TestResult;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use super::{KEY, ok, received};

const SHELF: &str = r#"{"id": "s1", "name": "Fiction", "book_count": 3}"#;

fn labels() -> BTreeMap<String, String> {
    // Inserted out of order, with a space and brackets to encode.
    BTreeMap::from([("room".to_owned(), "2 [east]".to_owned()), ("floor".to_owned(), "1".to_owned())])
}

#[test]
fn maps_and_objects_become_one_bracketed_pair_per_entry() {
    let window = OpenedWindow { after: Some(1_700_000_000), before: None, zone: "UTC".to_owned() };
    let request = FindShelves::new().opened(window).labels(labels());
    assert_eq!(
        request.path_and_query().ok().as_deref(),
        Some(
            "/shelves?labels%5Bfloor%5D=1&labels%5Broom%5D=2+%5Beast%5D\
             &opened%5Bafter%5D=1700000000&opened%5Bzone%5D=UTC"
        )
    );
    // An empty map sends nothing; an object sends its required fields at least.
    let window = OpenedWindow { after: None, before: Some(5), zone: "Europe/Paris".to_owned() };
    let request = FindShelves::new().labels(BTreeMap::new()).opened(window);
    assert_eq!(
        request.path_and_query().ok().as_deref(),
        Some("/shelves?opened%5Bbefore%5D=5&opened%5Bzone%5D=Europe%2FParis")
    );
}

#[tokio::test]
async fn the_client_sends_the_same_query() -> TestResult {
    let server = MockServer::start().await;
    let shelf: serde_json::Value = serde_json::from_str(SHELF)?;
    Mock::given(method("GET")).respond_with(ok(&shelf)).mount(&server).await;
    let client = bookshelf::client::Client::builder().api_key(KEY).base_url(server.uri()).build()?;
    client.find_shelves().labels(labels()).send().await?;
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.query(), Some("labels%5Bfloor%5D=1&labels%5Broom%5D=2+%5Beast%5D"));
    Ok(())
}
