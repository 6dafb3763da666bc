//! The spec as written: the parse stage's output and the validate stage's input.
//!
//! Every node keeps its [`NodePath`], so later stages can point at it. Nothing here is
//! checked beyond its YAML shape; names are still wire names and references unresolved.

use crate::node_path::NodePath;
use crate::values::{Constraints, Literal, MapLimits, Presence};

/// A string together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub api: Api,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: String,
    pub version: Option<String>,
    pub base_url: Spanned<String>,
    pub base_url_env: Option<String>,
    /// Where the API's documentation lives: relative links in descriptions resolve against it.
    pub docs_url: Option<String>,
    pub auth: Option<Auth>,
    pub headers: Vec<(Spanned<String>, String)>,
    /// The generated crate's name as Rust code writes it (`openai_run_steps`), for the
    /// crate docs' example; no example without it.
    pub rust_crate: Option<Spanned<String>>,
    /// Optional headers the client sets from a builder method or the environment.
    pub client_headers: Vec<ClientHeader>,
    /// `keep_unknown_fields: true`: every object keeps the fields the spec does not know,
    /// unless its type says otherwise.
    pub keep_unknown_fields: bool,
}

/// `organization: { header: OpenAI-Organization, env: OPENAI_ORG_ID, description: ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct ClientHeader {
    /// The builder method's name.
    pub setter: String,
    pub header: Spanned<String>,
    pub env: Option<String>,
    pub description: Option<String>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Auth {
    /// `Authorization: Bearer <key>`: the only scheme so far.
    pub env: Option<String>,
}

/// A named type, or a type defined in place (then `name` is the optional `name:` key).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The key under `types`, or the inline `name:` if one was given.
    pub name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub params: Vec<Spanned<String>>,
    pub body: TypeBody,
    /// `keep_unknown_fields:` as written on the type (objects only), overriding the API's.
    pub keep_unknown_fields: Option<Spanned<bool>>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeBody {
    Object { fields: Vec<Field> },
    Enum { values: Vec<EnumValue> },
    Union { tag: Spanned<String>, variants: Vec<Variant> },
    Map { value: TypeRef, limits: MapLimits },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire: String,
    pub rust_name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub ty: FieldType,
    pub presence: Presence,
    pub constraints: Constraints,
    /// `format:` as written, checked against the type by validate.
    pub format: Option<Spanned<String>>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Ref(TypeRef),
    Const(Spanned<String>),
}

/// Where a type is used: an expression naming it, or a definition in place.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Expr(Spanned<TypeExpr>),
    Array(Box<TypeRef>),
    Inline(Box<TypeDef>),
}

/// `Name` or `Name<Arg, ...>`; scalars, `array` and `map` are names too until resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub name: String,
    pub args: Vec<TypeExpr>,
    /// Character offset of `name` within the written expression, for error columns.
    pub offset: usize,
}

/// Written back as the spec would write it: `CursorPage<RunStep>`.
impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)?;
        if let Some((first, rest)) = self.args.split_first() {
            write!(f, "<{first}")?;
            for arg in rest {
                write!(f, ", {arg}")?;
            }
            f.write_str(">")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub value: String,
    pub rust_name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub tag_value: String,
    pub member: TypeRef,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub id: String,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub method: Spanned<String>,
    pub path_template: Spanned<String>,
    pub path_params: Vec<PathParam>,
    pub query: Vec<QueryParam>,
    pub response: TypeRef,
    pub pagination: Option<Pagination>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    pub wire: String,
    pub rust_name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryParam {
    pub wire: String,
    pub rust_name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub default: Option<Spanned<Literal>>,
    pub constraints: Constraints,
    /// `format:` as written, checked against the type by validate.
    pub format: Option<Spanned<String>>,
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub items: Spanned<String>,
    pub cursor_param: Spanned<String>,
    pub cursor_field: Spanned<String>,
    pub has_more: Spanned<String>,
    pub path: NodePath,
}
