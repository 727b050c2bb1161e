//! Warnings the reader should see: inputs that are valid but rarely seen, and
//! saturated tiers or a missed latency objective.

use super::app::AppSizing;
use super::context::Context;
use super::journal::Journal;
use super::regions::DbLatency;
use super::state::{warn_once, Log};
use crate::format::{count as fmt_count, number as fmt_num};
use crate::projection::WarningKind;
use crate::scenario::GrowthMode;

/// Inputs that are valid but outside what is usually seen.
pub(super) fn inputs(cx: &Context, journal: &mut dyn Journal) {
    let i = cx.input;
    let (g, u) = (&i.growth, &i.usage);
    let checks: [(bool, WarningKind, &str, f64, &str); 6] = [
        (
            g.dau_share > 0.8,
            WarningKind::ImplausibleDauShare,
            "growth.dau_share",
            g.dau_share,
            "more than 80% of monthly users active every day is rare",
        ),
        (
            u.requests_per_dau_per_day > 5_000.0,
            WarningKind::ImplausibleRequests,
            "usage.requests_per_dau_per_day",
            u.requests_per_dau_per_day,
            "over 5,000 requests per user per day is unusual outside machine clients",
        ),
        (
            u.peak_to_average > 10.0,
            WarningKind::ImplausiblePeak,
            "usage.peak_to_average",
            u.peak_to_average,
            "a peak over 10× the daily average is unusual; 2–4 is typical",
        ),
        (
            u.app_cpu_ms_per_request > 500.0,
            WarningKind::ImplausibleCpu,
            "usage.app_cpu_ms_per_request",
            u.app_cpu_ms_per_request,
            "over 500 ms of CPU per request is unusually heavy",
        ),
        (
            g.monthly_rate > 0.5 && g.mode != GrowthMode::PerStage,
            WarningKind::ImplausibleGrowth,
            "growth.monthly_rate",
            g.monthly_rate,
            "over 50% a month sustained for years is rare",
        ),
        (
            u.cache_hit_ratio > 0.99,
            WarningKind::ImplausibleCacheHit,
            "usage.cache_hit_ratio",
            u.cache_hit_ratio,
            "above 99% is optimistic for application caches",
        ),
    ];
    for (applies, kind, name, value, why) in checks {
        if applies {
            warn_once(journal, kind, None, || format!("{name} = {value}: {why}"));
        }
    }
}

/// Saturated tiers and a p95 over the objective, at peak.
pub(super) fn latency(
    cx: &Context,
    log: &mut Log,
    app: &AppSizing,
    db: &DbLatency,
    api_p95_ms: Option<f64>,
) {
    let th = &cx.input.thresholds;
    if app.latency.is_saturated() {
        log.warn(WarningKind::AppSaturated, || {
            "the app tier is saturated at peak (utilisation ≥ 100%): no latency figure exists"
                .to_owned()
        });
    }
    if db.latency.is_saturated() {
        log.warn(WarningKind::DbSaturated, || {
            "the database primary is saturated at peak (utilisation ≥ 100%)".to_owned()
        });
    }
    if let Some(p) = api_p95_ms.filter(|p| *p > th.p95_slo_ms) {
        log.warn(WarningKind::SloMissed, || {
            format!(
                "API p95 is about {} ms at peak, over the {} ms objective (app {} ms CPU per request)",
                fmt_count(p),
                fmt_num(th.p95_slo_ms),
                fmt_num(cx.input.usage.app_cpu_ms_per_request)
            )
        });
    }
}
