//! A request builder's body: the `body` field, its part of the constructor, the setters of
//! its optional fields (with `_null` setters for optional and nullable ones), `from_body`,
//! and the `json_body` and validation of the `Operation` impl.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, docs, ident, ty};
use crate::ir::{Arg, Operation, Param, Presence, RequestBody, Type};

/// The argument type a constructor or setter takes, and how it becomes the value.
pub(super) fn argument(p: &Param) -> (TokenStream, TokenStream) {
    let name = ident(&p.name.rust);
    match (p.arg, &p.ty) {
        (Arg::IntoString, _) => (quote! { impl Into<String> }, quote! { #name.into() }),
        (Arg::Into, ty) => {
            let ty = super::tokens::ty(ty);
            (quote! { impl Into<#ty> }, quote! { #name.into() })
        }
        (Arg::Iter, Type::Vec(item)) => {
            let item = ty(item);
            (quote! { impl IntoIterator<Item = #item> }, quote! { #name.into_iter().collect() })
        }
        (Arg::Nullable, inner) => {
            let inner = ty(inner);
            (quote! { Option<#inner> }, quote! { #name })
        }
        _ => (ty(&p.ty), quote! { #name }),
    }
}

/// `name: value` in a struct literal, or the shorthand `name` where the value is the
/// argument itself (clippy's `redundant_field_names`).
pub(super) fn field_init(p: &Param) -> TokenStream {
    let name = ident(&p.name.rust);
    match p.arg {
        Arg::Plain | Arg::Nullable => quote! { #name },
        Arg::IntoString | Arg::Into | Arg::Iter => {
            let (_, value) = argument(p);
            quote! { #name: #value }
        }
    }
}

/// The body's required fields: constructor arguments after the parameters (none when the
/// body is taken whole).
pub(super) fn required(op: &Operation) -> impl Iterator<Item = &Param> {
    op.body.iter().filter(|b| !b.whole).flat_map(|b| b.fields.iter().map(|f| &f.param).filter(|p| p.required))
}

/// `body: NewThing` as the constructor's last argument, when the body is taken whole.
pub(super) fn whole_argument(op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref().filter(|b| b.whole)?;
    let body = ty(&body.ty);
    Some(quote! { body: #body })
}

/// `body: NewThing,` among the builder's fields.
pub(super) fn field(op: &Operation) -> Option<TokenStream> {
    let body = ty(&op.body.as_ref()?.ty);
    Some(quote! { body: #body })
}

/// The constructor's `body: NewThing { ... }`: arguments, `None` for the optional fields,
/// the one value of each `const` field.
pub(super) fn init(op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    if body.whole {
        return Some(quote! { body });
    }
    let Type::Named { name, .. } = &body.ty else { return None };
    let name = ident(name);
    let fields = body.fields.iter().map(|f| {
        if f.param.required {
            field_init(&f.param)
        } else {
            let field = ident(&f.param.name.rust);
            quote! { #field: None }
        }
    });
    let fixed = body.fixed.iter().map(|f| {
        let f = ident(f);
        quote! { #f: Default::default() }
    });
    Some(quote! { body: #name { #(#fields,)* #(#fixed,)* } })
}

/// One setter per optional body field, and one more sending `null` for each optional and
/// nullable one: on the builder, or (`on_call`) on `Call`, changing its builder.
pub(super) fn setters(op: &Operation, on_call: bool) -> TokenStream {
    let Some(body) = &op.body else {
        return quote! {};
    };
    let receiver = if on_call {
        quote! { self }
    } else {
        quote! { mut self }
    };
    let setters = body.fields.iter().filter(|f| !f.param.required).map(|f| {
        let p = &f.param;
        let name = ident(&p.name.rust);
        let deprecated_attr = deprecated(&p.deprecated);
        let (arg_ty, value) = argument(p);
        let set = match f.presence {
            Presence::OptionalNullable => quote! { Some(Some(#value)) },
            _ => quote! { Some(#value) },
        };
        let (doc, body) = if on_call {
            (docs(&p.call_docs), quote! { self.map(|__request| __request.#name(#name)) })
        } else {
            (docs(&p.docs), quote! { self.body.#name = #set; self })
        };
        let null = f.null_setter.as_ref().map(|null| {
            let setter = ident(&null.name);
            let (doc, body) = if on_call {
                (docs(&null.call_docs), quote! { self.map(|__request| __request.#setter()) })
            } else {
                (docs(&null.docs), quote! { self.body.#name = Some(None); self })
            };
            quote! {
                #doc
                #deprecated_attr
                pub fn #setter(#receiver) -> Self {
                    #body
                }
            }
        });
        quote! {
            #doc
            #deprecated_attr
            pub fn #name(#receiver, #name: #arg_ty) -> Self {
                #body
            }
            #null
        }
    });
    quote! { #(#setters)* }
}

/// `from_body(path params, required query params, body)`: the body given whole.
pub(super) fn from_body<'p>(
    body: &RequestBody,
    own_required: impl Iterator<Item = &'p Param> + Clone,
    own_optional: impl Iterator<Item = &'p Param>,
) -> TokenStream {
    let doc = docs(&body.from_body_docs);
    let body_ty = ty(&body.ty);
    let args = own_required.clone().map(|p| {
        let name = ident(&p.name.rust);
        let (arg_ty, _) = argument(p);
        quote! { #name: #arg_ty, }
    });
    let inits = own_required.map(|p| {
        let init = field_init(p);
        quote! { #init, }
    });
    let unset = own_optional.map(|p| {
        let name = ident(&p.name.rust);
        quote! { #name: None, }
    });
    quote! {
        #doc
        pub fn from_body(#(#args)* body: #body_ty) -> Self {
            Self { #(#inits)* #(#unset)* body }
        }
    }
}

/// The `Operation` impl's part: the whole body checked, then written as JSON.
pub(super) fn operation_items(op: &Operation) -> (TokenStream, TokenStream) {
    let Some(body) = &op.body else {
        return (quote! {}, quote! {});
    };
    let validate = body.validated.then(|| quote! { crate::request::Validate::validate(&self.body)?; });
    let json_body = quote! {
        fn json_body(&self) -> Result<Option<Vec<u8>>, crate::request::ValidationError> {
            crate::request::json_body(&self.body)
        }
    };
    (quote! { #validate }, json_body)
}
