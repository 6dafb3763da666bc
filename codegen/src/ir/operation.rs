//! The intermediate model of an operation: its request builder's parameters, body, checks
//! and pagination.

use super::{Literal, Name, Type};
use crate::values::{Constraints, Presence};

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `list_run_steps` / `listRunSteps`: the client method and the spec's id.
    pub name: Name,
    /// `ListRunSteps`: the request builder's type.
    pub type_name: String,
    /// `list_run_steps`: the file under `src/operations/`.
    pub module: String,
    /// The request builder's docs: the description, then its request line (`GET /path`).
    pub docs: Vec<String>,
    /// The docs of the builder's constructor, which list the required parameters.
    pub constructor_docs: Vec<String>,
    /// The docs of the client method: the description, then what it returns.
    pub client_docs: Vec<String>,
    pub deprecated: Option<String>,
    /// Upper case, one of the methods `http::Method` has a constant for.
    pub method: String,
    /// The path template, `{name}` marking each path parameter.
    pub path: String,
    /// The template split into literal text and parameters, in order.
    pub path_parts: Vec<PathPart>,
    pub path_params: Vec<Param>,
    /// In spec order: the order of setters and docs.
    pub query: Vec<Param>,
    /// Indices into `query` in the order they go on the wire: by Rust name, as the official
    /// SDKs send them (openai-python builds each query from a dict sorted by name).
    pub query_wire_order: Vec<usize>,
    /// The JSON body: the builder holds one, and its fields become arguments and setters.
    pub body: Option<RequestBody>,
    /// `None`: the response has no JSON body; the builder's `Response` is `()`, or the
    /// runtime's `Bytes` for a binary one (`response_body`).
    pub response: Option<Type>,
    pub response_body: crate::values::ResponseBody,
    pub pagination: Option<Pagination>,
    /// Headers sent with this operation only, in spec order: its `Operation::HEADERS`.
    pub headers: Vec<(String, String)>,
    /// The crate features one of which builds this operation; empty: always built.
    pub features: Vec<String>,
    /// The operation's code uses a model type (so its file imports them).
    pub uses_models: bool,
    /// The operation, a parameter or a type it uses is deprecated: its file allows the lint
    /// (the crate builds without warnings; its users still see them).
    pub allow_deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// `include` / `include[]`.
    pub name: Name,
    pub docs: Vec<String>,
    /// The doc lines of the `Call` setter: a link to the builder's.
    pub call_docs: Vec<String>,
    pub deprecated: Option<String>,
    pub ty: Type,
    /// Path parameters always are.
    pub required: bool,
    pub default: Option<Literal>,
    pub constraints: Constraints,
    /// What the builder checks before anything is sent, in this order.
    pub checks: Vec<Check>,
    /// How the builder's argument or setter takes the value.
    pub arg: Arg,
    /// How the value goes on the wire.
    pub encoding: Encoding,
}

/// A request's JSON body, held whole by the builder.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The body's type, e.g. `NewBook`.
    pub ty: Type,
    /// The fields the builder sets, in the type's order: the required ones (required or
    /// nullable) are constructor arguments, the others setters.
    pub fields: Vec<BodyField>,
    /// The `const` fields, and the one keeping unknown fields: the constructor gives them
    /// their `Default` (the one value; none).
    pub fixed: Vec<String>,
    /// The type implements `Validate`: the builder's `validate` checks the whole body.
    pub validated: bool,
    /// The constructor (and client method) take the body whole, as their last argument
    /// `body`, instead of its required fields, which would be too many arguments; there is
    /// no `from_body` then, and optional fields still have setters.
    pub whole: bool,
    /// The docs of `from_body`, the constructor that takes the body whole.
    pub from_body_docs: Vec<String>,
    /// The field sets the body requires (`requires:`), one sentence each, for the
    /// constructor's docs: what must be set before the request is sent.
    pub field_sets_docs: Vec<String>,
}

/// A field of the body, as the builder takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyField {
    /// The field as a parameter: its names, docs, type and how the argument is taken
    /// (`required` for the constructor's arguments); it has no checks of its own.
    pub param: Param,
    pub presence: Presence,
    /// For an optional and nullable field: the setter that sends `null`.
    pub null_setter: Option<NullSetter>,
}

/// `name_null()`: sets an optional and nullable body field to `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct NullSetter {
    pub name: String,
    pub docs: Vec<String>,
    /// The doc lines of the `Call` setter: a link to the builder's.
    pub call_docs: Vec<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Sent as written.
    Literal(String),
    /// The path parameter with this Rust name, percent-encoded as one segment.
    Param(String),
}

/// A rule a parameter's value must satisfy; the runtime function that checks it is named
/// after the variant and reports the parameter's wire name and the rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// A path segment: not empty, not `.` or `..` (which would change the route).
    PathSegment,
    /// A number that JSON and the API can take: not NaN, not infinite.
    Finite,
    /// `value >= bound` (a `Literal::Int` for integers, `Literal::Float` for numbers).
    Minimum(Literal),
    Maximum(Literal),
    /// Length in characters, of a string or of each string of an array.
    MinLength(u64),
    MaxLength(u64),
    /// Number of items of an array.
    MinItems(u64),
    MaxItems(u64),
    /// Number of entries of a map.
    MaxEntries(u64),
}

/// What a model's `Validate` impl checks of one field, when it is set.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRules {
    pub field: Name,
    /// How to reach the value: through no, one or two `Option`s.
    pub presence: Presence,
    /// In this order; none is empty.
    pub rules: Vec<ValueRule>,
}

/// A rule on a value in a body, reported at the value's JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueRule {
    /// A check of the value itself.
    Check(Check),
    /// Every key of the map here has at most this many characters.
    MaxKeyLength(u64),
    /// These rules on each element of the array here, at `[i]`.
    Items(Vec<ValueRule>),
    /// These rules on each value of the map here, at `.key`.
    Values(Vec<ValueRule>),
    /// The value's type checks itself (it implements `Validate`).
    Nested,
}

/// The Rust type a builder accepts for a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// `impl Into<String>`.
    IntoString,
    /// `impl IntoIterator<Item = T>` for a `Vec<T>`.
    Iter,
    /// `Option<T>`, `None` meaning `null` (a required but nullable body field).
    Nullable,
    /// The parameter's type itself.
    Plain,
    /// `impl Into<T>`: the runtime's `DateTime` and `UnixTime` are made from a
    /// `jiff::Timestamp` (and `UnixTime` from an `i64`) in the call, a `serde_json::Value`
    /// from anything serde_json converts (`json!(..)`, a `&str`, a number, a `Vec`).
    Into,
}

/// How a query value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// One `name=value` pair (path parameters: the encoded segment).
    Single,
    /// One `name=value` pair per element, in order; none for an empty list.
    Repeated,
    /// OpenAPI's deepObject for a map: `name[key]=value` per entry, in key order.
    Keyed,
    /// OpenAPI's deepObject for an object: `name[field]=value` per field that is set, in the
    /// spec's order.
    Fields(Vec<QueryField>),
}

/// A field of an object sent as a query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryField {
    pub name: Name,
    /// `Option<T>`: sent when set.
    pub optional: bool,
    /// A `String`, sent as it is; anything else is sent as its `Display` text.
    pub string: bool,
}

/// Pagination: how the request for the page after a response is made, and when there is
/// none. Field names are those of the response and item types, parameter names those of
/// the operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The response field holding the items; optional: an `Option<Vec<T>>`, absent is an
    /// empty page.
    pub items: PageField,
    /// The item type, e.g. `RunStep`.
    pub item: Type,
    /// The response's boolean field: no page follows unless it is true. Optional: an
    /// `Option<bool>` (nullable or optional), absent means no more.
    pub has_more: Option<PageField>,
    /// An empty page is tested for first: it ends the listing whatever the response says.
    /// Not needed (and not generated) where every cursor comes from an item, whose absence
    /// ends the listing already.
    pub check_empty: bool,
    pub style: PageStyle,
}

/// A response field or query parameter that pagination reads or sets.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    pub name: Name,
    /// An `Option`: a nullable or optional field, a parameter that is not required.
    pub optional: bool,
}

/// How the request for the next page is made.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// The next page's `param` is the cursor `forward` takes; with `backward`, a request whose
    /// backward parameter is set continues with `backward`'s cursor instead, and clears the
    /// forward parameter (never both cursors). The cursor the request already had ends the
    /// listing (a server repeating itself).
    Cursor { forward: Cursor, backward: Option<Cursor> },
    /// The next page's `param` is this one's plus one (`first` when unset); an overflow ends
    /// the listing.
    PageNumber { param: PageField, first: i64 },
    /// The next page's `param` is the response's `field`; absent, empty or the token the
    /// request already had ends the listing.
    PageToken { param: PageField, field: PageField },
}

/// One direction of cursor paging.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub param: PageField,
    pub from: CursorFrom,
}

/// Where a cursor is taken from; an optional field that is `None` ends the listing.
#[derive(Debug, Clone, PartialEq)]
pub enum CursorFrom {
    /// This field of the last item (an empty page ends the listing).
    LastItem(PageField),
    /// This field of the first item (an empty page ends the listing).
    FirstItem(PageField),
    /// This field of the response.
    Page(PageField),
}
