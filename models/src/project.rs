//! The projection: month by month, users → load → sized tiers → costs, with the
//! architecture changes the capacity math and the rules of thumb call for.
//!
//! Every formula here is stated in docs/MODEL.md with its source.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::catalog::{Catalog, ComputeSku, Rate, RateName};
use crate::format::{self, count as fmt_count, gb as fmt_gb, number as fmt_num};
use crate::projection::{
    AppTier, Basis, CacheTier, CatalogRef, Change, Costs, DbTier, Egress, Event, Gap, Month,
    PoolerTier, Projection, Service, StageSummary, Tiers, Warning, WorkerTier,
};
use crate::queueing::{in_flight, mmc, Latency, LN_20};
use crate::scenario::{Adoption, GrowthMode, Scenario, ScenarioInput, Stage, MAX_USERS};

/// Days per month for traffic volumes (docs/MODEL.md, "Time axis").
pub const DAYS_PER_MONTH: f64 = 30.4;
const SECONDS_PER_DAY: f64 = 86_400.0;
/// Share of a Redis node's advertised memory usable for data: ElastiCache reserves
/// about 25% for overhead (shared/reference/capacity.json, AWS ElastiCache docs).
pub const CACHE_USABLE_MEMORY_SHARE: f64 = 0.75;
/// Share of the largest primary's capacity writes may take before the data must be
/// split: the rest is left for the reads a primary always serves.
const WRITE_SHARE_OF_PRIMARY: f64 = 0.9;
/// Read replicas one source instance may have: 15 for RDS for PostgreSQL
/// (AWS RDS API reference, CreateDBInstanceReadReplica). Beyond, the data is split.
pub const MAX_READ_REPLICAS: u64 = 15;
/// Hosts an extracted service runs on: two app instances for availability.
const SERVICE_APP_INSTANCES: u64 = 2;
/// Least monthly revenue (USD) that cost is stated as a share of: one cent.
const MIN_REVENUE_FOR_SHARE_USD: f64 = 0.01;

/// Project a scenario month by month. Pure and deterministic; never fails on a
/// valid [`Scenario`]; every figure in the result is finite.
///
/// ```
/// use headroom_models::{project, Scenario};
/// let p = project(&Scenario::default());
/// assert_eq!(p.months.len(), 37);                     // month 0 ..= 36
/// let last = p.months.last().unwrap();
/// let sum = last.costs_usd.items().iter().fold(0.0, |sum, (_, v)| sum + v);
/// assert_eq!(sum, last.total_usd);
/// ```
pub fn project(scenario: &Scenario) -> Projection {
    let mut engine = Engine::new(scenario);
    let horizon = scenario.input().horizon_months;
    let mut months = Vec::with_capacity(horizon as usize + 1);
    for t in 0..=horizon {
        months.push(engine.step(t));
    }
    engine.finish(months)
}

/// Architecture changes made so far. Once made, a change stays made.
#[derive(Debug, Clone, Copy, Default)]
struct Adopted {
    pooler: bool,
    cache: bool,
    cdn: bool,
    jobs: bool,
    multi_az: bool,
    services: [bool; 3],
    regions: bool,
}

/// A reason one basis gives for a change this month.
struct Trigger {
    metric: &'static str,
    value: f64,
    threshold: f64,
    reason: String,
}

/// A database layout for one month's load.
#[derive(Debug, Clone, Copy)]
struct DbPlan {
    sku: usize,
    replicas: u64,
    shards: u64,
    /// What set the shard count.
    shard_cause: ShardCause,
    /// Busy cores of one primary at peak.
    primary_busy: f64,
    /// Queries per second at one primary at peak.
    primary_qps: f64,
    /// Instances and storage, per month.
    cost: f64,
    instance_cost: f64,
    storage_cost: f64,
}

/// The limit of the largest database instance that sets the number of shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShardCause {
    /// Writes exceed 90% of one primary.
    Writes,
    /// The hot set exceeds its RAM.
    HotSet,
    /// The data exceeds its storage limit.
    Storage,
    /// The busy cores exceed a primary and its 15 replicas.
    Reads,
    /// An earlier month's need: shards never merge.
    Earlier,
}

/// A cache layout for one month's load.
#[derive(Debug, Clone, Copy)]
struct CachePlan {
    sku: usize,
    count: u64,
    /// Nodes holding data (the rest, under HA, are their replicas).
    primaries: u64,
    cost: f64,
    memory_needed_gb: f64,
}

const SERVICES: [Service; 3] = [Service::Payments, Service::Search, Service::Media];
/// Position of search in [`SERVICES`] (and in `Adopted::services`).
const SEARCH: usize = 1;
const _: () = assert!(matches!(SERVICES[SEARCH], Service::Search));

struct Engine<'a> {
    input: &'a ScenarioInput,
    catalog: &'a Catalog,
    app_sku: &'a ComputeSku,
    app_index: usize,
    pooler_index: Option<usize>,
    registered: f64,
    db_gb: f64,
    object_gb: f64,
    adopted: Adopted,
    /// Shards the data has needed so far (writes, RAM, storage): never fewer after.
    shards_needed: u64,
    /// Shard count at the last sharding event (events mark the first split and each doubling).
    db_high_shards: u64,
    prev_db: Option<DbPlan>,
    /// Highest database SKU (by monthly price) and replica count reached, for step events.
    db_high_sku: Option<usize>,
    db_high_replicas: u64,
    /// Which (change, basis) pairs have had their first-month event (bit set).
    recorded: u64,
    events: Vec<Event>,
    warnings: Vec<Warning>,
    warned: BTreeSet<&'static str>,
    /// The catalog's rates, resolved once, indexed by `RateName as usize`.
    rates: [&'a Rate; RateName::ALL.len()],
    /// Position of the largest database SKU (by sustainable capacity, then RAM).
    db_largest: usize,
    /// Per database SKU: busy cores it carries at the target utilisation, and its
    /// monthly price (resolved once: the sizing loop reads them every month).
    db_cap: Vec<f64>,
    db_price: Vec<f64>,
    /// Prices this projection used (bit sets and flags by ladder position), for the
    /// UNVERIFIED list.
    used_rates: u32,
    used_app: Vec<bool>,
    used_db: Vec<bool>,
    used_cache: Vec<bool>,
}

impl<'a> Engine<'a> {
    fn new(scenario: &'a Scenario) -> Engine<'a> {
        let input = scenario.input();
        let catalog = scenario.catalog();
        let position = |id: &str| catalog.app_skus.iter().position(|s| &*s.id == id);
        // Both ids were checked by Scenario::new and Catalog::from_json.
        let app_index = position(scenario.app_sku_id()).unwrap_or(0);
        let pooler_index = catalog.pooler_sku.as_deref().and_then(position);
        let app_sku = &catalog.app_skus[app_index];
        let mut engine = Engine {
            input,
            catalog,
            app_sku,
            app_index,
            pooler_index,
            registered: input.growth.start_users,
            db_gb: input.data.db_start_gb,
            object_gb: 0.0,
            adopted: Adopted::default(),
            shards_needed: 1,
            db_high_shards: 1,
            prev_db: None,
            db_high_sku: None,
            db_high_replicas: 0,
            recorded: 0,
            events: Vec::new(),
            warnings: Vec::new(),
            warned: BTreeSet::new(),
            rates: RateName::ALL.map(|name| catalog.rate(name)),
            db_largest: largest_db(catalog, input.thresholds.db_target_utilization),
            db_cap: catalog
                .db_skus
                .iter()
                .map(|k| k.vcpu * k.baseline_cpu_share * input.thresholds.db_target_utilization)
                .collect(),
            db_price: catalog
                .db_skus
                .iter()
                .map(|k| k.price.usd_per_month())
                .collect(),
            used_rates: 0,
            used_app: vec![false; catalog.app_skus.len()],
            used_db: vec![false; catalog.db_skus.len()],
            used_cache: vec![false; catalog.cache_skus.len()],
        };
        engine.input_warnings();
        engine
    }

    // ---- Users, customers, revenue ----------------------------------------------

    fn grow(&mut self, t: u32) {
        if t == 0 {
            return;
        }
        let g = &self.input.growth;
        let u = self.registered;
        let rate = match g.mode {
            GrowthMode::Compound => g.monthly_rate,
            GrowthMode::Logistic => g.monthly_rate * (1.0 - u / g.ceiling_users),
            GrowthMode::PerStage => {
                let stage = Stage::of(u * g.mau_share, &self.input.thresholds.stage_mau);
                g.stage_rates[stage.index()]
            }
        };
        let next = (u + rate * u - g.monthly_churn * u).max(0.0);
        if next > MAX_USERS {
            self.warn_once("user_cap", Some(t), || {
                "registered users reached the model's ceiling of 10 billion; growth stops there"
                    .to_owned()
            });
        }
        self.registered = next.min(MAX_USERS);
    }

    fn step(&mut self, t: u32) -> Month {
        self.grow(t);
        let i = self.input;
        let (g, u, d, th) = (&i.growth, &i.usage, &i.data, &i.thresholds);
        let registered = self.registered;
        let mau = registered * g.mau_share;
        let dau = mau * g.dau_share;
        let customers = mau * i.revenue.paying_share / i.revenue.users_per_customer;
        let revenue_usd = customers * i.revenue.arpa_usd_per_month;
        let engineers = g.team_start_engineers + g.engineers_hired_per_month * f64::from(t);
        let stage = Stage::of(mau, &th.stage_mau);

        // ---- Load ----
        let requests_per_day = dau * u.requests_per_dau_per_day;
        let avg_rps = requests_per_day / SECONDS_PER_DAY;
        let peak_rps = avg_rps * u.peak_to_average;
        let reads_raw = peak_rps * u.db_reads_per_request;
        let writes = peak_rps * u.db_writes_per_request;
        // Data accrues from month 1: month 0 is the starting point.
        let uploads_mb = if t > 0 {
            d.uploads_mb_per_mau_per_month * mau
        } else {
            0.0
        };
        if t > 0 {
            self.db_gb +=
                dau * d.rows_per_dau_per_day * DAYS_PER_MONTH * d.bytes_per_row * d.index_overhead
                    / 1e9;
            self.object_gb += uploads_mb / 1_000.0;
        }
        let db_gb = self.db_gb;
        let jobs_per_s = dau * u.jobs_per_dau_per_day / SECONDS_PER_DAY;
        let side_effects_avg_per_s = avg_rps * u.side_effect_share;

        // ---- High availability (policy by stage) ----
        if !self.adopted.multi_az && stage >= i.stack.ha_from_stage {
            self.adopted.multi_az = true;
            self.record(t, Change::MultiAz, Basis::RuleOfThumb, true, Trigger {
                metric: "stage",
                value: stage.index() as f64,
                threshold: i.stack.ha_from_stage.index() as f64,
                reason: format!(
                    "{} reached ({} MAU): the high-availability policy starts at {} — Multi-AZ database, at least two app instances, replicated cache",
                    stage, fmt_count(mau), i.stack.ha_from_stage
                ),
            });
        }
        let ha = self.adopted.multi_az;

        // ---- Background jobs ----
        if u.side_effect_share > 0.0 && u.side_effect_ms > 0.0 && dau > 0.0 {
            let rule = self.fresh(Change::BackgroundJobs, Basis::RuleOfThumb, u.side_effect_ms > th.jobs_side_effect_ms).then(|| Trigger {
                metric: "side_effect_ms",
                value: u.side_effect_ms,
                threshold: th.jobs_side_effect_ms,
                reason: format!(
                    "a synchronous side effect of {} ms runs inside {}% of requests; the rule moves anything over {} ms to background jobs",
                    fmt_num(u.side_effect_ms), fmt_num(u.side_effect_share * 100.0), fmt_num(th.jobs_side_effect_ms)
                ),
            });
            let slow_request_ms = u.app_cpu_ms_per_request + u.side_effect_ms;
            let model = self.fresh(Change::BackgroundJobs, Basis::Model, slow_request_ms > th.p95_slo_ms).then(|| Trigger {
                metric: "side_effect_request_ms",
                value: slow_request_ms,
                threshold: th.p95_slo_ms,
                reason: format!(
                    "requests that carry the side effect take at least {} ms ({} ms CPU + {} ms side effect), over the {} ms p95 objective, so the effect must leave the request path",
                    fmt_num(slow_request_ms), fmt_num(u.app_cpu_ms_per_request), fmt_num(u.side_effect_ms), fmt_num(th.p95_slo_ms)
                ),
            });
            self.adopted.jobs =
                self.decide(t, Change::BackgroundJobs, self.adopted.jobs, model, rule);
        }
        let jobs = self.adopted.jobs;

        // ---- App servers ----
        let app = self.app_sku;
        let app_capacity = app.vcpu * app.baseline_cpu_share * th.target_utilization;
        let inline_side_ms = if jobs {
            0.0
        } else {
            u.side_effect_share * u.side_effect_ms
        };
        let service_ms = u.app_cpu_ms_per_request + inline_side_ms;
        let inline_jobs_busy = if jobs {
            0.0
        } else {
            jobs_per_s * u.job_cpu_ms / 1_000.0
        };
        let app_busy = peak_rps * service_ms / 1_000.0 + inline_jobs_busy;
        let min_app = u64::from(i.stack.min_app_instances).max(if ha { 2 } else { 1 });
        let app_count = count_for(app_busy, app_capacity).max(min_app);
        let app_cores = app_count as f64 * app.vcpu;
        let app_latency = mmc(servers(app_cores), peak_rps, service_ms);
        let app_utilization = app_busy / (app_count as f64 * app.vcpu * app.baseline_cpu_share);
        self.used_app[self.app_index] = true;

        // ---- Workers and queue ----
        let workers = jobs.then(|| {
            let busy =
                (jobs_per_s * u.job_cpu_ms + side_effects_avg_per_s * u.side_effect_ms) / 1_000.0;
            let count = count_for(busy, app_capacity).max(if ha { 2 } else { 1 });
            let messages = (jobs_per_s + side_effects_avg_per_s) * SECONDS_PER_DAY * DAYS_PER_MONTH;
            WorkerTier {
                sku: Arc::clone(&app.id),
                count: clamp_u32(count),
                utilization: busy / (count as f64 * app.vcpu * app.baseline_cpu_share),
                messages,
            }
        });
        let worker_count = workers.as_ref().map_or(0, |w| u64::from(w.count));

        // ---- Database and cache ----
        let cache_factor = 1.0 - u.cacheable_read_share * u.cache_hit_ratio;
        let reads_cached = reads_raw * cache_factor;
        let hot_gb = d.hot_share * db_gb;
        let cache_ops = reads_raw * u.cacheable_read_share;
        let cache_set_gb = dau * d.cached_kb_per_dau / 1e6;
        let cache_plan = self.plan_cache(cache_ops, cache_set_gb, ha);
        // The plan without a cache: what the month runs on until a cache is adopted,
        // and the model's yardstick for adopting one.
        // The plan with a cache, once computed this month (for the model's reason).
        let mut db_cached_plan = None;
        let cache_open = reads_raw > 0.0 && self.open(Change::Cache);
        let db_plain =
            (!self.adopted.cache || cache_open).then(|| self.plan_db(reads_raw, writes, db_gb, ha));
        if let (true, Some(db_plain)) = (cache_open, db_plain) {
            let rule = self
                .fresh(Change::Cache, Basis::RuleOfThumb, dau >= th.cache_dau)
                .then(|| Trigger {
                    metric: "dau",
                    value: dau,
                    threshold: th.cache_dau,
                    reason: format!(
                        "{} DAU reached the rule's {} DAU for caching",
                        fmt_count(dau),
                        fmt_count(th.cache_dau)
                    ),
                });
            let model = if self.fresh(Change::Cache, Basis::Model, true) {
                let db_cached = self.plan_db(reads_cached, writes, db_gb, ha);
                db_cached_plan = Some(db_cached);
                let saving = db_plain.cost - db_cached.cost;
                (saving > cache_plan.cost).then(|| Trigger {
                    metric: "db_usd_saved_per_month",
                    value: saving,
                    threshold: cache_plan.cost,
                    reason: format!(
                        "without a cache the database needs {} ({}); with {}% of reads served by a cache it needs {} ({}), saving {} — more than the cache's {}",
                        self.describe_db(&db_plain), fmt_usd(db_plain.cost), fmt_num(((1.0 - cache_factor) * 100.0).round()),
                        self.describe_db(&db_cached), fmt_usd(db_cached.cost), fmt_usd(saving), fmt_usd(cache_plan.cost)
                    ),
                })
            } else {
                None
            };
            self.adopted.cache = self.decide(t, Change::Cache, self.adopted.cache, model, rule);
        }
        let cache_on = self.adopted.cache;
        let reads_at_db = if cache_on { reads_cached } else { reads_raw };
        let db = match (cache_on, db_plain, db_cached_plan) {
            (false, Some(plain), _) => plain,
            (true, _, Some(cached)) => cached,
            _ => self.plan_db(reads_at_db, writes, db_gb, ha),
        };
        self.db_events(t, &db, reads_at_db, writes, db_gb);
        let db_sku = &self.catalog.db_skus[db.sku];
        self.used_db[db.sku] = true;
        self.use_rate(RateName::DbStorage, db_gb);
        if ha {
            self.use_rate(RateName::DbMultiAz, 1.0);
        }
        let db_service_ms = if db.primary_qps > 0.0 {
            db.primary_busy * 1_000.0 / db.primary_qps
        } else {
            0.0
        };
        let db_latency = mmc(servers(db_sku.vcpu), db.primary_qps, db_service_ms);
        let db_utilization = db.primary_busy / (db_sku.vcpu * db_sku.baseline_cpu_share);
        self.prev_db = Some(db);
        let cache_tier = cache_on.then(|| {
            let sku = &self.catalog.cache_skus[cache_plan.sku];
            self.used_cache[cache_plan.sku] = true;
            CacheTier {
                sku: Arc::clone(&sku.id),
                count: clamp_u32(cache_plan.count),
                // Replicas under HA mirror the primaries: memory is used on the primaries.
                memory_utilization: cache_plan.memory_needed_gb
                    / (sku.memory_gb * cache_plan.primaries as f64),
                ops_per_s: cache_ops,
            }
        });

        // ---- Connections ----
        let connections = app_count as f64 * f64::from(i.stack.app_pool_size)
            + worker_count as f64 * f64::from(i.stack.worker_pool_size);
        if self.open(Change::ConnectionPooler) {
            let rule = self.fresh(Change::ConnectionPooler, Basis::RuleOfThumb, connections > th.pooler_connections).then(|| Trigger {
                metric: "connections",
                value: connections,
                threshold: th.pooler_connections,
                reason: format!(
                    "{} client connections ({} app instances × {} + {} workers × {}) exceed the rule's {} before a pooler",
                    fmt_count(connections), app_count, i.stack.app_pool_size, worker_count, i.stack.worker_pool_size,
                    fmt_count(th.pooler_connections)
                ),
            });
            let model = self
                .fresh(
                    Change::ConnectionPooler,
                    Basis::Model,
                    connections > db_sku.max_connections,
                )
                .then(|| Trigger {
                    metric: "connections",
                    value: connections,
                    threshold: db_sku.max_connections,
                    reason: format!(
                        "{} client connections exceed the connection limit of {} on {}",
                        fmt_count(connections),
                        fmt_count(db_sku.max_connections),
                        db_sku.id
                    ),
                });
            self.adopted.pooler = self.decide(
                t,
                Change::ConnectionPooler,
                self.adopted.pooler,
                model,
                rule,
            );
        }
        let pooler = match self.pooler_index {
            Some(k) if self.adopted.pooler => {
                self.used_app[k] = true;
                Some(PoolerTier {
                    sku: Arc::clone(&self.catalog.app_skus[k].id),
                    count: if ha { 2 } else { 1 },
                })
            }
            _ => None,
        };
        if !self.adopted.pooler && connections > db_sku.max_connections {
            self.warn_once("connections", Some(t), || format!(
                "{} client connections exceed {}'s limit of {} and no pooler is adopted (stack.adopt = {})",
                fmt_count(connections), db_sku.id, fmt_count(db_sku.max_connections), adoption_name(i.stack.adopt)
            ));
        }

        // ---- Egress, storage, CDN ----
        let api_gb = requests_per_day * DAYS_PER_MONTH * u.response_kb / 1e6;
        let static_gb = dau * u.page_views_per_dau_per_day * DAYS_PER_MONTH * u.page_kb / 1e6;
        let media_gb = dau * u.media_views_per_dau_per_day * DAYS_PER_MONTH * u.media_kb / 1e6;
        let edge_gb = static_gb + media_gb;
        let edge_requests =
            dau * (u.page_views_per_dau_per_day + u.media_views_per_dau_per_day) * DAYS_PER_MONTH;
        let origin_fetch_gb = (1.0 - u.cdn_hit_ratio) * edge_gb;
        let cdn_cost = self.price(RateName::CdnEgress).cost(edge_gb)
            + self.price(RateName::CdnRequests).cost(edge_requests)
            + self.price(RateName::OriginToCdn).cost(origin_fetch_gb);
        if edge_gb > 0.0 && self.open(Change::Cdn) {
            let origin = self.price(RateName::OriginEgress);
            let origin_edge = origin.cost(api_gb + edge_gb) - origin.cost(api_gb);
            let rule = self
                .fresh(Change::Cdn, Basis::RuleOfThumb, dau >= th.cdn_dau)
                .then(|| Trigger {
                    metric: "dau",
                    value: dau,
                    threshold: th.cdn_dau,
                    reason: format!(
                        "{} DAU reached the rule's {} DAU for a CDN",
                        fmt_count(dau),
                        fmt_count(th.cdn_dau)
                    ),
                });
            let model = self.fresh(Change::Cdn, Basis::Model, cdn_cost < origin_edge).then(|| Trigger {
                metric: "origin_egress_usd",
                value: origin_edge,
                threshold: cdn_cost,
                reason: format!(
                    "serving {} of static and media bytes from the origin costs {}; through the CDN it costs {}",
                    fmt_gb(edge_gb), fmt_usd(origin_edge), fmt_usd(cdn_cost)
                ),
            });
            self.adopted.cdn = self.decide(t, Change::Cdn, self.adopted.cdn, model, rule);
        }
        let cdn = self.adopted.cdn;
        let (origin_gb, cdn_gb) = if cdn {
            (api_gb, edge_gb)
        } else {
            (api_gb + edge_gb, 0.0)
        };
        let media_gets = dau
            * u.media_views_per_dau_per_day
            * DAYS_PER_MONTH
            * if cdn { 1.0 - u.cdn_hit_ratio } else { 1.0 };
        let object_puts = uploads_mb / d.object_mb;

        // ---- Service extraction (rule of thumb only) ----
        for (k, service) in SERVICES.into_iter().enumerate() {
            let allowed = match service {
                Service::Payments => i.stack.extract_payments,
                Service::Search => i.stack.extract_search,
                Service::Media => i.stack.extract_media,
            };
            let change = Change::extract(service);
            if !allowed || !self.open(change) {
                continue;
            }
            let rule = self.fresh(change, Basis::RuleOfThumb, dau >= th.extraction_dau && engineers > th.team_engineers).then(|| Trigger {
                metric: "dau",
                value: dau,
                threshold: th.extraction_dau,
                reason: format!(
                    "{} DAU reached the rule's {} DAU for extracting services, and the team ({} engineers) exceeds the {} engineers microservices need",
                    fmt_count(dau), fmt_count(th.extraction_dau), fmt_num(engineers.floor()), fmt_num(th.team_engineers)
                ),
            });
            self.adopted.services[k] = self.decide(t, change, self.adopted.services[k], None, rule);
        }
        let services: Vec<Service> = SERVICES
            .into_iter()
            .enumerate()
            .filter(|(k, _)| self.adopted.services[*k])
            .map(|(_, s)| s)
            .collect();

        // ---- Latency and multi-region ----
        let queries_per_request = u.db_reads_per_request
            * if cache_on { cache_factor } else { 1.0 }
            + u.db_writes_per_request;
        let api_p95_ms = match (app_latency, db_latency) {
            (
                Latency::Stable { p95_ms, .. },
                Latency::Stable {
                    mean_response_ms, ..
                },
            ) => Some(p95_ms + queries_per_request * mean_response_ms),
            _ => None,
        };
        if i.stack.extra_regions > 0 && dau > 0.0 && self.open(Change::MultiRegion) {
            let far = u.far_users_share;
            let by_dau = dau >= th.multi_region_dau;
            let by_far = far > 0.0 && far >= th.multi_region_far_share;
            let rule = self
                .fresh(Change::MultiRegion, Basis::RuleOfThumb, by_dau || by_far)
                .then(|| {
                    if by_dau {
                        Trigger {
                            metric: "dau",
                            value: dau,
                            threshold: th.multi_region_dau,
                            reason: format!(
                                "{} DAU reached the rule's {} DAU for a second region",
                                fmt_count(dau),
                                fmt_count(th.multi_region_dau)
                            ),
                        }
                    } else {
                        Trigger {
                            metric: "far_users_share",
                            value: far,
                            threshold: th.multi_region_far_share,
                            reason: format!(
                                "{}% of users are far from the home region (rule: {}%)",
                                fmt_num(far * 100.0),
                                fmt_num(th.multi_region_far_share * 100.0)
                            ),
                        }
                    }
                });
            // Distance, not load: far users' latency with no queueing at all (the
            // requests' own service time and database work plus the round trip) is a
            // floor no capacity at home can lower, and it does not change with scale.
            let floor_ms =
                service_ms * LN_20 + queries_per_request * db_service_ms + u.far_users_rtt_ms;
            let model = (far > 0.0 && self.fresh(Change::MultiRegion, Basis::Model, floor_ms > th.p95_slo_ms)).then(|| Trigger {
                metric: "far_users_p95_floor_ms",
                value: floor_ms,
                threshold: th.p95_slo_ms,
                reason: format!(
                    "far users' p95 cannot fall below {} ms even with no queueing ({} ms of service and database time + {} ms round trip), over the {} ms objective: only a region nearer to them helps",
                    fmt_count(floor_ms), fmt_count(floor_ms - u.far_users_rtt_ms), fmt_num(u.far_users_rtt_ms), fmt_num(th.p95_slo_ms)
                ),
            });
            self.adopted.regions =
                self.decide(t, Change::MultiRegion, self.adopted.regions, model, rule);
        }
        let extra_regions = if self.adopted.regions {
            i.stack.extra_regions
        } else {
            0
        };

        // ---- Costs ----
        let app_price = app.price.usd_per_month();
        let mut c = Costs {
            app: app_count as f64 * app_price,
            database: db.instance_cost,
            db_storage: db.storage_cost,
            ..Costs::default()
        };
        if let (Some(p), Some(k)) = (&pooler, self.pooler_index) {
            c.pooler = f64::from(p.count) * self.catalog.app_skus[k].price.usd_per_month();
        }
        if cache_on {
            c.cache = cache_plan.cost;
        }
        if let Some(w) = &workers {
            c.workers = f64::from(w.count) * app_price;
            c.queue = self.rate(RateName::QueueMessages, w.messages);
        }
        c.object_storage = self.rate(RateName::ObjectStorage, self.object_gb)
            + self.rate(RateName::ObjectWrites, object_puts)
            + self.rate(RateName::ObjectReads, media_gets);
        c.egress = self.rate(RateName::OriginEgress, origin_gb);
        if cdn {
            c.cdn = cdn_cost;
            self.use_rate(RateName::CdnEgress, edge_gb);
            self.use_rate(RateName::CdnRequests, edge_requests);
            self.use_rate(RateName::OriginToCdn, origin_fetch_gb);
        }
        c.auth = self.rate(RateName::AuthBase, 1.0) + self.rate(RateName::AuthMau, mau);
        let payments_percent = self.rate(
            RateName::PaymentsPercent,
            customers * i.revenue.arpa_usd_per_month,
        );
        c.payments = payments_percent + self.rate(RateName::PaymentsFixed, customers);
        c.email = self.rate(RateName::Email, u.emails_per_mau_per_month * mau);
        let agent_hosts =
            app_count + worker_count + pooler.as_ref().map_or(0, |p| u64::from(p.count));
        c.monitoring = self.rate(RateName::MonitoringHost, agent_hosts as f64);
        c.error_tracking = self.rate(RateName::ErrorTracking, 1.0);
        if self.adopted.services[SEARCH] {
            c.search = self.rate(RateName::SearchBase, 1.0)
                + self.rate(
                    RateName::SearchRequests,
                    dau * u.search_requests_per_dau_per_day * DAYS_PER_MONTH,
                );
        }
        let az = if ha {
            self.price(RateName::DbMultiAz).first()
        } else {
            1.0
        };
        if !services.is_empty() {
            // Each extracted service: two app instances, the smallest database, their monitoring.
            let smallest_db = &self.catalog.db_skus[0];
            self.used_db[0] = true;
            let per_service = SERVICE_APP_INSTANCES as f64 * app_price
                + smallest_db.price.usd_per_month() * az
                + self.rate(RateName::MonitoringHost, SERVICE_APP_INSTANCES as f64);
            c.services = per_service * services.len() as f64;
        }
        if extra_regions > 0 {
            // Each extra region: app instances for its share of traffic (at least two),
            // a read replica of every shard's primary with its storage, their monitoring.
            let share = if u.far_users_share > 0.0 {
                u.far_users_share
            } else {
                1.0 / (1.0 + f64::from(extra_regions))
            };
            let region_apps = ((app_count as f64 * share).ceil() as u64).max(2);
            let per_region = region_apps as f64 * app_price
                + db.shards as f64 * db_sku.price.usd_per_month()
                + self.rate(RateName::DbStorage, db_gb)
                + self.rate(RateName::MonitoringHost, region_apps as f64);
            c.regions = per_region * f64::from(extra_regions);
        }
        c.ai =
            dau * u.ai_tokens_per_dau_per_day * DAYS_PER_MONTH / 1e6 * u.ai_usd_per_million_tokens;
        c.platform = self
            .catalog
            .fixed_fees
            .iter()
            .fold(0.0, |sum, f| sum + f.usd);
        let total_usd = c.total();

        // ---- Warnings on latency ----
        if app_latency.is_saturated() {
            self.warn_once("app_saturated", Some(t), || {
                "the app tier is saturated at peak (utilisation ≥ 100%): no latency figure exists"
                    .to_owned()
            });
        }
        if db_latency.is_saturated() {
            self.warn_once("db_saturated", Some(t), || {
                "the database primary is saturated at peak (utilisation ≥ 100%)".to_owned()
            });
        }
        if let Some(p) = api_p95_ms.filter(|p| *p > th.p95_slo_ms) {
            self.warn_once("slo", Some(t), || format!(
                "API p95 is about {} ms at peak, over the {} ms objective (app {} ms CPU per request)",
                fmt_count(p), fmt_num(th.p95_slo_ms), fmt_num(u.app_cpu_ms_per_request)
            ));
        }

        Month {
            month: t,
            stage,
            registered,
            mau,
            dau,
            customers,
            revenue_usd,
            engineers,
            peak_rps,
            db_reads_per_s: reads_at_db,
            db_writes_per_s: writes,
            db_storage_gb: db_gb,
            object_storage_gb: self.object_gb,
            egress_gb: Egress {
                api: api_gb,
                static_assets: static_gb,
                media: media_gb,
                origin: origin_gb,
                cdn: cdn_gb,
            },
            api_p95_ms,
            tiers: Tiers {
                app: AppTier {
                    sku: Arc::clone(&app.id),
                    count: clamp_u32(app_count),
                    utilization: app_utilization,
                    p95_ms: app_latency.p95_ms(),
                    saturated: app_latency.is_saturated(),
                    in_flight: in_flight(peak_rps, latency_mean(app_latency, service_ms)),
                },
                db: DbTier {
                    sku: Arc::clone(&db_sku.id),
                    count: clamp_u32(db.shards.saturating_mul(db.replicas.saturating_add(1))),
                    replicas: clamp_u32(db.replicas),
                    shards: clamp_u32(db.shards),
                    utilization: db_utilization,
                    p95_ms: db_latency.p95_ms(),
                    saturated: db_latency.is_saturated(),
                    multi_az: ha,
                    connections,
                    connection_limit: db_sku.max_connections,
                    in_flight: in_flight(db.primary_qps, latency_mean(db_latency, db_service_ms)),
                    hot_set_gb: hot_gb / db.shards as f64,
                    ram_gb: db_sku.ram_gb,
                },
                cache: cache_tier,
                workers,
                pooler,
                cdn,
                services,
                extra_regions,
            },
            costs_usd: c,
            total_usd,
            cost_per_customer_usd: (customers >= 1.0).then(|| total_usd / customers),
            cost_per_mau_usd: (mau >= 1.0).then(|| total_usd / mau),
            // Like the per-customer and per-MAU figures, only from a whole unit
            // (a cent): a positive revenue of a fraction of a cent (a subnormal
            // price) made the share overflow to infinity.
            cost_share_of_revenue: (revenue_usd >= MIN_REVENUE_FOR_SHARE_USD)
                .then(|| total_usd / revenue_usd),
        }
    }

    // ---- Sizing ------------------------------------------------------------------

    /// The cheapest database layout for a load: vertical first (in price order),
    /// then read replicas of the largest SKU for reads beyond what its primary
    /// has room for; shards when writes, the hot set, the data or the reads
    /// outgrow the largest instance with its replicas. Shards never merge.
    fn plan_db(&self, reads: f64, writes: f64, db_gb: f64, ha: bool) -> DbPlan {
        let i = self.input;
        let ladder = &self.catalog.db_skus;
        let cap = |k: usize| self.db_cap[k];
        let largest = self.db_largest;
        let (cap_l, ram_l) = (cap(largest), ladder[largest].ram_gb);
        let read_busy = reads * i.usage.db_read_ms / 1_000.0;
        let write_busy = writes * i.usage.db_write_ms / 1_000.0;
        let hot_gb = i.data.hot_share * db_gb;

        // Shards each limit of the largest instance calls for; the most binding wins
        // (ties go to the first listed).
        let needs = [
            (
                ShardCause::Writes,
                count_for(write_busy, cap_l * WRITE_SHARE_OF_PRIMARY),
            ),
            (ShardCause::HotSet, count_for(hot_gb, ram_l)),
            (
                ShardCause::Storage,
                ladder[largest]
                    .max_storage_gb
                    .map_or(0, |m| count_for(db_gb, m)),
            ),
            (
                ShardCause::Reads,
                count_for(
                    read_busy + write_busy,
                    cap_l * (MAX_READ_REPLICAS + 1) as f64,
                ),
            ),
        ];
        let (cause, most) = needs
            .iter()
            .fold((ShardCause::Earlier, 0), |best, &(c, n)| {
                if n > best.1 {
                    (c, n)
                } else {
                    best
                }
            });
        let shards = self.shards_needed.max(most).max(1);
        let shard_cause = if most >= shards {
            cause
        } else {
            ShardCause::Earlier
        };

        let s = shards as f64;
        let (r_s, w_s, hot_s, gb_s) = (read_busy / s, write_busy / s, hot_gb / s, db_gb / s);
        let fits = |k: usize| {
            cap(k) >= r_s + w_s
                && ladder[k].ram_gb >= hot_s
                && ladder[k].max_storage_gb.is_none_or(|m| m >= gb_s)
        };
        let (sku, replicas, primary_busy, primary_read_share) =
            match (0..ladder.len()).find(|&k| fits(k)) {
                Some(k) => (k, 0, r_s + w_s, 1.0),
                None => {
                    // Reads beyond what the primary has room for go to replicas of the largest SKU.
                    let room = (cap_l - w_s).max(0.0);
                    let replicas = count_for(r_s - room, cap_l).clamp(1, MAX_READ_REPLICAS);
                    let primary_reads = r_s.min(room);
                    (
                        largest,
                        replicas,
                        w_s + primary_reads,
                        if r_s > 0.0 { primary_reads / r_s } else { 0.0 },
                    )
                }
            };
        let az = if ha {
            self.price(RateName::DbMultiAz).first()
        } else {
            1.0
        };
        let nodes = az + replicas as f64;
        let instance_cost = s * self.db_price[sku] * nodes;
        let storage_cost = self.price(RateName::DbStorage).cost(db_gb * nodes);
        DbPlan {
            sku,
            replicas,
            shards,
            shard_cause,
            primary_busy,
            primary_qps: (reads * primary_read_share + writes) / s,
            cost: instance_cost + storage_cost,
            instance_cost,
            storage_cost,
        }
    }

    /// The cheapest cache layout holding the cached set (÷ usable share) and serving
    /// the cacheable reads; replicated when high availability applies.
    fn plan_cache(&self, ops_per_s: f64, cache_set_gb: f64, ha: bool) -> CachePlan {
        let ladder = &self.catalog.cache_skus;
        let target = self.input.thresholds.target_utilization;
        let memory_needed_gb = cache_set_gb / CACHE_USABLE_MEMORY_SHARE;
        let fits = |k: usize| {
            ladder[k].memory_gb >= memory_needed_gb && ladder[k].max_ops_per_s * target >= ops_per_s
        };
        let (sku, nodes) = match (0..ladder.len()).find(|&k| fits(k)) {
            Some(k) => (k, 1),
            None => {
                let l = (0..ladder.len())
                    .max_by(|&a, &b| ladder[a].memory_gb.total_cmp(&ladder[b].memory_gb))
                    .unwrap_or(0);
                let nodes = count_for(memory_needed_gb, ladder[l].memory_gb)
                    .max(count_for(ops_per_s, ladder[l].max_ops_per_s * target))
                    .max(1);
                (l, nodes)
            }
        };
        let count = if ha { nodes * 2 } else { nodes };
        CachePlan {
            sku,
            count,
            primaries: nodes,
            cost: count as f64 * ladder[sku].price.usd_per_month(),
            memory_needed_gb,
        }
    }

    fn describe_db(&self, p: &DbPlan) -> String {
        let sku = &self.catalog.db_skus[p.sku].id;
        match (p.shards, p.replicas) {
            (1, 0) => sku.to_string(),
            (1, r) => format!("{sku} with {r} read replica{}", plural(r)),
            (s, 0) => format!("{s} shards of {sku}"),
            (s, r) => format!(
                "{s} shards of {sku}, each with {r} read replica{}",
                plural(r)
            ),
        }
    }

    /// Model events for the database topology (each step), plus the rules of thumb
    /// for replicas and sharding, which are shown beside the model's sizing.
    fn db_events(&mut self, t: u32, db: &DbPlan, reads: f64, writes: f64, db_gb: f64) {
        let i = self.input;
        let th = &i.thresholds;
        let ladder = &self.catalog.db_skus;
        // Rule of thumb: replicas when the current primary's CPU is high and reads dominate.
        if let Some(prev) = self.prev_db {
            let sku = &ladder[prev.sku];
            let s = prev.shards as f64;
            let busy = (reads * i.usage.db_read_ms + writes * i.usage.db_write_ms) / 1_000.0 / s;
            let cpu = busy / (sku.vcpu * sku.baseline_cpu_share * (1 + prev.replicas) as f64);
            let read_share = if reads + writes > 0.0 {
                reads / (reads + writes)
            } else {
                0.0
            };
            if self.fresh(
                Change::ReadReplica,
                Basis::RuleOfThumb,
                cpu > th.replica_db_cpu && read_share >= th.replica_read_share,
            ) {
                self.record(t, Change::ReadReplica, Basis::RuleOfThumb, false, Trigger {
                    metric: "db_cpu_utilization",
                    value: cpu,
                    threshold: th.replica_db_cpu,
                    reason: format!(
                        "database CPU would reach {} on {} and {} of queries are reads; the rule adds read replicas above {} CPU with ≥ {} reads (the model sizes the database itself: see its events)",
                        format::percent(cpu), sku.id, format::percent(read_share), format::percent(th.replica_db_cpu), format::percent(th.replica_read_share)
                    ),
                });
            }
        }
        if self.fresh(Change::Sharding, Basis::RuleOfThumb, db_gb > th.shard_db_gb) {
            self.record(t, Change::Sharding, Basis::RuleOfThumb, false, Trigger {
                metric: "db_storage_gb",
                value: db_gb,
                threshold: th.shard_db_gb,
                reason: format!(
                    "the database holds {}, over the rule's {} for sharding (the model shards only when writes, RAM, storage or reads outgrow the largest instance and its replicas)",
                    fmt_gb(db_gb), fmt_gb(th.shard_db_gb)
                ),
            });
        }
        // Model: each vertical step, each replica, each split.
        let sku = &ladder[db.sku];
        let rank = |k: usize| ladder[k].price.usd_per_month();
        let upgraded = match self.db_high_sku {
            None => false,
            Some(high) => rank(db.sku) > rank(high),
        };
        if upgraded {
            let prev = &ladder[self.db_high_sku.unwrap_or(0)];
            let cap_prev = prev.vcpu * prev.baseline_cpu_share * th.db_target_utilization;
            let hot_s = i.data.hot_share * db_gb / db.shards as f64;
            let gb_s = db_gb / db.shards as f64;
            let storage_limit = prev.max_storage_gb.filter(|&m| gb_s > m);
            let (metric, value, threshold, why) = if let Some(limit) = storage_limit {
                (
                    "db_storage_gb",
                    gb_s,
                    limit,
                    format!(
                        "the data ({}) outgrew {}'s storage limit of {}",
                        fmt_gb(gb_s),
                        prev.id,
                        fmt_gb(limit)
                    ),
                )
            } else if hot_s > prev.ram_gb {
                (
                    "db_hot_set_gb",
                    hot_s,
                    prev.ram_gb,
                    format!(
                        "the hot working set ({}) outgrew {}'s {} of RAM",
                        fmt_gb(hot_s),
                        prev.id,
                        fmt_gb(prev.ram_gb)
                    ),
                )
            } else {
                let busy = db.primary_busy;
                (
                    "db_busy_cores",
                    busy,
                    cap_prev,
                    format!(
                        "the primary needs {} busy cores at peak, over {}'s {} at the {} target",
                        format::fixed(busy, 2),
                        prev.id,
                        format::fixed(cap_prev, 2),
                        format::percent(th.db_target_utilization)
                    ),
                )
            };
            self.push_event(
                t,
                Change::DbUpgrade,
                Basis::Model,
                true,
                Trigger {
                    metric,
                    value,
                    threshold,
                    reason: format!(
                        "{why}: move to {} ({} vCPU, {} RAM, {})",
                        sku.id,
                        fmt_num(sku.vcpu),
                        fmt_gb(sku.ram_gb),
                        fmt_usd(sku.price.usd_per_month())
                    ),
                },
            );
        }
        if self.db_high_sku.is_none_or(|h| rank(db.sku) > rank(h)) {
            self.db_high_sku = Some(db.sku);
        }
        if db.replicas > self.db_high_replicas {
            let cap = sku.vcpu * sku.baseline_cpu_share * th.db_target_utilization;
            self.push_event(t, Change::ReadReplica, Basis::Model, true, Trigger {
                metric: "db_busy_cores",
                value: (reads * i.usage.db_read_ms + writes * i.usage.db_write_ms) / 1_000.0 / db.shards as f64,
                threshold: cap,
                reason: format!(
                    "{}, the largest allowed instance, cannot carry the load alone ({} busy cores per shard against {}): {} read replica{} now carry the reads",
                    sku.id, format::fixed((reads * i.usage.db_read_ms + writes * i.usage.db_write_ms) / 1_000.0 / db.shards as f64, 2), format::fixed(cap, 2), db.replicas, plural(db.replicas)
                ),
            });
            self.db_high_replicas = db.replicas;
        }
        self.shards_needed = self.shards_needed.max(db.shards);
        // An event at the first split and at each doubling after it: the timeline
        // marks the steps a person plans for, not every shard the data adds.
        let next_step = if self.db_high_shards == 1 {
            2
        } else {
            self.db_high_shards.saturating_mul(2)
        };
        if db.shards >= next_step {
            let l = &ladder[self.db_largest];
            let before = self.prev_db.map_or(1, |p| p.shards);
            let cap_l = l.vcpu * l.baseline_cpu_share * th.db_target_utilization;
            let write_busy = writes * i.usage.db_write_ms / 1_000.0;
            let busy = write_busy + reads * i.usage.db_read_ms / 1_000.0;
            let hot = i.data.hot_share * db_gb;
            let (metric, value, threshold, why) = match db.shard_cause {
                ShardCause::Writes => ("db_write_busy_cores", write_busy, cap_l * WRITE_SHARE_OF_PRIMARY, format!(
                    "writes need {} busy cores, more than {} of what one {} primary carries ({})",
                    format::fixed(write_busy, 2), format::percent(WRITE_SHARE_OF_PRIMARY), l.id, format::fixed(cap_l * WRITE_SHARE_OF_PRIMARY, 2)
                )),
                ShardCause::Storage => ("db_storage_gb", db_gb, l.max_storage_gb.unwrap_or(db_gb), format!(
                    "the data ({}) exceeds the storage limit of the largest instance ({})",
                    fmt_gb(db_gb), fmt_gb(l.max_storage_gb.unwrap_or(db_gb))
                )),
                ShardCause::Reads => ("db_busy_cores", busy, cap_l * (MAX_READ_REPLICAS + 1) as f64, format!(
                    "the load ({} busy cores) needs more than a {} primary and its {MAX_READ_REPLICAS} read replicas (the most one source takes) can carry",
                    format::fixed(busy, 2), l.id
                )),
                ShardCause::HotSet | ShardCause::Earlier => ("db_hot_set_gb", hot, l.ram_gb * before as f64, format!(
                    "the hot working set ({}) is larger than the RAM of {} largest instance{} ({} each)",
                    fmt_gb(hot), before, plural(before), fmt_gb(l.ram_gb)
                )),
            };
            self.push_event(
                t,
                Change::Sharding,
                Basis::Model,
                true,
                Trigger {
                    metric,
                    value,
                    threshold,
                    reason: format!("{why}: split into {} shards (from {before})", db.shards),
                },
            );
            self.db_high_shards = db.shards;
        }
    }

    // ---- Events ------------------------------------------------------------------

    /// Whether `basis` has yet to record its first event for `change`, and `cond` holds:
    /// a reason (with its text) is built only when it will be recorded.
    fn fresh(&self, change: Change, basis: Basis, cond: bool) -> bool {
        cond && self.recorded & event_bit(change, basis) == 0
    }

    /// Whether either basis has yet to speak to `change`: both are evaluated until
    /// each has recorded its first month, so the gaps report both.
    fn open(&self, change: Change) -> bool {
        let both = event_bit(change, Basis::Model) | event_bit(change, Basis::RuleOfThumb);
        self.recorded & both != both
    }

    /// Record the first month each basis calls for a change and return whether the
    /// change is made (now or before), per the adoption policy.
    fn decide(
        &mut self,
        t: u32,
        change: Change,
        already: bool,
        model: Option<Trigger>,
        rule: Option<Trigger>,
    ) -> bool {
        let policy = self.input.stack.adopt;
        let acts_on = |basis: Basis| match policy {
            Adoption::Either => true,
            Adoption::Model => basis == Basis::Model,
            Adoption::RuleOfThumb => basis == Basis::RuleOfThumb,
        };
        let mut made = already;
        for (basis, trigger) in [(Basis::Model, model), (Basis::RuleOfThumb, rule)] {
            let Some(trigger) = trigger else { continue };
            let adopt_now = !made && acts_on(basis);
            if self.recorded & event_bit(change, basis) == 0 {
                self.record(t, change, basis, adopt_now, trigger);
            }
            made |= adopt_now;
        }
        made
    }

    fn record(&mut self, t: u32, change: Change, basis: Basis, adopted: bool, trigger: Trigger) {
        self.recorded |= event_bit(change, basis);
        self.push_event(t, change, basis, adopted, trigger);
    }

    fn push_event(
        &mut self,
        t: u32,
        change: Change,
        basis: Basis,
        adopted: bool,
        trigger: Trigger,
    ) {
        self.events.push(Event {
            month: t,
            change,
            basis,
            metric: trigger.metric.to_owned(),
            value: trigger.value,
            threshold: trigger.threshold,
            reason: trigger.reason,
            adopted,
        });
    }

    // ---- Prices ------------------------------------------------------------------

    /// The catalog's rate (resolved once in [`Engine::new`]).
    fn price(&self, name: RateName) -> &'a Rate {
        self.rates[name as usize]
    }

    /// The monthly cost of `quantity` at a rate, noting the rate as used.
    fn rate(&mut self, name: RateName, quantity: f64) -> f64 {
        self.use_rate(name, quantity);
        self.price(name).cost(quantity)
    }

    /// Note a rate as used by this projection when it priced something.
    fn use_rate(&mut self, name: RateName, quantity: f64) {
        if quantity > 0.0 {
            self.used_rates |= 1 << name as u32;
        }
    }

    // ---- Warnings ----------------------------------------------------------------

    /// A warning of this kind, once: the message is built only the first time.
    fn warn_once(
        &mut self,
        kind: &'static str,
        month: Option<u32>,
        message: impl FnOnce() -> String,
    ) {
        if self.warned.insert(kind) {
            self.warnings.push(Warning {
                month,
                message: message(),
            });
        }
    }

    /// Inputs that are valid but outside what is usually seen.
    fn input_warnings(&mut self) {
        let i = self.input;
        let (g, u) = (&i.growth, &i.usage);
        if g.dau_share > 0.8 {
            self.warn_once("plaus_dau", None, || format!("growth.dau_share = {}: more than 80% of monthly users active every day is rare", g.dau_share));
        }
        if u.requests_per_dau_per_day > 5_000.0 {
            self.warn_once("plaus_requests", None, || format!("usage.requests_per_dau_per_day = {}: over 5,000 requests per user per day is unusual outside machine clients", u.requests_per_dau_per_day));
        }
        if u.peak_to_average > 10.0 {
            self.warn_once("plaus_peak", None, || format!("usage.peak_to_average = {}: a peak over 10× the daily average is unusual; 2–4 is typical", u.peak_to_average));
        }
        if u.app_cpu_ms_per_request > 500.0 {
            self.warn_once("plaus_cpu", None, || format!("usage.app_cpu_ms_per_request = {}: over 500 ms of CPU per request is unusually heavy", u.app_cpu_ms_per_request));
        }
        if g.monthly_rate > 0.5 && g.mode != GrowthMode::PerStage {
            self.warn_once("plaus_growth", None, || {
                format!(
                    "growth.monthly_rate = {}: over 50% a month sustained for years is rare",
                    g.monthly_rate
                )
            });
        }
        if u.cache_hit_ratio > 0.99 {
            self.warn_once("plaus_hit", None, || {
                format!(
                    "usage.cache_hit_ratio = {}: above 99% is optimistic for application caches",
                    u.cache_hit_ratio
                )
            });
        }
    }

    // ---- Summary -----------------------------------------------------------------

    /// The price keys this projection used whose figures are unverified, in the
    /// catalog's key form (`app:<sku>`, `db:<sku>`, `cache:<sku>`, `<rate>`).
    fn unverified_used(&self) -> Vec<String> {
        let c = self.catalog;
        let mut out = Vec::new();
        for (k, sku) in c.app_skus.iter().enumerate() {
            if self.used_app[k] && !sku.price.source.verified {
                out.push(format!("app:{}", sku.id));
            }
        }
        for (k, sku) in c.db_skus.iter().enumerate() {
            if self.used_db[k] && !(sku.price.source.verified && sku.capacity_source.verified) {
                out.push(format!("db:{}", sku.id));
            }
        }
        for (k, sku) in c.cache_skus.iter().enumerate() {
            if self.used_cache[k] && !(sku.price.source.verified && sku.capacity_source.verified) {
                out.push(format!("cache:{}", sku.id));
            }
        }
        for name in RateName::ALL {
            if self.used_rates & (1 << name as u32) != 0
                && self.price(name).tiers.iter().any(|t| !t.source.verified)
            {
                out.push(name.key().to_owned());
            }
        }
        for fee in &c.fixed_fees {
            if !fee.source.verified {
                out.push(format!("fee:{}", fee.name));
            }
        }
        out
    }

    fn finish(mut self, months: Vec<Month>) -> Projection {
        let unverified_prices = self.unverified_used();
        if !unverified_prices.is_empty() {
            let n = unverified_prices.len();
            self.warn_once("unverified", None, || {
                format!(
                    "{n} price{} used here {} UNVERIFIED (seen only in third-party tables): {}",
                    plural(n as u64),
                    if n == 1 { "is" } else { "are" },
                    unverified_prices.join(", ")
                )
            });
        }
        let mut stages: Vec<StageSummary> = Vec::new();
        for m in &months {
            match stages.iter_mut().find(|s| s.stage == m.stage) {
                Some(s) => s.last_month = m.month,
                None => stages.push(StageSummary {
                    stage: m.stage,
                    first_month: m.month,
                    last_month: m.month,
                    recommended: m.stage.recommended_architecture().to_owned(),
                }),
            }
        }
        stages.sort_by_key(|s| s.stage);
        let gaps = gaps(&self.events, self.input.horizon_months);
        self.events.sort_by_key(|e| (e.month, e.change, e.basis));
        Projection {
            scenario: self.input.clone(),
            catalog: CatalogRef {
                id: self.catalog.id.clone(),
                released: self.catalog.released.clone(),
                overridden: self.input.stack.price_overrides.keys().cloned().collect(),
            },
            months,
            events: self.events,
            gaps,
            warnings: self.warnings,
            stages,
            unverified_prices,
        }
    }
}

/// Changes both kinds of reason speak to, and when each first does.
fn gaps(events: &[Event], horizon: u32) -> Vec<Gap> {
    const BOTH: [Change; 7] = [
        Change::ConnectionPooler,
        Change::Cache,
        Change::Cdn,
        Change::BackgroundJobs,
        Change::ReadReplica,
        Change::Sharding,
        Change::MultiRegion,
    ];
    let first = |change: Change, basis: Basis| {
        events
            .iter()
            .filter(|e| e.change == change && e.basis == basis)
            .map(|e| e.month)
            .min()
    };
    let mut out = Vec::new();
    for change in BOTH {
        let (model_month, rule_month) = (
            first(change, Basis::Model),
            first(change, Basis::RuleOfThumb),
        );
        // "Cache" reads "cache" mid-sentence; acronyms ("CDN") keep their case.
        let title = change.to_string();
        let name = match title.chars().nth(1) {
            Some(second) if second.is_lowercase() => title[..1].to_lowercase() + &title[1..],
            _ => title,
        };
        let note = match (model_month, rule_month) {
            (None, None) => continue,
            (Some(m), Some(r)) if m == r => format!("The rule of thumb and the model agree: {name} at month {m}."),
            (Some(m), Some(r)) if r < m => format!(
                "The rule of thumb calls for {name} at month {r}; the capacity math only at month {m}: {} month{} of headroom.",
                m - r, plural(u64::from(m - r))
            ),
            (Some(m), Some(r)) => format!(
                "The capacity math calls for {name} at month {m}, {} month{} before the rule of thumb (month {r}): the rule would be late.",
                r - m, plural(u64::from(r - m))
            ),
            (Some(m), None) => format!("The capacity math calls for {name} at month {m}; the rule of thumb does not within {horizon} months."),
            (None, Some(r)) => format!("The rule of thumb calls for {name} at month {r}; the capacity math does not within {horizon} months: headroom to the horizon."),
        };
        out.push(Gap {
            change,
            model_month,
            rule_month,
            note,
        });
    }
    out
}

fn latency_mean(l: Latency, service_ms: f64) -> f64 {
    match l {
        Latency::Stable {
            mean_response_ms, ..
        } => mean_response_ms,
        Latency::Saturated { .. } => service_ms,
    }
}

/// The policy's name as written in scenario files.
fn adoption_name(a: Adoption) -> &'static str {
    match a {
        Adoption::Either => "either",
        Adoption::Model => "model",
        Adoption::RuleOfThumb => "rule_of_thumb",
    }
}

/// The bit of a (change, basis) pair in [`Engine::recorded`].
fn event_bit(change: Change, basis: Basis) -> u64 {
    1 << (change as u32 * 2 + basis as u32)
}

/// Position of the largest database SKU: most sustainable capacity, then most RAM.
fn largest_db(catalog: &Catalog, target: f64) -> usize {
    let ladder = &catalog.db_skus;
    let cap = |k: usize| ladder[k].vcpu * ladder[k].baseline_cpu_share * target;
    (0..ladder.len())
        .max_by(|&a, &b| {
            cap(a)
                .total_cmp(&cap(b))
                .then(ladder[a].ram_gb.total_cmp(&ladder[b].ram_gb))
        })
        .unwrap_or(0)
}

/// Units needed to carry `load` at `capacity` each (0 when there is no load).
fn count_for(load: f64, capacity: f64) -> u64 {
    if load <= 0.0 || capacity <= 0.0 {
        return 0;
    }
    // An integer ceiling (exact below 2^53; `f64::ceil` is a library call on baseline
    // x86-64). `as` saturates: astronomically large loads give u64::MAX, never a panic.
    let x = load / capacity;
    let n = x as u64;
    if (n as f64) < x {
        n.saturating_add(1)
    } else {
        n
    }
}

/// Whole servers (cores) for the queueing model.
fn servers(cores: f64) -> u32 {
    (cores.floor() as u32).max(1)
}

fn clamp_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn fmt_usd(v: f64) -> String {
    format!("{}/month", format::usd(v))
}
