//! What a run writes down. The full journal ([`Narrative`]) keeps every event
//! with its reason in words and the warnings; the
//! figures-only journal ([`FirstMade`]) keeps only the month each change is
//! first made, which is all a Monte Carlo path reports. The engine is the same
//! for both: reasons and messages are closures that only a narrating journal
//! calls, so a path never builds a string.

use crate::projection::{Basis, Change, Event, Warning, WarningKind};

/// Why one basis calls for a change: the metric against its threshold, and the
/// reason in words (built only when a journal narrates).
pub(super) struct Trigger<R> {
    pub metric: &'static str,
    pub value: f64,
    pub threshold: f64,
    pub reason: R,
}

/// No trigger (a basis that does not speak to a change), typed for `decide`.
pub(super) fn silent() -> Option<Trigger<fn() -> String>> {
    None
}

/// An event as the stages report it: the reason is built only when asked for.
pub(super) struct Said<'t> {
    pub month: u32,
    pub change: Change,
    pub basis: Basis,
    pub adopted: bool,
    pub metric: &'static str,
    pub value: f64,
    pub threshold: f64,
    pub reason: &'t mut dyn FnMut() -> String,
}

/// Where a run writes its events and warnings. A trait
/// object, so the stages are compiled once for both journals.
pub(super) trait Journal {
    fn event(&mut self, said: Said);
    /// A warning of this kind, once per run: the message is built only the first time.
    fn warn(&mut self, kind: WarningKind, month: Option<u32>, message: &mut dyn FnMut() -> String);
}

/// The full journal of a projection.
#[derive(Debug, Default)]
pub(super) struct Narrative {
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// Kinds warned of so far (bit per `WarningKind as u32`).
    warned: u32,
}

impl Journal for Narrative {
    fn event(&mut self, said: Said) {
        self.events.push(Event {
            month: said.month,
            change: said.change,
            basis: said.basis,
            metric: said.metric.to_owned(),
            value: said.value,
            threshold: said.threshold,
            reason: (said.reason)(),
            adopted: said.adopted,
        });
    }

    fn warn(&mut self, kind: WarningKind, month: Option<u32>, message: &mut dyn FnMut() -> String) {
        let bit = 1 << kind as u32;
        if self.warned & bit == 0 {
            self.warned |= bit;
            self.warnings.push(Warning {
                kind,
                month,
                message: message(),
            });
        }
    }
}

/// The figures-only journal: the first month each change is made.
#[derive(Debug, Default)]
pub(super) struct FirstMade {
    pub made: [Option<u32>; Change::ALL.len()],
}

impl Journal for FirstMade {
    fn event(&mut self, said: Said) {
        let first = &mut self.made[said.change as usize];
        if said.adopted && first.is_none_or(|m| said.month < m) {
            *first = Some(said.month);
        }
    }

    fn warn(&mut self, _: WarningKind, _: Option<u32>, _: &mut dyn FnMut() -> String) {}
}
