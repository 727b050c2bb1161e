//! Latency of the API and the second region: the p95 a request sees at home,
//! and the floor far users' latency cannot fall below without a region nearer
//! to them.

use super::app::{mean_response_ms, AppSizing};
use super::context::Context;
use super::journal::Trigger;
use super::state::{Adopted, Log};
use super::users::People;
use crate::format::{count as fmt_count, number as fmt_num};
use crate::projection::{Basis, Change};
use crate::queueing::{Latency, LN_20};

/// The database side of a request's latency.
#[derive(Debug, Clone, Copy)]
pub(super) struct DbLatency {
    pub latency: Latency,
    /// Service time of one query at the primary (ms).
    pub service_ms: f64,
}

/// Queries one request makes to the database (reads after the cache).
pub(super) fn queries_per_request(cx: &Context, cache_on: bool, cache_factor: f64) -> f64 {
    let u = &cx.input.usage;
    u.db_reads_per_request * if cache_on { cache_factor } else { 1.0 } + u.db_writes_per_request
}

/// API p95 at peak: the app's p95 plus the requests' queries at their mean
/// response; absent when a tier is saturated.
pub(super) fn api_p95_ms(app: &AppSizing, db: &DbLatency, queries: f64) -> Option<f64> {
    match (app.latency, db.latency) {
        (Latency::Stable { p95_ms, .. }, Latency::Stable { .. }) => {
            Some(p95_ms + queries * mean_response_ms(db.latency, db.service_ms))
        }
        _ => None,
    }
}

/// Decide the extra regions (the rule by DAU or far users; the model by the
/// latency floor of far users); how many run this month.
pub(super) fn decide(
    cx: &Context,
    adopted: &mut Adopted,
    log: &mut Log,
    people: &People,
    app: &AppSizing,
    db: &DbLatency,
    queries: f64,
) -> u32 {
    let (u, th, stack) = (&cx.input.usage, &cx.input.thresholds, &cx.input.stack);
    let dau = people.dau;
    if stack.extra_regions > 0 && dau > 0.0 && log.open(Change::MultiRegion) {
        let far = u.far_users_share;
        let by_dau = dau >= th.multi_region_dau;
        let by_far = far > 0.0 && far >= th.multi_region_far_share;
        let rule = log
            .fresh(Change::MultiRegion, Basis::RuleOfThumb, by_dau || by_far)
            .then(|| rule_trigger(cx, dau, by_dau));
        // Distance, not load: far users' latency with no queueing at all (the
        // requests' own service time and database work plus the round trip) is a
        // floor no capacity at home can lower, and it does not change with scale.
        let floor_ms = app.service_ms * LN_20 + queries * db.service_ms + u.far_users_rtt_ms;
        let called =
            far > 0.0 && log.fresh(Change::MultiRegion, Basis::Model, floor_ms > th.p95_slo_ms);
        let model = called.then_some(Trigger {
            metric: "far_users_p95_floor_ms",
            value: floor_ms,
            threshold: th.p95_slo_ms,
            reason: || format!(
                "far users' p95 cannot fall below {} ms even with no queueing ({} ms of service and database time + {} ms round trip), over the {} ms objective: only a region nearer to them helps",
                fmt_count(floor_ms), fmt_count(floor_ms - u.far_users_rtt_ms), fmt_num(u.far_users_rtt_ms), fmt_num(th.p95_slo_ms)
            ),
        });
        adopted.regions = log.decide(Change::MultiRegion, adopted.regions, model, rule);
    }
    if adopted.regions {
        stack.extra_regions
    } else {
        0
    }
}

/// The rule of thumb for a second region: by DAU, else by the far users' share.
fn rule_trigger<'c>(
    cx: &'c Context,
    dau: f64,
    by_dau: bool,
) -> Trigger<impl FnOnce() -> String + 'c> {
    let th = &cx.input.thresholds;
    let far = cx.input.usage.far_users_share;
    let (metric, value, threshold) = if by_dau {
        ("dau", dau, th.multi_region_dau)
    } else {
        ("far_users_share", far, th.multi_region_far_share)
    };
    Trigger {
        metric,
        value,
        threshold,
        reason: move || {
            if by_dau {
                format!(
                    "{} DAU reached the rule's {} DAU for a second region",
                    fmt_count(dau),
                    fmt_count(th.multi_region_dau)
                )
            } else {
                format!(
                    "{}% of users are far from the home region (rule: {}%)",
                    fmt_num(far * 100.0),
                    fmt_num(th.multi_region_far_share * 100.0)
                )
            }
        },
    }
}
