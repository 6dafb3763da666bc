//! Requests without a transport: what every generated operation builder implements, the
//! checks it runs before anything is sent, and the exact bytes of its path and query.
//!
//! With only this module (no `client` feature), an operation turns into an
//! [`http::Request`] for any HTTP stack.
//!
//! Wire format, as the official OpenAI SDKs send it:
//! - Path parameters are percent-encoded as one segment: everything but letters, digits
//!   and `-._~!$&'()*+,;=:@` is escaped, so `/`, `?`, `#` and `%` cannot change the route;
//!   a value that is empty, `.` or `..` is refused (it would name another resource).
//! - Query values are form-encoded: letters, digits and `-._~` as they are, space as `+`,
//!   every other byte of the UTF-8 as `%XX`. Unset parameters are left out; a list sends
//!   its name once per element (`include%5B%5D=a&include%5B%5D=b`), in order.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Api;
pub use crate::validate::{JsonPath, Location, Validate};

/// What a path segment may carry unescaped: RFC 3986 `pchar` minus `%` (so an escape in the
/// value is sent as the literal text it is), the same set the official Node SDK uses.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// What a form-encoded query name or value may carry unescaped (Python's `urlencode`).
const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What a successful response's body is, as the spec says ([`Operation::RESPONSE_BODY`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseBody {
    /// JSON, decoded into [`Operation::Response`].
    Json,
    /// None: [`Operation::Response`] is `()`, and a body that arrives anyway is not read (the
    /// official SDKs return nothing either).
    None,
    /// Bytes, handed over as they came (after `Content-Encoding` is undone):
    /// [`Operation::Response`] is [`Bytes`](crate::Bytes).
    Binary,
}

/// One HTTP operation of the API: a request builder generated from the spec.
///
/// The generated builders implement it; the `client` feature sends them, and
/// [`Operation::http_request`] hands them to any other HTTP stack.
pub trait Operation: Clone + Send + Sync + 'static {
    /// The decoded body of a successful response.
    type Response: serde::de::DeserializeOwned + Send + 'static;

    /// The spec's id of the operation, e.g. `listRunSteps`.
    const ID: &'static str;

    /// The API the operation belongs to: its base URL, credentials and default headers.
    const API: &'static Api;

    /// The HTTP method.
    const METHOD: http::Method;

    /// Headers sent with this operation only, as (name, value), e.g. a beta flag: each
    /// replaces the API's header of its name ([`Api::headers`]), but not one the caller set
    /// on the client.
    const HEADERS: &'static [(&'static str, &'static str)] = &[];

    /// What a successful response's body is: JSON (the default), none, or bytes.
    const RESPONSE_BODY: ResponseBody = ResponseBody::Json;

    /// Checks every parameter against the spec's rules; the first one broken is the error.
    fn validate(&self) -> Result<(), ValidationError>;

    /// Appends the path, its parameters percent-encoded, to `out`. Call after
    /// [`Operation::validate`]: the segments are not checked again.
    fn write_path(&self, out: &mut String);

    /// Adds the query parameters that are set, in the spec's order.
    fn write_query(&self, query: &mut Query);

    /// The JSON body, for an operation that sends one: exactly the fields that are set, as
    /// compact UTF-8 JSON (what the official SDKs send). Call after [`Operation::validate`].
    fn json_body(&self) -> Result<Option<Vec<u8>>, ValidationError> {
        Ok(None)
    }

    /// The path and query, e.g. `/threads/t/runs/r/steps?limit=20`, after validation.
    fn path_and_query(&self) -> Result<String, ValidationError> {
        self.validate()?;
        let mut out = String::new();
        self.write_path(&mut out);
        let mut query = Query::default();
        self.write_query(&mut query);
        if !query.is_empty() {
            out.push('?');
            out.push_str(query.as_str());
        }
        Ok(out)
    }

    /// The request under `base_url` (e.g. the generated crate's `BASE_URL`), with the spec's
    /// default headers, the operation's own ([`Operation::HEADERS`]), `Accept: application/json`
    /// and the JSON body, if the operation has one (with `Content-Type: application/json`;
    /// otherwise the body is empty); no credentials, which are the caller's to add.
    fn http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, ValidationError> {
        if !is_base_url(base_url) {
            return Err(ValidationError::new("base_url", Rule::Url));
        }
        let uri = format!("{}{}", base_url.trim_end_matches('/'), self.path_and_query()?);
        let uri = http::Uri::try_from(uri).map_err(|_| ValidationError::new("base_url", Rule::Url))?;
        let body = self.json_body()?;
        let json = body.is_some();
        let mut request = http::Request::new(body.unwrap_or_default());
        *request.method_mut() = Self::METHOD;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
        if json {
            headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
        }
        for (name, value) in Self::API.headers.iter().chain(Self::HEADERS) {
            // The generator checked the spec's headers; one that still fails to parse is skipped
            // rather than turned into a panic.
            if let (Ok(name), Ok(value)) =
                (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value))
            {
                headers.insert(name, value);
            }
        }
        Ok(request)
    }
}

/// An operation whose response is one page of a longer list, with what it takes to ask for
/// the next: a cursor (forwards, or backwards for a listing started with the backward
/// cursor), a page number, or a next-page token.
pub trait Paginated: Operation {
    /// One element of a page.
    type Item: Send + 'static;

    /// The request for the page after `page`, or `None` when `page` is the last one
    /// (no more pages, an empty page, or a cursor or token that is missing or the one this
    /// request already sent). Every other parameter is kept.
    fn next_page(&self, page: &Self::Response) -> Option<Self>;

    /// The elements of a page, in order.
    fn into_items(page: Self::Response) -> Vec<Self::Item>;
}

/// An absolute `http(s)` URL with a host and neither query nor fragment, so that a path
/// appended to it stays the path (`http::Uri` would silently drop a `#...`).
pub(crate) fn is_base_url(url: &str) -> bool {
    !url.contains(['#', '?'])
        && http::Uri::try_from(url)
            .is_ok_and(|uri| matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some())
}

/// A form-encoded query string under construction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(String);

impl Query {
    /// Appends `name=value`, both form-encoded.
    pub fn push(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        form_encode(name, &mut self.0);
        self.0.push('=');
        form_encode(value, &mut self.0);
    }

    /// Appends `name=value` with the value's `Display` text (numbers, booleans, enums).
    pub fn push_display(&mut self, name: &str, value: &impl fmt::Display) {
        self.push(name, &value.to_string());
    }

    /// Appends `name[key]=value`, all form-encoded: one entry of a map or one field of an
    /// object (OpenAPI's deepObject; the official SDKs' nested query format).
    pub fn push_keyed(&mut self, name: &str, key: &str, value: &str) {
        self.push(&format!("{name}[{key}]"), value);
    }

    /// The encoded text, without a leading `?`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether no parameter was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn form_encode(text: &str, out: &mut String) {
    for piece in utf8_percent_encode(text, QUERY_COMPONENT) {
        // Escaped bytes come one `%XX` piece each; form encoding writes a space as `+`.
        out.push_str(if piece == "%20" { "+" } else { piece });
    }
}

/// `body` as compact UTF-8 JSON, the body of [`Operation::json_body`].
pub fn json_body<T: serde::Serialize>(body: &T) -> Result<Option<Vec<u8>>, ValidationError> {
    // Generated models always encode (string keys, no failing `Serialize`); an error would be
    // a bug, reported rather than sent as a broken body.
    serde_json::to_vec(body)
        .map(Some)
        .map_err(|error| ValidationError::new("body", Rule::Encode { message: error.to_string() }))
}

/// Appends `value` as one percent-encoded path segment (checked by [`check::path_segment`]).
pub fn push_path_segment(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, PATH_SEGMENT));
}

/// A parameter, or a value in the body, that breaks a rule of the spec. Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    param: Cow<'static, str>,
    rule: Rule,
}

/// The rule a [`ValidationError`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A path parameter is empty.
    Empty,
    /// A path parameter is `.` or `..`, which a server would resolve to another route.
    DotSegment,
    /// NaN or infinite, which no API takes as a number.
    NotFinite {
        /// The value given.
        value: String,
    },
    /// Below the spec's `minimum`.
    Minimum {
        /// The minimum, as the spec states it.
        minimum: String,
        /// The value given.
        value: String,
    },
    /// Above the spec's `maximum`.
    Maximum {
        /// The maximum, as the spec states it.
        maximum: String,
        /// The value given.
        value: String,
    },
    /// Shorter than the spec's `min_length`, in characters.
    MinLength {
        /// The least number of characters.
        min_length: u64,
        /// The number given.
        length: usize,
    },
    /// Longer than the spec's `max_length`, in characters.
    MaxLength {
        /// The most characters allowed.
        max_length: u64,
        /// The number given.
        length: usize,
    },
    /// Fewer array items than the spec's `min_items`.
    MinItems {
        /// The least number of items.
        min_items: u64,
        /// The number given.
        count: usize,
    },
    /// More array items than the spec's `max_items`.
    MaxItems {
        /// The most items allowed.
        max_items: u64,
        /// The number given.
        count: usize,
    },
    /// More map entries than the spec's `max_entries`.
    MaxEntries {
        /// The most entries allowed.
        max_entries: u64,
        /// The number given.
        count: usize,
    },
    /// A map key longer than the spec's `max_key_length`, in characters (the error's path
    /// ends with the key).
    MaxKeyLength {
        /// The most characters allowed.
        max_key_length: u64,
        /// The number given.
        length: usize,
    },
    /// The object lacks every one of the field sets the spec requires one of (OpenAPI's
    /// `anyOf`/`oneOf` of `required` lists), or has several where it requires exactly one.
    FieldSets {
        /// The sets, as the error shows them: `` `image_url`, or `file_id` ``.
        sets: String,
        /// Exactly one set must be complete, not at least one.
        exactly_one: bool,
        /// How many sets have every field set.
        complete: usize,
    },
    /// The body could not be written as JSON.
    Encode {
        /// Why.
        message: String,
    },
    /// The base URL is not an absolute `http(s)` URL without query and fragment.
    Url,
}

impl ValidationError {
    fn new(param: impl Location, rule: Rule) -> Self {
        Self { param: param.describe(), rule }
    }

    /// The parameter's name on the wire, e.g. `limit` or `thread_id`, or the JSON path of the
    /// value in the body, e.g. `metadata.owner` or `messages[2].content`.
    pub fn param(&self) -> &str {
        &self.param
    }

    /// The rule it breaks.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let param = &self.param;
        match &self.rule {
            Rule::Empty => write!(f, "invalid `{param}`: must not be empty"),
            Rule::DotSegment => write!(f, "invalid `{param}`: `.` and `..` would change the request's route"),
            Rule::NotFinite { value } => write!(f, "invalid `{param}`: must be a finite number, got {value}"),
            Rule::Minimum { minimum, value } => write!(f, "invalid `{param}`: must be at least {minimum}, got {value}"),
            Rule::Maximum { maximum, value } => write!(f, "invalid `{param}`: must be at most {maximum}, got {value}"),
            Rule::MinLength { min_length, length } => {
                write!(f, "invalid `{param}`: must have at least {min_length} characters, got {length}")
            }
            Rule::MaxLength { max_length, length } => {
                write!(f, "invalid `{param}`: must have at most {max_length} characters, got {length}")
            }
            Rule::MinItems { min_items, count } => {
                write!(f, "invalid `{param}`: must have at least {min_items} items, got {count}")
            }
            Rule::MaxItems { max_items, count } => {
                write!(f, "invalid `{param}`: must have at most {max_items} items, got {count}")
            }
            Rule::MaxEntries { max_entries, count } => {
                write!(f, "invalid `{param}`: must have at most {max_entries} entries, got {count}")
            }
            Rule::MaxKeyLength { max_key_length, length } => {
                write!(f, "invalid key `{param}`: must have at most {max_key_length} characters, got {length}")
            }
            Rule::FieldSets { sets, exactly_one, complete } => {
                // The body itself is the path `.`.
                let what = if param == "." { "body".to_owned() } else { format!("`{param}`") };
                if *exactly_one {
                    write!(f, "invalid {what}: needs exactly one of these set, got {complete}: {sets}")
                } else {
                    write!(f, "invalid {what}: needs at least one of these set: {sets}")
                }
            }
            Rule::Encode { message } => write!(f, "invalid `{param}`: cannot be written as JSON: {message}"),
            Rule::Url => write!(f, "invalid `{param}`: not an absolute http(s) URL without query or fragment"),
        }
    }
}

impl std::error::Error for ValidationError {}

/// The checks generated builders run, one function per rule of the spec.
pub mod check {
    use super::{Location, Rule, ValidationError};

    /// Of `sets` (each its fields' wire names and whether every one is set), at least one
    /// is complete, or exactly one when `exactly_one`.
    pub fn field_sets(at: impl Location, sets: &[(&[&str], bool)], exactly_one: bool) -> Result<(), ValidationError> {
        let complete = sets.iter().filter(|(_, set)| *set).count();
        if complete == 1 || (complete > 1 && !exactly_one) {
            return Ok(());
        }
        let names: Vec<String> = sets
            .iter()
            .map(|(fields, _)| fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" with "))
            .collect();
        Err(ValidationError::new(at, Rule::FieldSets { sets: names.join(", or "), exactly_one, complete }))
    }

    /// A path parameter: not empty, not `.` or `..`.
    pub fn path_segment(at: impl Location, value: &str) -> Result<(), ValidationError> {
        match value {
            "" => Err(ValidationError::new(at, Rule::Empty)),
            "." | ".." => Err(ValidationError::new(at, Rule::DotSegment)),
            _ => Ok(()),
        }
    }

    /// Not NaN, not infinite.
    pub fn finite(at: impl Location, value: f64) -> Result<(), ValidationError> {
        if value.is_finite() {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::NotFinite { value: value.to_string() }))
    }

    /// `value >= minimum`.
    pub fn minimum<T: PartialOrd + std::fmt::Display>(
        at: impl Location,
        value: T,
        minimum: T,
    ) -> Result<(), ValidationError> {
        // Written so that NaN fails too: it is not at least anything.
        if value >= minimum {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::Minimum { minimum: minimum.to_string(), value: value.to_string() }))
    }

    /// `value <= maximum`.
    pub fn maximum<T: PartialOrd + std::fmt::Display>(
        at: impl Location,
        value: T,
        maximum: T,
    ) -> Result<(), ValidationError> {
        if value <= maximum {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::Maximum { maximum: maximum.to_string(), value: value.to_string() }))
    }

    /// At least `min_length` characters.
    pub fn min_length(at: impl Location, value: &str, min_length: u64) -> Result<(), ValidationError> {
        let length = value.chars().count();
        if u64::try_from(length).is_ok_and(|n| n >= min_length) {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::MinLength { min_length, length }))
    }

    /// At most `max_length` characters.
    pub fn max_length(at: impl Location, value: &str, max_length: u64) -> Result<(), ValidationError> {
        let length = value.chars().count();
        if u64::try_from(length).is_ok_and(|n| n <= max_length) {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::MaxLength { max_length, length }))
    }

    /// At least `min_items` items.
    pub fn min_items<T>(at: impl Location, value: &[T], min_items: u64) -> Result<(), ValidationError> {
        let count = value.len();
        if u64::try_from(count).is_ok_and(|n| n >= min_items) {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::MinItems { min_items, count }))
    }

    /// At most `max_items` items.
    pub fn max_items<T>(at: impl Location, value: &[T], max_items: u64) -> Result<(), ValidationError> {
        let count = value.len();
        if u64::try_from(count).is_ok_and(|n| n <= max_items) {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::MaxItems { max_items, count }))
    }

    /// At most `max_entries` entries.
    pub fn max_entries<T>(
        at: impl Location,
        value: &std::collections::BTreeMap<String, T>,
        max_entries: u64,
    ) -> Result<(), ValidationError> {
        let count = value.len();
        if u64::try_from(count).is_ok_and(|n| n <= max_entries) {
            return Ok(());
        }
        Err(ValidationError::new(at, Rule::MaxEntries { max_entries, count }))
    }

    /// Every key has at most `max_key_length` characters; the error's path ends with the key.
    pub fn max_key_length<T>(
        at: &crate::request::JsonPath<'_>,
        value: &std::collections::BTreeMap<String, T>,
        max_key_length: u64,
    ) -> Result<(), ValidationError> {
        for key in value.keys() {
            let length = key.chars().count();
            if !u64::try_from(length).is_ok_and(|n| n <= max_key_length) {
                return Err(ValidationError::new(at.key(key), Rule::MaxKeyLength { max_key_length, length }));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_be_finite_and_in_range() {
        assert!(check::finite("t", 0.5).is_ok());
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let error = check::finite("t", bad).err();
            assert!(matches!(error.as_ref().map(ValidationError::rule), Some(Rule::NotFinite { .. })), "{bad}");
        }
        // NaN is not at least anything, nor at most.
        assert!(check::minimum("t", f64::NAN, 0.0).is_err() && check::maximum("t", f64::NAN, 1.0).is_err());
        assert_eq!(
            check::minimum("limit", 0, 1).map_err(|e| e.to_string()),
            Err("invalid `limit`: must be at least 1, got 0".to_owned())
        );
    }

    #[test]
    fn field_sets_need_one_complete_set_or_exactly_one() {
        let sets = |a: bool, b: bool| [(&["image_url"][..], a), (&["file_id", "detail"][..], b)];
        assert!(check::field_sets("image", &sets(true, false), false).is_ok());
        assert!(check::field_sets("image", &sets(true, true), false).is_ok());
        assert!(check::field_sets("image", &sets(false, true), true).is_ok());
        assert_eq!(
            check::field_sets("image", &sets(false, false), false).map_err(|e| e.to_string()),
            Err("invalid `image`: needs at least one of these set: `image_url`, or `file_id` with `detail`".to_owned())
        );
        let two = check::field_sets("image", &sets(true, true), true).err();
        let expected = Rule::FieldSets {
            sets: "`image_url`, or `file_id` with `detail`".to_owned(),
            exactly_one: true,
            complete: 2,
        };
        assert_eq!(two.as_ref().map(ValidationError::rule), Some(&expected));
        assert_eq!(
            two.map(|e| e.to_string()),
            Some(
                "invalid `image`: needs exactly one of these set, got 2: `image_url`, or `file_id` with `detail`"
                    .to_owned()
            )
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(check::max_length("name", "ééé", 3).is_ok());
        assert!(check::min_length("name", "ééé", 4).is_err());
    }

    #[test]
    fn query_values_are_form_encoded_and_path_segments_stay_one_segment() {
        let mut query = Query::default();
        query.push("include[]", "a b*c~d");
        query.push_display("limit", &20);
        assert_eq!(query.as_str(), "include%5B%5D=a+b%2Ac~d&limit=20");
        let mut path = String::new();
        push_path_segment(&mut path, "a/b?c#d%e f:@");
        assert_eq!(path, "a%2Fb%3Fc%23d%25e%20f:@");
    }

    #[test]
    fn base_urls_are_absolute_http_without_query_or_fragment() {
        assert!(is_base_url("https://api.example.com/v1") && is_base_url("http://127.0.0.1:8080"));
        for bad in ["", "/v1", "ftp://h/v1", "https://h/v1?x=1", "https://h/v1#f", "not a url"] {
            assert!(!is_base_url(bad), "{bad}");
        }
    }
}
