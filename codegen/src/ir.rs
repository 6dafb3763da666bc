//! The intermediate model: plain data describing the Rust to emit, with every decision
//! already made (names, docs, which fields carry the tag, what is deprecated).
//!
//! The emit stage maps this to tokens one-to-one and decides nothing. Collections are
//! `Vec`s in a fixed order (modules by name, items in spec order), so the same spec
//! always gives the same output.

pub use crate::values::{Constraints, JsonKind, Literal, MapLimits, Presence};

/// One generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Crate {
    pub api: ApiInfo,
    /// Sorted by name; one file each.
    pub modules: Vec<Module>,
    /// In spec order; one request builder each, in `src/operations/`.
    pub operations: Vec<Operation>,
    /// Every model type, for the crate's hidden `__models` list.
    pub models: ModelTable,
    /// The operation groups that are Cargo features, sorted by feature; empty: no groups.
    pub groups: Vec<FeatureGroup>,
    /// With groups, the error a build with none of them on stops with: it would hold no
    /// operation, which is a forgotten feature rather than a wish.
    pub no_group_error: Option<String>,
}

/// One operation group made a Cargo feature.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureGroup {
    /// `fine-tuning`.
    pub feature: String,
    /// `Fine-tuning`, as the spec names the group.
    pub group: String,
    /// How many operations it holds.
    pub operations: usize,
}

/// The crate's model types as the property tests and fuzz targets reach them: every item,
/// a generic one instantiated with the arguments the spec first uses it with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelTable {
    /// In module order, then item order; each with the features of the modules of it and its
    /// type arguments: built when, for each list, one of its features is on.
    pub types: Vec<(Type, Vec<Vec<String>>)>,
    /// Some type is deprecated, so naming them all allows the lint.
    pub allow_deprecated: bool,
    pub docs: Vec<String>,
}

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
    /// `None`: the response has no body; the builder's `Response` is `()`.
    pub response: Option<Type>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct ApiInfo {
    /// Crate-level documentation, one entry per line.
    pub docs: Vec<String>,
    pub base_url: String,
    pub base_url_env: Option<String>,
    pub auth: Auth,
    pub version: Option<String>,
    /// Headers sent with every request, in spec order.
    pub headers: Vec<(String, String)>,
    /// Optional headers with a client builder method, in spec order.
    pub client_headers: Vec<ClientHeader>,
    /// The response headers read for the request id, in order of preference.
    pub request_id_headers: Vec<String>,
    /// The wire names leading to an error body's message; empty: the body has none.
    pub error_message: Vec<String>,
    /// The spec's type for error bodies, which gets a `from_error` accessor.
    pub error_type: Option<ErrorType>,
    /// The doc lines of the items every generated crate has.
    pub item_docs: ItemDocs,
    /// The runtime version the crate is generated for, (major, minor): the version guard's.
    pub runtime_version: (String, String),
}

/// How the API authenticates its requests.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    None,
    /// `Authorization: Bearer <key>`, the key from `env` or the builder's `api_key`.
    Bearer {
        env: Option<String>,
        /// The doc lines of `ClientBuilder::api_key`.
        setter_docs: Vec<String>,
    },
    /// The key alone in the header `header`, from `env` or the builder's `api_key`.
    ApiKey {
        header: String,
        env: Option<String>,
        /// The doc lines of `ClientBuilder::api_key`.
        setter_docs: Vec<String>,
    },
}

/// The type error responses decode as: a struct or enum of the crate, given
/// `fn from_error(&Error) -> Option<Self>` in the client module.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorType {
    /// The type's Rust name, at the crate root.
    pub name: String,
    /// The doc lines of `from_error`.
    pub docs: Vec<String>,
    /// The type is deprecated: its `impl` allows the lint (the crate builds without warnings).
    pub allow_deprecated: bool,
}

/// Doc lines of the items every generated crate has, whatever its spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemDocs {
    /// The `API` constant, the runtime's description of the API.
    pub api: Vec<String>,
    pub base_url: Vec<String>,
    pub base_url_env: Vec<String>,
    pub api_key_env: Vec<String>,
    pub version: Vec<String>,
    pub default_headers: Vec<String>,
    /// The `const _` that checks the runtime's version.
    pub version_guard: Vec<String>,
    /// The `request` module, re-exported from the runtime.
    pub request_module: Vec<String>,
    /// The `client` module.
    pub client_module: Vec<String>,
    pub models_module: Vec<String>,
    pub operations_module: Vec<String>,
}

/// A header the client sends when its builder method or environment variable gives a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientHeader {
    /// The `ClientBuilder` method.
    pub setter: String,
    pub header: String,
    pub env: Option<String>,
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The file stem, e.g. `run_step` for `src/models/run_step.rs`.
    pub name: String,
    /// Types this module uses that other modules define, sorted.
    pub imports: Vec<String>,
    /// The deprecated ones among those, imported apart under a local `allow(deprecated)`.
    pub deprecated_imports: Vec<String>,
    pub items: Vec<Item>,
    /// The crate features one of which builds this module; empty: always built.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    KindUnion(KindUnion),
    Alias(Alias),
}

impl Item {
    /// The name, docs and deprecation every kind of item has.
    pub fn meta(&self) -> &Meta {
        match self {
            Item::Struct(s) => &s.meta,
            Item::Enum(e) => &e.meta,
            Item::Union(u) => &u.meta,
            Item::KindUnion(u) => &u.meta,
            Item::Alias(a) => &a.meta,
        }
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Item::Struct(s) => &mut s.meta,
            Item::Enum(e) => &mut e.meta,
            Item::Union(u) => &mut u.meta,
            Item::KindUnion(u) => &mut u.meta,
            Item::Alias(a) => &mut a.meta,
        }
    }
}

/// A Rust name paired with the name on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// As written in Rust source, including any `r#`.
    pub rust: String,
    pub wire: String,
}

/// What every generated item carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub name: String,
    pub docs: Vec<String>,
    /// `Some("")` is deprecated without a message.
    pub deprecated: Option<String>,
    /// The item's own code uses something deprecated (a variant, a field, a type), so its
    /// impls allow the lint locally: the crate builds without warnings, users still see them.
    pub allow_deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub meta: Meta,
    pub generics: Vec<String>,
    pub fields: Vec<Field>,
    /// What its `Validate` impl checks, by field; `None` when nothing in it has a rule.
    pub validation: Option<Vec<FieldRules>>,
    /// With `keep_unknown_fields`: the doc lines of the field that keeps the fields the spec
    /// does not know (the runtime's `UnknownFields`, named `unknown_fields`).
    pub unknown_fields: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    /// The wire name is not the Rust name (without any `r#`): serde needs a `rename`.
    pub rename: bool,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub ty: Type,
    pub presence: Presence,
    /// What the spec allows, as the docs state it.
    pub constraints: Constraints,
    /// For a field whose type is a map defined in place: the map's limits.
    pub limits: MapLimits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    /// `format: int32`.
    I32,
    I64,
    F64,
    Bool,
    /// `format: date-time`: the runtime's `DateTime`, which keeps the text sent.
    DateTime,
    /// `format: unixtime`: the runtime's `UnixTime`.
    UnixTime,
    /// `json`: any JSON value, `serde_json::Value`.
    Json,
    Vec(Box<Type>),
    /// `BTreeMap<String, T>`.
    Map(Box<Type>),
    Named {
        name: String,
        args: Vec<Type>,
    },
    /// A generic parameter of the enclosing type.
    Param(String),
}

/// Written as Rust: `CursorPage<RunStep>`, `Vec<RunStepInclude>`, `i64`.
impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::String => f.write_str("String"),
            Type::I64 => f.write_str("i64"),
            Type::F64 => f.write_str("f64"),
            Type::Bool => f.write_str("bool"),
            Type::I32 => f.write_str("i32"),
            Type::DateTime => f.write_str("DateTime"),
            Type::UnixTime => f.write_str("UnixTime"),
            Type::Json => f.write_str("serde_json::Value"),
            Type::Vec(inner) => write!(f, "Vec<{inner}>"),
            Type::Map(inner) => write!(f, "BTreeMap<String, {inner}>"),
            Type::Param(name) => f.write_str(name),
            Type::Named { name, args } => {
                f.write_str(name)?;
                if let Some((first, rest)) = args.split_first() {
                    write!(f, "<{first}")?;
                    rest.iter().try_for_each(|a| write!(f, ", {a}"))?;
                    f.write_str(">")?;
                }
                Ok(())
            }
        }
    }
}

/// A string enum; unknown values land in the fallback variant and encode back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub meta: Meta,
    pub variants: Vec<Variant>,
    /// `Unknown(String)`.
    pub fallback: Variant,
    /// For `const` fields: the index of the variant that is the `Default`.
    pub default: Option<usize>,
    /// The doc lines of `as_str`.
    pub as_str_docs: Vec<String>,
}

/// A variant of an enum or union: its Rust name, wire value (or tag value), docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: Name,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

/// A union dispatched on `tag`; unknown members keep their raw JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub meta: Meta,
    pub tag: String,
    /// The docs of the `tag()` method.
    pub tag_docs: Vec<String>,
    pub variants: Vec<UnionVariant>,
    /// `Unknown(serde_json::Value)`.
    pub fallback: Variant,
    /// The variants (Rust names) whose members implement `Validate`; `None` when no member
    /// has a rule, and the union has no impl.
    pub validated_variants: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub variant: Variant,
    /// The member struct's Rust name.
    pub member: String,
    /// The member's struct has a field for the tag: it encodes the tag itself, and decodes
    /// it along with its other fields.
    pub carries_tag: bool,
    /// The variant holds `Box<Member>`: the member is far larger than the other variants.
    pub boxed: bool,
}

/// A union decided by the JSON kind of the value (and, for an object member that is a
/// tagged union, by its tag); values of a kind no member takes keep their raw JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct KindUnion {
    pub meta: Meta,
    pub variants: Vec<KindVariant>,
    /// `Unknown(serde_json::Value)`.
    pub fallback: Variant,
    /// The rules its `Validate` impl checks, by variant (Rust name); `None` when no member
    /// has one, and the union has no impl.
    pub validation: Option<Vec<(String, Vec<ValueRule>)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KindVariant {
    /// The wire name is the kind's name (`string`).
    pub variant: Variant,
    /// The kinds of JSON value it decodes: its own, and `integer` for a `number` member
    /// when no member is an integer.
    pub kinds: Vec<JsonKind>,
    pub ty: Type,
}

/// `pub type Name = Target;`, or `pub type Name<T> = Target;` with generic parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub meta: Meta,
    pub generics: Vec<String>,
    pub target: Type,
    /// A named map's limits, as the docs state them.
    pub limits: MapLimits,
}

/// The generated crate's manifest: what Cargo needs, every choice made.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The package name, e.g. `openai-run-steps`.
    pub name: String,
    pub version: String,
    /// One line, naming the spec.
    pub description: String,
    /// The spec, relative to the workspace root: named in the manifest's header.
    pub spec: String,
    /// Hand-written examples under `examples/`, each needing the `client` feature.
    pub examples: Vec<String>,
    /// Hand-written criterion benchmarks under `benches/`.
    pub benches: Vec<String>,
    /// The crate's property tests: `src/properties.rs` and the testkit dev-dependency.
    pub property_tests: Option<PropertyTests>,
    /// The operation groups that are features (`full` turns on all of them).
    pub groups: Vec<FeatureGroup>,
}

/// The generated `src/properties.rs`: the testkit's checks on every model, on values derived
/// from the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyTests {
    /// The module's doc lines.
    pub docs: Vec<String>,
}
