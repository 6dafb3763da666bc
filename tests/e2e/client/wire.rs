//! What goes on the wire: the exact path, query string and headers of a request, with and
//! without a server; parameter validation before anything is sent; and the response's
//! status and headers handed back by `send_with_response`.

use futures_util::StreamExt;
use openai_run_steps::client::Error;
use openai_run_steps::request::{Operation, Rule};
use openai_run_steps::{BASE_URL, GetRunStep, ListOrder, ListRunSteps, RunStepInclude};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{KEY, V1, answer_every_get, client, ids, ok, page, received, received_targets, step, steps_path};

/// `include[]=step_details.tool_calls[*].file_search.results[*].content`, form-encoded.
const INCLUDE_CONTENT: &str = "include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content";

#[tokio::test]
async fn a_listing_sends_the_exact_query_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(steps_path("thread_abc", "run_abc")))
        .respond_with(ok(&page(&["step_1", "step_2"], false)))
        .expect(1)
        .mount(&server)
        .await;

    let listed = client(&server)
        .list_run_steps("thread_abc", "run_abc")
        .limit(20)
        .order(ListOrder::Asc)
        .include([RunStepInclude::FileSearchResultContent])
        .send()
        .await
        .unwrap_or_else(|e| panic!("the listing should succeed: {e}"));
    assert_eq!(ids(&listed.data), ["step_1", "step_2"]);
    assert!(!listed.has_more);

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v1/threads/thread_abc/runs/run_abc/steps");
    // The issue's pinned string, and what openai-python sends: parameters sorted by name.
    let expected_query = format!("{INCLUDE_CONTENT}&limit=20&order=asc");
    assert_eq!(request.url.query(), Some(expected_query.as_str()));
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(header("authorization").as_deref(), Some("Bearer sk-test"));
    assert_eq!(header("openai-beta").as_deref(), Some("assistants=v2"));
    assert_eq!(header("accept").as_deref(), Some("application/json"));
    let user_agent = header("user-agent").unwrap_or_default();
    assert!(user_agent.starts_with("openai-run-steps/"), "user-agent: {user_agent:?}");
    // A GET carries no body, so no content type either.
    assert_eq!(header("content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn unset_parameters_are_left_out_and_lists_repeat_their_name() {
    let server = MockServer::start().await;
    answer_every_get(&server, ok(&page(&[], false))).await;
    let client = client(&server);

    client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("no parameters: {e}"));
    client
        .list_run_steps("t", "r")
        .before("step 9")
        .after("s&t=u/ü")
        .order(ListOrder::Desc)
        .include([RunStepInclude::FileSearchResultContent, RunStepInclude::Unknown("x y*".to_owned())])
        .limit(7)
        .send()
        .await
        .unwrap_or_else(|e| panic!("every parameter: {e}"));
    client.list_run_steps("t", "r").include([]).send().await.unwrap_or_else(|e| panic!("empty include: {e}"));

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    // Nothing set: not even a bare `?`.
    assert_eq!(requests[0].url.query(), None);
    // Set in any order, sent sorted by name as the official SDKs do (after, before, include[],
    // limit, order), form-encoded.
    let all =
        format!("after=s%26t%3Du%2F%C3%BC&before=step+9&{INCLUDE_CONTENT}&include%5B%5D=x+y%2A&limit=7&order=desc");
    assert_eq!(requests[1].url.query(), Some(all.as_str()));
    // An empty list sends nothing.
    assert_eq!(requests[2].url.query(), None);
}

#[test]
fn path_and_query_without_a_server() {
    let cases = [
        (ListRunSteps::new("t", "r"), "/threads/t/runs/r/steps"),
        (ListRunSteps::new("t", "r").limit(1), "/threads/t/runs/r/steps?limit=1"),
        (ListRunSteps::new("t", "r").order(ListOrder::Asc).limit(100), "/threads/t/runs/r/steps?limit=100&order=asc"),
        (
            ListRunSteps::new("t", "r").after("step_b").before("step_a"),
            "/threads/t/runs/r/steps?after=step_b&before=step_a",
        ),
        (
            ListRunSteps::new("t", "r").include([RunStepInclude::FileSearchResultContent]),
            "/threads/t/runs/r/steps?include%5B%5D=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content",
        ),
        (
            ListRunSteps::new("t", "r").order(ListOrder::Unknown("newest".to_owned())),
            "/threads/t/runs/r/steps?order=newest",
        ),
        (ListRunSteps::new("a/b", "r?1"), "/threads/a%2Fb/runs/r%3F1/steps"),
        // The last value of a setter called twice wins; the list is replaced, not appended to.
        (
            ListRunSteps::new("t", "r")
                .limit(5)
                .limit(6)
                .include([RunStepInclude::Unknown("a".to_owned())])
                .include([RunStepInclude::Unknown("b".to_owned())]),
            "/threads/t/runs/r/steps?include%5B%5D=b&limit=6",
        ),
    ];
    for (operation, expected) in cases {
        assert_eq!(operation.path_and_query().as_deref(), Ok(expected), "{operation:?}");
    }
    assert_eq!(
        GetRunStep::new("t", "r", "step 1").include([RunStepInclude::FileSearchResultContent]).path_and_query(),
        Ok(format!("/threads/t/runs/r/steps/step%201?{INCLUDE_CONTENT}"))
    );
    assert_eq!(GetRunStep::new("t", "r", "s").path_and_query().as_deref(), Ok("/threads/t/runs/r/steps/s"));
    assert_eq!(ListRunSteps::ID, "listRunSteps");
    assert_eq!(GetRunStep::ID, "getRunStep");
}

#[test]
fn http_request_for_another_http_stack() {
    let request = ListRunSteps::new("thread_abc", "run_abc")
        .limit(2)
        .http_request(BASE_URL)
        .unwrap_or_else(|e| panic!("the official base URL should do: {e}"));
    assert_eq!(request.method().as_str(), "GET");
    assert_eq!(request.uri(), "https://api.openai.com/v1/threads/thread_abc/runs/run_abc/steps?limit=2");
    let headers = request.headers();
    assert_eq!(headers.get("accept").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    assert_eq!(headers.get("openai-beta").map(|v| v.as_bytes()), Some(&b"assistants=v2"[..]));
    // Credentials are the caller's to add.
    assert!(headers.get("authorization").is_none());
    assert_eq!(headers.len(), 2, "{headers:?}");

    // A trailing slash on the base URL does not double the slash.
    let request = GetRunStep::new("t", "r", "s")
        .http_request("http://127.0.0.1:8080/v1/")
        .unwrap_or_else(|e| panic!("a local base URL should do: {e}"));
    assert_eq!(request.uri(), "http://127.0.0.1:8080/v1/threads/t/runs/r/steps/s");

    // A fragment or a query would swallow the path (`http::Uri` drops `#...` silently).
    for bad in ["not a url", "/v1", "", "https://h/v1#frag", "http://h/v1?x=1", "ftp://h/v1"] {
        let error = ListRunSteps::new("t", "r").http_request(bad).err();
        let error = error.unwrap_or_else(|| panic!("`{bad}` is not a base URL"));
        assert_eq!((error.param(), error.rule()), ("base_url", &Rule::Url), "{bad}");
    }
    // Validation comes first: the parameter is named, not the base URL.
    let error = ListRunSteps::new("t", "r").limit(0).http_request(BASE_URL).err();
    assert_eq!(error.as_ref().map(|e| e.param()), Some("limit"));
}

#[tokio::test]
async fn limit_out_of_range_is_refused_before_sending() {
    let server = MockServer::start().await;
    answer_every_get(&server, ok(&page(&["step_1"], false))).await;
    let client = client(&server);

    let cases = [
        (0, Rule::Minimum { minimum: "1".to_owned(), value: "0".to_owned() }, "must be at least 1, got 0"),
        (-5, Rule::Minimum { minimum: "1".to_owned(), value: "-5".to_owned() }, "must be at least 1, got -5"),
        (101, Rule::Maximum { maximum: "100".to_owned(), value: "101".to_owned() }, "must be at most 100, got 101"),
        (i64::MAX, Rule::Maximum { maximum: "100".to_owned(), value: i64::MAX.to_string() }, "must be at most 100"),
    ];
    for (limit, rule, text) in cases {
        let error = client.list_run_steps("t", "r").limit(limit).send().await.err();
        let Some(Error::Validation(validation)) = &error else {
            panic!("limit {limit}: expected Error::Validation, got {error:?}");
        };
        assert_eq!(validation.param(), "limit");
        assert_eq!(validation.rule(), &rule);
        let display = error.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(display.starts_with("request not sent: invalid `limit`: "), "{display}");
        assert!(display.contains(text), "limit {limit}: {display}");
        assert_eq!(error.as_ref().and_then(Error::status), None);
    }
    // Through the streams too: one error, then the end, and still nothing sent.
    let mut items = Box::pin(client.list_run_steps("t", "r").limit(0).items());
    assert!(matches!(items.next().await, Some(Err(Error::Validation(_)))));
    assert!(items.next().await.is_none());
    let pages: Vec<_> = client.list_run_steps("t", "r").limit(101).pages().collect().await;
    assert!(matches!(pages.as_slice(), [Err(Error::Validation(_))]), "{pages:?}");
    assert!(received(&server).await.is_empty(), "nothing may be sent for an invalid request");

    // The bounds themselves are allowed.
    for limit in [1, 100] {
        let listed = client.list_run_steps("t", "r").limit(limit).send().await;
        assert!(listed.is_ok(), "limit {limit}: {listed:?}");
    }
    assert_eq!(
        received_targets(&server).await,
        ["/v1/threads/t/runs/r/steps?limit=1", "/v1/threads/t/runs/r/steps?limit=100"]
    );
}

#[tokio::test]
async fn send_with_response_exposes_status_headers_and_request_id() {
    let server = MockServer::start().await;
    answer_every_get(
        &server,
        ok(&page(&["step_1"], false))
            .insert_header("x-request-id", "req_abc123")
            .insert_header("openai-processing-ms", "42"),
    )
    .await;

    let response = client(&server)
        .list_run_steps("t", "r")
        .send_with_response()
        .await
        .unwrap_or_else(|e| panic!("the listing should succeed: {e}"));
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id(), Some("req_abc123"));
    assert_eq!(response.headers.get("openai-processing-ms").map(|v| v.as_bytes()), Some(&b"42"[..]));
    assert_eq!(ids(&response.body.data), ["step_1"]);
    assert_eq!(ids(&response.into_body().data), ["step_1"]);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn send_with_response_without_a_request_id_and_with_another_2xx() {
    let server = MockServer::start().await;
    answer_every_get(&server, ResponseTemplate::new(203).set_body_json(page(&[], false))).await;
    let response = client(&server).list_run_steps("t", "r").send_with_response().await;
    let response = response.unwrap_or_else(|e| panic!("a 203 is a success: {e}"));
    assert_eq!(response.status.as_u16(), 203);
    assert_eq!(response.request_id(), None);
}

#[tokio::test]
async fn get_run_step_sends_its_path_and_include() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{V1}/threads/thread_abc/runs/run_abc/steps/step_1")))
        .respond_with(ok(&step("step_1")))
        .expect(1)
        .mount(&server)
        .await;

    let got = client(&server)
        .get_run_step("thread_abc", "run_abc", "step_1")
        .include([RunStepInclude::FileSearchResultContent])
        .send()
        .await
        .unwrap_or_else(|e| panic!("the step should come back: {e}"));
    assert_eq!(got.id, "step_1");
    assert_eq!(
        received_targets(&server).await,
        [format!("{V1}/threads/thread_abc/runs/run_abc/steps/step_1?{INCLUDE_CONTENT}")]
    );
    let auth = received(&server).await[0].headers.get("authorization").cloned();
    assert_eq!(auth.as_ref().map(|v| v.as_bytes()), Some(format!("Bearer {KEY}").as_bytes()));

    // `step_id` is checked like the other path parameters.
    let error = client(&server).get_run_step("thread_abc", "run_abc", "..").send().await.err();
    assert!(matches!(&error, Some(Error::Validation(v)) if v.param() == "step_id"), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_builder_made_operation_sends_through_client_call() {
    let server = MockServer::start().await;
    answer_every_get(&server, ok(&page(&["step_1"], false))).await;

    let operation = ListRunSteps::new("t", "r").limit(3).order(ListOrder::Asc);
    let call = client(&server).call(operation.clone());
    assert_eq!(call.operation(), &operation);
    // The call's setters change the same operation.
    let call = call.after("step_0");
    assert_eq!(call.operation(), &operation.clone().after("step_0"));
    let listed = call.send().await.unwrap_or_else(|e| panic!("should succeed: {e}"));
    assert_eq!(ids(&listed.data), ["step_1"]);
    assert_eq!(received_targets(&server).await, ["/v1/threads/t/runs/r/steps?after=step_0&limit=3&order=asc"]);
}
