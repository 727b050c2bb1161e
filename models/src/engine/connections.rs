//! Connections to the database and the pooler that multiplexes them.

use std::sync::Arc;

use super::context::Context;
use super::journal::Trigger;
use super::state::Used;
use super::state::{Adopted, Log};
use crate::catalog::DbSku;
use crate::format::count as fmt_count;
use crate::projection::{Basis, Change, PoolerTier, WarningKind};

/// Client connections the app servers and workers open to one primary.
pub(super) fn count(cx: &Context, app_count: u64, worker_count: u64) -> f64 {
    let stack = &cx.input.stack;
    app_count as f64 * f64::from(stack.app_pool_size)
        + worker_count as f64 * f64::from(stack.worker_pool_size)
}

/// Decide the pooler (the rule by connections; the model when they exceed the
/// primary's limit) and size it; warn when connections exceed the limit with
/// no pooler.
pub(super) fn pooler(
    cx: &Context,
    adopted: &mut Adopted,
    log: &mut Log,
    db_sku: &DbSku,
    app_count: u64,
    worker_count: u64,
    ha: bool,
) -> Option<PoolerTier> {
    let connections = count(cx, app_count, worker_count);
    let (stack, th) = (&cx.input.stack, &cx.input.thresholds);
    let limit = db_sku.max_connections;
    if log.open(Change::ConnectionPooler) {
        let rule = log.fresh(Change::ConnectionPooler, Basis::RuleOfThumb, connections > th.pooler_connections).then_some(Trigger {
            metric: "connections",
            value: connections,
            threshold: th.pooler_connections,
            reason: || format!(
                "{} client connections ({} app instances × {} + {} workers × {}) exceed the rule's {} before a pooler",
                fmt_count(connections), app_count, stack.app_pool_size, worker_count, stack.worker_pool_size,
                fmt_count(th.pooler_connections)
            ),
        });
        let model = log
            .fresh(Change::ConnectionPooler, Basis::Model, connections > limit)
            .then_some(Trigger {
                metric: "connections",
                value: connections,
                threshold: limit,
                reason: || {
                    format!(
                        "{} client connections exceed the connection limit of {} on {}",
                        fmt_count(connections),
                        fmt_count(limit),
                        db_sku.id
                    )
                },
            });
        adopted.pooler = log.decide(Change::ConnectionPooler, adopted.pooler, model, rule);
    }
    if !adopted.pooler && connections > limit {
        log.warn(WarningKind::ConnectionsOverLimit, || format!(
            "{} client connections exceed {}'s limit of {} and no pooler is adopted (stack.adopt = {})",
            fmt_count(connections), db_sku.id, fmt_count(limit), crate::wire::name(&stack.adopt)
        ));
    }
    let k = cx.pooler_index.filter(|_| adopted.pooler)?;
    log.used(Used::App(k));
    Some(PoolerTier {
        sku: Arc::clone(&cx.catalog.app_skus[k].id),
        count: if ha { 2 } else { 1 },
    })
}
