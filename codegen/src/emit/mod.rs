//! Stage 4, emit: the intermediate model → token trees (`quote!`), one `syn::File` per
//! output file. Mechanical by design: every choice was made in the intermediate model.

mod body;
mod client;
mod crate_root;
mod decode;
mod kind_unions;
mod models;
mod operations;
mod pagination;
mod tokens;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir;

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
        file("lib.rs", crate_root::lib(krate, tests.is_some()))?,
        file("client.rs", client::module(&krate.api))?,
        file("models/mod.rs", crate_root::models_mod(krate))?,
    ];
    if let Some(tests) = tests {
        files.push(file("properties.rs", crate_root::properties(tests, &package.spec))?);
    }
    for module in &krate.modules {
        files.push(file(&format!("models/{}.rs", module.name), models::module(module))?);
    }
    if !krate.operations.is_empty() {
        files.push(file("operations/mod.rs", crate_root::operations_mod(krate))?);
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
