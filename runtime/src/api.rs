//! What a generated crate tells the runtime about its API: one `&'static` description, the
//! crate's `API` constant, that every operation and client of the crate refers to.

/// An API as its spec describes it: where it lives, how it authenticates, the headers that
/// go with every request, and how its responses name their request and describe an error.
///
/// Generated crates define one as their `API` constant; nothing else passes information from
/// a generated crate to the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Api {
    /// The `User-Agent` the client sends: the generated crate's package name and version.
    pub user_agent: &'static str,
    /// The base URL every operation's path is appended to, without a trailing `/`.
    pub base_url: &'static str,
    /// The environment variable that overrides [`Api::base_url`], if the spec names one.
    pub base_url_env: Option<&'static str>,
    /// How requests authenticate.
    pub auth: Auth,
    /// Sent with every request, as (name, value).
    pub headers: &'static [(&'static str, &'static str)],
    /// Sent when the environment variable is set and the header was not given in code, as
    /// (header, variable).
    pub env_headers: &'static [(&'static str, &'static str)],
    /// The response headers that carry the request id, in order of preference: the first
    /// one present is the id of errors and the client's `ApiResponse`s.
    /// The spec's default is `["x-request-id"]`.
    pub request_id_headers: &'static [&'static str],
    /// Where the message of an error response is in its JSON body: the keys of the nested
    /// objects leading to a string, e.g. `["error", "message"]` (the spec's default, OpenAI's
    /// shape); empty when the spec names none, and then an error shows its body instead.
    pub error_message: &'static [&'static str],
}

/// How an API authenticates its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    None,
    /// `Authorization: Bearer <key>`; building a client without a key is an error.
    Bearer {
        /// The environment variable the key is read from, if the spec names one.
        env: Option<&'static str>,
    },
    /// The key alone as the value of a header of the API's choosing (e.g. `x-api-key`);
    /// building a client without a key is an error.
    ApiKey {
        /// The header the key is sent in.
        header: &'static str,
        /// The environment variable the key is read from, if the spec names one.
        env: Option<&'static str>,
    },
}

impl Auth {
    /// The header the credentials go in, for the schemes that send one.
    pub fn header(&self) -> Option<&'static str> {
        match self {
            Auth::None => None,
            Auth::Bearer { .. } => Some("authorization"),
            Auth::ApiKey { header, .. } => Some(header),
        }
    }
}
