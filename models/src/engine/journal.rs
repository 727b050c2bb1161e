//! What a run writes down. The full journal ([`Narrative`]) keeps every event
//! with its reason in words, the warnings and the prices used; the
//! figures-only journal ([`FirstMade`]) keeps only the month each change is
//! first made, which is all a Monte Carlo path reports. The engine is the same
//! for both: reasons and messages are closures that only a narrating journal
//! calls, so a path never builds a string.

use crate::catalog::RateName;
use crate::projection::{Basis, Change, Event, Warning, WarningKind};

/// Why one basis calls for a change: the metric against its threshold, and the
/// reason in words (built only when a journal narrates).
pub(super) struct Trigger<R> {
    pub metric: &'static str,
    pub value: f64,
    pub threshold: f64,
    pub reason: R,
}

/// A trigger whose reason is a closure: what the stages build.
pub(super) type Said<R> = Option<Trigger<R>>;

/// No trigger (a basis that does not speak to a change), typed for `decide`.
pub(super) fn silent() -> Said<fn() -> String> {
    None
}

/// A price the run used, for the list of UNVERIFIED prices.
#[derive(Debug, Clone, Copy)]
pub(super) enum Used {
    Rate(RateName),
    App(usize),
    Db(usize),
    Cache(usize),
}

/// Where a run writes its events, warnings and the prices it used.
pub(super) trait Journal {
    fn event<R: FnOnce() -> String>(
        &mut self,
        month: u32,
        change: Change,
        basis: Basis,
        adopted: bool,
        trigger: Trigger<R>,
    );
    /// A warning of this kind, once per run: the message is built only the first time.
    fn warn(&mut self, kind: WarningKind, month: Option<u32>, message: impl FnOnce() -> String);
    fn used(&mut self, price: Used);
}

/// The full journal of a projection.
#[derive(Debug, Default)]
pub(super) struct Narrative {
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// Kinds warned of so far (bit per `WarningKind as u32`).
    warned: u32,
    pub prices: UsedPrices,
}

/// The prices a projection used: a bit per rate, a flag per ladder position.
#[derive(Debug, Default)]
pub(super) struct UsedPrices {
    pub rates: u32,
    pub app: Vec<bool>,
    pub db: Vec<bool>,
    pub cache: Vec<bool>,
}

impl Narrative {
    pub fn new(app: usize, db: usize, cache: usize) -> Narrative {
        Narrative {
            prices: UsedPrices {
                rates: 0,
                app: vec![false; app],
                db: vec![false; db],
                cache: vec![false; cache],
            },
            ..Narrative::default()
        }
    }
}

impl Journal for Narrative {
    fn event<R: FnOnce() -> String>(
        &mut self,
        month: u32,
        change: Change,
        basis: Basis,
        adopted: bool,
        trigger: Trigger<R>,
    ) {
        self.events.push(Event {
            month,
            change,
            basis,
            metric: trigger.metric.to_owned(),
            value: trigger.value,
            threshold: trigger.threshold,
            reason: (trigger.reason)(),
            adopted,
        });
    }

    fn warn(&mut self, kind: WarningKind, month: Option<u32>, message: impl FnOnce() -> String) {
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

    fn used(&mut self, price: Used) {
        let p = &mut self.prices;
        match price {
            Used::Rate(name) => p.rates |= 1 << name as u32,
            Used::App(k) => p.app[k] = true,
            Used::Db(k) => p.db[k] = true,
            Used::Cache(k) => p.cache[k] = true,
        }
    }
}

/// The figures-only journal: the first month each change is made.
#[derive(Debug, Default)]
pub(super) struct FirstMade {
    pub made: [Option<u32>; Change::ALL.len()],
}

impl Journal for FirstMade {
    fn event<R: FnOnce() -> String>(
        &mut self,
        month: u32,
        change: Change,
        _basis: Basis,
        adopted: bool,
        _trigger: Trigger<R>,
    ) {
        let first = &mut self.made[change as usize];
        if adopted && first.is_none_or(|m| month < m) {
            *first = Some(month);
        }
    }

    fn warn(&mut self, _: WarningKind, _: Option<u32>, _: impl FnOnce() -> String) {}

    fn used(&mut self, _: Used) {}
}
