//! Stage 4, emit: the intermediate model → token trees (`quote!`), one `syn::File` per
//! output file. Mechanical by design: every choice was made in the intermediate model.

mod models;
mod operations;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{self, Type};

/// A file of the generated crate, as tokens, with its path under the crate's `src/`.
pub struct EmittedFile {
    pub path: String,
    pub file: syn::File,
}

/// Tokens that did not parse as a file: a bug in the emitter, never in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError(pub String);

pub fn emit(krate: &ir::Crate) -> Result<Vec<EmittedFile>, EmitError> {
    let mut files = vec![file("lib.rs", lib(krate))?, file("models/mod.rs", models_mod(krate))?];
    for module in &krate.modules {
        files.push(file(&format!("models/{}.rs", module.name), models::module(module))?);
    }
    if !krate.operations.is_empty() {
        files.push(file("operations/mod.rs", operations_mod(krate))?);
    }
    for op in &krate.operations {
        files.push(file(&format!("operations/{}.rs", op.module), operations::module(op))?);
    }
    Ok(files)
}

fn file(path: &str, tokens: TokenStream) -> Result<EmittedFile, EmitError> {
    let tokens = quote! {
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #tokens
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => Ok(EmittedFile { path: path.to_owned(), file }),
        Err(error) => Err(EmitError(format!("emitted tokens for {path} do not parse: {error}"))),
    }
}

fn lib(krate: &ir::Crate) -> TokenStream {
    let api = &krate.api;
    let docs = inner_docs(&api.docs);
    let base_url = &api.base_url;
    let base_url_env = api.base_url_env.as_ref().map(|env| {
        quote! {
            /// The environment variable that overrides [`BASE_URL`].
            pub const BASE_URL_ENV: &str = #env;
        }
    });
    let api_key_env = api.api_key_env.as_ref().map(|env| {
        quote! {
            /// The environment variable that holds the API key, sent as `Authorization: Bearer <key>`.
            pub const API_KEY_ENV: &str = #env;
        }
    });
    let version = api.version.as_ref().map(|version| {
        quote! {
            /// The version of the upstream API description this crate was generated from.
            pub const API_VERSION: &str = #version;
        }
    });
    let headers = api.headers.iter().map(|(name, value)| quote! { (#name, #value) });
    let option = |value: Option<TokenStream>| match value {
        Some(value) => quote! { Some(#value) },
        None => quote! { None },
    };
    let api_base_url_env = option(api.base_url_env.as_ref().map(|_| quote! { BASE_URL_ENV }));
    let api_key_env_value = option(api.api_key_env.as_ref().map(|_| quote! { API_KEY_ENV }));
    let bearer_auth = api.bearer_auth;
    let env_headers = api
        .client_headers
        .iter()
        .filter_map(|h| h.env.as_ref().map(|env| (&h.header, env)))
        .map(|(header, env)| quote! { (#header, #env) });
    let setters = api.client_headers.iter().map(|h| {
        let doc = self::docs(&h.docs);
        let setter = ident(&h.setter);
        let header = &h.header;
        quote! {
            #doc
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.header(#header, value)
            }
        }
    });
    let client_headers = if api.client_headers.is_empty() {
        quote! {}
    } else {
        quote! {
            #[cfg(feature = "client")]
            impl client::ClientBuilder {
                #(#setters)*
            }
        }
    };
    let operations = if krate.operations.is_empty() {
        quote! {}
    } else {
        quote! {
            mod operations;
            pub use operations::*;
        }
    };
    quote! {
        #docs
        #![warn(missing_docs)]
        mod models;
        #operations
        pub mod request;
        #[cfg(feature = "client")]
        pub mod client;
        mod rt;
        pub use models::*;
        /// What the runtime (the `request` and `client` modules) knows of this API.
        pub(crate) const API: request::Api = request::Api {
            base_url: BASE_URL,
            base_url_env: #api_base_url_env,
            api_key_env: #api_key_env_value,
            bearer_auth: #bearer_auth,
            headers: DEFAULT_HEADERS,
            env_headers: &[#(#env_headers),*],
        };
        #client_headers
        /// The base URL every operation's path is appended to.
        pub const BASE_URL: &str = #base_url;
        #base_url_env
        #api_key_env
        #version
        /// Headers sent with every request, as (name, value).
        pub const DEFAULT_HEADERS: &[(&str, &str)] = &[#(#headers),*];
    }
}

fn operations_mod(krate: &ir::Crate) -> TokenStream {
    reexporting_mod(" One request builder per operation of the spec.", krate.operations.iter().map(|op| &op.module))
}

fn models_mod(krate: &ir::Crate) -> TokenStream {
    let doc = " Every model type, one file per type of the spec with the types defined inside it.";
    reexporting_mod(doc, krate.modules.iter().map(|m| &m.name))
}

/// A `mod.rs` that declares each submodule and re-exports everything in it.
fn reexporting_mod<'a>(doc: &str, modules: impl Iterator<Item = &'a String>) -> TokenStream {
    let modules = modules.map(|name| {
        let name = ident(name);
        quote! {
            mod #name;
            pub use #name::*;
        }
    });
    quote! {
        #![doc = #doc]
        #(#modules)*
    }
}

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

fn inner_docs(lines: &[String]) -> TokenStream {
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
