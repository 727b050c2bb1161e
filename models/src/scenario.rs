//! The scenario: every input of the model, with its unit, default and allowed range.
//!
//! A [`ScenarioInput`] is plain data as a person writes it (a JSON file, a link, a
//! form). [`Scenario::new`] checks every field and resolves the price catalog; a
//! [`Scenario`] therefore always holds valid inputs, and [`crate::project`] cannot
//! fail on it. Missing fields in a file take their defaults; unknown fields are an
//! error, so a typo never goes unnoticed.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Catalog};
use crate::error::Error;
use crate::ranges::{Range, Uncertainty, PATHS};
use crate::wire;

/// Growth stage of a month, by monthly active users (docs/MODEL.md, stages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Mvp,
    ProductMarketFit,
    EarlyScale,
    Scaling,
    Enterprise,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Mvp,
        Stage::ProductMarketFit,
        Stage::EarlyScale,
        Stage::Scaling,
        Stage::Enterprise,
    ];

    /// 0-based position (MVP = 0).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stage of a month with `mau` active users, given the four MAU boundaries
    /// (ascending) where PMF, early scale, scaling and enterprise begin.
    pub fn of(mau: f64, bounds_mau: &[f64; 4]) -> Stage {
        let passed = bounds_mau.iter().filter(|&&b| mau >= b).count();
        Stage::ALL[passed]
    }

    /// The architecture the seeds recommend at this stage.
    pub fn recommended_architecture(self) -> &'static str {
        match self {
            Stage::Mvp => "single app, single database",
            Stage::ProductMarketFit => "single app, optimised database",
            Stage::EarlyScale => "basic services, caching",
            Stage::Scaling => "services, CDN, read replicas",
            Stage::Enterprise => "distributed, multi-region",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Mvp => "MVP",
            Stage::ProductMarketFit => "Product-market fit",
            Stage::EarlyScale => "Early scale",
            Stage::Scaling => "Scaling",
            Stage::Enterprise => "Enterprise",
        })
    }
}

/// How registered users grow month to month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrowthMode {
    /// `U(t+1) = U(t) * (1 + monthly_rate - monthly_churn)`.
    Compound,
    /// S-curve to `ceiling_users`: `U(t+1) = U(t) + monthly_rate * U(t) * (1 - U(t)/K) - monthly_churn * U(t)`.
    Logistic,
    /// Compound at the rate of the month's stage (`stage_rates`), less churn.
    PerStage,
}

impl GrowthMode {
    /// Every mode, in order.
    pub const ALL: [GrowthMode; 3] = [
        GrowthMode::Compound,
        GrowthMode::Logistic,
        GrowthMode::PerStage,
    ];
}

/// Which kind of reason makes the model adopt an architecture change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Adoption {
    /// Adopt when either the capacity math or the rule of thumb calls for it.
    Either,
    /// Adopt only when the capacity math calls for it.
    Model,
    /// Adopt only when the rule of thumb calls for it.
    RuleOfThumb,
}

impl Adoption {
    /// Every policy, in order.
    pub const ALL: [Adoption; 3] = [Adoption::Either, Adoption::Model, Adoption::RuleOfThumb];
}

/// How much of the always-on baseline is bought as reserved capacity (reserved
/// instances or savings plans, no upfront) at the catalog's committed prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// Everything on demand.
    OnDemand,
    /// A one-year term.
    OneYear,
    /// A three-year term (one year where the catalog has no three-year
    /// no-upfront price, as for RDS).
    ThreeYear,
}

impl Commitment {
    /// Every term, in order.
    pub const ALL: [Commitment; 3] = [
        Commitment::OnDemand,
        Commitment::OneYear,
        Commitment::ThreeYear,
    ];
}

/// Users, stickiness and team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Growth {
    /// Registered users at month 0 (users). 0 to 10,000,000,000.
    pub start_users: f64,
    pub mode: GrowthMode,
    /// Monthly growth rate for compound and logistic growth (0.15 = 15 %/month). -0.5 to 2.
    pub monthly_rate: f64,
    /// Ceiling of logistic growth (users). 1 to 10,000,000,000; at least `start_users` for logistic growth.
    pub ceiling_users: f64,
    /// Monthly growth rate in each stage, MVP first, for `per_stage` growth. Each -0.5 to 2.
    pub stage_rates: [f64; 5],
    /// Share of registered users lost each month. 0 to 0.5.
    pub monthly_churn: f64,
    /// Monthly active users as a share of registered users. 0 to 1.
    pub mau_share: f64,
    /// Daily active users as a share of monthly active users (stickiness). 0 to 1.
    pub dau_share: f64,
    /// Engineers at month 0. 0 to 10,000.
    pub team_start_engineers: f64,
    /// Engineers hired per month (net). 0 to 1,000.
    pub engineers_hired_per_month: f64,
}

impl Default for Growth {
    fn default() -> Self {
        Growth {
            start_users: 1_000.0,
            mode: GrowthMode::Compound,
            monthly_rate: 0.12,
            ceiling_users: 10_000_000.0,
            stage_rates: [0.25, 0.18, 0.12, 0.07, 0.03],
            monthly_churn: 0.02,
            mau_share: 0.6,
            dau_share: 0.4,
            team_start_engineers: 3.0,
            engineers_hired_per_month: 0.5,
        }
    }
}

/// What paying customers bring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Revenue {
    /// Share of monthly active users who pay (directly or through their account). 0 to 1.
    pub paying_share: f64,
    /// Users per paying account (B2C: 1; B2B: seats per account). 1 to 100,000.
    pub users_per_customer: f64,
    /// Average revenue per account per month (USD). 0 to 1,000,000.
    pub arpa_usd_per_month: f64,
    /// Share of revenue billed through a subscription billing product (Stripe
    /// Billing), which takes its own share on top of card fees. 0 to 1.
    pub billing_share: f64,
    /// Share of card revenue paid with international cards (a surcharge on top
    /// of the domestic rate). 0 to 1.
    pub international_card_share: f64,
    /// Accounts paying at least this much a month pay by ACH debit instead of
    /// card (a capped fee); 0 for never. 0 to 1,000,000.
    pub ach_above_arpa_usd: f64,
}

impl Default for Revenue {
    fn default() -> Self {
        Revenue {
            paying_share: 0.3,
            users_per_customer: 5.0,
            arpa_usd_per_month: 250.0,
            billing_share: 0.0,
            international_card_share: 0.0,
            ach_above_arpa_usd: 0.0,
        }
    }
}

/// How each active user loads the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Usage {
    /// API requests per daily active user per day. 0 to 100,000.
    pub requests_per_dau_per_day: f64,
    /// Peak-hour request rate over the daily average. 1 to 50.
    pub peak_to_average: f64,
    /// App-server CPU per request (ms). 0 to 10,000.
    pub app_cpu_ms_per_request: f64,
    /// Database reads per request. 0 to 1,000.
    pub db_reads_per_request: f64,
    /// Database writes per request. 0 to 1,000.
    pub db_writes_per_request: f64,
    /// Database CPU per read (core-ms). 0.01 to 10,000.
    pub db_read_ms: f64,
    /// Database CPU per write (core-ms). 0.01 to 10,000.
    pub db_write_ms: f64,
    /// Duration of one slow side effect (email, PDF, webhook) done inside a request (ms). 0 to 60,000.
    pub side_effect_ms: f64,
    /// Share of requests that carry such a side effect. 0 to 1.
    pub side_effect_share: f64,
    /// Background jobs per DAU per day. 0 to 100,000.
    pub jobs_per_dau_per_day: f64,
    /// CPU per background job (ms). 0 to 3,600,000.
    pub job_cpu_ms: f64,
    /// Share of database reads a cache can serve. 0 to 1.
    pub cacheable_read_share: f64,
    /// Hit ratio of the cache on cacheable reads. 0 to 1.
    pub cache_hit_ratio: f64,
    /// API response size (KB). 0 to 100,000.
    pub response_kb: f64,
    /// Page views per DAU per day (static assets). 0 to 10,000.
    pub page_views_per_dau_per_day: f64,
    /// Static bytes per page view (KB). 0 to 100,000.
    pub page_kb: f64,
    /// Media views per DAU per day. 0 to 100,000.
    pub media_views_per_dau_per_day: f64,
    /// Bytes per media view (KB). 0 to 10,000,000.
    pub media_kb: f64,
    /// Share of static and media bytes the CDN serves from its cache. 0 to 1.
    pub cdn_hit_ratio: f64,
    /// Transactional emails per MAU per month. 0 to 10,000.
    pub emails_per_mau_per_month: f64,
    /// Search queries per DAU per day (priced once search is extracted). 0 to 10,000.
    pub search_requests_per_dau_per_day: f64,
    /// AI tokens (input + output) per DAU per day. 0 to 100,000,000.
    pub ai_tokens_per_dau_per_day: f64,
    /// Blended AI price per million tokens (USD). 0 to 1,000.
    pub ai_usd_per_million_tokens: f64,
    /// Share of users far from the home region. 0 to 1.
    pub far_users_share: f64,
    /// Extra network round-trip time for far users (ms). 0 to 1,000.
    pub far_users_rtt_ms: f64,
    /// Data each API request sends to and receives from the internet through
    /// the NAT gateway (calls to third-party APIs, webhooks), KB. 0 to 100,000.
    pub outbound_kb_per_request: f64,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            requests_per_dau_per_day: 150.0,
            peak_to_average: 3.0,
            app_cpu_ms_per_request: 15.0,
            db_reads_per_request: 4.0,
            db_writes_per_request: 0.5,
            db_read_ms: 1.0,
            db_write_ms: 3.0,
            side_effect_ms: 300.0,
            side_effect_share: 0.02,
            jobs_per_dau_per_day: 2.0,
            job_cpu_ms: 200.0,
            cacheable_read_share: 0.7,
            cache_hit_ratio: 0.9,
            response_kb: 8.0,
            page_views_per_dau_per_day: 5.0,
            page_kb: 300.0,
            media_views_per_dau_per_day: 0.0,
            media_kb: 500.0,
            cdn_hit_ratio: 0.95,
            emails_per_mau_per_month: 8.0,
            search_requests_per_dau_per_day: 0.0,
            ai_tokens_per_dau_per_day: 0.0,
            ai_usd_per_million_tokens: 0.0,
            far_users_share: 0.0,
            far_users_rtt_ms: 80.0,
            outbound_kb_per_request: 0.0,
        }
    }
}

/// How the database's hot working set (what must sit in its RAM) is reckoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HotSet {
    /// What the daily active users wrote in the last `data.hot_days` days: the
    /// rows they read again are their recent ones (docs/MODEL.md, "Database").
    RecentData,
    /// `data.hot_share` of all data ever written: the model until 2026-12-04,
    /// which every scenario written before then keeps.
    ShareOfData,
}

impl HotSet {
    /// Every way, in order.
    pub const ALL: [HotSet; 2] = [HotSet::RecentData, HotSet::ShareOfData];
}

/// What the product stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "DataFile")]
pub struct Data {
    /// Database size at month 0 (GB). 0 to 10,000,000.
    pub db_start_gb: f64,
    /// New rows per DAU per day. 0 to 1,000,000.
    pub rows_per_dau_per_day: f64,
    /// Bytes per row on disk before indexes. 1 to 100,000,000.
    pub bytes_per_row: f64,
    /// Multiplier for indexes and bloat on top of row bytes. 1 to 10.
    pub index_overhead: f64,
    /// How the hot working set is reckoned.
    pub hot_set: HotSet,
    /// With `recent_data`: the days of writes that stay hot. 1 to 3,650.
    pub hot_days: f64,
    /// With `share_of_data`: share of the database that is hot. 0 to 1.
    pub hot_share: f64,
    /// Data a cache holds per daily active user (KB): sessions, profiles, recent objects. 0 to 100,000.
    pub cached_kb_per_dau: f64,
    /// Uploaded media per MAU per month (MB). 0 to 1,000,000.
    pub uploads_mb_per_mau_per_month: f64,
    /// Average uploaded object size (MB). 0.001 to 100,000.
    pub object_mb: f64,
    /// Objects older than this many months move to the infrequent-access
    /// tier, where the catalog prices one. 0 (never) to 120.
    pub cold_after_months: u32,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            db_start_gb: 1.0,
            rows_per_dau_per_day: 30.0,
            bytes_per_row: 400.0,
            index_overhead: 1.8,
            hot_set: HotSet::RecentData,
            hot_days: 7.0,
            hot_share: 0.1,
            cached_kb_per_dau: 100.0,
            uploads_mb_per_mau_per_month: 2.0,
            object_mb: 1.0,
            cold_after_months: 0,
        }
    }
}

/// [`Data`] as files and links write it. A scenario that states `hot_share`
/// but no `hot_set` was written before `hot_set` existed, when the hot set was
/// a share of all data: it keeps that reckoning, and so its figures.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct DataFile {
    db_start_gb: f64,
    rows_per_dau_per_day: f64,
    bytes_per_row: f64,
    index_overhead: f64,
    hot_set: Option<HotSet>,
    hot_days: f64,
    hot_share: Option<f64>,
    cached_kb_per_dau: f64,
    uploads_mb_per_mau_per_month: f64,
    object_mb: f64,
    cold_after_months: u32,
}

impl Default for DataFile {
    fn default() -> Self {
        let d = Data::default();
        DataFile {
            db_start_gb: d.db_start_gb,
            rows_per_dau_per_day: d.rows_per_dau_per_day,
            bytes_per_row: d.bytes_per_row,
            index_overhead: d.index_overhead,
            hot_set: None,
            hot_days: d.hot_days,
            hot_share: None,
            cached_kb_per_dau: d.cached_kb_per_dau,
            uploads_mb_per_mau_per_month: d.uploads_mb_per_mau_per_month,
            object_mb: d.object_mb,
            cold_after_months: d.cold_after_months,
        }
    }
}

impl From<DataFile> for Data {
    fn from(f: DataFile) -> Data {
        let written_before_hot_set = f.hot_set.is_none() && f.hot_share.is_some();
        let d = Data::default();
        Data {
            db_start_gb: f.db_start_gb,
            rows_per_dau_per_day: f.rows_per_dau_per_day,
            bytes_per_row: f.bytes_per_row,
            index_overhead: f.index_overhead,
            hot_set: match f.hot_set {
                Some(way) => way,
                None if written_before_hot_set => HotSet::ShareOfData,
                None => d.hot_set,
            },
            hot_days: f.hot_days,
            hot_share: f.hot_share.unwrap_or(d.hot_share),
            cached_kb_per_dau: f.cached_kb_per_dau,
            uploads_mb_per_mau_per_month: f.uploads_mb_per_mau_per_month,
            object_mb: f.object_mb,
            cold_after_months: f.cold_after_months,
        }
    }
}

/// The stack: catalog, SKUs, pools, policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stack {
    /// Id of the dated price catalog (`headroom catalogs` lists them).
    pub catalog: String,
    /// App-server SKU from the catalog; empty for the catalog's default.
    pub app_sku: String,
    /// Price overrides: catalog price key → price in that key's unit.
    pub price_overrides: BTreeMap<String, f64>,
    /// Fewest app instances at any time. 1 to 1,000.
    pub min_app_instances: u32,
    /// Database connections each app instance holds. 1 to 1,000.
    pub app_pool_size: u32,
    /// Database connections each worker holds. 1 to 1,000.
    pub worker_pool_size: u32,
    /// From this stage on: Multi-AZ database, at least 2 app instances, replicated cache.
    pub ha_from_stage: Stage,
    /// Services that may be extracted from the monolith once the rules call for it.
    pub extract_payments: bool,
    pub extract_search: bool,
    pub extract_media: bool,
    /// Regions added when multi-region becomes necessary. 0 to 10.
    pub extra_regions: u32,
    /// The instances run in private subnets and reach the internet through a
    /// NAT gateway in each availability zone (the cloud's recommended layout).
    pub private_subnets: bool,
    /// Boot disk of each instance (GB). 0 to 16,384.
    pub root_volume_gb: f64,
    /// Which kind of reason adopts an architecture change.
    pub adopt: Adoption,
    /// Reserved capacity for the always-on baseline of each tier.
    pub commitment: Commitment,
    /// Days the database's automated backups are kept. 0 (none) to 35.
    pub backup_retention_days: u32,
}

impl Default for Stack {
    fn default() -> Self {
        Stack {
            catalog: catalog::DEFAULT_CATALOG.to_owned(),
            app_sku: String::new(),
            price_overrides: BTreeMap::new(),
            min_app_instances: 1,
            app_pool_size: 10,
            worker_pool_size: 5,
            ha_from_stage: Stage::EarlyScale,
            extract_payments: true,
            extract_search: false,
            extract_media: false,
            extra_regions: 1,
            private_subnets: true,
            root_volume_gb: 8.0,
            adopt: Adoption::Either,
            commitment: Commitment::OnDemand,
            backup_retention_days: 7,
        }
    }
}

/// Targets, the latency objective and the rules of thumb (docs/MODEL.md, architecture changes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Target utilisation of app servers, workers and cache nodes. 0.1 to 0.95.
    pub target_utilization: f64,
    /// Target CPU utilisation of a database node. 0.1 to 0.95.
    pub db_target_utilization: f64,
    /// API latency objective at p95 (ms). 1 to 60,000.
    pub p95_slo_ms: f64,
    /// MAU at which PMF, early scale, scaling and enterprise begin (ascending).
    pub stage_mau: [f64; 4],
    /// Rule: add a cache at this many DAU.
    pub cache_dau: f64,
    /// Rule: add a CDN at this many DAU.
    pub cdn_dau: f64,
    /// Rule: read replicas when database CPU exceeds this share...
    pub replica_db_cpu: f64,
    /// ...and reads are at least this share of queries.
    pub replica_read_share: f64,
    /// Rule: background jobs once one synchronous side effect exceeds this (ms).
    pub jobs_side_effect_ms: f64,
    /// Rule: extract services at this many DAU...
    pub extraction_dau: f64,
    /// ...and only once the team exceeds this many engineers.
    pub team_engineers: f64,
    /// Rule: shard once the database exceeds this size (GB).
    pub shard_db_gb: f64,
    /// Rule: multi-region at this many DAU...
    pub multi_region_dau: f64,
    /// ...or when at least this share of users is far from the home region.
    pub multi_region_far_share: f64,
    /// Rule: a connection pooler beyond this many client connections.
    pub pooler_connections: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            target_utilization: 0.7,
            db_target_utilization: 0.7,
            p95_slo_ms: 500.0,
            stage_mau: [1_000.0, 10_000.0, 100_000.0, 1_000_000.0],
            cache_dau: 10_000.0,
            cdn_dau: 10_000.0,
            replica_db_cpu: 0.7,
            replica_read_share: 0.7,
            jobs_side_effect_ms: 200.0,
            extraction_dau: 100_000.0,
            team_engineers: 10.0,
            shard_db_gb: 1_000.0,
            multi_region_dau: 1_000_000.0,
            multi_region_far_share: 0.3,
            pooler_connections: 300.0,
        }
    }
}

/// Every input of the model, as written by a person. See [`Scenario::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScenarioInput {
    /// A name for people. Up to 120 characters.
    pub name: String,
    /// Months projected after month 0. 1 to 120.
    pub horizon_months: u32,
    pub growth: Growth,
    pub revenue: Revenue,
    pub usage: Usage,
    pub data: Data,
    pub stack: Stack,
    pub thresholds: Thresholds,
    /// Inputs as ranges and the Monte Carlo settings, seed included, so a link
    /// reproduces the same spread (docs/MODEL.md 11b). Absent for a scenario
    /// without uncertainty: its files and links are as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<Uncertainty>,
}

impl Default for ScenarioInput {
    fn default() -> Self {
        ScenarioInput {
            name: "Untitled scenario".to_owned(),
            horizon_months: 36,
            growth: Growth::default(),
            revenue: Revenue::default(),
            usage: Usage::default(),
            data: Data::default(),
            stack: Stack::default(),
            thresholds: Thresholds::default(),
            uncertainty: None,
        }
    }
}

/// Largest user count any input or projection may hold: more than the world.
pub const MAX_USERS: f64 = 1e10;
/// Longest horizon (months).
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// A checked scenario with its catalog resolved (overrides applied).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ScenarioInput", into = "ScenarioInput")]
pub struct Scenario {
    input: ScenarioInput,
    /// Shared: scenarios that differ only in numbers (Monte Carlo paths) share
    /// their resolved catalog.
    catalog: std::sync::Arc<Catalog>,
}

impl Scenario {
    /// Check every field of `input` and resolve its catalog.
    ///
    /// Every numeric field must be finite and inside the range written on it; the
    /// catalog must exist; the app SKU and every price override must name a key of
    /// that catalog. The first problem found is returned, naming the field.
    ///
    /// ```
    /// use headroom_models::{Scenario, ScenarioInput};
    /// let ok = Scenario::new(ScenarioInput::default()).unwrap();
    /// assert_eq!(ok.input().horizon_months, 36);
    ///
    /// let mut bad = ScenarioInput::default();
    /// bad.horizon_months = 500;
    /// let e = Scenario::new(bad).unwrap_err();
    /// assert_eq!(e.field, "horizon_months");
    /// assert_eq!(e.to_string(), "horizon_months = 500: allowed is a whole number from 1 to 120 (months)");
    ///
    /// let mut nan = ScenarioInput::default();
    /// nan.usage.peak_to_average = f64::NAN;
    /// assert_eq!(Scenario::new(nan).unwrap_err().field, "usage.peak_to_average");
    /// ```
    pub fn new(input: ScenarioInput) -> Result<Scenario, Error> {
        validate(&input)?;
        let catalog =
            catalog::by_id(&input.stack.catalog)?.with_overrides(&input.stack.price_overrides)?;
        if !input.stack.app_sku.is_empty() && catalog.app_sku(&input.stack.app_sku).is_none() {
            let ids: Vec<&str> = catalog.app_skus.iter().map(|s| &*s.id).collect();
            return Err(Error::invalid(
                "stack.app_sku",
                &input.stack.app_sku,
                format!("an app SKU of catalog {}: {}", catalog.id, ids.join(", ")),
            ));
        }
        Ok(Scenario {
            input,
            catalog: std::sync::Arc::new(catalog),
        })
    }

    /// A copy with one input's range set (`Some`) or removed (`None`), checked.
    /// The first range brings default Monte Carlo settings; removing the last
    /// removes the uncertainty altogether.
    ///
    /// ```
    /// use headroom_models::uncertainty::Range;
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let r = Range { low: 0.08, high: 0.2 };
    /// let ranged = s.with_range("growth.monthly_rate", Some(r)).unwrap();
    /// assert_eq!(ranged.input().uncertainty.as_ref().unwrap().ranges["growth.monthly_rate"], r);
    /// assert_eq!(ranged.with_range("growth.monthly_rate", None).unwrap(), s);
    /// let e = s.with_range("growth.monthly_rate", Some(Range { low: 0.5, high: 0.6 })).unwrap_err();
    /// assert_eq!(e.field, "uncertainty.ranges.growth.monthly_rate.low");
    /// ```
    pub fn with_range(&self, name: &str, range: Option<Range>) -> Result<Scenario, Error> {
        let mut input = self.input.clone();
        let mut u = input.uncertainty.take().unwrap_or_default();
        match range {
            Some(r) => {
                u.ranges.insert(name.to_owned(), r);
            }
            None => {
                u.ranges.remove(name);
            }
        }
        if !u.ranges.is_empty() {
            input.uncertainty = Some(u);
        }
        Scenario::new(input)
    }

    /// A copy with numeric inputs changed by `set` (through
    /// [`ScenarioInput::set_number`]), checked like any scenario; the resolved
    /// catalog is shared, not resolved again, because numbers never change which
    /// catalog or prices a scenario uses. For sampling many paths.
    pub(crate) fn with_numbers(
        &self,
        set: impl FnOnce(&mut ScenarioInput),
    ) -> Result<Scenario, Error> {
        let mut input = self.input.clone();
        // A path is one draw: its ranges are spent (and need no checking again).
        input.uncertainty = None;
        set(&mut input);
        validate(&input)?;
        Ok(Scenario {
            input,
            catalog: std::sync::Arc::clone(&self.catalog),
        })
    }

    /// Parse a scenario file (JSON) and check it.
    ///
    /// ```
    /// use headroom_models::Scenario;
    /// let s = Scenario::from_json(r#"{"horizon_months": 24, "growth": {"monthly_rate": 0.1}}"#).unwrap();
    /// assert_eq!(s.input().horizon_months, 24);
    /// let e = Scenario::from_json(r#"{"growth": {"monthly_rat": 0.1}}"#).unwrap_err();
    /// assert!(e.to_string().contains("monthly_rat"));
    /// ```
    pub fn from_json(text: &str) -> Result<Scenario, Error> {
        let input = input_from_json(text.as_bytes())?;
        Scenario::new(input)
    }

    /// The checked inputs.
    pub fn input(&self) -> &ScenarioInput {
        &self.input
    }

    /// The scenario's name.
    pub fn name(&self) -> &str {
        &self.input.name
    }

    /// The catalog with the scenario's overrides applied.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The app-server SKU id in use (the scenario's or the catalog's default).
    pub fn app_sku_id(&self) -> &str {
        if self.input.stack.app_sku.is_empty() {
            &self.catalog.default_app_sku
        } else {
            &self.input.stack.app_sku
        }
    }

    /// A copy with one input changed by its dotted name, e.g.
    /// `("growth.monthly_rate", "0.1")`; the value is JSON (a bare word is taken as
    /// a string). The result is checked like any scenario.
    ///
    /// ```
    /// use headroom_models::Scenario;
    /// let s = Scenario::default().with_setting("growth.start_users", "5000").unwrap();
    /// assert_eq!(s.input().growth.start_users, 5000.0);
    /// let e = Scenario::default().with_setting("growth.start_users", "-1").unwrap_err();
    /// assert_eq!(e.field, "growth.start_users");
    /// assert!(Scenario::default().with_setting("growth.nope", "1").is_err());
    /// let s = Scenario::default().with_setting("growth.stage_rates.0", "0.3").unwrap();
    /// assert_eq!(s.input().growth.stage_rates[0], 0.3);
    /// ```
    pub fn with_setting(&self, key: &str, value: &str) -> Result<Scenario, Error> {
        self.with_settings(&[(key, value)])
    }

    /// A copy with several inputs changed at once, then checked once: edits that are
    /// only valid together (raising every stage boundary, switching to logistic
    /// growth with a new ceiling) work in any order.
    ///
    /// ```
    /// use headroom_models::Scenario;
    /// let s = Scenario::default()
    ///     .with_settings(&[("thresholds.stage_mau.0", "20000"), ("thresholds.stage_mau.1", "50000")])
    ///     .unwrap();
    /// assert_eq!(s.input().thresholds.stage_mau[0], 20_000.0);
    /// ```
    pub fn with_settings(&self, settings: &[(&str, &str)]) -> Result<Scenario, Error> {
        let mut tree = serde_json::to_value(&self.input).map_err(|e| {
            Error::invalid("scenario", "unserialisable", format!("plain data ({e})"))
        })?;
        for &(key, value) in settings {
            set_path(&mut tree, key, value)?;
        }
        let input: ScenarioInput = serde_path_to_error::deserialize(tree).map_err(path_error)?;
        Scenario::new(input)
    }
}

/// Set one input by its dotted name in a scenario's JSON tree; the value is JSON (a
/// bare word is taken as a string).
fn set_path(tree: &mut serde_json::Value, key: &str, value: &str) -> Result<(), Error> {
    let parsed: serde_json::Value =
        serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
    let unknown = || {
        // A blank name (`--set =1`) cannot be the field: say what was blank.
        let field = if key.trim().is_empty() {
            format!("input name {key:?}")
        } else {
            key.to_owned()
        };
        Error::invalid(
            field,
            value,
            "a documented input name (see `headroom inputs`)",
        )
    };
    let parts: Vec<&str> = key.split('.').collect();
    let mut node = tree;
    for (i, part) in parts.iter().enumerate() {
        // Price overrides are a map whose keys contain dots and colons: the rest
        // of the name is one key; `null` removes an override.
        if i > 0 && parts[i - 1] == "price_overrides" {
            if let Some(map) = node.as_object_mut() {
                let entry = parts[i..].join(".");
                if parsed.is_null() {
                    map.remove(&entry);
                } else {
                    map.insert(entry, parsed);
                }
                break;
            }
        }
        let child = match node {
            serde_json::Value::Array(items) => {
                part.parse::<usize>().ok().and_then(|k| items.get_mut(k))
            }
            serde_json::Value::Object(map) => map.get_mut(*part),
            _ => None,
        };
        node = child.ok_or_else(unknown)?;
        if i + 1 == parts.len() {
            *node = parsed;
            break;
        }
    }
    Ok(())
}

impl TryFrom<ScenarioInput> for Scenario {
    type Error = Error;
    fn try_from(input: ScenarioInput) -> Result<Self, Error> {
        Scenario::new(input)
    }
}

impl From<Scenario> for ScenarioInput {
    fn from(s: Scenario) -> Self {
        s.input
    }
}

/// Read scenario inputs from JSON, naming the field of any problem.
pub(crate) fn input_from_json(json: &[u8]) -> Result<ScenarioInput, Error> {
    // Parse to a JSON tree first, then read the inputs from the tree: the same
    // (field-naming) deserialiser as `with_settings`, compiled once, which keeps
    // the wasm bundle small.
    let tree: serde_json::Value = serde_json::from_slice(json).map_err(|e| {
        if let Some((field, word)) = e
            .is_syntax()
            .then(|| std::str::from_utf8(json).ok().and_then(non_finite_field))
            .flatten()
        {
            Error::invalid(field, word, "a finite number; JSON has no NaN or Infinity")
        } else if e.to_string().starts_with("trailing characters") {
            Error::invalid(
                "scenario",
                format!(
                    "text after the end (line {}, column {})",
                    e.line(),
                    e.column()
                ),
                "one JSON object",
            )
        } else if e.is_eof() {
            Error::invalid("scenario", "incomplete JSON", "one complete JSON object")
        } else {
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            Error::invalid(
                "scenario",
                format!("{message} (line {}, column {})", e.line(), e.column()),
                "one complete JSON object",
            )
        }
    })?;
    serde_path_to_error::deserialize(tree).map_err(path_error)
}

/// The words JavaScript writes for numbers JSON cannot hold.
const NON_FINITE: [&str; 3] = ["-Infinity", "Infinity", "NaN"];

/// Where JSON text breaks on a bare `NaN`, `Infinity` or `-Infinity` (which
/// JavaScript's number formatting writes, and JSON does not have): the dotted
/// name of such a field and its word. The JSON parser can only say where the
/// text broke, so each such word is quoted until the text reads as JSON, and
/// the field holding one of the words, now a string, is the one the inputs
/// refuse.
fn non_finite_field(text: &str) -> Option<(String, &'static str)> {
    let mut quoted = text.to_owned();
    // At most 16 words are quoted, and the text must then parse exactly as
    // `input_from_json` parses it, so reading the inputs below never comes back here.
    let mut reads = false;
    for _ in 0..16 {
        let Err(e) = serde_json::from_str::<serde_json::Value>(&quoted) else {
            reads = true;
            break;
        };
        if !e.is_syntax() {
            return None;
        }
        let at = word_at(&quoted, e.line(), e.column())?;
        let word = NON_FINITE
            .into_iter()
            .find(|w| quoted.get(at..).is_some_and(|rest| rest.starts_with(w)))?;
        quoted.replace_range(at..at + word.len(), &format!("\"{word}\""));
    }
    if !reads || quoted == text {
        return None;
    }
    let e = input_from_json(quoted.as_bytes()).err()?;
    let word = NON_FINITE
        .into_iter()
        .find(|w| e.value == format!("{w:?}"))?;
    Some((e.field, word))
}

/// The byte offset where a NaN/Infinity word starts, from serde_json's 1-based
/// line and column of the error (which points into or just past the word).
fn word_at(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let near = (line_start + column).min(text.len());
    // Back up over the word's letters (and a minus sign) to its start.
    let start = text
        .get(..near)?
        .rfind(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .map_or(0, |i| i + 1);
    Some(start).filter(|&s| s < text.len())
}

/// Turn a deserialisation error into an [`Error`]: the dotted path of the field,
/// the value found and what its type allows.
fn path_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> Error {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = e.path().iter().collect();
    if matches!(segments.first(), Some(Segment::Seq { .. })) {
        return Error::invalid("scenario", "a list", "one JSON object of inputs");
    }
    // The dotted name, built from the segments (not from the path's text, which
    // cannot tell a key holding `[` or `?` from a list item or an unknown place):
    // inputs are named `a.1` everywhere, list items included.
    let names: Vec<String> = segments
        .iter()
        .map(|segment| match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } | Segment::Enum { variant: key } => key.clone(),
            Segment::Unknown => "?".to_owned(),
        })
        .collect();
    let path = names.join(".");
    let message = e.inner().to_string();
    // serde_json appends " at line L column C"; the path already says where.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let expected = message
        .split_once(", expected ")
        .map(|(_, rest)| rest.to_owned());
    if message.starts_with("unknown field ") {
        let allowed = expected.map_or("no other fields here".to_owned(), |x| x.replace('`', ""));
        // The path ends in the unknown name, unless that name is blank (`"": 1`):
        // then the error names the object it is in.
        if let Some(blank) = names.last().filter(|n| n.trim().is_empty()) {
            let parent = names[..names.len() - 1].join(".");
            let field = if parent.is_empty() {
                "scenario".to_owned()
            } else {
                parent
            };
            return Error::invalid(
                field,
                format!("an input with a blank name ({blank:?})"),
                allowed,
            );
        }
        return Error::invalid(path, "an unknown input", allowed);
    }
    if segments.is_empty() || segments.iter().any(|s| matches!(s, Segment::Unknown)) {
        let value = if message.contains("EOF") {
            "incomplete JSON".to_owned()
        } else {
            message.clone()
        };
        return Error::invalid("scenario", value, "one complete JSON object");
    }
    // "invalid type: string \"high\", expected f64" / "unknown variant `linear`, expected ..."
    let found = message.split(", expected ").next().unwrap_or(&message);
    let value = match found.split_once('`') {
        Some((_, rest)) => rest.split('`').next().unwrap_or(rest).to_owned(),
        None => found
            .trim_start_matches("invalid type: ")
            .trim_start_matches("string ")
            .to_owned(),
    };
    Error::invalid(
        path,
        value,
        expected.map_or_else(|| format!("valid JSON ({message})"), |x| describe_type(&x)),
    )
}

/// serde's names for the expected type, as a person says them.
fn describe_type(expected: &str) -> String {
    match expected {
        "u32" => "a whole number".to_owned(),
        "f64" => "a number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        other if other.starts_with("struct ") => "an object of inputs".to_owned(),
        other => other.replace('`', ""),
    }
}

/// A numeric input: its dotted name (as in files, links and `--set`), unit,
/// allowed range and current value. [`ScenarioInput::numeric_inputs`] lists them
/// all; validation, the command line and the app's form read this one table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NumericInput {
    pub name: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    /// Whole numbers only (counts of months, instances, connections, regions).
    pub whole: bool,
    pub value: f64,
}

impl NumericInput {
    /// Check the value: finite and inside the range.
    pub fn check(&self) -> Result<(), Error> {
        let v = self.value;
        if v.is_finite() && v >= self.min && v <= self.max && (!self.whole || v.fract() == 0.0) {
            return Ok(());
        }
        let kind = if self.whole {
            "a whole number"
        } else {
            "a number"
        };
        Err(Error::invalid(
            self.name,
            fmt_num(v),
            format!(
                "{kind} from {} to {} ({})",
                fmt_num(self.min),
                fmt_num(self.max),
                self.unit
            ),
        ))
    }
}

/// The table of numeric inputs, written once: it defines
/// [`ScenarioInput::numeric_inputs`] (name, unit, range, value) and
/// [`ScenarioInput::set_number`] (write one by name), so the two never disagree.
macro_rules! numeric_inputs {
    ($($name:literal: $($field:ident).+ $([$index:literal])?, $min:literal ..= $max:expr, $unit:literal $(, $whole:ident)?;)*) => {
        /// A writer of each numeric input, in table order: [`InputKey`] indexes it.
        const SETTERS: &[fn(&mut ScenarioInput, f64)] =
            &[$(|s, v| SetNumber::set(&mut s.$($field).+ $([$index])?, v)),*];

        impl ScenarioInput {
            /// Every numeric input with its unit, allowed range and value, in the
            /// order of the groups (growth, revenue, usage, data, stack, thresholds).
            pub fn numeric_inputs(&self) -> Vec<NumericInput> {
                vec![$(NumericInput {
                    name: $name,
                    unit: $unit,
                    min: $min as f64,
                    max: $max as f64,
                    whole: numeric_inputs!(@whole $($whole)?),
                    value: f64::from(self.$($field).+ $([$index])?),
                }),*]
            }

            /// Write the numeric input `key` without checking it (a whole-number
            /// input takes `value` rounded). For code that varies inputs in bulk
            /// (sampling) and checks the result once; edits from people go
            /// through [`Scenario::with_settings`].
            pub fn set(&mut self, key: InputKey, value: f64) {
                if let Some(set) = SETTERS.get(key.index as usize) {
                    set(self, value);
                }
            }
        }
    };
    (@whole whole) => { true };
    (@whole) => { false };
}

/// A numeric input addressed by position in the table of inputs, found once
/// from its dotted name: what Monte Carlo paths write, without parsing names.
///
/// ```
/// use headroom_models::scenario::InputKey;
/// use headroom_models::Scenario;
/// let key = InputKey::named("growth.stage_rates.2").unwrap();
/// let mut input = Scenario::default().input().clone();
/// input.set(key, 0.3);
/// assert_eq!(input.growth.stage_rates[2], 0.3);
/// assert_eq!(input.number(key), 0.3);
/// assert_eq!(key.name(), "growth.stage_rates.2");
/// assert!(InputKey::named("growth.mode").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputKey {
    index: u16,
    name: &'static str,
}

impl InputKey {
    /// The key of a numeric input by its dotted name.
    pub fn named(name: &str) -> Option<InputKey> {
        let inputs = ScenarioInput::default().numeric_inputs();
        let index = inputs.iter().position(|i| i.name == name)?;
        Some(InputKey {
            index: index as u16,
            name: inputs[index].name,
        })
    }

    /// The input's dotted name.
    pub fn name(self) -> &'static str {
        self.name
    }
}

impl ScenarioInput {
    /// The value of the numeric input `key`.
    pub fn number(&self, key: InputKey) -> f64 {
        self.numeric_inputs()[key.index as usize].value
    }

    /// Write one numeric input by its dotted name, without checking it (see
    /// [`ScenarioInput::set`]); `false` for a name that is not a numeric input.
    ///
    /// ```
    /// use headroom_models::Scenario;
    /// let mut input = Scenario::default().input().clone();
    /// assert!(input.set_number("stack.extra_regions", 2.0));
    /// assert_eq!(input.stack.extra_regions, 2);
    /// assert!(!input.set_number("growth.mode", 1.0));
    /// ```
    pub fn set_number(&mut self, name: &str, value: f64) -> bool {
        InputKey::named(name)
            .map(|key| self.set(key, value))
            .is_some()
    }
}

/// A numeric field that [`ScenarioInput::set_number`] can write.
trait SetNumber {
    fn set(&mut self, value: f64);
}

impl SetNumber for f64 {
    fn set(&mut self, value: f64) {
        *self = value;
    }
}

impl SetNumber for u32 {
    fn set(&mut self, value: f64) {
        // Saturating: a negative or huge value lands on the nearest end, for the
        // check that follows to report.
        *self = value.round() as u32;
    }
}

/// An input that is a word or a switch, not a number: its dotted name, current
/// value as written in files, and what is allowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordInput {
    pub name: &'static str,
    pub value: String,
    pub allowed: String,
}

impl ScenarioInput {
    /// Every input that is not a number, with its value and what is allowed.
    pub fn word_inputs(&self) -> Vec<WordInput> {
        // Unit variants serialise to their names; strings and booleans to themselves.
        let word = |v: serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        let of = |name, value: serde_json::Value, allowed: &str| WordInput {
            name,
            value: word(value),
            allowed: allowed.to_owned(),
        };
        let k = &self.stack;
        vec![
            of(
                "name",
                self.name.clone().into(),
                "text, up to 120 characters",
            ),
            of(
                "growth.mode",
                serde_json::json!(self.growth.mode),
                &wire::choices(&GrowthMode::ALL),
            ),
            of(
                "stack.catalog",
                k.catalog.clone().into(),
                "a catalog id (headroom catalogs)",
            ),
            of(
                "stack.app_sku",
                k.app_sku.clone().into(),
                "an app SKU of the catalog; empty for its default",
            ),
            of(
                "stack.ha_from_stage",
                serde_json::json!(k.ha_from_stage),
                &wire::choices(&Stage::ALL),
            ),
            of(
                "stack.adopt",
                serde_json::json!(k.adopt),
                &wire::choices(&Adoption::ALL),
            ),
            of(
                "stack.commitment",
                serde_json::json!(k.commitment),
                &wire::choices(&Commitment::ALL),
            ),
            of(
                "data.hot_set",
                serde_json::json!(self.data.hot_set),
                &wire::choices(&HotSet::ALL),
            ),
            of(
                "stack.extract_payments",
                k.extract_payments.into(),
                "true | false",
            ),
            of(
                "stack.extract_search",
                k.extract_search.into(),
                "true | false",
            ),
            of(
                "stack.extract_media",
                k.extract_media.into(),
                "true | false",
            ),
            of(
                "stack.private_subnets",
                k.private_subnets.into(),
                "true | false",
            ),
        ]
    }
}

numeric_inputs! {
    "horizon_months": horizon_months, 1 ..= MAX_HORIZON_MONTHS, "months", whole;
    "growth.start_users": growth.start_users, 0 ..= MAX_USERS, "users";
    "growth.monthly_rate": growth.monthly_rate, -0.5 ..= 2, "share per month";
    "growth.ceiling_users": growth.ceiling_users, 1 ..= MAX_USERS, "users";
    "growth.stage_rates.0": growth.stage_rates[0], -0.5 ..= 2, "share per month";
    "growth.stage_rates.1": growth.stage_rates[1], -0.5 ..= 2, "share per month";
    "growth.stage_rates.2": growth.stage_rates[2], -0.5 ..= 2, "share per month";
    "growth.stage_rates.3": growth.stage_rates[3], -0.5 ..= 2, "share per month";
    "growth.stage_rates.4": growth.stage_rates[4], -0.5 ..= 2, "share per month";
    "growth.monthly_churn": growth.monthly_churn, 0 ..= 0.5, "share per month";
    "growth.mau_share": growth.mau_share, 0 ..= 1, "share of registered users";
    "growth.dau_share": growth.dau_share, 0 ..= 1, "share of MAU";
    "growth.team_start_engineers": growth.team_start_engineers, 0 ..= 10_000, "engineers";
    "growth.engineers_hired_per_month": growth.engineers_hired_per_month, 0 ..= 1_000, "engineers per month";
    "revenue.paying_share": revenue.paying_share, 0 ..= 1, "share of MAU";
    "revenue.users_per_customer": revenue.users_per_customer, 1 ..= 100_000, "users per account";
    "revenue.arpa_usd_per_month": revenue.arpa_usd_per_month, 0 ..= 1_000_000, "USD per account per month";
    "revenue.billing_share": revenue.billing_share, 0 ..= 1, "share of revenue";
    "revenue.international_card_share": revenue.international_card_share, 0 ..= 1, "share of card revenue";
    "revenue.ach_above_arpa_usd": revenue.ach_above_arpa_usd, 0 ..= 1_000_000, "USD per account per month (0: never)";
    "usage.requests_per_dau_per_day": usage.requests_per_dau_per_day, 0 ..= 100_000, "requests per DAU per day";
    "usage.peak_to_average": usage.peak_to_average, 1 ..= 50, "ratio";
    "usage.app_cpu_ms_per_request": usage.app_cpu_ms_per_request, 0 ..= 10_000, "ms";
    "usage.db_reads_per_request": usage.db_reads_per_request, 0 ..= 1_000, "reads per request";
    "usage.db_writes_per_request": usage.db_writes_per_request, 0 ..= 1_000, "writes per request";
    "usage.db_read_ms": usage.db_read_ms, 0.01 ..= 10_000, "core-ms";
    "usage.db_write_ms": usage.db_write_ms, 0.01 ..= 10_000, "core-ms";
    "usage.side_effect_ms": usage.side_effect_ms, 0 ..= 60_000, "ms";
    "usage.side_effect_share": usage.side_effect_share, 0 ..= 1, "share of requests";
    "usage.jobs_per_dau_per_day": usage.jobs_per_dau_per_day, 0 ..= 100_000, "jobs per DAU per day";
    "usage.job_cpu_ms": usage.job_cpu_ms, 0 ..= 3_600_000, "ms";
    "usage.cacheable_read_share": usage.cacheable_read_share, 0 ..= 1, "share of reads";
    "usage.cache_hit_ratio": usage.cache_hit_ratio, 0 ..= 1, "share";
    "usage.response_kb": usage.response_kb, 0 ..= 100_000, "KB";
    "usage.page_views_per_dau_per_day": usage.page_views_per_dau_per_day, 0 ..= 10_000, "views per DAU per day";
    "usage.page_kb": usage.page_kb, 0 ..= 100_000, "KB";
    "usage.media_views_per_dau_per_day": usage.media_views_per_dau_per_day, 0 ..= 100_000, "views per DAU per day";
    "usage.media_kb": usage.media_kb, 0 ..= 10_000_000, "KB";
    "usage.cdn_hit_ratio": usage.cdn_hit_ratio, 0 ..= 1, "share";
    "usage.emails_per_mau_per_month": usage.emails_per_mau_per_month, 0 ..= 10_000, "emails per MAU per month";
    "usage.search_requests_per_dau_per_day": usage.search_requests_per_dau_per_day, 0 ..= 10_000, "queries per DAU per day";
    "usage.ai_tokens_per_dau_per_day": usage.ai_tokens_per_dau_per_day, 0 ..= 100_000_000, "tokens per DAU per day";
    "usage.ai_usd_per_million_tokens": usage.ai_usd_per_million_tokens, 0 ..= 1_000, "USD per million tokens";
    "usage.far_users_share": usage.far_users_share, 0 ..= 1, "share of users";
    "usage.far_users_rtt_ms": usage.far_users_rtt_ms, 0 ..= 1_000, "ms";
    "usage.outbound_kb_per_request": usage.outbound_kb_per_request, 0 ..= 100_000, "KB per request";
    "data.db_start_gb": data.db_start_gb, 0 ..= 10_000_000, "GB";
    "data.rows_per_dau_per_day": data.rows_per_dau_per_day, 0 ..= 1_000_000, "rows per DAU per day";
    "data.bytes_per_row": data.bytes_per_row, 1 ..= 100_000_000, "bytes";
    "data.index_overhead": data.index_overhead, 1 ..= 10, "multiplier";
    "data.hot_days": data.hot_days, 1 ..= 3_650, "days of writes";
    "data.hot_share": data.hot_share, 0 ..= 1, "share of the database";
    "data.cached_kb_per_dau": data.cached_kb_per_dau, 0 ..= 100_000, "KB per DAU";
    "data.uploads_mb_per_mau_per_month": data.uploads_mb_per_mau_per_month, 0 ..= 1_000_000, "MB per MAU per month";
    "data.object_mb": data.object_mb, 0.001 ..= 100_000, "MB";
    "data.cold_after_months": data.cold_after_months, 0 ..= 120, "months (0: never)", whole;
    "stack.min_app_instances": stack.min_app_instances, 1 ..= 1_000, "instances", whole;
    "stack.app_pool_size": stack.app_pool_size, 1 ..= 1_000, "connections", whole;
    "stack.worker_pool_size": stack.worker_pool_size, 1 ..= 1_000, "connections", whole;
    "stack.extra_regions": stack.extra_regions, 0 ..= 10, "regions", whole;
    "stack.root_volume_gb": stack.root_volume_gb, 0 ..= 16_384, "GB per instance";
    "stack.backup_retention_days": stack.backup_retention_days, 0 ..= 35, "days", whole;
    "thresholds.target_utilization": thresholds.target_utilization, 0.1 ..= 0.95, "share";
    "thresholds.db_target_utilization": thresholds.db_target_utilization, 0.1 ..= 0.95, "share";
    "thresholds.p95_slo_ms": thresholds.p95_slo_ms, 1 ..= 60_000, "ms";
    "thresholds.stage_mau.0": thresholds.stage_mau[0], 1 ..= MAX_USERS, "MAU";
    "thresholds.stage_mau.1": thresholds.stage_mau[1], 1 ..= MAX_USERS, "MAU";
    "thresholds.stage_mau.2": thresholds.stage_mau[2], 1 ..= MAX_USERS, "MAU";
    "thresholds.stage_mau.3": thresholds.stage_mau[3], 1 ..= MAX_USERS, "MAU";
    "thresholds.cache_dau": thresholds.cache_dau, 0 ..= MAX_USERS, "DAU";
    "thresholds.cdn_dau": thresholds.cdn_dau, 0 ..= MAX_USERS, "DAU";
    "thresholds.replica_db_cpu": thresholds.replica_db_cpu, 0 ..= 1, "share";
    "thresholds.replica_read_share": thresholds.replica_read_share, 0 ..= 1, "share";
    "thresholds.jobs_side_effect_ms": thresholds.jobs_side_effect_ms, 0 ..= 60_000, "ms";
    "thresholds.extraction_dau": thresholds.extraction_dau, 0 ..= MAX_USERS, "DAU";
    "thresholds.team_engineers": thresholds.team_engineers, 0 ..= 100_000, "engineers";
    "thresholds.shard_db_gb": thresholds.shard_db_gb, 1 ..= 1e9, "GB";
    "thresholds.multi_region_dau": thresholds.multi_region_dau, 0 ..= MAX_USERS, "DAU";
    "thresholds.multi_region_far_share": thresholds.multi_region_far_share, 0 ..= 1, "share of users";
    "thresholds.pooler_connections": thresholds.pooler_connections, 1 ..= 1e7, "connections";
}

/// A value or limit in an error message: never rounded to another number.
fn fmt_num(v: f64) -> String {
    crate::format::exact(v)
}

fn validate(s: &ScenarioInput) -> Result<(), Error> {
    let chars = s.name.chars().count();
    if chars > 120 {
        return Err(Error::invalid(
            "name",
            format!("{chars} characters"),
            "at most 120 characters",
        ));
    }
    for input in s.numeric_inputs() {
        input.check()?;
    }
    let g = &s.growth;
    if g.mode == GrowthMode::Logistic && g.ceiling_users < g.start_users {
        return Err(Error::invalid(
            "growth.ceiling_users",
            fmt_num(g.ceiling_users),
            format!(
                "at least growth.start_users ({}) for logistic growth",
                fmt_num(g.start_users)
            ),
        ));
    }
    let bounds = &s.thresholds.stage_mau;
    for i in 1..bounds.len() {
        if bounds[i] <= bounds[i - 1] {
            return Err(Error::invalid(
                format!("thresholds.stage_mau.{i}"),
                fmt_num(bounds[i]),
                format!(
                    "more than thresholds.stage_mau.{} ({}): boundaries ascend",
                    i - 1,
                    fmt_num(bounds[i - 1])
                ),
            ));
        }
    }
    if let Some(u) = &s.uncertainty {
        u.check(s)?;
    }
    Ok(())
}

/// The scenario checks the ranges it carries, where its inputs are known.
impl Uncertainty {
    /// Check the settings against a scenario: a known path count; each range on a
    /// numeric input that is not a whole number (counts and the horizon are not
    /// sampled), finite, `low <= likely <= high`, and inside the input's allowed
    /// range. Errors name the field (`uncertainty.ranges.<name>.low`).
    ///
    /// ```
    /// use headroom_models::uncertainty::{Range, Uncertainty};
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.08, high: 0.2 });
    /// assert!(u.check(s.input()).is_ok());
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.15, high: 0.2 });
    /// assert_eq!(u.check(s.input()).unwrap_err().field, "uncertainty.ranges.growth.monthly_rate.low");
    /// ```
    pub fn check(&self, input: &ScenarioInput) -> Result<(), Error> {
        if !PATHS.contains(&self.paths) {
            return Err(Error::invalid(
                "uncertainty.paths",
                self.paths,
                format!("a whole number from {} to {}", PATHS.start(), PATHS.end()),
            ));
        }
        let inputs = input.numeric_inputs();
        for (name, range) in &self.ranges {
            let field = |end: &str| format!("uncertainty.ranges.{name}.{end}");
            let Some(input) = inputs.iter().find(|i| i.name == name) else {
                return Err(Error::invalid(
                    format!("uncertainty.ranges.{name}"),
                    "an unknown input",
                    "a numeric input name (see `headroom inputs`)",
                ));
            };
            if input.whole {
                return Err(Error::invalid(
                    format!("uncertainty.ranges.{name}"),
                    "a whole-number input",
                    "an input that is not a count (counts and the horizon are not sampled)",
                ));
            }
            let likely = input.value;
            let within = |v: f64| v.is_finite() && v >= input.min && v <= input.max;
            if !(within(range.low) && range.low <= likely) {
                return Err(Error::invalid(
                    field("low"),
                    crate::format::exact(range.low),
                    format!(
                        "a number from {} to the likely value {} ({})",
                        crate::format::exact(input.min),
                        crate::format::exact(likely),
                        input.unit
                    ),
                ));
            }
            if !(within(range.high) && range.high >= likely) {
                return Err(Error::invalid(
                    field("high"),
                    crate::format::exact(range.high),
                    format!(
                        "a number from the likely value {} to {} ({})",
                        crate::format::exact(likely),
                        crate::format::exact(input.max),
                        input.unit
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `set_number` writes the field `numeric_inputs` reads, for every input:
    /// setting one input to its minimum changes that input and no other.
    #[test]
    fn set_number_writes_exactly_the_input_numeric_inputs_reads() {
        let base = Scenario::default().input().clone();
        let before = base.numeric_inputs();
        for (i, input) in before.iter().enumerate() {
            let mut changed = base.clone();
            // A value that differs from the default: the minimum, or the maximum
            // when the default is the minimum.
            let target = if input.value == input.min {
                input.max
            } else {
                input.min
            };
            assert!(changed.set_number(input.name, target), "{}", input.name);
            let after = changed.numeric_inputs();
            for (j, other) in after.iter().enumerate() {
                let want = if i == j { target } else { before[j].value };
                assert_eq!(
                    other.value, want,
                    "setting {} changed {}",
                    input.name, other.name
                );
            }
        }
        let mut unchanged = base.clone();
        assert!(!unchanged.set_number("growth.nope", 1.0));
        assert_eq!(unchanged, base);
    }

    /// Every leaf of a serialised scenario that `keep` accepts, by dotted name
    /// (list items as `name.i`).
    fn leaves(
        prefix: &str,
        v: &serde_json::Value,
        keep: fn(&serde_json::Value) -> bool,
        out: &mut Vec<String>,
    ) {
        let child = |k: &str| {
            if prefix.is_empty() {
                k.to_owned()
            } else {
                format!("{prefix}.{k}")
            }
        };
        match v {
            serde_json::Value::Object(map) => map
                .iter()
                .for_each(|(k, c)| leaves(&child(k), c, keep, out)),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, c)| leaves(&child(&i.to_string()), c, keep, out)),
            leaf if keep(leaf) => out.push(prefix.to_owned()),
            _ => {}
        }
    }

    fn numeric_leaves(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
        leaves(prefix, v, serde_json::Value::is_number, out);
    }

    fn word_leaves(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
        leaves(prefix, v, |l| l.is_string() || l.is_boolean(), out);
    }

    #[test]
    fn the_input_table_covers_every_numeric_field_once() {
        let input = ScenarioInput::default();
        let mut leaves = Vec::new();
        numeric_leaves("", &serde_json::to_value(&input).unwrap(), &mut leaves);
        let mut table: Vec<String> = input
            .numeric_inputs()
            .iter()
            .map(|i| i.name.to_owned())
            .collect();
        leaves.sort();
        table.sort();
        assert_eq!(
            leaves, table,
            "numeric_inputs() must list every numeric field exactly once"
        );
    }

    #[test]
    fn the_word_table_covers_every_other_field() {
        let input = ScenarioInput::default();
        let mut leaves = Vec::new();
        word_leaves("", &serde_json::to_value(&input).unwrap(), &mut leaves);
        let mut table: Vec<String> = input
            .word_inputs()
            .iter()
            .map(|w| w.name.to_owned())
            .collect();
        leaves.sort();
        table.sort();
        assert_eq!(
            leaves, table,
            "word_inputs() must list every text, choice and switch field"
        );
    }

    #[test]
    fn the_input_table_reads_the_current_values() {
        let mut input = ScenarioInput::default();
        input.usage.peak_to_average = 4.5;
        input.stack.extra_regions = 3;
        let find = |name: &str| {
            input
                .numeric_inputs()
                .into_iter()
                .find(|i| i.name == name)
                .unwrap()
                .value
        };
        assert_eq!(find("usage.peak_to_average"), 4.5);
        assert_eq!(find("stack.extra_regions"), 3.0);
    }

    #[test]
    fn every_default_lies_inside_its_range() {
        for i in ScenarioInput::default().numeric_inputs() {
            assert!(
                i.check().is_ok(),
                "{} = {} outside {}..={}",
                i.name,
                i.value,
                i.min,
                i.max
            );
        }
    }

    #[test]
    fn whole_inputs_reject_fractions_through_json() {
        let e = Scenario::from_json(r#"{"stack": {"min_app_instances": 2.5}}"#).unwrap_err();
        assert!(e.to_string().contains("min_app_instances"), "{e}");
    }

    #[test]
    fn nan_and_infinity_are_named_by_field() {
        for (text, field, word) in [
            (
                r#"{"growth": {"monthly_rate": NaN}}"#,
                "growth.monthly_rate",
                "NaN",
            ),
            (
                "{\n  \"name\": \"NaN\",\n  \"usage\": {\"peak_to_average\": -Infinity}\n}",
                "usage.peak_to_average",
                "-Infinity",
            ),
            (
                r#"{"thresholds": {"stage_mau": [1000, Infinity, 1e5, 1e6]}}"#,
                "thresholds.stage_mau.1",
                "Infinity",
            ),
        ] {
            let e = Scenario::from_json(text).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.value.as_str()),
                (field, word),
                "{text}"
            );
            assert!(e.allowed.contains("JSON has no NaN or Infinity"), "{e}");
        }
        // Other broken JSON keeps the parser's own words, also beside a NaN
        // (found by the fuzzer: a number too large for JSON once sent this round
        // in circles).
        for text in [
            r#"{"growth": {"monthly_rate": Nope}}"#,
            "4E449225",
            r#"{"growth": {"monthly_rate": NaN, "start_users": 1e999}}"#,
        ] {
            let e = Scenario::from_json(text).unwrap_err();
            assert_eq!(e.field, "scenario", "{text}: {e}");
        }
        // A name that happens to read NaN is just a name.
        let s = Scenario::from_json(r#"{"name": "NaN"}"#).unwrap();
        assert_eq!(s.name(), "NaN");
    }

    #[test]
    fn stage_boundaries_must_ascend() {
        let mut input = ScenarioInput::default();
        input.thresholds.stage_mau = [1_000.0, 500.0, 100_000.0, 1_000_000.0];
        let e = Scenario::new(input).unwrap_err();
        assert_eq!(e.field, "thresholds.stage_mau.1");
        assert!(e.allowed.contains("ascend"));
    }

    #[test]
    fn stage_of_users_uses_the_boundaries() {
        let b = [1_000.0, 10_000.0, 100_000.0, 1_000_000.0];
        assert_eq!(Stage::of(0.0, &b), Stage::Mvp);
        assert_eq!(Stage::of(999.9, &b), Stage::Mvp);
        assert_eq!(Stage::of(1_000.0, &b), Stage::ProductMarketFit);
        assert_eq!(Stage::of(99_999.0, &b), Stage::EarlyScale);
        assert_eq!(Stage::of(1e9, &b), Stage::Enterprise);
    }
}
