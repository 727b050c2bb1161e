//! App servers and workers: instances of the app SKU sized to the CPU the month
//! needs at the target utilisation, with their p95 from Erlang C.

use std::sync::Arc;

use super::context::Context;
use super::load::Load;
use super::state::Log;
use super::state::Used;
use super::{clamp_u32, count_for, servers, DAYS_PER_MONTH, SECONDS_PER_DAY};
use crate::projection::{AppTier, WorkerTier};
use crate::queueing::{in_flight, mmc, Latency};

/// The sized app tier.
#[derive(Debug, Clone, Copy)]
pub(super) struct AppSizing {
    pub count: u64,
    /// Instances the average hour needs (at least the policy's minimum): the
    /// always-on baseline a commitment covers; the rest serve the peak.
    pub baseline: u64,
    /// CPU time of one request on the app tier (ms), side effects included
    /// while they run inline.
    pub service_ms: f64,
    pub latency: Latency,
    pub utilization: f64,
}

impl AppSizing {
    /// The tier as the projection reports it.
    pub fn tier(&self, cx: &Context, load: &Load) -> AppTier {
        AppTier {
            sku: Arc::clone(&cx.app.id),
            count: clamp_u32(self.count),
            utilization: self.utilization,
            p95_ms: self.latency.p95_ms(),
            saturated: self.latency.is_saturated(),
            in_flight: in_flight(
                load.peak_rps,
                mean_response_ms(self.latency, self.service_ms),
            ),
        }
    }
}

/// Busy cores one app instance carries at the target utilisation.
fn instance_capacity(cx: &Context) -> f64 {
    cx.app.sustainable_cores(1.0) * cx.input.thresholds.target_utilization
}

/// Size the app servers: CPU per request (plus inline side effects and jobs
/// until background jobs are adopted) at peak, at least the policy's minimum.
pub(super) fn size(cx: &Context, log: &mut Log, load: &Load, jobs: bool, ha: bool) -> AppSizing {
    let u = &cx.input.usage;
    let (inline_side_ms, inline_jobs_busy) = if jobs {
        (0.0, 0.0)
    } else {
        (
            u.side_effect_share * u.side_effect_ms,
            load.jobs_per_s * u.job_cpu_ms / 1_000.0,
        )
    };
    let service_ms = u.app_cpu_ms_per_request + inline_side_ms;
    let busy = load.peak_rps * service_ms / 1_000.0 + inline_jobs_busy;
    let min = u64::from(cx.input.stack.min_app_instances).max(if ha { 2 } else { 1 });
    let count = count_for(busy, instance_capacity(cx)).max(min);
    let average_busy = load.peak_rps / u.peak_to_average * service_ms / 1_000.0 + inline_jobs_busy;
    log.used(Used::App(cx.app_index));
    AppSizing {
        count,
        baseline: count_for(average_busy, instance_capacity(cx)).clamp(min, count),
        service_ms,
        latency: mmc(
            servers(count as f64 * cx.app.vcpu),
            load.peak_rps,
            service_ms,
        ),
        utilization: busy / cx.app.sustainable_cores(count as f64),
    }
}

/// Size the workers once background jobs are adopted: the jobs' CPU and the side
/// effects moved off the request path, on the app SKU.
pub(super) fn workers(cx: &Context, load: &Load, jobs: bool, ha: bool) -> Option<WorkerTier> {
    if !jobs {
        return None;
    }
    let u = &cx.input.usage;
    let busy =
        (load.jobs_per_s * u.job_cpu_ms + load.side_effects_avg_per_s * u.side_effect_ms) / 1_000.0;
    let count = count_for(busy, instance_capacity(cx)).max(if ha { 2 } else { 1 });
    Some(WorkerTier {
        sku: Arc::clone(&cx.app.id),
        count: clamp_u32(count),
        utilization: busy / cx.app.sustainable_cores(count as f64),
        messages: (load.jobs_per_s + load.side_effects_avg_per_s)
            * SECONDS_PER_DAY
            * DAYS_PER_MONTH,
    })
}

/// The mean response time of a tier: its service time when saturated.
pub(super) fn mean_response_ms(latency: Latency, service_ms: f64) -> f64 {
    match latency {
        Latency::Stable {
            mean_response_ms, ..
        } => mean_response_ms,
        Latency::Saturated { .. } => service_ms,
    }
}
