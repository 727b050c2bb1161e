//! The line items of a real bill (issue 11): load balancer, NAT gateways, root
//! volumes and the payment dimensions (billing product, international cards,
//! ACH), each priced from the catalog by the formula of docs/MODEL.md, zero in
//! a release from before they were priced.

use headroom_models::catalog::{self, RateName, HOURS_PER_MONTH};
use headroom_models::{project, Month, Preset, Scenario};

fn horizon(s: &Scenario) -> Month {
    project(s).months.last().cloned().unwrap()
}

fn with(s: &Scenario, settings: &[(&str, &str)]) -> Scenario {
    s.with_settings(settings).unwrap()
}

fn price(catalog: &str, name: RateName) -> f64 {
    catalog::by_id(catalog).unwrap().rate(name).first()
}

const NEW: &str = "aws-us-east-1-2026-12c";
const OLD: &str = "aws-us-east-1-2026-11";

#[test]
fn the_network_items_follow_their_formulas() {
    let s = Preset::B2bSaas.scenario();
    assert_eq!(
        s.input().stack.catalog,
        NEW,
        "new scenarios price the new items"
    );
    let m = horizon(&s);
    assert!(
        m.tiers.db.multi_az,
        "B2B SaaS runs highly available at its horizon"
    );
    let lb = HOURS_PER_MONTH * price(NEW, RateName::LoadBalancerHours)
        + m.egress_gb.api * price(NEW, RateName::LoadBalancerGb);
    assert!((m.costs_usd.load_balancer - lb).abs() < 1e-9);
    // One NAT gateway in each of the two zones.
    let nat = 2.0 * HOURS_PER_MONTH * price(NEW, RateName::NatGatewayHours);
    assert!((m.costs_usd.nat_gateway - nat).abs() < 1e-9);
    let instances = m.tiers.app.count + m.tiers.workers.as_ref().map_or(0, |w| w.count);
    let root = f64::from(instances) * 8.0 * price(NEW, RateName::BlockStorage);
    assert!((m.costs_usd.root_volumes - root).abs() < 1e-9);
    // Month 0 is not highly available yet: one zone, one gateway.
    let first = project(&s).months[0].clone();
    assert!((first.costs_usd.nat_gateway - nat / 2.0).abs() < 1e-9);

    // Public subnets: no NAT; bigger disks cost more.
    let public = horizon(&with(
        &s,
        &[
            ("stack.private_subnets", "false"),
            ("stack.root_volume_gb", "32"),
        ],
    ));
    assert_eq!(public.costs_usd.nat_gateway, 0.0);
    assert!((public.costs_usd.root_volumes - 4.0 * root).abs() < 1e-9);
}

#[test]
fn payment_fees_cover_billing_international_cards_and_ach() {
    let s = Preset::B2bSaas.scenario();
    let m = horizon(&s);
    let revenue = m.customers * s.input().revenue.arpa_usd_per_month;
    assert_eq!(
        s.input().revenue.billing_share,
        1.0,
        "a subscription preset bills by subscription"
    );
    assert!((m.costs_usd.billing - revenue * 0.007).abs() < 1e-6);
    let domestic = revenue * 0.029 + m.customers * 0.30;
    assert!((m.costs_usd.payments - domestic).abs() < 1e-6);

    let abroad = horizon(&with(&s, &[("revenue.international_card_share", "0.4")]));
    assert!((abroad.costs_usd.payments - domestic - revenue * 0.4 * 0.015).abs() < 1e-6);

    // $250 accounts at or above a $200 threshold pay by ACH: 0.8% = $2 each, under the cap.
    let ach = horizon(&with(&s, &[("revenue.ach_above_arpa_usd", "200")]));
    assert!((ach.costs_usd.payments - m.customers * 2.0).abs() < 1e-6);
    // At $1,000 a month the $5 cap binds.
    let capped = horizon(&with(
        &s,
        &[
            ("revenue.ach_above_arpa_usd", "200"),
            ("revenue.arpa_usd_per_month", "1000"),
        ],
    ));
    assert!((capped.costs_usd.payments - capped.customers * 5.0).abs() < 1e-6);
    // Below the threshold: cards.
    let below = horizon(&with(&s, &[("revenue.ach_above_arpa_usd", "300")]));
    assert_eq!(below.costs_usd.payments, m.costs_usd.payments);

    // Payment fees are the two items; infrastructure is the rest.
    assert_eq!(
        m.payment_fees_usd,
        m.costs_usd.payments + m.costs_usd.billing
    );
    assert!((m.infrastructure_usd + m.payment_fees_usd - m.total_usd).abs() < 1e-6);
}

#[test]
fn a_release_from_before_the_new_items_prices_them_at_zero_and_keeps_its_figures() {
    let s = with(
        &Preset::B2bSaas.scenario(),
        &[
            ("stack.catalog", &format!("\"{OLD}\"")),
            ("revenue.ach_above_arpa_usd", "200"),
        ],
    );
    let old = catalog::by_id(OLD).unwrap();
    for name in RateName::ALL.into_iter().filter(|n| n.optional()) {
        let rate = old.rate(name);
        assert_eq!(rate.first(), 0.0, "{}", name.key());
        assert!(rate.tiers[0]
            .source
            .source
            .starts_with("not priced in this release"));
    }
    let m = horizon(&s);
    let c = &m.costs_usd;
    assert_eq!(
        (c.load_balancer, c.nat_gateway, c.root_volumes, c.billing),
        (0.0, 0.0, 0.0, 0.0)
    );
    // ACH is not priced there, so the threshold changes nothing: cards as before.
    let revenue = m.customers * s.input().revenue.arpa_usd_per_month;
    assert!((c.payments - (revenue * 0.029 + m.customers * 0.30)).abs() < 1e-6);
}

#[test]
fn every_new_input_refuses_a_bad_value_naming_it() {
    let s = Preset::B2bSaas.scenario();
    for (name, bad) in [
        ("revenue.billing_share", "1.5"),
        ("revenue.international_card_share", "-0.1"),
        ("revenue.ach_above_arpa_usd", "-5"),
        ("stack.root_volume_gb", "20000"),
        ("stack.private_subnets", "\"maybe\""),
    ] {
        let e = s.with_settings(&[(name, bad)]).unwrap_err();
        assert_eq!(e.field, name, "{name} = {bad}: {e}");
    }
}

// ---- the dimensions first priced in aws-us-east-1-2026-12c and paas-2026-12b ----

/// GB the database writes over `days` at a month's DAU (docs/MODEL.md, "Data").
fn written_gb(s: &Scenario, dau: f64, days: f64) -> f64 {
    let d = &s.input().data;
    dau * d.rows_per_dau_per_day * days * d.bytes_per_row * d.index_overhead / 1e9
}

#[test]
fn backups_bill_what_was_written_during_the_retention() {
    let s = Preset::B2bSaas.scenario();
    assert_eq!(s.input().stack.backup_retention_days, 7, "the RDS default");
    let m = horizon(&s);
    let kept = written_gb(&s, m.dau, 7.0);
    let expected = kept * price(NEW, RateName::DbBackupStorage);
    assert!(expected > 0.0);
    assert!((m.costs_usd.db_backup - expected).abs() < 1e-9);

    let month = horizon(&with(&s, &[("stack.backup_retention_days", "35")]));
    assert!((month.costs_usd.db_backup - 5.0 * expected).abs() < 1e-9);
    let none = horizon(&with(&s, &[("stack.backup_retention_days", "0")]));
    assert_eq!(none.costs_usd.db_backup, 0.0);
}

#[test]
fn iops_are_billed_only_above_the_baseline_each_volume_includes() {
    let s = Preset::B2bSaas.scenario();
    let m = project(&s).months[36].clone();
    assert!(m.db_writes_per_s < 3_000.0);
    assert_eq!(
        m.costs_usd.db_iops, 0.0,
        "a small database stays within gp3's baseline"
    );

    // Forty writes per request pass the baseline by month 60, on two shards
    // of 264 GB: each volume either provisions what 3,000 IOPS leave out, or
    // is grown to 400 GB, whose baseline of 12,000 covers it: the cheaper.
    let heavy = with(
        &s,
        &[
            ("usage.db_writes_per_request", "40"),
            ("horizon_months", "60"),
        ],
    );
    let m = horizon(&heavy);
    let db = &m.tiers.db;
    let shards = f64::from(db.shards);
    let gb = m.db_storage_gb / shards;
    let needed = m.db_writes_per_s / shards;
    let new = catalog::by_id(NEW).unwrap();
    assert!(gb < 400.0 && needed > new.included_iops(gb) && needed < 12_000.0);
    let standby = if db.multi_az { 2.0 } else { 1.0 };
    let nodes = shards * (standby + f64::from(db.replicas));
    let provisioned = nodes * (needed - 3_000.0) * price(NEW, RateName::DbIops);
    let grown = nodes * (400.0 - gb) * price(NEW, RateName::DbStorage);
    assert!(grown < provisioned, "{grown} against {provisioned}");
    assert!((m.costs_usd.db_iops - grown).abs() < 1e-6 * grown);

    // Ten times the writes: past 12,000 the grown volume provisions the rest.
    let heavier = horizon(&with(&heavy, &[("usage.db_writes_per_request", "400")]));
    let db = &heavier.tiers.db;
    let shards = f64::from(db.shards);
    let gb = heavier.db_storage_gb / shards;
    let needed = heavier.db_writes_per_s / shards;
    let nodes = shards * (standby + f64::from(db.replicas));
    let floor = nodes * (needed - new.included_iops(gb.max(400.0))) * price(NEW, RateName::DbIops);
    assert!(floor > 0.0 && heavier.costs_usd.db_iops >= floor - 1e-6 * floor);
}

#[test]
fn cross_az_transfer_is_billed_under_high_availability_only() {
    let s = Preset::B2bSaas.scenario();
    let months = project(&s).months;
    let first = &months[0];
    assert!(!first.tiers.db.multi_az);
    assert_eq!(first.costs_usd.cross_az, 0.0);
    let m = months.last().unwrap();
    // Half the API's bytes cross zones, billed out of one and into the other.
    let expected = 2.0 * 0.5 * m.egress_gb.api * price(NEW, RateName::CrossAzTransfer);
    assert!((m.costs_usd.cross_az - expected).abs() < 1e-9);
}

#[test]
fn public_addresses_are_the_load_balancers_and_the_gateways_or_every_instance() {
    let s = Preset::B2bSaas.scenario();
    let ipv4 = HOURS_PER_MONTH * price(NEW, RateName::PublicIpv4Hours);
    let m = horizon(&s);
    // Private subnets under high availability: 2 for the load balancer, 2 NAT gateways.
    assert!((m.costs_usd.public_ips - 4.0 * ipv4).abs() < 1e-9);
    let public = horizon(&with(&s, &[("stack.private_subnets", "false")]));
    let t = &public.tiers;
    let instances = t.app.count
        + t.workers.as_ref().map_or(0, |w| w.count)
        + t.pooler.as_ref().map_or(0, |p| p.count);
    let expected = f64::from(2 + instances) * ipv4;
    assert!((public.costs_usd.public_ips - expected).abs() < 1e-9);
}

#[test]
fn nat_gateways_bill_the_outbound_calls_they_carry() {
    let s = Preset::B2bSaas.scenario();
    assert_eq!(s.input().usage.outbound_kb_per_request, 0.0);
    let base = horizon(&s);
    let calls = horizon(&with(&s, &[("usage.outbound_kb_per_request", "10")]));
    let requests = base.dau * s.input().usage.requests_per_dau_per_day * 30.4;
    let gb = requests * 10.0 / 1e6;
    let expected = gb * price(NEW, RateName::NatGatewayGb);
    let added = calls.costs_usd.nat_gateway - base.costs_usd.nat_gateway;
    assert!(expected > 0.0 && (added - expected).abs() < 1e-6 * expected);
    // Public subnets: no gateway carries them.
    let public = horizon(&with(
        &s,
        &[
            ("usage.outbound_kb_per_request", "10"),
            ("stack.private_subnets", "false"),
        ],
    ));
    assert_eq!(public.costs_usd.nat_gateway, 0.0);
}

#[test]
fn a_lifecycle_rule_moves_old_objects_to_the_infrequent_access_tier() {
    let s = Preset::ConsumerApp.scenario();
    assert_eq!(s.input().data.cold_after_months, 0, "off unless asked for");
    let warm = project(&s).months;
    let cold = project(&with(&s, &[("data.cold_after_months", "12")])).months;
    // Before a year has passed nothing has moved.
    assert_eq!(cold[11].costs_usd, warm[11].costs_usd);

    let t = 36;
    let (m, w) = (&cold[t], &warm[t]);
    let moved_gb = warm[t - 12].object_storage_gb;
    let just_moved = moved_gb - warm[t - 13].object_storage_gb;
    let standard = price(NEW, RateName::ObjectStorage);
    let requests = w.costs_usd.object_storage - w.object_storage_gb * standard;
    let fetched = if m.tiers.cdn {
        1.0 - s.input().usage.cdn_hit_ratio
    } else {
        1.0
    };
    let retrieved = m.egress_gb.media * fetched * moved_gb / m.object_storage_gb;
    let transitions = just_moved * 1_000.0 / s.input().data.object_mb;
    let expected = (m.object_storage_gb - moved_gb) * standard
        + requests
        + moved_gb * price(NEW, RateName::ObjectStorageIa)
        + retrieved * price(NEW, RateName::ObjectIaRetrieval)
        + transitions / 1_000.0 * price(NEW, RateName::ObjectIaTransitions);
    assert!((m.costs_usd.object_storage - expected).abs() < 1e-6 * expected);
    assert!(
        m.costs_usd.object_storage < w.costs_usd.object_storage,
        "cold media read rarely costs less in the cheaper tier"
    );
}

#[test]
fn a_release_from_before_the_december_dimensions_keeps_its_figures() {
    let s = with(
        &Preset::ConsumerApp.scenario(),
        &[("stack.catalog", "\"aws-us-east-1-2026-12b\"")],
    );
    let before = project(&s).months;
    let asked = with(
        &s,
        &[
            ("data.cold_after_months", "6"),
            ("usage.outbound_kb_per_request", "50"),
            ("stack.backup_retention_days", "35"),
        ],
    );
    let after = project(&asked).months;
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.costs_usd, a.costs_usd, "month {}", b.month);
        let c = &a.costs_usd;
        assert_eq!(
            (c.db_backup, c.db_iops, c.cross_az, c.public_ips),
            (0.0, 0.0, 0.0, 0.0)
        );
    }
}

#[test]
fn the_paas_release_prices_each_new_dimension_or_says_why_it_is_zero() {
    let paas = catalog::by_id("paas-2026-12b").unwrap();
    for name in RateName::ALL
        .into_iter()
        .filter(|n| n.first_priced().is_some())
    {
        let rate = paas.rate(name);
        let tier = &rate.tiers[0];
        assert!(
            !tier.source.source.starts_with("not priced in this release"),
            "{} is stated in paas-2026-12b",
            name.key()
        );
        if rate.first() == 0.0 {
            assert!(
                !tier.source.note.is_empty(),
                "an explicit zero gives its reason: {}",
                name.key()
            );
        }
    }
    // Supabase bills IOPS above its 3,000 baseline.
    assert_eq!(paas.included_iops(10.0), 3_000.0);
    assert!(paas.rate(RateName::DbIops).first() > 0.0);
}

#[test]
fn every_december_input_refuses_a_bad_value_naming_it() {
    let s = Preset::B2bSaas.scenario();
    for (name, bad) in [
        ("usage.outbound_kb_per_request", "-1"),
        ("usage.outbound_kb_per_request", "200000"),
        ("data.cold_after_months", "1.5"),
        ("data.cold_after_months", "121"),
        ("stack.backup_retention_days", "36"),
        ("stack.backup_retention_days", "2.5"),
    ] {
        let e = s.with_settings(&[(name, bad)]).unwrap_err();
        assert_eq!(e.field, name, "{name} = {bad}: {e}");
    }
}
