//! The crate root and the `mod.rs` files: the crate docs and modules, the API's description
//! for the runtime, its constants and version guard, the `__models` list, the property tests'
//! module, and the modules that re-export every model and operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{cfg, cfg_all, docs, ident, inner_docs, ty};
use crate::ir;

/// The crate root: its docs, modules, the API's description for the runtime and its constants.
pub(super) fn lib(krate: &ir::Crate, property_tests: bool) -> TokenStream {
    let api = &krate.api;
    let item_docs = &api.item_docs;
    let crate_docs = inner_docs(&api.docs);
    let operations = (!krate.operations.is_empty()).then(|| {
        quote! {
            mod operations;
            pub use operations::*;
        }
    });
    let (request_docs, api_docs) = (docs(&item_docs.request_module), docs(&item_docs.api));
    let guard_docs = docs(&item_docs.version_guard);
    let description = api_description(api);
    let (major, minor) = &api.runtime_version;
    let constants = constants(api);
    let models = models_fn(&krate.models);
    let no_group = krate.no_group_error.as_ref().map(|message| {
        let features = krate.groups.iter().map(|g| &g.feature);
        quote! {
            #[cfg(not(any(#(feature = #features),*)))]
            compile_error!(#message);
        }
    });
    let properties = property_tests.then(|| {
        quote! {
            #[cfg(test)]
            mod properties;
        }
    });
    quote! {
        #crate_docs
        #![warn(missing_docs)]
        #no_group
        mod models;
        #operations
        #properties
        #[cfg(feature = "client")]
        pub mod client;
        pub use models::*;
        #request_docs
        pub use typed_api_runtime::request;
        #api_docs
        pub const API: typed_api_runtime::Api = #description;
        #guard_docs
        const _: () = typed_api_runtime::__private::expect_version(#major, #minor);
        #(#constants)*
        #models
    }
}

/// `properties.rs`: the testkit's checks, run on every model against the crate's spec.
pub(super) fn properties(tests: &ir::PropertyTests, spec: &str) -> TokenStream {
    let docs = inner_docs(&tests.docs);
    quote! {
        #docs
        const SPEC: &str = #spec;
        #[test]
        fn every_model_round_trips_the_values_its_spec_allows() {
            typed_api_testkit::round_trips(SPEC, crate::__models);
        }
        #[test]
        fn near_valid_json_never_panics_a_decoder() {
            typed_api_testkit::near_valid_inputs(SPEC, crate::__models);
        }
        #[test]
        fn arbitrary_input_never_panics_a_decoder() {
            typed_api_testkit::arbitrary_inputs(crate::__models);
        }
    }
}

/// `__models`: every model type handed to a visitor, for the property tests and fuzz targets.
fn models_fn(table: &ir::ModelTable) -> TokenStream {
    let docs = docs(&table.docs);
    let allow = table.allow_deprecated.then(|| quote! { #[allow(deprecated)] });
    let visits = table.types.iter().map(|(t, features)| {
        let (name, ty, cfg) = (t.to_string(), ty(t), cfg_all(features));
        quote! { #cfg visitor.visit::<#ty>(#name); }
    });
    quote! {
        #docs
        #[doc(hidden)]
        #allow
        pub fn __models<V: typed_api_runtime::__private::ModelVisitor>(visitor: &mut V) {
            #(#visits)*
        }
    }
}

/// The `typed_api_runtime::Api` value, naming the crate's constants where it has them.
fn api_description(api: &ir::ApiInfo) -> TokenStream {
    let option = |value: Option<TokenStream>| match value {
        Some(value) => quote! { Some(#value) },
        None => quote! { None },
    };
    let base_url_env = option(api.base_url_env.as_ref().map(|_| quote! { BASE_URL_ENV }));
    let auth = match &api.auth {
        ir::Auth::None => quote! { typed_api_runtime::Auth::None },
        ir::Auth::Bearer { env, .. } => {
            let env = option(env.as_ref().map(|_| quote! { API_KEY_ENV }));
            quote! { typed_api_runtime::Auth::Bearer { env: #env } }
        }
        ir::Auth::ApiKey { header, env, .. } => {
            let env = option(env.as_ref().map(|_| quote! { API_KEY_ENV }));
            quote! { typed_api_runtime::Auth::ApiKey { header: #header, env: #env } }
        }
    };
    let (request_id_headers, error_message) = (&api.request_id_headers, &api.error_message);
    let env_headers = api
        .client_headers
        .iter()
        .filter_map(|h| h.env.as_ref().map(|env| (&h.header, env)))
        .map(|(header, env)| quote! { (#header, #env) });
    quote! {
        typed_api_runtime::Api {
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            base_url: BASE_URL,
            base_url_env: #base_url_env,
            auth: #auth,
            headers: DEFAULT_HEADERS,
            env_headers: &[#(#env_headers),*],
            request_id_headers: &[#(#request_id_headers),*],
            error_message: &[#(#error_message),*],
        }
    }
}

/// `BASE_URL`, and where the spec gives them, `BASE_URL_ENV`, `API_KEY_ENV`, `API_VERSION`;
/// then `DEFAULT_HEADERS`.
fn constants(api: &ir::ApiInfo) -> Vec<TokenStream> {
    let d = &api.item_docs;
    let constant = |lines: &[String], name: &str, value: &str| {
        let (docs, name) = (docs(lines), ident(name));
        quote! { #docs pub const #name: &str = #value; }
    };
    let key_env = match &api.auth {
        ir::Auth::Bearer { env: Some(env), .. } | ir::Auth::ApiKey { env: Some(env), .. } => Some(env),
        _ => None,
    };
    let mut out = vec![constant(&d.base_url, "BASE_URL", &api.base_url)];
    out.extend(api.base_url_env.as_ref().map(|env| constant(&d.base_url_env, "BASE_URL_ENV", env)));
    out.extend(key_env.map(|env| constant(&d.api_key_env, "API_KEY_ENV", env)));
    out.extend(api.version.as_ref().map(|version| constant(&d.version, "API_VERSION", version)));
    let headers = api.headers.iter().map(|(name, value)| quote! { (#name, #value) });
    let docs = docs(&d.default_headers);
    out.push(quote! {
        #docs
        pub const DEFAULT_HEADERS: &[(&str, &str)] = &[#(#headers),*];
    });
    out
}

pub(super) fn operations_mod(krate: &ir::Crate) -> TokenStream {
    let modules = krate.operations.iter().map(|op| (&op.module, &op.features));
    reexporting_mod(&krate.api.item_docs.operations_module, modules)
}

pub(super) fn models_mod(krate: &ir::Crate) -> TokenStream {
    reexporting_mod(&krate.api.item_docs.models_module, krate.modules.iter().map(|m| (&m.name, &m.features)))
}

/// A `mod.rs` that declares each submodule, built with its features, and re-exports
/// everything in it.
fn reexporting_mod<'a>(docs: &[String], modules: impl Iterator<Item = (&'a String, &'a Vec<String>)>) -> TokenStream {
    let docs = inner_docs(docs);
    let modules = modules.map(|(name, features)| {
        let (name, cfg) = (ident(name), cfg(features));
        quote! {
            #cfg mod #name;
            #cfg pub use #name::*;
        }
    });
    quote! {
        #docs
        #(#modules)*
    }
}
