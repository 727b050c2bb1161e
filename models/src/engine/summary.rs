//! The projection's summary: the UNVERIFIED prices used, the stages reached,
//! and where the rules of thumb and the model disagree.

use super::context::Context;
use super::journal::Narrative;
use super::plural;
use super::state::{warn_once, UsedPrices};
use crate::catalog::{PriceKey, RateName};
use crate::projection::{
    Basis, CatalogRef, Change, Event, Gap, Month, Projection, StageSummary, WarningKind,
};

/// The projection from its months and the run's journal.
pub(super) fn finish(
    cx: &Context,
    mut journal: Narrative,
    prices: &UsedPrices,
    months: Vec<Month>,
) -> Projection {
    let unverified_prices = unverified_used(cx, prices);
    if !unverified_prices.is_empty() {
        let n = unverified_prices.len();
        warn_once(&mut journal, WarningKind::UnverifiedPrices, None, || {
            format!(
                "{n} price{} used here {} UNVERIFIED (seen only in third-party tables): {}",
                plural(n as u64),
                if n == 1 { "is" } else { "are" },
                unverified_prices.join(", ")
            )
        });
    }
    let input = cx.input;
    let gaps = gaps(&journal.events, input.horizon_months);
    let mut events = journal.events;
    events.sort_by_key(|e| (e.month, e.change, e.basis));
    Projection {
        scenario: input.clone(),
        catalog: CatalogRef {
            id: cx.catalog.id.clone(),
            released: cx.catalog.released.clone(),
            overridden: input.stack.price_overrides.keys().cloned().collect(),
        },
        stages: stages(&months),
        months,
        events,
        gaps,
        warnings: journal.warnings,
        unverified_prices,
    }
}

/// The price keys a projection used whose figures are unverified.
fn unverified_used(cx: &Context, used: &UsedPrices) -> Vec<String> {
    let c = cx.catalog;
    let on = |flags: &[bool], position: Option<usize>| position.is_some_and(|k| flags[k]);
    let in_use = |key: &PriceKey| match key {
        PriceKey::App(id) => on(&used.app, c.app_skus.iter().position(|s| *s.id == **id)),
        PriceKey::Db(id) => on(&used.db, c.db_skus.iter().position(|s| *s.id == **id)),
        PriceKey::Cache(id) => on(&used.cache, c.cache_skus.iter().position(|s| *s.id == **id)),
        PriceKey::Rate(name) | PriceKey::RateTier(name, _) => {
            RateName::from_key(name).is_some_and(|r| used.rates & (1 << r as u64) != 0)
        }
        // Platform fees are paid every month.
        PriceKey::Fee(_) => true,
    };
    c.unverified()
        .iter()
        .filter(|k| in_use(k))
        .map(PriceKey::to_string)
        .collect()
}

/// Each stage reached, with its first and last month.
fn stages(months: &[Month]) -> Vec<StageSummary> {
    let mut stages: Vec<StageSummary> = Vec::new();
    for m in months {
        match stages.iter_mut().find(|s| s.stage == m.stage) {
            Some(s) => s.last_month = m.month,
            None => stages.push(StageSummary {
                stage: m.stage,
                first_month: m.month,
                last_month: m.month,
                recommended: m.stage.recommended_architecture().to_owned(),
            }),
        }
    }
    stages.sort_by_key(|s| s.stage);
    stages
}

/// Changes both kinds of reason speak to, and when each first does.
fn gaps(events: &[Event], horizon: u32) -> Vec<Gap> {
    const BOTH: [Change; 7] = [
        Change::ConnectionPooler,
        Change::Cache,
        Change::Cdn,
        Change::BackgroundJobs,
        Change::ReadReplica,
        Change::Sharding,
        Change::MultiRegion,
    ];
    let first = |change: Change, basis: Basis| {
        events
            .iter()
            .filter(|e| e.change == change && e.basis == basis)
            .map(|e| e.month)
            .min()
    };
    BOTH.into_iter()
        .filter_map(|change| {
            let (model_month, rule_month) = (
                first(change, Basis::Model),
                first(change, Basis::RuleOfThumb),
            );
            let note = gap_note(change, model_month, rule_month, horizon)?;
            Some(Gap {
                change,
                model_month,
                rule_month,
                note,
            })
        })
        .collect()
}

/// The gap in words: which basis comes first and by how much.
fn gap_note(change: Change, model: Option<u32>, rule: Option<u32>, horizon: u32) -> Option<String> {
    let name = change.mid_sentence();
    Some(match (model, rule) {
        (None, None) => return None,
        (Some(m), Some(r)) if m == r => {
            format!("The rule of thumb and the model agree: {name} at month {m}.")
        }
        (Some(m), Some(r)) if r < m => format!(
            "The rule of thumb calls for {name} at month {r}; the capacity math only at month {m}: {} month{} of headroom.",
            m - r, plural(u64::from(m - r))
        ),
        (Some(m), Some(r)) => format!(
            "The capacity math calls for {name} at month {m}, {} month{} before the rule of thumb (month {r}): the rule would be late.",
            r - m, plural(u64::from(r - m))
        ),
        (Some(m), None) => format!(
            "The capacity math calls for {name} at month {m}; the rule of thumb does not within {horizon} months."
        ),
        (None, Some(r)) => format!(
            "The rule of thumb calls for {name} at month {r}; the capacity math does not within {horizon} months: headroom to the horizon."
        ),
    })
}
