//! Behaviour of the model against hand-computed expectations from the formulas in
//! docs/MODEL.md. Each test states its arithmetic in comments; the figures it
//! checks follow from those, not from a previous run.
//!
//! Catalog figures used below (aws-us-east-1-2026-11, models/catalogs/README.md):
//! m7g.large 2 vCPU fixed ($59.568/month), t4g.small 2 vCPU at 20% baseline,
//! m7g.2xlarge 8 vCPU; db.t4g.micro 2 vCPU × 10% / 1 GB ($11.68), db.m5.large
//! 2 vCPU / 8 GB, db.m5.xlarge 4 vCPU / 16 GB, db.m5.2xlarge 8 vCPU / 32 GB,
//! db.m5.4xlarge 16 vCPU / 64 GB ($1,039.52); db_multi_az × 2.0; origin egress
//! 100 GB free then $0.09/GB; CloudFront 1 TB and 10M requests free.

// Scenarios are written as "the defaults, with these fields changed", one field per
// line with its arithmetic beside it; a struct literal would hide that.
#![allow(clippy::field_reassign_with_default)]

use headroom_models::catalog::{self, Rate, RateName};
use headroom_models::scenario::{Adoption, GrowthMode, HotSet, ScenarioInput, Stage};
use headroom_models::{project, Basis, Change, Event, Projection, Scenario};

// ---- helpers --------------------------------------------------------------------

fn run(input: ScenarioInput) -> Projection {
    let s = Scenario::new(input).unwrap_or_else(|e| panic!("test scenario invalid: {e}"));
    project(&s)
}

fn close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected}"
    );
}

/// A steady scenario where every registered user is active daily, sized so that
/// peak rps = `peak_rps`: with 150 requests/DAU/day and peak 3×,
/// peak = DAU × 150 × 3 / 86,400 = DAU / 192, so DAU = 192 × peak.
/// No data growth (rows 0), no side effects, no jobs, no cache, horizon 1.
/// The defaults on the catalog whose figures the comments use, with the hot set
/// as a share of all data (the comments' arithmetic).
fn november() -> ScenarioInput {
    let mut s = ScenarioInput::default();
    s.stack.catalog = "aws-us-east-1-2026-11".into();
    s.data.hot_set = HotSet::ShareOfData;
    s
}

fn steady(peak_rps: f64) -> ScenarioInput {
    let mut s = november();
    s.horizon_months = 1;
    s.growth.start_users = 192.0 * peak_rps;
    s.growth.monthly_rate = 0.0;
    s.growth.monthly_churn = 0.0;
    s.growth.mau_share = 1.0;
    s.growth.dau_share = 1.0;
    s.usage.side_effect_share = 0.0;
    s.usage.jobs_per_dau_per_day = 0.0;
    s.usage.cacheable_read_share = 0.0;
    s.data.rows_per_dau_per_day = 0.0;
    s.data.db_start_gb = 1.0;
    s.data.hot_share = 0.1;
    s.stack.ha_from_stage = Stage::Enterprise;
    s
}

fn events_of(p: &Projection, change: Change) -> Vec<&Event> {
    p.events.iter().filter(|e| e.change == change).collect()
}

fn monthly(scenario: &Scenario, db_sku: &str) -> f64 {
    scenario
        .catalog()
        .db_skus
        .iter()
        .find(|s| &*s.id == db_sku)
        .unwrap()
        .price
        .usd_per_month()
}

/// Every figure of a projection, typed (serde_json would turn NaN into null).
fn assert_all_finite(p: &Projection) {
    for m in &p.months {
        for (name, v) in m.figures() {
            assert!(v.is_finite(), "month {}: {name} = {v}", m.month);
        }
        for (name, v) in m.costs_usd.items() {
            assert!(v >= 0.0, "month {}: {name} = {v}", m.month);
        }
    }
    for e in &p.events {
        assert!(e.value.is_finite() && e.threshold.is_finite(), "{e:?}");
    }
}

// ---- 2. growth ------------------------------------------------------------------

#[test]
fn compound_growth_is_start_times_one_plus_rate_minus_churn_to_the_n() {
    let mut s = november();
    s.horizon_months = 24;
    s.growth.start_users = 1_000.0;
    s.growth.monthly_rate = 0.10;
    s.growth.monthly_churn = 0.02;
    let p = run(s);
    // U(n) = 1000 × (1 + 0.10 − 0.02)^n; 1.08^24 = 6.341180737…, so U(24) = 6,341.18.
    close(p.months[24].registered, 6_341.180_737_240_117, "U(24)");
    for m in &p.months {
        close(
            m.registered,
            1_000.0 * 1.08_f64.powi(m.month as i32),
            &format!("U({})", m.month),
        );
    }
}

#[test]
fn logistic_growth_approaches_the_ceiling_and_never_exceeds_it() {
    // U(t+1) = U + g·U·(1 − U/K). For g <= 1 the map is increasing on [0, K] and
    // maps K to K, so U < K stays below K; it rises towards K.
    for g in [0.3, 0.7, 1.0] {
        let mut s = november();
        s.horizon_months = 120;
        s.growth.mode = GrowthMode::Logistic;
        s.growth.start_users = 1_000.0;
        s.growth.ceiling_users = 50_000.0;
        s.growth.monthly_rate = g;
        s.growth.monthly_churn = 0.0;
        let p = run(s);
        // First step: 1000 + g·1000·(1 − 1000/50000) = 1000 + 980·g.
        close(p.months[1].registered, 1_000.0 + 980.0 * g, "U(1)");
        for w in p.months.windows(2) {
            assert!(
                w[1].registered >= w[0].registered,
                "g={g}: fell at month {}",
                w[1].month
            );
        }
        for m in &p.months {
            assert!(
                m.registered <= 50_000.0,
                "g={g}: {} > K at month {}",
                m.registered,
                m.month
            );
        }
        let last = p.months.last().unwrap().registered;
        assert!(
            last > 0.99 * 50_000.0,
            "g={g}: only {last} after 120 months"
        );
    }
}

#[test]
fn per_stage_growth_uses_the_rate_of_the_stage_the_month_starts_in() {
    let mut s = november();
    s.horizon_months = 5;
    s.growth.mode = GrowthMode::PerStage;
    s.growth.start_users = 1_000.0;
    s.growth.mau_share = 0.5;
    s.growth.monthly_churn = 0.0;
    s.growth.stage_rates = [0.3, 0.2, 0.1, 0.05, 0.01];
    let p = run(s);
    // MAU 500 (MVP, < 1,000): ×1.3 → 1,300; MAU 650 → 1,690; MAU 845 → 2,197;
    // MAU 1,098.5 is product-market fit (>= 1,000): ×1.2 → 2,636.4 → 3,163.68.
    let expected = [1_000.0, 1_300.0, 1_690.0, 2_197.0, 2_636.4, 3_163.68];
    for (m, e) in p.months.iter().zip(expected) {
        close(m.registered, e, &format!("U({})", m.month));
    }
    assert_eq!(p.months[2].stage, Stage::Mvp);
    assert_eq!(p.months[3].stage, Stage::ProductMarketFit);
}

// ---- 2-3. users, customers, revenue, load at month 0 -------------------------------

#[test]
fn month_zero_users_customers_revenue_and_peak_rps_follow_the_formulas() {
    let mut s = november();
    s.growth.start_users = 10_000.0;
    s.growth.mau_share = 0.6;
    s.growth.dau_share = 0.4;
    s.revenue.paying_share = 0.3;
    s.revenue.users_per_customer = 5.0;
    s.revenue.arpa_usd_per_month = 250.0;
    s.usage.requests_per_dau_per_day = 150.0;
    s.usage.peak_to_average = 3.0;
    s.usage.db_reads_per_request = 4.0;
    s.usage.db_writes_per_request = 0.5;
    // No cache at any DAU, so the reads reach the database unchanged.
    s.thresholds.cache_dau = 1e10;
    s.stack.adopt = Adoption::RuleOfThumb;
    let p = run(s);
    let m = &p.months[0];
    close(m.mau, 6_000.0, "MAU = 10,000 × 0.6");
    close(m.dau, 2_400.0, "DAU = 6,000 × 0.4");
    close(m.customers, 360.0, "customers = 6,000 × 0.3 / 5");
    close(m.revenue_usd, 90_000.0, "revenue = 360 × $250");
    // 2,400 × 150 = 360,000 requests/day; / 86,400 = 4.1667/s; × 3 = 12.5/s.
    close(m.peak_rps, 12.5, "peak rps");
    close(m.db_reads_per_s, 50.0, "reads = 12.5 × 4");
    close(m.db_writes_per_s, 6.25, "writes = 12.5 × 0.5");
    // Team: 3 engineers + 0.5 per month.
    close(m.engineers, 3.0, "engineers at 0");
    close(
        p.months[36].engineers,
        21.0,
        "engineers at 36 = 3 + 0.5 × 36",
    );
    assert!(m.tiers.cache.is_none());
}

#[test]
fn database_reads_after_the_cache_are_reduced_by_cacheable_share_times_hit_ratio() {
    let mut s = november();
    s.growth.start_users = 10_000.0;
    s.growth.mau_share = 0.6;
    s.growth.dau_share = 0.4;
    s.usage.cacheable_read_share = 0.7;
    s.usage.cache_hit_ratio = 0.9;
    // The rule adopts a cache from 0 DAU: on from month 0.
    s.thresholds.cache_dau = 0.0;
    s.stack.adopt = Adoption::RuleOfThumb;
    let p = run(s);
    let m = &p.months[0];
    assert!(m.tiers.cache.is_some());
    // Raw reads 50/s (previous test); × (1 − 0.7 × 0.9) = × 0.37 → 18.5/s.
    close(m.db_reads_per_s, 18.5, "reads after cache");
    // The cache serves the cacheable reads: 50 × 0.7 = 35 ops/s.
    close(m.tiers.cache.as_ref().unwrap().ops_per_s, 35.0, "cache ops");
}

// ---- 4. app tier ---------------------------------------------------------------------

#[test]
fn app_instances_are_max_of_minimum_and_ceil_busy_over_capacity() {
    // steady(100): peak 100 rps; 50 ms CPU per request → busy = 100 × 50 / 1000 = 5 cores.
    let base = || {
        let mut s = steady(100.0);
        s.usage.app_cpu_ms_per_request = 50.0;
        s
    };
    let cases = [
        // m7g.large: 2 vCPU × 1.0 × 0.7 = 1.4 cores; 5 / 1.4 = 3.57 → 4.
        ("m7g.large", 1, 4),
        // t4g.small: 2 vCPU × 0.2 baseline × 0.7 = 0.28; 5 / 0.28 = 17.9 → 18.
        ("t4g.small", 1, 18),
        // m7g.2xlarge: 8 × 0.7 = 5.6 ≥ 5 → 1 ...
        ("m7g.2xlarge", 1, 1),
        // ... unless the minimum is higher.
        ("m7g.2xlarge", 3, 3),
    ];
    for (sku, min, expected) in cases {
        let mut s = base();
        s.stack.app_sku = sku.to_owned();
        s.stack.min_app_instances = min;
        let scenario = Scenario::new(s).unwrap();
        let p = project(&scenario);
        let app = &p.months[0].tiers.app;
        assert_eq!((&*app.sku, app.count), (sku, expected), "min {min}");
        let price = scenario
            .catalog()
            .app_sku(sku)
            .unwrap()
            .price
            .usd_per_month();
        close(
            p.months[0].costs_usd.app,
            expected as f64 * price,
            "app cost",
        );
    }
    // m7g.large with 4 instances: utilisation = 5 / (4 × 2 × 1.0) = 0.625.
    let mut s = base();
    s.stack.app_sku = "m7g.large".into();
    close(run(s).months[0].tiers.app.utilization, 0.625, "utilisation");

    // High availability raises the floor to two instances.
    let mut s = base();
    s.stack.app_sku = "m7g.2xlarge".into();
    s.stack.ha_from_stage = Stage::Mvp;
    assert_eq!(run(s).months[0].tiers.app.count, 2);
}

#[test]
fn synchronous_side_effects_load_the_app_until_background_jobs_take_them() {
    // Inline: 10% of requests carry a 150 ms side effect (under the 200 ms rule and,
    // at 50 + 150 = 200 ms, under the 500 ms objective): no jobs. Service time
    // 50 + 0.1 × 150 = 65 ms → busy 100 × 65 / 1000 = 6.5 cores; / 1.4 = 4.6 → 5.
    let mut s = steady(100.0);
    s.usage.app_cpu_ms_per_request = 50.0;
    s.usage.side_effect_share = 0.1;
    s.usage.side_effect_ms = 150.0;
    let p = run(s.clone());
    assert!(p.months[0].tiers.workers.is_none());
    assert!(events_of(&p, Change::BackgroundJobs).is_empty());
    assert_eq!(p.months[0].tiers.app.count, 5);

    // 300 ms > the 200 ms rule: jobs from month 0. The app is back to 5 cores → 4
    // instances; workers carry avg rps (100 / 3) × 0.1 × 300 ms = 1.0 core → 1 worker.
    s.usage.side_effect_ms = 300.0;
    let p = run(s);
    let m = &p.months[0];
    assert_eq!(m.tiers.app.count, 4);
    let w = m
        .tiers
        .workers
        .as_ref()
        .expect("workers once jobs are adopted");
    assert_eq!(w.count, 1);
    close(
        w.utilization,
        1.0 / 2.0,
        "worker utilisation = 1 core / 2 vCPU",
    );
    let e = events_of(&p, Change::BackgroundJobs);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].month, e[0].basis, e[0].adopted),
        (0, Basis::RuleOfThumb, true)
    );
    assert_eq!((e[0].value, e[0].threshold), (300.0, 200.0));
}

// ---- 4. database ---------------------------------------------------------------------

#[test]
fn database_is_the_cheapest_sku_whose_cpu_at_target_covers_the_load() {
    // steady(100), 10 reads/request, 1 ms each, no writes: busy = 1,000 × 1 ms = 1.0 core.
    // Capacities at 70%: micro 2×0.1×0.7 = 0.14, small/medium 0.28, t4g.large 0.42,
    // m5.large 1.4 → db.m5.large at 1.0 / 2 = 50% CPU.
    let cases = [
        (10.0, "db.m5.large", 0.5),
        (30.0, "db.m5.2xlarge", 3.0 / 8.0),
    ];
    // 30 reads/request: 3.0 cores; m5.xlarge 4 × 0.7 = 2.8 < 3 → m5.2xlarge (5.6).
    for (reads, sku, util) in cases {
        let mut s = steady(100.0);
        s.usage.db_reads_per_request = reads;
        s.usage.db_writes_per_request = 0.0;
        let p = run(s);
        let db = &p.months[0].tiers.db;
        assert_eq!((&*db.sku, db.replicas, db.shards), (sku, 0, 1));
        close(db.utilization, util, "db utilisation");
    }
}

#[test]
fn database_moves_up_the_ladder_as_load_grows_with_an_event_at_each_step() {
    let s = headroom_models::Preset::B2bSaas
        .scenario()
        .with_setting("horizon_months", "60")
        .unwrap();
    let p = project(&s);
    let prices: Vec<f64> = p
        .months
        .iter()
        .map(|m| monthly(&s, &m.tiers.db.sku))
        .collect();
    assert!(
        prices.windows(2).all(|w| w[1] >= w[0]),
        "never steps down: {prices:?}"
    );
    assert!(
        prices[60] > prices[0],
        "60 months of growth move the database up"
    );
    let upgrades = events_of(&p, Change::DbUpgrade);
    let changed: Vec<u32> = p
        .months
        .windows(2)
        .filter(|w| w[1].tiers.db.sku != w[0].tiers.db.sku)
        .map(|w| w[1].month)
        .collect();
    let evented: Vec<u32> = upgrades.iter().map(|e| e.month).collect();
    assert_eq!(changed, evented, "one upgrade event per change of SKU");
    assert!(upgrades
        .iter()
        .all(|e| e.basis == Basis::Model && e.adopted));
}

#[test]
fn database_adds_read_replicas_of_the_largest_sku_when_reads_outgrow_it() {
    // steady(5000) with 10 reads/request: 50,000 reads/s × 1 ms = 50 busy cores.
    // Largest: db.m5.4xlarge, 16 × 0.7 = 11.2 cores. Primary takes 11.2; replicas
    // carry 50 − 11.2 = 38.8 → ceil(38.8 / 11.2) = ceil(3.46) = 4.
    let mut s = steady(5_000.0);
    s.usage.db_reads_per_request = 10.0;
    s.usage.db_writes_per_request = 0.0;
    let scenario = Scenario::new(s).unwrap();
    let p = project(&scenario);
    let db = &p.months[0].tiers.db;
    assert_eq!(
        (&*db.sku, db.replicas, db.shards, db.count),
        ("db.m5.4xlarge", 4, 1, 5)
    );
    close(db.utilization, 0.7, "primary at target");
    // Single-AZ (HA only at enterprise here): 5 instances × $1,039.52.
    close(
        p.months[0].costs_usd.database,
        5.0 * monthly(&scenario, "db.m5.4xlarge"),
        "database cost",
    );
    let e = events_of(&p, Change::ReadReplica);
    assert!(
        e.iter()
            .any(|e| e.basis == Basis::Model && e.month == 0 && e.adopted),
        "{e:?}"
    );
}

#[test]
fn replicas_never_exceed_fifteen_and_the_layout_always_carries_the_load() {
    // Reads from 10 to 10 million per second: past 15 replicas the data is split.
    let mut split = false;
    let mut peak = 1.0;
    while peak < 1e6 {
        let mut s = steady(peak);
        s.usage.db_reads_per_request = 10.0;
        s.usage.db_writes_per_request = 0.2;
        let p = run(s);
        let m = &p.months[0];
        let db = &m.tiers.db;
        assert!(db.replicas <= 15, "peak {peak}: {} replicas", db.replicas);
        // Capacity of the layout at 70%: shards × (1 + replicas) × vcpu × 0.7 must
        // cover reads × 1 ms + writes × 3 ms.
        let busy = (m.db_reads_per_s * 1.0 + m.db_writes_per_s * 3.0) / 1_000.0;
        let sku = catalog::by_id("aws-us-east-1-2026-11")
            .unwrap()
            .db_skus
            .into_iter()
            .find(|k| k.id == db.sku)
            .unwrap();
        let capacity = f64::from(db.shards)
            * f64::from(1 + db.replicas)
            * sku.vcpu
            * sku.baseline_cpu_share
            * 0.7;
        assert!(
            capacity >= busy * (1.0 - 1e-12),
            "peak {peak}: {capacity} < {busy}"
        );
        assert!(
            db.utilization <= 0.7 + 1e-12,
            "peak {peak}: primary at {}",
            db.utilization
        );
        split |= db.shards > 1;
        peak *= 1.7;
    }
    assert!(
        split,
        "10M reads/s must need more than one primary and 15 replicas"
    );
}

#[test]
fn writes_that_overflow_the_largest_primary_force_shards() {
    // steady(5000), 4 writes/request: 20,000 writes/s × 3 ms = 60 busy cores.
    // One primary may take 90% of 11.2 = 10.08 cores of writes:
    // ceil(60 / 10.08) = ceil(5.95) = 6 shards of 10 cores each; only db.m5.4xlarge
    // (11.2) covers 10 (db.m5.2xlarge: 5.6).
    let mut s = steady(5_000.0);
    s.usage.db_reads_per_request = 0.0;
    s.usage.db_writes_per_request = 4.0;
    let p = run(s);
    let db = &p.months[0].tiers.db;
    assert_eq!((&*db.sku, db.shards, db.replicas), ("db.m5.4xlarge", 6, 0));
    close(db.utilization, 10.0 / 16.0, "per-shard primary");
    let e = events_of(&p, Change::Sharding);
    assert!(
        e.iter()
            .any(|e| e.basis == Basis::Model && e.metric == "db_write_busy_cores"),
        "{e:?}"
    );
}

#[test]
// Regression test for a bug this suite found (fixed in models/src): sharding events take their threshold from the SKU chosen after the split (write split: its full capacity, not 90% of the largest; hot-set split: its RAM, not the largest RAM), so value < threshold can show.
fn sharding_events_report_a_value_over_their_threshold() {
    // 11 busy cores of writes: over 10.08 (90% of db.m5.4xlarge's 11.2), under 11.2,
    // so two shards. 11 cores = writes × 3 ms → 3,666.7 writes/s → steady(3,666.7)
    // with 1 write/request. A 100 GB all-hot database also needs two shards of 50 GB,
    // which only db.m5.4xlarge (64 GB) holds: the event then names the write load
    // (11 cores) against that SKU's full 11.2 — a value under its threshold.
    // (The B2B preset shows the same at month 91 of 120: 10.96 against 11.20.)
    let mut s = steady(11_000.0 / 3.0);
    s.usage.db_reads_per_request = 0.0;
    s.usage.db_writes_per_request = 1.0;
    s.data.db_start_gb = 100.0;
    s.data.hot_share = 1.0;
    let p = run(s);
    let db = &p.months[0].tiers.db;
    assert_eq!((&*db.sku, db.shards), ("db.m5.4xlarge", 2));
    for e in events_of(&p, Change::Sharding) {
        assert!(
            e.value > e.threshold,
            "{}: {} <= {}",
            e.metric,
            e.value,
            e.threshold
        );
    }
    // The hot-set case names the RAM of the SKU chosen after the split, not the
    // limit that was exceeded: paas, 2,600 GB at 10% hot = 260 GB > supabase-16xl's
    // 256 GB → two shards of 130 GB on supabase-12xl (192 GB). The event should
    // say 260 against 256, not against 192.
    let mut s = steady(1.0);
    s.stack.catalog = "paas-2026-11".into();
    s.data.db_start_gb = 2_600.0;
    let p = run(s);
    assert_eq!(p.months[0].tiers.db.shards, 2);
    let e = events_of(&p, Change::Sharding);
    let model = e.iter().find(|e| e.basis == Basis::Model).unwrap();
    assert_eq!((model.value, model.threshold), (260.0, 256.0), "{model:?}");
}

#[test]
fn a_hot_set_larger_than_the_largest_ram_forces_shards() {
    // 200 GB, all hot: ceil(200 / 64 GB) = 4 shards of 50 GB; the cheapest SKU with
    // >= 50 GB RAM is db.m5.4xlarge (64 GB).
    let mut s = steady(1.0);
    s.data.db_start_gb = 200.0;
    s.data.hot_share = 1.0;
    let p = run(s);
    let db = &p.months[0].tiers.db;
    assert_eq!((&*db.sku, db.shards), ("db.m5.4xlarge", 4));
    close(db.hot_set_gb, 50.0, "hot set per shard");
    let e = events_of(&p, Change::Sharding);
    assert!(
        e.iter()
            .any(|e| e.metric == "db_hot_set_gb" && e.month == 0),
        "{e:?}"
    );
}

// ---- 6. cache by rule, and rule events under `adopt = model` --------------------

/// DAU = registered = 1,000 × 1.1^t: 9,850 at month 24, 10,835 at month 25.
/// Light load (20 requests/DAU/day) so the capacity math never wants a cache.
fn crossing_10k_dau_at_month_25(adopt: Adoption) -> Projection {
    let mut s = november();
    s.horizon_months = 30;
    s.growth.start_users = 1_000.0;
    s.growth.monthly_rate = 0.10;
    s.growth.monthly_churn = 0.0;
    s.growth.mau_share = 1.0;
    s.growth.dau_share = 1.0;
    s.usage.requests_per_dau_per_day = 20.0;
    s.data.rows_per_dau_per_day = 0.0;
    s.stack.adopt = adopt;
    run(s)
}

#[test]
fn cache_is_adopted_by_the_rule_at_cache_dau_and_not_before() {
    let p = crossing_10k_dau_at_month_25(Adoption::RuleOfThumb);
    close(p.months[24].dau, 9_849.732_675_807_63, "DAU(24)");
    close(p.months[25].dau, 10_834.705_943_388_395, "DAU(25)");
    for m in &p.months {
        assert_eq!(m.tiers.cache.is_some(), m.month >= 25, "month {}", m.month);
        assert_eq!(m.costs_usd.cache > 0.0, m.month >= 25, "month {}", m.month);
    }
    let e = events_of(&p, Change::Cache);
    let rule: Vec<_> = e.iter().filter(|e| e.basis == Basis::RuleOfThumb).collect();
    assert_eq!(rule.len(), 1, "{e:?}");
    assert_eq!((rule[0].month, rule[0].adopted), (25, true));
    assert_eq!(
        (rule[0].metric.as_str(), rule[0].threshold),
        ("dau", 10_000.0)
    );
    close(rule[0].value, 10_834.705_943_388_395, "event value");
    assert!(
        e.iter().all(|e| e.basis == Basis::RuleOfThumb),
        "model never asks here: {e:?}"
    );
}

#[test]
fn with_adopt_model_rule_events_are_recorded_but_not_adopted() {
    let p = crossing_10k_dau_at_month_25(Adoption::Model);
    let rule: Vec<_> = p
        .events
        .iter()
        .filter(|e| e.basis == Basis::RuleOfThumb)
        .collect();
    assert!(rule
        .iter()
        .any(|e| e.change == Change::Cache && e.month == 25));
    // The jobs rule (300 ms > 200 ms) fires at month 0; 15 + 300 ms is under the
    // 500 ms objective, so the model never asks and jobs are never made.
    assert!(rule
        .iter()
        .any(|e| e.change == Change::BackgroundJobs && e.month == 0));
    assert!(p.months.iter().all(|m| m.tiers.workers.is_none()));
    // Multi-AZ is the `ha_from_stage` policy, applied whatever `adopt` says; see
    // `multi_az_policy_applies_whatever_adopt_says`.
    let rules: Vec<_> = rule
        .iter()
        .filter(|e| e.change != Change::MultiAz)
        .collect();
    assert!(rules.iter().all(|e| !e.adopted), "{rules:?}");
    // No model reason for a cache (one micro database either way), so none is made.
    assert!(p.months.iter().all(|m| m.tiers.cache.is_none()));
    let gap = p.gaps.iter().find(|g| g.change == Change::Cache).unwrap();
    assert_eq!((gap.rule_month, gap.model_month), (Some(25), None));
}

/// Multi-AZ is the `ha_from_stage` policy (docs/MODEL.md §7, §12): it is recorded
/// as a rule-of-thumb event and made whatever `stack.adopt` says.
#[test]
fn multi_az_policy_applies_whatever_adopt_says() {
    for adopt in [Adoption::Model, Adoption::RuleOfThumb, Adoption::Either] {
        let p = crossing_10k_dau_at_month_25(adopt);
        // MAU = DAU here: early scale (10,000 MAU) first at month 25.
        for m in &p.months {
            assert_eq!(
                m.tiers.db.multi_az,
                m.month >= 25,
                "{adopt:?} month {}",
                m.month
            );
        }
        let e = events_of(&p, Change::MultiAz);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].month, e[0].basis, e[0].adopted),
            (25, Basis::RuleOfThumb, true)
        );
    }
}

// ---- CDN by cost ---------------------------------------------------------------------

#[test]
fn cdn_is_adopted_when_it_is_cheaper_than_origin_egress() {
    // 10,000 DAU (all users daily). Per month (30.4 days):
    //   API: 10,000 × 150 × 30.4 × 8 KB = 364.8 GB
    //   static: 10,000 × 5 × 30.4 × 300 KB = 456 GB
    // Origin egress, 100 GB free then $0.09: all = (820.8 − 100) × 0.09 = $64.872,
    // API only = (364.8 − 100) × 0.09 = $23.832, so the static share costs $41.04.
    // CloudFront: 456 GB < 1 TB free, 1.52M requests < 10M free → $0. Cheaper: adopt.
    let mut s = steady(10_000.0 / 192.0);
    s.thresholds.cdn_dau = 1e10; // only the model may ask
    let p = run(s);
    let m = &p.months[0];
    close(m.dau, 10_000.0, "DAU");
    assert!(m.tiers.cdn);
    close(m.egress_gb.api, 364.8, "API GB");
    close(m.egress_gb.static_assets, 456.0, "static GB");
    close(m.egress_gb.origin, 364.8, "origin GB after the CDN");
    close(m.egress_gb.cdn, 456.0, "CDN GB");
    close(m.costs_usd.egress, 23.832, "origin egress $");
    close(m.costs_usd.cdn, 0.0, "CDN $");
    let e = events_of(&p, Change::Cdn);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].month, e[0].basis, e[0].adopted),
        (0, Basis::Model, true)
    );
    close(e[0].value, 41.04, "origin cost of static bytes");
    close(e[0].threshold, 0.0, "CDN cost");
}

#[test]
fn no_cdn_while_origin_egress_is_inside_its_free_tier() {
    // 1,000 DAU: 36.48 + 45.6 = 82.08 GB < 100 GB free: the origin costs $0, the CDN
    // cannot be cheaper.
    let mut s = steady(1_000.0 / 192.0);
    s.horizon_months = 1;
    let p = run(s.clone());
    assert!(!p.months[0].tiers.cdn);
    close(p.months[0].egress_gb.origin, 82.08, "origin GB");
    assert_eq!(p.months[0].costs_usd.egress, 0.0);
    assert!(events_of(&p, Change::Cdn).is_empty());

    // The rule at 1,000 DAU adopts it regardless (adopt = rule of thumb).
    s.thresholds.cdn_dau = 1_000.0;
    s.stack.adopt = Adoption::RuleOfThumb;
    let p = run(s);
    assert!(p.months[0].tiers.cdn);
    close(
        p.months[0].egress_gb.origin,
        36.48,
        "only API bytes at the origin",
    );
}

// ---- High availability --------------------------------------------------------------

#[test]
fn multi_az_starts_at_ha_from_stage_and_doubles_the_database_instance_cost() {
    let s = headroom_models::Preset::B2bSaas.scenario();
    assert_eq!(
        s.catalog().rate(RateName::DbMultiAz).first(),
        2.0,
        "RDS Multi-AZ ×2"
    );
    let p = project(&s);
    let first_es = p
        .months
        .iter()
        .find(|m| m.stage >= Stage::EarlyScale)
        .expect("B2B reaches early scale in 36 months")
        .month;
    for m in &p.months {
        assert_eq!(
            m.tiers.db.multi_az,
            m.month >= first_es,
            "month {}",
            m.month
        );
        if m.month >= first_es {
            assert!(m.tiers.app.count >= 2, "HA floor of two app instances");
        }
    }
    let e = events_of(&p, Change::MultiAz);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].month, e[0].adopted), (first_es, true));

    // Same scenario with HA only at enterprise: same SKU, half the instance cost.
    let single = s.with_setting("stack.ha_from_stage", "enterprise").unwrap();
    let q = project(&single);
    let (a, b) = (&p.months[first_es as usize], &q.months[first_es as usize]);
    assert_eq!(a.tiers.db.sku, b.tiers.db.sku);
    assert!(!b.tiers.db.multi_az);
    close(
        b.costs_usd.database,
        monthly(&s, &b.tiers.db.sku),
        "single-AZ = one instance",
    );
    close(
        a.costs_usd.database,
        2.0 * b.costs_usd.database,
        "Multi-AZ = ×2",
    );
    close(
        a.costs_usd.db_storage,
        2.0 * b.costs_usd.db_storage,
        "storage ×2 too",
    );
}

// ---- cost per customer, breakdown ----------------------------------------------------

#[test]
fn cost_per_customer_is_absent_below_one_customer_and_total_over_customers_above() {
    // 100 users × 0.6 × 1% / 5 seats = 0.12 customers: none.
    let mut s = november();
    s.horizon_months = 1;
    s.growth.start_users = 100.0;
    s.revenue.paying_share = 0.01;
    let p = run(s);
    let m = &p.months[0];
    close(m.customers, 0.12, "customers");
    assert_eq!(m.cost_per_customer_usd, None);
    assert_eq!(m.cost_per_mau_usd, Some(m.total_usd / m.mau));

    // Exactly one customer: 1,000 users × 1.0 × 0.5 / 500 seats.
    let mut s = november();
    s.horizon_months = 1;
    s.growth.start_users = 1_000.0;
    s.growth.mau_share = 1.0;
    s.revenue.paying_share = 0.5;
    s.revenue.users_per_customer = 500.0;
    let m = run(s).months[0].clone();
    assert_eq!(m.customers, 1.0);
    assert_eq!(m.cost_per_customer_usd, Some(m.total_usd));

    // The B2B preset: 36 customers at month 0.
    let p = project(&headroom_models::Preset::B2bSaas.scenario());
    for m in &p.months {
        assert!(m.customers >= 1.0);
        assert_eq!(m.cost_per_customer_usd, Some(m.total_usd / m.customers));
        assert_eq!(m.cost_share_of_revenue, Some(m.total_usd / m.revenue_usd));
    }
}

#[test]
fn cost_items_sum_to_the_total_in_every_preset_and_catalog() {
    for preset in headroom_models::Preset::ALL {
        for cat in ["aws-us-east-1-2026-11", "paas-2026-11"] {
            let s = preset
                .scenario()
                .with_setting("stack.catalog", cat)
                .unwrap();
            let p = project(&s);
            for m in &p.months {
                assert_eq!(
                    m.costs_usd.total(),
                    m.total_usd,
                    "{preset} {cat} month {}",
                    m.month
                );
                // Summed in another order the total agrees to rounding.
                let reversed: f64 = m.costs_usd.items().iter().rev().map(|(_, v)| v).sum();
                close(reversed, m.total_usd, "reverse sum");
                assert!(m.costs_usd.items().iter().all(|(_, v)| *v >= 0.0));
            }
        }
    }
}

// ---- prices ---------------------------------------------------------------------------

/// Every cost line other than `changed` is identical month by month.
fn only_line_changes(a: &Projection, b: &Projection, changed: &str) {
    for (ma, mb) in a.months.iter().zip(&b.months) {
        for ((name, va), (_, vb)) in ma.costs_usd.items().iter().zip(mb.costs_usd.items()) {
            if name.name() != changed {
                assert_eq!(
                    *va, vb,
                    "month {}: {name} moved when {changed} was overridden",
                    ma.month
                );
            }
        }
        assert_eq!(ma.tiers, mb.tiers, "month {}: sizing moved", ma.month);
    }
}

#[test]
fn a_price_override_changes_exactly_the_line_it_prices() {
    let base = headroom_models::Preset::B2bSaas.scenario();
    let p = project(&base);

    // db_storage $0.115 → $1.00 per GB-month: only costs.db_storage, by 1 / 0.115.
    let q = project(
        &base
            .with_setting("stack.price_overrides.db_storage", "1.0")
            .unwrap(),
    );
    only_line_changes(&p, &q, "db_storage");
    for (a, b) in p.months.iter().zip(&q.months) {
        close(
            b.costs_usd.db_storage,
            a.costs_usd.db_storage / 0.115,
            "db_storage scaled",
        );
    }

    // email tier 0 (to 10M emails) $0.16 → $0.32 per 1,000: B2B sends 8 × MAU < 10M a
    // month, so costs.email doubles and nothing else moves.
    let q = project(
        &base
            .with_setting("stack.price_overrides.email.0", "0.32")
            .unwrap(),
    );
    only_line_changes(&p, &q, "email");
    for (a, b) in p.months.iter().zip(&q.months) {
        close(b.costs_usd.email, 2.0 * a.costs_usd.email, "email doubled");
    }

    // db.t4g.micro $0.016/h → $0.02/h ($14.60/month, still below db.t4g.small): only
    // costs.database, and only in months on db.t4g.micro.
    let q = project(
        &base
            .with_setting("stack.price_overrides.db:db.t4g.micro", "0.02")
            .unwrap(),
    );
    only_line_changes(&p, &q, "database");
    for (a, b) in p.months.iter().zip(&q.months) {
        if &*a.tiers.db.sku == "db.t4g.micro" {
            // A Multi-AZ database pays for its standby too.
            let nodes = if a.tiers.db.multi_az { 2.0 } else { 1.0 };
            close(b.costs_usd.database, nodes * 0.02 * 730.0, "micro repriced");
        } else {
            assert_eq!(a.costs_usd.database, b.costs_usd.database);
        }
    }
}

#[test]
fn the_paas_catalog_prices_with_its_own_skus() {
    let aws = project(&headroom_models::Preset::B2bSaas.scenario());
    let s = headroom_models::Preset::B2bSaas
        .scenario()
        .with_setting("stack.catalog", "paas-2026-11")
        .unwrap();
    let p = project(&s);
    assert_eq!(p.catalog.id, "paas-2026-11");
    let paas = catalog::by_id("paas-2026-11").unwrap();
    for m in &p.months {
        assert_eq!(
            &*m.tiers.app.sku, "performance-1x-2gb",
            "the catalog's default app SKU"
        );
        assert!(
            paas.db_skus.iter().any(|k| k.id == m.tiers.db.sku),
            "{}",
            m.tiers.db.sku
        );
        if let Some(c) = &m.tiers.cache {
            assert!(paas.cache_skus.iter().any(|k| k.id == c.sku), "{}", c.sku);
        }
        // Supabase Pro net of credits $15 + Vercel seat $20 + Resend Pro $20.
        close(m.costs_usd.platform, 55.0, "fixed fees");
        assert!(m.tiers.pooler.is_none(), "Supabase includes its pooler");
    }
    // Supabase's smallest listed compute is Large ($0.1517/h × 730 = $110.74).
    assert_eq!(&*p.months[0].tiers.db.sku, "supabase-large");
    close(
        p.months[0].costs_usd.database,
        0.1517 * 730.0,
        "supabase-large",
    );
    assert_ne!(aws.months[0].tiers.db.sku, p.months[0].tiers.db.sku);
}

fn rate(json: &str) -> Rate {
    serde_json::from_str(json).unwrap()
}

#[test]
fn tiered_rates_charge_each_slice_at_its_own_price() {
    let src = r#""source": "test", "seen": "2026-11", "verified": true"#;
    let egress = rate(&format!(
        r#"{{"per": "gb", "tiers": [
            {{"up_to": 100, "usd": 0, {src}}},
            {{"up_to": 10240, "usd": 0.09, {src}}},
            {{"up_to": null, "usd": 0.085, {src}}}]}}"#
    ));
    assert_eq!(egress.cost(-5.0), 0.0);
    assert_eq!(egress.cost(0.0), 0.0);
    assert_eq!(egress.cost(100.0), 0.0, "inside the free tier");
    close(egress.cost(150.0), 50.0 * 0.09, "50 GB paid");
    close(
        egress.cost(10_240.0),
        10_140.0 * 0.09,
        "to the end of tier 1: $912.60",
    );
    // Straddling tiers 1 and 2: 10,140 × 0.09 + 100 × 0.085 = 912.6 + 8.5 = $921.10.
    close(egress.cost(10_340.0), 921.1, "straddles two paid tiers");

    // A unit of 10,000 requests: 20M requests = 2,000 units, 1,000 free,
    // 1,000 × $0.01 = $10.
    let cdn = rate(&format!(
        r#"{{"per": "ten_thousand_requests", "tiers": [
            {{"up_to": 1000, "usd": 0, {src}}}, {{"usd": 0.01, {src}}}]}}"#
    ));
    assert_eq!(cdn.cost(10_000_000.0), 0.0);
    close(cdn.cost(20_000_000.0), 10.0, "20M requests");

    // The catalog's own origin_egress has the same first tiers.
    let aws = catalog::by_id("aws-us-east-1-2026-11").unwrap();
    close(
        aws.rate(RateName::OriginEgress).cost(10_340.0),
        921.1,
        "AWS egress",
    );
}

// ---- validation -----------------------------------------------------------------------

#[test]
fn invalid_inputs_are_rejected_naming_the_field_in_one_line() {
    type Edit = Box<dyn Fn(&mut ScenarioInput)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "usage.peak_to_average",
            Box::new(|s| s.usage.peak_to_average = f64::NAN),
        ),
        (
            "growth.start_users",
            Box::new(|s| s.growth.start_users = -1.0),
        ),
        (
            "growth.start_users",
            Box::new(|s| s.growth.start_users = f64::INFINITY),
        ),
        (
            "growth.start_users",
            Box::new(|s| s.growth.start_users = 2e10),
        ),
        (
            "usage.peak_to_average",
            Box::new(|s| s.usage.peak_to_average = 51.0),
        ),
        (
            "growth.monthly_rate",
            Box::new(|s| s.growth.monthly_rate = 2.5),
        ),
        (
            "revenue.paying_share",
            Box::new(|s| s.revenue.paying_share = 1.01),
        ),
        ("horizon_months", Box::new(|s| s.horizon_months = 0)),
        ("horizon_months", Box::new(|s| s.horizon_months = 121)),
        (
            "growth.ceiling_users",
            Box::new(|s| {
                s.growth.mode = GrowthMode::Logistic;
                s.growth.start_users = 1_000.0;
                s.growth.ceiling_users = 500.0;
            }),
        ),
        (
            "thresholds.stage_mau.1",
            Box::new(|s| s.thresholds.stage_mau = [1_000.0, 500.0, 100_000.0, 1e6]),
        ),
        (
            "stack.catalog",
            Box::new(|s| s.stack.catalog = "gcp-2019".into()),
        ),
        (
            "stack.app_sku",
            Box::new(|s| s.stack.app_sku = "m9.huge".into()),
        ),
        (
            "stack.price_overrides.nope",
            Box::new(|s| {
                s.stack.price_overrides.insert("nope".into(), 1.0);
            }),
        ),
        (
            "stack.price_overrides.db_storage",
            Box::new(|s| {
                s.stack.price_overrides.insert("db_storage".into(), -1.0);
            }),
        ),
        (
            // A tiered rate needs its tier index.
            "stack.price_overrides.email",
            Box::new(|s| {
                s.stack.price_overrides.insert("email".into(), 0.1);
            }),
        ),
        (
            "stack.min_app_instances",
            Box::new(|s| s.stack.min_app_instances = 0),
        ),
        ("name", Box::new(|s| s.name = "x".repeat(121))),
    ];
    for (field, edit) in cases {
        let mut input = november();
        edit(&mut input);
        let e = Scenario::new(input).expect_err(field);
        assert_eq!(e.field, field);
        let text = e.to_string();
        assert!(text.starts_with(field), "{text}");
        assert!(text.contains("allowed"), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
    }
    // The value is shown as given.
    let mut input = november();
    input.usage.peak_to_average = f64::NAN;
    assert_eq!(Scenario::new(input).unwrap_err().value, "NaN");
    let mut input = november();
    input.horizon_months = 121;
    assert_eq!(
        Scenario::new(input).unwrap_err().to_string(),
        "horizon_months = 121: allowed is a whole number from 1 to 120 (months)"
    );
}

#[test]
fn scenario_files_with_unknown_fields_are_rejected_naming_the_field() {
    for (json, name) in [
        (r#"{"growth": {"monthly_rat": 0.1}}"#, "growth.monthly_rat"),
        (r#"{"horizon": 12}"#, "horizon"),
        (
            r#"{"stack": {"catalogue": "paas-2026-11"}}"#,
            "stack.catalogue",
        ),
    ] {
        // The dotted path, as every other error names its field.
        let e = Scenario::from_json(json).unwrap_err();
        assert_eq!(e.field, name);
        let text = e.to_string();
        assert!(text.contains(name) && text.contains("allowed"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }
    // Valid JSON with an out-of-range value names the dotted field.
    let e = Scenario::from_json(r#"{"usage": {"peak_to_average": 0.5}}"#).unwrap_err();
    assert_eq!(e.field, "usage.peak_to_average");
}

#[test]
fn scenario_files_with_a_wrong_type_name_the_field() {
    for (json, field) in [
        (
            r#"{"growth": {"start_users": "many"}}"#,
            "growth.start_users",
        ),
        (r#"{"growth": {"mode": "linear"}}"#, "growth.mode"),
        (
            r#"{"stack": {"min_app_instances": 1.5}}"#,
            "stack.min_app_instances",
        ),
    ] {
        let e = Scenario::from_json(json).unwrap_err();
        assert_eq!(e.field, field, "{e}");
        let text = e.to_string();
        assert!(text.contains("allowed") && !text.contains('\n'), "{text}");
    }
}

#[test]
fn with_setting_wrong_type_names_the_key() {
    let s = Scenario::default();
    let e = s
        .with_setting("growth.start_users", "\"many\"")
        .unwrap_err();
    assert_eq!(e.field, "growth.start_users");
    let e = s.with_setting("growth.mode", "sideways").unwrap_err();
    assert_eq!(e.field, "growth.mode");
    let e = s.with_setting("growth.nope", "1").unwrap_err();
    assert_eq!(e.field, "growth.nope");
    assert!(e.to_string().contains("allowed"));
}

#[test]
fn with_setting_reaches_nested_keys_and_price_overrides() {
    let s = Scenario::default();
    let t = s.with_setting("thresholds.cache_dau", "5000").unwrap();
    assert_eq!(t.input().thresholds.cache_dau, 5_000.0);
    // Everything else is unchanged.
    let mut expected = s.input().clone();
    expected.thresholds.cache_dau = 5_000.0;
    assert_eq!(t.input(), &expected);

    // A bare word is a string: an enum by name.
    let t = s.with_setting("growth.mode", "logistic").unwrap();
    assert_eq!(t.input().growth.mode, GrowthMode::Logistic);
    // A JSON array sets a whole array.
    let t = s
        .with_setting("thresholds.stage_mau", "[500, 5000, 50000, 500000]")
        .unwrap();
    assert_eq!(t.input().thresholds.stage_mau, [500.0, 5e3, 5e4, 5e5]);

    // Price keys contain ':' and '.': the rest of the key is one map entry. The
    // value is in the key's own unit: db.m7g.large is priced per hour.
    let t = s
        .with_setting("stack.price_overrides.db:db.m7g.large", "0.2")
        .unwrap()
        .with_setting("stack.price_overrides.origin_egress.1", "0.05")
        .unwrap();
    let o = &t.input().stack.price_overrides;
    assert_eq!(o.get("db:db.m7g.large"), Some(&0.2));
    assert_eq!(o.get("origin_egress.1"), Some(&0.05));
    assert_eq!(o.len(), 2, "{o:?}");
    let m5 = t
        .catalog()
        .db_skus
        .iter()
        .find(|k| &*k.id == "db.m7g.large")
        .unwrap();
    close(
        m5.price.usd_per_month(),
        0.2 * 730.0,
        "overridden m7g.large",
    );
    assert_eq!(t.catalog().rate(RateName::OriginEgress).tiers[1].usd, 0.05);
    assert_eq!(t.catalog().rate(RateName::OriginEgress).tiers[2].usd, 0.085);
}

#[test]
// Regression test for a bug this suite found (fixed in models/src): validation names array elements `thresholds.stage_mau.1` / `growth.stage_rates.0`, but with_setting (and `--set`) cannot address them.
fn with_setting_accepts_the_field_names_validation_reports() {
    let s = Scenario::default();
    let t = s.with_setting("thresholds.stage_mau.1", "20000").unwrap();
    assert_eq!(t.input().thresholds.stage_mau[1], 20_000.0);
    let t = s.with_setting("growth.stage_rates.0", "0.3").unwrap();
    assert_eq!(t.input().growth.stage_rates[0], 0.3);
}

// ---- extremes --------------------------------------------------------------------------

#[test]
fn ten_billion_users_doubling_monthly_for_ten_years_stay_finite() {
    let mut s = november();
    s.horizon_months = 120;
    s.growth.start_users = 1e10;
    s.growth.monthly_rate = 1.0;
    s.growth.monthly_churn = 0.0;
    let p = run(s);
    assert_eq!(p.months.len(), 121);
    assert_all_finite(&p);
    for m in &p.months {
        assert!(
            m.registered <= 1e10,
            "capped at 10 billion: {}",
            m.registered
        );
    }
    assert!(
        p.warnings.iter().any(|w| w.message.contains("10 billion")),
        "{:?}",
        p.warnings
    );
    assert!(p.months[120].total_usd > 0.0);
}

#[test]
fn zero_users_give_fixed_costs_and_no_per_customer_figures() {
    let mut s = november();
    s.growth.start_users = 0.0;
    let p = run(s);
    assert_all_finite(&p);
    for m in &p.months {
        assert_eq!(
            (m.registered, m.mau, m.dau, m.peak_rps),
            (0.0, 0.0, 0.0, 0.0)
        );
        assert_eq!(m.cost_per_customer_usd, None);
        assert_eq!(m.cost_per_mau_usd, None);
        assert_eq!(m.cost_share_of_revenue, None);
        // One idle app server and the smallest database still cost something.
        assert_eq!(m.tiers.app.count, 1);
        assert_eq!(&*m.tiers.db.sku, "db.t4g.micro");
        assert!(m.total_usd > 0.0);
    }
}

#[test]
fn a_one_month_horizon_projects_months_zero_and_one() {
    for preset in headroom_models::Preset::ALL {
        let p = project(
            &preset
                .scenario()
                .with_setting("horizon_months", "1")
                .unwrap(),
        );
        assert_eq!(
            p.months.iter().map(|m| m.month).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_all_finite(&p);
        // And the first two months equal those of the 36-month projection.
        let full = project(&preset.scenario());
        assert_eq!(p.months[..], full.months[..2], "{preset}");
    }
}

// ---- 6. gaps: both kinds of reason are recorded even after one has made the change ----

#[test]
// Regression test for a bug this suite found (fixed in models/src): once one basis adopts a change (cache, CDN, pooler, regions), the other basis is never evaluated, so gap notes say it 'does not within N months' when it does.
fn the_rule_is_still_recorded_after_the_model_made_the_cdn() {
    // Consumer app: the model adopts a CDN at month 0 (CloudFront's free tier beats
    // origin egress); DAU first reaches the rule's 10,000 later in the 36 months.
    let p = project(&headroom_models::Preset::ConsumerApp.scenario());
    let crossed = p
        .months
        .iter()
        .find(|m| m.dau >= 10_000.0)
        .expect("consumer app reaches 10,000 DAU within 36 months")
        .month;
    assert!(p.months[0].tiers.cdn);
    let gap = p.gaps.iter().find(|g| g.change == Change::Cdn).unwrap();
    assert_eq!(gap.model_month, Some(0));
    assert_eq!(gap.rule_month, Some(crossed), "{}", gap.note);
}

#[test]
// Regression test for a bug this suite found (fixed in models/src): once the rule adopts a connection pooler, the model's reason (connections over the SKU's limit) is never recorded, so the gap says the model never asks.
fn the_model_is_still_recorded_after_the_rule_made_the_pooler() {
    let s = headroom_models::Preset::B2bSaas
        .scenario()
        .with_setting("horizon_months", "120")
        .unwrap();
    let p = project(&s);
    // The model's trigger: client connections over the database SKU's limit.
    let over = p
        .months
        .iter()
        .find(|m| m.tiers.db.connections > m.tiers.db.connection_limit)
        .expect("13,000+ connections against db.m5.4xlarge's 5,000 by month 120")
        .month;
    let gap = p
        .gaps
        .iter()
        .find(|g| g.change == Change::ConnectionPooler)
        .unwrap();
    assert!(gap.rule_month.is_some_and(|r| r < over));
    assert_eq!(gap.model_month, Some(over), "{}", gap.note);
}
