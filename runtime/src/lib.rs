//! The runtime of the crates `typed-api-codegen` generates: one copy for every API in a
//! program, so that their clients share error types, a retry policy and, if you wish, a
//! connection pool.
//!
//! - [`request`]: what every generated request builder implements ([`request::Operation`]),
//!   the checks it runs before anything is sent, and the exact bytes of its path and query;
//!   with it alone an operation becomes an [`http::Request`] for any HTTP stack.
//! - `client` (the `client` feature, on by default): the async client on reqwest, with
//!   retries as the official SDKs do them, typed errors that never show a credential, and
//!   pagination streams. Each generated crate wraps it in a `Client` of its own.
//! - [`Api`]: what a generated crate tells the runtime about its API, as data.
//! - `formats` (the `formats` feature, on by default; generated crates turn it on when their
//!   spec uses a format below): the types of `format: date-time` (`DateTime`) and
//!   `format: unixtime` (`UnixTime`), which encode exactly what they decoded.
//! - [`UnknownFields`]: what an object with `keep_unknown_fields` keeps of the fields its spec
//!   does not know.
//!
//! Generated crates also call a few hidden functions (decoding helpers and a version guard);
//! those are no part of this crate's interface.

#![warn(missing_docs)]

mod api;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "formats")]
pub mod formats;
pub mod request;
mod unknown;
mod validate;

#[doc(hidden)]
pub mod __private;

pub use api::{Api, Auth};
/// The bytes of a binary response (`response: binary` in the spec), as they came.
pub use bytes::Bytes;
#[cfg(feature = "formats")]
pub use formats::{DateTime, DateTimeError, UnixTime};
/// The `http` crate whose types requests are built from.
pub use http;
/// The date/time crate behind [`DateTime::timestamp`] and [`UnixTime::timestamp`].
#[cfg(feature = "formats")]
pub use jiff;
pub use unknown::UnknownFields;
