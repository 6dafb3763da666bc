//! Naming: every rule that turns a wire name into a Rust name lives here.
//!
//! Types and variants are `UpperCamelCase`, fields, parameters and operations
//! `snake_case` (heck does the case conversion). Keywords become raw identifiers; the
//! few words that cannot be raw (`self`, `Self`, `super`, `crate`, `_`) get a trailing
//! underscore; a leading digit gets a prefix. A name that cannot be made valid is an
//! error for the caller to report, with a hint to set `rust_name`.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// The variant of every generated enum and union that keeps what the spec does not know.
/// The field of an object with `keep_unknown_fields` that holds the fields the spec does not
/// know (the emitter writes it with this name).
pub const UNKNOWN_FIELDS: &str = "unknown_fields";

pub const FALLBACK_VARIANT: &str = "Unknown";

/// Strict and reserved keywords of Rust 2024 (`gen` is reserved from 2024 on).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// An identifier's characters, without keyword rules: `[A-Za-z_][A-Za-z0-9_]*`, and not `_`.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Makes `name` usable as an identifier: raw for keywords, suffixed where raw is not allowed.
fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Why a wire name yields no Rust name.
fn unusable(wire: &str) -> String {
    format!("`{wire}` has no letters or digits to make a Rust name from")
}

/// A field, parameter or operation name: `createdAt` → `created_at`, `type` → `r#type`.
pub fn snake(wire: &str) -> Result<String, String> {
    let base = ascii_words(wire).to_snake_case();
    if base.is_empty() {
        return Err(unusable(wire));
    }
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("_{base}") } else { base };
    Ok(escape(base))
}

/// The Cargo feature of an operation group: `Fine-tuning` → `fine-tuning`, `Vector stores` →
/// `vector-stores`. Kebab case, as Cargo's own features and most crates' are.
pub fn feature(group: &str) -> Result<String, String> {
    let base = ascii_words(group).to_kebab_case();
    match base.chars().next() {
        None => Err(format!("`{group}` has no letters or digits to make a feature name from")),
        Some(first) if !first.is_ascii_alphabetic() => {
            Err(format!("the feature `{base}` made from `{group}` does not start with a letter"))
        }
        Some(_) if RESERVED_FEATURES.contains(&base.as_str()) => {
            Err(format!("`{group}` becomes the feature `{base}`, which every generated crate already has"))
        }
        Some(_) => Ok(base),
    }
}

/// The features a generated crate has whatever its groups: `default`, the client's, and the
/// one that turns every group on.
pub const RESERVED_FEATURES: [&str; 3] = ["default", "client", "full"];

/// A type or variant name: `thread.run.step` → `ThreadRunStep`, `2024` → `V2024`.
pub fn camel(wire: &str) -> Result<String, String> {
    let base = ascii_words(wire).to_upper_camel_case();
    if base.is_empty() {
        return Err(unusable(wire));
    }
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("V{base}") } else { base };
    Ok(escape(base))
}

/// Keeps ASCII letters and digits, turning everything else into word breaks, so the
/// result is always made of identifier characters.
fn ascii_words(wire: &str) -> String {
    wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// Checks a `rust_name` written in the spec: it is used exactly as written.
pub fn check_rust_name(name: &str) -> Result<(), String> {
    if let Some(raw) = name.strip_prefix("r#") {
        return if is_keyword(raw) && !NOT_RAW.contains(&raw) {
            Ok(())
        } else {
            Err(format!("`{name}`: only keywords may be written raw"))
        };
    }
    if !is_identifier(name) {
        return Err(format!("`{name}` is not a Rust identifier"));
    }
    if is_keyword(name) {
        return Err(format!("`{name}` is a Rust keyword"));
    }
    Ok(())
}

/// A `rust_name` for a field or parameter: valid as written, and snake_case (lowercase
/// letters, digits and `_`), so the generated code passes the `non_snake_case` lint.
pub fn check_snake_rust_name(name: &str) -> Result<(), String> {
    check_rust_name(name)?;
    if unraw(name).chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Ok(());
    }
    match snake(unraw(name)) {
        Ok(snake) => Err(format!("`{name}` is not snake_case (write `{snake}`)")),
        Err(problem) => Err(problem),
    }
}

/// A `rust_name` for an enum variant: valid as written, and UpperCamelCase (an uppercase
/// first letter, no `_` inside), so the generated code passes `non_camel_case_types`.
/// Runs of capitals (`YZ`, `HTTPStatus`) are allowed, as the lint allows them.
pub fn check_camel_rust_name(name: &str) -> Result<(), String> {
    check_rust_name(name)?;
    let body = name.strip_suffix('_').unwrap_or(name);
    if name.starts_with(|c: char| c.is_ascii_uppercase()) && !body.contains('_') {
        return Ok(());
    }
    match camel(name) {
        Ok(camel) => Err(format!("`{name}` is not UpperCamelCase (write `{camel}`)")),
        Err(problem) => Err(problem),
    }
}

/// The name of a type the spec defines in place: its owner's name followed by the
/// UpperCamelCase of the field, tag value or role it stands for (`RunStep` + `object`).
pub fn inline_type(owner: &str, part: &str) -> Result<String, String> {
    let suffix = ascii_words(part).to_upper_camel_case();
    if suffix.is_empty() {
        return Err(unusable(part));
    }
    Ok(format!("{}{suffix}", unraw(owner)))
}

/// Prelude names the generated code uses unqualified: a spec type with one of these
/// names would silently stand in for the real one in every module that imports it.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Vec",
];

/// Method names the runtime gives the generated `Client`, `ClientBuilder`, request builders
/// and `Call`s: listed by the runtime itself, beside the methods they name.
pub use typed_api_runtime::__private::{RESERVED_BUILDER_NAMES, RESERVED_OPERATION_NAMES, RESERVED_PARAM_NAMES};

/// The name as written in source without any `r#`, for comparisons and derived names.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A module (file) name for a type: `RunStep` → `run_step`; keywords get a trailing `_`.
/// `models` is also taken: `models/models.rs` would trip clippy's `module_inception`.
pub fn module(type_name: &str) -> String {
    let base = unraw(type_name).to_snake_case();
    if is_keyword(&base) || NOT_RAW.contains(&base.as_str()) || base == "models" { format!("{base}_") } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_table() {
        for (wire, want) in [
            ("created_at", "created_at"),
            ("createdAt", "created_at"),
            ("type", "r#type"),
            ("match", "r#match"),
            ("gen", "r#gen"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("include[]", "include"),
            ("OpenAI-Beta", "open_ai_beta"),
            ("1st", "_1st"),
            ("x-request-id", "x_request_id"),
            ("union", "union"),
        ] {
            assert_eq!(snake(wire).as_deref(), Ok(want), "{wire}");
        }
    }

    #[test]
    fn camel_case_table() {
        for (wire, want) in [
            ("in_progress", "InProgress"),
            ("thread.run.step", "ThreadRunStep"),
            (
                "step_details.tool_calls[*].file_search.results[*].content",
                "StepDetailsToolCallsFileSearchResultsContent",
            ),
            ("default_2024_08_21", "Default20240821"),
            ("2024", "V2024"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("asc", "Asc"),
            ("RunStep", "RunStep"),
        ] {
            assert_eq!(camel(wire).as_deref(), Ok(want), "{wire}");
        }
    }

    #[test]
    fn names_without_letters_are_errors() {
        assert!(snake("[]").is_err());
        assert!(camel("*").is_err());
        assert!(camel("").is_err());
    }

    #[test]
    fn rust_names_are_checked_as_written() {
        assert_eq!(check_rust_name("include"), Ok(()));
        assert_eq!(check_rust_name("r#type"), Ok(()));
        assert!(check_rust_name("type").is_err());
        assert!(check_rust_name("r#self").is_err());
        assert!(check_rust_name("r#foo").is_err());
        assert!(check_rust_name("has space").is_err());
        assert!(check_rust_name("9lives").is_err());
        assert!(check_rust_name("_").is_err());
    }

    #[test]
    fn rust_names_keep_the_case_of_what_they_name() {
        assert_eq!(check_snake_rust_name("isbn13"), Ok(()));
        assert_eq!(check_snake_rust_name("r#type"), Ok(()));
        assert_eq!(check_snake_rust_name("Include"), Err("`Include` is not snake_case (write `include`)".to_owned()));
        assert_eq!(check_camel_rust_name("Ebook"), Ok(()));
        assert_eq!(
            check_camel_rust_name("expired"),
            Err("`expired` is not UpperCamelCase (write `Expired`)".to_owned())
        );
    }

    #[test]
    fn inline_type_names_append_the_part() {
        assert_eq!(inline_type("RunStep", "object").as_deref(), Ok("RunStepObject"));
        assert_eq!(inline_type("Page", "self").as_deref(), Ok("PageSelf"));
        assert_eq!(inline_type("r#Foo", "2nd item").as_deref(), Ok("Foo2ndItem"));
        assert!(inline_type("Page", "[]").is_err());
    }

    #[test]
    fn module_names() {
        assert_eq!(module("RunStep"), "run_step");
        assert_eq!(module("CursorPage"), "cursor_page");
        assert_eq!(module("Type"), "type_");
        assert_eq!(module("Models"), "models_");
    }

    #[test]
    fn feature_names() {
        assert_eq!(feature("Fine-tuning").as_deref(), Ok("fine-tuning"));
        assert_eq!(feature("Vector stores").as_deref(), Ok("vector-stores"));
        assert_eq!(feature("Admin API keys").as_deref(), Ok("admin-api-keys"));
        for bad in ["full", "Client", "DEFAULT", "", "--", "3D"] {
            assert!(feature(bad).is_err(), "{bad}");
        }
    }
}
