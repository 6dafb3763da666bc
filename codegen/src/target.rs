//! A generation target: which spec becomes which crate, and the hand-written parts of that
//! crate (examples, benchmarks) its generated manifest declares.

/// One spec and the crate generated from it, paths relative to the workspace root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    /// The spec, e.g. `spec/openai_run_steps.yaml`: shown in errors and file headers.
    pub spec: &'a str,
    /// The crate's folder, e.g. `generated`: it receives `Cargo.toml` and `src/`.
    pub crate_dir: &'a str,
    /// Hand-written examples under the crate's `examples/`, by name: declared in the manifest
    /// (they need the `client` feature).
    pub examples: &'a [&'a str],
    /// Hand-written criterion benchmarks under the crate's `benches/`, by name.
    pub benches: &'a [&'a str],
    /// The crate gets its property tests (`src/properties.rs`, run by `cargo test`) and their
    /// dev-dependency on the workspace's testkit. On by default.
    pub property_tests: bool,
}

impl<'a> Target<'a> {
    /// The crate in `crate_dir` generated from `spec`, with no examples or benchmarks.
    pub const fn new(spec: &'a str, crate_dir: &'a str) -> Self {
        Target { spec, crate_dir, examples: &[], benches: &[], property_tests: true }
    }

    /// The same target, declaring these hand-written examples.
    pub const fn examples(self, examples: &'a [&'a str]) -> Self {
        Target { examples, ..self }
    }

    /// The same target, declaring these hand-written benchmarks.
    pub const fn benches(self, benches: &'a [&'a str]) -> Self {
        Target { benches, ..self }
    }

    /// The same target, with or without its property tests (a crate built outside this
    /// workspace, where the testkit is not, goes without).
    pub const fn property_tests(self, property_tests: bool) -> Self {
        Target { property_tests, ..self }
    }

    /// The last folder of `crate_dir`: the package name when the spec gives no `rust_crate`.
    pub fn dir_name(&self) -> &str {
        self.crate_dir.trim_end_matches('/').rsplit('/').next().unwrap_or(self.crate_dir)
    }
}

/// Why a name cannot be a Cargo package name, if it cannot.
pub fn check_package_name(name: &str) -> Result<(), String> {
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    match name.chars().next() {
        None => Err("the package name is empty".to_owned()),
        Some(first) if !first.is_ascii_alphabetic() => Err(format!("`{name}` does not start with a letter")),
        Some(_) if !name.chars().all(valid) => {
            Err(format!("`{name}` holds characters other than letters, digits, `-` and `_`"))
        }
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_names_the_package_where_the_spec_does_not() {
        assert_eq!(Target::new("tests/fixtures/b.yaml", "tests/bookshelf").dir_name(), "bookshelf");
        assert_eq!(Target::new("spec/a.yaml", "generated/").dir_name(), "generated");
    }

    #[test]
    fn package_names_are_checked() {
        assert!(check_package_name("openai-run-steps").is_ok() && check_package_name("bookshelf_2").is_ok());
        for bad in ["", "2fast", "my api", "über"] {
            assert!(check_package_name(bad).is_err(), "{bad}");
        }
    }
}
