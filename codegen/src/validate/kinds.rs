//! Checks on unions by JSON kind (`union: { kinds: { string: ..., array: ... } }`): at least
//! one member, each under the name of a JSON kind (a kind is a key, so two members of one
//! kind cannot be written), each of a type whose values are of that kind.

use super::cx::{Cx, all_of};
use super::symbols::SymbolKind;
use crate::ast::{KindMember, TypeBody, TypeDef};
use crate::diagnostics::suggest;
use crate::naming;
use crate::node_path::NodePath;
use crate::resolved::{self, Ty};
use crate::values::{JsonKind, Scalar};

pub(super) fn check(
    cx: &mut Cx<'_, '_>,
    name: &str,
    def: &TypeDef,
    kinds: &[KindMember],
) -> Option<resolved::KindUnion> {
    if kinds.is_empty() {
        cx.error(
            &def.path.key("union").key("kinds"),
            format!("union `{name}` has no kinds"),
            "add a member per JSON kind, e.g. `kinds: { string: string, array: array<Part> }`",
        );
    }
    let variants = all_of(kinds.iter().map(|member| check_member(cx, name, member)));
    Some(resolved::KindUnion { variants: variants? })
}

fn check_member(cx: &mut Cx<'_, '_>, union: &str, member: &KindMember) -> Option<resolved::KindVariant> {
    let kind = JsonKind::from_name(&member.kind);
    if kind.is_none() {
        let names = JsonKind::ALL.map(JsonKind::name);
        let hint = match member.kind.as_str() {
            "null" => "a union has no `null` member: make the field that holds it `nullable` or `optional`".to_owned(),
            "enum" | "const" => "write the values' kind, `string`, with an enum type as its member".to_owned(),
            other => suggest(other, &names),
        };
        cx.error(&member.path, format!("`{}` is not a JSON kind", member.kind), hint);
    }
    let ty = cx.ty(&member.member, &[]);
    let (kind, ty) = (kind?, ty?);
    let (description, deprecated) = check_fits(cx, union, kind, &ty, &member.path)?;
    // The kind names are plain words: their UpperCamelCase always makes a variant name.
    let rust = naming::camel(kind.name()).ok()?;
    Some(resolved::KindVariant { kind, rust, ty, member_description: description, member_deprecated: deprecated })
}

/// What a member of `kind` may be: its values must be of that kind. Gives the description
/// and deprecation of a named member type, which the variant shows.
fn check_fits(
    cx: &mut Cx<'_, '_>,
    union: &str,
    kind: JsonKind,
    ty: &Ty,
    at: &NodePath,
) -> Option<(Option<String>, Option<String>)> {
    let named = match ty {
        Ty::Named { name, .. } => cx.symbols.types.get(name).map(|s| (name.as_str(), s.kind)),
        _ => None,
    };
    let body = named.map(|(name, kind)| match kind {
        SymbolKind::Def(def) => (name, Some(&def.body), def.description.clone(), def.deprecated.clone()),
        SymbolKind::Const { .. } => (name, None, None, None),
    });
    // A const's type (no body here) is a one-value string enum.
    let fits = matches!(
        (kind, ty, &body),
        (JsonKind::String, Ty::Scalar(Scalar::String), _)
            | (JsonKind::Integer, Ty::Scalar(Scalar::Integer), _)
            | (JsonKind::Number, Ty::Scalar(Scalar::Number), _)
            | (JsonKind::Boolean, Ty::Scalar(Scalar::Boolean), _)
            | (JsonKind::Array, Ty::Array(_), _)
            | (JsonKind::Object, Ty::Map(_), _)
            | (JsonKind::String, _, Some((_, Some(TypeBody::Enum { .. }) | None, ..)))
            | (
                JsonKind::Object,
                _,
                Some((_, Some(TypeBody::Object { .. } | TypeBody::Union { .. } | TypeBody::Map { .. }), ..))
            )
    );
    if fits {
        return Some(body.map(|(_, _, d, dep)| (d, dep)).unwrap_or_default());
    }
    let (message, hint) = match body {
        _ if *ty == Ty::Scalar(Scalar::Json) => (
            format!("the `{}` member of `{union}` cannot be `json`, which has no single kind", kind.name()),
            match kind {
                JsonKind::Array => "write `array<json>` for any array".to_owned(),
                JsonKind::Object => "write `map<json>` for any object".to_owned(),
                other => format!("write `{}`", other.name()),
            } + "; a value of a kind no member takes is kept whole in `Unknown` already",
        ),
        Some((name, Some(TypeBody::KindUnion { .. }), ..)) => (
            format!("the `{}` member of `{union}` is `{name}`, itself a union by kind", kind.name()),
            "list its kinds in this union instead".to_owned(),
        ),
        _ => (
            format!("the `{}` member of `{union}` must have {} values", kind.name(), kind.name()),
            match kind {
                JsonKind::String => "write `string`, or name an enum type (its unknown values are kept)".to_owned(),
                JsonKind::Array => "write an array type such as `array<string>`".to_owned(),
                JsonKind::Object => {
                    "name an object type, a union tagged by a field, or a map such as `map<string>`".to_owned()
                }
                other => format!("write `{}`", other.name()),
            },
        ),
    };
    cx.error(at, message, hint);
    None
}
