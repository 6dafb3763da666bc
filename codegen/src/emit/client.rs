//! Emits `client.rs`: the runtime's client surface for this API (one macro call), and the
//! builder methods only this API has (its key, its named headers).

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{docs, ident, inner_docs};
use crate::ir::{ApiInfo, Auth};

pub fn module(api: &ApiInfo) -> TokenStream {
    let module_docs = inner_docs(&api.item_docs.client_module);
    let api_key = match &api.auth {
        Auth::Bearer { setter_docs, .. } => {
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
    quote! {
        #module_docs
        use crate::API;
        typed_api_runtime::__api_client!(API);
        #builder
    }
}
