//! Databases sized as a DBA would, and commitments (issue 11): the hot set as
//! the recent writes of the active users, the memory-optimised ladders of
//! `aws-us-east-1-2026-12b`, and the always-on baseline bought at reserved
//! prices (docs/MODEL.md, "Database" and "Commitments").

use headroom_models::catalog::{self, Term};
use headroom_models::scenario::{Commitment, HotSet};
use headroom_models::{project, Month, Preset, Scenario, ScenarioInput};

const NEW: &str = "aws-us-east-1-2026-12b";
const BEFORE: &str = "aws-us-east-1-2026-12";

fn with(s: &Scenario, settings: &[(&str, &str)]) -> Scenario {
    s.with_settings(settings).unwrap()
}

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap()
}

#[test]
fn a_scenario_written_before_hot_set_keeps_a_share_of_all_data() {
    // A file or link from before `data.hot_set` states `hot_share` (every saved
    // scenario and link writes every field): it keeps the old reckoning.
    let old = scenario(r#"{"data": {"hot_share": 0.2, "db_start_gb": 5}}"#);
    assert_eq!(old.input().data.hot_set, HotSet::ShareOfData);
    assert_eq!(old.input().data.hot_share, 0.2);
    // A file that says nothing of the hot set gets today's default.
    let new = scenario(r#"{"data": {"db_start_gb": 5}}"#);
    assert_eq!(new.input().data.hot_set, HotSet::RecentData);
    assert_eq!(
        scenario("{}").input().data.hot_set,
        ScenarioInput::default().data.hot_set
    );
    // Stated, it wins.
    let stated = scenario(r#"{"data": {"hot_share": 0.2, "hot_set": "recent_data"}}"#);
    assert_eq!(stated.input().data.hot_set, HotSet::RecentData);
    // And it round-trips through the file format and links.
    let json = serde_json::to_string(old.input()).unwrap();
    assert_eq!(scenario(&json), old);
    let token = headroom_models::codec::encode(&old);
    assert_eq!(headroom_models::codec::decode(&token).unwrap(), old);
}

#[test]
fn a_bad_hot_set_is_refused_naming_the_input() {
    let e = Scenario::default()
        .with_setting("data.hot_days", "0")
        .unwrap_err();
    assert_eq!(e.field, "data.hot_days");
    assert!(e.allowed.contains("3,650"), "{e}");
    let e = Scenario::default()
        .with_setting("data.hot_set", "everything")
        .unwrap_err();
    assert!(e.field.contains("data.hot_set"), "{e}");
    let e = Scenario::default()
        .with_setting("stack.commitment", "five_year")
        .unwrap_err();
    assert!(e.field.contains("stack.commitment"), "{e}");
}

/// One month of 100,000 DAU writing 20 rows of 500 bytes a day (index
/// overhead 2): 2 GB of writes a day.
// Written as "the defaults, with these fields changed".
#[allow(clippy::field_reassign_with_default)]
fn writer(db_gb: f64, hot_days: f64) -> Month {
    let mut s = ScenarioInput::default();
    s.horizon_months = 1;
    s.growth.monthly_rate = 0.0;
    s.growth.monthly_churn = 0.0;
    s.growth.start_users = 100_000.0;
    s.growth.mau_share = 1.0;
    s.growth.dau_share = 1.0;
    s.data.db_start_gb = db_gb;
    s.data.rows_per_dau_per_day = 20.0;
    s.data.bytes_per_row = 500.0;
    s.data.index_overhead = 2.0;
    s.data.hot_days = hot_days;
    s.stack.catalog = NEW.into();
    let s = Scenario::new(s).unwrap();
    project(&s).months[0].clone()
}

#[test]
fn the_hot_set_is_the_recent_writes_of_the_active_users() {
    // 7 days × 2 GB = 14 GB of a 1,000 GB database.
    let m = writer(1_000.0, 7.0);
    let db = &m.tiers.db;
    assert_eq!(db.shards, 1);
    assert!((db.hot_set_gb - 14.0).abs() < 1e-9, "{}", db.hot_set_gb);
    assert!(db.ram_gb >= 14.0, "{} holds it in RAM", db.sku);
    // A longer window, capped by the data there is.
    assert!((writer(1_000.0, 30.0).tiers.db.hot_set_gb - 60.0).abs() < 1e-9);
    assert!((writer(50.0, 365.0).tiers.db.hot_set_gb - 50.0).abs() < 1e-9);
}

#[test]
fn large_databases_run_on_memory_optimised_classes_before_they_shard() {
    // 300 GB hot (a week of writes of 42.9 GB a day) needs more RAM than any
    // general-purpose class below 16xlarge: the cheapest class that holds it
    // is memory-optimised, and one instance carries it.
    let m = writer(10_000.0, 150.0);
    let db = &m.tiers.db;
    assert_eq!(db.shards, 1, "{db:?}");
    assert!(db.sku.starts_with("db.r6g."), "{}", db.sku);
    assert!(db.ram_gb >= 300.0);
    let ladder = catalog::by_id(NEW).unwrap().db_skus;
    let cheaper_that_holds = ladder.iter().find(|k| k.ram_gb >= 300.0).unwrap();
    assert_eq!(&*cheaper_that_holds.id, &*db.sku);
}

#[test]
fn the_ten_year_b2b_plan_shards_far_less_than_before() {
    // Before: 252 db.m5.4xlarge shards at 9% CPU at month 120 (the hot set at
    // 10% of all data on a 64 GB ladder). Now the hot set is a week of writes
    // and the ladder reaches 512 GB.
    let s = with(&Preset::B2bSaas.scenario(), &[("horizon_months", "120")]);
    let today = catalog::by_id(&s.input().stack.catalog).unwrap();
    assert_eq!(
        today.db_skus,
        catalog::by_id(NEW).unwrap().db_skus,
        "today's default sizes on the ladder of {NEW}"
    );
    let last = project(&s).months.last().cloned().unwrap();
    let db = &last.tiers.db;
    assert!(db.shards < 40, "{db:?}");
    assert!(
        db.utilization > 0.15,
        "busy enough to be worth its price: {db:?}"
    );
    let old = with(
        &s,
        &[("stack.catalog", BEFORE), ("data.hot_set", "share_of_data")],
    );
    let before = project(&old).months.last().cloned().unwrap();
    assert!(
        before.tiers.db.shards > 5 * db.shards,
        "{:?}",
        before.tiers.db
    );
    assert!(last.infrastructure_usd < before.infrastructure_usd);
}

fn month_36(s: &Scenario, commitment: &str) -> Month {
    let s = with(s, &[("stack.commitment", commitment)]);
    project(&s).months[36].clone()
}

#[test]
fn a_commitment_buys_the_baseline_at_reserved_prices() {
    let s = Preset::B2bSaas.scenario();
    let on_demand = month_36(&s, "on_demand");
    let one = month_36(&s, "one_year");
    let three = month_36(&s, "three_year");
    assert_eq!(on_demand.commitment.savings_usd, 0.0);
    assert_eq!(on_demand.commitment.committed_usd, 0.0);
    // The same system, a smaller bill, by exactly what the commitment saves.
    assert_eq!(one.tiers.db.sku, on_demand.tiers.db.sku);
    assert_eq!(one.tiers.app.count, on_demand.tiers.app.count);
    for m in [&one, &three] {
        assert!(m.commitment.savings_usd > 0.0);
        let drop = on_demand.total_usd - m.total_usd;
        assert!((drop - m.commitment.savings_usd).abs() < 1e-6, "{drop}");
    }
    assert!(three.commitment.savings_usd > one.commitment.savings_usd);

    // The database is always on: every node at the one-year price. RDS has
    // no three-year no-upfront term, so three years buys it for one.
    let cat = catalog::by_id(NEW).unwrap();
    let sku = cat
        .db_skus
        .iter()
        .find(|k| k.id == on_demand.tiers.db.sku)
        .unwrap();
    let (term, committed) = sku.price.committed_per_month(Term::ThreeYear).unwrap();
    assert_eq!(term, Term::OneYear);
    let ratio = committed / sku.price.usd_per_month();
    assert!((one.costs_usd.database - on_demand.costs_usd.database * ratio).abs() < 1e-6);
    assert!((three.costs_usd.database - one.costs_usd.database).abs() < 1e-9);

    // App servers: the instances the average hour needs are committed, the
    // peak's on demand; so the app line falls by less than the full discount.
    let app = cat.app_sku(&on_demand.tiers.app.sku).unwrap();
    let (_, app_committed) = app.price.committed_per_month(Term::OneYear).unwrap();
    let full = on_demand.costs_usd.app * app_committed / app.price.usd_per_month();
    assert!(one.costs_usd.app < on_demand.costs_usd.app);
    assert!(one.costs_usd.app >= full - 1e-9);
}

#[test]
fn a_catalog_without_committed_prices_commits_nothing() {
    let s = with(
        &Preset::B2bSaas.scenario(),
        &[
            ("stack.catalog", BEFORE),
            ("stack.commitment", "three_year"),
        ],
    );
    assert_eq!(s.input().stack.commitment, Commitment::ThreeYear);
    let p = project(&s);
    assert!(p.months.iter().all(|m| m.commitment.savings_usd == 0.0));
    let plain = project(&with(&s, &[("stack.commitment", "on_demand")]));
    assert_eq!(p.months, plain.months);
}
