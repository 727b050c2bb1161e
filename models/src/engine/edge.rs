//! Egress, object storage and the CDN: bytes by kind, where they are billed,
//! and the decision to serve static and media bytes from a CDN.

use super::context::Context;
use super::journal::Trigger;
use super::load::Load;
use super::state::{Adopted, Log};
use super::users::People;
use super::DAYS_PER_MONTH;
use crate::catalog::RateName;
use crate::format::usd_per_month;
use crate::format::{count as fmt_count, gb as fmt_gb};
use crate::projection::{Basis, Change, Egress};

/// The month's outbound bytes and requests at the edge.
#[derive(Debug, Clone, Copy)]
pub(super) struct Traffic {
    pub egress: Egress,
    /// Requests for static and media bytes.
    pub edge_requests: f64,
    /// What the CDN fetches from the origin (GB).
    pub origin_fetch_gb: f64,
    /// Static and media bytes (GB).
    pub edge_gb: f64,
    /// The CDN's price for the edge bytes this month.
    pub cdn_usd: f64,
    /// Object reads (media fetched from storage).
    pub media_gets: f64,
    pub object_puts: f64,
    pub cdn: bool,
}

/// Decide the CDN (the rule by DAU; the model when it is cheaper than serving
/// the bytes from the origin) and bill the month's bytes.
pub(super) fn decide(
    cx: &Context,
    adopted: &mut Adopted,
    log: &mut Log,
    people: &People,
    load: &Load,
) -> Traffic {
    let (u, dau) = (&cx.input.usage, people.dau);
    let api_gb = load.requests_per_day * DAYS_PER_MONTH * u.response_kb / 1e6;
    let static_gb = dau * u.page_views_per_dau_per_day * DAYS_PER_MONTH * u.page_kb / 1e6;
    let media_gb = dau * u.media_views_per_dau_per_day * DAYS_PER_MONTH * u.media_kb / 1e6;
    let edge_gb = static_gb + media_gb;
    let edge_requests =
        dau * (u.page_views_per_dau_per_day + u.media_views_per_dau_per_day) * DAYS_PER_MONTH;
    let origin_fetch_gb = (1.0 - u.cdn_hit_ratio) * edge_gb;
    let cdn_usd = cx.rate(RateName::CdnEgress).cost(edge_gb)
        + cx.rate(RateName::CdnRequests).cost(edge_requests)
        + cx.rate(RateName::OriginToCdn).cost(origin_fetch_gb);
    if edge_gb > 0.0 && log.open(Change::Cdn) {
        let origin = cx.rate(RateName::OriginEgress);
        let origin_edge = origin.cost(api_gb + edge_gb) - origin.cost(api_gb);
        let th = &cx.input.thresholds;
        let rule = log
            .fresh(Change::Cdn, Basis::RuleOfThumb, dau >= th.cdn_dau)
            .then_some(Trigger {
                metric: "dau",
                value: dau,
                threshold: th.cdn_dau,
                reason: || {
                    format!(
                        "{} DAU reached the rule's {} DAU for a CDN",
                        fmt_count(dau),
                        fmt_count(th.cdn_dau)
                    )
                },
            });
        let model = log.fresh(Change::Cdn, Basis::Model, cdn_usd < origin_edge).then_some(Trigger {
            metric: "origin_egress_usd",
            value: origin_edge,
            threshold: cdn_usd,
            reason: || format!(
                "serving {} of static and media bytes from the origin costs {}; through the CDN it costs {}",
                fmt_gb(edge_gb), usd_per_month(origin_edge), usd_per_month(cdn_usd)
            ),
        });
        adopted.cdn = log.decide(Change::Cdn, adopted.cdn, model, rule);
    }
    let cdn = adopted.cdn;
    let (origin_gb, cdn_gb) = if cdn {
        (api_gb, edge_gb)
    } else {
        (api_gb + edge_gb, 0.0)
    };
    let fetched = if cdn { 1.0 - u.cdn_hit_ratio } else { 1.0 };
    Traffic {
        egress: Egress {
            api: api_gb,
            static_assets: static_gb,
            media: media_gb,
            origin: origin_gb,
            cdn: cdn_gb,
        },
        edge_requests,
        origin_fetch_gb,
        edge_gb,
        cdn_usd,
        media_gets: dau * u.media_views_per_dau_per_day * DAYS_PER_MONTH * fetched,
        object_puts: load.uploads_mb / cx.input.data.object_mb,
        cdn,
    }
}
