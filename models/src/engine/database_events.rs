//! The database's events: the model's steps (each larger instance, each new
//! replica count, the first split and each doubling of shards) and the rules of
//! thumb for replicas and sharding, which are shown beside the model's sizing.

use super::context::Context;
use super::database::{DbLoad, DbPlan, ShardCause, MAX_READ_REPLICAS, WRITE_SHARE_OF_PRIMARY};
use super::journal::Trigger;
use super::plural;
use super::state::{DbMemory, Log};
use crate::format::usd_per_month;
use crate::format::{self, gb as fmt_gb, number as fmt_num};
use crate::projection::{Basis, Change};

/// Every database event of the month, and the memory moved on to `db`.
pub(super) fn record(
    cx: &Context,
    memory: &mut DbMemory,
    log: &mut Log,
    db: &DbPlan,
    load: &DbLoad,
) {
    if let Some(prev) = memory.prev {
        replica_rule(cx, log, &prev, load);
    }
    shard_rule(cx, log, load);
    let rank = |k: usize| cx.db.price[k];
    if let Some(high) = memory.high_sku.filter(|&h| rank(db.sku) > rank(h)) {
        upgrade(cx, log, high, db, load);
    }
    if memory.high_sku.is_none_or(|h| rank(db.sku) > rank(h)) {
        memory.high_sku = Some(db.sku);
    }
    if db.replicas > memory.high_replicas {
        replicas(cx, log, db, load);
        memory.high_replicas = db.replicas;
    }
    memory.shards_needed = memory.shards_needed.max(db.shards);
    // An event at the first split and at each doubling after it: the timeline
    // marks the steps a person plans for, not every shard the data adds.
    let next_step = if memory.high_shards == 1 {
        2
    } else {
        memory.high_shards.saturating_mul(2)
    };
    if db.shards >= next_step {
        let before = memory.prev.map_or(1, |p| p.shards);
        sharding(cx, log, db, load, before);
        memory.high_shards = db.shards;
    }
}

/// Rule of thumb: replicas when the current primary's CPU is high and reads dominate.
fn replica_rule(cx: &Context, log: &mut Log, prev: &DbPlan, load: &DbLoad) {
    let th = &cx.input.thresholds;
    let sku = cx.db_sku(prev.sku);
    let busy = load.busy_per_shard(cx, prev.shards);
    let cpu = busy / (sku.sustainable_cores(1.0) * (1 + prev.replicas) as f64);
    let (reads, writes) = (load.reads, load.writes);
    let read_share = if reads + writes > 0.0 {
        reads / (reads + writes)
    } else {
        0.0
    };
    let called = cpu > th.replica_db_cpu && read_share >= th.replica_read_share;
    if log.fresh(Change::ReadReplica, Basis::RuleOfThumb, called) {
        log.record(Change::ReadReplica, Basis::RuleOfThumb, false, Trigger {
            metric: "db_cpu_utilization",
            value: cpu,
            threshold: th.replica_db_cpu,
            reason: || format!(
                "database CPU would reach {} on {} and {} of queries are reads; the rule adds read replicas above {} CPU with ≥ {} reads (the model sizes the database itself: see its events)",
                format::percent(cpu), sku.id, format::percent(read_share), format::percent(th.replica_db_cpu), format::percent(th.replica_read_share)
            ),
        });
    }
}

/// Rule of thumb: shard past a size.
fn shard_rule(cx: &Context, log: &mut Log, load: &DbLoad) {
    let th = &cx.input.thresholds;
    let db_gb = load.gb;
    if log.fresh(Change::Sharding, Basis::RuleOfThumb, db_gb > th.shard_db_gb) {
        log.record(Change::Sharding, Basis::RuleOfThumb, false, Trigger {
            metric: "db_storage_gb",
            value: db_gb,
            threshold: th.shard_db_gb,
            reason: || format!(
                "the database holds {}, over the rule's {} for sharding (the model shards only when writes, RAM, storage or reads outgrow the largest instance and its replicas)",
                fmt_gb(db_gb), fmt_gb(th.shard_db_gb)
            ),
        });
    }
}

/// The model moves to a larger instance than any before: which limit of the
/// previous highest it outgrew.
fn upgrade(cx: &Context, log: &mut Log, high: usize, db: &DbPlan, load: &DbLoad) {
    let prev = cx.db_sku(high);
    let sku = cx.db_sku(db.sku);
    let cap_prev = cx.db.capacity[high];
    let shards = db.shards as f64;
    let (hot_s, gb_s) = (load.hot_gb / shards, load.gb / shards);
    let storage_limit = prev.max_storage_gb.filter(|&m| gb_s > m);
    let (metric, value, threshold) = if let Some(limit) = storage_limit {
        ("db_storage_gb", gb_s, limit)
    } else if hot_s > prev.ram_gb {
        ("db_hot_set_gb", hot_s, prev.ram_gb)
    } else {
        ("db_busy_cores", db.primary_busy, cap_prev)
    };
    let why = move || match metric {
        "db_storage_gb" => format!(
            "the data ({}) outgrew {}'s storage limit of {}",
            fmt_gb(value),
            prev.id,
            fmt_gb(threshold)
        ),
        "db_hot_set_gb" => format!(
            "the hot working set ({}) outgrew {}'s {} of RAM",
            fmt_gb(value),
            prev.id,
            fmt_gb(threshold)
        ),
        _ => format!(
            "the primary needs {} busy cores at peak, over {}'s {} at the {} target",
            format::fixed(value, 2),
            prev.id,
            format::fixed(threshold, 2),
            format::percent(cx.input.thresholds.db_target_utilization)
        ),
    };
    log.event(
        Change::DbUpgrade,
        Basis::Model,
        true,
        Trigger {
            metric,
            value,
            threshold,
            reason: || {
                format!(
                    "{}: move to {} ({} vCPU, {} RAM, {})",
                    why(),
                    sku.id,
                    fmt_num(sku.vcpu),
                    fmt_gb(sku.ram_gb),
                    usd_per_month(sku.price.usd_per_month())
                )
            },
        },
    );
}

/// The model adds read replicas beyond any count before.
fn replicas(cx: &Context, log: &mut Log, db: &DbPlan, load: &DbLoad) {
    let sku = cx.db_sku(db.sku);
    let cap = cx.db.capacity[db.sku];
    let busy = load.busy_per_shard(cx, db.shards);
    let n = db.replicas;
    log.event(Change::ReadReplica, Basis::Model, true, Trigger {
        metric: "db_busy_cores",
        value: busy,
        threshold: cap,
        reason: || format!(
            "{}, the largest allowed instance, cannot carry the load alone ({} busy cores per shard against {}): {n} read replica{} now carry the reads",
            sku.id, format::fixed(busy, 2), format::fixed(cap, 2), plural(n)
        ),
    });
}

/// The model splits the data (first split, then each doubling): which limit of
/// the largest instance set the count.
fn sharding(cx: &Context, log: &mut Log, db: &DbPlan, load: &DbLoad, before: u64) {
    let l = cx.db_sku(cx.db.largest);
    let cap_l = cx.db.capacity[cx.db.largest];
    let write_busy = load.write_busy(cx);
    let busy = write_busy + load.read_busy(cx);
    let hot = load.hot_gb;
    let db_gb = load.gb;
    let storage_limit = l.max_storage_gb.unwrap_or(db_gb);
    let (metric, value, threshold) = match db.shard_cause {
        ShardCause::Writes => (
            "db_write_busy_cores",
            write_busy,
            cap_l * WRITE_SHARE_OF_PRIMARY,
        ),
        ShardCause::Storage => ("db_storage_gb", db_gb, storage_limit),
        ShardCause::Reads => (
            "db_busy_cores",
            busy,
            cap_l * (MAX_READ_REPLICAS + 1) as f64,
        ),
        ShardCause::HotSet | ShardCause::Earlier => {
            ("db_hot_set_gb", hot, l.ram_gb * before as f64)
        }
    };
    let cause = db.shard_cause;
    let why = move || {
        match cause {
        ShardCause::Writes => format!(
            "writes need {} busy cores, more than {} of what one {} primary carries ({})",
            format::fixed(value, 2), format::percent(WRITE_SHARE_OF_PRIMARY), l.id, format::fixed(threshold, 2)
        ),
        ShardCause::Storage => format!(
            "the data ({}) exceeds the storage limit of the largest instance ({})",
            fmt_gb(value), fmt_gb(threshold)
        ),
        ShardCause::Reads => format!(
            "the load ({} busy cores) needs more than a {} primary and its {MAX_READ_REPLICAS} read replicas (the most one source takes) can carry",
            format::fixed(value, 2), l.id
        ),
        ShardCause::HotSet | ShardCause::Earlier => format!(
            "the hot working set ({}) is larger than the RAM of {before} largest instance{} ({} each)",
            fmt_gb(value), plural(before), fmt_gb(l.ram_gb)
        ),
    }
    };
    let shards = db.shards;
    log.event(
        Change::Sharding,
        Basis::Model,
        true,
        Trigger {
            metric,
            value,
            threshold,
            reason: || format!("{}: split into {shards} shards (from {before})", why()),
        },
    );
}
