//! Constraints (`minimum`, `maximum`, `min_length`, `max_length`, `min_items`, `max_items`)
//! must fit the type they constrain, be finite, and leave some value that satisfies them. A
//! `json` value, which may be anything, takes none.

use super::cx::Cx;
use super::refs;
use crate::ast::TypeRef;
use crate::node_path::NodePath;
use crate::values::{Constraints, Scalar};

/// The constraints `c` of a field or parameter of type `ty`, written at `path`.
pub(super) fn check(cx: &mut Cx<'_, '_>, c: &Constraints, ty: &TypeRef, path: &NodePath) {
    let scalar = refs::scalar(ty);
    if scalar == Some(Scalar::Json) {
        if *c != Constraints::default() {
            cx.error(
                path,
                "a `json` value takes no constraints",
                "remove them: any JSON value is accepted as it is; state the limits in the description",
            );
        }
        return;
    }
    check_kinds(cx, c, scalar, path);
    check_items(cx, c, refs::is_array(ty), path);
    check_finite(cx, c, path);
    if scalar == Some(Scalar::Integer) {
        check_whole_number_between(cx, c, path);
    }
    check_order(cx, c, path);
}

/// Bounds apply to numbers, lengths to strings.
fn check_kinds(cx: &mut Cx<'_, '_>, c: &Constraints, scalar: Option<Scalar>, path: &NodePath) {
    let numeric = matches!(scalar, Some(Scalar::Integer | Scalar::Number));
    let elsewhere = "remove them, and state the limit in the description";
    if (c.minimum.is_some() || c.maximum.is_some()) && !numeric {
        let hint = if scalar == Some(Scalar::String) {
            "for a string's length use `min_length`/`max_length`"
        } else {
            elsewhere
        };
        cx.error(path, "`minimum`/`maximum` apply to `integer` and `number` only", hint);
    }
    if (c.min_length.is_some() || c.max_length.is_some()) && scalar != Some(Scalar::String) {
        let hint = if numeric { "for a number's range use `minimum`/`maximum`" } else { elsewhere };
        cx.error(path, "`min_length`/`max_length` apply to `string` only", hint);
    }
}

/// Item counts apply to arrays.
fn check_items(cx: &mut Cx<'_, '_>, c: &Constraints, array: bool, path: &NodePath) {
    if (c.min_items.is_some() || c.max_items.is_some()) && !array {
        let hint = "for a string's length use `min_length`/`max_length`, for a map's size `max_entries` on a map type";
        cx.error(path, "`min_items`/`max_items` apply to `array<...>` only", hint);
    }
    if let (Some(min), Some(max)) = (c.min_items, c.max_items) {
        if min > max {
            let message = format!("`min_items` ({min}) is greater than `max_items` ({max})");
            cx.error(&path.key("min_items"), message, "swap them, or fix the one that is wrong");
        }
    }
}

fn check_finite(cx: &mut Cx<'_, '_>, c: &Constraints, path: &NodePath) {
    for (key, bound) in [("minimum", c.minimum), ("maximum", c.maximum)] {
        if bound.is_some_and(|b| !b.is_finite()) {
            cx.error(
                &path.key(key),
                format!("`{key}` must be a finite number"),
                "remove it for no limit, or write a number",
            );
        }
    }
}

/// Both bounds finite and in order, yet no whole number between them: nothing would pass.
fn check_whole_number_between(cx: &mut Cx<'_, '_>, c: &Constraints, path: &NodePath) {
    if let (Some(min), Some(max)) = (c.minimum, c.maximum) {
        if min.is_finite() && max.is_finite() && min <= max && min.ceil() > max.floor() {
            cx.error(
                &path.key("minimum"),
                format!("no integer lies between `minimum` ({min}) and `maximum` ({max})"),
                "widen the range to include a whole number",
            );
        }
    }
}

fn check_order(cx: &mut Cx<'_, '_>, c: &Constraints, path: &NodePath) {
    let swap = "swap them, or fix the one that is wrong";
    if let (Some(min), Some(max)) = (c.minimum, c.maximum) {
        if min > max {
            cx.error(&path.key("minimum"), format!("`minimum` ({min}) is greater than `maximum` ({max})"), swap);
        }
    }
    if let (Some(min), Some(max)) = (c.min_length, c.max_length) {
        if min > max {
            cx.error(
                &path.key("min_length"),
                format!("`min_length` ({min}) is greater than `max_length` ({max})"),
                swap,
            );
        }
    }
}
