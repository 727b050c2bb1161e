//! What a projection holds: one row per month, the architecture-change events,
//! where the rules of thumb and the model disagree, warnings, and stage summaries.
//!
//! These types are the documented JSON interface of `headroom project --format json`
//! (see docs/MODEL.md, "Output"). Money is in USD per month unless a name says
//! otherwise; sizes in GB; rates per second.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::scenario::{ScenarioInput, Stage};

/// The result of [`crate::project`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// The validated scenario that was projected: every input with its documented name.
    pub scenario: ScenarioInput,
    /// Catalog id and release date the prices came from.
    pub catalog: CatalogRef,
    /// Month 0 ..= horizon.
    pub months: Vec<Month>,
    /// Every architecture change, by month, with its basis and reason.
    pub events: Vec<Event>,
    /// For each change both kinds of reason speak to: when each says so.
    pub gaps: Vec<Gap>,
    pub warnings: Vec<Warning>,
    /// One entry per stage reached.
    pub stages: Vec<StageSummary>,
    /// Price keys used by this projection whose figures are not confirmed on the
    /// vendor's own page (shown to users as UNVERIFIED).
    pub unverified_prices: Vec<String>,
}

/// Which catalog priced the projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogRef {
    pub id: String,
    pub released: String,
    /// Keys the scenario overrode.
    pub overridden: Vec<String>,
}

/// One month of the projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Month {
    pub month: u32,
    pub stage: Stage,
    pub registered: f64,
    pub mau: f64,
    pub dau: f64,
    pub customers: f64,
    pub revenue_usd: f64,
    pub engineers: f64,
    pub peak_rps: f64,
    /// Database reads per second at peak that reach the database (after the cache).
    pub db_reads_per_s: f64,
    pub db_writes_per_s: f64,
    pub db_storage_gb: f64,
    pub object_storage_gb: f64,
    pub egress_gb: Egress,
    /// API p95 at peak (ms): app p95 plus the requests' database queries at their
    /// mean response; absent when a tier is saturated.
    pub api_p95_ms: Option<f64>,
    pub tiers: Tiers,
    pub costs_usd: Costs,
    /// Sum of `costs_usd`.
    pub total_usd: f64,
    /// What the payment processor keeps of the revenue (the items of
    /// [`PAYMENT_FEES`]): a cost of selling, not of running the product.
    pub payment_fees_usd: f64,
    /// The total less payment fees: what the product's infrastructure and its
    /// services cost.
    pub infrastructure_usd: f64,
    /// `infrastructure_usd / customers`; absent while there is less than one customer.
    pub infrastructure_per_customer_usd: Option<f64>,
    /// What the scenario's commitment (`stack.commitment`) buys this month.
    #[serde(default)]
    pub commitment: Commitment,
    /// `total_usd / customers`; absent while there is less than one customer.
    pub cost_per_customer_usd: Option<f64>,
    /// `total_usd / mau`; absent while there is less than one MAU.
    pub cost_per_mau_usd: Option<f64>,
    /// `total_usd / revenue_usd`; absent while revenue is under one cent a month.
    pub cost_share_of_revenue: Option<f64>,
}

impl Month {
    /// What is left of the month's revenue after its cost, as a share of revenue
    /// (1 − [`Month::cost_share_of_revenue`]); absent while revenue is under one cent.
    ///
    /// ```
    /// use headroom_models::{project, Scenario};
    /// let p = project(&Scenario::default());
    /// let m = p.months.last().unwrap();
    /// let margin = m.margin_after_cost().unwrap();
    /// assert!((margin + m.cost_share_of_revenue.unwrap() - 1.0).abs() < 1e-12);
    /// ```
    pub fn margin_after_cost(&self) -> Option<f64> {
        self.cost_share_of_revenue.map(|share| 1.0 - share)
    }

    /// Every number of the month by its JSON name (absent options left out): for
    /// checks that hold for all of them, such as "every figure is finite".
    pub fn figures(&self) -> Vec<(String, f64)> {
        let t = &self.tiers;
        let e = &self.egress_gb;
        let mut out = vec![
            ("registered", self.registered),
            ("mau", self.mau),
            ("dau", self.dau),
            ("customers", self.customers),
            ("revenue_usd", self.revenue_usd),
            ("engineers", self.engineers),
            ("peak_rps", self.peak_rps),
            ("db_reads_per_s", self.db_reads_per_s),
            ("db_writes_per_s", self.db_writes_per_s),
            ("db_storage_gb", self.db_storage_gb),
            ("object_storage_gb", self.object_storage_gb),
            ("egress_gb.api", e.api),
            ("egress_gb.static_assets", e.static_assets),
            ("egress_gb.media", e.media),
            ("egress_gb.origin", e.origin),
            ("egress_gb.cdn", e.cdn),
            ("tiers.app.utilization", t.app.utilization),
            ("tiers.app.in_flight", t.app.in_flight),
            ("tiers.db.utilization", t.db.utilization),
            ("tiers.db.connections", t.db.connections),
            ("tiers.db.connection_limit", t.db.connection_limit),
            ("tiers.db.in_flight", t.db.in_flight),
            ("tiers.db.hot_set_gb", t.db.hot_set_gb),
            ("tiers.db.ram_gb", t.db.ram_gb),
            ("total_usd", self.total_usd),
            ("payment_fees_usd", self.payment_fees_usd),
            ("infrastructure_usd", self.infrastructure_usd),
            ("commitment.committed_usd", self.commitment.committed_usd),
            ("commitment.savings_usd", self.commitment.savings_usd),
        ];
        let optional = [
            ("api_p95_ms", self.api_p95_ms),
            ("tiers.app.p95_ms", t.app.p95_ms),
            ("tiers.db.p95_ms", t.db.p95_ms),
            (
                "infrastructure_per_customer_usd",
                self.infrastructure_per_customer_usd,
            ),
            ("cost_per_customer_usd", self.cost_per_customer_usd),
            ("cost_per_mau_usd", self.cost_per_mau_usd),
            ("cost_share_of_revenue", self.cost_share_of_revenue),
            (
                "tiers.cache.memory_utilization",
                t.cache.as_ref().map(|c| c.memory_utilization),
            ),
            (
                "tiers.cache.ops_per_s",
                t.cache.as_ref().map(|c| c.ops_per_s),
            ),
            (
                "tiers.workers.utilization",
                t.workers.as_ref().map(|w| w.utilization),
            ),
            (
                "tiers.workers.messages",
                t.workers.as_ref().map(|w| w.messages),
            ),
        ];
        out.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
        let mut out: Vec<(String, f64)> = out.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        out.extend(
            self.costs_usd
                .items()
                .map(|(k, v)| (format!("costs_usd.{k}"), v)),
        );
        out
    }
}

/// Outbound bytes in a month, by kind and by where they are billed (GB).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Egress {
    pub api: f64,
    pub static_assets: f64,
    pub media: f64,
    /// Billed at the origin's egress rate.
    pub origin: f64,
    /// Billed at the CDN's rate.
    pub cdn: f64,
}

/// The sized architecture of a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tiers {
    pub app: AppTier,
    pub db: DbTier,
    pub cache: Option<CacheTier>,
    pub workers: Option<WorkerTier>,
    /// Instances running the connection pooler; absent until a pooler is adopted, or
    /// when the database service includes one.
    pub pooler: Option<PoolerTier>,
    pub cdn: bool,
    /// Services extracted from the monolith.
    pub services: Vec<Service>,
    /// Regions beyond the home region.
    pub extra_regions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppTier {
    pub sku: Arc<str>,
    pub count: u32,
    /// CPU busy share of the tier's sustainable capacity at peak.
    pub utilization: f64,
    /// p95 response time at peak (ms); absent when saturated.
    pub p95_ms: Option<f64>,
    pub saturated: bool,
    /// Requests in flight at peak (Little's law).
    pub in_flight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DbTier {
    pub sku: Arc<str>,
    /// Database instances: shards × (1 + replicas); a Multi-AZ standby is billed
    /// (see `costs_usd.database`) but not counted here.
    pub count: u32,
    /// Read replicas per shard.
    pub replicas: u32,
    pub shards: u32,
    /// CPU busy share of one primary at peak.
    pub utilization: f64,
    pub p95_ms: Option<f64>,
    pub saturated: bool,
    pub multi_az: bool,
    /// Client connections the app servers and workers open to one primary.
    pub connections: f64,
    pub connection_limit: f64,
    /// Queries in flight at one primary at peak (Little's law): the server connections a pooler needs.
    pub in_flight: f64,
    /// Hot working set per shard against the SKU's RAM (GB).
    pub hot_set_gb: f64,
    pub ram_gb: f64,
}

impl DbTier {
    /// The database in words (see [`topology`]), with ", Multi-AZ" under high
    /// availability: what the command line and the app show.
    ///
    /// ```
    /// use headroom_models::{project, Preset};
    /// let p = project(&Preset::B2bSaas.scenario());
    /// let db = &p.months[0].tiers.db;
    /// assert_eq!(db.in_words(), db.sku.to_string());
    /// ```
    pub fn in_words(&self) -> String {
        let mut words = topology(&self.sku, u64::from(self.shards), u64::from(self.replicas));
        if self.multi_az {
            words.push_str(", Multi-AZ");
        }
        words
    }
}

/// A database topology in words, the one wording the reasons, the command line
/// and the app use.
///
/// ```
/// use headroom_models::projection::topology;
/// assert_eq!(topology("db.m5.large", 1, 0), "db.m5.large");
/// assert_eq!(topology("db.m5.large", 1, 2), "db.m5.large with 2 read replicas");
/// assert_eq!(topology("db.m5.4xlarge", 4, 1), "4 shards of db.m5.4xlarge, each with 1 read replica");
/// ```
pub fn topology(sku: &str, shards: u64, replicas: u64) -> String {
    let replicas_words = |r: u64| format!("{r} read replica{}", if r == 1 { "" } else { "s" });
    match (shards, replicas) {
        (1, 0) => sku.to_owned(),
        (1, r) => format!("{sku} with {}", replicas_words(r)),
        (s, 0) => format!("{s} shards of {sku}"),
        (s, r) => format!("{s} shards of {sku}, each with {}", replicas_words(r)),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheTier {
    pub sku: Arc<str>,
    pub count: u32,
    /// Memory needed (working set ÷ 0.75 usable) over memory provisioned.
    pub memory_utilization: f64,
    pub ops_per_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerTier {
    pub sku: Arc<str>,
    pub count: u32,
    pub utilization: f64,
    /// Messages through the queue this month.
    pub messages: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolerTier {
    pub sku: Arc<str>,
    pub count: u32,
}

/// The always-on baseline bought under a commitment (reserved instances or
/// savings plans, no upfront): zero on demand, or where the catalog has no
/// committed prices.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Commitment {
    /// What the committed instances cost this month, at committed prices (USD).
    pub committed_usd: f64,
    /// What they would cost on demand, less `committed_usd` (USD).
    pub savings_usd: f64,
}

/// Cost of each line item this month (USD). The total is their sum.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Costs {
    pub app: f64,
    pub database: f64,
    pub db_storage: f64,
    /// Backup storage beyond the free allowance.
    pub db_backup: f64,
    /// Provisioned IOPS beyond what the database volumes include.
    pub db_iops: f64,
    pub pooler: f64,
    pub cache: f64,
    pub workers: f64,
    pub queue: f64,
    /// The instances' boot disks (app servers, workers, pooler).
    pub root_volumes: f64,
    pub object_storage: f64,
    pub egress: f64,
    pub cdn: f64,
    pub load_balancer: f64,
    pub nat_gateway: f64,
    /// Traffic between availability zones (app servers and their data stores).
    pub cross_az: f64,
    /// Public IPv4 addresses (load balancer, NAT gateways or instances).
    pub public_ips: f64,
    pub auth: f64,
    pub payments: f64,
    /// The subscription billing product's share of billed revenue.
    pub billing: f64,
    pub email: f64,
    pub monitoring: f64,
    pub error_tracking: f64,
    pub search: f64,
    pub services: f64,
    pub regions: f64,
    pub ai: f64,
    pub platform: f64,
}

/// A line item of the bill: one field of [`Costs`], named as that field in the
/// JSON and in the monthly CSV (`cost_<name>_usd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CostItem {
    App,
    Database,
    DbStorage,
    DbBackup,
    DbIops,
    Pooler,
    Cache,
    Workers,
    Queue,
    RootVolumes,
    ObjectStorage,
    Egress,
    Cdn,
    LoadBalancer,
    NatGateway,
    CrossAz,
    PublicIps,
    Auth,
    Payments,
    Billing,
    Email,
    Monitoring,
    ErrorTracking,
    Search,
    Services,
    Regions,
    Ai,
    Platform,
}

impl CostItem {
    /// Every line item, in display order (the order of [`Costs`]' fields).
    pub const ALL: [CostItem; 28] = [
        CostItem::App,
        CostItem::Database,
        CostItem::DbStorage,
        CostItem::DbBackup,
        CostItem::DbIops,
        CostItem::Pooler,
        CostItem::Cache,
        CostItem::Workers,
        CostItem::Queue,
        CostItem::RootVolumes,
        CostItem::ObjectStorage,
        CostItem::Egress,
        CostItem::Cdn,
        CostItem::LoadBalancer,
        CostItem::NatGateway,
        CostItem::CrossAz,
        CostItem::PublicIps,
        CostItem::Auth,
        CostItem::Payments,
        CostItem::Billing,
        CostItem::Email,
        CostItem::Monitoring,
        CostItem::ErrorTracking,
        CostItem::Search,
        CostItem::Services,
        CostItem::Regions,
        CostItem::Ai,
        CostItem::Platform,
    ];

    /// The item's name in the JSON and the CSV (`db_storage`): the name of its
    /// field in [`Costs`] (a test holds the two together).
    pub fn name(self) -> &'static str {
        use CostItem::*;
        match self {
            App => "app",
            Database => "database",
            DbStorage => "db_storage",
            DbBackup => "db_backup",
            DbIops => "db_iops",
            Pooler => "pooler",
            Cache => "cache",
            Workers => "workers",
            Queue => "queue",
            RootVolumes => "root_volumes",
            ObjectStorage => "object_storage",
            Egress => "egress",
            Cdn => "cdn",
            LoadBalancer => "load_balancer",
            NatGateway => "nat_gateway",
            CrossAz => "cross_az",
            PublicIps => "public_ips",
            Auth => "auth",
            Payments => "payments",
            Billing => "billing",
            Email => "email",
            Monitoring => "monitoring",
            ErrorTracking => "error_tracking",
            Search => "search",
            Services => "services",
            Regions => "regions",
            Ai => "ai",
            Platform => "platform",
        }
    }

    /// The item in words, for people ("database storage", "card fees").
    pub fn label(self) -> &'static str {
        use CostItem::*;
        match self {
            App => "app servers",
            Database => "database",
            DbStorage => "database storage",
            DbBackup => "database backups",
            DbIops => "database IOPS",
            Pooler => "pooler",
            Cache => "cache",
            Workers => "workers",
            Queue => "queue",
            RootVolumes => "root volumes",
            ObjectStorage => "object storage",
            Egress => "egress",
            Cdn => "cdn",
            LoadBalancer => "load balancer",
            NatGateway => "NAT gateways",
            CrossAz => "cross-AZ transfer",
            PublicIps => "public IPv4 addresses",
            Auth => "auth",
            Payments => "card fees",
            Billing => "subscription billing",
            Email => "email",
            Monitoring => "monitoring",
            ErrorTracking => "error tracking",
            Search => "search",
            Services => "extracted services",
            Regions => "extra regions",
            Ai => "AI tokens",
            Platform => "platform fees",
        }
    }
}

impl CostItem {
    /// Whether the item is a payment fee ([`PAYMENT_FEES`]), not infrastructure.
    pub fn is_payment_fee(self) -> bool {
        PAYMENT_FEES.contains(&self)
    }
}

impl fmt::Display for CostItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The line items that are payment fees (card processing): the cost of being
/// paid, which grows with revenue, not with load. Everything else is
/// infrastructure ([`Costs::infrastructure`]).
pub const PAYMENT_FEES: &[CostItem] = &[CostItem::Payments, CostItem::Billing];

/// Which costs a figure counts: the infrastructure alone (what the planner
/// shows first), or everything with the payment fees too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CostScope {
    /// Every line item but the payment fees ([`PAYMENT_FEES`]).
    #[default]
    Infrastructure,
    /// Every line item.
    WithPaymentFees,
}

impl CostScope {
    /// The month's cost in this scope (USD per month).
    ///
    /// ```
    /// use headroom_models::projection::CostScope;
    /// use headroom_models::{project, Preset};
    /// let p = project(&Preset::B2bSaas.scenario());
    /// let m = p.months.last().unwrap();
    /// assert_eq!(CostScope::Infrastructure.total(m), m.infrastructure_usd);
    /// assert_eq!(CostScope::WithPaymentFees.total(m), m.total_usd);
    /// assert!(!CostScope::Infrastructure.includes(&[headroom_models::projection::CostItem::Payments]));
    /// ```
    pub fn total(self, m: &Month) -> f64 {
        match self {
            CostScope::Infrastructure => m.infrastructure_usd,
            CostScope::WithPaymentFees => m.total_usd,
        }
    }

    /// The month's cost per customer in this scope; absent without customers.
    pub fn per_customer(self, m: &Month) -> Option<f64> {
        match self {
            CostScope::Infrastructure => m.infrastructure_per_customer_usd,
            CostScope::WithPaymentFees => m.cost_per_customer_usd,
        }
    }

    /// Whether any of `items` (a group's) counts in this scope.
    pub fn includes(self, items: &[CostItem]) -> bool {
        self == CostScope::WithPaymentFees || items.iter().any(|i| !i.is_payment_fee())
    }

    /// What the scope's cost per customer is called, capitalised.
    pub fn per_customer_name(self) -> &'static str {
        match self {
            CostScope::Infrastructure => "Infrastructure per customer",
            CostScope::WithPaymentFees => "Cost per customer",
        }
    }

    /// What the scope's cost is called, capitalised: "Infrastructure",
    /// "Monthly cost" (with fees).
    pub fn name(self) -> &'static str {
        match self {
            CostScope::Infrastructure => "Infrastructure",
            CostScope::WithPaymentFees => "Monthly cost",
        }
    }
}

/// The groups the line items of [`Costs`] add up to, for charts: (group name,
/// line items). Every item of [`Costs::items`] is in exactly one group.
pub const COST_GROUPS: [(&str, &[CostItem]); 8] = {
    use CostItem::*;
    [
        ("Compute", &[App, Workers, Queue, RootVolumes, Platform]),
        ("Database", &[Database, DbStorage, DbBackup, DbIops, Pooler]),
        ("Cache", &[Cache]),
        (
            "Network & storage",
            &[
                ObjectStorage,
                Egress,
                Cdn,
                LoadBalancer,
                NatGateway,
                CrossAz,
                PublicIps,
            ],
        ),
        ("SaaS", &[Auth, Email, Monitoring, ErrorTracking, Search]),
        ("Payment fees", &[Payments, Billing]),
        ("Services & regions", &[Services, Regions]),
        ("AI", &[Ai]),
    ]
};

impl Costs {
    /// Line items with their amounts, in display order ([`CostItem::ALL`]).
    pub fn items(&self) -> [(CostItem, f64); CostItem::ALL.len()] {
        use CostItem::*;
        [
            (App, self.app),
            (Database, self.database),
            (DbStorage, self.db_storage),
            (DbBackup, self.db_backup),
            (DbIops, self.db_iops),
            (Pooler, self.pooler),
            (Cache, self.cache),
            (Workers, self.workers),
            (Queue, self.queue),
            (RootVolumes, self.root_volumes),
            (ObjectStorage, self.object_storage),
            (Egress, self.egress),
            (Cdn, self.cdn),
            (LoadBalancer, self.load_balancer),
            (NatGateway, self.nat_gateway),
            (CrossAz, self.cross_az),
            (PublicIps, self.public_ips),
            (Auth, self.auth),
            (Payments, self.payments),
            (Billing, self.billing),
            (Email, self.email),
            (Monitoring, self.monitoring),
            (ErrorTracking, self.error_tracking),
            (Search, self.search),
            (Services, self.services),
            (Regions, self.regions),
            (Ai, self.ai),
            (Platform, self.platform),
        ]
    }

    /// The sum of every line item, added in display order.
    pub fn total(&self) -> f64 {
        self.items().iter().fold(0.0, |sum, (_, v)| sum + v)
    }

    /// The payment fees of the month: the items of [`PAYMENT_FEES`].
    pub fn payment_fees(&self) -> f64 {
        self.items()
            .iter()
            .filter(|(item, _)| item.is_payment_fee())
            .fold(0.0, |sum, (_, v)| sum + v)
    }

    /// Every line item but the payment fees, added in display order: what
    /// running the product costs.
    ///
    /// ```
    /// use headroom_models::{project, Preset};
    /// let p = project(&Preset::B2bSaas.scenario());
    /// let m = p.months.last().unwrap();
    /// let c = &m.costs_usd;
    /// assert!((c.infrastructure() + c.payment_fees() - c.total()).abs() < 1e-6);
    /// assert!(c.infrastructure() < c.total()); // B2B SaaS is paid by card
    /// ```
    pub fn infrastructure(&self) -> f64 {
        self.items()
            .iter()
            .filter(|(item, _)| !item.is_payment_fee())
            .fold(0.0, |sum, (_, v)| sum + v)
    }

    /// The line items summed into the groups of [`COST_GROUPS`] (USD per month),
    /// in the groups' order: what a chart stacks when twenty items are too many
    /// to tell apart. Every item is in exactly one group, so the groups sum to
    /// [`Costs::total`] (up to rounding in the last place).
    ///
    /// ```
    /// use headroom_models::{project, Scenario};
    /// let p = project(&Scenario::default());
    /// let costs = &p.months.last().unwrap().costs_usd;
    /// let sum: f64 = costs.groups().iter().map(|(_, usd)| usd).sum();
    /// assert!((sum - costs.total()).abs() < 1e-6);
    /// ```
    pub fn groups(&self) -> [(&'static str, f64); COST_GROUPS.len()] {
        let mut out = COST_GROUPS.map(|(name, _)| (name, 0.0));
        for (item, usd) in self.items() {
            if let Some(g) = COST_GROUPS
                .iter()
                .position(|(_, items)| items.contains(&item))
            {
                out[g].1 += usd;
            }
        }
        out
    }
}

/// A service that can be extracted from the monolith.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Payments,
    Search,
    Media,
}

/// An architecture change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    ConnectionPooler,
    Cache,
    Cdn,
    BackgroundJobs,
    DbUpgrade,
    ReadReplica,
    MultiAz,
    ExtractPayments,
    ExtractSearch,
    ExtractMedia,
    Sharding,
    MultiRegion,
}

impl Change {
    /// Every change, in order (`Change as usize` indexes it).
    pub const ALL: [Change; 12] = [
        Change::ConnectionPooler,
        Change::Cache,
        Change::Cdn,
        Change::BackgroundJobs,
        Change::DbUpgrade,
        Change::ReadReplica,
        Change::MultiAz,
        Change::ExtractPayments,
        Change::ExtractSearch,
        Change::ExtractMedia,
        Change::Sharding,
        Change::MultiRegion,
    ];

    /// The change's name inside a sentence: "cache", but "CDN" (acronyms keep
    /// their case).
    ///
    /// ```
    /// use headroom_models::Change;
    /// assert_eq!(Change::Cache.mid_sentence(), "cache");
    /// assert_eq!(Change::Cdn.mid_sentence(), "CDN");
    /// ```
    pub fn mid_sentence(self) -> String {
        let title = self.to_string();
        match title.chars().nth(1) {
            Some(second) if second.is_lowercase() => title[..1].to_lowercase() + &title[1..],
            _ => title,
        }
    }

    pub fn extract(service: Service) -> Change {
        match service {
            Service::Payments => Change::ExtractPayments,
            Service::Search => Change::ExtractSearch,
            Service::Media => Change::ExtractMedia,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::ConnectionPooler => "Connection pooler",
            Change::Cache => "Cache",
            Change::Cdn => "CDN",
            Change::BackgroundJobs => "Background jobs",
            Change::DbUpgrade => "Database upgrade",
            Change::ReadReplica => "Read replica",
            Change::MultiAz => "Multi-AZ / high availability",
            Change::ExtractPayments => "Extract payments service",
            Change::ExtractSearch => "Extract search service",
            Change::ExtractMedia => "Extract media service",
            Change::Sharding => "Sharding",
            Change::MultiRegion => "Multi-region",
        })
    }
}

/// Why a change is called for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The capacity math says so.
    Model,
    /// The seeds' guidance (editable thresholds) says so.
    RuleOfThumb,
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Basis::Model => "model",
            Basis::RuleOfThumb => "rule of thumb",
        })
    }
}

/// The first month a change is called for by one kind of reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub month: u32,
    pub change: Change,
    pub basis: Basis,
    /// What was measured, e.g. `dau` or `db_cpu_utilization`.
    pub metric: String,
    pub value: f64,
    pub threshold: f64,
    /// The reason in words, with the numbers.
    pub reason: String,
    /// Whether the projection made the change (per `stack.adopt`) at this event.
    pub adopted: bool,
}

/// When the rule of thumb and the model call for a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub change: Change,
    pub model_month: Option<u32>,
    pub rule_month: Option<u32>,
    /// The gap in words: which comes first and by how much.
    pub note: String,
}

/// What a warning is about. Its wire name (snake_case) is the `kind` of every
/// warning in the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Registered users reached the model's ceiling of 10 billion.
    UserCeiling,
    /// Client connections exceed the primary's limit with no pooler adopted.
    ConnectionsOverLimit,
    /// The app tier is saturated at peak.
    AppSaturated,
    /// The database primary is saturated at peak.
    DbSaturated,
    /// API p95 at peak is over the objective.
    SloMissed,
    /// `growth.dau_share` over 80%.
    ImplausibleDauShare,
    /// `usage.requests_per_dau_per_day` over 5,000.
    ImplausibleRequests,
    /// `usage.peak_to_average` over 10.
    ImplausiblePeak,
    /// `usage.app_cpu_ms_per_request` over 500 ms.
    ImplausibleCpu,
    /// `growth.monthly_rate` over 50% a month.
    ImplausibleGrowth,
    /// `usage.cache_hit_ratio` over 99%.
    ImplausibleCacheHit,
    /// Prices the projection used are UNVERIFIED.
    UnverifiedPrices,
}

impl WarningKind {
    /// Every kind, in order.
    pub const ALL: [WarningKind; 12] = [
        WarningKind::UserCeiling,
        WarningKind::ConnectionsOverLimit,
        WarningKind::AppSaturated,
        WarningKind::DbSaturated,
        WarningKind::SloMissed,
        WarningKind::ImplausibleDauShare,
        WarningKind::ImplausibleRequests,
        WarningKind::ImplausiblePeak,
        WarningKind::ImplausibleCpu,
        WarningKind::ImplausibleGrowth,
        WarningKind::ImplausibleCacheHit,
        WarningKind::UnverifiedPrices,
    ];
}

/// Something the reader should know: saturation, a missed objective, an input
/// outside the plausible range, an unverified price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// First month it applies (absent for warnings about inputs).
    pub month: Option<u32>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "month {m}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A stage the projection reaches: its first and last month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub stage: Stage,
    pub first_month: u32,
    pub last_month: u32,
    /// The seeds' recommended architecture for the stage.
    pub recommended: String,
}

#[cfg(test)]
mod tests {
    use crate::{project, Preset};

    /// The line items are `Costs`' fields, named and ordered as in its JSON.
    #[test]
    fn cost_items_are_the_fields_of_costs_in_order() {
        let json = serde_json::to_value(super::Costs::default()).unwrap();
        let fields: Vec<String> = json.as_object().unwrap().keys().cloned().collect();
        let mut items: Vec<String> = super::CostItem::ALL
            .iter()
            .map(|i| i.name().to_owned())
            .collect();
        let listed = items.clone();
        items.sort();
        let mut sorted_fields = fields.clone();
        sorted_fields.sort();
        assert_eq!(items, sorted_fields);
        let from_items: Vec<String> = super::Costs::default()
            .items()
            .iter()
            .map(|(i, _)| i.name().to_owned())
            .collect();
        assert_eq!(from_items, listed, "items() is in CostItem::ALL order");
    }

    /// Every line item is in exactly one cost group (an item added to `Costs`
    /// but not to a group fails here).
    #[test]
    fn every_cost_item_is_in_exactly_one_group() {
        let p = project(&Preset::ConsumerApp.scenario());
        for (item, _) in p.months[0].costs_usd.items() {
            let homes = super::COST_GROUPS
                .iter()
                .filter(|(_, items)| items.contains(&item))
                .count();
            assert_eq!(homes, 1, "{item} is in {homes} groups");
        }
    }

    /// `figures()` names every number of a month: its count matches the numbers in
    /// the month's JSON (a field added to `Month` but not to `figures()` fails here).
    #[test]
    fn figures_cover_every_number_of_a_month() {
        fn numbers(v: &serde_json::Value) -> usize {
            match v {
                serde_json::Value::Number(_) => 1,
                serde_json::Value::Array(items) => items.iter().map(numbers).sum(),
                serde_json::Value::Object(map) => map.values().map(numbers).sum(),
                _ => 0,
            }
        }
        // Month 60 of the consumer app has every optional tier (cache, workers, pooler).
        let p = project(
            &Preset::ConsumerApp
                .scenario()
                .with_setting("horizon_months", "60")
                .unwrap(),
        );
        let m = p.months.last().unwrap();
        assert!(m.tiers.cache.is_some() && m.tiers.workers.is_some() && m.tiers.pooler.is_some());
        let json = serde_json::to_value(m).unwrap();
        // Counts and ids that are not measurements: month, tier counts, replicas,
        // shards, pooler count, extra regions.
        let whole_numbers = 9;
        assert_eq!(m.figures().len() + whole_numbers, numbers(&json), "{json}");
    }
}
