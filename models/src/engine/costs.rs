//! Costs: every line item of the month priced from the catalog (docs/MODEL.md,
//! "Costs"). The total is made only by `Costs::total`.

use super::context::Context;
use super::services::SEARCH;
use super::state::Log;
use super::state::Used;
use super::{Sized, DAYS_PER_MONTH};
use crate::catalog::{RateName, HOURS_PER_MONTH};
use crate::projection::Costs;

/// Hosts an extracted service runs on: two app instances for availability.
const SERVICE_APP_INSTANCES: u64 = 2;

/// A rate's monthly cost for a quantity, noting the rate as used.
fn rate(cx: &Context, log: &mut Log, name: RateName, quantity: f64) -> f64 {
    log.used_rate(name, quantity);
    cx.rate(name).cost(quantity)
}

/// Every line item of the month.
pub(super) fn month(cx: &Context, log: &mut Log, s: &Sized) -> Costs {
    let app_price = cx.app.price.usd_per_month();
    let db = &s.data.db;
    let mut c = Costs {
        app: s.app.count as f64 * app_price,
        database: db.instance_cost,
        db_storage: db.storage_cost,
        ..Costs::default()
    };
    if let (Some(p), Some(k)) = (&s.pooler, cx.pooler_index) {
        c.pooler = f64::from(p.count) * cx.catalog.app_skus[k].price.usd_per_month();
    }
    if let Some(cache) = &s.data.cache {
        c.cache = cache.cost;
    }
    if let Some(w) = &s.workers {
        c.workers = f64::from(w.count) * app_price;
        c.queue = rate(cx, log, RateName::QueueMessages, w.messages);
    }
    storage_and_delivery(cx, log, s, &mut c);
    network(cx, log, s, &mut c);
    saas(cx, log, s, &mut c);
    payments(cx, log, s, &mut c);
    let extracted = s.extracted.iter().filter(|&&made| made).count();
    if extracted > 0 {
        c.services = services(cx, log, s.ha, app_price) * extracted as f64;
    }
    if s.extra_regions > 0 {
        c.regions = region(cx, log, s, app_price) * f64::from(s.extra_regions);
    }
    let u = &cx.input.usage;
    c.ai = s.people.dau * u.ai_tokens_per_dau_per_day * DAYS_PER_MONTH / 1e6
        * u.ai_usd_per_million_tokens;
    c.platform = cx.catalog.fixed_fees.iter().fold(0.0, |sum, f| sum + f.usd);
    c
}

/// Object storage, origin egress and the CDN.
fn storage_and_delivery(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let t = &s.traffic;
    c.object_storage = rate(cx, log, RateName::ObjectStorage, s.world.object_gb)
        + rate(cx, log, RateName::ObjectWrites, t.object_puts)
        + rate(cx, log, RateName::ObjectReads, t.media_gets);
    c.egress = rate(cx, log, RateName::OriginEgress, t.egress.origin);
    if t.cdn {
        c.cdn = t.cdn_usd;
        log.used_rate(RateName::CdnEgress, t.edge_gb);
        log.used_rate(RateName::CdnRequests, t.edge_requests);
        log.used_rate(RateName::OriginToCdn, t.origin_fetch_gb);
    }
}

/// What the home region's network bills besides egress: a load balancer
/// (hours and the bytes it processes: the API's responses) and, with private
/// subnets, a NAT gateway in each availability zone (two under high
/// availability); and the instances' root volumes. Extra regions are priced
/// in `region`.
fn network(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    c.load_balancer = rate(cx, log, RateName::LoadBalancerHours, HOURS_PER_MONTH)
        + rate(cx, log, RateName::LoadBalancerGb, s.traffic.egress.api);
    if cx.input.stack.private_subnets {
        let zones = if s.ha { 2.0 } else { 1.0 };
        c.nat_gateway = rate(cx, log, RateName::NatGatewayHours, zones * HOURS_PER_MONTH);
    }
    let instances = s.app.count
        + s.workers.as_ref().map_or(0, |w| u64::from(w.count))
        + s.pooler.as_ref().map_or(0, |x| u64::from(x.count));
    c.root_volumes = rate(
        cx,
        log,
        RateName::BlockStorage,
        instances as f64 * cx.input.stack.root_volume_gb,
    );
}

/// Payment fees: card processing (domestic, and the surcharge on international
/// cards) or, for accounts at or above the ACH threshold where the catalog
/// prices ACH, a bank debit capped per charge; and the subscription billing
/// product's share of the revenue billed through it. One charge per customer
/// a month.
fn payments(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let r = &cx.input.revenue;
    let customers = s.people.customers;
    let revenue = customers * r.arpa_usd_per_month;
    let ach_priced = cx.rate(RateName::PaymentsAchPercent).first() > 0.0;
    c.payments =
        if ach_priced && r.ach_above_arpa_usd > 0.0 && r.arpa_usd_per_month >= r.ach_above_arpa_usd
        {
            let per_charge = rate(cx, log, RateName::PaymentsAchPercent, r.arpa_usd_per_month)
                .min(rate(cx, log, RateName::PaymentsAchCap, 1.0));
            customers * per_charge
        } else {
            rate(cx, log, RateName::PaymentsPercent, revenue)
                + rate(cx, log, RateName::PaymentsFixed, customers)
                + rate(
                    cx,
                    log,
                    RateName::PaymentsInternational,
                    revenue * r.international_card_share,
                )
        };
    c.billing = rate(
        cx,
        log,
        RateName::PaymentsBilling,
        revenue * r.billing_share,
    );
}

/// Managed services: auth, email, monitoring, error tracking, search.
fn saas(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let (u, p) = (&cx.input.usage, &s.people);
    c.auth = rate(cx, log, RateName::AuthBase, 1.0) + rate(cx, log, RateName::AuthMau, p.mau);
    c.email = rate(cx, log, RateName::Email, u.emails_per_mau_per_month * p.mau);
    let agent_hosts = s.app.count
        + s.workers.as_ref().map_or(0, |w| u64::from(w.count))
        + s.pooler.as_ref().map_or(0, |x| u64::from(x.count));
    c.monitoring = rate(cx, log, RateName::MonitoringHost, agent_hosts as f64);
    c.error_tracking = rate(cx, log, RateName::ErrorTracking, 1.0);
    if s.extracted[SEARCH] {
        c.search = rate(cx, log, RateName::SearchBase, 1.0)
            + rate(
                cx,
                log,
                RateName::SearchRequests,
                p.dau * u.search_requests_per_dau_per_day * DAYS_PER_MONTH,
            );
    }
}

/// One extracted service: two app instances, the smallest database, their monitoring.
fn services(cx: &Context, log: &mut Log, ha: bool, app_price: f64) -> f64 {
    log.used(Used::Db(0));
    SERVICE_APP_INSTANCES as f64 * app_price
        + cx.db.price[0] * cx.az_multiplier(ha)
        + rate(
            cx,
            log,
            RateName::MonitoringHost,
            SERVICE_APP_INSTANCES as f64,
        )
}

/// One extra region: app instances for its share of traffic (at least two), a
/// read replica of every shard's primary with its storage, their monitoring.
fn region(cx: &Context, log: &mut Log, s: &Sized, app_price: f64) -> f64 {
    let far = cx.input.usage.far_users_share;
    let share = if far > 0.0 {
        far
    } else {
        1.0 / (1.0 + f64::from(s.extra_regions))
    };
    let region_apps = ((s.app.count as f64 * share).ceil() as u64).max(2);
    let db = &s.data.db;
    region_apps as f64 * app_price
        + db.shards as f64 * cx.db.price[db.sku]
        + rate(cx, log, RateName::DbStorage, s.world.db_gb)
        + rate(cx, log, RateName::MonitoringHost, region_apps as f64)
        + rate(cx, log, RateName::LoadBalancerHours, HOURS_PER_MONTH)
}
