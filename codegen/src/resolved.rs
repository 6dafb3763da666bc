//! The resolved model: the validate stage's output and the lower stage's input.
//!
//! The spec as validate understood it, with every name resolved once: the Rust name,
//! module and place of each type, each field's Rust and wire names, type references as
//! [`Ty`] trees instead of names, union members and tags linked both ways, and each
//! operation's path template, parameters and pagination contract resolved to the fields and
//! parameters they name. Plain data: lower turns it into the intermediate model without
//! looking anything up that could be missing, and without naming anything again.

use crate::values::{Constraints, Format, JsonKind, Literal, MapLimits, Presence, Scalar};

/// A valid spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub api: Api,
    /// Every type to generate, in the order the spec defines them (a type defined in place
    /// comes after its owner): the order of items within a module.
    pub types: Vec<TypeDef>,
    /// In spec order.
    pub operations: Vec<Operation>,
}

/// What the spec says of the API as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: String,
    pub version: Option<String>,
    pub base_url: String,
    pub base_url_env: Option<String>,
    /// Where the API's documentation lives: relative links in descriptions resolve against it.
    pub docs_url: Option<String>,
    pub auth: Auth,
    /// Sent with every request, in spec order.
    pub headers: Vec<(String, String)>,
    /// The generated crate's name as Rust code writes it, for the crate docs' example.
    pub rust_crate: Option<String>,
    pub client_headers: Vec<ClientHeader>,
    /// The response headers the spec says carry the request id, in order; `None`: not said.
    pub request_id_headers: Option<Vec<String>>,
    /// The type of error responses' bodies, when the spec names one.
    pub error: Option<ErrorShape>,
}

/// How requests authenticate.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    None,
    /// `Authorization: Bearer <key>`, the key from `env` or code.
    Bearer {
        env: Option<String>,
    },
    /// The key alone in the header `header`, from `env` or code.
    ApiKey {
        header: String,
        env: Option<String>,
    },
}

/// The body of the API's error responses: a type of the spec (an object or a union without
/// type parameters) and where in it the message is.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorShape {
    /// The type's Rust name.
    pub type_name: String,
    /// The wire names of the fields leading to the message string; empty: none named.
    pub message: Vec<String>,
    /// The type is deprecated: code naming it allows the lint.
    pub deprecated: bool,
}

/// An optional header with a client builder method.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientHeader {
    /// The builder method's name.
    pub setter: String,
    pub header: String,
    pub env: Option<String>,
    pub description: String,
}

/// A type to generate: named in the spec, defined in place, or the enum behind a `const`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// The file it is written to: its top-level owner's.
    pub module: String,
    /// Its own description or, for a type defined in place without one, its holder's.
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Object(Object),
    Enum(Vec<EnumValue>),
    Union(Union),
    /// A union decided by the JSON kind of the value.
    KindUnion(KindUnion),
    /// A named map: `BTreeMap<String, value>`.
    Map {
        /// Generic parameters, in order.
        params: Vec<String>,
        value: Ty,
        limits: MapLimits,
    },
    /// The one-value enum behind a `const` field; the field's description is its own.
    Const {
        value: String,
        variant: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Generic parameters, in order.
    pub params: Vec<String>,
    /// Every field of the spec, in spec order (a member's tag field too, as [`FieldType::Tag`]).
    pub fields: Vec<Field>,
    /// The unions the object is a member of, in spec order.
    pub member_of: Vec<Membership>,
    /// The objects it extends, in order: their fields come first in `fields`.
    pub extends: Vec<TypeLink>,
    /// The object keeps the fields the spec does not know and encodes them back.
    pub keep_unknown_fields: bool,
    /// Sets of its optional fields of which one must be complete (`requires:`): its bases'
    /// first (an object extending another keeps its rule), then its own.
    pub requires: Vec<FieldSets>,
}

/// Sets of optional fields (wire names), at least two: at least one (or, `exactly_one`,
/// exactly one) must have every field set.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSets {
    pub exactly_one: bool,
    pub sets: Vec<Vec<String>>,
}

/// A type named in another's docs: its Rust name and the module it is written to.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeLink {
    pub name: String,
    pub module: String,
}

/// The union an object is a member of: the union reads and writes the member's tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub union: String,
    pub union_module: String,
    /// The tag field's wire name.
    pub tag: String,
    /// The values of the tag that select this member: one, or the several of a member
    /// whose tag field is an enum (which then carries its tag).
    pub tag_values: Vec<String>,
    /// The member's struct keeps its tag field (it is shared by several unions, or used on
    /// its own), so the union neither writes the tag nor leaves it out when decoding.
    pub carries_tag: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire: String,
    /// As written in Rust source, including any `r#`.
    pub rust: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub ty: FieldType,
    pub presence: Presence,
    pub constraints: Constraints,
    /// The limits of a map defined in place as the field's type (a named map has its own).
    pub limits: MapLimits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Value(Ty),
    /// A `const` field: its one-value enum type, and the value.
    Const {
        type_name: String,
        value: String,
    },
    /// A union member's tag field: the union writes it, the member's struct has no field
    /// for it, and its `const` has no type of its own.
    Tag {
        value: String,
    },
}

/// A resolved type reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Scalar(Scalar),
    /// A scalar with a `format` (the format says which scalar).
    Formatted(Format),
    Array(Box<Ty>),
    /// `map<T>`, or a map defined in place: string keys.
    Map(Box<Ty>),
    /// A type of the spec, with its type arguments.
    Named {
        name: String,
        args: Vec<Ty>,
    },
    /// A generic parameter of the enclosing type.
    Param(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    /// The variant's Rust name.
    pub rust: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The tag field's wire name.
    pub tag: String,
    pub variants: Vec<Variant>,
    /// The member (its Rust name) an object without the tag decodes as.
    pub untagged: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The tag values that select the member, as the spec lists them: one, or several for a
    /// member whose tag field is an enum. The first names the variant.
    pub tag_values: Vec<String>,
    /// The variant's Rust name.
    pub rust: String,
    /// The member object's Rust name, with what the variant shows of it.
    pub member: String,
    pub member_description: Option<String>,
    pub member_deprecated: Option<String>,
    /// The member's struct has a field for the tag (see [`Membership::carries_tag`]).
    pub carries_tag: bool,
    /// Set when several members share the variant's one tag value.
    pub shared: Option<Shared>,
}

/// How a member sharing its tag value with others is told apart: it is tried, in the spec's
/// order, when the field `by` has one of `values` (those its `by` field allows).
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub by: String,
    pub values: Vec<String>,
}

/// A union whose member is chosen by the JSON kind of the value.
#[derive(Debug, Clone, PartialEq)]
pub struct KindUnion {
    /// In spec order.
    pub variants: Vec<KindVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KindVariant {
    pub kind: JsonKind,
    /// The variant's Rust name.
    pub rust: String,
    pub ty: Ty,
    /// A named member type's description and deprecation, which the variant shows.
    pub member_description: Option<String>,
    pub member_deprecated: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's id, e.g. `listRunSteps`.
    pub id: String,
    /// The client method, e.g. `list_run_steps`.
    pub rust: String,
    /// The request builder's type, e.g. `ListRunSteps`.
    pub type_name: String,
    /// Its file under `src/operations/`.
    pub module: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    /// Upper case, one of the methods `http::Method` has a constant for.
    pub method: String,
    /// The path template as written.
    pub path: String,
    /// The template split into literal text and path parameters, in order.
    pub path_parts: Vec<PathPart>,
    pub path_params: Vec<PathParam>,
    /// In spec order.
    pub query: Vec<QueryParam>,
    /// The JSON body: a named object type without type arguments.
    pub body: Option<Ty>,
    /// `None`: the response has no JSON body (`response_body` says whether it has bytes).
    pub response: Option<Ty>,
    pub response_body: crate::values::ResponseBody,
    pub pagination: Option<Pagination>,
    /// Sent with this operation only, in spec order.
    pub headers: Vec<(String, String)>,
    /// The group as the spec writes it, e.g. `Fine-tuning`.
    pub group: Option<String>,
    /// The Cargo feature of the operation's group (`group: Fine-tuning` → `fine-tuning`).
    pub feature: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// The path parameter of this Rust name.
    Param(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    pub wire: String,
    pub rust: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryParam {
    pub wire: String,
    pub rust: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<Literal>,
    pub constraints: Constraints,
}

/// Pagination, resolved: the response's items and has-more fields, the item type, and how
/// the request for the next page is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The response field holding the page's items; optional: absent is an empty page.
    pub items: PageKey,
    /// The items' type, with the response's type arguments put in.
    pub item: Ty,
    /// The response's boolean field; optional: absent means no more pages. Required by
    /// cursor paging, optional for the other styles.
    pub has_more: Option<PageKey>,
    pub style: PageStyle,
}

/// How the next page is asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// By cursor; backwards too when `backward` is given and its parameter set.
    Cursor { forward: Cursor, backward: Option<Cursor> },
    /// The integer query parameter `param` counts up from `first`.
    PageNumber { param: PageKey, first: i64 },
    /// The response's string field `field` goes back in the query parameter `param`.
    PageToken { param: PageKey, field: PageKey },
}

/// One direction of cursor paging.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// The query parameter that carries the cursor; optional: not a required parameter.
    pub param: PageKey,
    pub from: CursorSource,
}

/// Where a cursor is taken from; optional fields: a missing cursor ends the listing.
#[derive(Debug, Clone, PartialEq)]
pub enum CursorSource {
    /// This field of the edge item: the last forwards, the first backwards.
    Item(PageKey),
    /// This field of the response, e.g. `last_id`.
    Page(PageKey),
}

/// A field or parameter that pagination names, and whether it may be missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    pub wire: String,
    pub rust: String,
    pub optional: bool,
}
