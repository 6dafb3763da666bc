//! Decode and encode throughput of a `CursorPage<RunStep>`: the generated models against the
//! same models with serde's own `#[serde(tag = "type")]` unions (`baseline.rs`), against
//! `serde_json::Value`, and against `serde::de::IgnoredAny` (a parse that builds nothing: the
//! floor). Run by hand, see BENCHMARKS.md:
//!
//! ```sh
//! cargo bench -p openai-run-steps --bench decode
//! ```
//!
//! Two pages, both built here from the fixtures in `tests/fixtures/run_steps/` (kept in the
//! API's key order: a tool call's `type` comes second, after its `id`): 100 steps cycling
//! through a message creation step and tool-call steps with every member type (code
//! interpreter with logs and image outputs, file search, function), and the same cycle
//! repeated to 20 MB.

mod baseline;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime};
use openai_run_steps::{CursorPage, RunStep};
use serde::de::IgnoredAny;

const STEPS: [&str; 4] = [
    include_str!("../../../tests/fixtures/run_steps/message_creation.json"),
    include_str!("../../../tests/fixtures/run_steps/code_interpreter.json"),
    include_str!("../../../tests/fixtures/run_steps/file_search.json"),
    include_str!("../../../tests/fixtures/run_steps/function.json"),
];

/// A page of at least `min_steps` steps and at least `min_bytes` bytes, as the API sends it
/// (pretty-printed, fields in the API's order). Step ids are made unique.
fn page(min_steps: usize, min_bytes: usize) -> String {
    let mut data = Vec::new();
    let mut bytes = 0;
    while data.len() < min_steps || bytes < min_bytes {
        let i = data.len();
        let step = STEPS[i % STEPS.len()].trim_end().replacen("\"id\": \"step_", &format!("\"id\": \"step_{i:06}_"), 1);
        bytes += step.len() + 2;
        data.push(step);
    }
    let first = format!("step_{:06}", 0);
    let last = format!("step_{:06}", data.len() - 1);
    format!(
        "{{\n  \"object\": \"list\",\n  \"data\": [\n{}\n  ],\n  \"first_id\": \"{first}\",\n  \"last_id\": \"{last}\",\n  \"has_more\": false\n}}\n",
        data.join(",\n")
    )
}

fn decode_group(group: &mut BenchmarkGroup<'_, WallTime>, text: &str) {
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_str::<CursorPage<RunStep>>(black_box(text)).map_err(|e| e.to_string()))
    });
    group.bench_function("serde_tag", |b| {
        b.iter(|| serde_json::from_str::<CursorPage<baseline::RunStep>>(black_box(text)).map_err(|e| e.to_string()))
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).map_err(|e| e.to_string()))
    });
    group.bench_function("ignored_any", |b| {
        b.iter(|| serde_json::from_str::<IgnoredAny>(black_box(text)).map_err(|e| e.to_string()))
    });
}

fn encode_group(group: &mut BenchmarkGroup<'_, WallTime>, text: &str) -> Result<(), serde_json::Error> {
    let generated: CursorPage<RunStep> = serde_json::from_str(text)?;
    let serde_tag: CursorPage<baseline::RunStep> = serde_json::from_str(text)?;
    let value: serde_json::Value = serde_json::from_str(text)?;
    // Throughput is counted in the compact output's bytes, which all three produce alike.
    group.throughput(Throughput::Bytes(serde_json::to_vec(&value)?.len() as u64));
    group.bench_function("generated", |b| b.iter(|| serde_json::to_vec(black_box(&generated)).map(|v| v.len())));
    group.bench_function("serde_tag", |b| b.iter(|| serde_json::to_vec(black_box(&serde_tag)).map(|v| v.len())));
    group.bench_function("value", |b| b.iter(|| serde_json::to_vec(black_box(&value)).map(|v| v.len())));
    Ok(())
}

fn pages(c: &mut Criterion) {
    let small = page(100, 0);
    let large = page(0, 20_000_000);
    // Every model must decode both pages, or the figures would time an early error.
    for text in [&small, &large] {
        if let Err(error) = serde_json::from_str::<CursorPage<RunStep>>(text)
            .map(drop)
            .and_then(|()| serde_json::from_str::<CursorPage<baseline::RunStep>>(text).map(drop))
        {
            eprintln!("the benchmark page does not decode: {error}");
            std::process::exit(1);
        }
    }
    for (name, text, quick) in [("page_100_steps", &small, true), ("page_20_mb", &large, false)] {
        let mut group = c.benchmark_group(format!("decode/{name}"));
        if !quick {
            group.sample_size(10).measurement_time(Duration::from_secs(8));
        }
        decode_group(&mut group, text);
        group.finish();
        let mut group = c.benchmark_group(format!("encode/{name}"));
        if !quick {
            group.sample_size(10).measurement_time(Duration::from_secs(8));
        }
        if let Err(error) = encode_group(&mut group, text) {
            eprintln!("the benchmark page does not decode for encoding: {error}");
            std::process::exit(1);
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = pages
}
criterion_main!(benches);
