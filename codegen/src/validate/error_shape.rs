//! `api.error`: the type of the API's error responses is an object or a union of the spec,
//! without type parameters, and its `message` names a string field through nested objects.

use super::cx::Cx;
use crate::ast::ErrorShape;
use crate::diagnostics::suggest;
use crate::resolved::{self, Body, FieldType, Object, Ty, TypeDef};
use crate::values::Scalar;

/// Checks `shape` against the resolved `types`; resolved when the type and path are right.
pub(super) fn check(
    cx: &mut Cx<'_, '_>,
    shape: &ErrorShape,
    types: &[Option<TypeDef>],
) -> Option<resolved::ErrorShape> {
    let name = &shape.ty.value;
    let Some(def) = cx.symbols.def(name) else {
        let written: Vec<&str> =
            cx.symbols.types.iter().filter(|(_, s)| s.path.segments().len() == 2).map(|(n, _)| n.as_str()).collect();
        cx.error(&shape.ty.path, format!("unknown type `{name}`"), suggest(name, &written));
        return None;
    };
    cx.refs.entry(name.clone()).or_default().push(shape.ty.path.clone());
    if !def.params.is_empty() {
        cx.error(
            &shape.ty.path,
            format!("the error type `{name}` has type parameters"),
            "name a type without parameters; define one for the error body if need be",
        );
        return None;
    }
    let body = &types.iter().flatten().find(|t| &t.name == name)?.body;
    let top = match body {
        Body::Object(object) => Some(object),
        Body::Union(_) => None,
        _ => {
            cx.error(
                &shape.ty.path,
                format!("the error type `{name}` is not an object or a union"),
                "name the object (or union) an error response's JSON body decodes as",
            );
            return None;
        }
    };
    let message = match &shape.message {
        None => Vec::new(),
        Some(message) => {
            let keys: Vec<String> = message.value.split('.').map(str::to_owned).collect();
            if let Err((problem, hint)) = check_message(top, name, &keys, types) {
                cx.error(&message.path, problem, hint);
                return None;
            }
            keys
        }
    };
    Some(resolved::ErrorShape { type_name: name.clone(), message, deprecated: def.deprecated.is_some() })
}

/// Walks `keys` from `top` (the error type, `name`): every key but the last a field holding
/// an object, the last a `string` field. The error says where the walk stopped, and why.
fn check_message(
    top: Option<&Object>,
    name: &str,
    keys: &[String],
    types: &[Option<TypeDef>],
) -> Result<(), (String, String)> {
    let (mut object, mut shown) = (top, name.to_owned());
    for (i, key) in keys.iter().enumerate() {
        let Some(current) = object else {
            return Err((
                format!("`{shown}` is not an object, so it has no field `{key}`"),
                "the message path names fields of objects, from the error type down".to_owned(),
            ));
        };
        let Some(field) = current.fields.iter().find(|f| &f.wire == key) else {
            let fields: Vec<&str> = current.fields.iter().map(|f| f.wire.as_str()).collect();
            return Err((format!("`{shown}` has no field `{key}`"), suggest(key, &fields)));
        };
        let last = i + 1 == keys.len();
        match (&field.ty, last) {
            (FieldType::Value(Ty::Scalar(Scalar::String)), true) => return Ok(()),
            (_, true) => {
                return Err((
                    format!("the message field `{key}` of `{shown}` is not a `string`"),
                    "name the string field that holds the error's message for people".to_owned(),
                ));
            }
            (FieldType::Value(Ty::Named { name, args }), false) if args.is_empty() => {
                object = types.iter().flatten().find(|t| &t.name == name).and_then(|t| match &t.body {
                    Body::Object(object) => Some(object),
                    _ => None,
                });
                shown = name.clone();
            }
            _ => {
                object = None;
                shown = format!("{shown}.{key}");
            }
        }
    }
    // `split` gives at least one key, and the last one returns above.
    Ok(())
}
