//! The Rust names of fields and parameters: a `rust_name` checked as written, else the
//! snake_case of the wire name; where neither makes a name, an error that says what to write.

use super::cx::Cx;
use crate::ast::{Field, Spanned};
use crate::naming;
use crate::node_path::NodePath;

/// The Rust name of a field, reporting why there is none.
pub(super) fn field_rust_name(cx: &mut Cx<'_, '_>, field: &Field) -> Option<String> {
    match &field.rust_name {
        Some(name) => match naming::check_snake_rust_name(&name.value) {
            Ok(()) => Some(name.value.clone()),
            Err(problem) => {
                cx.error(&name.path, format!("invalid `rust_name`: {problem}"), rust_name_hint(&name.value, true));
                None
            }
        },
        None => match naming::snake(&field.wire) {
            Ok(name) => Some(name),
            Err(problem) => {
                cx.error(
                    &field.path,
                    format!("invalid field name: {problem}"),
                    "set `rust_name` to choose the Rust name",
                );
                None
            }
        },
    }
}

/// The Rust name of a path or query parameter, reporting why there is none.
pub(super) fn param_rust_name(
    cx: &mut Cx<'_, '_>,
    rust_name: Option<&Spanned<String>>,
    wire: &str,
    path: &NodePath,
) -> Option<String> {
    let result = match rust_name {
        Some(name) => naming::check_snake_rust_name(&name.value)
            .map(|()| name.value.clone())
            .map_err(|p| (p, &name.path, rust_name_hint(&name.value, true))),
        None => naming::snake(wire)
            .map_err(|p| (p, path, "set `rust_name` to choose the Rust name, e.g. `rust_name: include`".to_owned())),
    };
    match result {
        Ok(name) => Some(name),
        Err((problem, at, hint)) => {
            cx.error(at, format!("invalid parameter name: {problem}"), hint);
            None
        }
    }
}

/// What to write instead of an invalid `rust_name` (`snake`: of a field or parameter, else
/// of a variant): the name in the right case (`Include` → `include`, `type` → `r#type`),
/// or, where that only appends `_` (`Self` → `Self_`), a name with a word added.
pub(super) fn rust_name_hint(name: &str, snake: bool) -> String {
    let case = |n: &str| if snake { naming::snake(n) } else { naming::camel(n) };
    let valid = |n: &String| {
        if snake { naming::check_snake_rust_name(n).is_ok() } else { naming::check_camel_rust_name(n).is_ok() }
    };
    let base = naming::unraw(name);
    match case(base).ok().filter(valid) {
        Some(fixed) if fixed != name && !fixed.ends_with('_') => format!("write `rust_name: {fixed}`"),
        _ => match case(&format!("{base} value")).ok().filter(valid) {
            Some(other) => format!("choose another name, such as `rust_name: {other}`"),
            None => "choose a name made of letters, digits and `_`".to_owned(),
        },
    }
}
