//! Token helpers every emitter uses: identifiers (raw where written `r#`), doc attributes,
//! `#[deprecated]`, and Rust types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::Type;

/// An identifier, raw when written `r#...`.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc]` per line, each starting with a space, so prettyplease prints `/// line`.
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #(#[doc = #lines])* }
}

pub(crate) fn inner_docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #(#![doc = #lines])* }
}

pub(crate) fn deprecated(note: &Option<String>) -> TokenStream {
    match note.as_deref() {
        None => quote! {},
        Some("") => quote! { #[deprecated] },
        Some(note) => quote! { #[deprecated(note = #note)] },
    }
}

pub(crate) fn ty(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote! { String },
        Type::I64 => quote! { i64 },
        Type::F64 => quote! { f64 },
        Type::Bool => quote! { bool },
        Type::I32 => quote! { i32 },
        Type::DateTime => quote! { typed_api_runtime::DateTime },
        Type::UnixTime => quote! { typed_api_runtime::UnixTime },
        Type::Json => quote! { serde_json::Value },
        Type::Vec(inner) => {
            let inner = self::ty(inner);
            quote! { Vec<#inner> }
        }
        Type::Map(inner) => {
            let inner = self::ty(inner);
            quote! { std::collections::BTreeMap<String, #inner> }
        }
        Type::Param(name) => {
            let name = ident(name);
            quote! { #name }
        }
        Type::Named { name, args } => {
            let name = ident(name);
            if args.is_empty() {
                quote! { #name }
            } else {
                let args = args.iter().map(self::ty);
                quote! { #name<#(#args),*> }
            }
        }
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`: built with any
/// of `features`; nothing for none (always built).
pub(crate) fn cfg(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote! { #[cfg(feature = #one)] },
        several => quote! { #[cfg(any(#(feature = #several),*))] },
    }
}

/// `#[cfg(all(...))]` of several `any` lists (see [`cfg`]); one list is that list's `cfg`.
pub(crate) fn cfg_all(lists: &[Vec<String>]) -> TokenStream {
    let one = |features: &Vec<String>| match features.as_slice() {
        [one] => quote! { feature = #one },
        several => quote! { any(#(feature = #several),*) },
    };
    match lists {
        [] => TokenStream::new(),
        [only] => cfg(only),
        several => {
            let each = several.iter().map(one);
            quote! { #[cfg(all(#(#each),*))] }
        }
    }
}
