//! Load: requests, database queries, jobs and side effects at peak, and the
//! data the month adds (docs/MODEL.md, "Load" and "Data").

use super::context::Context;
use super::state::World;
use super::users::People;
use super::{DAYS_PER_MONTH, SECONDS_PER_DAY};

/// The month's load.
#[derive(Debug, Clone, Copy)]
pub(super) struct Load {
    pub requests_per_day: f64,
    pub peak_rps: f64,
    /// Database reads at peak before any cache.
    pub reads_raw: f64,
    pub writes: f64,
    /// Uploaded this month (MB).
    pub uploads_mb: f64,
    /// Background jobs per second (daily average).
    pub jobs_per_s: f64,
    /// Requests carrying a side effect per second (daily average).
    pub side_effects_avg_per_s: f64,
}

/// The month's load from its users.
pub(super) fn month(cx: &Context, people: &People, t: u32) -> Load {
    let u = &cx.input.usage;
    let dau = people.dau;
    let requests_per_day = dau * u.requests_per_dau_per_day;
    let avg_rps = requests_per_day / SECONDS_PER_DAY;
    let peak_rps = avg_rps * u.peak_to_average;
    Load {
        requests_per_day,
        peak_rps,
        reads_raw: peak_rps * u.db_reads_per_request,
        writes: peak_rps * u.db_writes_per_request,
        // Data accrues from month 1: month 0 is the starting point.
        uploads_mb: if t > 0 {
            cx.input.data.uploads_mb_per_mau_per_month * people.mau
        } else {
            0.0
        },
        jobs_per_s: dau * u.jobs_per_dau_per_day / SECONDS_PER_DAY,
        side_effects_avg_per_s: avg_rps * u.side_effect_share,
    }
}

/// Add the month's rows and uploads to the world (from month 1).
pub(super) fn accrue(cx: &Context, world: &mut World, people: &People, load: &Load, t: u32) {
    if t == 0 {
        return;
    }
    world.db_gb += rows_gb(cx, people.dau, DAYS_PER_MONTH);
    world.object_gb += load.uploads_mb / 1_000.0;
}

/// What `dau` daily active users write to the database in `days` days (GB),
/// indexes and bloat included.
pub(super) fn rows_gb(cx: &Context, dau: f64, days: f64) -> f64 {
    let d = &cx.input.data;
    dau * d.rows_per_dau_per_day * days * d.bytes_per_row * d.index_overhead / 1e9
}
