//! The method names the runtime gives a generated crate's types. The generator refuses a spec
//! whose operations, parameters or client headers would take one of them, with a located
//! error, rather than emit code that does not compile; it reads these lists from here, so
//! they change with the methods they name (`client/surface.rs` and `request.rs`).

/// Methods of an API's `Client` (and the traits it implements): an operation's client method
/// of the same name would clash.
pub const RESERVED_OPERATION_NAMES: &[&str] =
    &["as_ref", "base_url", "builder", "call", "clone", "clone_from", "fmt", "from_env", "http_client"];

/// Methods of an API's `ClientBuilder`: a client header's setter cannot take them.
pub const RESERVED_BUILDER_NAMES: &[&str] = &[
    "api_key",
    "base_url",
    "build",
    "default",
    "fmt",
    "header",
    "http_client",
    "max_response_bytes",
    "max_retries",
    "retry_policy",
    "timeout",
];

/// Methods every request builder (its `Operation` and `Paginated` impls, derives and
/// constructor) and every `Call` has: a parameter's setter of the same name would clash or
/// shadow them.
pub const RESERVED_PARAM_NAMES: &[&str] = &[
    "clone",
    "clone_from",
    "eq",
    "fmt",
    "from_body",
    "header",
    "http_request",
    "into_items",
    "items",
    "json_body",
    "map",
    "max_items",
    "max_retries",
    "ne",
    "new",
    "next_page",
    "operation",
    "pages",
    "path_and_query",
    "send",
    "send_with_response",
    "timeout",
    "validate",
    "write_path",
    "write_query",
];
