//! The typed surface each generated crate gives its API: a `Client`, a `ClientBuilder` and a
//! `Call` of its own, thin wrappers of this module's types, defined by one macro call.
//!
//! They exist because of the orphan rule: a generated crate may add inherent methods (one per
//! operation on `Client`, one per optional parameter on `Call`) only to types it defines. The
//! macro writes the wrappers once, here, so that no generated crate repeats them.

#[cfg(doc)]
use crate::Api;

/// Defines `Client`, `ClientBuilder` and `Call` for the API `$api` (the path of an [`Api`]
/// constant, e.g. `crate::API`) in the module that invokes it, and re-exports the shared error and response types beside them.
///
/// The generated crate then adds its operations' methods to `Client` and their setters to
/// `Call`, and its API's own settings (the key, named headers) to `ClientBuilder`, which it
/// may do through the private field `inner`.
#[doc(hidden)]
#[macro_export]
macro_rules! __api_client {
    ($api:path) => {
        pub use $crate::client::{
            ApiError, ApiErrorBody, ApiResponse, ConfigError, DecodeError, Error, ResultStream, RetryPolicy,
            TransportError,
        };

        /// Sends this API's requests: one method per operation, each returning a [`Call`] to
        /// set its optional parameters on and send.
        ///
        /// Cheap to clone: clones share one connection pool, which clients of other APIs can
        /// share too ([`Client::http_client`], [`ClientBuilder::http_client`]).
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: $crate::client::Client,
        }

        impl Client {
            /// A client configured from the environment (the variables this crate's constants
            /// name) and the defaults otherwise.
            pub fn from_env() -> Result<Self, Error> {
                Self::builder().build()
            }

            /// A builder, to set the base URL, headers, timeout and retries in code.
            pub fn builder() -> ClientBuilder {
                ClientBuilder { inner: $crate::client::ClientBuilder::new(&$api) }
            }

            /// A call of any operation of this API, e.g. one built without the shorthand
            /// methods.
            pub fn call<Op: ApiOperation>(&self, operation: Op) -> Call<Op> {
                Call { inner: self.inner.call(operation) }
            }

            /// The base URL every path is appended to.
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }

            /// The HTTP client, and with it the connection pool, this client sends with: give
            /// it to another API's `ClientBuilder::http_client` to share the pool.
            pub fn http_client(&self) -> &$crate::client::reqwest::Client {
                self.inner.http_client()
            }
        }

        impl AsRef<$crate::client::Client> for Client {
            fn as_ref(&self) -> &$crate::client::Client {
                &self.inner
            }
        }

        /// An operation of this API: every request builder of this crate is one, and
        /// [`Client::call`] takes nothing else, so that one API's client cannot be handed
        /// another API's operation.
        pub trait ApiOperation: $crate::request::Operation {}

        /// Configures a [`Client`]. Everything not set comes from the environment or the
        /// defaults.
        #[derive(Debug)]
        pub struct ClientBuilder {
            inner: $crate::client::ClientBuilder,
        }

        impl ClientBuilder {
            /// The base URL, instead of the environment's or the spec's, e.g.
            /// `http://127.0.0.1:8080/v1`.
            pub fn base_url(self, url: impl Into<String>) -> Self {
                Self { inner: self.inner.base_url(url) }
            }

            /// A header sent with every request; it replaces a header of the same name that
            /// the spec gives every request or one operation. The header the API's key goes in
            /// (`Authorization`, or the one the spec names) set here replaces the API key.
            pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
                Self { inner: self.inner.header(name, value) }
            }

            /// The timeout of each attempt, from connecting to the end of the body. Default:
            /// 10 minutes.
            pub fn timeout(self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.timeout(timeout) }
            }

            /// Retries after the first attempt. Default: 2; 0 turns retrying off.
            pub fn max_retries(self, retries: u32) -> Self {
                Self { inner: self.inner.max_retries(retries) }
            }

            /// The whole retry policy: count, backoff bounds and the cap on server-requested
            /// waits.
            pub fn retry_policy(self, policy: RetryPolicy) -> Self {
                Self { inner: self.inner.retry_policy(policy) }
            }

            /// The largest response body accepted, in bytes. Default: 256 MiB. A larger 2xx
            /// body is [`Error::BodyTooLarge`]; of an error response, at most 64 KiB (or this
            /// limit, if lower) is read into its [`Error::Api`].
            pub fn max_response_bytes(self, limit: usize) -> Self {
                Self { inner: self.inner.max_response_bytes(limit) }
            }

            /// A reqwest client of your own (proxies, certificates, pool settings), or another
            /// API client's ([`Client::http_client`]) to share its connection pool. Requests
            /// ask for gzip- or deflate-compressed responses: keep reqwest's decompression on.
            pub fn http_client(self, client: $crate::client::reqwest::Client) -> Self {
                Self { inner: self.inner.http_client(client) }
            }

            /// The client, or an [`Error::Config`] naming the setting that cannot work (such as
            /// a missing API key).
            pub fn build(self) -> Result<Client, Error> {
                Ok(Client { inner: self.inner.build()? })
            }
        }

        /// An operation ready to send with a [`Client`]: set its parameters with the
        /// operation's setters, then [`send`](Call::send) it, or stream a paginated listing
        /// with [`items`](Call::items) or [`pages`](Call::pages).
        ///
        /// Validation happens before any I/O: a parameter that breaks the spec's rules gives
        /// [`Error::Validation`] and nothing is sent.
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until it is sent"]
        pub struct Call<Op> {
            inner: $crate::client::Call<Op>,
        }

        impl<Op: $crate::request::Operation> Call<Op> {
            /// Changes the request, e.g. `call.map(|request| request.limit(10))`; the setters
            /// of `Call` do this for each parameter.
            pub fn map(self, change: impl FnOnce(Op) -> Op) -> Self {
                Self { inner: self.inner.map(change) }
            }

            /// The timeout of each attempt of this call, instead of the client's.
            pub fn timeout(self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.timeout(timeout) }
            }

            /// Retries after the first attempt for this call, instead of the client's.
            pub fn max_retries(self, retries: u32) -> Self {
                Self { inner: self.inner.max_retries(retries) }
            }

            /// A header sent with every request of this call (each retry, and each page of a
            /// listing), e.g. an `Idempotency-Key`, replacing any other of that name; an
            /// invalid one fails the call with `Error::Config` before any request.
            pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
                Self { inner: self.inner.header(name, value) }
            }

            /// The operation with its parameters, e.g. to build an `http::Request` from it.
            pub fn operation(&self) -> &Op {
                self.inner.operation()
            }

            /// Sends the request (retrying as the client's policy says) and decodes the body.
            pub async fn send(self) -> Result<Op::Response, Error> {
                self.inner.send().await
            }

            /// As [`send`](Call::send), keeping the response's status and headers.
            pub async fn send_with_response(self) -> Result<ApiResponse<Op::Response>, Error> {
                self.inner.send_with_response().await
            }
        }

        impl<Op: $crate::request::Paginated> Call<Op> {
            /// Stops [`items`](Call::items) after `n` items, however many each page holds
            /// (the `limit` parameter, where the API has one, is the page size).
            pub fn max_items(self, n: usize) -> Self {
                Self { inner: self.inner.max_items(n) }
            }

            /// Every item of every page, fetching the next page when the last is used up,
            /// while the API says more follow. Ends after the first error, which is the last
            /// element.
            pub fn items(self) -> $crate::client::ResultStream<Op::Item> {
                self.inner.items()
            }

            /// Every page, each one decoded whole, while the API says more follow. Ends after
            /// the first error, which is the last element.
            pub fn pages(self) -> $crate::client::ResultStream<Op::Response> {
                self.inner.pages()
            }
        }

        impl<Op> From<Call<Op>> for $crate::client::Call<Op> {
            fn from(call: Call<Op>) -> Self {
                call.inner
            }
        }
    };
}
