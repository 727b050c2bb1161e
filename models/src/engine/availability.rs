//! High availability by policy: from the stage `stack.ha_from_stage` on, a
//! Multi-AZ database, at least two app instances and a replicated cache.

use super::context::Context;
use super::journal::Trigger;
use super::state::{Adopted, Log};
use super::users::People;
use crate::format::count as fmt_count;
use crate::projection::{Basis, Change};

/// Adopt high availability once the stage reaches the policy's; whether it is on.
pub(super) fn decide(cx: &Context, adopted: &mut Adopted, log: &mut Log, people: &People) -> bool {
    let from = cx.input.stack.ha_from_stage;
    let (stage, mau) = (people.stage, people.mau);
    if !adopted.multi_az && stage >= from {
        adopted.multi_az = true;
        log.record(Change::MultiAz, Basis::RuleOfThumb, true, Trigger {
            metric: "stage",
            value: stage.index() as f64,
            threshold: from.index() as f64,
            reason: || format!(
                "{stage} reached ({} MAU): the high-availability policy starts at {from} — Multi-AZ database, at least two app instances, replicated cache",
                fmt_count(mau)
            ),
        });
    }
    adopted.multi_az
}
