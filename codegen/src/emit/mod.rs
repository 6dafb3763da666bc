//! Stage 4, emit: the intermediate model → token trees (`quote!`), one `syn::File` per
//! output file. Mechanical by design: every choice was made in the intermediate model.

mod client;
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

pub fn emit(krate: &ir::Crate, package: &ir::Package) -> Result<Vec<EmittedFile>, EmitError> {
    let tests = package.property_tests.as_ref();
    let mut files = vec![
        file("lib.rs", lib(krate, tests.is_some()))?,
        file("client.rs", client::module(&krate.api))?,
        file("models/mod.rs", models_mod(krate))?,
    ];
    if let Some(tests) = tests {
        files.push(file("properties.rs", properties(tests, &package.spec))?);
    }
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

/// The crate root: its docs, modules, the API's description for the runtime and its constants.
fn lib(krate: &ir::Crate, property_tests: bool) -> TokenStream {
    let api = &krate.api;
    let item_docs = &api.item_docs;
    let docs = inner_docs(&api.docs);
    let operations = (!krate.operations.is_empty()).then(|| {
        quote! {
            mod operations;
            pub use operations::*;
        }
    });
    let (request_docs, api_docs) = (self::docs(&item_docs.request_module), self::docs(&item_docs.api));
    let guard_docs = self::docs(&item_docs.version_guard);
    let description = api_description(api);
    let (major, minor) = &api.runtime_version;
    let constants = constants(api);
    let models = models_fn(&krate.models);
    let properties = property_tests.then(|| {
        quote! {
            #[cfg(test)]
            mod properties;
        }
    });
    quote! {
        #docs
        #![warn(missing_docs)]
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
fn properties(tests: &ir::PropertyTests, spec: &str) -> TokenStream {
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
    let visits = table.types.iter().map(|t| {
        let (name, ty) = (t.to_string(), self::ty(t));
        quote! { visitor.visit::<#ty>(#name); }
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
    };
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
        }
    }
}

/// `BASE_URL`, and where the spec gives them, `BASE_URL_ENV`, `API_KEY_ENV`, `API_VERSION`;
/// then `DEFAULT_HEADERS`.
fn constants(api: &ir::ApiInfo) -> Vec<TokenStream> {
    let d = &api.item_docs;
    let constant = |docs: &[String], name: &str, value: &str| {
        let (docs, name) = (self::docs(docs), ident(name));
        quote! { #docs pub const #name: &str = #value; }
    };
    let key_env = match &api.auth {
        ir::Auth::Bearer { env: Some(env), .. } => Some(env),
        _ => None,
    };
    let mut out = vec![constant(&d.base_url, "BASE_URL", &api.base_url)];
    out.extend(api.base_url_env.as_ref().map(|env| constant(&d.base_url_env, "BASE_URL_ENV", env)));
    out.extend(key_env.map(|env| constant(&d.api_key_env, "API_KEY_ENV", env)));
    out.extend(api.version.as_ref().map(|version| constant(&d.version, "API_VERSION", version)));
    let headers = api.headers.iter().map(|(name, value)| quote! { (#name, #value) });
    let docs = self::docs(&d.default_headers);
    out.push(quote! {
        #docs
        pub const DEFAULT_HEADERS: &[(&str, &str)] = &[#(#headers),*];
    });
    out
}

fn operations_mod(krate: &ir::Crate) -> TokenStream {
    reexporting_mod(&krate.api.item_docs.operations_module, krate.operations.iter().map(|op| &op.module))
}

fn models_mod(krate: &ir::Crate) -> TokenStream {
    reexporting_mod(&krate.api.item_docs.models_module, krate.modules.iter().map(|m| &m.name))
}

/// A `mod.rs` that declares each submodule and re-exports everything in it.
fn reexporting_mod<'a>(docs: &[String], modules: impl Iterator<Item = &'a String>) -> TokenStream {
    let docs = inner_docs(docs);
    let modules = modules.map(|name| {
        let name = ident(name);
        quote! {
            mod #name;
            pub use #name::*;
        }
    });
    quote! {
        #docs
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
