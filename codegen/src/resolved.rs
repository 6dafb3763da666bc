//! The resolved model: the validate stage's output and the lower stage's input.
//!
//! The spec as validate understood it, with every name resolved once: the Rust name,
//! module and place of each type, each field's Rust and wire names, type references as
//! [`Ty`] trees instead of names, union members and tags linked both ways, and each
//! operation's path template, parameters and pagination contract resolved to the fields and
//! parameters they name. Plain data: lower turns it into the intermediate model without
//! looking anything up that could be missing, and without naming anything again.

use crate::values::{Constraints, Format, Literal, MapLimits, Presence, Scalar};

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
    /// Whether requests carry `Authorization: Bearer <key>`.
    pub bearer_auth: bool,
    pub api_key_env: Option<String>,
    /// Sent with every request, in spec order.
    pub headers: Vec<(String, String)>,
    /// The generated crate's name as Rust code writes it, for the crate docs' example.
    pub rust_crate: Option<String>,
    pub client_headers: Vec<ClientHeader>,
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
    /// Set when the object is a member of a union.
    pub member_of: Option<Membership>,
    /// The object keeps the fields the spec does not know and encodes them back.
    pub keep_unknown_fields: bool,
}

/// The union an object is a member of: the union reads and writes the member's tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub union: String,
    pub union_module: String,
    /// The tag field's wire name.
    pub tag: String,
    /// The value of the tag that selects this member.
    pub tag_value: String,
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub tag_value: String,
    /// The variant's Rust name.
    pub rust: String,
    /// The member object's Rust name, with what the variant shows of it.
    pub member: String,
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
    pub response: Ty,
    pub pagination: Option<Pagination>,
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

/// Cursor pagination, resolved: the response's items and has-more fields, the item type
/// and its cursor field, and the query parameter the cursor goes back in.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The response field holding the page's items; optional: absent is an empty page.
    pub items: PageKey,
    /// The items' type, with the response's type arguments put in.
    pub item: Ty,
    /// The item field the next cursor is taken from; optional: an item without one ends the listing.
    pub cursor_field: PageKey,
    /// The response's boolean field; optional: absent means no more pages.
    pub has_more: PageKey,
    /// The query parameter that carries the cursor; optional: not a required parameter.
    pub cursor_param: PageKey,
}

/// A field or parameter that pagination names, and whether it may be missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    pub wire: String,
    pub rust: String,
    pub optional: bool,
}
