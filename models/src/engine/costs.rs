//! Costs: every line item of the month priced from the catalog (docs/MODEL.md,
//! "Costs"). The total is made only by `Costs::total`.

use super::context::Context;
use super::load;
use super::services::SEARCH;
use super::state::Log;
use super::state::Used;
use super::{Sized, DAYS_PER_MONTH};
use crate::catalog::{RateName, SkuPrice, Term, HOURS_PER_MONTH};
use crate::projection::{Commitment, Costs};
use crate::scenario;

/// Hosts an extracted service runs on: two app instances for availability.
const SERVICE_APP_INSTANCES: u64 = 2;
/// I/O operations per second each database write needs at peak: the flush of
/// its commit's write-ahead log (docs/MODEL.md, "Database volumes").
const IOPS_PER_WRITE: f64 = 1.0;
/// Share of the app's traffic with its data stores that crosses between
/// availability zones under high availability: app servers in two zones, each
/// primary in one.
const CROSS_AZ_SHARE: f64 = 0.5;
/// Public addresses of a load balancer: one in each of the two zones an
/// Application Load Balancer must span.
const LOAD_BALANCER_ADDRESSES: f64 = 2.0;

/// A rate's monthly cost for a quantity, noting the rate as used.
fn rate(cx: &Context, log: &mut Log, name: RateName, quantity: f64) -> f64 {
    log.used_rate(name, quantity);
    cx.rate(name).cost(quantity)
}

/// A rate that only some months use: noted as used (and so listed when
/// unverified) only when there is something to bill.
fn billed(cx: &Context, log: &mut Log, name: RateName, quantity: f64) -> f64 {
    if quantity > 0.0 {
        rate(cx, log, name, quantity)
    } else {
        0.0
    }
}

/// The month's bill: every line item, and what the commitment bought of it.
pub(super) struct Bill {
    pub costs: Costs,
    pub commitment: Commitment,
}

/// Instances priced on demand, or, under a commitment, their always-on
/// baseline at the SKU's committed price and the rest on demand; keeping count
/// of what is committed and what that saves.
struct Instances {
    term: Option<Term>,
    commitment: Commitment,
}

impl Instances {
    fn new(cx: &Context) -> Instances {
        Instances {
            term: match cx.input.stack.commitment {
                scenario::Commitment::OnDemand => None,
                scenario::Commitment::OneYear => Some(Term::OneYear),
                scenario::Commitment::ThreeYear => Some(Term::ThreeYear),
            },
            commitment: Commitment::default(),
        }
    }

    /// `count` instances of a SKU, `baseline` of them always on; `on_demand` is
    /// their cost without a commitment, as the sizing priced them.
    fn cost(&mut self, price: &SkuPrice, count: f64, baseline: f64, on_demand: f64) -> f64 {
        let Some((_, committed)) = self.term.and_then(|t| price.committed_per_month(t)) else {
            return on_demand;
        };
        let unit = price.usd_per_month();
        let baseline = baseline.min(count);
        self.commitment.committed_usd += baseline * committed;
        self.commitment.savings_usd += baseline * (unit - committed);
        baseline * committed + (count - baseline) * unit
    }

    /// `times` copies of what `part` prices (extracted services, extra regions),
    /// their commitments counted as many times.
    fn times(&mut self, times: f64, part: impl FnOnce(&mut Instances) -> f64) -> f64 {
        let mut one = Instances {
            term: self.term,
            commitment: Commitment::default(),
        };
        let cost = part(&mut one);
        self.commitment.committed_usd += one.commitment.committed_usd * times;
        self.commitment.savings_usd += one.commitment.savings_usd * times;
        cost * times
    }

    /// Instances that are always on: all of them committed.
    fn always_on(&mut self, price: &SkuPrice, count: f64) -> f64 {
        self.cost(price, count, count, count * price.usd_per_month())
    }
}

/// Every line item of the month.
pub(super) fn month(cx: &Context, log: &mut Log, s: &Sized) -> Bill {
    let mut bought = Instances::new(cx);
    let app = &cx.app.price;
    let app_price = app.usd_per_month();
    let db = &s.data.db;
    let db_price = &cx.db_sku(db.sku).price;
    let db_nodes = db.shards as f64 * (cx.az_multiplier(s.ha) + db.replicas as f64);
    let app_count = s.app.count as f64;
    let mut c = Costs {
        app: bought.cost(app, app_count, s.app.baseline as f64, app_count * app_price),
        database: bought.cost(db_price, db_nodes, db_nodes, db.instance_cost),
        db_storage: db.storage_cost,
        ..Costs::default()
    };
    if let (Some(p), Some(k)) = (&s.pooler, cx.pooler_index) {
        c.pooler = bought.always_on(&cx.catalog.app_skus[k].price, f64::from(p.count));
    }
    if let Some(cache) = &s.data.cache {
        let nodes = cache.count as f64;
        c.cache = bought.cost(&cx.cache_sku(cache.sku).price, nodes, nodes, cache.cost);
    }
    if let Some(w) = &s.workers {
        c.workers = bought.always_on(app, f64::from(w.count));
        c.queue = rate(cx, log, RateName::QueueMessages, w.messages);
    }
    database_volumes(cx, log, s, &mut c);
    storage_and_delivery(cx, log, s, &mut c);
    network(cx, log, s, &mut c);
    saas(cx, log, s, &mut c);
    payments(cx, log, s, &mut c);
    let extracted = s.extracted.iter().filter(|&&made| made).count();
    if extracted > 0 {
        c.services = bought.times(extracted as f64, |b| services(cx, log, s.ha, b));
    }
    if s.extra_regions > 0 {
        c.regions = bought.times(f64::from(s.extra_regions), |b| region(cx, log, s, b));
    }
    let u = &cx.input.usage;
    c.ai = s.people.dau * u.ai_tokens_per_dau_per_day * DAYS_PER_MONTH / 1e6
        * u.ai_usd_per_million_tokens;
    c.platform = cx.catalog.fixed_fees.iter().fold(0.0, |sum, f| sum + f.usd);
    Bill {
        costs: c,
        commitment: bought.commitment,
    }
}

/// What the database's volumes bill besides their size: automated backups
/// beyond the free allowance (a copy of each volume is free, so what is billed
/// is what was written during the retention), and provisioned IOPS above what
/// each node's volume includes.
fn database_volumes(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let days = f64::from(cx.input.stack.backup_retention_days);
    let kept = load::rows_gb(cx, s.people.dau, days);
    c.db_backup = billed(cx, log, RateName::DbBackupStorage, kept);
    let db = &s.data.db;
    let per_shard = cx.az_multiplier(s.ha) + db.replicas as f64;
    let nodes = db.shards as f64 * per_shard;
    c.db_iops = iops(cx, log, s, nodes, s.world.db_gb * per_shard);
}

/// What `nodes` database volumes bill for the IOPS their shard's writes need
/// at peak beyond the baseline their size includes: each provisions the rest,
/// or is grown to a larger size step whose baseline includes more (on RDS
/// gp3 a volume below 400 GB can provision none: a DBA allocates 400 GB),
/// whichever costs less. `stored_gb` is what the volumes already bill as
/// storage; the growth is billed here, at the storage rate's next GB.
fn iops(cx: &Context, log: &mut Log, s: &Sized, nodes: f64, stored_gb: f64) -> f64 {
    let shards = s.data.db.shards as f64;
    let needed = s.load.writes / shards * IOPS_PER_WRITE;
    let gb = s.world.db_gb / shards;
    let catalog = cx.catalog;
    if needed <= catalog.included_iops(gb) {
        return 0.0;
    }
    let storage = cx.rate(RateName::DbStorage);
    let provisioned = cx.rate(RateName::DbIops);
    let sized_at = |size: f64| {
        let grown_gb = (size - gb) * nodes;
        let extra = (needed - catalog.included_iops(size)).max(0.0) * nodes;
        let usd =
            storage.cost(stored_gb + grown_gb) - storage.cost(stored_gb) + provisioned.cost(extra);
        (usd, grown_gb, extra)
    };
    let steps = catalog.db_baseline_iops.iter().map(|b| b.from_gb);
    let (usd, grown_gb, extra) = steps
        .filter(|&from| from > gb)
        .chain([gb])
        .map(sized_at)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or_default();
    if grown_gb > 0.0 {
        log.used_rate(RateName::DbStorage, grown_gb);
    }
    if extra > 0.0 {
        log.used_rate(RateName::DbIops, extra);
    }
    usd
}

/// Object storage (the standard tier, and the infrequent-access tier with its
/// retrievals and transitions), origin egress and the CDN.
fn storage_and_delivery(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let t = &s.traffic;
    let cold = s.cold;
    c.object_storage = rate(
        cx,
        log,
        RateName::ObjectStorage,
        s.world.object_gb - cold.gb,
    ) + rate(cx, log, RateName::ObjectWrites, t.object_puts)
        + rate(cx, log, RateName::ObjectReads, t.media_gets)
        + billed(cx, log, RateName::ObjectStorageIa, cold.gb)
        + billed(cx, log, RateName::ObjectIaRetrieval, cold_reads_gb(cx, s))
        + billed(
            cx,
            log,
            RateName::ObjectIaTransitions,
            cold.moved_gb * 1_000.0 / cx.input.data.object_mb,
        );
    c.egress = rate(cx, log, RateName::OriginEgress, t.egress.origin);
    if t.cdn {
        c.cdn = t.cdn_usd;
        log.used_rate(RateName::CdnEgress, t.edge_gb);
        log.used_rate(RateName::CdnRequests, t.edge_requests);
        log.used_rate(RateName::OriginToCdn, t.origin_fetch_gb);
    }
}

/// Media read from the bucket that sits in the infrequent-access tier (GB):
/// the media the origin serves (all of it, or the CDN's misses) in the cold
/// share of the stored bytes, as if every byte were read alike.
fn cold_reads_gb(cx: &Context, s: &Sized) -> f64 {
    if s.cold.gb <= 0.0 {
        return 0.0;
    }
    let t = &s.traffic;
    let fetched = if t.cdn {
        1.0 - cx.input.usage.cdn_hit_ratio
    } else {
        1.0
    };
    t.egress.media * fetched * s.cold.gb / s.world.object_gb
}

/// What the home region's network bills besides egress: a load balancer
/// (hours and the bytes it processes: the API's responses); with private
/// subnets, a NAT gateway in each availability zone (two under high
/// availability) and the bytes it carries to the internet; under high
/// availability, the traffic between the app servers and their data stores
/// that crosses zones (billed out of one zone and into the other); the public
/// IPv4 addresses (the load balancer's, and the NAT gateways' or else every
/// instance's); and the instances' root volumes. Extra regions are priced in
/// `region`.
fn network(cx: &Context, log: &mut Log, s: &Sized, c: &mut Costs) {
    let api_gb = s.traffic.egress.api;
    c.load_balancer = rate(cx, log, RateName::LoadBalancerHours, HOURS_PER_MONTH)
        + rate(cx, log, RateName::LoadBalancerGb, api_gb);
    let zones = if s.ha { 2.0 } else { 1.0 };
    let instances = s.app.count
        + s.workers.as_ref().map_or(0, |w| u64::from(w.count))
        + s.pooler.as_ref().map_or(0, |x| u64::from(x.count));
    let private = cx.input.stack.private_subnets;
    if private {
        let outbound_gb =
            s.load.requests_per_day * DAYS_PER_MONTH * cx.input.usage.outbound_kb_per_request / 1e6;
        c.nat_gateway = rate(cx, log, RateName::NatGatewayHours, zones * HOURS_PER_MONTH)
            + billed(cx, log, RateName::NatGatewayGb, outbound_gb);
    }
    if s.ha {
        let crossing_gb = CROSS_AZ_SHARE * api_gb;
        c.cross_az = billed(cx, log, RateName::CrossAzTransfer, 2.0 * crossing_gb);
    }
    let addresses = LOAD_BALANCER_ADDRESSES + if private { zones } else { instances as f64 };
    c.public_ips = billed(
        cx,
        log,
        RateName::PublicIpv4Hours,
        addresses * HOURS_PER_MONTH,
    );
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
fn services(cx: &Context, log: &mut Log, ha: bool, bought: &mut Instances) -> f64 {
    log.used(Used::Db(0));
    let az = cx.az_multiplier(ha);
    bought.always_on(&cx.app.price, SERVICE_APP_INSTANCES as f64)
        + bought.cost(&cx.db_sku(0).price, az, az, cx.db.price[0] * az)
        + rate(
            cx,
            log,
            RateName::MonitoringHost,
            SERVICE_APP_INSTANCES as f64,
        )
}

/// One extra region: app instances for its share of traffic (at least two), a
/// read replica of every shard's primary with its storage and the IOPS it
/// provisions, the month's writes replicated to it from the home region, its
/// load balancer with its addresses, their monitoring.
fn region(cx: &Context, log: &mut Log, s: &Sized, bought: &mut Instances) -> f64 {
    let far = cx.input.usage.far_users_share;
    let share = if far > 0.0 {
        far
    } else {
        1.0 / (1.0 + f64::from(s.extra_regions))
    };
    let region_apps = ((s.app.count as f64 * share).ceil() as u64).max(2);
    let db = &s.data.db;
    let shards = db.shards as f64;
    bought.always_on(&cx.app.price, region_apps as f64)
        + bought.cost(
            &cx.db_sku(db.sku).price,
            shards,
            shards,
            shards * cx.db.price[db.sku],
        )
        + rate(cx, log, RateName::DbStorage, s.world.db_gb)
        + iops(cx, log, s, shards, s.world.db_gb)
        + billed(
            cx,
            log,
            RateName::InterRegionTransfer,
            load::rows_gb(cx, s.people.dau, DAYS_PER_MONTH),
        )
        + rate(cx, log, RateName::MonitoringHost, region_apps as f64)
        + rate(cx, log, RateName::LoadBalancerHours, HOURS_PER_MONTH)
        + billed(
            cx,
            log,
            RateName::PublicIpv4Hours,
            LOAD_BALANCER_ADDRESSES * HOURS_PER_MONTH,
        )
}
