//! In-process benchmarks of the pipeline stages (criterion): load and
//! check, the render context and templates, hashing, manifest parsing.
//! Whole-process figures against the targets: benches/run.sh.
//!
//! cargo bench --bench stages          (BENCH_COUNT=10000 for larger registers)

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use treaty_register::audit::{inputs, manifest};
use treaty_register::edit::synth;
use treaty_register::publish::render;
use treaty_register::register::{check, load};

fn count() -> usize {
    std::env::var("BENCH_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn stages(c: &mut Criterion) {
    let n = count();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("register");
    synth::generate(&root, n, 0, 1).unwrap();
    let limits = load::Limits::default();

    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("load and check, {n} instruments"), |b| {
        b.iter(|| black_box(check::run(&root, &limits).unwrap()))
    });

    let checked = check::run(&root, &limits).unwrap();
    let en = treaty_register::publish::locale::get("en").unwrap();
    let register = checked.register.unwrap();
    let none = treaty_register::support::statcache::StatCache::none();
    let mut files = inputs::register_files(&root, &register, &none).unwrap();
    files.extend(inputs::template_files(&root, &root.join("templates"), &none).unwrap());
    group.bench_function(format!("render context, {n} instruments"), |b| {
        b.iter(|| black_box(render::context(&register, &files, "0.15.1", None, en)))
    });
    let context = render::context(&register, &files, "0.15.1", None, en);
    let templates = render::Templates::load(&root.join("templates")).unwrap();
    group.bench_function(format!("render templates, {n} instruments"), |b| {
        b.iter(|| black_box(templates.render(render::ENTRY_TEMPLATE, &context).unwrap()))
    });
    let sums = manifest::sha256sum_text(&files);
    group.bench_function(
        format!("parse manifest.sha256, {} lines", files.len()),
        |b| b.iter(|| black_box(manifest::parse_sha256sum(&sums).unwrap())),
    );
    group.finish();
}

fn hashing(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.pdf");
    let size = 64 << 20;
    std::fs::write(&path, vec![0x5a; size]).unwrap();
    let mut group = c.benchmark_group("hashing");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(size as u64));
    group.bench_function("sha256 of a 64 MiB file", |b| {
        b.iter(|| {
            black_box(treaty_register::support::digest::sha256_file(Path::new(&path)).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, stages, hashing);
criterion_main!(benches);
