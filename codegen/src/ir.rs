//! The intermediate model: plain data describing the Rust to emit, with every decision
//! already made (names, docs, which fields carry the tag, what is deprecated).
//!
//! The emit stage maps this to tokens one-to-one and decides nothing. Collections are
//! `Vec`s in a fixed order (modules by name, items in spec order), so the same spec
//! always gives the same output.

/// One generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Crate {
    pub api: ApiInfo,
    /// Sorted by name; one file each.
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiInfo {
    /// Crate-level documentation, one entry per line.
    pub docs: Vec<String>,
    pub base_url: String,
    pub base_url_env: Option<String>,
    pub api_key_env: Option<String>,
    pub version: Option<String>,
    /// Headers sent with every request, in spec order.
    pub headers: Vec<(String, String)>,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    Alias(Alias),
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    pub ty: Type,
    pub presence: Presence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`; absent is an error.
    Required,
    /// `Option<T>`; absent is an error unless `missing_as_null`, `None` encodes as `null`.
    Nullable { missing_as_null: bool },
    /// `Option<T>`; absent decodes as `None`, `None` is omitted.
    Optional,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    I64,
    F64,
    Bool,
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

/// A string enum; unknown values land in the fallback variant and encode back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub meta: Meta,
    pub variants: Vec<Variant>,
    /// `Unknown(String)`.
    pub fallback: Variant,
    /// For `const` fields: the index of the variant that is the `Default`.
    pub default: Option<usize>,
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
    pub variants: Vec<UnionVariant>,
    /// `Unknown(serde_json::Value)`.
    pub fallback: Variant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub variant: Variant,
    /// The member struct's Rust name.
    pub member: String,
}

/// `pub type Name = Target;`
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub meta: Meta,
    pub target: Type,
}
