//! Stage 2, validate: checks names and references across the whole spec, collecting
//! every error, and builds the symbol table the intermediate model is lowered from.
//!
//! After this stage, every type reference resolves, every Rust name is valid and unique
//! where it must be, and every union's tags match its members. The lower stage relies
//! on that and only reports internal errors.

mod operations;
mod recursion;
mod symbols;
mod types;

use crate::ast::Spec;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::naming;

pub use symbols::{Symbol, SymbolKind, Symbols};

/// Checks `spec`; on success, the symbol table of every type it defines.
pub fn validate(spec: &Spec) -> Result<Symbols<'_>, Vec<Diagnostic>> {
    let mut d = Diagnostics::default();
    api(spec, &mut d);
    let symbols = symbols::collect(spec, &mut d);
    let mut uses = types::check(&symbols, &mut d);
    operations::check(spec, &symbols, &mut d, &mut uses.refs);
    types::check_member_uses(&uses, &mut d);
    recursion::check(&symbols, &mut d);
    d.finish().map(|()| symbols)
}

fn api(spec: &Spec, d: &mut Diagnostics) {
    let base = &spec.api.base_url;
    if !(base.value.starts_with("https://") || base.value.starts_with("http://"))
        || base.value.contains(char::is_whitespace)
    {
        d.error(
            &base.path,
            format!("`{}` is not an http(s) URL", base.value),
            Some("write it like https://api.example.com/v1".into()),
        );
    }
    if base.value.ends_with('/') {
        d.error(
            &base.path,
            "the base URL ends with `/`",
            Some("operation paths start with `/`; drop the trailing one".into()),
        );
    }
    if let Some(name) = &spec.api.rust_crate {
        if let Err(problem) = naming::check_snake_rust_name(&name.value) {
            d.error(
                &name.path,
                format!("invalid crate name: {problem}"),
                Some("write the name as Rust code uses it: `my_api` for the package `my-api`".into()),
            );
        }
    }
    for header in &spec.api.client_headers {
        // The key becomes a `ClientBuilder` method: it must be a snake_case identifier the
        // builder does not define already. Say which of the two it is not.
        let problem = match naming::check_snake_rust_name(&header.setter) {
            Err(problem) => Some(problem),
            Ok(()) if naming::RESERVED_BUILDER_NAMES.contains(&header.setter.as_str()) => {
                Some(format!("`{}` is a method the client builder has already", header.setter))
            }
            Ok(()) => None,
        };
        if let Some(problem) = problem {
            d.error(
                &header.path,
                format!("invalid client header setter: {problem}"),
                Some(format!(
                    "use a snake_case name the builder does not have already ({})",
                    naming::RESERVED_BUILDER_NAMES.join(", ")
                )),
            );
        }
        check_header_name(&header.header, d);
        if header.description.is_none() {
            d.error(
                &header.path,
                format!("client header `{}` has no description", header.setter),
                Some("add `description:`; it becomes the builder method's doc comment".into()),
            );
        }
    }
    for (name, value) in &spec.api.headers {
        check_header_name(name, d);
        // Visible ASCII and spaces, as RFC 9110 allows in a field value.
        if !value.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
            d.error(
                &name.path,
                format!("the value of header `{}` has characters HTTP does not allow", name.value),
                Some("use printable ASCII on one line; a `|` block ends in a line break".into()),
            );
        }
    }
}

/// RFC 9110 token characters only.
fn check_header_name(name: &crate::ast::Spanned<String>, d: &mut Diagnostics) {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.value.is_empty() || !name.value.chars().all(token) {
        d.error(
            &name.path,
            format!("`{}` is not a valid HTTP header name", name.value),
            Some("use letters, digits and `-` only, e.g. `OpenAI-Beta`".into()),
        );
    }
}
