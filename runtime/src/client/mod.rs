//! An async client on reqwest (rustls, no system OpenSSL) that sends the generated
//! operations: configuration, retries, typed errors and pagination.
//!
//! These types serve every API. Each generated crate wraps them in a `Client`,
//! `ClientBuilder` and `Call` of its own (written by a hidden macro of this crate), to which
//! its operations add a method each and their parameter setters; the errors and the retry
//! policy are these, shared by every API in a program.
//!
//! The client logs nothing itself (no `log` or `tracing` calls). reqwest and hyper-util log
//! connections, pools and proxies at `debug`/`trace` level, never header values, unless a
//! client of your own
//! ([`ClientBuilder::http_client`]) turns on its `connection_verbose`, which logs the raw
//! bytes of every request at `trace` level, the API key included.

mod call;
mod error;
mod redact;
mod retry;
mod surface;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};

pub use call::{ApiResponse, Call, ResultStream};
pub use error::{ApiError, ApiErrorBody, ConfigError, DecodeError, Error, TransportError};
/// The HTTP client the API clients send with; give yours to `ClientBuilder::http_client`
/// (same major version) to choose proxies, certificates or pool settings.
pub use reqwest;
pub use retry::RetryPolicy;

use crate::{Api, Auth};

/// The default timeout of one attempt, as the official SDKs have it: 10 minutes.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
/// The default limit on a response body: far above any page the API sends.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 256 * 1024 * 1024;

/// Sends requests to an API. Cheap to clone: clones share one connection pool.
///
/// Generated crates wrap it in a `Client` of their own, whose methods send that API's
/// operations; clients of several APIs can share one connection pool
/// ([`Client::http_client`], [`ClientBuilder::http_client`]).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    api: &'static Api,
    http: reqwest::Client,
    base_url: String,
    /// The spec's default headers, the caller's extra headers and the (sensitive) credentials.
    headers: HeaderMap,
    /// The headers set in code or from the environment rather than by the spec: an
    /// operation's own headers do not replace these.
    chosen: Vec<HeaderName>,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    /// The credentials among the headers, masked in what errors keep of a response.
    secrets: redact::Secrets,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values are left out: one of them is the API key.
        let names: Vec<&str> = self.inner.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("headers", &names)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A call of any operation.
    pub fn call<Op: crate::request::Operation>(&self, operation: Op) -> Call<Op> {
        Call::new(self, operation)
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The HTTP client, and with it the connection pool, this client sends with: give it to
    /// another API's `ClientBuilder::http_client` so that both share the pool.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }
}

/// An API key: kept out of `Debug` output and sent as a sensitive header.
#[derive(Clone)]
struct ApiKey(String);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Configures a [`Client`] of one API. Everything not set comes from the environment or the
/// defaults.
pub struct ClientBuilder {
    api: &'static Api,
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    max_response_bytes: Option<usize>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values and the key are left out: any of them may be a credential.
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.base_url)
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Header names whose values are credentials: sent as sensitive (kept out of HTTP/2
/// header compression tables and of reqwest's debug output). The header of `api`'s scheme is
/// one whatever its name.
fn is_credential(api: &Api, name: &HeaderName) -> bool {
    let name = name.as_str();
    name == "authorization"
        || name == "proxy-authorization"
        || name.contains("key")
        || name.contains("token")
        || api.auth.header().is_some_and(|header| name.eq_ignore_ascii_case(header))
}

impl ClientBuilder {
    /// A builder for a client of `api`, with nothing set.
    pub fn new(api: &'static Api) -> Self {
        ClientBuilder {
            api,
            api_key: None,
            base_url: None,
            headers: Vec::new(),
            timeout: None,
            retry: RetryPolicy::default(),
            max_response_bytes: None,
            http: None,
        }
    }

    /// The API key, instead of the environment's.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey(key.into()));
        self
    }

    /// The base URL, instead of the environment's or the spec's, e.g. `http://127.0.0.1:8080/v1`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// A header sent with every request; it replaces a default header of the same name, and
    /// an operation's own header of that name. The header of the API's credentials
    /// (`Authorization`, or the API's key header) set here replaces the API key.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The timeout of each attempt, from connecting to the end of the body. Default: 10 minutes.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt. Default: 2; 0 turns retrying off.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The whole retry policy: count, backoff bounds and the cap on server-requested waits.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body accepted, in bytes. Default: 256 MiB. A larger 2xx body is
    /// [`Error::BodyTooLarge`]; of an error response, at most 64 KiB (or this limit, if lower)
    /// is read into its [`Error::Api`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// A reqwest client of your own (proxies, certificates, connection pool settings), or
    /// another API client's ([`Client::http_client`]) to share its connection pool. Requests
    /// ask for gzip- or deflate-compressed responses: keep reqwest's decompression on.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or a [`Error::Config`] naming the setting that cannot work.
    pub fn build(self) -> Result<Client, Error> {
        let api = self.api;
        let base_url =
            self.base_url.clone().or_else(|| env(api.base_url_env)).unwrap_or_else(|| api.base_url.to_owned());
        let base_url = base_url.trim_end_matches('/').to_owned();
        if !crate::request::is_base_url(&base_url) {
            return Err(config(format!(
                "the base URL `{base_url}` is not an absolute http(s) URL without query or fragment"
            )));
        }
        let (mut headers, chosen) = self.headers()?;
        if let Some((name, value)) = self.credentials(&headers)? {
            headers.insert(name, value);
        }
        let mut secrets = redact::Secrets::default();
        for value in headers.values().filter(|v| v.is_sensitive()) {
            secrets.add(value.as_bytes());
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| config(format!("the HTTP client could not be set up: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                api,
                http,
                base_url,
                headers,
                chosen,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                retry: self.retry,
                max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                secrets,
            }),
        })
    }

    /// Every header but the credentials: the client's own, the spec's defaults, those set
    /// from the environment, then the caller's, each replacing an earlier one of its name;
    /// and the names of those set from the environment or in code.
    fn headers(&self) -> Result<(HeaderMap, Vec<HeaderName>), Error> {
        let api = self.api;
        let mut headers = HeaderMap::new();
        headers.insert(http::header::ACCEPT, HeaderValue::from_static("application/json"));
        // Written out rather than left to reqwest (`gzip,deflate`): byte for byte what
        // openai-python sends. reqwest still decompresses whatever comes back in either.
        headers.insert(http::header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
        let user_agent = HeaderValue::from_str(api.user_agent)
            .map_err(|_| config(format!("the user agent `{}` is not a valid header value", api.user_agent)))?;
        headers.insert(http::header::USER_AGENT, user_agent);
        let defaults = api.headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned()));
        let given = |header: &str| self.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case(header));
        let from_env: Vec<(String, String)> = api
            .env_headers
            .iter()
            .filter(|(header, _)| !given(header))
            .filter_map(|(header, var)| env(Some(var)).map(|value| ((*header).to_owned(), value)))
            .collect();
        let spec_defaults = api.headers.len();
        let mut chosen = Vec::new();
        for (i, (name, value)) in defaults.chain(from_env).chain(self.headers.iter().cloned()).enumerate() {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| config(format!("`{name}` is not a valid header name")))?;
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| config(format!("the value of header `{name}` is not valid")))?;
            value.set_sensitive(is_credential(api, &header));
            if i >= spec_defaults {
                chosen.push(header.clone());
            }
            headers.insert(header, value);
        }
        Ok((headers, chosen))
    }

    /// The header the API's scheme asks for, if any, with its (sensitive) value; none when
    /// `headers` (set in code) has it already. An error when the key it needs is missing, or
    /// when a key was given to an API that takes none.
    fn credentials(&self, headers: &HeaderMap) -> Result<Option<(HeaderName, HeaderValue)>, Error> {
        let (header, key_env, prefix) = match self.api.auth {
            Auth::Bearer { env } => (http::header::AUTHORIZATION, env, "Bearer "),
            Auth::ApiKey { header, env } => {
                let name = HeaderName::from_bytes(header.as_bytes())
                    .map_err(|_| config(format!("the API key header `{header}` is not a valid header name")))?;
                (name, env, "")
            }
            // A key that would be dropped is a mistake worth hearing about before any request.
            Auth::None if self.api_key.is_some() => {
                return Err(config("this API takes no API key, but one was given".to_owned()));
            }
            Auth::None => return Ok(None),
        };
        // A caller who sets the credential header themselves has chosen their credentials.
        if headers.contains_key(&header) {
            return Ok(None);
        }
        let key = self.api_key.clone().or_else(|| env(key_env).map(ApiKey)).ok_or_else(|| {
            config(match key_env {
                Some(var) => format!("no API key: set {var} or call ClientBuilder::api_key"),
                None => "no API key: call ClientBuilder::api_key".to_owned(),
            })
        })?;
        let mut value = HeaderValue::from_str(&format!("{prefix}{}", key.0))
            .map_err(|_| config("the API key contains characters a header cannot carry".to_owned()))?;
        value.set_sensitive(true);
        Ok(Some((header, value)))
    }
}

/// The value of an environment variable, when the variable is named, set and not blank.
fn env(name: Option<&str>) -> Option<String> {
    name.and_then(|n| std::env::var(n).ok()).filter(|v| !v.trim().is_empty())
}

fn config(message: String) -> Error {
    Error::Config(ConfigError(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn api(auth: Auth) -> Api {
        Api {
            user_agent: "test/0",
            base_url: "https://api.example.com/v1",
            base_url_env: None,
            auth,
            headers: &[],
            env_headers: &[],
            request_id_headers: &["x-request-id"],
            error_message: &["error", "message"],
        }
    }

    static OPEN: Api = api(Auth::None);
    static KEYED: Api = api(Auth::Bearer { env: Some("TYPED_API_RUNTIME_TEST_KEY_THAT_IS_NEVER_SET") });
    static HEADER_KEYED: Api = api(Auth::ApiKey { header: "X-Library-Pass", env: None });

    fn config_message(result: Result<Client, Error>) -> String {
        match result {
            Err(Error::Config(error)) => error.to_string(),
            other => panic!("expected a configuration error, got {other:?}"),
        }
    }

    #[test]
    fn a_key_for_an_api_that_takes_none_is_refused_not_dropped() {
        let message = config_message(ClientBuilder::new(&OPEN).api_key("sk-unused-key").build());
        assert!(message.contains("takes no API key"), "{message}");
        assert!(ClientBuilder::new(&OPEN).build().is_ok());
    }

    #[test]
    fn a_missing_key_names_its_variable_before_any_request() {
        let message = config_message(ClientBuilder::new(&KEYED).build());
        assert!(message.contains("TYPED_API_RUNTIME_TEST_KEY_THAT_IS_NEVER_SET"), "{message}");
        // Credentials chosen by the caller stand in for the key.
        assert!(ClientBuilder::new(&KEYED).header("Authorization", "Basic dXNlcjpwYXNz").build().is_ok());
    }

    #[test]
    fn a_key_header_carries_the_key_alone_as_a_sensitive_value() {
        let message = config_message(ClientBuilder::new(&HEADER_KEYED).build());
        assert_eq!(message, "no API key: call ClientBuilder::api_key");
        let client = ClientBuilder::new(&HEADER_KEYED).api_key("sk-header-key-1").build();
        let client = client.unwrap_or_else(|e| panic!("{e}"));
        let value = client.inner.headers.get("x-library-pass");
        assert_eq!(value.map(HeaderValue::as_bytes), Some(&b"sk-header-key-1"[..]));
        assert!(value.is_some_and(HeaderValue::is_sensitive));
        assert!(!client.inner.headers.contains_key(http::header::AUTHORIZATION));
        // The key header set in code, whatever its case, stands in for the key; it is a
        // credential by the scheme, though its name says neither `key` nor `token`.
        let client = ClientBuilder::new(&HEADER_KEYED).header("x-LIBRARY-pass", "sk-from-code-1").build();
        let client = client.unwrap_or_else(|e| panic!("{e}"));
        assert!(client.inner.headers.get("x-library-pass").is_some_and(HeaderValue::is_sensitive));
        assert_eq!(client.inner.secrets.longest(), "sk-from-code-1".len());
    }

    #[test]
    fn requests_ask_for_compressed_responses_as_openai_python_does() {
        let client = ClientBuilder::new(&KEYED).api_key("sk-test-key-1234").build();
        let client = client.unwrap_or_else(|e| panic!("{e}"));
        let value = client.inner.headers.get(http::header::ACCEPT_ENCODING);
        assert_eq!(value.map(HeaderValue::as_bytes), Some(&b"gzip, deflate"[..]));
    }
}
