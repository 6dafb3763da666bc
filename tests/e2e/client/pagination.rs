//! Auto-pagination: `items()` and `pages()` follow the `after` cursor (the id of the last item
//! of the previous page) while `has_more` is true, keeping every other parameter.

use futures_util::{StreamExt, TryStreamExt};
use openai_run_steps::client::{Client, Error};
use openai_run_steps::{ListOrder, RunStep, RunStepInclude};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{client, error_body, ids, ok, page, received, received_targets, steps_path};

const INCLUDE: &str = "step_details.tool_calls[*].file_search.results[*].content";
const ENCODED_INCLUDE: &str = "include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content";

/// Mounts three pages of the run `run_abc`: `step_1, step_2` (more), `step_3, step_4` (more),
/// `step_5` (last). Each page answers only the request with its cursor and the parameters
/// `limit=2`, `order=asc` and the include, so a lost parameter gets wiremock's 404.
async fn three_pages(server: &MockServer) {
    let pages = [(None, page(&["step_1", "step_2"], true)), (Some("step_2"), page(&["step_3", "step_4"], true))];
    let last = (Some("step_4"), page(&["step_5"], false));
    for (after, body) in pages.into_iter().chain([last]) {
        let mock = Mock::given(method("GET"))
            .and(path(steps_path("thread_abc", "run_abc")))
            .and(query_param("limit", "2"))
            .and(query_param("order", "asc"))
            .and(query_param("include[]", INCLUDE))
            .and(query_param_is_missing("before"));
        let mock = match after {
            Some(cursor) => mock.and(query_param("after", cursor)),
            None => mock.and(query_param_is_missing("after")),
        };
        mock.respond_with(ok(&body)).mount(server).await;
    }
}

/// The listing the three pages answer.
fn listing(client: &Client) -> openai_run_steps::client::Call<openai_run_steps::ListRunSteps> {
    client
        .list_run_steps("thread_abc", "run_abc")
        .limit(2)
        .order(ListOrder::Asc)
        .include([RunStepInclude::FileSearchResultContent])
}

/// The raw target of the page after `cursor` (the first page for `None`).
fn target(after: Option<&str>) -> String {
    let after = after.map(|cursor| format!("after={cursor}&")).unwrap_or_default();
    format!("{}?{after}{ENCODED_INCLUDE}&limit=2&order=asc", steps_path("thread_abc", "run_abc"))
}

#[tokio::test]
async fn items_walk_every_page_in_order() {
    let server = MockServer::start().await;
    three_pages(&server).await;

    let steps: Vec<RunStep> = listing(&client(&server))
        .items()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("every page should be fetched: {e}"));
    assert_eq!(ids(&steps), ["step_1", "step_2", "step_3", "step_4", "step_5"]);
    // Exact queries: the cursor takes its place among the others, which are all kept.
    assert_eq!(received_targets(&server).await, [target(None), target(Some("step_2")), target(Some("step_4"))]);
}

#[tokio::test]
async fn pages_yield_each_page_whole() {
    let server = MockServer::start().await;
    three_pages(&server).await;

    let pages: Vec<_> = listing(&client(&server))
        .pages()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("every page should be fetched: {e}"));
    let summary: Vec<(Vec<&str>, bool)> = pages.iter().map(|p| (ids(&p.data), p.has_more)).collect();
    assert_eq!(summary, [(vec!["step_1", "step_2"], true), (vec!["step_3", "step_4"], true), (vec!["step_5"], false)]);
    assert_eq!(pages[1].first_id.as_deref(), Some("step_3"));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn max_items_stops_early_without_fetching_further_pages() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = client(&server);

    // Three items: across the first page boundary, and the third page is never asked for.
    let steps: Vec<RunStep> =
        listing(&client).max_items(3).items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&steps), ["step_1", "step_2", "step_3"]);
    assert_eq!(received_targets(&server).await, [target(None), target(Some("step_2"))]);

    // Exactly one page's worth: the second page is not fetched just to be discarded.
    server.reset().await;
    three_pages(&server).await;
    let steps: Vec<RunStep> =
        listing(&client).max_items(2).items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&steps), ["step_1", "step_2"]);
    assert_eq!(received_targets(&server).await, [target(None)]);

    // More than there are: all of them, three requests.
    server.reset().await;
    three_pages(&server).await;
    let steps: Vec<RunStep> =
        listing(&client).max_items(50).items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(steps.len(), 5);
    assert_eq!(received(&server).await.len(), 3);

    // None at all: nothing is sent.
    server.reset().await;
    let count = listing(&client).max_items(0).items().count().await;
    assert_eq!(count, 0);
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn an_empty_page_ends_the_listing_even_if_more_are_announced() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("after"))
        .respond_with(ok(&page(&["step_1"], true)))
        .expect(2)
        .mount(&server)
        .await;
    // `has_more: true` with no items: there is no cursor to follow, so the listing ends.
    Mock::given(method("GET"))
        .and(query_param("after", "step_1"))
        .respond_with(ok(&page(&[], true)))
        .expect(2)
        .mount(&server)
        .await;

    // Listed twice, with `items()` then `pages()`: each sends two requests, and no third.
    let client = client(&server);
    let steps: Vec<RunStep> =
        client.list_run_steps("t", "r").items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&steps), ["step_1"]);
    assert_eq!(received(&server).await.len(), 2);

    let pages: Vec<_> = client.list_run_steps("t", "r").pages().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pages.iter().map(|p| p.data.len()).collect::<Vec<_>>(), [1, 0]);
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn a_listing_continues_from_a_given_cursor() {
    let server = MockServer::start().await;
    three_pages(&server).await;

    let steps: Vec<RunStep> =
        listing(&client(&server)).after("step_2").items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&steps), ["step_3", "step_4", "step_5"]);
    assert_eq!(received_targets(&server).await, [target(Some("step_2")), target(Some("step_4"))]);
}

#[tokio::test]
async fn an_error_mid_listing_is_the_last_element() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("after"))
        .respond_with(ok(&page(&["step_1", "step_2"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("after", "step_2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body(
            "No run found",
            "invalid_request_error",
            None,
        )))
        .mount(&server)
        .await;

    let results: Vec<Result<RunStep, Error>> = client(&server).list_run_steps("t", "r").items().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().map(|s| s.id.as_str()).ok(), Some("step_1"));
    assert_eq!(results[1].as_ref().map(|s| s.id.as_str()).ok(), Some("step_2"));
    let Err(Error::Api(api)) = &results[2] else { panic!("expected Error::Api, got {:?}", results[2]) };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.body.as_ref().map(|b| b.message.as_str()), Some("No run found"));
    // A 404 is not retried, and nothing is fetched after the error.
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_retried_page_does_not_break_the_listing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("after"))
        .respond_with(ok(&page(&["step_1"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("after", "step_1"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("after", "step_1"))
        .respond_with(ok(&page(&["step_2"], false)))
        .mount(&server)
        .await;

    let steps: Vec<RunStep> =
        client(&server).list_run_steps("t", "r").items().try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&steps), ["step_1", "step_2"]);
    let targets = received_targets(&server).await;
    let second = format!("{}?after=step_1", steps_path("t", "r"));
    assert_eq!(targets, [steps_path("t", "r"), second.clone(), second]);
}

#[tokio::test]
async fn a_listing_can_run_on_another_task() {
    let server = MockServer::start().await;
    three_pages(&server).await;

    // The streams are `Send + 'static`: a spawned task can own one.
    let items = listing(&client(&server)).items();
    let task = tokio::spawn(items.map(|item| item.map(|step| step.id)).try_collect::<Vec<String>>());
    let listed = task.await.unwrap_or_else(|e| panic!("the task should finish: {e}"));
    assert_eq!(listed.ok(), Some(["step_1", "step_2", "step_3", "step_4", "step_5"].map(String::from).to_vec()));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_server_that_repeats_its_cursor_cannot_loop_the_listing() {
    // Every page says more follow and ends with the same id: without a guard, the client
    // would ask for `after=step_2` forever.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok(&page(&["step_1", "step_2"], true))).mount(&server).await;

    let steps: Vec<RunStep> = client(&server)
        .list_run_steps("thread_abc", "run_abc")
        .items()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("the listing should end: {e}"));
    assert_eq!(ids(&steps), ["step_1", "step_2", "step_1", "step_2"]);
    let targets = received_targets(&server).await;
    let first = steps_path("thread_abc", "run_abc");
    assert_eq!(targets, [first.clone(), format!("{first}?after=step_2")]);
}
