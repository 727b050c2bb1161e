//! What a run carries from month to month: the world it projects (users and
//! data so far) and its architecture memory (changes made, what each basis has
//! said, the database's highs). Together with the read-only [`Context`] and the
//! [`Journal`] they are the whole state of a run.
//!
//! [`Context`]: super::context::Context

use super::database::DbPlan;
use super::journal::{Journal, Said, Trigger};
use crate::catalog::{Catalog, RateName};
use crate::projection::{Basis, Change, WarningKind};
use crate::scenario::Adoption;

/// Quantities that accumulate: registered users, the database, stored objects.
#[derive(Debug, Clone, Copy)]
pub(super) struct World {
    pub registered: f64,
    pub db_gb: f64,
    pub object_gb: f64,
}

/// Architecture changes made so far. Once made, a change stays made.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Adopted {
    pub pooler: bool,
    pub cache: bool,
    pub cdn: bool,
    pub jobs: bool,
    pub multi_az: bool,
    /// In the order of [`super::services::SERVICES`].
    pub services: [bool; 3],
    pub regions: bool,
}

/// Which (change, basis) pairs have had their first-month event: a bit each.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Spoken(u64);

impl Spoken {
    fn bit(change: Change, basis: Basis) -> u64 {
        1 << (change as u32 * 2 + basis as u32)
    }

    fn has(self, change: Change, basis: Basis) -> bool {
        self.0 & Spoken::bit(change, basis) != 0
    }

    fn mark(&mut self, change: Change, basis: Basis) {
        self.0 |= Spoken::bit(change, basis);
    }
}

/// The database's history: the shards it has needed and the highest steps
/// reached, for the step events.
#[derive(Debug, Clone, Copy)]
pub(super) struct DbMemory {
    /// Shards the data has needed so far: never fewer after (shards never merge).
    pub shards_needed: u64,
    /// Shard count at the last sharding event (events mark the first split and
    /// each doubling).
    pub high_shards: u64,
    /// Highest SKU (by monthly price) reached.
    pub high_sku: Option<usize>,
    pub high_replicas: u64,
    /// Last month's plan.
    pub prev: Option<DbPlan>,
}

/// The architecture memory of a run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Memory {
    pub adopted: Adopted,
    pub spoken: Spoken,
    pub db: DbMemory,
}

impl Memory {
    pub fn new() -> Memory {
        Memory {
            adopted: Adopted::default(),
            spoken: Spoken::default(),
            db: DbMemory {
                shards_needed: 1,
                high_shards: 1,
                high_sku: None,
                high_replicas: 0,
                prev: None,
            },
        }
    }
}

/// A price the run used, for the list of UNVERIFIED prices.
#[derive(Debug, Clone, Copy)]
pub(super) enum Used {
    Rate(RateName),
    App(usize),
    Db(usize),
    Cache(usize),
}

/// The prices a projection used: a bit per rate, a flag per ladder position.
/// Noted on every path (a bit each, cheaper than asking whether to).
#[derive(Debug, Clone)]
pub(super) struct UsedPrices {
    pub rates: u64,
    pub app: Vec<bool>,
    pub db: Vec<bool>,
    pub cache: Vec<bool>,
}

impl UsedPrices {
    pub fn new(catalog: &Catalog) -> UsedPrices {
        UsedPrices {
            rates: 0,
            app: vec![false; catalog.app_skus.len()],
            db: vec![false; catalog.db_skus.len()],
            cache: vec![false; catalog.cache_skus.len()],
        }
    }

    fn note(&mut self, price: Used) {
        match price {
            Used::Rate(name) => self.rates |= 1 << name as u64,
            Used::App(k) => self.app[k] = true,
            Used::Db(k) => self.db[k] = true,
            Used::Cache(k) => self.cache[k] = true,
        }
    }
}

/// One month's pen: what the bases have said so far, the adoption policy and
/// the journal, for the stages that decide changes and note prices.
pub(super) struct Log<'r> {
    pub month: u32,
    policy: Adoption,
    spoken: &'r mut Spoken,
    prices: &'r mut UsedPrices,
    journal: &'r mut dyn Journal,
}

impl<'r> Log<'r> {
    pub fn new(
        month: u32,
        policy: Adoption,
        spoken: &'r mut Spoken,
        prices: &'r mut UsedPrices,
        journal: &'r mut dyn Journal,
    ) -> Self {
        Log {
            month,
            policy,
            spoken,
            prices,
            journal,
        }
    }

    /// Whether `basis` has yet to record its first event for `change`, and
    /// `cond` holds: a trigger is built only when it will be recorded.
    pub fn fresh(&self, change: Change, basis: Basis, cond: bool) -> bool {
        cond && !self.spoken.has(change, basis)
    }

    /// Whether either basis has yet to speak to `change`: both are evaluated
    /// until each has recorded its first month, so the gaps report both.
    pub fn open(&self, change: Change) -> bool {
        !(self.spoken.has(change, Basis::Model) && self.spoken.has(change, Basis::RuleOfThumb))
    }

    /// Record the first month each basis calls for a change and return whether
    /// the change is made (now or before), per the adoption policy.
    pub fn decide<A, B>(
        &mut self,
        change: Change,
        already: bool,
        model: Option<Trigger<A>>,
        rule: Option<Trigger<B>>,
    ) -> bool
    where
        A: FnOnce() -> String,
        B: FnOnce() -> String,
    {
        let made = self.consider(change, Basis::Model, already, model);
        self.consider(change, Basis::RuleOfThumb, made, rule)
    }

    fn consider<R: FnOnce() -> String>(
        &mut self,
        change: Change,
        basis: Basis,
        made: bool,
        trigger: Option<Trigger<R>>,
    ) -> bool {
        let Some(trigger) = trigger else {
            return made;
        };
        let acts_on = match self.policy {
            Adoption::Either => true,
            Adoption::Model => basis == Basis::Model,
            Adoption::RuleOfThumb => basis == Basis::RuleOfThumb,
        };
        let adopt_now = !made && acts_on;
        if !self.spoken.has(change, basis) {
            self.record(change, basis, adopt_now, trigger);
        }
        made || adopt_now
    }

    /// A basis's first event for a change.
    pub fn record<R: FnOnce() -> String>(
        &mut self,
        change: Change,
        basis: Basis,
        adopted: bool,
        trigger: Trigger<R>,
    ) {
        self.spoken.mark(change, basis);
        self.event(change, basis, adopted, trigger);
    }

    /// An event that is not a basis's first (the database's steps).
    pub fn event<R: FnOnce() -> String>(
        &mut self,
        change: Change,
        basis: Basis,
        adopted: bool,
        trigger: Trigger<R>,
    ) {
        let mut reason = Some(trigger.reason);
        self.journal.event(Said {
            month: self.month,
            change,
            basis,
            adopted,
            metric: trigger.metric,
            value: trigger.value,
            threshold: trigger.threshold,
            reason: &mut || reason.take().map_or_else(String::new, |r| r()),
        });
    }

    /// A warning of this kind from this month, once per run.
    pub fn warn(&mut self, kind: WarningKind, message: impl FnOnce() -> String) {
        warn_once(self.journal, kind, Some(self.month), message);
    }

    /// Note a price as used.
    pub fn used(&mut self, price: Used) {
        self.prices.note(price);
    }

    /// Note a rate as used when it priced a quantity.
    pub fn used_rate(&mut self, name: RateName, quantity: f64) {
        if quantity > 0.0 {
            self.prices.note(Used::Rate(name));
        }
    }
}

/// A warning through a journal, its message built at most once.
pub(super) fn warn_once(
    journal: &mut dyn Journal,
    kind: WarningKind,
    month: Option<u32>,
    message: impl FnOnce() -> String,
) {
    let mut message = Some(message);
    journal.warn(kind, month, &mut || {
        message.take().map_or_else(String::new, |m| m())
    });
}
