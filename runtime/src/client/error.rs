//! What can go wrong when the client sends a request, one variant per kind of failure.
//!
//! No error ever holds the API key: it lives only in a sensitive header value, which
//! neither these types nor reqwest's errors print; and what an error keeps from a response
//! has the key masked, in case the server sent it back (see `redact.rs`).

use std::fmt;

use http::{HeaderMap, StatusCode};

use super::redact::Secrets;
use crate::Api;
use crate::request::ValidationError;

/// The most bytes of a body an error keeps, so a huge HTML page does not end up in logs.
const MAX_KEPT_BODY: usize = 4096;
/// Bytes of body shown on each side of a decode error's position.
const SNIPPET_CONTEXT: usize = 80;
/// The most characters of a message from the body (serde_json quotes the offending value).
const MAX_MESSAGE: usize = 1024;
/// The most characters of a `Content-Type` kept in a decode error.
const MAX_CONTENT_TYPE: usize = 100;

/// Why a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A parameter breaks the spec's rules. Nothing was sent.
    Validation(ValidationError),
    /// The client is not set up to send: no API key, an invalid base URL or header.
    /// Nothing was sent.
    Config(ConfigError),
    /// The server answered with a status other than 2xx (after any retries).
    Api(Box<ApiError>),
    /// A 2xx response whose body is not what the spec describes.
    Decode(Box<DecodeError>),
    /// No complete response within the timeout (after any retries).
    Timeout(TransportError),
    /// The connection could not be made or broke (after any retries).
    Connection(TransportError),
    /// A 2xx response body is larger than the client accepts
    /// ([`crate::client::ClientBuilder::max_response_bytes`]). Not retried. (Of an error
    /// response only the beginning is read: it is an [`Error::Api`] whatever its size.)
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// The response's status.
        status: StatusCode,
        /// The response's request id (its `x-request-id`, or the header the spec names), if
        /// it had one.
        request_id: Option<String>,
    },
}

impl Error {
    /// The HTTP status, for errors that got a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response's request id (its `x-request-id`, or the header the spec names), for
    /// errors that got a response with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::BodyTooLarge { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "request not sent: {e}"),
            Error::Config(e) => write!(f, "invalid client configuration: {e}"),
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Connection(e) => write!(f, "connection failed: {e}"),
            Error::BodyTooLarge { limit, request_id, .. } => {
                write!(f, "the response body is larger than the limit of {limit} bytes")?;
                request_id_suffix(f, request_id.as_deref())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Timeout(e) | Error::Connection(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Error::Validation(error)
    }
}

fn request_id_suffix(f: &mut fmt::Formatter<'_>, request_id: Option<&str>) -> fmt::Result {
    match request_id {
        Some(id) => write!(f, " (request id {id})"),
        None => Ok(()),
    }
}

/// A client setting that cannot work; the message names the setting, never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub(crate) String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A non-2xx response.
///
/// Every text it keeps of the response has the client's credentials masked. A generated
/// crate whose spec names its API's error type decodes the body into it (the type's
/// `from_error`; or [`ApiError::decode_body`] with any type).
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The error's message, for people: the string the spec says the body keeps it in
    /// (`error.message` unless the spec says otherwise), when the body has it there.
    pub message: Option<String>,
    /// The error the body describes, when it has the `{"error": {"message": ...}}` shape of
    /// OpenAI's API (and many others), whatever the API's spec says.
    pub body: Option<ApiErrorBody>,
    /// The body as text (lossy UTF-8), at most 4 KiB of it; `…` at the end when the body
    /// was longer or did not arrive whole.
    pub raw: String,
    /// The response's request id: its `x-request-id` header, or the first of the headers the
    /// spec names.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
}

/// The `error` object of an error response in OpenAI's shape, `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct ApiErrorBody {
    /// What went wrong, for people.
    pub message: String,
    /// The kind of error, e.g. `invalid_request_error`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The parameter at fault, if one is.
    #[serde(default)]
    pub param: Option<String>,
    /// A machine-readable code, e.g. `rate_limit_exceeded`; any JSON the server sends.
    #[serde(default)]
    pub code: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct Envelope {
    error: ApiErrorBody,
}

impl ApiError {
    /// `body` is what was read of the response body; `complete` whether that is all of it.
    pub(crate) fn new(
        api: &Api,
        status: StatusCode,
        mut headers: HeaderMap,
        body: &[u8],
        complete: bool,
        secrets: &Secrets,
    ) -> Self {
        let body = secrets.mask(body);
        secrets.mask_headers(&mut headers);
        let parsed = serde_json::from_slice::<Envelope>(&body).ok().map(|e| e.error);
        ApiError {
            status,
            message: message(&body, api.error_message),
            body: parsed,
            raw: bounded_text(&body, complete),
            request_id: request_id(&headers, api).map(str::to_owned),
            headers,
        }
    }

    /// The body decoded as `T`, e.g. the error type the API's spec names; `None` when it is
    /// not one, or not whole: the error keeps at most 4 KiB of it. The credentials in it are
    /// masked, as everywhere in an error.
    pub fn decode_body<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(&self.raw).ok()
    }
}

/// The string at `path` in the JSON `body`, if there is one there.
fn message(body: &[u8], path: &[&str]) -> Option<String> {
    if path.is_empty() {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let found = path.iter().try_fold(&value, |value, key| value.get(key))?;
    found.as_str().map(str::to_owned)
}

impl fmt::Display for ApiError {
    /// The status, then the message where the body has one (where the spec says), else the
    /// body itself, on one line and cut at 1,024 characters; then the request id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        match &self.message {
            Some(message) => write!(f, ": {}", one_line(&bounded_chars(message)))?,
            None if self.raw.trim().is_empty() => {}
            None => write!(f, ": {}", one_line(&bounded_chars(&self.raw)))?,
        }
        request_id_suffix(f, self.request_id.as_deref())
    }
}

impl std::error::Error for ApiError {}

/// A 2xx body that does not decode as the spec's response type.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// Where in the JSON the decoding failed, e.g. `data[3].step_details.type`; `.` for the root.
    pub path: String,
    /// What was wrong there, with line and column (at most 1,024 characters).
    pub message: String,
    /// The body around the failure, at most 160 bytes of it.
    pub snippet: String,
    /// The response's `Content-Type` (at most 100 characters), e.g. `text/html` from a proxy
    /// or captive portal; the body is decoded as JSON whatever it says.
    pub content_type: Option<String>,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response's request id: its `x-request-id` header, or the first of the headers the
    /// spec names.
    pub request_id: Option<String>,
}

impl DecodeError {
    pub(crate) fn new(
        api: &Api,
        path: &str,
        error: &serde_json::Error,
        body: &[u8],
        status: StatusCode,
        headers: &HeaderMap,
        secrets: &Secrets,
    ) -> Self {
        let content_type = headers.get(http::header::CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()));
        DecodeError {
            // A map key in the path and a value quoted in the message come from the body.
            path: secrets.mask_str(path),
            message: bounded_chars(&secrets.mask_str(&error.to_string())),
            snippet: snippet(body, error.line(), error.column(), secrets),
            content_type: content_type.map(|t| one_line(&bounded_chars_to(&secrets.mask_str(&t), MAX_CONTENT_TYPE))),
            status,
            request_id: request_id(headers, api).map(str::to_owned),
        }
    }

    /// Whether the response said its body is something other than JSON.
    fn is_not_json(&self) -> bool {
        self.content_type.as_deref().is_some_and(|t| {
            let media = t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            !(media.ends_with("/json") || media.ends_with("+json"))
        })
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body does not match the spec at `{}`: {}", self.path, self.message)?;
        if self.is_not_json() {
            write!(f, "; the content type is `{}`, not JSON", self.content_type.as_deref().unwrap_or_default())?;
        }
        request_id_suffix(f, self.request_id.as_deref())?;
        if !self.snippet.is_empty() {
            write!(f, "; near: {}", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// A failure below HTTP: connecting, sending, or receiving.
#[derive(Debug)]
pub struct TransportError(pub(crate) reqwest::Error);

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // reqwest's message, then its causes: "error sending request" alone says little.
        write!(f, "{}", self.0)?;
        let mut source = std::error::Error::source(&self.0);
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl TransportError {
    /// Whether trying again could help: not for a request reqwest could not build, nor for
    /// a redirect loop, which would fail the same way.
    pub(crate) fn is_transient(&self) -> bool {
        !(self.0.is_builder() || self.0.is_redirect())
    }
}

impl std::error::Error for TransportError {}

/// The value of the first of `api`'s request-id headers that `headers` has (as text).
pub(crate) fn request_id<'h>(headers: &'h HeaderMap, api: &Api) -> Option<&'h str> {
    api.request_id_headers.iter().find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}

/// At most [`MAX_MESSAGE`] characters, with `…` where it was cut.
fn bounded_chars(text: &str) -> String {
    bounded_chars_to(text, MAX_MESSAGE)
}

fn bounded_chars_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// At most [`MAX_KEPT_BODY`] bytes of `body` as text, with `…` where it was cut (or where the
/// body broke off, when it is not `complete`).
fn bounded_text(body: &[u8], complete: bool) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(MAX_KEPT_BODY)]).into_owned();
    if body.len() > MAX_KEPT_BODY || !complete { format!("{text}…") } else { text }
}

/// Control characters (newlines included) would break a log line: shown as spaces.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Up to 80 bytes either side of line `line`, column `column` (1-based, as serde_json counts),
/// secrets masked.
fn snippet(body: &[u8], line: usize, column: usize, secrets: &Secrets) -> String {
    let offset: usize = body
        .split(|&b| b == b'\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum::<usize>()
        .saturating_add(column.saturating_sub(1));
    let offset = offset.min(body.len());
    let start = offset.saturating_sub(SNIPPET_CONTEXT);
    let end = offset.saturating_add(SNIPPET_CONTEXT).min(body.len());
    // Masked with a margin, then cut: a secret across the snippet's edge is masked too.
    let margin = secrets.longest();
    let (wide_start, wide_end) = (start.saturating_sub(margin), end.saturating_add(margin).min(body.len()));
    let masked = secrets.mask(&body[wide_start..wide_end]);
    one_line(&String::from_utf8_lossy(&masked[start - wide_start..end - wide_start]))
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    const fn api(request_id_headers: &'static [&'static str], error_message: &'static [&'static str]) -> Api {
        Api {
            user_agent: "test/0",
            base_url: "https://api.example.com",
            base_url_env: None,
            auth: crate::Auth::None,
            headers: &[],
            env_headers: &[],
            request_id_headers,
            error_message,
        }
    }

    static OPENAI: Api = api(&["x-request-id"], &["error", "message"]);
    static OTHER: Api = api(&["Request-Id", "x-amzn-requestid"], &["problem", "detail"]);
    static NO_MESSAGE: Api = api(&[], &[]);

    fn error(api: &Api, headers: &[(&'static str, &'static str)], body: &str) -> ApiError {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        ApiError::new(api, StatusCode::BAD_REQUEST, map, body.as_bytes(), true, &Secrets::default())
    }

    #[test]
    fn the_request_id_is_the_first_of_the_apis_headers_present() {
        let headers = [("x-request-id", "req_openai"), ("request-id", "req_other"), ("x-amzn-requestid", "req_amzn")];
        assert_eq!(error(&OPENAI, &headers, "").request_id.as_deref(), Some("req_openai"));
        // Names are matched whatever their case in the spec; the first listed wins.
        assert_eq!(error(&OTHER, &headers, "").request_id.as_deref(), Some("req_other"));
        assert_eq!(error(&OTHER, &headers[2..], "").request_id.as_deref(), Some("req_amzn"));
        assert_eq!(error(&OTHER, &headers[..1], "").request_id, None);
        assert_eq!(error(&NO_MESSAGE, &headers, "").request_id, None);
    }

    #[test]
    fn the_message_is_read_where_the_api_keeps_it() {
        let openai = r#"{"error": {"message": "Bad limit", "type": "invalid_request_error"}}"#;
        let other = r#"{"problem": {"detail": "No shelf", "code": "not_found"}}"#;
        let e = error(&OPENAI, &[], openai);
        assert_eq!(
            (e.message.as_deref(), e.to_string().as_str()),
            (Some("Bad limit"), "the API answered 400 Bad Request: Bad limit")
        );
        assert_eq!(e.body.map(|b| b.kind), Some(Some("invalid_request_error".to_owned())));
        let e = error(&OTHER, &[], other);
        assert_eq!((e.message.as_deref(), e.body.as_ref()), (Some("No shelf"), None));
        // Not at the path, not a string there, not JSON, or no path: the body is shown.
        for (api, body) in
            [(&OTHER, openai), (&OTHER, r#"{"problem": {"detail": 5}}"#), (&OTHER, "<html>"), (&NO_MESSAGE, other)]
        {
            let e = error(api, &[], body);
            assert_eq!(e.message, None, "{body}");
            assert_eq!(e.to_string(), format!("the API answered 400 Bad Request: {body}"));
        }
    }

    #[test]
    fn a_body_cut_short_does_not_decode() {
        let mut e = error(&OTHER, &[], r#"{"problem": {"detail": "x"}}"#);
        assert!(e.decode_body::<serde_json::Value>().is_some());
        e = ApiError::new(
            &OTHER,
            StatusCode::BAD_REQUEST,
            HeaderMap::new(),
            br#"{"a": 1}"#,
            false,
            &Secrets::default(),
        );
        assert_eq!(e.raw, r#"{"a": 1}…"#);
        assert_eq!(e.decode_body::<serde_json::Value>(), None);
    }
}
