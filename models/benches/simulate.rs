//! Monte Carlo: 1,000 paths of the default scenario at 36 and 120 months with
//! three ranged inputs. Run: `cargo bench -p headroom-models --bench simulate`
//! (or everything: `scripts/bench.sh`). Figures and how they were taken:
//! docs/BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use headroom_models::uncertainty::{simulate, Uncertainty};
use headroom_models::Scenario;

/// Seed, paths and ranges of every Monte Carlo benchmark: the same file is
/// read by the wasm benchmark (bench/wasm) and the app's (tests/e2e/bench/montecarlo.js).
const SETTINGS: &str = include_str!("../../bench/uncertainty.json");

fn bench_simulate(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate_1000_paths");
    group.sample_size(10);
    let u: Uncertainty = serde_json::from_str(SETTINGS).expect("bench/uncertainty.json is valid");
    for months in [36u32, 120] {
        let scenario = Scenario::default()
            .with_setting("horizon_months", &months.to_string())
            .expect("the default scenario accepts every horizon up to 120");
        group.bench_with_input(BenchmarkId::from_parameter(months), &scenario, |b, s| {
            b.iter(|| simulate(black_box(s), &u).expect("valid settings"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);
