//! Checks on every type the symbol table holds, dispatched on its kind: objects to
//! [`fields`](super::fields), enums and consts to [`enums`](super::enums), unions to
//! [`unions`](super::unions); the rules every named type shares are here.

use super::cx::Cx;
use super::symbols::{Symbol, SymbolKind};
use super::{enums, extends, field_sets, fields, formats, kinds, unions};
use crate::ast::{FieldType, Spanned, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::naming;
use crate::resolved::{self, Body, Object};
use crate::values::Scalar;

/// Checks and resolves every type, in definition order, so that "first" and "already" in
/// messages follow the file.
pub(super) fn check(cx: &mut Cx<'_, '_>) -> Vec<Option<resolved::TypeDef>> {
    let symbols = cx.symbols;
    let mut ordered: Vec<(&String, &Symbol<'_>)> = symbols.types.iter().collect();
    ordered.sort_by_key(|(_, symbol)| symbol.order);
    ordered.into_iter().map(|(name, symbol)| check_type(cx, name, symbol)).collect()
}

fn check_type<'a>(cx: &mut Cx<'_, 'a>, name: &str, symbol: &Symbol<'a>) -> Option<resolved::TypeDef> {
    let (body, deprecated) = match symbol.kind {
        SymbolKind::Def(def) => (check_def(cx, name, symbol, def), def.deprecated.clone()),
        SymbolKind::Const { field, value } => {
            let body =
                enums::check_const(cx, field, value).map(|variant| Body::Const { value: value.to_owned(), variant });
            (body, None)
        }
    };
    let description = match symbol.kind {
        SymbolKind::Def(def) => def.description.as_deref().or(symbol.fallback_description),
        SymbolKind::Const { field, .. } => field.description.as_deref(),
    };
    Some(resolved::TypeDef {
        name: name.to_owned(),
        module: symbol.module.clone(),
        description: description.map(str::to_owned),
        deprecated,
        body: body?,
    })
}

fn check_def<'a>(cx: &mut Cx<'_, 'a>, name: &str, symbol: &Symbol<'a>, def: &'a TypeDef) -> Option<Body> {
    check_description(cx, name, symbol, def);
    formats::check_keep_unknown_fields_kind(cx, def);
    check_params(cx, def);
    let scope: Vec<&str> = def.params.iter().map(|p| p.value.as_str()).collect();
    match &def.body {
        TypeBody::Object { fields } => {
            let keep_unknown_fields = formats::keep_unknown_fields(cx, def, fields);
            // Both checked before either stops, so that one run reports the problems of both.
            let own = def.requires.as_ref().map(|sets| field_sets::check(cx, def, sets));
            let fields = fields::check(cx, fields, &scope);
            let mut requires = field_sets::inherited(cx, def);
            match own {
                Some(Some(sets)) => requires.push(sets),
                Some(None) => return None,
                None => {}
            }
            let fields = fields?;
            let params = def.params.iter().map(|p| p.value.clone()).collect();
            let extends = extends::links(cx.symbols, def);
            Some(Body::Object(Object { params, fields, member_of: Vec::new(), extends, keep_unknown_fields, requires }))
        }
        TypeBody::Enum { values } => enums::check(cx, name, def, values).map(Body::Enum),
        TypeBody::Union { tag, untagged, variants } => {
            unions::check(cx, (name, def), tag, untagged.as_ref(), variants).map(Body::Union)
        }
        TypeBody::KindUnion { kinds } => kinds::check(cx, name, def, kinds).map(Body::KindUnion),
        TypeBody::Map { value, limits } => cx.ty(value, &scope).map(|value| {
            check_value_length(cx, def, &value, limits.max_value_length);
            let params = def.params.iter().map(|p| p.value.clone()).collect();
            Body::Map { params, value, limits: limits.clone() }
        }),
    }
}

/// `max_value_length` counts the characters of each value: the values must be strings.
fn check_value_length(cx: &mut Cx<'_, '_>, def: &TypeDef, value: &resolved::Ty, limit: Option<u64>) {
    if limit.is_some() && *value != resolved::Ty::Scalar(Scalar::String) {
        cx.error(
            &def.path.key("max_value_length"),
            "`max_value_length` applies to maps of `string` only",
            "remove it, or give the values' own type the limit (e.g. `max_length` on a field)",
        );
    }
}

/// Every type has a description: it becomes the type's doc comment. One defined in place
/// may have its holder's instead.
fn check_description(cx: &mut Cx<'_, '_>, name: &str, symbol: &Symbol<'_>, def: &TypeDef) {
    if def.description.is_none() && symbol.fallback_description.is_none() {
        let what = if symbol.path.segments().len() == 2 {
            format!("type `{name}` has no description")
        } else {
            format!("this inline type (`{name}` in Rust) has no description")
        };
        cx.error(&def.path, what, "add `description:`; it becomes the type's doc comment");
    }
}

fn check_params(cx: &mut Cx<'_, '_>, def: &TypeDef) {
    for (i, param) in def.params.iter().enumerate() {
        let name = &param.value;
        if naming::camel(name).ok().as_deref() != Some(name.as_str()) || naming::check_rust_name(name).is_err() {
            cx.error(
                &param.path,
                format!("`{name}` is not a valid type parameter"),
                "use an UpperCamelCase name such as `T`",
            );
        } else if cx.symbols.types.contains_key(name)
            || Scalar::from_name(name).is_some()
            || naming::RESERVED_TYPE_NAMES.contains(&name.as_str())
        {
            cx.error(
                &param.path,
                format!("type parameter `{name}` has the name of a type"),
                "rename the parameter, e.g. to `T`",
            );
        } else if def.params[..i].iter().any(|p| &p.value == name) {
            cx.error(
                &param.path,
                format!("type parameter `{name}` is listed twice"),
                "give each parameter its own name, e.g. `params: [K, V]`",
            );
        } else if !uses_param(def, name) {
            unused_param(cx, def, param);
        }
    }
}

/// Rust rejects a struct parameter no field uses (E0392), and an alias parameter its type
/// does not use (E0091).
fn unused_param(cx: &mut Cx<'_, '_>, def: &TypeDef, param: &Spanned<String>) {
    let name = &param.value;
    let (user, hint) = match def.body {
        TypeBody::Map { .. } => {
            ("the map's values", format!("use it in `map:`, e.g. `map: {name}` or `map: array<{name}>`, or remove it"))
        }
        _ => ("any field", format!("use it in a field, e.g. `data: {{ type: array<{name}>, ... }}`, or remove it")),
    };
    cx.error(&param.path, format!("type parameter `{name}` is not used by {user}"), hint);
}

/// Whether some field's type (or the map's value type) mentions `param`, at any depth: in
/// an expression or a map defined in place, not in an object defined in place, which
/// cannot use it.
fn uses_param(def: &TypeDef, param: &str) -> bool {
    fn in_expr(expr: &TypeExpr, param: &str) -> bool {
        expr.name == param || expr.args.iter().any(|a| in_expr(a, param))
    }
    fn in_ref(ty: &TypeRef, param: &str) -> bool {
        match ty {
            TypeRef::Expr(expr) => in_expr(&expr.value, param),
            TypeRef::Array(item) => in_ref(item, param),
            TypeRef::Inline(def) => matches!(&def.body, TypeBody::Map { value, .. } if in_ref(value, param)),
        }
    }
    match &def.body {
        TypeBody::Object { fields } => fields.iter().any(|f| matches!(&f.ty, FieldType::Ref(ty) if in_ref(ty, param))),
        TypeBody::Map { value, .. } => in_ref(value, param),
        TypeBody::Enum { .. } | TypeBody::Union { .. } | TypeBody::KindUnion { .. } => false,
    }
}
