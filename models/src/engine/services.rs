//! Service extraction (rule of thumb only): payments, search and media leave the
//! monolith once DAU and the team are large enough.

use super::context::Context;
use super::journal::{silent, Trigger};
use super::state::{Adopted, Log};
use super::users::People;
use crate::format::{count as fmt_count, number as fmt_num};
use crate::projection::{Basis, Change, Service};

/// The services that can be extracted, in the order of `Adopted::services`.
pub(super) const SERVICES: [Service; 3] = [Service::Payments, Service::Search, Service::Media];
/// Position of search in [`SERVICES`].
pub(super) const SEARCH: usize = 1;
const _: () = assert!(matches!(SERVICES[SEARCH], Service::Search));

/// Decide each allowed extraction; which services are extracted so far (in
/// the order of [`SERVICES`]).
pub(super) fn decide(
    cx: &Context,
    adopted: &mut Adopted,
    log: &mut Log,
    people: &People,
) -> [bool; 3] {
    let (stack, th) = (&cx.input.stack, &cx.input.thresholds);
    let (dau, engineers) = (people.dau, people.engineers);
    for (k, service) in SERVICES.into_iter().enumerate() {
        let allowed = match service {
            Service::Payments => stack.extract_payments,
            Service::Search => stack.extract_search,
            Service::Media => stack.extract_media,
        };
        let change = Change::extract(service);
        if !allowed || !log.open(change) {
            continue;
        }
        let called = dau >= th.extraction_dau && engineers > th.team_engineers;
        let rule = log.fresh(change, Basis::RuleOfThumb, called).then_some(Trigger {
            metric: "dau",
            value: dau,
            threshold: th.extraction_dau,
            reason: || format!(
                "{} DAU reached the rule's {} DAU for extracting services, and the team ({} engineers) exceeds the {} engineers microservices need",
                fmt_count(dau), fmt_count(th.extraction_dau), fmt_num(engineers.floor()), fmt_num(th.team_engineers)
            ),
        });
        adopted.services[k] = log.decide(change, adopted.services[k], silent(), rule);
    }
    adopted.services
}

/// The services extracted, in order.
pub(super) fn extracted(made: [bool; 3]) -> Vec<Service> {
    SERVICES
        .into_iter()
        .zip(made)
        .filter_map(|(s, made)| made.then_some(s))
        .collect()
}
