//! `queueing::mmc` per call at 2 to 10,000 servers and three loads.
//! Run: `cargo bench -p headroom-models --bench queueing`. Figures: docs/BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use headroom_models::queueing::mmc;

fn bench_mmc(c: &mut Criterion) {
    let mut group = c.benchmark_group("mmc");
    let service_ms = 10.0;
    for servers in [2u32, 64, 1_000, 10_000] {
        for rho in [0.5, 0.9, 0.99] {
            let lambda = rho * f64::from(servers) * 1_000.0 / service_ms;
            group.bench_with_input(
                BenchmarkId::new(format!("rho {rho}"), servers),
                &lambda,
                |b, &lambda| {
                    b.iter(|| mmc(black_box(servers), black_box(lambda), black_box(service_ms)))
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench_mmc);
criterion_main!(benches);
