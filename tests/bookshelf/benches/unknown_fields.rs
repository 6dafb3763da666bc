//! What `keep_unknown_fields` costs to decode: `Member` and `MemberRecord` have the same
//! fields (tests/fixtures/bookshelf.yaml); only the record keeps the fields the spec does not
//! know (`#[serde(flatten)] unknown_fields: UnknownFields`). Both decode the same text in the
//! same run, with and without unknown fields, beside `serde_json::Value`. Run by hand, see
//! BENCHMARKS.md:
//!
//! ```sh
//! cargo bench -p bookshelf --bench unknown_fields
//! ```

use std::hint::black_box;
use std::time::Duration;

use bookshelf::{Member, MemberRecord};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Members in a list.
const MEMBERS: usize = 1_000;

/// One member as the API would send it, with `extra` fields the spec does not know after
/// the known ones.
fn member(i: usize, extra: usize) -> String {
    let mut fields = vec![
        format!("\"id\": \"mem_{i:06}\""),
        format!("\"name\": \"Member number {i}\""),
        "\"joined_at\": \"2024-01-01T09:30:00.000Z\"".to_owned(),
        format!("\"last_visit_at\": {}", 1_767_225_600 + i),
        "\"loans_out\": 3".to_owned(),
        "\"fines_cents\": 150".to_owned(),
        "\"visits\": [\"2025-12-01T10:00:00Z\", \"2025-11-20T16:45:12+01:00\"]".to_owned(),
    ];
    for n in 0..extra {
        fields.push(match n % 3 {
            0 => format!("\"note_{n}\": \"an annotation the spec does not describe\""),
            1 => format!("\"score_{n}\": {}.25", i % 100),
            _ => format!("\"flags_{n}\": {{\"vip\": false, \"tags\": [\"a\", \"b\"]}}"),
        });
    }
    format!("{{{}}}", fields.join(", "))
}

fn list(extra: usize) -> String {
    let members: Vec<String> = (0..MEMBERS).map(|i| member(i, extra)).collect();
    format!("[{}]", members.join(",\n"))
}

fn decode(c: &mut Criterion) {
    for (name, extra) in [("no_unknown_fields", 0), ("six_unknown_fields", 6)] {
        let text = list(extra);
        // Both types must decode the list, or the figures would time an early error.
        let decoded = serde_json::from_str::<Vec<Member>>(&text)
            .map(drop)
            .and_then(|()| serde_json::from_str::<Vec<MemberRecord>>(&text).map(drop));
        if let Err(error) = decoded {
            eprintln!("the benchmark list does not decode: {error}");
            std::process::exit(1);
        }
        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("dropped", |b| {
            b.iter(|| serde_json::from_str::<Vec<Member>>(black_box(&text)).map_err(|e| e.to_string()))
        });
        group.bench_function("kept", |b| {
            b.iter(|| serde_json::from_str::<Vec<MemberRecord>>(black_box(&text)).map_err(|e| e.to_string()))
        });
        group.bench_function("value", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).map_err(|e| e.to_string()))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = decode
}
criterion_main!(benches);
