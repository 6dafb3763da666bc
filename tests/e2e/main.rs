//! End-to-end tests: the generated crates `openai_run_steps` (spec/openai_run_steps.yaml) and
//! `bookshelf` (tests/fixtures/bookshelf.yaml) against official examples and hand-built bodies.
//! One test binary on purpose (see tests/Cargo.toml); each module covers one concern.

mod bookshelf;
mod client;
mod fidelity;
mod fixtures;
mod formats;
mod official_examples;
mod openai_examples;
mod openai_properties;
mod properties;
mod required_fields;
mod round_trip;
mod shared_tags;
mod union_decoding;
mod union_members;
mod unions_composition;
mod unknown_fields;
