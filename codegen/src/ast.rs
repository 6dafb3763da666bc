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
    /// `request_id_headers: [request-id]`: where responses carry their request id.
    pub request_id_headers: Option<Spanned<Vec<Spanned<String>>>>,
    /// `error: { type: Problem, message: detail }`: the body of error responses.
    pub error: Option<ErrorShape>,
    /// `keep_unknown_fields: true`: every object keeps the fields the spec does not know,
    /// unless its type says otherwise.
    pub keep_unknown_fields: bool,
}

/// `error: { type: Problem, message: error.message }`
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorShape {
    /// The name of a type of the spec.
    pub ty: Spanned<String>,
    /// Dotted wire names leading to the message string.
    pub message: Option<Spanned<String>>,
    pub path: NodePath,
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
    /// `None` when the scheme is missing or unknown (already reported).
    pub scheme: Option<AuthScheme>,
    pub env: Option<Spanned<String>>,
    /// The key's header, for `api_key`.
    pub header: Option<Spanned<String>>,
    pub path: NodePath,
}

/// `auth.scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// No credentials (as if `auth` were left out).
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// The key alone in the header `header`.
    ApiKey,
}

/// A named type, or a type defined in place (then `name` is the optional `name:` key).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The key under `types`, or the inline `name:` if one was given.
    pub name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub deprecated: Option<String>,
    pub params: Vec<Spanned<String>>,
    /// `extends: Base` or `extends: [A, B]` on an object: the objects whose fields come first.
    pub extends: Vec<Spanned<String>>,
    pub body: TypeBody,
    /// `keep_unknown_fields:` as written on the type (objects only), overriding the API's.
    pub keep_unknown_fields: Option<Spanned<bool>>,
    /// `requires:` on an object: sets of its optional fields, one of which must be complete.
    pub requires: Option<FieldSets>,
    pub path: NodePath,
}

/// `requires: { any_of: [a, [b, c]] }` or `{ one_of: ... }`: sets of optional fields (a name
/// alone is a set of one) of which at least one (`any_of`) or exactly one (`one_of`) must be
/// complete, every field in it set: OpenAPI's `anyOf`/`oneOf` of `required` lists.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSets {
    pub exactly_one: bool,
    /// Each set's fields, by wire name, as written.
    pub sets: Vec<Vec<Spanned<String>>>,
    /// The `any_of`/`one_of` key.
    pub path: NodePath,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeBody {
    Object {
        fields: Vec<Field>,
    },
    Enum {
        values: Vec<EnumValue>,
    },
    Union {
        tag: Spanned<String>,
        /// `untagged: Member`: an object without the tag is this member.
        untagged: Option<Spanned<String>>,
        variants: Vec<Variant>,
    },
    /// `union: { kinds: { string: ..., array: ... } }`: a member per JSON kind.
    KindUnion {
        kinds: Vec<KindMember>,
    },
    Map {
        value: TypeRef,
        limits: MapLimits,
    },
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
    /// `value: { by: role, members: [A, B] }`: one of several members sharing the tag value,
    /// told apart by this field (each member one `Variant`, in the order listed).
    pub by: Option<Spanned<String>>,
    pub path: NodePath,
}

/// `string: array<Part>` under `kinds`: the JSON kind as written (checked by validate) and
/// the member type for values of that kind.
#[derive(Debug, Clone, PartialEq)]
pub struct KindMember {
    pub kind: String,
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
    /// The JSON request body's type.
    pub body: Option<TypeRef>,
    /// `None`: `response: none` or `response: binary` (which `response_body` tells apart).
    pub response: Option<TypeRef>,
    pub response_body: crate::values::ResponseBody,
    pub pagination: Option<Pagination>,
    /// Headers sent with this operation only.
    pub headers: Vec<(Spanned<String>, String)>,
    /// `group: Chat`: the Cargo feature the operation, and the types it uses, belong to.
    pub group: Option<Spanned<String>>,
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
    /// Required by `style: cursor`, optional for the other styles.
    pub has_more: Option<Spanned<String>>,
    pub style: PageStyle,
    pub path: NodePath,
}

/// What the `style` of a pagination says, with the keys that style takes.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// `style: cursor`: forwards, and backwards when the listing starts with `backward`'s parameter.
    Cursor { forward: Cursor, backward: Option<Cursor> },
    /// `style: page_number`: `page_param` counts up from `first_page` (1 unless given).
    PageNumber { page_param: Spanned<String>, first_page: Option<Spanned<i64>> },
    /// `style: page_token`: the response's `token_field` goes back in `token_param`.
    PageToken { token_param: Spanned<String>, token_field: Spanned<String> },
}

/// One direction of cursor paging: the parameter the cursor goes in, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub param: Spanned<String>,
    pub from: CursorFrom,
    /// A field of the item (the last one forwards, the first backwards) or of the response.
    pub field: Spanned<String>,
    pub path: NodePath,
}

/// `cursor_from`: `item` (the default) or `page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorFrom {
    Item,
    Page,
}
