//! The database: the cheapest layout for a month's load (vertical first, then
//! read replicas of the largest SKU, then shards when writes, the hot set, the
//! data or the reads outgrow it), and its topology in words.

use super::context::Context;
use super::count_for;
use crate::catalog::RateName;
use crate::scenario::HotSet;

/// Share of the largest primary's capacity writes may take before the data must be
/// split: the rest is left for the reads a primary always serves.
pub(super) const WRITE_SHARE_OF_PRIMARY: f64 = 0.9;
/// Read replicas one source instance may have: 15 for RDS for PostgreSQL
/// (AWS RDS API reference, CreateDBInstanceReadReplica). Beyond, the data is split.
pub const MAX_READ_REPLICAS: u64 = 15;

/// What the database must carry in a month.
#[derive(Debug, Clone, Copy)]
pub(super) struct DbLoad {
    /// Reads per second at peak that reach the database.
    pub reads: f64,
    pub writes: f64,
    /// Data held (GB).
    pub gb: f64,
    /// The hot working set of the whole database (GB): what must sit in RAM.
    pub hot_gb: f64,
}

impl DbLoad {
    /// Busy cores the reads need at peak.
    pub fn read_busy(&self, cx: &Context) -> f64 {
        self.reads * cx.input.usage.db_read_ms / 1_000.0
    }

    /// Busy cores the writes need at peak.
    pub fn write_busy(&self, cx: &Context) -> f64 {
        self.writes * cx.input.usage.db_write_ms / 1_000.0
    }

    /// Busy cores of one shard's share of the whole load, as the rules and the
    /// replica events state it: reads and writes summed in core-ms first (a
    /// rounding of its own, kept so the recorded figures stay bit for bit).
    pub fn busy_per_shard(&self, cx: &Context, shards: u64) -> f64 {
        let u = &cx.input.usage;
        (self.reads * u.db_read_ms + self.writes * u.db_write_ms) / 1_000.0 / shards as f64
    }
}

/// The hot working set of a database of `gb` (GB) in a month with `dau` daily
/// active users: what they wrote in the last `data.hot_days` days (at most all
/// of it), or, for scenarios that say so, a share of all the data.
pub(super) fn hot_set_gb(cx: &Context, dau: f64, gb: f64) -> f64 {
    let d = &cx.input.data;
    match d.hot_set {
        HotSet::RecentData => super::load::rows_gb(cx, dau, d.hot_days).min(gb),
        HotSet::ShareOfData => d.hot_share * gb,
    }
}

/// A database layout for one month's load.
#[derive(Debug, Clone, Copy)]
pub(super) struct DbPlan {
    pub sku: usize,
    pub replicas: u64,
    pub shards: u64,
    /// What set the shard count.
    pub shard_cause: ShardCause,
    /// Busy cores of one primary at peak.
    pub primary_busy: f64,
    /// Queries per second at one primary at peak.
    pub primary_qps: f64,
    /// Instances and storage, per month.
    pub cost: f64,
    pub instance_cost: f64,
    pub storage_cost: f64,
}

/// The limit of the largest database instance that sets the number of shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ShardCause {
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

/// The shards each limit of the largest instance calls for; the most binding
/// wins (ties go to the first listed).
fn shard_need(cx: &Context, load: &DbLoad) -> (ShardCause, u64) {
    let largest = cx.db_sku(cx.db.largest);
    let cap_l = cx.db.capacity[cx.db.largest];
    let (read_busy, write_busy) = (load.read_busy(cx), load.write_busy(cx));
    let needs = [
        (
            ShardCause::Writes,
            count_for(write_busy, cap_l * WRITE_SHARE_OF_PRIMARY),
        ),
        (ShardCause::HotSet, count_for(load.hot_gb, largest.ram_gb)),
        (
            ShardCause::Storage,
            largest.max_storage_gb.map_or(0, |m| count_for(load.gb, m)),
        ),
        (
            ShardCause::Reads,
            count_for(
                read_busy + write_busy,
                cap_l * (MAX_READ_REPLICAS + 1) as f64,
            ),
        ),
    ];
    needs
        .iter()
        .fold((ShardCause::Earlier, 0), |best, &(c, n)| {
            if n > best.1 {
                (c, n)
            } else {
                best
            }
        })
}

/// What a month's database plans are bound by: the shards needed before
/// (shards never merge) and high availability.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub shards_needed: u64,
    pub ha: bool,
}

/// The cheapest database layout for a load within its bounds.
pub(super) fn plan(cx: &Context, load: &DbLoad, bounds: Bounds) -> DbPlan {
    let Bounds { shards_needed, ha } = bounds;
    let ladder = &cx.catalog.db_skus;
    let (cap, largest) = (&cx.db.capacity, cx.db.largest);
    let cap_l = cap[largest];
    let (cause, most) = shard_need(cx, load);
    let shards = shards_needed.max(most).max(1);
    let shard_cause = if most >= shards {
        cause
    } else {
        ShardCause::Earlier
    };

    let s = shards as f64;
    let (r_s, w_s) = (load.read_busy(cx) / s, load.write_busy(cx) / s);
    let (hot_s, gb_s) = (load.hot_gb / s, load.gb / s);
    let fits = |k: usize| {
        cap[k] >= r_s + w_s
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
                let share = if r_s > 0.0 { primary_reads / r_s } else { 0.0 };
                (largest, replicas, w_s + primary_reads, share)
            }
        };
    let nodes = cx.az_multiplier(ha) + replicas as f64;
    let instance_cost = s * cx.db.price[sku] * nodes;
    let storage_cost = cx.rate(RateName::DbStorage).cost(load.gb * nodes);
    DbPlan {
        sku,
        replicas,
        shards,
        shard_cause,
        primary_busy,
        primary_qps: (load.reads * primary_read_share + load.writes) / s,
        cost: instance_cost + storage_cost,
        instance_cost,
        storage_cost,
    }
}

impl DbPlan {
    /// This layout in words.
    pub fn words(&self, cx: &Context) -> String {
        crate::projection::topology(&cx.db_sku(self.sku).id, self.shards, self.replicas)
    }
}
