//! Pagination → the operation's `request::Paginated` impl: `next_page` for each paging style,
//! and `into_items`.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;

use super::tokens::{ident, ty};
use crate::ir::{Cursor, CursorFrom, Operation, PageField, PageStyle, Pagination};

pub(super) fn paginated_impl(op: &Operation) -> TokenStream {
    // Validate lets only an operation whose response is an object page.
    let (Some(p), Some(response)) = (&op.pagination, &op.response) else {
        return quote! {};
    };
    let name = ident(&op.type_name);
    let response = ty(response);
    let item = ty(&p.item);
    let items = ident(&p.items.name.rust);
    let empty = if !p.check_empty {
        quote! {}
    } else if p.items.optional {
        quote! {
            if page.#items.as_ref().is_none_or(Vec::is_empty) {
                return None;
            }
        }
    } else {
        quote! {
            if page.#items.is_empty() {
                return None;
            }
        }
    };
    let more = p.has_more.as_ref().map(|has_more| {
        let has_more_field = ident(&has_more.name.rust);
        let done = if has_more.optional {
            quote! { page.#has_more_field != Some(true) }
        } else {
            quote! { !page.#has_more_field }
        };
        quote! {
            if #done {
                return None;
            }
        }
    });
    let next = match &p.style {
        PageStyle::Cursor { forward, backward: None } => forward_only(p, forward),
        PageStyle::Cursor { forward, backward: Some(backward) } => both_ways(p, forward, backward),
        PageStyle::PageNumber { param, first } => page_number(param, *first),
        PageStyle::PageToken { param, field } => page_token(param, field),
    };
    let into_items = if p.items.optional {
        quote! { page.#items.unwrap_or_default() }
    } else {
        quote! { page.#items }
    };
    quote! {
        impl crate::request::Paginated for #name {
            type Item = #item;
            fn next_page(&self, page: &#response) -> Option<Self> {
                #empty
                #more
                #next
            }
            fn into_items(page: #response) -> Vec<#item> {
                #into_items
            }
        }
    }
}

/// The cursor `from` names, as an expression that returns `None` from `next_page` when
/// there is none.
fn cursor_value(p: &Pagination, from: &CursorFrom) -> TokenStream {
    let items = ident(&p.items.name.rust);
    let page_items = if p.items.optional {
        quote! { page.#items.as_ref()? }
    } else {
        quote! { page.#items }
    };
    let (owner, field) = match from {
        CursorFrom::LastItem(field) => (quote! { #page_items.last()? }, field),
        CursorFrom::FirstItem(field) => (quote! { #page_items.first()? }, field),
        CursorFrom::Page(field) => (quote! { page }, field),
    };
    let name = ident(&field.name.rust);
    if field.optional {
        quote! { #owner.#name.clone()? }
    } else {
        quote! { #owner.#name.clone() }
    }
}

/// Whether the request already has `cursor` in `param`, and the value that sets it.
fn current_and_set(param: &PageField) -> (TokenStream, TokenStream) {
    let name = ident(&param.name.rust);
    if param.optional {
        (quote! { self.#name.as_ref() == Some(&cursor) }, quote! { Some(cursor) })
    } else {
        (quote! { self.#name == cursor }, quote! { cursor })
    }
}

fn forward_only(p: &Pagination, forward: &Cursor) -> TokenStream {
    let cursor = cursor_value(p, &forward.from);
    let (current, set) = current_and_set(&forward.param);
    let param = ident(&forward.param.name.rust);
    quote! {
        let cursor = #cursor;
        // A server that answers a page with the cursor it was given would be asked
        // for the same page forever: that ends the listing instead.
        if #current {
            return None;
        }
        let mut next = self.clone();
        next.#param = #set;
        Some(next)
    }
}

/// A request with the backward parameter set continues backwards, and sends that cursor
/// alone. Both parameters are optional (validated).
fn both_ways(p: &Pagination, forward: &Cursor, backward: &Cursor) -> TokenStream {
    let (forward_cursor, backward_cursor) = (cursor_value(p, &forward.from), cursor_value(p, &backward.from));
    let (forward_current, forward_set) = current_and_set(&forward.param);
    let (backward_current, backward_set) = current_and_set(&backward.param);
    let (forward_param, backward_param) = (ident(&forward.param.name.rust), ident(&backward.param.name.rust));
    quote! {
        let mut next = self.clone();
        if self.#backward_param.is_some() {
            let cursor = #backward_cursor;
            if #backward_current {
                return None;
            }
            next.#backward_param = #backward_set;
            next.#forward_param = None;
        } else {
            let cursor = #forward_cursor;
            if #forward_current {
                return None;
            }
            next.#forward_param = #forward_set;
        }
        Some(next)
    }
}

fn page_number(param: &PageField, first: i64) -> TokenStream {
    let name = ident(&param.name.rust);
    let value = if param.optional {
        let first = Lit::i64_unsuffixed(first);
        quote! { Some(self.#name.unwrap_or(#first).checked_add(1)?) }
    } else {
        quote! { self.#name.checked_add(1)? }
    };
    quote! {
        let mut next = self.clone();
        next.#name = #value;
        Some(next)
    }
}

fn page_token(param: &PageField, field: &PageField) -> TokenStream {
    let field_name = ident(&field.name.rust);
    let cursor = if field.optional {
        quote! { page.#field_name.clone()? }
    } else {
        quote! { page.#field_name.clone() }
    };
    let (current, set) = current_and_set(param);
    let param = ident(&param.name.rust);
    quote! {
        let cursor = #cursor;
        // An empty token is no token; the one the request already had would ask for the
        // same page again.
        if cursor.is_empty() || #current {
            return None;
        }
        let mut next = self.clone();
        next.#param = #set;
        Some(next)
    }
}
