//! The seeds' claims (the startup-scaling articles Headroom was seeded with; see
//! shared/reference/README.md; docs/MODEL.md states the rules) against what the model says.
//!
//! Each test states a claim, the conditions, and asserts what the model actually
//! produces there, with the arithmetic that explains it. They pin the findings
//! written up in docs/FINDINGS.md: if the model changes so that a finding no longer
//! holds, the test fails and the write-up must be revisited.
//!
//! Two kinds of scenario are used:
//! - the B2B SaaS preset's own trajectory (1,000 users, +12 %/month, −2 % churn,
//!   data accumulating at 30 rows × 400 B × 1.8 per DAU per day);
//! - "steady" B2B usage at a chosen DAU: the preset's per-user figures, no growth,
//!   no accumulated data (1 GB database), HA off, horizon 1. This separates what
//!   the *load* calls for from what the *data history* calls for.

use headroom_models::scenario::{Adoption, HotSet, ScenarioInput, Stage};
use headroom_models::{project, Basis, Change, Event, Preset, Projection, Scenario};

/// A preset as these claims were checked against it: on `aws-us-east-1-2026-12`
/// (db.m5 ladder to 64 GB) with the hot set as 10% of all data. tests/dba.rs
/// checks the same trajectory on today's default catalog and hot set.
fn as_checked(mut s: ScenarioInput) -> ScenarioInput {
    s.stack.catalog = "aws-us-east-1-2026-12".into();
    s.data.hot_set = HotSet::ShareOfData;
    s
}

fn b2b_input() -> ScenarioInput {
    as_checked(Preset::B2bSaas.input())
}

fn run(input: ScenarioInput) -> Projection {
    project(&Scenario::new(input).unwrap())
}

fn b2b(months: u32, adopt: Adoption) -> Projection {
    let mut s = b2b_input();
    s.horizon_months = months;
    s.stack.adopt = adopt;
    run(s)
}

/// The B2B preset's usage at a steady `dau` (DAU = registered × 0.6 × 0.4).
/// Peak rps = DAU × 150 × 3 / 86,400 = DAU / 192.
fn b2b_steady(dau: f64, adopt: Adoption) -> ScenarioInput {
    let mut s = b2b_input();
    s.horizon_months = 1;
    s.growth.start_users = dau / 0.24;
    s.growth.monthly_rate = 0.0;
    s.growth.monthly_churn = 0.0;
    s.data.rows_per_dau_per_day = 0.0;
    s.stack.ha_from_stage = Stage::Enterprise;
    s.stack.adopt = adopt;
    s
}

fn events(p: &Projection, change: Change, basis: Basis) -> Vec<&Event> {
    p.events
        .iter()
        .filter(|e| e.change == change && e.basis == basis)
        .collect()
}

fn first_month(p: &Projection, pred: impl Fn(&headroom_models::Month) -> bool) -> Option<u32> {
    p.months.iter().find(|m| pred(m)).map(|m| m.month)
}

fn db_price(s: &Scenario, sku: &str) -> f64 {
    s.catalog()
        .db_skus
        .iter()
        .find(|k| &*k.id == sku)
        .unwrap()
        .price
        .usd_per_month()
}

fn close(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: {actual} vs {expected}"
    );
}

// ---- "a properly optimised single database of about $150/month serves 10,000+ users" ----

#[test]
fn claim_a_150_dollar_single_database_serves_10k_users() {
    let s = Scenario::new(b2b_input()).unwrap();
    let p = project(&s);
    // At the first month with 10,000+ MAU (month 30, 10,470 MAU, 4,188 DAU):
    let m = p.months.iter().find(|m| m.mau >= 10_000.0).unwrap();
    let db = &m.tiers.db;
    assert_eq!((db.shards, db.replicas), (1, 0), "one database");
    assert!(db.utilization < 0.7, "below 70% CPU: {}", db.utilization);
    // db.t4g.medium: $47.45 single-AZ; Multi-AZ from early scale doubles it.
    assert!(db_price(&s, &db.sku) <= 150.0, "{}", db.sku);
    let db_line = m.costs_usd.database + m.costs_usd.db_storage;
    assert!(
        db_line < 150.0,
        "database + storage, Multi-AZ: ${db_line:.2}"
    );

    // How far a <= $150 instance goes on this trajectory: until the hot set
    // (10% of the accumulated data) outgrows 8 GB of RAM, not until CPU runs out.
    let p = b2b(120, Adoption::Either);
    let last_cheap = p
        .months
        .iter()
        .rfind(|m| db_price(&s, &m.tiers.db.sku) <= 150.0)
        .unwrap();
    assert!(last_cheap.mau > 25_000.0, "{} MAU", last_cheap.mau);
    assert!(last_cheap.tiers.db.utilization < 0.7);
    let next = last_cheap.month + 1;
    let up = events(&p, Change::DbUpgrade, Basis::Model);
    let step = up
        .iter()
        .find(|e| e.month == next)
        .expect("an upgrade next month");
    assert_eq!(step.metric, "db_hot_set_gb");
    assert!(step.value > 8.0, "{step:?}");

    // On load alone (small data, no cache) the $129.94 db.m5.large — the seeds'
    // "$150" class — carries B2B usage until its 2 × 0.7 = 1.4 cores are busy:
    // 1.4 × 192,000 / 5.5 ms = 48,873 DAU, i.e. 122,000 MAU.
    for (dau, sku) in [(48_800.0, "db.m5.large"), (48_950.0, "db.m5.xlarge")] {
        let mut input = b2b_steady(dau, Adoption::RuleOfThumb);
        input.thresholds.cache_dau = 1e10;
        let q = run(input);
        assert_eq!(&*q.months[0].tiers.db.sku, sku, "{dau} DAU");
        assert!(q.months[0].tiers.cache.is_none());
    }

    // And one primary (no replica, no shard) carries the load past 200,000 MAU.
    let split = p
        .months
        .iter()
        .find(|m| m.tiers.db.shards > 1 || m.tiers.db.replicas > 0)
        .unwrap();
    assert!(split.mau > 200_000.0, "first split at {} MAU", split.mau);
}

// ---- "add caching around 10K DAU" ------------------------------------------------------

#[test]
fn claim_cache_at_10k_dau_holds_for_load_alone() {
    // DB busy per DAU = (4 reads × 1 ms + 0.5 writes × 3 ms) / 192 / 1000 cores.
    // db.t4g.small carries 2 × 0.2 × 0.7 = 0.28 cores: up to 0.28 × 192,000 / 5.5
    // = 9,774.5 DAU. Above it the database must be db.t4g.large ($94.17); with a
    // cache (reads × 0.37 → 2.98 ms per request) db.t4g.small ($23.36) suffices
    // until 18,040 DAU. Saving $70.81 > a cache.t4g.small at $23.36 (0.98 GB
    // working set / 0.75 does not fit the micro's 0.5 GB).
    let below = run(b2b_steady(9_700.0, Adoption::Model));
    assert!(events(&below, Change::Cache, Basis::Model).is_empty());
    assert!(below.months[0].tiers.cache.is_none());

    let above = run(b2b_steady(9_800.0, Adoption::Model));
    let e = events(&above, Change::Cache, Basis::Model);
    assert_eq!(e.len(), 1, "{e:?}");
    close(e[0].value, 94.17 - 23.36, 0.01, "DB saving");
    close(e[0].threshold, 23.36, 0.01, "cache cost");
    assert_eq!(&*above.months[0].tiers.db.sku, "db.t4g.small");
}

#[test]
fn claim_cache_at_10k_dau_is_never_needed_on_the_b2b_trajectory() {
    // With data accumulating, the database is sized by its hot set (RAM), not CPU:
    // a cache cuts reads, not RAM, so it never saves database cost.
    let p = b2b(120, Adoption::Model);
    assert!(p.months.iter().all(|m| m.tiers.cache.is_none()));
    assert!(events(&p, Change::Cache, Basis::Model).is_empty());
    for m in &p.months {
        assert!(m.tiers.db.utilization < 0.7, "month {}", m.month);
    }
    let ups = events(&p, Change::DbUpgrade, Basis::Model);
    assert!(!ups.is_empty());
    assert!(ups.iter().all(|e| e.metric == "db_hot_set_gb"), "{ups:?}");
    // The rule's month: the first with 10,000 DAU.
    let rule = events(&p, Change::Cache, Basis::RuleOfThumb);
    let crossed = first_month(&p, |m| m.dau >= 10_000.0).unwrap();
    assert_eq!(
        rule.iter().map(|e| e.month).collect::<Vec<_>>(),
        vec![crossed]
    );
    assert!(!rule[0].adopted);
}

// ---- "read replicas when 70%+ of queries are reads" (and DB CPU > 70%) -----------------

#[test]
fn claim_read_replicas_come_only_after_the_largest_instance() {
    // With the cache on (rule at 10K DAU), DB work per peak request is
    // 4 × (1 − 0.7 × 0.9) × 1 ms + 0.5 × 3 ms = 1.48 + 1.5 = 2.98 ms, reads 1.48 /
    // 1.98 = 74.7% of queries. The model scales up first; replicas start when the
    // load passes db.m5.4xlarge at 70% (11.2 cores): 11.2 / 2.98 ms = 3,758 rps
    // = 721,611 DAU.
    let below = run(b2b_steady(715_000.0, Adoption::Either));
    let above = run(b2b_steady(725_000.0, Adoption::Either));
    for p in [&below, &above] {
        let m = &p.months[0];
        assert!(m.tiers.cache.is_some());
        let share = m.db_reads_per_s / (m.db_reads_per_s + m.db_writes_per_s);
        close(share, 1.48 / 1.98, 1e-9, "read share at the DB");
        assert_eq!(&*m.tiers.db.sku, "db.m5.4xlarge");
    }
    assert_eq!(below.months[0].tiers.db.replicas, 0);
    assert_eq!(above.months[0].tiers.db.replicas, 1);

    // On the B2B trajectory the hot set splits the data first: no replica in 120 months.
    let p = b2b(120, Adoption::Either);
    assert!(p.months.iter().all(|m| m.tiers.db.replicas == 0));
    assert!(events(&p, Change::ReadReplica, Basis::Model).is_empty());

    // The rule fires in the consumer app (DB CPU on last month's SKU > 70%, reads
    // over 70%), but the model answers with a bigger instance, never a replica.
    let p = run(as_checked(Preset::ConsumerApp.input()));
    let rule = events(&p, Change::ReadReplica, Basis::RuleOfThumb);
    assert_eq!(rule.len(), 1, "{rule:?}");
    assert!(rule[0].value > 0.7 && !rule[0].adopted);
    assert!(p.months.iter().all(|m| m.tiers.db.replicas == 0));
}

// ---- "a CDN at 10K DAU" ------------------------------------------------------------------

#[test]
fn claim_cdn_at_10k_dau_the_model_says_much_earlier_for_a_few_dollars() {
    // B2B usage per DAU per month: API 150 × 8 KB × 30.4 = 36.48 MB, static pages
    // 5 × 300 KB × 30.4 = 45.6 MB; 82.08 MB in all. AWS origin egress is free to
    // 100 GB, CloudFront to 1 TB: once the origin's free tier is used up
    // (100 GB / 82.08 MB = 1,218 DAU) a CDN is cheaper.
    let below = run(b2b_steady(1_200.0, Adoption::Model));
    assert!(!below.months[0].tiers.cdn);
    let above = run(b2b_steady(1_250.0, Adoption::Model));
    assert!(above.months[0].tiers.cdn);
    let e = events(&above, Change::Cdn, Basis::Model);
    // Saving: (1,250 × 82.08 MB − 100 GB) × $0.09 = 2.6 GB × 0.09 = $0.234.
    close(
        e[0].value,
        (1_250.0 * 0.082_08 - 100.0) * 0.09,
        1e-9,
        "origin $",
    );

    // On the trajectory: model month < rule month, by years.
    let p = b2b(120, Adoption::Either);
    let model = first_month(&p, |m| m.tiers.cdn).unwrap();
    assert!(p.months[model as usize].dau < 1_500.0);
    assert!(first_month(&p, |m| m.dau >= 10_000.0).unwrap() > model + 12);

    // At very large volume the comparison turns: at 750,000 DAU CloudFront costs
    // $2,700.16 egress + $104 requests = $2,804.16, more than the origin's marginal
    // egress for the same 34,200 GB ($5,119.40 − $2,367.80 = $2,751.60).
    let huge = run(b2b_steady(750_000.0, Adoption::Model));
    assert!(!huge.months[0].tiers.cdn);
}

// ---- "background jobs once a synchronous side effect exceeds 200 ms" ---------------------

#[test]
fn claim_background_jobs_over_200ms_the_model_asks_only_past_the_latency_objective() {
    // Model: a request carrying the effect takes 15 ms CPU + the effect; it calls for
    // jobs when that exceeds the 500 ms p95 objective, i.e. effects over 485 ms.
    for (ms, model_asks) in [(300.0, false), (480.0, false), (490.0, true)] {
        let mut s = b2b_input();
        s.usage.side_effect_ms = ms;
        let p = run(s);
        let rule = events(&p, Change::BackgroundJobs, Basis::RuleOfThumb);
        assert_eq!(rule[0].month, 0, "the rule fires at month 0 for any load");
        let model = events(&p, Change::BackgroundJobs, Basis::Model);
        assert_eq!(!model.is_empty(), model_asks, "{ms} ms");
        if model_asks {
            assert_eq!((model[0].value, model[0].threshold), (15.0 + ms, 500.0));
        }
    }
    // What the rule costs on the preset: workers and a queue with no app instance
    // saved (2% × 300 ms adds 6 ms to 15 ms of CPU per request: still 1-2 instances).
    let either = b2b(36, Adoption::Either);
    let model = b2b(36, Adoption::Model);
    for (a, b) in either.months.iter().zip(&model.months) {
        assert_eq!(a.tiers.app.count, b.tiers.app.count, "month {}", a.month);
        assert!(a.costs_usd.workers > 0.0 && b.costs_usd.workers == 0.0);
    }
}

// ---- "service extraction at 100K DAU" ----------------------------------------------------

#[test]
fn claim_service_extraction_at_100k_dau_is_rule_only() {
    let s = Scenario::new(b2b_input())
        .unwrap()
        .with_setting("horizon_months", "120")
        .unwrap();
    let p = project(&s);
    let crossed = first_month(&p, |m| m.dau >= 100_000.0).unwrap();
    let made = first_month(&p, |m| !m.tiers.services.is_empty()).unwrap();
    assert_eq!(
        made, crossed,
        "payments extracted at the first 100K-DAU month"
    );
    assert!(p.months[made as usize].engineers > 10.0);
    assert!(events(&p, Change::ExtractPayments, Basis::Model).is_empty());
    // Its cost step: 2 × m7g.large + db.t4g.micro × 2 (Multi-AZ) + 2 hosts × $18.
    let step = 2.0 * 0.0816 * 730.0 + 2.0 * 0.016 * 730.0 + 2.0 * 18.0;
    close(
        p.months[made as usize].costs_usd.services,
        step,
        1e-6,
        "service base",
    );
    assert_eq!(p.months[made as usize - 1].costs_usd.services, 0.0);

    // A team of three that never hires never extracts, whatever the DAU.
    let p = project(
        &s.with_setting("growth.engineers_hired_per_month", "0")
            .unwrap(),
    );
    assert!(p.months.iter().all(|m| m.tiers.services.is_empty()));
}

// ---- "sharding beyond ~1 TB" --------------------------------------------------------------

fn steady_db(gb: f64, hot_share: f64, catalog: &str) -> Projection {
    let mut s = b2b_steady(960.0, Adoption::Either);
    s.data.db_start_gb = gb;
    s.data.hot_set = HotSet::ShareOfData;
    s.data.hot_share = hot_share;
    s.stack.catalog = catalog.to_owned();
    run(s)
}

#[test]
fn claim_sharding_beyond_1tb_the_model_splits_where_the_hot_set_outgrows_ram() {
    // AWS: the largest database (db.m5.4xlarge) has 64 GB RAM; with 10% of the data
    // hot that is 640 GB of data.
    let aws = "aws-us-east-1-2026-11";
    assert_eq!(steady_db(630.0, 0.1, aws).months[0].tiers.db.shards, 1);
    let p = steady_db(650.0, 0.1, aws);
    assert_eq!(p.months[0].tiers.db.shards, 2);
    assert!(
        events(&p, Change::Sharding, Basis::RuleOfThumb).is_empty(),
        "rule: > 1,000 GB"
    );
    // 5% hot: 1,280 GB.
    assert_eq!(steady_db(1_270.0, 0.05, aws).months[0].tiers.db.shards, 1);
    assert_eq!(steady_db(1_290.0, 0.05, aws).months[0].tiers.db.shards, 2);
    // PaaS: supabase-16xl has 256 GB RAM: 2,560 GB at 10% hot.
    let paas = "paas-2026-11";
    assert_eq!(steady_db(2_500.0, 0.1, paas).months[0].tiers.db.shards, 1);
    assert_eq!(steady_db(2_600.0, 0.1, paas).months[0].tiers.db.shards, 2);

    // On the B2B trajectory the model splits before the rule's 1,000 GB.
    let p = b2b(120, Adoption::Either);
    let model = first_month(&p, |m| m.tiers.db.shards > 1).unwrap();
    let rule = events(&p, Change::Sharding, Basis::RuleOfThumb)[0].month;
    let gb = p.months[model as usize].db_storage_gb;
    assert!(gb > 640.0 && gb < 1_000.0, "split at {gb} GB");
    assert!(rule > model);
    assert!(p.months[rule as usize].db_storage_gb > 1_000.0);
}

// ---- "multi-region at 1M+ DAU" ------------------------------------------------------------

#[test]
fn claim_multi_region_at_1m_dau_is_the_rule_the_model_needs_far_users() {
    let p = b2b(120, Adoption::Either);
    let crossed = first_month(&p, |m| m.dau >= 1_000_000.0).unwrap();
    let rule = events(&p, Change::MultiRegion, Basis::RuleOfThumb);
    assert_eq!((rule[0].month, rule[0].adopted), (crossed, true));
    assert!(events(&p, Change::MultiRegion, Basis::Model).is_empty());
    let m = &p.months[crossed as usize];
    assert_eq!(m.tiers.extra_regions, 1);
    // One extra region: half the app instances (rounded up) on m7g.large
    // ($0.0816/h), a copy of each shard's db.m5.4xlarge ($1.424/h) with a copy of
    // the data ($0.115/GB-month), monitoring for its app hosts ($18 each) and
    // its own load balancer ($0.0225/h).
    let apps = (f64::from(m.tiers.app.count) * 0.5).ceil();
    let expected = apps * 0.0816 * 730.0
        + f64::from(m.tiers.db.shards) * 1.424 * 730.0
        + 0.115 * m.db_storage_gb
        + apps * 18.0
        + 0.0225 * 730.0;
    close(m.costs_usd.regions, expected, 1e-6, "region cost");

    // 10% of users 500 ms away: the model calls for a region at month 0 (any API
    // p95 + 500 ms > 500 ms); the rule does not (10% < 30%, DAU < 1M).
    let mut s = b2b_input();
    s.usage.far_users_share = 0.1;
    s.usage.far_users_rtt_ms = 500.0;
    let p = run(s);
    assert_eq!(events(&p, Change::MultiRegion, Basis::Model)[0].month, 0);
    assert!(events(&p, Change::MultiRegion, Basis::RuleOfThumb).is_empty());
}

// ---- the stage table's architectures ------------------------------------------------------

#[test]
fn claim_stage_architectures_against_the_b2b_trajectory() {
    let p = b2b(120, Adoption::Either);
    let in_stage = |st: Stage| p.months.iter().filter(move |m| m.stage == st);
    // MVP: single app, single DB. Agrees (plus workers: the jobs rule at month 0).
    for m in in_stage(Stage::Mvp) {
        let t = &m.tiers;
        assert_eq!((t.app.count, t.db.shards, t.db.replicas), (1, 1, 0));
        assert!(t.cache.is_none() && !t.db.multi_az);
        assert!(t.workers.is_some());
    }
    // PMF: single app, the database moves up the ladder ("optimised").
    let pmf: Vec<_> = in_stage(Stage::ProductMarketFit).collect();
    assert!(pmf
        .iter()
        .all(|m| m.tiers.app.count == 1 && m.tiers.db.shards == 1));
    assert_ne!(
        pmf.first().unwrap().tiers.db.sku,
        pmf.last().unwrap().tiers.db.sku
    );
    // Early scale: caching (from 10K DAU, within the stage); no services yet.
    let es: Vec<_> = in_stage(Stage::EarlyScale).collect();
    assert!(es.last().unwrap().tiers.cache.is_some());
    assert!(es.iter().all(|m| m.tiers.services.is_empty()));
    // Scaling: CDN yes, read replicas no; the data is split instead.
    let sc: Vec<_> = in_stage(Stage::Scaling).collect();
    assert!(sc.iter().all(|m| m.tiers.cdn && m.tiers.db.replicas == 0));
    assert!(sc.last().unwrap().tiers.db.shards > 1);
    assert!(!sc.last().unwrap().tiers.services.is_empty());
    // Enterprise: multi-region, but only from 1M DAU, not from 1M MAU.
    let en: Vec<_> = in_stage(Stage::Enterprise).collect();
    assert_eq!(en.first().unwrap().tiers.extra_regions, 0);
    assert_eq!(en.last().unwrap().tiers.extra_regions, 1);
}

// ---- what dominates cost per customer -----------------------------------------------------

/// docs/FINDINGS.md §11: the bill built by hand from the sources for B2B SaaS
/// at month 36 on `aws-us-east-1-2026-12` comes to $819.44 of infrastructure
/// (with what the model does not price yet: public IPv4, cross-AZ transfer,
/// the load balancer's connections, backups). The model must stay within 10 %.
#[test]
fn the_infrastructure_is_within_ten_percent_of_the_bill_built_by_hand() {
    let s = Scenario::new(b2b_input()).unwrap();
    assert_eq!(s.input().stack.catalog, "aws-us-east-1-2026-12");
    let m = &project(&s).months[36];
    let by_hand = 819.44;
    let off = (m.infrastructure_usd - by_hand) / by_hand;
    assert!(off.abs() < 0.10, "{:.1} %", off * 100.0);
    // What the model leaves out makes it lower, never higher.
    assert!(m.infrastructure_usd < by_hand);

    // Today's default (docs/FINDINGS.md §12): the same bill but for the
    // database, a Multi-AZ db.t4g.small (2 × $0.032 × 730 = $46.72) in place of
    // the db.t4g.large ($188.34), everything else priced alike in both releases.
    let s = with_catalog(Preset::B2bSaas.scenario(), "aws-us-east-1-2026-12b");
    let m = &project(&s).months[36];
    assert_eq!(&*m.tiers.db.sku, "db.t4g.small");
    let by_hand = 819.44 - 188.34 + 46.72;
    let off = (m.infrastructure_usd - by_hand) / by_hand;
    assert!(off.abs() < 0.10, "{:.1} %", off * 100.0);
    assert!(m.infrastructure_usd < by_hand);

    // Today's default (§11, last column): the lines the hand-built bill had
    // and the model did not now come from the model as the hand priced them,
    // leaving out only the load balancer's connection dimension ($0.84) and
    // the NAT gateways' processing of outbound calls (no traffic figure).
    let s = Preset::B2bSaas.scenario();
    assert_eq!(s.input().stack.catalog, "aws-us-east-1-2026-12c");
    let m = &project(&s).months[36];
    let c = &m.costs_usd;
    assert!((c.public_ips - 14.60).abs() < 0.005, "{}", c.public_ips);
    assert!((c.cross_az - 2.71).abs() < 0.01, "{}", c.cross_az);
    assert!(c.db_backup > 0.0 && c.db_backup < 0.5, "{}", c.db_backup);
    let off = (m.infrastructure_usd - by_hand) / by_hand;
    assert!(off.abs() < 0.01, "{:.2} %", off * 100.0);
    assert!(m.infrastructure_usd < by_hand);
}

fn with_catalog(s: Scenario, id: &str) -> Scenario {
    s.with_setting("stack.catalog", id).unwrap()
}

#[test]
fn card_fees_dominate_b2b_cost_per_customer() {
    let p = project(&Scenario::new(b2b_input()).unwrap());
    let m = &p.months[36];
    // Each customer pays $250: 2.9% + $0.30 = $7.55 of card fees and 0.7% =
    // $1.75 of Stripe Billing per customer per month.
    close(
        m.costs_usd.payments / m.customers,
        7.55,
        1e-9,
        "card fees per customer",
    );
    close(
        m.costs_usd.billing / m.customers,
        1.75,
        1e-9,
        "billing per customer",
    );
    assert!(m.payment_fees_usd / m.total_usd > 0.9);
    let infra_per_customer = m.infrastructure_per_customer_usd.unwrap();
    assert!(infra_per_customer < 1.0, "${infra_per_customer:.2}");
}
