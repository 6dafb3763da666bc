//! The paging styles beyond "the last item's id" (spec/README.md, Pagination), on the
//! bookshelf's listings: a cursor from a page field (`last_id`), backward paging from the first
//! item or `first_id` (one cursor per request, never both), page numbers and next-page tokens,
//! and every way a listing ends: an empty page, a repeated cursor or token, the item cap.
//!
//! Each server answers only the exact query strings it is scripted with (anything else is a
//! 404, which ends the stream with an error), and each test asserts the exact targets sent.

use bookshelf::client::{Call, Client, Error};
use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request};

use super::{KEY, ok, received_targets};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("the test client should build: {e}"))
}

/// Answers `GET route?query` (exactly that query; `""` for none) with `body`.
async fn answer(server: &MockServer, route: &str, query: &str, body: Value) {
    let query = query.to_owned();
    Mock::given(method("GET"))
        .and(path(route))
        .and(move |request: &Request| request.url.query().unwrap_or_default() == query)
        .respond_with(ok(&body))
        .mount(server)
        .await;
}

/// Every item of the listing, or the error that ended it.
async fn collect<Op, T>(call: Call<Op>, id: impl Fn(&T) -> String) -> Result<Vec<String>, Error>
where
    Op: bookshelf::request::Paginated<Item = T>,
{
    let items: Vec<T> = call.items().try_collect().await?;
    Ok(items.iter().map(id).collect())
}

/// `route` and each query, as [`received_targets`] shows them.
fn targets(route: &str, queries: &[&str]) -> Vec<String> {
    queries.iter().map(|q| if q.is_empty() { route.to_owned() } else { format!("{route}?{q}") }).collect()
}

const REVIEWS: &str = "/books/b1/reviews";
const LOANS: &str = "/loans";
const BRANCHES: &str = "/branches";
const EVENTS: &str = "/catalog/events";

fn review_page(ids: &[&str], first_id: Option<&str>, last_id: Option<&str>, has_more: bool) -> Value {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id, "stars": 4})).collect();
    json!({"data": data, "first_id": first_id, "last_id": last_id, "has_more": has_more})
}

fn loan_page(ids: &[&str], has_next: bool) -> Value {
    let items: Vec<Value> = ids.iter().map(|id| json!({"id": id, "book_id": "b1"})).collect();
    json!({"items": items, "has_next": has_next})
}

fn branch_page(codes: &[&str]) -> Value {
    let branches: Vec<Value> = codes.iter().map(|code| json!({"code": code, "name": "A branch"})).collect();
    json!({"branches": branches})
}

fn event_page(ids: &[&str], has_more: bool, next_page: Option<&str>) -> Value {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id, "summary": "changed"})).collect();
    json!({"object": "page", "data": data, "has_more": has_more, "next_page": next_page})
}

fn review_id(review: &bookshelf::Review) -> String {
    review.id.clone()
}

fn loan_id(loan: &bookshelf::Loan) -> String {
    loan.id.clone()
}

fn branch_code(branch: &bookshelf::Branch) -> String {
    branch.code.clone()
}

fn event_id(event: &bookshelf::CatalogEvent) -> String {
    event.id.clone()
}

#[tokio::test]
async fn forward_paging_takes_the_cursor_from_the_page_field() {
    let server = MockServer::start().await;
    // `last_id` is not the last item's id here, so only reading the page field finds page two.
    answer(&server, REVIEWS, "limit=2", review_page(&["r1", "r2"], Some("r1"), Some("cur_2"), true)).await;
    answer(&server, REVIEWS, "after_id=cur_2&limit=2", review_page(&["r3"], Some("r3"), Some("cur_3"), false)).await;

    let listed = collect(client(&server).list_reviews("b1").limit(2), review_id).await;
    assert_eq!(listed.ok(), Some(vec!["r1".to_owned(), "r2".to_owned(), "r3".to_owned()]));
    assert_eq!(received_targets(&server).await, targets(REVIEWS, &["limit=2", "after_id=cur_2&limit=2"]));
}

#[tokio::test]
async fn a_listing_started_backwards_follows_first_id_and_sends_one_cursor() {
    let server = MockServer::start().await;
    answer(&server, REVIEWS, "before_id=r9&limit=2", review_page(&["r7", "r8"], Some("r7"), Some("r8"), true)).await;
    answer(&server, REVIEWS, "before_id=r7&limit=2", review_page(&["r5", "r6"], Some("r5"), Some("r6"), true)).await;
    answer(&server, REVIEWS, "before_id=r5&limit=2", review_page(&["r4"], Some("r4"), Some("r4"), false)).await;

    let listed = collect(client(&server).list_reviews("b1").limit(2).before_id("r9"), review_id).await;
    assert_eq!(listed.ok(), Some(["r7", "r8", "r5", "r6", "r4"].map(String::from).to_vec()));
    // Each page as the server orders it; no `after_id` ever.
    let sent = ["before_id=r9&limit=2", "before_id=r7&limit=2", "before_id=r5&limit=2"];
    assert_eq!(received_targets(&server).await, targets(REVIEWS, &sent));
}

#[tokio::test]
async fn backward_paging_from_the_first_item_and_forward_from_the_last() {
    let server = MockServer::start().await;
    answer(&server, LOANS, "before=l9", loan_page(&["l7", "l8"], true)).await;
    answer(&server, LOANS, "before=l7", loan_page(&["l6"], false)).await;
    answer(&server, LOANS, "", loan_page(&["l1", "l2"], true)).await;
    answer(&server, LOANS, "after=l2", loan_page(&["l3"], false)).await;
    let client = client(&server);

    let backwards = collect(client.list_loans().before("l9"), loan_id).await;
    assert_eq!(backwards.ok(), Some(["l7", "l8", "l6"].map(String::from).to_vec()));
    let forwards = collect(client.list_loans(), loan_id).await;
    assert_eq!(forwards.ok(), Some(["l1", "l2", "l3"].map(String::from).to_vec()));
    assert_eq!(received_targets(&server).await, targets(LOANS, &["before=l9", "before=l7", "", "after=l2"]));
}

#[tokio::test]
async fn a_listing_started_with_both_cursors_continues_with_the_backward_one_alone() {
    let server = MockServer::start().await;
    // The caller asked for both; the next page is asked for backwards, with `before` alone.
    answer(&server, LOANS, "after=l1&before=l9", loan_page(&["l7", "l8"], true)).await;
    answer(&server, LOANS, "before=l7", loan_page(&["l5", "l6"], false)).await;
    answer(&server, REVIEWS, "after_id=r1&before_id=r9", review_page(&["r7", "r8"], Some("r7"), Some("r8"), true))
        .await;
    answer(&server, REVIEWS, "before_id=r7", review_page(&["r6"], Some("r6"), Some("r6"), false)).await;
    let client = client(&server);

    let loans = collect(client.list_loans().after("l1").before("l9"), loan_id).await;
    assert_eq!(loans.ok(), Some(["l7", "l8", "l5", "l6"].map(String::from).to_vec()));
    let reviews = collect(client.list_reviews("b1").after_id("r1").before_id("r9"), review_id).await;
    assert_eq!(reviews.ok(), Some(["r7", "r8", "r6"].map(String::from).to_vec()));
    let sent = received_targets(&server).await;
    assert_eq!(sent[..2], targets(LOANS, &["after=l1&before=l9", "before=l7"]));
    assert_eq!(sent[2..], targets(REVIEWS, &["after_id=r1&before_id=r9", "before_id=r7"]));
}

#[tokio::test]
async fn page_numbers_count_up_until_an_empty_page() {
    let server = MockServer::start().await;
    answer(&server, BRANCHES, "per_page=2", branch_page(&["a", "b"])).await;
    answer(&server, BRANCHES, "page=2&per_page=2", branch_page(&["c", "d"])).await;
    answer(&server, BRANCHES, "page=3&per_page=2", branch_page(&["e"])).await;
    answer(&server, BRANCHES, "page=4&per_page=2", branch_page(&[])).await;

    let listed = collect(client(&server).list_branches().per_page(2), branch_code).await;
    assert_eq!(listed.ok(), Some(["a", "b", "c", "d", "e"].map(String::from).to_vec()));
    let sent = ["per_page=2", "page=2&per_page=2", "page=3&per_page=2", "page=4&per_page=2"];
    assert_eq!(received_targets(&server).await, targets(BRANCHES, &sent));
}

#[tokio::test]
async fn page_numbers_continue_from_a_given_page() {
    let server = MockServer::start().await;
    answer(&server, BRANCHES, "page=3", branch_page(&["e"])).await;
    answer(&server, BRANCHES, "page=4", branch_page(&[])).await;

    let listed = collect(client(&server).list_branches().page(3), branch_code).await;
    assert_eq!(listed.ok(), Some(vec!["e".to_owned()]));
    assert_eq!(received_targets(&server).await, targets(BRANCHES, &["page=3", "page=4"]));
}

#[tokio::test]
async fn page_tokens_are_sent_back_until_there_is_none() {
    let server = MockServer::start().await;
    answer(&server, EVENTS, "limit=2", event_page(&["e1", "e2"], true, Some("tok_2"))).await;
    answer(&server, EVENTS, "limit=2&page=tok_2", event_page(&["e3", "e4"], true, Some("tok+3/="))).await;
    // `has_more` still says true: the missing token is what ends the listing.
    answer(&server, EVENTS, "limit=2&page=tok%2B3%2F%3D", event_page(&["e5"], true, None)).await;

    let listed = collect(client(&server).list_catalog_events().limit(2), event_id).await;
    assert_eq!(listed.ok(), Some(["e1", "e2", "e3", "e4", "e5"].map(String::from).to_vec()));
    let sent = ["limit=2", "limit=2&page=tok_2", "limit=2&page=tok%2B3%2F%3D"];
    assert_eq!(received_targets(&server).await, targets(EVENTS, &sent));
}

#[tokio::test]
async fn an_empty_page_ends_every_style_whatever_else_it_says() {
    let server = MockServer::start().await;
    // Each first page is empty but announces more, with a cursor or token to follow.
    answer(&server, REVIEWS, "", review_page(&[], None, Some("r2"), true)).await;
    answer(&server, EVENTS, "", event_page(&[], true, Some("tok_2"))).await;
    answer(&server, LOANS, "before=l9", loan_page(&[], true)).await;
    let client = client(&server);

    assert_eq!(collect(client.list_reviews("b1"), review_id).await.ok(), Some(Vec::new()));
    assert_eq!(collect(client.list_catalog_events(), event_id).await.ok(), Some(Vec::new()));
    assert_eq!(collect(client.list_loans().before("l9"), loan_id).await.ok(), Some(Vec::new()));
    let sent = received_targets(&server).await;
    assert_eq!(sent, [REVIEWS.to_owned(), EVENTS.to_owned(), format!("{LOANS}?before=l9")]);
}

#[tokio::test]
async fn a_repeated_cursor_or_token_ends_the_listing() {
    let server = MockServer::start().await;
    // Servers stuck on one page: every answer names the cursor or token just sent.
    answer(&server, REVIEWS, "", review_page(&["r1"], Some("r1"), Some("r1"), true)).await;
    answer(&server, REVIEWS, "after_id=r1", review_page(&["r1"], Some("r1"), Some("r1"), true)).await;
    answer(&server, REVIEWS, "before_id=r5", review_page(&["r4"], Some("r4"), Some("r4"), true)).await;
    answer(&server, REVIEWS, "before_id=r4", review_page(&["r4"], Some("r4"), Some("r4"), true)).await;
    answer(&server, LOANS, "before=l5", loan_page(&["l4"], true)).await;
    answer(&server, LOANS, "before=l4", loan_page(&["l4"], true)).await;
    answer(&server, EVENTS, "", event_page(&["e1"], true, Some("same"))).await;
    answer(&server, EVENTS, "page=same", event_page(&["e1"], true, Some("same"))).await;
    let client = client(&server);

    assert_eq!(collect(client.list_reviews("b1"), review_id).await.ok(), Some(vec!["r1".into(), "r1".into()]));
    let backwards = collect(client.list_reviews("b1").before_id("r5"), review_id).await;
    assert_eq!(backwards.ok(), Some(vec!["r4".into(), "r4".into()]));
    assert_eq!(collect(client.list_loans().before("l5"), loan_id).await.ok(), Some(vec!["l4".into(), "l4".into()]));
    assert_eq!(collect(client.list_catalog_events(), event_id).await.ok(), Some(vec!["e1".into(), "e1".into()]));
    let mut sent = targets(REVIEWS, &["", "after_id=r1", "before_id=r5", "before_id=r4"]);
    sent.extend(targets(LOANS, &["before=l5", "before=l4"]));
    sent.extend(targets(EVENTS, &["", "page=same"]));
    assert_eq!(received_targets(&server).await, sent);
}

#[tokio::test]
async fn an_empty_token_ends_the_listing() {
    let server = MockServer::start().await;
    answer(&server, EVENTS, "", event_page(&["e1"], true, Some(""))).await;

    assert_eq!(collect(client(&server).list_catalog_events(), event_id).await.ok(), Some(vec!["e1".to_owned()]));
    assert_eq!(received_targets(&server).await, [EVENTS.to_owned()]);
}

#[tokio::test]
async fn the_item_cap_stops_endless_page_numbers_and_tokens() {
    let server = MockServer::start().await;
    // Servers that never run out: every page number and every token has a full page.
    Mock::given(method("GET")).and(path(BRANCHES)).respond_with(ok(&branch_page(&["x", "y"]))).mount(&server).await;
    Mock::given(method("GET"))
        .and(path(EVENTS))
        .respond_with(|request: &Request| {
            let sent = request.url.query().unwrap_or_default().to_owned();
            ok(&event_page(&["e", "e"], true, Some(&format!("after_{sent}"))))
        })
        .mount(&server)
        .await;
    let client = client(&server);

    let branches = collect(client.list_branches().max_items(5), branch_code).await;
    assert_eq!(branches.map(|b| b.len()).ok(), Some(5));
    let events = collect(client.list_catalog_events().max_items(3), event_id).await;
    assert_eq!(events.map(|e| e.len()).ok(), Some(3));
    // Three pages of two for five branches, two for three events: none fetched past the cap.
    let mut sent = targets(BRANCHES, &["", "page=2", "page=3"]);
    sent.extend(targets(EVENTS, &["", "page=after_"]));
    assert_eq!(received_targets(&server).await, sent);
}

#[tokio::test]
async fn a_hostile_token_or_page_cursor_stays_one_query_value() {
    // A token or `last_id` from a response goes back as one form-encoded value, whatever it holds.
    let cases = [
        ("x&limit=100&before_id=y", "x%26limit%3D100%26before_id%3Dy"),
        ("../../admin#f", "..%2F..%2Fadmin%23f"),
        ("ü 漢\r\n", "%C3%BC+%E6%BC%A2%0D%0A"),
    ];
    for (value, encoded) in cases {
        let server = MockServer::start().await;
        answer(&server, EVENTS, "", event_page(&["e1"], true, Some(value))).await;
        answer(&server, EVENTS, &format!("page={encoded}"), event_page(&["e2"], false, None)).await;
        answer(&server, REVIEWS, "", review_page(&["r1"], Some("r1"), Some(value), true)).await;
        answer(&server, REVIEWS, &format!("after_id={encoded}"), review_page(&["r2"], None, None, false)).await;
        let client = client(&server);

        let events = collect(client.list_catalog_events(), event_id).await;
        assert_eq!(events.ok(), Some(vec!["e1".to_owned(), "e2".to_owned()]), "{value:?}");
        let reviews = collect(client.list_reviews("b1"), review_id).await;
        assert_eq!(reviews.ok(), Some(vec!["r1".to_owned(), "r2".to_owned()]), "{value:?}");
        let requests = server.received_requests().await.unwrap_or_default();
        let pairs = |i: usize| -> Vec<(String, String)> {
            requests[i].url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
        };
        assert_eq!(pairs(1), [("page".to_owned(), value.to_owned())], "{value:?}");
        assert_eq!(pairs(3), [("after_id".to_owned(), value.to_owned())], "{value:?}");
    }
}
