//! Price catalogs: dated, sourced price and capacity data compiled into the binary.
//!
//! A catalog is a JSON data file under `models/catalogs/`. Every figure in it
//! carries the public page it came from, the month it was seen and whether it was
//! confirmed on the vendor's own page (`verified`). Catalogs are never edited once
//! released: a changed price means a new catalog with a new id, so a scenario that
//! names an old catalog keeps its numbers forever.
//!
//! The model reads three SKU ladders (app servers, databases, cache nodes) and a
//! fixed set of named [`Rate`]s (see [`RateName`]). A rate is a list of tiers, each a
//! price per unit up to a cumulative quantity, so free allowances and volume
//! discounts are data too.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Hours in a billing month: the public cloud calculators' convention.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Highest price a scenario may override any price to (USD per the key's unit):
/// hundreds of times any catalog price, and low enough that no cost the model
/// computes from inputs within their ranges can overflow.
pub const MAX_OVERRIDE_USD: f64 = 1_000_000.0;

/// Where a figure came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The public page the figure was read from.
    pub source: String,
    /// The month it was seen, `YYYY-MM`.
    pub seen: String,
    /// `false` when the figure was seen only in third-party tables and not confirmed
    /// on the vendor's own page. Shown to users as UNVERIFIED.
    pub verified: bool,
    /// Anything a reader should know (conditions, derivation).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Source {
    /// The source of a price the scenario set itself: the person's own figure, so
    /// never flagged UNVERIFIED.
    pub fn overridden() -> Source {
        Source {
            source: "price override in the scenario".to_owned(),
            seen: String::new(),
            verified: true,
            note: String::new(),
        }
    }
}

/// The key of one price: how a scenario overrides it
/// (`stack.price_overrides.<key>`), how lists and the UNVERIFIED list name it.
/// Written as `app:<sku>`, `db:<sku>`, `cache:<sku>`, `<rate>` (a rate of one
/// tier, or a whole tiered rate), `<rate>.<tier>` (one tier, from 0) and
/// `fee:<name>`.
///
/// ```
/// use headroom_models::catalog::PriceKey;
/// let key = PriceKey::parse("origin_egress.1").unwrap();
/// assert_eq!(key, PriceKey::RateTier("origin_egress".into(), 1));
/// assert_eq!(key.to_string(), "origin_egress.1");
/// assert_eq!(PriceKey::parse("db:db.t4g.micro"), Some(PriceKey::Db("db.t4g.micro".into())));
/// assert_eq!(PriceKey::parse("egress.first"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceKey {
    App(String),
    Db(String),
    Cache(String),
    Rate(String),
    RateTier(String, usize),
    Fee(String),
}

impl PriceKey {
    /// Read a key as written; `None` when a tier is not a number.
    pub fn parse(key: &str) -> Option<PriceKey> {
        type Make = fn(String) -> PriceKey;
        let prefixed: [(&str, Make); 4] = [
            ("app:", PriceKey::App),
            ("db:", PriceKey::Db),
            ("cache:", PriceKey::Cache),
            ("fee:", PriceKey::Fee),
        ];
        for (prefix, make) in prefixed {
            if let Some(rest) = key.strip_prefix(prefix) {
                return Some(make(rest.to_owned()));
            }
        }
        match key.rsplit_once('.') {
            Some((name, tier)) => tier
                .parse()
                .ok()
                .map(|i| PriceKey::RateTier(name.to_owned(), i)),
            None => Some(PriceKey::Rate(key.to_owned())),
        }
    }

    /// The rate a rate key belongs to (`origin_egress` for `origin_egress.1`).
    pub fn rate(&self) -> Option<&str> {
        match self {
            PriceKey::Rate(name) | PriceKey::RateTier(name, _) => Some(name),
            _ => None,
        }
    }
}

impl std::fmt::Display for PriceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PriceKey::App(id) => write!(f, "app:{id}"),
            PriceKey::Db(id) => write!(f, "db:{id}"),
            PriceKey::Cache(id) => write!(f, "cache:{id}"),
            PriceKey::Rate(name) => f.write_str(name),
            PriceKey::RateTier(name, i) => write!(f, "{name}.{i}"),
            PriceKey::Fee(name) => write!(f, "fee:{name}"),
        }
    }
}

/// One price a scenario may override: its key, amount, unit and source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Price {
    /// The override key, e.g. `app:t4g.small` or `egress.1`.
    pub key: String,
    pub usd: f64,
    /// The unit, e.g. `usd_per_hour`, `usd_per_gb_month`.
    pub unit: String,
    pub source: Source,
}

impl Price {
    fn new(key: PriceKey, usd: f64, per: Per, source: Source) -> Price {
        Price {
            key: key.to_string(),
            usd,
            unit: unit_name(per),
            source,
        }
    }
}

/// The unit a price is quoted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Hour,
    Month,
    GbMonth,
    Gb,
    ThousandRequests,
    TenThousandRequests,
    MillionRequests,
    MillionMessages,
    ThousandEmails,
    Mau,
    HostMonth,
    Charge,
    ShareOfAmount,
    Multiplier,
    /// Provisioned I/O operations per second, for a month.
    IopsMonth,
}

impl Per {
    /// How many base units (requests, messages, emails, ...) one priced unit holds.
    pub fn units(self) -> f64 {
        match self {
            Per::ThousandRequests | Per::ThousandEmails => 1_000.0,
            Per::TenThousandRequests => 10_000.0,
            Per::MillionRequests | Per::MillionMessages => 1_000_000.0,
            _ => 1.0,
        }
    }
}

/// A SKU's price: a figure per hour or per month, with its source, and what
/// the SKU costs when committed to for a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkuPrice {
    /// On demand.
    pub usd: f64,
    /// `hour` or `month`, for every figure of the SKU.
    pub per: Per,
    #[serde(flatten)]
    pub source: Source,
    /// Reserved or savings-plan prices, no upfront; absent where the catalog
    /// has none (every release before `aws-us-east-1-2026-12b`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub committed: Vec<CommittedPrice>,
}

/// The length of a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    OneYear,
    ThreeYear,
}

/// What a SKU costs under a commitment of one term, paid monthly (no upfront).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommittedPrice {
    pub term: Term,
    /// In the SKU's unit (`per`).
    pub usd: f64,
    #[serde(flatten)]
    pub source: Source,
}

impl SkuPrice {
    /// The price of one instance for a whole month (730 hours for hourly prices).
    pub fn usd_per_month(&self) -> f64 {
        self.monthly(self.usd)
    }

    fn monthly(&self, usd: f64) -> f64 {
        match self.per {
            Per::Hour => usd * HOURS_PER_MONTH,
            _ => usd,
        }
    }

    /// One instance for a whole month under a commitment of `term`, with the term
    /// priced: `term` itself, or one year where the catalog has no three-year
    /// price. Never above the on-demand price (an override may lower that).
    pub fn committed_per_month(&self, term: Term) -> Option<(Term, f64)> {
        let of = |t: Term| self.committed.iter().find(|c| c.term == t);
        let c = of(term).or_else(|| (term == Term::ThreeYear).then(|| of(Term::OneYear))?)?;
        Some((c.term, self.monthly(c.usd.min(self.usd))))
    }

    /// Every figure of this price confirmed on the vendor's page.
    fn verified(&self) -> bool {
        self.source.verified && self.committed.iter().all(|c| c.source.verified)
    }
}

/// A compute instance: app servers and workers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeSku {
    pub id: Arc<str>,
    pub vcpu: f64,
    pub ram_gb: f64,
    /// Share of each vCPU sustainable indefinitely (burstable instances: the
    /// published baseline; 1.0 for fixed-performance instances).
    pub baseline_cpu_share: f64,
    pub price: SkuPrice,
}

impl ComputeSku {
    /// Cores `instances` of this SKU sustain indefinitely (vCPU × baseline share).
    pub fn sustainable_cores(&self, instances: f64) -> f64 {
        instances * self.vcpu * self.baseline_cpu_share
    }
}

/// A database instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DbSku {
    pub id: Arc<str>,
    pub vcpu: f64,
    pub ram_gb: f64,
    pub baseline_cpu_share: f64,
    /// Default maximum of direct client connections.
    pub max_connections: f64,
    /// Largest database the vendor supports or recommends on this size, if any.
    #[serde(default)]
    pub max_storage_gb: Option<f64>,
    /// Where the capacity figures (connections, storage) came from.
    pub capacity_source: Source,
    pub price: SkuPrice,
}

impl DbSku {
    /// Cores `instances` of this SKU sustain indefinitely (vCPU × baseline share).
    pub fn sustainable_cores(&self, instances: f64) -> f64 {
        instances * self.vcpu * self.baseline_cpu_share
    }
}

/// A cache node (Redis-compatible).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheSku {
    pub id: Arc<str>,
    /// Advertised memory of the node or plan.
    pub memory_gb: f64,
    /// Sustained commands per second one node or database serves.
    pub max_ops_per_s: f64,
    pub capacity_source: Source,
    pub price: SkuPrice,
}

/// One tier of a rate: `usd` per unit for the quantity up to `up_to`
/// (cumulative, in the rate's unit), or without bound when `up_to` is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    #[serde(default)]
    pub up_to: Option<f64>,
    pub usd: f64,
    #[serde(flatten)]
    pub source: Source,
}

/// A usage-based price: tiers over a monthly quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub per: Per,
    pub tiers: Vec<Tier>,
}

impl Rate {
    /// Monthly cost of `quantity` base units (GB, requests, MAU, ...).
    ///
    /// Never negative for a non-negative quantity and non-negative tier prices.
    ///
    /// ```
    /// use headroom_models::catalog::{self, RateName};
    /// let aws = catalog::by_id("aws-us-east-1-2026-11").unwrap();
    /// let egress = aws.rate(RateName::OriginEgress);
    /// assert_eq!(egress.cost(100.0), 0.0);                  // the first 100 GB are free
    /// assert!((egress.cost(200.0) - 100.0 * 0.09).abs() < 1e-9); // then $0.09/GB
    /// ```
    pub fn cost(&self, quantity: f64) -> f64 {
        let q = (quantity / self.per.units()).max(0.0);
        let mut cost = 0.0;
        let mut floor = 0.0;
        for tier in &self.tiers {
            let ceiling = tier.up_to.unwrap_or(f64::INFINITY);
            if q > floor {
                cost += (q.min(ceiling) - floor) * tier.usd;
            }
            if q <= ceiling {
                break;
            }
            floor = ceiling;
        }
        cost
    }

    /// The price of the first tier: for single-tier rates, the price itself.
    pub fn first(&self) -> f64 {
        self.tiers.first().map_or(0.0, |t| t.usd)
    }
}

/// A fixed monthly fee of a platform (a plan, a seat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    pub name: String,
    pub usd: f64,
    pub per: Per,
    #[serde(flatten)]
    pub source: Source,
}

/// The named rates every catalog must provide, with the unit each is quoted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RateName {
    DbStorage,
    DbMultiAz,
    ObjectStorage,
    ObjectWrites,
    ObjectReads,
    OriginEgress,
    OriginToCdn,
    CdnEgress,
    CdnRequests,
    QueueMessages,
    AuthBase,
    AuthMau,
    PaymentsPercent,
    PaymentsFixed,
    Email,
    MonitoringHost,
    ErrorTracking,
    SearchBase,
    SearchRequests,
    // First priced in the 2026-12 releases (optional: see `RateName::first_priced`).
    PaymentsBilling,
    PaymentsInternational,
    PaymentsAchPercent,
    PaymentsAchCap,
    LoadBalancerHours,
    LoadBalancerGb,
    NatGatewayHours,
    BlockStorage,
    // First priced in `aws-us-east-1-2026-12c` and `paas-2026-12b`.
    NatGatewayGb,
    PublicIpv4Hours,
    CrossAzTransfer,
    InterRegionTransfer,
    DbBackupStorage,
    DbIops,
    ObjectStorageIa,
    ObjectIaRetrieval,
    ObjectIaTransitions,
}

impl RateName {
    pub const ALL: [RateName; 36] = [
        RateName::DbStorage,
        RateName::DbMultiAz,
        RateName::ObjectStorage,
        RateName::ObjectWrites,
        RateName::ObjectReads,
        RateName::OriginEgress,
        RateName::OriginToCdn,
        RateName::CdnEgress,
        RateName::CdnRequests,
        RateName::QueueMessages,
        RateName::AuthBase,
        RateName::AuthMau,
        RateName::PaymentsPercent,
        RateName::PaymentsFixed,
        RateName::Email,
        RateName::MonitoringHost,
        RateName::ErrorTracking,
        RateName::SearchBase,
        RateName::SearchRequests,
        RateName::PaymentsBilling,
        RateName::PaymentsInternational,
        RateName::PaymentsAchPercent,
        RateName::PaymentsAchCap,
        RateName::LoadBalancerHours,
        RateName::LoadBalancerGb,
        RateName::NatGatewayHours,
        RateName::BlockStorage,
        RateName::NatGatewayGb,
        RateName::PublicIpv4Hours,
        RateName::CrossAzTransfer,
        RateName::InterRegionTransfer,
        RateName::DbBackupStorage,
        RateName::DbIops,
        RateName::ObjectStorageIa,
        RateName::ObjectIaRetrieval,
        RateName::ObjectIaTransitions,
    ];

    /// Whether a catalog may leave the rate out: the rates first priced after
    /// the first releases. A catalog released before them has none, and a
    /// scenario that names it keeps its figures: the rate is read as an
    /// explicit zero, "not priced in this release" ([`Catalog::from_json`]).
    pub fn optional(self) -> bool {
        self.first_priced().is_some()
    }

    /// Where an optional rate was first priced, for the explicit zero an
    /// older release reads it as; `None` for the rates every catalog has.
    pub fn first_priced(self) -> Option<&'static str> {
        if (self as usize) >= (RateName::NatGatewayGb as usize) {
            Some("aws-us-east-1-2026-12c and paas-2026-12b")
        } else if (self as usize) >= (RateName::PaymentsBilling as usize) {
            Some("the 2026-12 releases")
        } else {
            None
        }
    }

    /// The rate with this key.
    pub fn from_key(key: &str) -> Option<RateName> {
        RateName::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The key of this rate in a catalog file and in price overrides.
    pub fn key(self) -> &'static str {
        match self {
            RateName::DbStorage => "db_storage",
            RateName::DbMultiAz => "db_multi_az",
            RateName::ObjectStorage => "object_storage",
            RateName::ObjectWrites => "object_writes",
            RateName::ObjectReads => "object_reads",
            RateName::OriginEgress => "origin_egress",
            RateName::OriginToCdn => "origin_to_cdn",
            RateName::CdnEgress => "cdn_egress",
            RateName::CdnRequests => "cdn_requests",
            RateName::QueueMessages => "queue_messages",
            RateName::AuthBase => "auth_base",
            RateName::AuthMau => "auth_mau",
            RateName::PaymentsPercent => "payments_percent",
            RateName::PaymentsFixed => "payments_fixed",
            RateName::Email => "email",
            RateName::MonitoringHost => "monitoring_host",
            RateName::ErrorTracking => "error_tracking",
            RateName::SearchBase => "search_base",
            RateName::SearchRequests => "search_requests",
            RateName::PaymentsBilling => "payments_billing",
            RateName::PaymentsInternational => "payments_international",
            RateName::PaymentsAchPercent => "payments_ach_percent",
            RateName::PaymentsAchCap => "payments_ach_cap",
            RateName::LoadBalancerHours => "load_balancer_hours",
            RateName::LoadBalancerGb => "load_balancer_gb",
            RateName::NatGatewayHours => "nat_gateway_hours",
            RateName::BlockStorage => "block_storage",
            RateName::NatGatewayGb => "nat_gateway_gb",
            RateName::PublicIpv4Hours => "public_ipv4_hours",
            RateName::CrossAzTransfer => "cross_az_transfer",
            RateName::InterRegionTransfer => "inter_region_transfer",
            RateName::DbBackupStorage => "db_backup_storage",
            RateName::DbIops => "db_iops",
            RateName::ObjectStorageIa => "object_storage_ia",
            RateName::ObjectIaRetrieval => "object_ia_retrieval",
            RateName::ObjectIaTransitions => "object_ia_transitions",
        }
    }

    /// The units a catalog may quote this rate in.
    pub fn allowed(self) -> &'static [Per] {
        use Per::*;
        match self {
            RateName::DbStorage
            | RateName::ObjectStorage
            | RateName::DbBackupStorage
            | RateName::ObjectStorageIa => &[GbMonth],
            RateName::DbIops => &[IopsMonth],
            RateName::ObjectIaTransitions => {
                &[ThousandRequests, TenThousandRequests, MillionRequests]
            }
            RateName::DbMultiAz => &[Multiplier],
            RateName::ObjectWrites | RateName::ObjectReads | RateName::SearchRequests => {
                &[ThousandRequests, TenThousandRequests, MillionRequests]
            }
            RateName::CdnRequests => &[ThousandRequests, TenThousandRequests, MillionRequests],
            RateName::OriginEgress | RateName::OriginToCdn | RateName::CdnEgress => &[Gb],
            RateName::QueueMessages => &[MillionMessages],
            RateName::AuthBase | RateName::ErrorTracking | RateName::SearchBase => &[Month],
            RateName::AuthMau => &[Mau],
            RateName::PaymentsPercent
            | RateName::PaymentsBilling
            | RateName::PaymentsInternational
            | RateName::PaymentsAchPercent => &[ShareOfAmount],
            RateName::PaymentsFixed | RateName::PaymentsAchCap => &[Charge],
            RateName::LoadBalancerHours | RateName::NatGatewayHours | RateName::PublicIpv4Hours => {
                &[Hour]
            }
            RateName::LoadBalancerGb
            | RateName::NatGatewayGb
            | RateName::CrossAzTransfer
            | RateName::InterRegionTransfer
            | RateName::ObjectIaRetrieval => &[Gb],
            RateName::BlockStorage => &[GbMonth],
            RateName::Email => &[ThousandEmails],
            RateName::MonitoringHost => &[HostMonth],
        }
    }
}

/// A price catalog as stored in its data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Stable id, e.g. `aws-us-east-1-2026-11`. Named by scenarios and links.
    pub id: String,
    pub title: String,
    /// `cloud` or `paas`.
    pub kind: String,
    /// The day the catalog was released (`YYYY-MM-DD`). Never edited after.
    pub released: String,
    pub description: String,
    /// The app-server SKU a new scenario starts on.
    pub default_app_sku: String,
    /// The instance a connection pooler (PgBouncer) runs on; absent when the
    /// database service includes a pooler at no extra charge.
    #[serde(default)]
    pub pooler_sku: Option<String>,
    pub app_skus: Vec<ComputeSku>,
    pub db_skus: Vec<DbSku>,
    pub cache_skus: Vec<CacheSku>,
    pub rates: BTreeMap<String, Rate>,
    /// Fixed monthly platform fees (plans, seats) paid from month 0.
    #[serde(default)]
    pub fixed_fees: Vec<Fee>,
    /// The I/O operations per second a database node's storage includes, by
    /// the size of its volume (ascending, the first from 0 GB); empty where the
    /// catalog prices no IOPS (`db_iops`).
    #[serde(default)]
    pub db_baseline_iops: Vec<BaselineIops>,
}

/// From a volume size on, the IOPS its storage includes at no extra charge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineIops {
    pub from_gb: f64,
    pub iops: f64,
    #[serde(flatten)]
    pub source: Source,
}

/// The catalogs compiled into the binary, newest last.
const EMBEDDED: &[&str] = &[
    include_str!("../catalogs/aws-us-east-1-2026-11.json"),
    include_str!("../catalogs/paas-2026-11.json"),
    include_str!("../catalogs/aws-us-east-1-2026-12.json"),
    include_str!("../catalogs/paas-2026-12.json"),
    include_str!("../catalogs/aws-us-east-1-2026-12b.json"),
    include_str!("../catalogs/paas-2026-12b.json"),
    include_str!("../catalogs/aws-us-east-1-2026-12c.json"),
];

/// The id of the catalog a new scenario uses.
pub const DEFAULT_CATALOG: &str = "aws-us-east-1-2026-12c";

/// Every embedded catalog, parsed and checked once per process (the files are
/// compiled in: this is no I/O, only avoiding the parse on every scenario).
fn embedded() -> Result<&'static [Catalog], Error> {
    static PARSED: OnceLock<Result<Vec<Catalog>, Error>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            EMBEDDED
                .iter()
                .map(|text| Catalog::from_json(text))
                .collect()
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// Every embedded catalog, parsed and checked.
///
/// The embedded files are checked by the test suite, so a failure here is a
/// build defect; it still surfaces as an [`Error`], never a panic.
pub fn all() -> Result<Vec<Catalog>, Error> {
    embedded().map(<[Catalog]>::to_vec)
}

/// The embedded catalog with this id.
pub fn by_id(id: &str) -> Result<Catalog, Error> {
    let catalogs = embedded()?;
    catalogs
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = catalogs.iter().map(|c| c.id.as_str()).collect();
            Error::invalid("stack.catalog", id, format!("one of {}", known.join(", ")))
        })
}

impl Catalog {
    /// Parse and check a catalog file: every required rate present in an allowed
    /// unit, ladders non-empty and sorted by price, every figure finite and
    /// non-negative, tiers increasing.
    ///
    /// ```
    /// use headroom_models::Catalog;
    /// let e = Catalog::from_json("{}").unwrap_err();
    /// assert!(e.field.starts_with("catalog"));
    /// assert!(e.allowed.contains("missing field"));
    /// ```
    pub fn from_json(text: &str) -> Result<Catalog, Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let catalog: Catalog = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            Error::invalid(
                format!("catalog {}", e.path()),
                "unreadable",
                format!("valid catalog JSON ({})", e.inner()),
            )
        })?;
        let mut catalog = catalog;
        catalog.price_later_rates_at_zero();
        catalog.check()?;
        Ok(catalog)
    }

    /// Give every optional rate the file leaves out (a release from before it
    /// was priced) one tier of $0, saying so: the projection then costs
    /// nothing for it, as when the release was made.
    fn price_later_rates_at_zero(&mut self) {
        for name in RateName::ALL {
            let Some(since) = name.first_priced() else {
                continue;
            };
            let seen = self.released.get(..7).unwrap_or_default().to_owned();
            let per = name.allowed()[0];
            self.rates.entry(name.key().to_owned()).or_insert_with(|| Rate {
                per,
                tiers: vec![Tier {
                    up_to: None,
                    usd: 0.0,
                    source: Source {
                        source: format!("not priced in this release: first priced in {since}"),
                        seen,
                        verified: true,
                        note: "An explicit zero, so that scenarios naming this release keep their figures.".to_owned(),
                    },
                }],
            });
        }
    }

    fn check(&self) -> Result<(), Error> {
        self.check_ladders()?;
        self.check_order()?;
        self.check_rates()?;
        self.check_fees()?;
        self.check_baseline_iops()
    }

    /// The included IOPS start at 0 GB, ascend by size and are not negative.
    fn check_baseline_iops(&self) -> Result<(), Error> {
        let mut floor = None;
        for (i, b) in self.db_baseline_iops.iter().enumerate() {
            let what = self.field(&format!("db_baseline_iops.{i}"));
            non_negative(what.clone(), b.iops)?;
            let ordered = match floor {
                None => b.from_gb == 0.0,
                Some(f) => b.from_gb.is_finite() && b.from_gb > f,
            };
            if !ordered {
                return Err(Error::invalid(
                    what,
                    b.from_gb,
                    "from_gb 0 first, then increasing sizes",
                ));
            }
            floor = Some(b.from_gb);
        }
        Ok(())
    }

    /// The IOPS a database volume of `gb` includes: the entry for the largest
    /// size it reaches; 0 where the catalog states none.
    ///
    /// ```
    /// let c = headroom_models::catalog::by_id("aws-us-east-1-2026-12c").unwrap();
    /// assert_eq!(c.included_iops(100.0), 3_000.0);
    /// assert_eq!(c.included_iops(400.0), 12_000.0);
    /// ```
    pub fn included_iops(&self, gb: f64) -> f64 {
        self.db_baseline_iops
            .iter()
            .rev()
            .find(|b| gb >= b.from_gb)
            .map_or(0.0, |b| b.iops)
    }

    fn field(&self, what: &str) -> String {
        format!("catalog {} {}", self.id, what)
    }

    /// Every ladder has SKUs with finite, positive figures; the default app
    /// SKU and the pooler's are in the app ladder.
    fn check_ladders(&self) -> Result<(), Error> {
        let field = |what: &str| self.field(what);
        if self.app_skus.is_empty() || self.db_skus.is_empty() || self.cache_skus.is_empty() {
            return Err(Error::invalid(
                field("ladders"),
                "empty",
                "at least one SKU in each ladder",
            ));
        }
        for sku in &self.app_skus {
            sku_price(field(&format!("{} price", sku.id)), &sku.price)?;
            positive(field(&format!("{} vcpu", sku.id)), sku.vcpu)?;
            positive(field(&format!("{} ram_gb", sku.id)), sku.ram_gb)?;
            share(
                field(&format!("{} baseline_cpu_share", sku.id)),
                sku.baseline_cpu_share,
            )?;
        }
        for sku in &self.db_skus {
            sku_price(field(&format!("{} price", sku.id)), &sku.price)?;
            positive(field(&format!("{} vcpu", sku.id)), sku.vcpu)?;
            positive(field(&format!("{} ram_gb", sku.id)), sku.ram_gb)?;
            positive(
                field(&format!("{} max_connections", sku.id)),
                sku.max_connections,
            )?;
            if let Some(gb) = sku.max_storage_gb {
                positive(field(&format!("{} max_storage_gb", sku.id)), gb)?;
            }
            share(
                field(&format!("{} baseline_cpu_share", sku.id)),
                sku.baseline_cpu_share,
            )?;
        }
        for sku in &self.cache_skus {
            sku_price(field(&format!("{} price", sku.id)), &sku.price)?;
            positive(field(&format!("{} memory_gb", sku.id)), sku.memory_gb)?;
            positive(
                field(&format!("{} max_ops_per_s", sku.id)),
                sku.max_ops_per_s,
            )?;
        }
        if self.app_sku(&self.default_app_sku).is_none() {
            return Err(Error::invalid(
                field("default_app_sku"),
                &self.default_app_sku,
                "an id from app_skus",
            ));
        }
        if let Some(pooler) = &self.pooler_sku {
            if self.app_sku(pooler).is_none() {
                return Err(Error::invalid(
                    field("pooler_sku"),
                    pooler,
                    "an id from app_skus",
                ));
            }
        }
        Ok(())
    }

    /// The database and cache ladders ascend in price (sizing walks them in order).
    fn check_order(&self) -> Result<(), Error> {
        let field = |what: &str| self.field(what);
        for (what, prices) in [
            (
                "db_skus",
                self.db_skus
                    .iter()
                    .map(|s| s.price.usd_per_month())
                    .collect::<Vec<_>>(),
            ),
            (
                "cache_skus",
                self.cache_skus
                    .iter()
                    .map(|s| s.price.usd_per_month())
                    .collect(),
            ),
        ] {
            if prices.windows(2).any(|w| w[0] > w[1]) {
                return Err(Error::invalid(
                    field(what),
                    "unsorted",
                    "SKUs in ascending price order",
                ));
            }
        }
        Ok(())
    }

    /// Every rate the model needs, in an allowed unit, with increasing tiers.
    fn check_rates(&self) -> Result<(), Error> {
        let field = |what: &str| self.field(what);
        for name in RateName::ALL {
            let rate = self.rates.get(name.key()).ok_or_else(|| {
                Error::invalid(field("rates"), name.key(), "every required rate present")
            })?;
            if !name.allowed().contains(&rate.per) {
                return Err(Error::invalid(
                    field(name.key()),
                    format!("{:?}", rate.per),
                    format!("one of {:?}", name.allowed()),
                ));
            }
            if rate.tiers.is_empty() {
                return Err(Error::invalid(
                    field(name.key()),
                    "no tiers",
                    "at least one tier",
                ));
            }
            let mut floor = 0.0;
            for (i, tier) in rate.tiers.iter().enumerate() {
                non_negative(field(&format!("{}.{i}", name.key())), tier.usd)?;
                match tier.up_to {
                    Some(up_to) if !(up_to.is_finite() && up_to > floor) => {
                        return Err(Error::invalid(
                            field(&format!("{}.{i} up_to", name.key())),
                            up_to,
                            "increasing tier bounds",
                        ))
                    }
                    Some(up_to) => floor = up_to,
                    None if i + 1 != rate.tiers.len() => {
                        return Err(Error::invalid(
                            field(&format!("{}.{i} up_to", name.key())),
                            "none",
                            "only the last tier without a bound",
                        ))
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// Fixed fees are monthly and not negative.
    fn check_fees(&self) -> Result<(), Error> {
        let field = |what: &str| self.field(what);
        for fee in &self.fixed_fees {
            let what = field(&format!("fee {}", fee.name));
            if fee.per != Per::Month {
                return Err(Error::invalid(what, unit_name(fee.per), "usd_per_month"));
            }
            non_negative(what, fee.usd)?;
        }
        Ok(())
    }

    /// The rate with this name. Every catalog has every rate (checked on load).
    pub fn rate(&self, name: RateName) -> &Rate {
        &self.rates[name.key()]
    }

    pub fn app_sku(&self, id: &str) -> Option<&ComputeSku> {
        self.app_skus.iter().find(|s| &*s.id == id)
    }

    /// Every key a scenario may override, with its current price and unit:
    /// `app:<sku>`, `db:<sku>`, `cache:<sku>`, `<rate>` (single tier) or
    /// `<rate>.<tier>` (tiered, 0-based), `fee:<name>`.
    pub fn price_keys(&self) -> Vec<(String, f64, String)> {
        self.prices()
            .into_iter()
            .map(|p| (p.key, p.usd, p.unit))
            .collect()
    }

    /// Every price a scenario may override (keys as in [`Catalog::price_keys`]),
    /// with its unit and where it came from (an overridden price has
    /// [`Source::overridden`]). A database or cache SKU counts as verified only
    /// when both its price and its capacity figures are.
    ///
    /// ```
    /// let c = headroom_models::catalog::by_id("paas-2026-11").unwrap();
    /// let prices = c.prices();
    /// assert_eq!(prices.len(), c.price_keys().len());
    /// assert!(prices.iter().all(|p| !p.source.source.is_empty()));
    /// ```
    pub fn prices(&self) -> Vec<Price> {
        let mut out = Vec::new();
        let both = |a: &Source, b: &Source| {
            if a.verified && !b.verified {
                b.clone()
            } else {
                a.clone()
            }
        };
        for s in &self.app_skus {
            out.push(Price::new(
                PriceKey::App(s.id.to_string()),
                s.price.usd,
                s.price.per,
                s.price.source.clone(),
            ));
        }
        for s in &self.db_skus {
            let source = both(&s.price.source, &s.capacity_source);
            out.push(Price::new(
                PriceKey::Db(s.id.to_string()),
                s.price.usd,
                s.price.per,
                source,
            ));
        }
        for s in &self.cache_skus {
            let source = both(&s.price.source, &s.capacity_source);
            out.push(Price::new(
                PriceKey::Cache(s.id.to_string()),
                s.price.usd,
                s.price.per,
                source,
            ));
        }
        for (name, rate) in &self.rates {
            if rate.tiers.len() == 1 {
                let t = &rate.tiers[0];
                out.push(Price::new(
                    PriceKey::Rate(name.clone()),
                    t.usd,
                    rate.per,
                    t.source.clone(),
                ));
            } else {
                for (i, t) in rate.tiers.iter().enumerate() {
                    out.push(Price::new(
                        PriceKey::RateTier(name.clone(), i),
                        t.usd,
                        rate.per,
                        t.source.clone(),
                    ));
                }
            }
        }
        for f in &self.fixed_fees {
            out.push(Price::new(
                PriceKey::Fee(f.name.clone()),
                f.usd,
                f.per,
                f.source.clone(),
            ));
        }
        out
    }

    /// Apply price overrides (key → price in the key's own unit). An unknown key or
    /// a price outside 0 to [`MAX_OVERRIDE_USD`] (negative, non-finite, or so large
    /// that costs would overflow) is an error naming the key.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use headroom_models::catalog;
    /// let aws = catalog::by_id("aws-us-east-1-2026-11").unwrap();
    /// let price = |usd: f64| BTreeMap::from([("origin_egress.1".to_owned(), usd)]);
    /// assert!(aws.clone().with_overrides(&price(0.05)).is_ok());
    /// let e = aws.with_overrides(&price(1e308)).unwrap_err();
    /// assert_eq!(e.field, "stack.price_overrides.origin_egress.1");
    /// assert_eq!(e.to_string(), "stack.price_overrides.origin_egress.1 = 1e308: allowed is a price from 0 to 1,000,000 (USD per the key's unit)");
    /// ```
    pub fn with_overrides(mut self, overrides: &BTreeMap<String, f64>) -> Result<Catalog, Error> {
        for (key, &usd) in overrides {
            let field = format!("stack.price_overrides.{key}");
            if !(usd.is_finite() && (0.0..=MAX_OVERRIDE_USD).contains(&usd)) {
                return Err(Error::invalid(
                    field,
                    crate::format::exact(usd),
                    format!(
                        "a price from 0 to {} (USD per the key's unit)",
                        crate::format::exact(MAX_OVERRIDE_USD)
                    ),
                ));
            }
            if !self.set_price(key, usd, &Source::overridden()) {
                return Err(Error::invalid(
                    field,
                    usd,
                    format!(
                        "a price key of catalog {} (see `headroom catalogs --prices {}`)",
                        self.id, self.id
                    ),
                ));
            }
        }
        // Overrides may reorder a ladder; sizing relies on ascending price.
        self.db_skus
            .sort_by(|a, b| a.price.usd_per_month().total_cmp(&b.price.usd_per_month()));
        self.cache_skus
            .sort_by(|a, b| a.price.usd_per_month().total_cmp(&b.price.usd_per_month()));
        Ok(self)
    }

    fn set_price(&mut self, key: &str, usd: f64, source: &Source) -> bool {
        let Some(key) = PriceKey::parse(key) else {
            return false;
        };
        let set = |price: &mut f64, from: &mut Source| {
            *price = usd;
            *from = source.clone();
        };
        let sku = |price: &mut SkuPrice| set(&mut price.usd, &mut price.source);
        match &key {
            PriceKey::App(id) => self
                .app_skus
                .iter_mut()
                .find(|s| &*s.id == id)
                .map(|s| sku(&mut s.price)),
            PriceKey::Db(id) => self
                .db_skus
                .iter_mut()
                .find(|s| &*s.id == id)
                .map(|s| sku(&mut s.price)),
            PriceKey::Cache(id) => self
                .cache_skus
                .iter_mut()
                .find(|s| &*s.id == id)
                .map(|s| sku(&mut s.price)),
            PriceKey::Fee(name) => self
                .fixed_fees
                .iter_mut()
                .find(|f| &f.name == name)
                .map(|f| set(&mut f.usd, &mut f.source)),
            PriceKey::Rate(name) => {
                self.rates
                    .get_mut(name)
                    .filter(|r| r.tiers.len() == 1)
                    .map(|r| {
                        let t = &mut r.tiers[0];
                        set(&mut t.usd, &mut t.source)
                    })
            }
            PriceKey::RateTier(name, i) => self
                .rates
                .get_mut(name)
                .and_then(|r| r.tiers.get_mut(*i))
                .map(|t| set(&mut t.usd, &mut t.source)),
        }
        .is_some()
    }

    /// Every figure of this catalog not confirmed on the vendor's page, by key
    /// (a tiered rate by its name when any tier is unverified).
    pub fn unverified(&self) -> Vec<PriceKey> {
        let mut out = Vec::new();
        for s in &self.app_skus {
            if !s.price.verified() {
                out.push(PriceKey::App(s.id.to_string()));
            }
        }
        for s in &self.db_skus {
            if !s.price.verified() || !s.capacity_source.verified {
                out.push(PriceKey::Db(s.id.to_string()));
            }
        }
        for s in &self.cache_skus {
            if !s.price.verified() || !s.capacity_source.verified {
                out.push(PriceKey::Cache(s.id.to_string()));
            }
        }
        // The model's rates in their order, then any others the file has.
        let known = RateName::ALL.map(RateName::key);
        let others = self.rates.keys().filter(|k| !known.contains(&k.as_str()));
        for name in known.into_iter().chain(others.map(String::as_str)) {
            let rate = self.rates.get(name);
            if rate.is_some_and(|r| r.tiers.iter().any(|t| !t.source.verified)) {
                out.push(PriceKey::Rate(name.to_owned()));
            }
        }
        for f in &self.fixed_fees {
            if !f.source.verified {
                out.push(PriceKey::Fee(f.name.clone()));
            }
        }
        if self.db_baseline_iops.iter().any(|b| !b.source.verified) {
            out.push(PriceKey::Rate(RateName::DbIops.key().to_owned()));
        }
        out
    }
}

fn unit_name(per: Per) -> String {
    serde_json::to_value(per)
        .ok()
        .and_then(|v| v.as_str().map(|s| format!("usd_per_{s}")))
        .unwrap_or_default()
}

/// A SKU's price: finite, not negative, per hour or per month.
fn sku_price(what: String, price: &SkuPrice) -> Result<(), Error> {
    if !matches!(price.per, Per::Hour | Per::Month) {
        return Err(Error::invalid(
            what,
            unit_name(price.per),
            "usd_per_hour or usd_per_month",
        ));
    }
    non_negative(what.clone(), price.usd)?;
    for (i, c) in price.committed.iter().enumerate() {
        let repeated = price.committed[..i].iter().any(|o| o.term == c.term);
        if repeated || !(c.usd.is_finite() && c.usd > 0.0 && c.usd <= price.usd) {
            return Err(Error::invalid(
                format!("{what} committed {i}"),
                crate::format::exact(c.usd),
                "one price per term, above 0 and at most the on-demand price",
            ));
        }
    }
    Ok(())
}

fn non_negative(what: String, v: f64) -> Result<(), Error> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(what, v, "a finite number >= 0"))
    }
}

fn positive(what: String, v: f64) -> Result<(), Error> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(what, v, "a finite number > 0"))
    }
}

fn share(what: String, v: f64) -> Result<(), Error> {
    if v.is_finite() && v > 0.0 && v <= 1.0 {
        Ok(())
    } else {
        Err(Error::invalid(what, v, "a share in (0, 1]"))
    }
}
