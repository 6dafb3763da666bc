//! Security on the wire: what a server sends back can neither redirect a later request nor
//! make an error carry the API key.
//!
//! - A cursor from a page goes into the next request as one form-encoded `after` value, and
//!   an id from a response goes into a path as one encoded segment, whatever they hold.
//! - The key is in no error's text (`Display`, `Debug`, the `source()` chain), even from a
//!   server that echoes the `Authorization` header back into bodies and headers: what an
//!   error keeps of a response has the key masked.

use std::time::Duration;

use futures_util::TryStreamExt;
use openai_run_steps::client::{Client, Error};
use openai_run_steps::request::Rule;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

use super::loopback::{Loopback, Request, Step, head, response};
use super::{answer_every_get, client, error_kind, ok, page, received, received_targets, step, steps_path};

#[tokio::test]
async fn a_hostile_cursor_stays_one_form_encoded_query_value() {
    // (the last id of a page, the `after` value on the wire), encodings written out by hand.
    let cases = [
        ("../../admin", "..%2F..%2Fadmin"),
        ("a/b?x=1#f", "a%2Fb%3Fx%3D1%23f"),
        ("%2F", "%252F"),
        ("x&limit=100&before=y", "x%26limit%3D100%26before%3Dy"),
        ("a b+c", "a+b%2Bc"),
        ("ü/漢", "%C3%BC%2F%E6%BC%A2"),
        ("\r\nX-Injected: 1", "%0D%0AX-Injected%3A+1"),
        ("..", ".."),
        ("", ""),
    ];
    for (cursor, encoded) in cases {
        let server = MockServer::start().await;
        let first = steps_path("t", "r");
        // The first request gets a page ending in `cursor`; any later one an empty last page.
        Mock::given(method("GET")).respond_with(ok(&page(&[cursor], true))).up_to_n_times(1).mount(&server).await;
        answer_every_get(&server, ok(&page(&[], false))).await;

        let pages: Vec<_> = client(&server).list_run_steps("t", "r").pages().try_collect().await.unwrap_or_else(|e| {
            panic!("{cursor:?}: the listing should end: {e}");
        });
        assert_eq!(pages.len(), 2, "{cursor:?}");
        // The path is the listing's, untouched; the cursor is the one and only query value.
        assert_eq!(received_targets(&server).await, [first.clone(), format!("{first}?after={encoded}")], "{cursor:?}");
        let requests = received(&server).await;
        let pairs: Vec<(String, String)> = requests[1].url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        assert_eq!(pairs, [("after".to_owned(), cursor.to_owned())], "{cursor:?}");
    }
}

#[tokio::test]
async fn ids_from_a_response_stay_one_path_segment() {
    // A listing whose ids are hostile, then each id sent back with `get_run_step`.
    let ids = ["../../admin", "a/b?x=1#f", "%2F", "ü 漢", "step_ok", "..", ".", ""];
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(steps_path("t", "r")))
        .respond_with(ok(&page(&ids, false)))
        .mount(&server)
        .await;
    answer_every_get(&server, ok(&step("step_x"))).await;
    let client = client(&server);

    let listed = client.list_run_steps("t", "r").send().await.unwrap_or_else(|e| panic!("{e}"));
    let mut outcomes = Vec::new();
    for listed_step in &listed.data {
        let got = client.get_run_step("t", "r", &listed_step.id).send().await;
        outcomes.push(match got {
            Ok(got) => got.id,
            Err(Error::Validation(v)) if v.param() == "step_id" => format!("refused: {:?}", v.rule()),
            Err(other) => panic!("{:?}: {other:?}", listed_step.id),
        });
    }
    let refused = |rule: Rule| format!("refused: {rule:?}");
    let expected = ["step_x", "step_x", "step_x", "step_x", "step_x"].map(String::from);
    let expected =
        [expected.to_vec(), vec![refused(Rule::DotSegment), refused(Rule::DotSegment), refused(Rule::Empty)]];
    assert_eq!(outcomes, expected.concat());

    // Each id that was sent is one segment under the step listing, with no query.
    let step_path = |segment: &str| format!("{}/{segment}", steps_path("t", "r"));
    let sent = [steps_path("t", "r"), step_path("..%2F..%2Fadmin"), step_path("a%2Fb%3Fx=1%23f")];
    let sent = [sent.to_vec(), vec![step_path("%252F"), step_path("%C3%BC%20%E6%BC%A2"), step_path("step_ok")]];
    assert_eq!(received_targets(&server).await, sent.concat());
}

/// Distinctive enough that finding any part of it anywhere is a leak, not a coincidence.
const SECRET: &str = "sk-test-SECRETSECRET1234";
/// Pieces of [`SECRET`] that no text here holds otherwise: a cut through the key is a leak too.
const PIECES: [&str; 3] = ["sk-test-S", "SECRET", "ET1234"];

/// The page of one step with `field` set to `value`.
fn page_with(field: &str, value: serde_json::Value) -> Vec<u8> {
    let mut body = page(&["step_1"], false);
    body["data"][0][field] = value;
    body.to_string().into_bytes()
}

/// A server that sends the request's `Authorization` header back in every way a response can:
/// which way depends on the request's `limit`.
fn echo(request: &Request) -> Vec<Step> {
    let auth = request.header("authorization").unwrap_or_default().to_owned();
    let echoed = [("x-echo", auth.as_str()), ("www-authenticate", auth.as_str())];
    let limit = request.target().split("limit=").nth(1).unwrap_or_default();
    let json = ("Content-Type", "application/json");
    match limit {
        // An error message that quotes the key, as the real API's 401 does, and echoed headers.
        "1" => {
            let body = json!({"error": {"message": format!("Incorrect API key provided: {auth}"), "type": "invalid_request_error",
                "param": auth, "code": {"key": auth}}});
            vec![Step::Write(response("401 Unauthorized", &[json, echoed[0], echoed[1]], body.to_string().as_bytes()))]
        }
        // A proxy's debug page: the whole request head, not JSON, with the key across the 4 KiB cut.
        "2" => {
            // The cut at 4096 bytes falls 15 bytes into the key (after `Bearer `).
            let padding = "x".repeat(4096 - 15 - "Bearer ".len() - request.head.len() - 1);
            let body = format!("{}\n{padding}{auth}{auth}", request.head);
            vec![Step::Write(response("500 Internal Server Error", &[("Content-Type", "text/plain")], body.as_bytes()))]
        }
        // The key where a number belongs: serde_json quotes it in its message.
        "3" => vec![Step::Write(response("200 OK", &[json], &page_with("created_at", json!(auth))))],
        // The key as a map key whose value is wrong: it is in the JSON path.
        "4" => vec![Step::Write(response("200 OK", &[json], &page_with("metadata", json!({ SECRET: 5 }))))],
        // Keys across both edges of the snippet (the error is at the `!`, 80 bytes either side).
        "5" => {
            let body = format!(
                r#"{{"a": "{}{SECRET}{}", !{}{SECRET}{}"#,
                "x".repeat(10),
                "x".repeat(67),
                "y".repeat(69),
                "z".repeat(100)
            );
            vec![Step::Write(response("200 OK", &[("Content-Type", "text/html; x=a")], body.as_bytes()))]
        }
        // The key in the content type of an HTML page.
        "6" => {
            let content_type = format!("text/html; echo={SECRET}");
            vec![Step::Write(response("200 OK", &[("Content-Type", content_type.as_str())], b"<html>"))]
        }
        // Too large for the client (1 MiB), an echoing header: `BodyTooLarge`.
        "7" => vec![Step::Write(head("200 OK", &[("Content-Length", "99999999"), echoed[0]])), Step::Stall],
        // The key as the start of a body cut short: `Connection`.
        "8" => {
            vec![Step::Write(head("200 OK", &[("Content-Length", "1000"), echoed[0]])), Step::Write(auth.into_bytes())]
        }
        // Headers, then nothing: `Timeout`.
        _ => vec![Step::Write(head("200 OK", &[("Content-Length", "1000"), echoed[0]])), Step::Stall],
    }
}

/// Every kind of error, provoked with [`SECRET`] as the key against a server that echoes it,
/// and the key in none of their texts.
#[tokio::test]
async fn the_api_key_is_in_no_error_even_when_the_server_echoes_it() {
    let server = Loopback::start(echo).await;
    let builder = || server.builder().api_key(SECRET).max_retries(0).max_response_bytes(1 << 20);
    let client = builder().build().unwrap_or_else(|e| panic!("{e}"));
    let call = |limit: i64| client.list_run_steps("t", "r").limit(limit).timeout(Duration::from_millis(300)).send();
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
    let port = port.unwrap_or_else(|e| panic!("cannot bind loopback: {e}"));
    let refused = builder().base_url(format!("http://127.0.0.1:{port}/v1")).build().unwrap_or_else(|e| panic!("{e}"));

    let mut errors: Vec<Error> = Vec::new();
    for limit in 0..=9 {
        errors.extend(call(limit).await.err());
    }
    errors.extend(refused.list_run_steps("t", "r").send().await.err());
    errors.extend(builder().header("x-trace", format!("{SECRET}\n")).build().err());
    errors.extend(builder().api_key(format!("{SECRET}\u{7}")).build().err());
    let kinds: Vec<&str> = errors.iter().map(error_kind).collect();
    let expected =
        "validation api api decode decode decode decode too large connection timeout connection config config";
    assert_eq!(kinds.join(" "), expected);

    // The echo server did send the key back: what follows is masking, not luck.
    assert!(server.heads().iter().all(|h| h.contains(&format!("authorization: Bearer {SECRET}"))));
    // Masked in place, as many `*` as the key has characters.
    let masked = format!("Bearer {}", "*".repeat(SECRET.len()));
    let Error::Api(unauthorized) = &errors[1] else { panic!("{:?}", errors[1]) };
    let body = unauthorized.body.as_ref().map(|b| (b.message.as_str(), b.param.as_deref()));
    assert_eq!(body, Some((format!("Incorrect API key provided: {masked}").as_str(), Some(masked.as_str()))));
    assert_eq!(unauthorized.headers.get("x-echo").map(|v| v.as_bytes()), Some(masked.as_bytes()));
    // Cut at 4 KiB after masking: the part of the key before the cut is masked too.
    let Error::Api(debug_page) = &errors[2] else { panic!("{:?}", errors[2]) };
    assert!(debug_page.raw.ends_with(&format!("Bearer {}…", "*".repeat(15))), "{}", debug_page.raw);
    let Error::Decode(in_path) = &errors[4] else { panic!("{:?}", errors[4]) };
    assert_eq!(in_path.path, format!("data[0].metadata.{}", "*".repeat(SECRET.len())));
    // The snippet's window cuts through a key at each end: both halves masked.
    let Error::Decode(edges) = &errors[5] else { panic!("{:?}", errors[5]) };
    assert!(edges.snippet.starts_with("**********x") && edges.snippet.ends_with("y**********"), "{}", edges.snippet);

    let mut texts = vec![format!("{client:?}"), format!("{:?}", builder()), format!("{:?}", call_debug(&client))];
    for error in &errors {
        texts.extend([format!("{error}"), format!("{error:?}"), format!("{error:#?}")]);
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            texts.push(format!("{cause} / {cause:?}"));
            source = cause.source();
        }
    }
    for text in &texts {
        for piece in PIECES {
            assert!(!text.contains(piece), "a piece of the API key ({piece}) leaked into: {text}");
        }
    }
}

fn call_debug(client: &Client) -> impl std::fmt::Debug {
    client.list_run_steps("t", "r").limit(5)
}
