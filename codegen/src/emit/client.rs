//! Emits `client.rs`: the runtime's client surface for this API (one macro call), the
//! builder methods only this API has (its key, its named headers), and the error type's
//! `from_error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{docs, ident, inner_docs};
use crate::ir::{ApiInfo, Auth};

pub fn module(api: &ApiInfo) -> TokenStream {
    let module_docs = inner_docs(&api.item_docs.client_module);
    let api_key = match &api.auth {
        Auth::Bearer { setter_docs, .. } | Auth::ApiKey { setter_docs, .. } => {
            let docs = docs(setter_docs);
            Some(quote! {
                #docs
                pub fn api_key(self, key: impl Into<String>) -> Self {
                    Self { inner: self.inner.api_key(key) }
                }
            })
        }
        Auth::None => None,
    };
    let headers = api.client_headers.iter().map(|h| {
        let (docs, setter, header) = (docs(&h.docs), ident(&h.setter), &h.header);
        quote! {
            #docs
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.header(#header, value)
            }
        }
    });
    let builder = (api_key.is_some() || !api.client_headers.is_empty()).then(|| {
        quote! {
            impl ClientBuilder {
                #api_key
                #(#headers)*
            }
        }
    });
    let from_error = api.error_type.as_ref().map(|error| {
        let (docs, name) = (docs(&error.docs), ident(&error.name));
        let allow = error.allow_deprecated.then(|| quote! { #[allow(deprecated)] });
        quote! {
            #allow
            impl crate::#name {
                #docs
                pub fn from_error(error: &Error) -> Option<Self> {
                    match error {
                        Error::Api(error) => error.decode_body(),
                        _ => None,
                    }
                }
            }
        }
    });
    quote! {
        #module_docs
        use crate::API;
        typed_api_runtime::__api_client!(API);
        #builder
        #from_error
    }
}
