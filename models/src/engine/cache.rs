//! The cache: its layout for the cached set and the cacheable reads, and the
//! decision to adopt one, which also settles the database plan of the month
//! (with or without the reads the cache takes).

use std::sync::Arc;

use super::context::Context;
use super::database::{self, Bounds, DbLoad, DbPlan};
use super::journal::Trigger;
use super::load::Load;
use super::state::Used;
use super::state::{Adopted, Log};
use super::users::People;
use super::{clamp_u32, count_for};
use crate::format::usd_per_month;
use crate::format::{count as fmt_count, number as fmt_num};
use crate::projection::{Basis, CacheTier, Change};

/// Share of a Redis node's advertised memory usable for data: ElastiCache reserves
/// about 25% for overhead (shared/reference/capacity.json, AWS ElastiCache docs).
pub const CACHE_USABLE_MEMORY_SHARE: f64 = 0.75;

/// A cache layout for one month's load.
#[derive(Debug, Clone, Copy)]
pub(super) struct CachePlan {
    pub sku: usize,
    pub count: u64,
    /// Nodes holding data (the rest, under HA, are their replicas).
    pub primaries: u64,
    pub cost: f64,
    pub memory_needed_gb: f64,
    pub ops_per_s: f64,
}

impl CachePlan {
    /// The tier as the projection reports it.
    pub fn tier(&self, cx: &Context) -> CacheTier {
        let sku = cx.cache_sku(self.sku);
        CacheTier {
            sku: Arc::clone(&sku.id),
            count: clamp_u32(self.count),
            // Replicas under HA mirror the primaries: memory is used on the primaries.
            memory_utilization: self.memory_needed_gb / (sku.memory_gb * self.primaries as f64),
            ops_per_s: self.ops_per_s,
        }
    }
}

/// The month's database and cache, settled together.
#[derive(Debug, Clone, Copy)]
pub(super) struct DataTiers {
    pub db: DbPlan,
    /// What the database carries (reads after the cache, when there is one).
    pub db_load: DbLoad,
    /// Present once a cache is adopted.
    pub cache: Option<CachePlan>,
    /// Share of reads that still reach the database with a cache.
    pub cache_factor: f64,
}

/// The cheapest cache layout holding the cached set (÷ usable share) and serving
/// the cacheable reads; replicated when high availability applies.
fn plan(cx: &Context, ops_per_s: f64, cache_set_gb: f64, ha: bool) -> CachePlan {
    let ladder = &cx.catalog.cache_skus;
    let target = cx.input.thresholds.target_utilization;
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
        ops_per_s,
    }
}

/// Decide the cache (the rule by DAU; the model when the database it saves costs
/// more than the cache) and plan the database the month runs on.
pub(super) fn decide(
    cx: &Context,
    adopted: &mut Adopted,
    log: &mut Log,
    people: &People,
    load: &Load,
    db_gb: f64,
    bounds: Bounds,
) -> DataTiers {
    let ha = bounds.ha;
    let u = &cx.input.usage;
    let cache_factor = 1.0 - u.cacheable_read_share * u.cache_hit_ratio;
    let plain = DbLoad {
        reads: load.reads_raw,
        writes: load.writes,
        gb: db_gb,
        hot_gb: database::hot_set_gb(cx, people.dau, db_gb),
    };
    let cached = DbLoad {
        reads: load.reads_raw * cache_factor,
        ..plain
    };
    let cache_plan = plan(
        cx,
        load.reads_raw * u.cacheable_read_share,
        people.dau * cx.input.data.cached_kb_per_dau / 1e6,
        ha,
    );
    // The plan without a cache: what the month runs on until a cache is adopted,
    // and the model's yardstick for adopting one; the plan with a cache, once
    // computed this month for the model's reason.
    let mut db_cached = None;
    let open = load.reads_raw > 0.0 && log.open(Change::Cache);
    let db_plain = (!adopted.cache || open).then(|| database::plan(cx, &plain, bounds));
    if let (true, Some(db_plain)) = (open, db_plain) {
        let rule = rule_trigger(cx, log, people.dau);
        let model = log.fresh(Change::Cache, Basis::Model, true).then(|| {
            let with_cache = database::plan(cx, &cached, bounds);
            db_cached = Some(with_cache);
            model_trigger(cx, db_plain, with_cache, cache_plan.cost, cache_factor)
        });
        adopted.cache = log.decide(Change::Cache, adopted.cache, model.flatten(), rule);
    }
    let on = adopted.cache;
    let db_load = if on { cached } else { plain };
    let db = match (on, db_plain, db_cached) {
        (false, Some(plain), _) => plain,
        (true, _, Some(cached)) => cached,
        _ => database::plan(cx, &db_load, bounds),
    };
    if on {
        log.used(Used::Cache(cache_plan.sku));
    }
    DataTiers {
        db,
        db_load,
        cache: on.then_some(cache_plan),
        cache_factor,
    }
}

/// The rule of thumb: a cache from a number of DAU.
fn rule_trigger<'c>(
    cx: &'c Context,
    log: &Log,
    dau: f64,
) -> Option<Trigger<impl FnOnce() -> String + 'c>> {
    let th = &cx.input.thresholds;
    log.fresh(Change::Cache, Basis::RuleOfThumb, dau >= th.cache_dau)
        .then_some(Trigger {
            metric: "dau",
            value: dau,
            threshold: th.cache_dau,
            reason: move || {
                format!(
                    "{} DAU reached the rule's {} DAU for caching",
                    fmt_count(dau),
                    fmt_count(th.cache_dau)
                )
            },
        })
}

/// The model: a cache when the database it saves costs more than the cache.
fn model_trigger<'c>(
    cx: &'c Context,
    plain: DbPlan,
    cached: DbPlan,
    cache_cost: f64,
    cache_factor: f64,
) -> Option<Trigger<impl FnOnce() -> String + 'c>> {
    let saving = plain.cost - cached.cost;
    (saving > cache_cost).then_some(Trigger {
        metric: "db_usd_saved_per_month",
        value: saving,
        threshold: cache_cost,
        reason: move || format!(
            "without a cache the database needs {} ({}); with {}% of reads served by a cache it needs {} ({}), saving {} — more than the cache's {}",
            plain.words(cx), usd_per_month(plain.cost), fmt_num(((1.0 - cache_factor) * 100.0).round()),
            cached.words(cx), usd_per_month(cached.cost), usd_per_month(saving), usd_per_month(cache_cost)
        ),
    })
}
