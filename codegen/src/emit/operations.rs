//! Operations → request builders: the parameter struct with its constructor and setters,
//! its `request::Operation` (and `Paginated`) impl, and, behind the `client` feature, the
//! `Client` method and `Call` setters. Each maps one IR field to tokens.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;

use super::tokens::{deprecated, docs, ident, ty};
use crate::ir::{Arg, Check, Encoding, Literal, Operation, Param, PathPart, Type};

pub fn module(op: &Operation) -> TokenStream {
    let imports = if op.uses_models {
        quote! { use crate::models::*; }
    } else {
        quote! {}
    };
    // One allow for the whole file, which names the operation, its setters and its types.
    let allow = op.allow_deprecated.then(|| quote! { #![allow(deprecated)] });
    let name = ident(&op.type_name);
    let doc = docs(&op.docs);
    let deprecated_attr = deprecated(&op.deprecated);
    let params: Vec<&Param> = required(op).chain(optional(op)).collect();
    let fields = params.iter().map(|p| {
        let field = ident(&p.name.rust);
        let field_ty = field_type(p);
        quote! { #field: #field_ty }
    });
    let (constructor, setters) = (constructor(op), setters(op, false));
    // With nothing required, `new()` takes no arguments, and clippy expects `Default` too.
    let default = if required(op).next().is_none() {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    } else {
        quote! {}
    };
    let operation = operation_impl(op);
    let paginated = paginated_impl(op);
    let client = client(op);
    quote! {
        #allow
        #imports
        #doc
        #deprecated_attr
        #[derive(Debug, Clone, PartialEq)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            #(#fields),*
        }
        impl #name {
            #constructor
            #setters
        }
        #default
        #operation
        #paginated
        #client
    }
}

fn required(op: &Operation) -> impl Iterator<Item = &Param> {
    op.path_params.iter().chain(op.query.iter().filter(|p| p.required))
}

fn optional(op: &Operation) -> impl Iterator<Item = &Param> {
    op.query.iter().filter(|p| !p.required)
}

fn field_type(p: &Param) -> TokenStream {
    let inner = ty(&p.ty);
    if p.required {
        inner
    } else {
        quote! { Option<#inner> }
    }
}

/// The argument type a constructor or setter takes, and how it becomes the field's value.
fn argument(p: &Param) -> (TokenStream, TokenStream) {
    let name = ident(&p.name.rust);
    match (p.arg, &p.ty) {
        (Arg::IntoString, _) => (quote! { impl Into<String> }, quote! { #name.into() }),
        (Arg::Into, ty) => {
            let ty = self::ty(ty);
            (quote! { impl Into<#ty> }, quote! { #name.into() })
        }
        (Arg::Iter, Type::Vec(item)) => {
            let item = ty(item);
            (quote! { impl IntoIterator<Item = #item> }, quote! { #name.into_iter().collect() })
        }
        _ => (ty(&p.ty), quote! { #name }),
    }
}

fn constructor(op: &Operation) -> TokenStream {
    let doc = docs(&op.constructor_docs);
    let args: Vec<TokenStream> = required(op)
        .map(|p| {
            let name = ident(&p.name.rust);
            let (arg_ty, _) = argument(p);
            quote! { #name: #arg_ty }
        })
        .collect();
    let inits = required(op).map(|p| {
        let name = ident(&p.name.rust);
        let (_, value) = argument(p);
        quote! { #name: #value }
    });
    let unset = optional(op).map(|p| {
        let name = ident(&p.name.rust);
        quote! { #name: None }
    });
    quote! {
        #doc
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits,)* #(#unset),* }
        }
    }
}

/// One setter per optional parameter: on the builder itself, or (`on_call`) on `Call`,
/// where it changes the call's builder.
fn setters(op: &Operation, on_call: bool) -> TokenStream {
    let setters = optional(op).map(|p| {
        let name = ident(&p.name.rust);
        let doc = if on_call { docs(&p.call_docs) } else { docs(&p.docs) };
        let deprecated_attr = deprecated(&p.deprecated);
        let (arg_ty, value) = argument(p);
        let body = if on_call {
            // `__request`, not a name a parameter could have: the closure must not shadow it.
            quote! { self.map(|__request| __request.#name(#name)) }
        } else {
            quote! {
                self.#name = Some(#value);
                self
            }
        };
        let receiver = if on_call {
            quote! { self }
        } else {
            quote! { mut self }
        };
        quote! {
            #doc
            #deprecated_attr
            pub fn #name(#receiver, #name: #arg_ty) -> Self {
                #body
            }
        }
    });
    quote! { #(#setters)* }
}

fn operation_impl(op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let response = ty(&op.response);
    let id = &op.name.wire;
    let method = ident(&op.method);
    let checks = op.path_params.iter().chain(&op.query).map(checks);
    let path = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote! { out.push_str(#text); },
        PathPart::Param(param) => {
            let param = ident(param);
            quote! { crate::request::push_path_segment(out, &self.#param); }
        }
    });
    let query = op.query_wire_order.iter().filter_map(|&i| op.query.get(i)).map(query_pairs);
    let query_arg = if op.query.is_empty() {
        quote! { _query }
    } else {
        quote! { query }
    };
    quote! {
        impl crate::request::Operation for #name {
            type Response = #response;
            const ID: &'static str = #id;
            const API: &'static typed_api_runtime::Api = &crate::API;
            const METHOD: typed_api_runtime::http::Method = typed_api_runtime::http::Method::#method;
            fn validate(&self) -> Result<(), crate::request::ValidationError> {
                #(#checks)*
                Ok(())
            }
            fn write_path(&self, out: &mut String) {
                #(#path)*
            }
            fn write_query(&self, #query_arg: &mut crate::request::Query) {
                #(#query)*
            }
        }
    }
}

/// The parameter's checks, one call each: on the field itself when it is required, on its
/// value when it is set otherwise.
fn checks(p: &Param) -> TokenStream {
    if p.checks.is_empty() {
        return quote! {};
    }
    let wire = &p.name.wire;
    let name = ident(&p.name.rust);
    // Strings are checked by reference, numbers by value.
    let (text, number) = if p.required {
        (quote! { &self.#name }, quote! { self.#name })
    } else {
        (quote! { value }, quote! { *value })
    };
    let calls = p.checks.iter().map(|check| match check {
        Check::PathSegment => quote! { crate::request::check::path_segment(#wire, #text)?; },
        Check::Finite => quote! { crate::request::check::finite(#wire, #number)?; },
        Check::Minimum(bound) => {
            let bound = literal(bound);
            quote! { crate::request::check::minimum(#wire, #number, #bound)?; }
        }
        Check::Maximum(bound) => {
            let bound = literal(bound);
            quote! { crate::request::check::maximum(#wire, #number, #bound)?; }
        }
        Check::MinLength(n) => quote! { crate::request::check::min_length(#wire, #text, #n)?; },
        Check::MaxLength(n) => quote! { crate::request::check::max_length(#wire, #text, #n)?; },
    });
    when_set(p, quote! { #(#calls)* })
}

/// `body` as it is for a required parameter; inside `if let Some(value)` for an optional one.
fn when_set(p: &Param, body: TokenStream) -> TokenStream {
    if p.required {
        return body;
    }
    let name = ident(&p.name.rust);
    quote! {
        if let Some(value) = &self.#name {
            #body
        }
    }
}

fn query_pairs(p: &Param) -> TokenStream {
    let wire = &p.name.wire;
    let name = ident(&p.name.rust);
    let value = if p.required {
        quote! { &self.#name }
    } else {
        quote! { value }
    };
    let push = |value: TokenStream, ty: &Type| match ty {
        Type::String => quote! { query.push(#wire, #value); },
        _ => quote! { query.push_display(#wire, #value); },
    };
    let body = match (p.encoding, &p.ty) {
        (Encoding::Repeated, Type::Vec(item)) => {
            let push = push(quote! { item }, item);
            quote! {
                for item in #value {
                    #push
                }
            }
        }
        _ => push(value, &p.ty),
    };
    when_set(p, body)
}

fn literal(value: &Literal) -> TokenStream {
    match value {
        Literal::Int(i) => {
            let lit = Lit::i64_unsuffixed(*i);
            quote! { #lit }
        }
        Literal::Float(f) => {
            let lit = Lit::f64_unsuffixed(*f);
            quote! { #lit }
        }
        Literal::Bool(b) => quote! { #b },
        Literal::Str(s) => quote! { #s },
    }
}

fn paginated_impl(op: &Operation) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote! {};
    };
    let name = ident(&op.type_name);
    let response = ty(&op.response);
    let item = ty(&p.item);
    let items = ident(&p.items.rust);
    let has_more = ident(&p.has_more.rust);
    let cursor_field = ident(&p.cursor_field.rust);
    let cursor_param = ident(&p.cursor_param.rust);
    let more = if p.has_more_optional {
        quote! { page.#has_more != Some(true) }
    } else {
        quote! { !page.#has_more }
    };
    let page_items = if p.items_optional {
        quote! { page.#items.as_ref()? }
    } else {
        quote! { page.#items }
    };
    let cursor = if p.cursor_optional {
        quote! { #page_items.last()?.#cursor_field.clone()? }
    } else {
        quote! { #page_items.last()?.#cursor_field.clone() }
    };
    let (set, current) = if p.cursor_param_required {
        (quote! { cursor }, quote! { self.#cursor_param == cursor })
    } else {
        (quote! { Some(cursor) }, quote! { self.#cursor_param.as_ref() == Some(&cursor) })
    };
    let into_items = if p.items_optional {
        quote! { page.#items.unwrap_or_default() }
    } else {
        quote! { page.#items }
    };
    quote! {
        impl crate::request::Paginated for #name {
            type Item = #item;
            fn next_page(&self, page: &#response) -> Option<Self> {
                if #more {
                    return None;
                }
                let cursor = #cursor;
                // A server that answers a page with the cursor it was given would be asked
                // for the same page forever: that ends the listing instead.
                if #current {
                    return None;
                }
                let mut next = self.clone();
                next.#cursor_param = #set;
                Some(next)
            }
            fn into_items(page: #response) -> Vec<#item> {
                #into_items
            }
        }
    }
}

fn client(op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let method = ident(&op.name.rust);
    let doc = docs(&op.client_docs);
    let deprecated_attr = deprecated(&op.deprecated);
    let args = required(op).map(|p| {
        let name = ident(&p.name.rust);
        let (arg_ty, _) = argument(p);
        quote! { #name: #arg_ty }
    });
    let values = required(op).map(|p| ident(&p.name.rust));
    let setters = setters(op, true);
    let setters = if setters.is_empty() {
        quote! {}
    } else {
        quote! {
            #[cfg(feature = "client")]
            impl crate::client::Call<#name> {
                #setters
            }
        }
    };
    quote! {
        #[cfg(feature = "client")]
        impl crate::client::ApiOperation for #name {}
        #[cfg(feature = "client")]
        impl crate::client::Client {
            #doc
            #deprecated_attr
            pub fn #method(&self, #(#args),*) -> crate::client::Call<#name> {
                self.call(#name::new(#(#values),*))
            }
        }
        #setters
    }
}
