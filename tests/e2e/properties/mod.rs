//! Property tests across the generated crates; each crate's own models are property-tested by
//! the module the generator gives it (`src/properties.rs`, through `typed-api-testkit`). Here:
//! mutated copies of the example bodies in `tests/fixtures/` never make a decoder of either
//! crate panic (`hostile_json`), no path id changes the route of a request (`path_ids`), and
//! unions by JSON kind decide by the kind alone and keep every other value (`kind_unions`).
//!
//! Case counts are fixed; `PROPTEST_CASES=N` sets every property's count to N for a long run
//! by hand, and `PROPTEST_RNG_SEED=N` replays a run (see the testkit's docs).

mod hostile_json;
mod kind_unions;
mod path_ids;

use typed_api_testkit::Models;

/// Every model of both generated crates, from their `__models` lists.
fn every_model() -> Models {
    let mut models = Models::of(openai_run_steps::__models);
    models.0.extend(Models::of(bookshelf::__models).0);
    models
}
