//! The projection engine: month by month, a short pipeline of stages.
//!
//! ```text
//! users → load → decisions (HA, jobs) → app and workers → cache and database
//!   → connections (pooler) → edge (CDN) → services → latency and regions
//!   → costs → warnings → the month
//! ```
//!
//! Each stage is a function in its own file with named input and output types.
//! A run's state is split into what it is: the read-only [`context::Context`],
//! the [`state::World`] (users and data so far), the architecture
//! [`state::Memory`] (changes made, what each basis has said, the database's
//! highs) and the [`journal::Journal`] (events, warnings, prices used). The same
//! stages serve the full projection ([`project`]) and the figures-only path of
//! Monte Carlo ([`path_figures`]), whose journal builds no text.
//!
//! Every formula here is stated in docs/MODEL.md with its source.

mod app;
mod availability;
mod cache;
mod connections;
mod context;
mod costs;
mod database;
mod database_events;
mod edge;
mod jobs;
mod journal;
mod load;
mod regions;
mod services;
mod state;
mod storage;
mod summary;
mod users;
mod warnings;

use std::sync::Arc;

pub use cache::CACHE_USABLE_MEMORY_SHARE;
pub use database::MAX_READ_REPLICAS;

use crate::catalog::RateName;
use crate::projection::{Change, DbTier, Month, PoolerTier, Projection, Tiers, WorkerTier};
use crate::queueing::{in_flight, mmc};
use crate::scenario::Scenario;
use context::Context;
use journal::{FirstMade, Journal, Narrative};
use regions::DbLatency;
use state::{Log, Memory, Used, UsedPrices, World};

/// Days per month for traffic volumes (docs/MODEL.md, "Time axis").
pub const DAYS_PER_MONTH: f64 = 30.4;
const SECONDS_PER_DAY: f64 = 86_400.0;
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
    let cx = Context::new(scenario);
    let mut journal = Narrative::default();
    warnings::inputs(&cx, &mut journal);
    let mut run = Run::new(&cx, journal);
    let months = (0..=cx.input.horizon_months)
        .map(|t| run.month(t))
        .collect();
    summary::finish(&cx, run.journal, &run.prices, months)
}

/// What a Monte Carlo path reports of its projection: per month the users
/// (MAU), the monthly cost and the cost per customer, and the first month each
/// change is made. Equal, bit for bit, to the same figures of [`project`].
#[derive(Debug, Clone, PartialEq)]
pub struct PathFigures {
    pub mau: Vec<f64>,
    pub total_usd: Vec<f64>,
    pub cost_per_customer_usd: Vec<Option<f64>>,
    /// Indexed by `Change as usize`.
    pub made: [Option<u32>; Change::ALL.len()],
}

impl PathFigures {
    /// The same figures read from a full projection.
    pub fn of(p: &Projection) -> PathFigures {
        let mut made = [None; Change::ALL.len()];
        for e in p.events.iter().filter(|e| e.adopted) {
            let first: &mut Option<u32> = &mut made[e.change as usize];
            if first.is_none_or(|m| e.month < m) {
                *first = Some(e.month);
            }
        }
        PathFigures {
            mau: p.months.iter().map(|m| m.mau).collect(),
            total_usd: p.months.iter().map(|m| m.total_usd).collect(),
            cost_per_customer_usd: p.months.iter().map(|m| m.cost_per_customer_usd).collect(),
            made,
        }
    }

    /// How many numbers a path of `months` months takes in its flat form.
    pub fn flat_len(months: usize) -> usize {
        3 * months + Change::ALL.len()
    }

    /// Append the figures as plain numbers, absent ones as NaN (the model never
    /// gives NaN): the form a Web Worker posts to the page.
    pub fn write_flat(&self, out: &mut Vec<f64>) {
        out.extend_from_slice(&self.mau);
        out.extend_from_slice(&self.total_usd);
        out.extend(
            self.cost_per_customer_usd
                .iter()
                .map(|v| v.unwrap_or(f64::NAN)),
        );
        out.extend(self.made.iter().map(|m| m.map_or(f64::NAN, f64::from)));
    }

    /// The paths of `months` months written by [`PathFigures::write_flat`],
    /// one after another; `None` if `data` is not whole paths.
    ///
    /// ```
    /// use headroom_models::engine::{path_figures, PathFigures};
    /// use headroom_models::Preset;
    /// let s = Preset::ConsumerApp.scenario();
    /// let p = path_figures(&s);
    /// let mut flat = Vec::new();
    /// p.write_flat(&mut flat);
    /// p.write_flat(&mut flat);
    /// let months = p.mau.len();
    /// assert_eq!(flat.len(), 2 * PathFigures::flat_len(months));
    /// assert_eq!(PathFigures::read_flat(&flat, months), Some(vec![p.clone(), p]));
    /// assert_eq!(PathFigures::read_flat(&flat[1..], months), None);
    /// ```
    pub fn read_flat(data: &[f64], months: usize) -> Option<Vec<PathFigures>> {
        let len = PathFigures::flat_len(months);
        if months == 0 || !data.len().is_multiple_of(len) {
            return None;
        }
        let present = |v: f64| (!v.is_nan()).then_some(v);
        let paths = data.chunks(len).map(|path| {
            let (mau, rest) = path.split_at(months);
            let (total, rest) = rest.split_at(months);
            let (per_customer, made) = rest.split_at(months);
            PathFigures {
                mau: mau.to_vec(),
                total_usd: total.to_vec(),
                cost_per_customer_usd: per_customer.iter().map(|&v| present(v)).collect(),
                made: std::array::from_fn(|i| present(made[i]).map(|m| m as u32)),
            }
        });
        Some(paths.collect())
    }
}

/// The figures-only projection: the stages of [`project`] with a journal that
/// keeps no text (no reasons, no warnings).
///
/// ```
/// use headroom_models::engine::{path_figures, PathFigures};
/// use headroom_models::{project, Preset};
/// let s = Preset::Marketplace.scenario();
/// assert_eq!(path_figures(&s), PathFigures::of(&project(&s)));
/// ```
pub fn path_figures(scenario: &Scenario) -> PathFigures {
    let cx = Context::new(scenario);
    let n = cx.input.horizon_months as usize + 1;
    let mut out = PathFigures {
        mau: Vec::with_capacity(n),
        total_usd: Vec::with_capacity(n),
        cost_per_customer_usd: Vec::with_capacity(n),
        made: [None; Change::ALL.len()],
    };
    let mut run = Run::new(&cx, FirstMade::default());
    for t in 0..=cx.input.horizon_months {
        let (sized, bill) = run.step(t);
        let p = &sized.people;
        let total = bill.costs.total();
        out.mau.push(p.mau);
        out.total_usd.push(total);
        out.cost_per_customer_usd
            .push(per_customer(total, p.customers));
    }
    out.made = run.journal.made;
    out
}

/// One projection in progress.
struct Run<'c, 'a, J> {
    cx: &'c Context<'a>,
    world: World,
    objects: storage::ObjectHistory,
    memory: Memory,
    prices: UsedPrices,
    journal: J,
}

impl<'c, 'a, J: Journal> Run<'c, 'a, J> {
    fn new(cx: &'c Context<'a>, journal: J) -> Self {
        Run {
            cx,
            world: World {
                registered: cx.input.growth.start_users,
                db_gb: cx.input.data.db_start_gb,
                object_gb: 0.0,
            },
            objects: storage::ObjectHistory::default(),
            memory: Memory::new(),
            prices: UsedPrices::new(cx.catalog),
            journal,
        }
    }

    /// Month `t` as the projection reports it.
    fn month(&mut self, t: u32) -> Month {
        let (sized, bill) = self.step(t);
        report(self.cx, sized, bill)
    }

    /// Month `t`: the stages in order, up to the bill.
    fn step(&mut self, t: u32) -> (Sized, costs::Bill) {
        let cx = self.cx;
        let Memory {
            adopted,
            spoken,
            db,
        } = &mut self.memory;
        let policy = cx.input.stack.adopt;
        let log = &mut Log::new(t, policy, spoken, &mut self.prices, &mut self.journal);
        let mut sized = size(cx, &mut self.world, adopted, db, log);
        sized.cold = self.objects.month(cx, t, sized.world.object_gb);
        let bill = costs::month(cx, log, &sized);
        warnings::latency(cx, log, &sized.app, &sized.db_latency, sized.api_p95_ms);
        (sized, bill)
    }
}

/// A month's sized system, before it is priced and reported.
struct Sized {
    month: u32,
    people: users::People,
    load: load::Load,
    world: World,
    /// Objects in the infrequent-access tier (set after sizing: it needs the
    /// months before).
    cold: storage::ColdObjects,
    ha: bool,
    app: app::AppSizing,
    workers: Option<WorkerTier>,
    data: cache::DataTiers,
    db_latency: DbLatency,
    connections: f64,
    pooler: Option<PoolerTier>,
    traffic: edge::Traffic,
    /// Which services are extracted, in the order of `services::SERVICES`.
    extracted: [bool; 3],
    api_p95_ms: Option<f64>,
    extra_regions: u32,
}

/// Users, load, the decisions and the sizing of every tier, in order.
fn size(
    cx: &Context,
    world: &mut World,
    adopted: &mut state::Adopted,
    db_memory: &mut state::DbMemory,
    log: &mut Log,
) -> Sized {
    let t = log.month;
    users::grow(cx, world, log);
    let people = users::people(cx, world, t);
    let load = load::month(cx, &people, t);
    load::accrue(cx, world, &people, &load, t);
    let ha = availability::decide(cx, adopted, log, &people);
    let jobs = jobs::decide(cx, adopted, log, &people);
    let app = app::size(cx, log, &load, jobs, ha);
    let workers = app::workers(cx, &load, jobs, ha);

    let bounds = database::Bounds {
        shards_needed: db_memory.shards_needed,
        ha,
    };
    let data = cache::decide(cx, adopted, log, &people, &load, world.db_gb, bounds);
    database_events::record(cx, db_memory, log, &data.db, &data.db_load);
    log.used(Used::Db(data.db.sku));
    log.used_rate(RateName::DbStorage, world.db_gb);
    if ha {
        log.used_rate(RateName::DbMultiAz, 1.0);
    }
    let db_latency = db_latency(cx, &data);
    db_memory.prev = Some(data.db);

    let worker_count = workers.as_ref().map_or(0, |w| u64::from(w.count));
    let db_sku = cx.db_sku(data.db.sku);
    let pooler = connections::pooler(cx, adopted, log, db_sku, app.count, worker_count, ha);
    let traffic = edge::decide(cx, adopted, log, &people, &load);
    let extracted = services::decide(cx, adopted, log, &people);
    let queries = regions::queries_per_request(cx, data.cache.is_some(), data.cache_factor);
    let api_p95_ms = regions::api_p95_ms(&app, &db_latency, queries);
    let extra_regions = regions::decide(cx, adopted, log, &people, &app, &db_latency, queries);
    Sized {
        month: t,
        people,
        load,
        world: *world,
        cold: storage::ColdObjects::default(),
        ha,
        app,
        workers,
        data,
        db_latency,
        connections: connections::count(cx, app.count, worker_count),
        pooler,
        traffic,
        extracted,
        api_p95_ms,
        extra_regions,
    }
}

/// The month as the projection reports it.
fn report(cx: &Context, s: Sized, bill: costs::Bill) -> Month {
    let costs = bill.costs;
    let total_usd = costs.total();
    let infrastructure_usd = costs.infrastructure();
    let p = s.people;
    Month {
        month: s.month,
        stage: p.stage,
        registered: p.registered,
        mau: p.mau,
        dau: p.dau,
        customers: p.customers,
        revenue_usd: p.revenue_usd,
        engineers: p.engineers,
        peak_rps: s.load.peak_rps,
        db_reads_per_s: s.data.db_load.reads,
        db_writes_per_s: s.load.writes,
        db_storage_gb: s.world.db_gb,
        object_storage_gb: s.world.object_gb,
        egress_gb: s.traffic.egress,
        api_p95_ms: s.api_p95_ms,
        tiers: Tiers {
            app: s.app.tier(cx, &s.load),
            db: db_tier(cx, &s.data, &s.db_latency, s.connections, s.ha),
            cache: s.data.cache.map(|c| c.tier(cx)),
            workers: s.workers,
            pooler: s.pooler,
            cdn: s.traffic.cdn,
            services: services::extracted(s.extracted),
            extra_regions: s.extra_regions,
        },
        payment_fees_usd: costs.payment_fees(),
        infrastructure_usd,
        infrastructure_per_customer_usd: per_customer(infrastructure_usd, p.customers),
        costs_usd: costs,
        total_usd,
        commitment: bill.commitment,
        cost_per_customer_usd: per_customer(total_usd, p.customers),
        cost_per_mau_usd: (p.mau >= 1.0).then(|| total_usd / p.mau),
        // Like the per-customer and per-MAU figures, only from a whole unit
        // (a cent): a positive revenue of a fraction of a cent (a subnormal
        // price) made the share overflow to infinity.
        cost_share_of_revenue: (p.revenue_usd >= MIN_REVENUE_FOR_SHARE_USD)
            .then(|| total_usd / p.revenue_usd),
    }
}

/// Cost per customer: from the first whole customer.
fn per_customer(total_usd: f64, customers: f64) -> Option<f64> {
    (customers >= 1.0).then(|| total_usd / customers)
}

/// The primary's latency from its plan: Erlang C over its cores.
fn db_latency(cx: &Context, data: &cache::DataTiers) -> DbLatency {
    let db = &data.db;
    let service_ms = if db.primary_qps > 0.0 {
        db.primary_busy * 1_000.0 / db.primary_qps
    } else {
        0.0
    };
    DbLatency {
        latency: mmc(servers(cx.db_sku(db.sku).vcpu), db.primary_qps, service_ms),
        service_ms,
    }
}

/// The database tier as the projection reports it.
fn db_tier(
    cx: &Context,
    data: &cache::DataTiers,
    latency: &DbLatency,
    connections: f64,
    ha: bool,
) -> DbTier {
    let db = &data.db;
    let sku = cx.db_sku(db.sku);
    DbTier {
        sku: Arc::clone(&sku.id),
        count: clamp_u32(db.shards.saturating_mul(db.replicas.saturating_add(1))),
        replicas: clamp_u32(db.replicas),
        shards: clamp_u32(db.shards),
        utilization: db.primary_busy / sku.sustainable_cores(1.0),
        p95_ms: latency.latency.p95_ms(),
        saturated: latency.latency.is_saturated(),
        multi_az: ha,
        connections,
        connection_limit: sku.max_connections,
        in_flight: in_flight(
            db.primary_qps,
            app::mean_response_ms(latency.latency, latency.service_ms),
        ),
        hot_set_gb: data.db_load.hot_gb / db.shards as f64,
        ram_gb: sku.ram_gb,
    }
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
