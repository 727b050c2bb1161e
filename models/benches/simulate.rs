//! Monte Carlo: 1,000 paths of the default scenario at 36 and 120 months with
//! three ranged inputs. Run: `cargo bench -p headroom-models --bench simulate`.
//! Figures and how they were taken: docs/BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use headroom_models::uncertainty::{simulate, Range, Uncertainty};
use headroom_models::Scenario;

fn bench_simulate(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate_1000_paths");
    group.sample_size(10);
    let mut u = Uncertainty::default();
    for (name, low, high) in [
        ("growth.monthly_rate", 0.06, 0.2),
        ("usage.requests_per_dau_per_day", 80.0, 300.0),
        ("revenue.arpa_usd_per_month", 150.0, 400.0),
    ] {
        u.ranges.insert(name.to_owned(), Range { low, high });
    }
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
