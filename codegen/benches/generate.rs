//! The generator's own speed: the whole in-process pipeline (`codegen::generate`: parse,
//! validate, lower, emit, render) on the run-steps spec and on synthetic specs of 100, 500
//! and 2,000 types built here. Run by hand, see BENCHMARKS.md:
//!
//! ```sh
//! cargo bench -p codegen --bench generate
//! ```

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

const RUN_STEPS: &str = include_str!("../../spec/openai_run_steps.yaml");

/// Types per group in `synthetic`: an enum, an object, a union, its named member and its
/// inline member.
const GROUP: usize = 5;

/// A spec of `types` types (a multiple of `GROUP`), in groups shaped like the run-steps
/// spec: an object with fields of every kind (required, nullable, optional; scalars, arrays,
/// maps, an enum, a union, and an array of the previous group's object), a string enum, and
/// a union with a named and an inline member.
fn synthetic(types: usize) -> String {
    let mut spec = String::from(
        "api:\n  title: Synthetic\n  description: A generated spec for the generator benchmark.\n  \
         base_url: https://example.com/v1\ntypes:\n",
    );
    for k in 0..types / GROUP {
        let previous = if k == 0 {
            String::new()
        } else {
            format!(
                "      previous:\n        type: array<Thing{}>\n        optional: true\n        \
                 description: The things of the group before.\n",
                k - 1
            )
        };
        // `write!` to a String cannot fail; the result is ignored on purpose.
        let _ = write!(
            spec,
            "  Thing{k}:
    description: A thing of group {k}, with [a link](https://example.com/things/{k}).
    fields:
      id:
        type: string
        description: The identifier of the thing.
      created_at:
        type: integer
        description: The Unix timestamp (in seconds) for when the thing was created.
      score:
        type: number
        nullable: true
        description: The score, if scored.
      kind:
        type: Kind{k}
        description: The kind of thing.
      labels:
        type: array<string>
        description: Labels attached to the thing.
      metadata:
        type: map<string>
        optional: true
        description: Set of key-value pairs.
      event:
        type: Event{k}
        description: What happened to the thing.
{previous}  Kind{k}:
    description: The kind of a thing of group {k}.
    enum:
      - small
      - medium
      - large
      - value: legacy
        description: The old kind.
        deprecated: Use `small` instead.
  Event{k}:
    description: An event of group {k}.
    union:
      tag: type
      variants:
        created: Created{k}
        deleted:
          name: Deleted{k}
          description: The thing was deleted.
          fields:
            type: {{ const: deleted, description: Always `deleted`. }}
            reason: {{ type: string, optional: true, description: Why it was deleted. }}
  Created{k}:
    description: The thing was created.
    fields:
      type: {{ const: created, description: Always `created`. }}
      by: {{ type: string, description: Who created it. }}
      at: {{ type: integer, description: When. }}
"
        );
    }
    spec
}

/// Where the benchmarked specs would be generated to (nothing is written).
const TARGET: codegen::Target<'static> = codegen::Target::new("spec/bench.yaml", "bench");

fn generate(c: &mut Criterion) {
    let specs: Vec<(String, String)> = std::iter::once(("run_steps".to_owned(), RUN_STEPS.to_owned()))
        .chain([100, 500, 2_000].map(|n| (format!("synthetic_{n}_types"), synthetic(n))))
        .collect();
    // A spec that fails would time its error path: every one must generate.
    for (name, spec) in &specs {
        match codegen::generate(&TARGET, spec) {
            Ok(files) => eprintln!("{name}: {} bytes of YAML, {} files", spec.len(), files.len()),
            Err(error) => {
                eprintln!("{name} does not generate:\n{error}");
                std::process::exit(1);
            }
        }
    }
    let mut group = c.benchmark_group("generate");
    for (name, spec) in &specs {
        // The large specs take long per run: ten runs of one iteration each.
        if name.contains("500") || name.contains("2000") {
            group.sample_size(10).sampling_mode(SamplingMode::Flat);
        }
        group.throughput(Throughput::Bytes(spec.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), spec, |b, spec| {
            b.iter(|| codegen::generate(&TARGET, black_box(spec)).map(|files| files.len()).is_ok())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = generate
}
criterion_main!(benches);
