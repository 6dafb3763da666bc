//! What every API gets from the one runtime crate: compressed responses asked for and decoded
//! as the official SDKs do, error types shared between APIs, and one connection pool that the
//! clients of several APIs can share.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use flate2::Compression;
use flate2::write::{GzEncoder, ZlibEncoder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::{MockServer, ResponseTemplate};

use super::{KEY, V1, answer_every_get, builder, client, error_kind, ids, page, received};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_else(|e| panic!("gzip: {e}"))
}

/// HTTP's `deflate` is the zlib format (RFC 9110, 8.4.1.2), not a bare deflate stream.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_else(|e| panic!("deflate: {e}"))
}

fn encoded(body: Vec<u8>, encoding: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json")
        .insert_header("content-encoding", encoding)
        .set_body_raw(body, "application/json")
}

#[tokio::test]
async fn responses_are_asked_for_compressed_as_openai_python_does_and_decoded() {
    let body = page(&["step_1", "step_2"], false).to_string();
    for (encoding, compressed) in [("gzip", gzip(body.as_bytes())), ("deflate", deflate(body.as_bytes()))] {
        let server = MockServer::start().await;
        answer_every_get(&server, encoded(compressed, encoding)).await;
        let listed = client(&server).list_run_steps("t", "r").send().await;
        let listed = listed.unwrap_or_else(|e| panic!("a {encoding} page decodes: {e}"));
        assert_eq!(ids(&listed.data), ["step_1", "step_2"], "{encoding}");
        let requests = received(&server).await;
        let accept = requests[0].headers.get("accept-encoding").and_then(|v| v.to_str().ok());
        assert_eq!(accept, Some("gzip, deflate"), "{encoding}");
    }
}

/// A small compressed body may stand for a huge one: the limit is on what it decompresses to.
#[tokio::test]
async fn the_body_limit_counts_decompressed_bytes() {
    let mut body = page(&["step_1"], false).to_string().into_bytes();
    body.splice(1..1, std::iter::repeat_n(b' ', 4 * 1024 * 1024));
    let compressed = gzip(&body);
    assert!(compressed.len() < 64 * 1024, "{} bytes compressed", compressed.len());
    let server = MockServer::start().await;
    answer_every_get(&server, encoded(compressed, "gzip")).await;
    let client = builder(&server).max_response_bytes(1024 * 1024).build().unwrap_or_else(|e| panic!("{e}"));
    let error = client.list_run_steps("t", "r").send().await.err();
    assert_eq!(error.as_ref().map(error_kind), Some("too large"), "{error:?}");
}

/// Both APIs' clients return the runtime's one error type: code handling the errors of one
/// handles the other's.
#[test]
fn every_api_shares_the_runtimes_error_types() {
    fn same(error: openai_run_steps::client::Error) -> bookshelf::client::Error {
        error
    }
    let _: fn(_) -> typed_api_runtime::client::Error = same;
}

/// A keep-alive HTTP/1.1 server that answers every request with `body` and counts the
/// connections it accepts.
async fn counting_server(body: String) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("cannot bind loopback: {e}"));
    let address = listener.local_addr().unwrap_or_else(|e| panic!("no local address: {e}"));
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let body = body.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while stream.read(&mut byte).await.is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                    if head.ends_with(b"\r\n\r\n") {
                        head.clear();
                        let response = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    (format!("http://{address}"), accepted)
}

#[tokio::test]
async fn clients_of_two_apis_can_share_one_connection_pool() {
    // One body both decode: a page of run steps, which the bookshelf's `Book` listing is not,
    // so the bookshelf call's result is not looked at; its request is what counts.
    let (base, accepted) = counting_server(page(&["step_1"], false).to_string()).await;
    let openai = openai_run_steps::client::Client::builder()
        .api_key(KEY)
        .base_url(format!("{base}{V1}"))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let shelf = |http: Option<&typed_api_runtime::client::reqwest::Client>| {
        let builder = bookshelf::client::Client::builder().api_key(KEY).base_url(&base);
        match http {
            Some(http) => builder.http_client(http.clone()),
            None => builder,
        }
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let sharing = shelf(Some(openai.http_client()));
    for _ in 0..2 {
        assert!(openai.list_run_steps("t", "r").send().await.is_ok());
        let _ = sharing.get_book("s", "b", "first").send().await;
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "four requests of two APIs over one connection");
    let apart = shelf(None);
    let _ = apart.get_book("s", "b", "first").send().await;
    assert_eq!(accepted.load(Ordering::SeqCst), 2, "a client of its own opens a connection of its own");
}
