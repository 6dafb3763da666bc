//! What generated code calls and users should not: public so that generated crates can reach
//! it, hidden from the docs, and free to change with every version of the runtime (serde's
//! `__private` habit). The version guard makes a generated crate that meets another version
//! of the runtime fail to compile, with a message saying what to do.

mod decode;
mod held;
mod kinds;
mod models;
mod names;
mod structs;
mod whole;

pub use decode::{Rest, Union, nullable, optional_nullable, string_enum, union};
pub use kinds::{Kind, KindUnion, kinds};
pub use models::ModelVisitor;
pub use names::{RESERVED_BUILDER_NAMES, RESERVED_OPERATION_NAMES, RESERVED_PARAM_NAMES};
pub use structs::{Key, field, required, skip};
pub use whole::Whole;

/// The runtime's major version, which generated code records when it is generated.
pub const VERSION_MAJOR: &str = env!("CARGO_PKG_VERSION_MAJOR");
/// The runtime's minor version: before 1.0, a change of minor version may break generated code.
pub const VERSION_MINOR: &str = env!("CARGO_PKG_VERSION_MINOR");

/// The version guard: every generated crate evaluates
/// `const _: () = expect_version("0", "1");` with the runtime version it was generated for.
/// A runtime whose version is not semver-compatible with that one stops the build with the
/// message below, instead of with errors about whatever changed in between.
pub const fn expect_version(major: &str, minor: &str) {
    let compatible = same(major, VERSION_MAJOR) && (!same(major, "0") || same(minor, VERSION_MINOR));
    if !compatible {
        panic!(
            "this crate was generated for another version of typed-api-runtime: regenerate it \
             with `cargo xtask codegen`, or depend on the runtime version it was generated for"
        );
    }
}

/// String equality in a `const fn` (`==` on `str` is not `const`).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_accepts_its_own_version_and_compares_whole_strings() {
        expect_version(VERSION_MAJOR, VERSION_MINOR);
        assert!(same("0", "0") && !same("1", "10") && !same("10", "1"));
    }

    /// Every generated crate decodes through this runtime's serde_json, whose `float_roundtrip`
    /// feature the runtime's manifest turns on: without it these decode to a neighbour of the
    /// nearest `f64` and encode back with other digits (found by proptest and by fuzzing).
    #[test]
    fn floats_decode_to_the_nearest_f64() {
        for text in ["0.44294610917582483", "3.2222222222222222e41", "-1.7976931348623157e308"] {
            let exact: f64 = text.parse().unwrap_or_default();
            let decoded: Result<f64, _> = serde_json::from_str(text);
            assert_eq!(decoded.ok(), Some(exact), "{text}");
        }
    }

    #[test]
    #[should_panic(expected = "regenerate it with `cargo xtask codegen`")]
    fn another_major_version_is_refused() {
        expect_version("9999", VERSION_MINOR);
    }
}
