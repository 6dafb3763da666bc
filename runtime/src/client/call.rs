//! One call of an operation: validation, the retry loop, decoding, and pagination.

use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use super::error::{ApiError, DecodeError, Error, TransportError, request_id};
use super::retry::should_retry;
use super::{Client, Inner};
use crate::request::{Operation, Paginated, ResponseBody};

/// An operation ready to send with a [`Client`]: change its parameters with
/// [`map`](Call::map), then [`send`](Call::send) it, or stream a paginated listing with
/// [`items`](Call::items) or [`pages`](Call::pages). Generated crates wrap it in a `Call` of
/// their own, with a setter per parameter.
///
/// Validation happens before any I/O: a parameter that breaks the spec's rules gives
/// [`Error::Validation`] and nothing is sent.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is sent"]
pub struct Call<Op> {
    client: Client,
    operation: Op,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    max_items: Option<usize>,
    headers: CallHeaders,
}

/// Headers set on one call, as given; `Debug` shows their names only (a value may be a
/// credential).
#[derive(Clone, Default)]
struct CallHeaders(Vec<(String, String)>);

impl std::fmt::Debug for CallHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(name, _)| name)).finish()
    }
}

impl CallHeaders {
    /// Parsed, credentials marked sensitive; an invalid name or value is a configuration error.
    fn parse(&self, api: &crate::Api) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.0 {
            let invalid = |what: &str| Error::Config(super::ConfigError(format!("{what} of call header `{name}`")));
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("invalid name"))?;
            let mut value = HeaderValue::from_str(value).map_err(|_| invalid("invalid value"))?;
            value.set_sensitive(super::is_credential(api, &header));
            headers.insert(header, value);
        }
        Ok(headers)
    }
}

/// The items or pages of a paginated listing, as a stream: each element is one item (or page),
/// or the error that ended the listing.
pub type ResultStream<T> = BoxStream<'static, Result<T, Error>>;

/// A successful response: the decoded body with the status and headers it came with.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    /// The HTTP status (2xx).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response's request id: its `x-request-id` header, or the first of the headers the
    /// API's spec names.
    pub request_id: Option<String>,
    /// The decoded body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// The request id, to quote when reporting a problem to the API's provider: the
    /// response's `x-request-id` header, or the first of the headers the API's spec names.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The decoded body alone.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<Op: Operation> Call<Op> {
    pub(crate) fn new(client: &Client, operation: Op) -> Self {
        let headers = CallHeaders::default();
        Call { client: client.clone(), operation, timeout: None, max_retries: None, max_items: None, headers }
    }

    /// Changes the request, e.g. `call.map(|request| request.limit(10))`; the setters of
    /// `Call` do this for each parameter.
    pub fn map(mut self, change: impl FnOnce(Op) -> Op) -> Self {
        self.operation = change(self.operation);
        self
    }

    /// The timeout of each attempt of this call, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A header sent with every request of this call (each retry, and each page of a
    /// listing), e.g. an `Idempotency-Key`; it replaces any other header of that name, the
    /// client's and the spec's included. An invalid name or value makes sending fail with
    /// [`Error::Config`], before any request. Credentials belong on the client, whose
    /// credentials errors mask; one set here is sent as sensitive but not masked.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.0.push((name.into(), value.into()));
        self
    }

    /// Retries after the first attempt for this call, instead of the client's.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The operation with its parameters, e.g. to build an [`http::Request`] from it.
    pub fn operation(&self) -> &Op {
        &self.operation
    }

    /// Sends the request (retrying as the client's policy says) and decodes the body.
    pub async fn send(self) -> Result<Op::Response, Error> {
        Ok(self.send_with_response().await?.body)
    }

    /// As [`send`](Call::send), keeping the response's status and headers.
    pub async fn send_with_response(self) -> Result<ApiResponse<Op::Response>, Error> {
        let inner = &self.client.inner;
        let url = format!("{}{}", inner.base_url, self.operation.path_and_query()?);
        let body = self.operation.json_body()?;
        let call_headers = self.headers.parse(inner.api)?;
        let timeout = self.timeout.unwrap_or(inner.timeout);
        let max_retries = self.max_retries.unwrap_or(inner.retry.max_retries);
        let mut retry = 0;
        loop {
            let request = Request {
                method: Op::METHOD,
                headers: Op::HEADERS,
                call_headers: &call_headers,
                url: &url,
                body: body.as_deref(),
                timeout,
                response_body: Op::RESPONSE_BODY,
            };
            let error = match attempt::<Op::Response>(inner, &request).await {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            let retry_headers = match &error {
                Error::Api(api) if should_retry(api.status, &api.headers) => Some(Some(&api.headers)),
                Error::Timeout(_) => Some(None),
                Error::Connection(e) if e.is_transient() => Some(None),
                _ => None,
            };
            match retry_headers {
                Some(headers) if retry < max_retries => {
                    tokio::time::sleep(inner.retry.delay(retry, headers)).await;
                    retry += 1;
                }
                _ => return Err(error),
            }
        }
    }
}

impl<Op: Paginated> Call<Op> {
    /// Stops [`items`](Call::items) after `n` items, however many each page holds
    /// (the `limit` parameter, where the API has one, is the page size).
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// Every item of every page, fetching the next page when the last is used up, while the
    /// API says more follow. Ends after the first error, which is the last element.
    pub fn items(self) -> ResultStream<Op::Item> {
        let remaining = self.max_items;
        let state = (Some(self), Vec::new().into_iter(), remaining);
        futures_util::stream::unfold(state, |(mut next, mut buffer, remaining)| async move {
            loop {
                if remaining == Some(0) {
                    return None;
                }
                if let Some(item) = buffer.next() {
                    return Some((Ok(item), (next, buffer, remaining.map(|n| n - 1))));
                }
                let call = next.take()?;
                match call.next_page().await {
                    Ok((page, following)) => {
                        next = following;
                        buffer = Op::into_items(page).into_iter();
                    }
                    Err(error) => return Some((Err(error), (None, buffer, remaining))),
                }
            }
        })
        .boxed()
    }

    /// Every page, each one decoded whole, while the API says more follow.
    /// Ends after the first error, which is the last element.
    pub fn pages(self) -> ResultStream<Op::Response> {
        futures_util::stream::unfold(Some(self), |next| async move {
            let call = next?;
            match call.next_page().await {
                Ok((page, following)) => Some((Ok(page), following)),
                Err(error) => Some((Err(error), None)),
            }
        })
        .boxed()
    }

    /// This page, and the call for the one after it, if there is one.
    async fn next_page(self) -> Result<(Op::Response, Option<Self>), Error> {
        let page = self.clone().send().await?;
        let following = self.operation.next_page(&page).map(|operation| Call { operation, ..self });
        Ok((page, following))
    }
}

/// How much of an error response's body is read: the error keeps 4 KiB of it, and the API's
/// `{"error": {...}}` is far smaller.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The client's headers with the operation's own: each replaces a header of its name that
/// the spec gives every request, not one chosen in code or the environment.
fn request_headers(inner: &Inner, operation: &[(&str, &str)]) -> HeaderMap {
    let mut headers = inner.headers.clone();
    for (name, value) in operation {
        // The generator checked the spec's headers; one that still fails to parse is skipped
        // rather than turned into an error no caller could fix.
        let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) else {
            continue;
        };
        if !inner.chosen.contains(&name) {
            headers.insert(name, value);
        }
    }
    headers
}

/// What every attempt of one call sends.
struct Request<'a> {
    method: http::Method,
    /// The operation's own headers.
    headers: &'a [(&'a str, &'a str)],
    /// The headers set on the call, which replace all others.
    call_headers: &'a HeaderMap,
    url: &'a str,
    /// The JSON body, sent with `Content-Type: application/json`.
    body: Option<&'a [u8]>,
    timeout: Duration,
    /// [`Operation::RESPONSE_BODY`](crate::request::Operation::RESPONSE_BODY).
    response_body: ResponseBody,
}

/// One attempt: send, read the body within the size limit, decode or describe the failure.
async fn attempt<T: serde::de::DeserializeOwned>(inner: &Inner, sent: &Request<'_>) -> Result<ApiResponse<T>, Error> {
    let mut headers = request_headers(inner, sent.headers);
    for (name, value) in sent.call_headers {
        headers.insert(name, value.clone());
    }
    let mut request = inner.http.request(sent.method.clone(), sent.url).headers(headers).timeout(sent.timeout);
    if let Some(body) = sent.body {
        request = request
            .header(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"))
            .body(body.to_vec());
    }
    let mut response = request.send().await.map_err(transport)?;
    let status = response.status();
    let headers = response.headers().clone();
    if !status.is_success() {
        // The status decides what the error is and whether it is retried, whatever becomes of
        // the body: only its beginning is read, and a body that breaks off or stalls (until
        // the timeout) leaves what arrived.
        let (body, end) = read_body(&mut response, inner.max_response_bytes.min(MAX_ERROR_BODY)).await;
        let complete = matches!(end, BodyEnd::Complete);
        return Err(Error::Api(Box::new(ApiError::new(inner.api, status, headers, &body, complete, &inner.secrets))));
    }
    if sent.response_body == ResponseBody::None {
        // `()` from `null`: a body the spec says is not there is not read, and a stray one
        // cannot fail the call.
        let body = T::deserialize(serde_json::Value::Null).map_err(|e| {
            Error::Decode(Box::new(DecodeError::new(inner.api, ".", &e, &[], status, &headers, &inner.secrets)))
        })?;
        let request_id = request_id(&headers, inner.api).map(str::to_owned);
        return Ok(ApiResponse { status, headers, request_id, body });
    }
    let too_large = || Error::BodyTooLarge {
        limit: inner.max_response_bytes,
        status,
        request_id: request_id(&headers, inner.api).map(str::to_owned),
    };
    if response.content_length().is_some_and(|n| n > inner.max_response_bytes as u64) {
        return Err(too_large());
    }
    let body = match read_body(&mut response, inner.max_response_bytes).await {
        (body, BodyEnd::Complete) => body,
        (_, BodyEnd::OverLimit) => return Err(too_large()),
        // Cut short or stalled: a transport failure (retried), not a body to decode.
        (_, BodyEnd::Failed(error)) => return Err(transport(error)),
    };
    let decoded = match sent.response_body {
        // `Bytes` from the body as it came: nothing to decode, so nothing can fail but the type.
        ResponseBody::Binary => T::deserialize(serde::de::value::BytesDeserializer::<serde_json::Error>::new(&body))
            .map_err(|e| (".".to_owned(), e)),
        _ => decode_json(&body),
    };
    match decoded {
        Ok(body) => {
            let request_id = request_id(&headers, inner.api).map(str::to_owned);
            Ok(ApiResponse { status, headers, request_id, body })
        }
        Err((path, error)) => Err(Error::Decode(Box::new(DecodeError::new(
            inner.api,
            &path,
            &error,
            &body,
            status,
            &headers,
            &inner.secrets,
        )))),
    }
}

/// The JSON body decoded, or the path where decoding stopped and why.
fn decode_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, (String, serde_json::Error)> {
    let mut json = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut json)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        // Text after the value is a broken body too.
        .and_then(|value| json.end().map(|()| value).map_err(|e| (".".to_owned(), e)))
}

/// Why [`read_body`] stopped.
enum BodyEnd {
    /// At the end of the body.
    Complete,
    /// At `limit` bytes, with more to come; the connection is dropped unread.
    OverLimit,
    /// The connection broke, or the timeout ran out.
    Failed(reqwest::Error),
}

/// Reads the body up to `limit` bytes: what arrived (at most `limit` bytes) and why it stopped.
async fn read_body(response: &mut reqwest::Response, limit: usize) -> (Vec<u8>, BodyEnd) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, BodyEnd::OverLimit);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, BodyEnd::Complete),
            Err(error) => return (body, BodyEnd::Failed(error)),
        }
    }
}

fn transport(error: reqwest::Error) -> Error {
    if error.is_timeout() { Error::Timeout(TransportError(error)) } else { Error::Connection(TransportError(error)) }
}
