//! Operations → request builders: the parameter struct with its constructor and setters,
//! its `request::Operation` (and `Paginated`) impl, and, behind the `client` feature, the
//! `Client` method and `Call` setters. Each maps one IR field to tokens.

use proc_macro2::TokenStream;
use quote::quote;

use super::body::{self, argument};
use super::pagination::paginated_impl;
use super::tokens::{deprecated, docs, ident, ty};
use super::validate::check_call;
use crate::ir::{Encoding, Operation, Param, PathPart, Type};
use crate::values::ResponseBody;

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
    let fields = params
        .iter()
        .map(|p| {
            let field = ident(&p.name.rust);
            let field_ty = field_type(p);
            quote! { #field: #field_ty }
        })
        .chain(body::field(op));
    let (constructor, setters, body_setters) = (constructor(op), setters(op, false), body::setters(op, false));
    let from_body = op.body.as_ref().filter(|b| !b.whole).map(|b| body::from_body(b, required(op), optional(op)));
    // With nothing required, `new()` takes no arguments, and clippy expects `Default` too.
    let default = if required(op).chain(body::required(op)).next().is_none() && body::whole_argument(op).is_none() {
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
            #from_body
            #setters
            #body_setters
        }
        #default
        #operation
        #paginated
        #client
    }
}

fn required(op: &Operation) -> impl Iterator<Item = &Param> + Clone {
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

fn constructor(op: &Operation) -> TokenStream {
    let doc = docs(&op.constructor_docs);
    let args: Vec<TokenStream> = required(op)
        .chain(body::required(op))
        .map(|p| {
            let name = ident(&p.name.rust);
            let (arg_ty, _) = argument(p);
            quote! { #name: #arg_ty }
        })
        .chain(body::whole_argument(op))
        .collect();
    let inits = required(op).map(body::field_init);
    let unset = optional(op).map(|p| {
        let name = ident(&p.name.rust);
        quote! { #name: None }
    });
    let body = body::init(op);
    quote! {
        #doc
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits,)* #(#unset,)* #body }
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
    // Without a body, the response is `()` and the client reads nothing into it; a binary
    // one is the body's bytes.
    let (response, empty) = match (op.response_body, &op.response) {
        (ResponseBody::Json, Some(response)) => (ty(response), None),
        (ResponseBody::Binary, _) => (
            quote! { typed_api_runtime::Bytes },
            Some(quote! { const RESPONSE_BODY: crate::request::ResponseBody = crate::request::ResponseBody::Binary; }),
        ),
        _ => (
            quote! { () },
            Some(quote! { const RESPONSE_BODY: crate::request::ResponseBody = crate::request::ResponseBody::None; }),
        ),
    };
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
    let (validate_body, json_body) = body::operation_items(op);
    // Only where the operation has headers of its own: the trait's default is none.
    let headers = (!op.headers.is_empty()).then(|| {
        let pairs = op.headers.iter().map(|(name, value)| quote! { (#name, #value) });
        quote! { const HEADERS: &'static [(&'static str, &'static str)] = &[#(#pairs),*]; }
    });
    quote! {
        impl crate::request::Operation for #name {
            type Response = #response;
            const ID: &'static str = #id;
            const API: &'static typed_api_runtime::Api = &crate::API;
            const METHOD: typed_api_runtime::http::Method = typed_api_runtime::http::Method::#method;
            #headers
            #empty
            fn validate(&self) -> Result<(), crate::request::ValidationError> {
                #(#checks)*
                #validate_body
                Ok(())
            }
            fn write_path(&self, out: &mut String) {
                #(#path)*
            }
            fn write_query(&self, #query_arg: &mut crate::request::Query) {
                #(#query)*
            }
            #json_body
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
    let wire = quote! { #wire };
    let calls = p.checks.iter().map(|check| check_call(check, &wire, &text, &number));
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
    let body = match (&p.encoding, &p.ty) {
        (Encoding::Repeated, Type::Vec(item)) => {
            let push = push(quote! { item }, item);
            quote! {
                for item in #value {
                    #push
                }
            }
        }
        (Encoding::Keyed, _) => quote! {
            for (key, item) in #value {
                query.push_keyed(#wire, key, &item.to_string());
            }
        },
        (Encoding::Fields(fields), _) => {
            let pushes = fields.iter().map(|f| {
                let (field, key) = (ident(&f.name.rust), &f.name.wire);
                let text = if f.string {
                    quote! { item }
                } else {
                    quote! { &item.to_string() }
                };
                let push = quote! { query.push_keyed(#wire, #key, #text); };
                if f.optional {
                    quote! { if let Some(item) = &#value.#field { #push } }
                } else {
                    quote! { let item = &#value.#field; #push }
                }
            });
            quote! { #(#pushes)* }
        }
        _ => push(value, &p.ty),
    };
    when_set(p, body)
}

fn client(op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let method = ident(&op.name.rust);
    let doc = docs(&op.client_docs);
    let deprecated_attr = deprecated(&op.deprecated);
    let args = required(op)
        .chain(body::required(op))
        .map(|p| {
            let name = ident(&p.name.rust);
            let (arg_ty, _) = argument(p);
            quote! { #name: #arg_ty }
        })
        .chain(body::whole_argument(op));
    let whole = body::whole_argument(op).map(|_| quote! { body });
    let values = required(op).chain(body::required(op)).map(|p| {
        let name = ident(&p.name.rust);
        quote! { #name }
    });
    let values = values.chain(whole);
    let setters = setters(op, true);
    let body_setters = body::setters(op, true);
    let setters = quote! { #setters #body_setters };
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
