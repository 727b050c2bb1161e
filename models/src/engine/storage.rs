//! Stored objects by age: what a lifecycle rule has moved to the
//! infrequent-access tier (docs/MODEL.md, "Storage tiers").

use super::context::Context;
use crate::catalog::RateName;

/// The stored objects (GB) at the end of each month so far, month 0 first:
/// what was stored by a month is what is older than it now (objects are never
/// deleted).
#[derive(Debug, Clone, Default)]
pub(super) struct ObjectHistory(Vec<f64>);

/// This month's objects in the infrequent-access tier.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ColdObjects {
    /// Stored in the infrequent-access tier (GB).
    pub gb: f64,
    /// Moved there this month (GB): the uploads of the month that has just
    /// turned `cold_after_months` old.
    pub moved_gb: f64,
}

impl ObjectHistory {
    /// Note month `t`'s stored objects and say which of them are cold: those
    /// stored `data.cold_after_months` months ago or earlier, when the rule is
    /// on and the catalog prices an infrequent-access tier.
    pub fn month(&mut self, cx: &Context, t: u32, object_gb: f64) -> ColdObjects {
        self.0.push(object_gb);
        let after = cx.input.data.cold_after_months;
        let priced = cx.rate(RateName::ObjectStorageIa).first() > 0.0;
        if after == 0 || !priced || t < after {
            return ColdObjects::default();
        }
        let at = |m: u32| self.0.get(m as usize).copied().unwrap_or(0.0);
        let then = t - after;
        let before = if then == 0 { 0.0 } else { at(then - 1) };
        ColdObjects {
            gb: at(then),
            moved_gb: at(then) - before,
        }
    }
}
