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

const NEW: &str = "aws-us-east-1-2026-12b";
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
