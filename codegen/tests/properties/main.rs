//! Property: no spec makes the generator panic. Specs are made by mutating the good ones
//! (every fixture under `fixtures/good/`, the run-steps spec and the bookshelf spec) as YAML
//! trees and as text, and drawn at random: any YAML, and specs in the language's shape. Each
//! is generated twice; both runs must give the same result, and that must be files or a spec
//! error whose text names the file. An internal error fails too: it means validation let
//! through a spec the later stages cannot handle.
//!
//! `PROPTEST_CASES=N` runs N cases of each property instead of the fixed counts below.
//! Failures are not persisted (see tests/e2e/properties/mod.rs for why); the shrunk spec is
//! printed, to be kept as a fixture.

mod mutations;
mod yaml_trees;

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use serde_yaml::Value;

use mutations::{apply, apply_text, mutations, text_edits};
use yaml_trees::{spec_tree, yaml};

/// Cases per property: together about 3 s of a debug `cargo test` on two cores (a mutated
/// spec that generates is generated twice and its files parsed; most fail validation early).
const TREE_CASES: u32 = 1024;
const TEXT_CASES: u32 = 384;

/// The path the generated specs are given: errors must name it.
const SPEC: &str = "spec/property_case.yaml";
/// Where the cases would be generated to (nothing is written).
const TARGET: codegen::Target<'static> = codegen::Target::new(SPEC, "property_case");

/// The seeds besides `fixtures/good/*.yaml`, relative to the workspace root.
const SPECS: [&str; 2] = ["spec/openai_run_steps.yaml", "tests/fixtures/bookshelf.yaml"];

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Runs `test` on `cases` values of `strategy`; panics with the shrunk failing input, if any.
fn check<S: Strategy>(what: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: std::fmt::Debug,
{
    if let Err(failure) = TestRunner::new(config(cases)).run(&strategy, test) {
        panic!("{what}: {failure}");
    }
}

/// The good specs' texts: the seeds of the mutations.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/good"))
        .expect("the good fixtures")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths.extend(SPECS.iter().map(|spec| root.join("..").join(spec)));
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect()
}

/// Generates `source` twice: the same result both times, and files or a spec error that
/// names the spec, never an internal error.
fn generates_or_explains(source: &str) -> TestCaseResult {
    let first = codegen::generate(&TARGET, source);
    let second = codegen::generate(&TARGET, source);
    match (&first, &second) {
        (Ok(files), Ok(again)) => {
            prop_assert!(!files.is_empty(), "no files for\n{}", source);
            prop_assert!(files == again, "two runs gave different files for\n{}", source);
            files.iter().filter(|f| f.path.ends_with(".rs")).try_for_each(|f| compiles(f, source))?;
        }
        (Err(codegen::Error::Spec(error)), Err(again)) => {
            let text = error.to_string();
            prop_assert!(text.contains(SPEC), "the error does not name the spec:\n{}", text);
            prop_assert!(text.starts_with("error"), "the error does not say it is one:\n{}", text);
            prop_assert_eq!(&text, &again.to_string(), "two runs gave different errors");
        }
        (Err(error), _) => return Err(TestCaseError::fail(format!("{error}\nfor the spec\n{source}"))),
        (Ok(_), Err(error)) => return Err(TestCaseError::fail(format!("a second run failed: {error}\n{source}"))),
    }
    Ok(())
}

/// What rustc would reject in a generated file before type checking: text that does not
/// parse as Rust, a bare CR in a doc comment ("bare CR not allowed"), a bidirectional control
/// character (denied by `text_direction_codepoint_in_comment`). Cheap enough for every case,
/// unlike compiling the crate.
fn compiles(file: &codegen::OutputFile, source: &str) -> TestCaseResult {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let at = |what: &str| format!("{} has {what}; spec:\n{source}\n--- file:\n{}", file.path, file.contents);
    prop_assert!(!file.contents.contains('\r'), "{}", at("a CR"));
    prop_assert!(!file.contents.contains(bidi), "{}", at("a bidirectional control character"));
    if let Err(error) = syn::parse_file(&file.contents) {
        return Err(TestCaseError::fail(at(&format!("Rust that does not parse ({error})"))));
    }
    Ok(())
}

/// Writes `spec` as YAML and generates it.
fn generates_or_explains_tree(spec: &Value) -> TestCaseResult {
    match serde_yaml::to_string(spec) {
        Ok(source) => generates_or_explains(&source),
        Err(error) => Err(TestCaseError::fail(format!("serde_yaml cannot write the case: {error}"))),
    }
}

#[test]
fn mutated_spec_trees_never_panic_the_generator() {
    let trees: Vec<Value> = seeds()
        .iter()
        .map(|text| serde_yaml::from_str(text.trim_start_matches('\u{feff}')).expect("a good fixture is YAML"))
        .collect();
    check("mutated spec trees", TREE_CASES, (0..trees.len(), mutations()), |(seed, mutations)| {
        let mut spec = trees[seed].clone();
        apply(&mut spec, &mutations);
        generates_or_explains_tree(&spec)
    });
}

#[test]
fn mutated_spec_texts_never_panic_the_generator() {
    let seeds = seeds();
    check("mutated spec texts", TEXT_CASES, (0..seeds.len(), text_edits()), |(seed, edits)| {
        generates_or_explains(&apply_text(&seeds[seed], &edits))
    });
}

#[test]
fn random_spec_trees_never_panic_the_generator() {
    check("random spec trees", TREE_CASES, prop_oneof![1 => yaml(4), 4 => spec_tree()], |spec| {
        generates_or_explains_tree(&spec)
    });
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // What random trees do not reach, and a property could not report: a stack overflow
    // aborts the test binary instead of failing a case.
    let header = "api: { title: T, description: D, base_url: \"https://example.com\" }\n";
    let deep_type = format!("{}string{}", "array<".repeat(2_000), ">".repeat(2_000));
    // Types defined in place, each inside the previous one's field: 40 levels generate (and
    // are walked by every stage), 60 exceed the YAML reader's limit.
    let nested = |depth: usize| {
        let mut inline = String::from("{ type: string, description: d }");
        for _ in 0..depth {
            inline = format!("{{ description: d, type: {{ fields: {{ x: {inline} }} }} }}");
        }
        format!("{header}types:\n  A:\n    description: d\n    fields:\n      x: {inline}\n")
    };
    assert!(codegen::generate(&TARGET, &nested(40)).is_ok(), "40 levels of inline types generate");
    let specs = [
        "[".repeat(2_000),
        format!("{header}types: {}1{}", "{a: ".repeat(2_000), "}".repeat(2_000)),
        format!(
            "{header}types:\n  A:\n    description: d\n    fields:\n      x: {{ type: \"{deep_type}\", description: d }}\n"
        ),
        nested(40),
        nested(60),
    ];
    for spec in &specs {
        if let Err(e) = generates_or_explains(spec) {
            panic!("{}...: {e}", spec.chars().take(200).collect::<String>());
        }
    }
}
