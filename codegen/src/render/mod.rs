//! Stage 5, render: token files → source text, formatted by prettyplease, each under a
//! header naming its spec and the command that regenerates it; and the crate's manifest.
//!
//! prettyplease's output depends only on Cargo.lock, never on a local rustfmt, so the
//! same spec renders byte-identically on every machine.

mod manifest;

use crate::emit::EmittedFile;
use crate::ir;
use crate::output::{MARKER, OutputFile};

/// The crate's files: `Cargo.toml`, then the sources under `src/`, sorted by path.
pub fn render(spec: &str, files: Vec<EmittedFile>, package: &ir::Package) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|f| OutputFile {
            path: format!("src/{}", f.path),
            contents: format!("{}{}", header(spec), unparse(f.file)),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.insert(0, OutputFile { path: "Cargo.toml".to_owned(), contents: manifest::manifest(package) });
    out
}

/// prettyplease prints items back to back; readers expect a blank line between them.
/// Each item is printed on its own and the pieces joined, so no text is patched.
fn unparse(mut file: syn::File) -> String {
    let items = std::mem::take(&mut file.items);
    // Each inner attribute on a line of its own: printed together, prettyplease would join
    // two that are not doc comments on one line.
    let mut out = String::new();
    for attr in std::mem::take(&mut file.attrs) {
        file.attrs = vec![attr];
        out.push_str(prettyplease::unparse(&file).trim_end());
        out.push('\n');
    }
    file.attrs.clear();
    let mut previous_was_use = false;
    for item in items {
        // `use` lines stay together; everything else is separated by one blank line.
        let is_use = matches!(item, syn::Item::Use(_));
        if !(is_use && previous_was_use) {
            out.push('\n');
        }
        previous_was_use = is_use;
        file.items = vec![item];
        out.push_str(&prettyplease::unparse(&file));
    }
    out
}

fn header(spec: &str) -> String {
    format!("{MARKER} from {spec}. Do not edit:\n// change the spec and run `cargo xtask codegen`.\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_attributes_stand_on_lines_of_their_own() {
        let file: syn::File = syn::parse_quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #![allow(deprecated)]
            //! Docs.
            pub struct X;
        };
        assert_eq!(
            unparse(file),
            "#![cfg_attr(rustfmt, rustfmt::skip)]\n#![allow(deprecated)]\n//! Docs.\n\npub struct X;\n"
        );
    }

    #[test]
    fn items_are_separated_by_one_blank_line_and_uses_kept_together() {
        let file: syn::File = syn::parse_quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            use a::B;
            use c::D;
            pub struct X;
            pub struct Y;
        };
        assert_eq!(
            unparse(file),
            "#![cfg_attr(rustfmt, rustfmt::skip)]\n\nuse a::B;\nuse c::D;\n\npub struct X;\n\npub struct Y;\n"
        );
    }
}
