//! The intermediate model: plain data describing the Rust to emit, with every decision
//! already made (names, docs, which fields carry the tag, what is deprecated).
//!
//! The emit stage maps this to tokens one-to-one and decides nothing. Collections are
//! `Vec`s in a fixed order (modules by name, items in spec order), so the same spec
//! always gives the same output.

mod operation;

pub use crate::values::{Constraints, JsonKind, Literal, MapLimits, Presence};
pub use operation::*;

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
    /// The field sets its `Validate` impl checks after the fields (`requires:`, its bases'
    /// first); empty when it has none or is never sent.
    pub field_sets: Vec<FieldSets>,
    /// With `keep_unknown_fields`: the doc lines of the field that keeps the fields the spec
    /// does not know (the runtime's `UnknownFields`, named `unknown_fields`).
    pub unknown_fields: Option<Vec<String>>,
    /// Its `Deserialize` is serde's derive (which keeping unknown fields needs, for `flatten`),
    /// not the map visitor the generator writes out for every other struct.
    pub derive_deserialize: bool,
}

/// Sets of optional fields of which at least one (`exactly_one`: exactly one) must have
/// every field set.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSets {
    pub exactly_one: bool,
    pub sets: Vec<Vec<Name>>,
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
    /// The variant (Rust name) an object without the tag decodes as.
    pub untagged: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Its name's wire form is the first tag value that selects it.
    pub variant: Variant,
    /// The other tag values that select it (a member tagged by an enum).
    pub other_tags: Vec<String>,
    /// The Rust name of the member's tag field when the tag's value varies (an enum): the
    /// union's `tag()` reads it there.
    pub tag_field: Option<String>,
    /// The member struct's Rust name.
    pub member: String,
    /// The member's struct has a field for the tag: it encodes the tag itself, and decodes
    /// it along with its other fields.
    pub carries_tag: bool,
    /// The variant holds `Box<Member>`: the member is far larger than the other variants.
    pub boxed: bool,
    /// Several members share the tag value: this one is tried, in order, when the field
    /// (wire name) has one of the values.
    pub shared: Option<(String, Vec<String>)>,
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
    /// A type or parameter is a `date-time` or `unixtime`: the runtime's `formats` feature.
    pub time_formats: bool,
}

/// The generated `src/properties.rs`: the testkit's checks on every model, on values derived
/// from the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyTests {
    /// The module's doc lines.
    pub docs: Vec<String>,
}
