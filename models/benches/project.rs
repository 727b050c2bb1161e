//! `project()` at 36 and 120 months for every preset. Run: `cargo bench -p headroom-models --bench project`
//! (or everything: `scripts/bench.sh`, which also times the same cases in wasm).
//! Figures and how they were taken: docs/BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use headroom_models::{project, Preset};

fn bench_project(c: &mut Criterion) {
    let mut group = c.benchmark_group("project");
    for months in [36u32, 120] {
        for preset in Preset::ALL {
            let scenario = preset
                .scenario()
                .with_setting("horizon_months", &months.to_string())
                .expect("presets accept every horizon up to 120");
            group.bench_with_input(BenchmarkId::new(preset.id(), months), &scenario, |b, s| {
                b.iter(|| project(black_box(s)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_project);
criterion_main!(benches);
