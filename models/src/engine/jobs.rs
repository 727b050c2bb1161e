//! Background jobs: when a synchronous side effect must leave the request path.

use super::context::Context;
use super::journal::Trigger;
use super::state::{Adopted, Log};
use super::users::People;
use crate::format::number as fmt_num;
use crate::projection::{Basis, Change};

/// Decide background jobs for the month; whether they are on.
pub(super) fn decide(cx: &Context, adopted: &mut Adopted, log: &mut Log, people: &People) -> bool {
    let (u, th) = (&cx.input.usage, &cx.input.thresholds);
    if !(u.side_effect_share > 0.0 && u.side_effect_ms > 0.0 && people.dau > 0.0) {
        return adopted.jobs;
    }
    let rule = log
        .fresh(Change::BackgroundJobs, Basis::RuleOfThumb, u.side_effect_ms > th.jobs_side_effect_ms)
        .then_some(Trigger {
            metric: "side_effect_ms",
            value: u.side_effect_ms,
            threshold: th.jobs_side_effect_ms,
            reason: || format!(
                "a synchronous side effect of {} ms runs inside {}% of requests; the rule moves anything over {} ms to background jobs",
                fmt_num(u.side_effect_ms), fmt_num(u.side_effect_share * 100.0), fmt_num(th.jobs_side_effect_ms)
            ),
        });
    let slow_request_ms = u.app_cpu_ms_per_request + u.side_effect_ms;
    let model = log
        .fresh(Change::BackgroundJobs, Basis::Model, slow_request_ms > th.p95_slo_ms)
        .then_some(Trigger {
            metric: "side_effect_request_ms",
            value: slow_request_ms,
            threshold: th.p95_slo_ms,
            reason: move || format!(
                "requests that carry the side effect take at least {} ms ({} ms CPU + {} ms side effect), over the {} ms p95 objective, so the effect must leave the request path",
                fmt_num(slow_request_ms), fmt_num(u.app_cpu_ms_per_request), fmt_num(u.side_effect_ms), fmt_num(th.p95_slo_ms)
            ),
        });
    adopted.jobs = log.decide(Change::BackgroundJobs, adopted.jobs, model, rule);
    adopted.jobs
}
