//! A scripted HTTP/1.1 server on loopback, for the faults wiremock cannot produce: a body cut
//! short, a body that stalls or trickles, a body that never ends, raw header bytes.
//!
//! Each connection carries one request: the server reads the request head, records it, plays
//! the script's steps for that request (its number counts from 0), then closes the
//! connection. Responses should say `Connection: close`, so the client never waits on a
//! connection the server is about to drop; every attempt of the client is one connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openai_run_steps::client::{Client, ClientBuilder};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::{KEY, V1, fast_retries};

/// What the server does, in order, once it has read a request.
pub enum Step {
    /// Writes these bytes.
    Write(Vec<u8>),
    /// Waits, then goes on.
    Pause(Duration),
    /// Writes these bytes again and again until the client goes away.
    Flood(Vec<u8>),
    /// Says nothing more and keeps the connection open until the test ends.
    Stall,
}

/// The request as the server read it: its number (from 0) and its head (request line and
/// headers, as text).
pub struct Request {
    pub index: usize,
    pub head: String,
}

impl Request {
    /// The value of header `name` (case-insensitive), if the request has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// The request target, e.g. `/v1/threads/t/runs/r/steps?after=x`.
    pub fn target(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or_default()
    }
}

type Script = dyn Fn(&Request) -> Vec<Step> + Send + Sync;

#[derive(Default)]
struct Record {
    heads: Mutex<Vec<String>>,
    written: AtomicUsize,
}

/// A running server; it stops with the test's runtime.
pub struct Loopback {
    base_url: String,
    record: Arc<Record>,
}

impl Loopback {
    /// Starts a server answering every request with `script(request)`.
    pub async fn start(script: impl Fn(&Request) -> Vec<Step> + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("cannot bind loopback: {e}"));
        let address = listener.local_addr().unwrap_or_else(|e| panic!("no local address: {e}"));
        let record = Arc::new(Record::default());
        let script: Arc<Script> = Arc::new(script);
        let shared = Arc::clone(&record);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&script), Arc::clone(&shared)));
            }
        });
        Loopback { base_url: format!("http://{address}{V1}"), record }
    }

    /// A builder aimed at this server's `/v1`, with [`KEY`], fast retries and a 10 s timeout.
    pub fn builder(&self) -> ClientBuilder {
        Client::builder()
            .api_key(KEY)
            .base_url(&self.base_url)
            .retry_policy(fast_retries())
            .timeout(Duration::from_secs(10))
    }

    /// [`Loopback::builder`] with a timeout of `timeout`, built.
    pub fn client(&self, timeout: Duration) -> Client {
        self.builder().timeout(timeout).build().unwrap_or_else(|e| panic!("the test client should build: {e}"))
    }

    /// How many requests the server has read: the client's attempts.
    pub fn requests(&self) -> usize {
        self.heads().len()
    }

    /// The heads of the requests read so far, in order.
    pub fn heads(&self) -> Vec<String> {
        self.record.heads.lock().map(|heads| heads.clone()).unwrap_or_default()
    }

    /// How many bytes of responses the server has managed to write in all.
    pub fn bytes_written(&self) -> usize {
        self.record.written.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, script: Arc<Script>, record: Arc<Record>) {
    let Some(head) = read_head(&mut stream).await else { return };
    let index = {
        let Ok(mut heads) = record.heads.lock() else { return };
        heads.push(head.clone());
        heads.len() - 1
    };
    for step in script(&Request { index, head }) {
        match step {
            Step::Write(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                record.written.fetch_add(bytes.len(), Ordering::SeqCst);
            }
            Step::Pause(wait) => tokio::time::sleep(wait).await,
            Step::Flood(bytes) => {
                while stream.write_all(&bytes).await.is_ok() {
                    record.written.fetch_add(bytes.len(), Ordering::SeqCst);
                }
                return;
            }
            Step::Stall => std::future::pending::<()>().await,
        }
    }
    let _ = stream.shutdown().await;
}

/// Reads up to the blank line that ends a request head (a GET has no body).
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buffer = [0; 4096];
    while !head.ends_with(b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buffer[..read]);
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// A response head: the status line (`200 OK`), `Connection: close` and the given headers.
pub fn head(status: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// A whole response: [`head`] with a `Content-Length` matching `body`, then `body`.
pub fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let length = body.len().to_string();
    let mut headers = headers.to_vec();
    headers.push(("Content-Length", &length));
    let mut bytes = head(status, &headers);
    bytes.extend_from_slice(body);
    bytes
}

/// One chunk of a chunked body: its size in hex, the bytes, CRLF.
pub fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
    out
}
