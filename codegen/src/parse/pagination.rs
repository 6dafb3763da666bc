//! Parsing an operation's `pagination`: its `style`, and the keys that style takes.

use serde_yaml::Value;

use super::reader::{Obj, kind};
use crate::ast::{Cursor, CursorFrom, PageStyle, Pagination, Spanned};
use crate::diagnostics::{Diagnostics, suggest};
use crate::node_path::NodePath;

const STYLES: [&str; 3] = ["cursor", "page_number", "page_token"];
const COMMON_KEYS: [&str; 3] = ["style", "items", "has_more"];
const CURSOR_KEYS: [&str; 4] = ["cursor_param", "cursor_from", "cursor_field", "backward"];
const PAGE_NUMBER_KEYS: [&str; 2] = ["page_param", "first_page"];
const PAGE_TOKEN_KEYS: [&str; 2] = ["token_param", "token_field"];

/// The keys of each style, besides the common ones.
fn style_keys(style: &str) -> &'static [&'static str] {
    match style {
        "cursor" => &CURSOR_KEYS,
        "page_number" => &PAGE_NUMBER_KEYS,
        "page_token" => &PAGE_TOKEN_KEYS,
        _ => &[],
    }
}

pub(super) fn pagination(value: &Value, path: &NodePath, d: &mut Diagnostics) -> Option<Pagination> {
    let hint =
        "give it a `style` (`cursor`, `page_number` or `page_token`) and that style's keys, as in spec/README.md";
    let obj = Obj::new(value, path, "`pagination`", hint, d)?;
    let style = obj.required_string("style", "add `style: cursor`, `style: page_number` or `style: page_token`", d)?;
    if !STYLES.contains(&style.value.as_str()) {
        d.error(
            &style.path,
            format!("unknown pagination style `{}`", style.value),
            Some(suggest(&style.value, &STYLES)),
        );
        return None;
    }
    known_keys(&obj, &style.value, d);
    let items = obj.required_string("items", "add the response field holding the items, e.g. `items: data`", d);
    let has_more = match style.value.as_str() {
        "cursor" => obj
            .required_string(
                "has_more",
                "add the boolean response field that says more pages follow, e.g. `has_more: has_more`",
                d,
            )
            .map(Some),
        _ => Some(obj.spanned_string("has_more", d)),
    };
    let style = match style.value.as_str() {
        "cursor" => cursor_style(&obj, d),
        "page_number" => page_number(&obj, d),
        _ => page_token(&obj, d),
    };
    Some(Pagination { items: items?, has_more: has_more?, style: style?, path: path.clone() })
}

/// Unknown keys, and keys of another style than `style` (named with the style they belong to).
fn known_keys(obj: &Obj<'_>, style: &str, d: &mut Diagnostics) {
    let own: Vec<&str> = COMMON_KEYS.iter().chain(style_keys(style)).copied().collect();
    for (key, _, path) in obj.entries(&mut Diagnostics::default()) {
        if own.contains(&key) {
            continue;
        }
        match STYLES.iter().find(|s| style_keys(s).contains(&key)) {
            Some(other) => d.error(
                &path,
                format!("`{key}` is a key of `style: {other}`, not of `style: {style}`"),
                Some(format!("remove it, or write `style: {other}` with that style's keys")),
            ),
            None => d.error(&path, format!("unknown key `{key}`"), Some(suggest(key, &own))),
        }
    }
}

fn cursor_style(obj: &Obj<'_>, d: &mut Diagnostics) -> Option<PageStyle> {
    let forward = cursor(obj, false, d);
    let backward = match obj.get("backward") {
        None => Some(None),
        Some((value, path)) => {
            let hint = "write `backward: { cursor_param: before, cursor_field: id }`";
            Obj::new(value, &path, "`backward`", hint, d).and_then(|backward| {
                backward.known(&["cursor_param", "cursor_from", "cursor_field"], d);
                cursor(&backward, true, d).map(Some)
            })
        }
    };
    Some(PageStyle::Cursor { forward: forward?, backward: backward? })
}

/// The keys of one direction: `cursor_param`, `cursor_field` and `cursor_from`.
fn cursor(obj: &Obj<'_>, backward: bool, d: &mut Diagnostics) -> Option<Cursor> {
    let (param_hint, field_hint) = if backward {
        (
            "add the query parameter carrying the cursor backwards, e.g. `cursor_param: before`",
            "add the field of the first item (or of the response, with `cursor_from: page`) that is the previous page's cursor, e.g. `cursor_field: id`",
        )
    } else {
        (
            "add the query parameter carrying the cursor, e.g. `cursor_param: after`",
            "add the field of the last item that is the next cursor, e.g. `cursor_field: id` (or a field of the response, with `cursor_from: page`)",
        )
    };
    let param = obj.required_string("cursor_param", param_hint, d);
    let field = obj.required_string("cursor_field", field_hint, d);
    let from = match obj.spanned_string("cursor_from", d) {
        None => Some(CursorFrom::Item),
        Some(Spanned { value, .. }) if value == "item" => Some(CursorFrom::Item),
        Some(Spanned { value, .. }) if value == "page" => Some(CursorFrom::Page),
        Some(Spanned { value, path }) => {
            let hint = "write `cursor_from: item` (a field of the items, the default) or `cursor_from: page` (a field of the response)";
            d.error(&path, format!("unknown `cursor_from` value `{value}`"), Some(hint.to_owned()));
            None
        }
    };
    Some(Cursor { param: param?, from: from?, field: field?, path: obj.path.clone() })
}

fn page_number(obj: &Obj<'_>, d: &mut Diagnostics) -> Option<PageStyle> {
    let page_param = obj.required_string(
        "page_param",
        "add the integer query parameter that carries the page number, e.g. `page_param: page`",
        d,
    );
    let first_page = match obj.get("first_page") {
        None => Some(None),
        Some((value, path)) => match value.as_i64() {
            Some(value) => Some(Some(Spanned { value, path })),
            None => {
                d.error(
                    &path,
                    format!("`first_page` must be a whole number, found {}", kind(value)),
                    Some(
                        "write the number of the first page, e.g. `first_page: 0`; without it, pages count from 1"
                            .into(),
                    ),
                );
                None
            }
        },
    };
    Some(PageStyle::PageNumber { page_param: page_param?, first_page: first_page? })
}

fn page_token(obj: &Obj<'_>, d: &mut Diagnostics) -> Option<PageStyle> {
    let token_param = obj.required_string(
        "token_param",
        "add the query parameter that carries the next page's token, e.g. `token_param: page`",
        d,
    );
    let token_field = obj.required_string(
        "token_field",
        "add the response field holding the next page's token, e.g. `token_field: next_page`",
        d,
    );
    Some(PageStyle::PageToken { token_param: token_param?, token_field: token_field? })
}
