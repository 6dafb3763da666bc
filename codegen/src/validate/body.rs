//! The request body: a method that sends one, an object type (named or defined in place)
//! whose fields become the builder's arguments and setters, sharing one namespace with the
//! parameters and none of the names the runtime gives builders.

use std::collections::BTreeMap;

use super::cx::Cx;
use super::pagination::Objects;
use crate::ast::{self, TypeRef};
use crate::naming;
use crate::node_path::NodePath;
use crate::resolved::{FieldType, Ty};
use crate::values::Presence;

/// Methods whose requests carry no body in HTTP's semantics (and in the official SDKs).
const WITHOUT_BODY: [&str; 3] = ["GET", "HEAD", "OPTIONS"];

/// Checks the body of `op`; `names` are its parameters' Rust names (the builder's other
/// methods). The body's type when it is a usable object.
pub(super) fn check(
    cx: &mut Cx<'_, '_>,
    op: &ast::Operation,
    body: &TypeRef,
    objects: &Objects<'_>,
    names: &BTreeMap<String, String>,
) -> Option<Ty> {
    let path = op.path.key("body");
    if WITHOUT_BODY.contains(&op.method.value.as_str()) {
        cx.error(
            &path,
            format!("a {} request has no body", op.method.value),
            "send the values as query parameters, or use the method the API documents (POST, PUT, PATCH or DELETE)",
        );
    }
    let ty = cx.ty(body, &[])?;
    let object = match &ty {
        Ty::Named { name, args } if args.is_empty() => objects.get(name),
        _ => None,
    };
    let Some(object) = object else {
        cx.error(
            &path,
            "a request body must be an object type without type arguments",
            "name an object type (`body: NewThing`) or define one in place (`body: { fields: { ... } }`)",
        );
        return None;
    };
    if let Ty::Named { name, .. } = &ty {
        check_field_names(cx, name, object, names);
    }
    Some(ty)
}

/// Each field the builder sets becomes a method (and, for an optional and nullable field, a
/// second one that sends `null`): no parameter's, no other field's, none the runtime's.
fn check_field_names(
    cx: &mut Cx<'_, '_>,
    type_name: &str,
    object: &crate::resolved::Object,
    params: &BTreeMap<String, String>,
) {
    let def = cx.symbols.def(type_name);
    // Errors point at the field as written (in the type, which may be shared with others).
    let field_path = |wire: &str| -> Option<NodePath> {
        let ast::TypeBody::Object { fields } = &def?.body else { return None };
        fields.iter().find(|f| f.wire == wire).map(|f| f.path.clone())
    };
    let mut taken: BTreeMap<String, String> =
        params.iter().map(|(rust, wire)| (rust.clone(), format!("parameter `{wire}`"))).collect();
    for field in object.fields.iter().filter(|f| matches!(f.ty, FieldType::Value(_))) {
        let method = naming::unraw(&field.rust).to_owned();
        let mut methods = vec![method.clone()];
        if field.presence == Presence::OptionalNullable {
            methods.push(format!("{method}_null"));
        }
        let Some(path) = field_path(&field.wire) else { continue };
        for method in methods {
            let what = format!("body field `{}`", field.wire);
            if naming::RESERVED_PARAM_NAMES.contains(&method.as_str()) {
                cx.error(
                    &path,
                    format!("{what} would become the method `{method}`, which request builders already have"),
                    format!("set `rust_name` on the field, e.g. `rust_name: {method}_value`"),
                );
            } else if let Some(other) = taken.insert(method.clone(), what.clone()) {
                cx.error(
                    &path,
                    format!("{what} and {other} both become the builder method `{method}`"),
                    "set `rust_name` on one of them",
                );
            }
        }
    }
}
