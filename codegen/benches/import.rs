//! The import stage on OpenAI's whole document, and what follows it: reading the 3 MB YAML,
//! importing every operation with the committed overlay, and generating the crate from the
//! spec that gives. Run by hand, see BENCHMARKS.md:
//!
//! ```sh
//! cargo bench -p codegen --bench import
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use codegen::import::{self, Sources, overlay::Overlay};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

const OVERLAY: &str = "spec/openai.overlay.yaml";

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn bench(c: &mut Criterion) {
    let overlay_text = read(OVERLAY);
    let overlay = Overlay::read(Path::new(OVERLAY), &overlay_text).unwrap_or_else(|e| panic!("{e}"));
    let document = overlay.document.clone();
    let text = read(&document);
    let doc = import::read_document(Path::new(&document), &text).unwrap_or_else(|e| panic!("{e}"));
    let sources = Sources { document: &document, overlay: OVERLAY };
    let spec = import::import(&doc, &overlay, sources).unwrap_or_else(|e| panic!("{e}")).spec;
    let target = codegen::Target::new("spec/openai.yaml", "openai");

    let mut group = c.benchmark_group("import");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read_document", |b| {
        b.iter(|| import::read_document(Path::new(&document), black_box(&text)).map(|_| ()))
    });
    group.bench_function("import", |b| {
        b.iter(|| import::import(black_box(&doc), &overlay, sources).map(|i| i.spec.len()))
    });
    group.throughput(Throughput::Bytes(spec.len() as u64));
    group.bench_function("generate", |b| b.iter(|| codegen::generate(&target, black_box(&spec)).map(|f| f.len())));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read_import_generate", |b| {
        b.iter(|| {
            let doc = import::read_document(Path::new(&document), black_box(&text)).unwrap_or_else(|e| panic!("{e}"));
            let spec = import::import(&doc, &overlay, sources).unwrap_or_else(|e| panic!("{e}")).spec;
            codegen::generate(&target, &spec).map(|f| f.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
