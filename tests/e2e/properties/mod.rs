//! Property tests of the generated crates, with strategies derived from the specs themselves:
//! every model type round-trips the values its spec allows (`round_trip`), no input makes a
//! decoder panic (`hostile_json`), and no path id changes the route of a request (`path_ids`).
//!
//! Case counts are fixed and small enough for every `cargo test` run; `PROPTEST_CASES=N` sets
//! every property's count to N for a long run by hand, and `PROPTEST_RNG_SEED=N` replays a run.
//!
//! Failures are not persisted (`failure_persistence: None`): proptest stores the seed of a
//! failing case, which replays that case only while the strategy stays the same, and these
//! strategies are derived from the specs, so any spec change would silently turn the stored
//! seeds into other cases. A failure prints its shrunk input instead; it becomes a named test.

mod hostile_json;
mod json_text;
mod path_ids;
mod round_trip;
mod spec_values;
mod types;

use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};

/// The runner's configuration: `cases` unless `PROPTEST_CASES` says otherwise.
pub fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Runs `test` on `cases` values of `strategy` and panics with the shrunk failing input, if
/// any, under `what` (the property and the type it was run on).
pub fn check<S: Strategy>(what: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S::Value: Debug,
{
    let mut runner = TestRunner::new(config(cases));
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{what}: {failure}");
    }
}
