//! Faults on the wire, from a scripted server on loopback ([`super::loopback`]): bodies cut
//! short, stalls, HTML where JSON belongs, bodies that never end, and `retry-after` values no
//! server should send. Each gives a typed error or a bounded number of retries, within a
//! bounded time; none panics or hangs.
//!
//! Every case asserts the error's variant, the number of attempts the server saw, and a
//! generous upper bound on the time taken (never an exact timing: CI's two cores are shared).

use std::time::{Duration, Instant};

use openai_run_steps::client::{Client, Error};

use super::loopback::{Loopback, Step, chunk, head, response};
use super::page;

/// The per-attempt timeout of the stalling cases.
const TIMEOUT: Duration = Duration::from_millis(300);
/// Far more than any case here needs when the client behaves; far less than a hang.
const BOUND: Duration = Duration::from_secs(5);

/// A page of one step as the server's JSON body.
fn page_body() -> Vec<u8> {
    page(&["step_1"], false).to_string().into_bytes()
}

/// Lists once with `client`; returns the result and the time it took.
async fn list(client: &Client) -> (Result<openai_run_steps::CursorPage<openai_run_steps::RunStep>, Error>, Duration) {
    let started = Instant::now();
    let result = client.list_run_steps("t", "r").send().await;
    (result, started.elapsed())
}

#[tokio::test]
async fn a_body_cut_short_of_its_content_length_is_a_connection_error_retried_within_bounds() {
    // `Content-Length: 1000`, 100 bytes, then the connection closes.
    let server = Loopback::start(|_| {
        let mut bytes = head("200 OK", &[("Content-Type", "application/json"), ("Content-Length", "1000")]);
        bytes.extend_from_slice(&page_body()[..100]);
        vec![Step::Write(bytes)]
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    let error = result.err();
    let Some(error @ Error::Connection(_)) = &error else { panic!("expected Error::Connection, got {error:?}") };
    // A GET is safe to repeat, and the official SDKs retry a broken connection: the first
    // attempt and max_retries (2) retries, no more.
    assert_eq!(server.requests(), 3);
    assert!(took < BOUND, "took {took:?}");
    let text = error.to_string();
    assert!(text.starts_with("connection failed: ") && text.contains("body"), "{text}");

    // With retries off, one attempt.
    let (result, _) = list(&server.builder().max_retries(0).build().unwrap_or_else(|e| panic!("{e}"))).await;
    assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
    assert_eq!(server.requests(), 4);
}

#[tokio::test]
async fn a_body_cut_short_once_is_retried_and_the_retry_succeeds() {
    let body = page_body();
    let server = Loopback::start(move |request| {
        if request.index == 0 {
            let length = body.len().to_string();
            let mut bytes = head("200 OK", &[("Content-Length", &length)]);
            bytes.extend_from_slice(&body[..body.len() / 2]);
            vec![Step::Write(bytes)]
        } else {
            vec![Step::Write(response("200 OK", &[("Content-Type", "application/json")], &body))]
        }
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    let listed = result.unwrap_or_else(|e| panic!("the retry should succeed: {e}"));
    assert_eq!(super::ids(&listed.data), ["step_1"]);
    assert_eq!(server.requests(), 2);
    assert!(took < BOUND, "took {took:?}");
}

#[tokio::test]
async fn a_chunked_body_closed_before_its_last_chunk_is_a_connection_error() {
    let server = Loopback::start(|_| {
        let body = page_body();
        let mut bytes = head("200 OK", &[("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]);
        bytes.extend(chunk(&body[..40]));
        bytes.extend(chunk(&body[40..80]));
        // No `0\r\n\r\n`: the connection just closes.
        vec![Step::Write(bytes)]
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
    assert_eq!(server.requests(), 3);
    assert!(took < BOUND, "took {took:?}");
}

#[tokio::test]
async fn truncated_json_with_a_matching_length_is_a_decode_error_with_a_position_not_retried() {
    let body = page_body();
    let cut = body.len() / 3;
    let server = Loopback::start(move |_| {
        vec![Step::Write(response("200 OK", &[("Content-Type", "application/json")], &body[..cut]))]
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    let Err(Error::Decode(decode)) = &result else { panic!("expected Error::Decode, got {result:?}") };
    assert!(decode.message.contains("EOF while parsing"), "{}", decode.message);
    assert!(decode.message.ends_with(&format!("at line 1 column {cut}")), "{}", decode.message);
    assert!(decode.path.starts_with("data[0]"), "{}", decode.path);
    // The same bytes would come again: not retried.
    assert_eq!(server.requests(), 1);
    assert!(took < BOUND, "took {took:?}");
}

/// Lists with a [`TIMEOUT`] per attempt and the default 2 retries; expects `Error::Timeout`
/// after three attempts, each of which waited out the timeout.
async fn three_timeouts(server: &Loopback) {
    let (result, took) = list(&server.client(TIMEOUT)).await;
    let error = result.err();
    assert!(matches!(error, Some(Error::Timeout(_))), "{error:?}");
    assert_eq!(server.requests(), 3);
    // At least three timeouts (timers never fire early); well under a hang.
    assert!(took >= TIMEOUT * 3 && took < BOUND, "took {took:?}");
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(text.starts_with("timed out: "), "{text}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_per_attempt() {
    let server = Loopback::start(|_| vec![Step::Stall]).await;
    three_timeouts(&server).await;
}

#[tokio::test]
async fn a_body_that_stalls_after_the_headers_times_out_per_attempt() {
    // The timeout covers the whole response, the body included, not just the wait for headers.
    let server = Loopback::start(|_| {
        let body = page_body();
        let length = body.len().to_string();
        let mut bytes = head("200 OK", &[("Content-Type", "application/json"), ("Content-Length", &length)]);
        bytes.extend_from_slice(&body[..10]);
        vec![Step::Write(bytes), Step::Stall]
    })
    .await;
    three_timeouts(&server).await;
}

#[tokio::test]
async fn a_body_that_trickles_times_out_even_though_every_read_makes_progress() {
    // A byte every 20 ms: a per-read timeout would never fire; the per-attempt one does.
    let server = Loopback::start(|_| {
        let mut steps = vec![Step::Write(head("200 OK", &[("Transfer-Encoding", "chunked")]))];
        for _ in 0..1000 {
            steps.push(Step::Write(chunk(b" ")));
            steps.push(Step::Pause(Duration::from_millis(20)));
        }
        steps
    })
    .await;
    three_timeouts(&server).await;
}

#[tokio::test]
async fn an_error_status_whose_body_stalls_is_an_api_error_retried_by_its_status() {
    // The status is known once the headers are in: a 503 is retried and a 400 is not,
    // whatever happens to the body afterwards.
    for (status, attempts) in [("503 Service Unavailable", 3), ("400 Bad Request", 1)] {
        let server = Loopback::start(move |_| {
            let bytes = head(status, &[("Content-Type", "application/json"), ("Content-Length", "500")]);
            vec![Step::Write(bytes), Step::Write(br#"{"error": {"message": "ove"#.to_vec()), Step::Stall]
        })
        .await;
        let (result, took) = list(&server.client(TIMEOUT)).await;
        let Err(Error::Api(api)) = &result else { panic!("{status}: expected Error::Api, got {result:?}") };
        assert_eq!(api.status.as_str(), &status[..3]);
        // What arrived is kept, marked as cut; it is not the API's error shape.
        assert_eq!((api.body.as_ref(), api.raw.as_str()), (None, r#"{"error": {"message": "ove…"#));
        assert_eq!(server.requests(), attempts, "{status}");
        assert!(took >= TIMEOUT * attempts as u32 && took < BOUND, "{status}: took {took:?}");
    }
}

#[tokio::test]
async fn an_html_page_with_200_is_a_short_decode_error_naming_the_content_type() {
    // A captive portal or misrouted proxy: 200, and a large HTML page.
    let html = format!(
        "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n<body>{}</body></html>",
        "<p>x</p>\n".repeat(10_000)
    );
    let server = Loopback::start(move |_| {
        vec![Step::Write(response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], html.as_bytes()))]
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    let Err(error @ Error::Decode(decode)) = &result else { panic!("expected Error::Decode, got {result:?}") };
    assert_eq!((decode.path.as_str(), decode.status.as_u16()), (".", 200));
    assert_eq!(decode.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert!(
        decode.snippet.starts_with("<!DOCTYPE html> <html>") && decode.snippet.len() <= 160,
        "{:?}",
        decode.snippet
    );
    let text = error.to_string();
    assert!(text.contains("the content type is `text/html; charset=utf-8`, not JSON"), "{text}");
    // Short and on one line, however large the page.
    assert!(text.len() < 400 && !text.contains('\n'), "{} bytes: {text}", text.len());
    assert_eq!(server.requests(), 1);
    assert!(took < BOUND, "took {took:?}");
}

#[tokio::test]
async fn a_proxys_502_html_page_is_an_api_error_retried_and_kept_bounded() {
    let html =
        format!("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>{}</body></html>", "x".repeat(100_000));
    let server = Loopback::start(move |request| {
        let id = format!("req_{}", request.index + 1);
        let headers = [("Content-Type", "text/html"), ("x-request-id", id.as_str())];
        vec![Step::Write(response("502 Bad Gateway", &headers, html.as_bytes()))]
    })
    .await;
    let (result, took) = list(&server.client(Duration::from_secs(10))).await;
    let Err(error @ Error::Api(api)) = &result else { panic!("expected Error::Api, got {result:?}") };
    assert_eq!((api.status.as_u16(), api.body.as_ref()), (502, None));
    // The last attempt's error.
    assert_eq!(api.request_id.as_deref(), Some("req_3"));
    assert!(api.raw.starts_with("<html>\n<head><title>502") && api.raw.ends_with('…'), "{}", &api.raw[..40]);
    assert!(api.raw.len() <= 4096 + '…'.len_utf8(), "{}", api.raw.len());
    let text = error.to_string();
    assert!(text.starts_with("the API answered 502 Bad Gateway: <html> <head><title>502 Bad Gateway"), "{text}");
    assert!(text.len() < 1200 && !text.contains('\n'), "{} bytes", text.len());
    assert_eq!(server.requests(), 3);
    assert!(took < BOUND, "took {took:?}");
}

/// A client of `server` accepting bodies up to 1 MiB.
fn one_mib_client(server: &Loopback) -> Client {
    let builder = server.builder().max_response_bytes(1 << 20).timeout(Duration::from_secs(10));
    builder.build().unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_before_reading() {
    // Headers announce 2 MiB and no body byte ever comes: only a client that decides on the
    // header alone returns at once; one that reads would wait out its 10 s timeout.
    let server = Loopback::start(|_| {
        let headers = [("Content-Type", "application/json"), ("Content-Length", "2097152"), ("x-request-id", "req_cl")];
        vec![Step::Write(head("200 OK", &headers)), Step::Stall]
    })
    .await;
    let (result, took) = list(&one_mib_client(&server)).await;
    let Err(Error::BodyTooLarge { limit, status, request_id }) = &result else {
        panic!("expected Error::BodyTooLarge, got {result:?}")
    };
    assert_eq!((*limit, status.as_u16(), request_id.as_deref()), (1 << 20, 200, Some("req_cl")));
    // Not retried: it would be as large again.
    assert_eq!(server.requests(), 1);
    assert!(took < BOUND, "took {took:?}");
}

#[tokio::test]
async fn a_chunked_body_that_never_ends_is_cut_off_at_the_limit() {
    // No length, and 64 KiB chunks forever: the client must stop reading at 1 MiB.
    let server = Loopback::start(|_| {
        let headers = [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")];
        vec![Step::Write(head("200 OK", &headers)), Step::Write(chunk(b"[")), Step::Flood(chunk(&[b' '; 65_536]))]
    })
    .await;
    let (result, took) = list(&one_mib_client(&server)).await;
    assert!(matches!(result, Err(Error::BodyTooLarge { limit: 1_048_576, .. })), "{result:?}");
    assert_eq!(server.requests(), 1);
    assert!(took < BOUND, "took {took:?}");
    // What the server got out is the limit plus what the sockets buffer, not a flood.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let written = server.bytes_written();
    assert!(written < 64 << 20, "the server wrote {written} bytes");
}

#[tokio::test]
async fn an_endless_error_body_is_read_only_as_far_as_an_error_needs() {
    // A 503 whose body never ends: an `Error::Api` from its beginning, retried by status, and
    // each attempt stops reading long before the 1 MiB limit of the client.
    let server = Loopback::start(|_| {
        let headers = [("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")];
        vec![Step::Write(head("503 Service Unavailable", &headers)), Step::Flood(chunk(&[b'z'; 4096]))]
    })
    .await;
    let (result, took) = list(&one_mib_client(&server)).await;
    let Err(Error::Api(api)) = &result else { panic!("expected Error::Api, got {result:?}") };
    assert_eq!(api.status.as_u16(), 503);
    assert!(api.raw.starts_with("zzzz") && api.raw.ends_with('…'), "{}", &api.raw[..10]);
    assert_eq!(server.requests(), 3);
    assert!(took < BOUND, "took {took:?}");
}

#[tokio::test]
async fn a_server_that_always_fails_gets_exactly_max_retries_plus_one_attempts() {
    for status in ["429 Too Many Requests", "500 Internal Server Error"] {
        let server = Loopback::start(move |request| {
            let id = format!("req_{}", request.index + 1);
            let body = format!(r#"{{"error": {{"message": "attempt {}", "type": "x"}}}}"#, request.index + 1);
            vec![Step::Write(response(status, &[("x-request-id", id.as_str())], body.as_bytes()))]
        })
        .await;
        for (retries, attempts) in [(2, 3), (0, 1), (5, 6)] {
            let before = server.requests();
            let client = server.builder().max_retries(retries).build().unwrap_or_else(|e| panic!("{e}"));
            let (result, took) = list(&client).await;
            let Err(Error::Api(api)) = &result else { panic!("{status}: expected Error::Api, got {result:?}") };
            assert_eq!(server.requests() - before, attempts, "{status}, {retries} retries");
            // The last attempt's error is the one returned.
            let last = before + attempts;
            assert_eq!(api.request_id.as_deref(), Some(format!("req_{last}").as_str()));
            assert_eq!(api.body.as_ref().map(|b| b.message.clone()), Some(format!("attempt {last}")));
            assert!(took < BOUND, "took {took:?}");
        }
    }
}

#[tokio::test]
async fn hostile_retry_after_values_give_bounded_waits_and_bounded_attempts() {
    let past = "Wed, 21 Oct 2015 07:28:00 GMT";
    let future = "Fri, 31 Dec 9999 23:59:59 GMT";
    let cases: &[(&str, &str)] = &[
        ("retry-after", "-5"),
        ("retry-after", "-1"),
        ("retry-after", "-0"),
        ("retry-after", "99999999999999999999"),
        ("retry-after", "18446744073709551616"),
        ("retry-after", "1e309"),
        ("retry-after", "-1e309"),
        ("retry-after", "NaN"),
        ("retry-after", "inf"),
        ("retry-after", "-inf"),
        ("retry-after", "abc"),
        ("retry-after", ""),
        ("retry-after", "5 s"),
        ("retry-after", "0x10"),
        ("retry-after", past),
        ("retry-after", future),
        ("retry-after", "Mon, 99 Foo 2024 99:99:99 GMT"),
        ("retry-after-ms", "-100"),
        ("retry-after-ms", "1e309"),
        ("retry-after-ms", "NaN"),
        ("retry-after-ms", "99999999999999999999999"),
        ("retry-after-ms", "ten"),
        ("retry-after", "\u{ff}\u{fe}"),
    ];
    for &(name, value) in cases {
        let server = Loopback::start(move |_| {
            vec![Step::Write(response("429 Too Many Requests", &[(name, value)], b"slow down"))]
        })
        .await;
        // A policy whose backoff is milliseconds: any wait of seconds came from the header.
        let (result, took) = list(&server.client(Duration::from_secs(10))).await;
        let Err(Error::Api(api)) = &result else { panic!("{name}: {value:?}: expected Error::Api, got {result:?}") };
        assert_eq!(api.status.as_u16(), 429);
        assert_eq!(server.requests(), 3, "{name}: {value:?}");
        assert!(took < Duration::from_secs(2), "{name}: {value:?}: took {took:?}");
    }
}
