//! What a run carries from month to month: the world it projects (users and
//! data so far) and its architecture memory (changes made, what each basis has
//! said, the database's highs). Together with the read-only [`Context`] and the
//! [`Journal`] they are the whole state of a run.
//!
//! [`Context`]: super::context::Context

use super::database::DbPlan;
use super::journal::{Journal, Trigger, Used};
use crate::catalog::RateName;
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

/// One month's pen: what the bases have said so far, the adoption policy and
/// the journal, for the stages that decide changes and note prices.
pub(super) struct Log<'r, J> {
    pub month: u32,
    policy: Adoption,
    spoken: &'r mut Spoken,
    journal: &'r mut J,
}

impl<'r, J: Journal> Log<'r, J> {
    pub fn new(month: u32, policy: Adoption, spoken: &'r mut Spoken, journal: &'r mut J) -> Self {
        Log {
            month,
            policy,
            spoken,
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
        self.journal
            .event(self.month, change, basis, adopted, trigger);
    }

    /// A warning of this kind from this month, once per run.
    pub fn warn(&mut self, kind: WarningKind, message: impl FnOnce() -> String) {
        self.journal.warn(kind, Some(self.month), message);
    }

    /// Note a price as used.
    pub fn used(&mut self, price: Used) {
        self.journal.used(price);
    }

    /// Note a rate as used when it priced a quantity.
    pub fn used_rate(&mut self, name: RateName, quantity: f64) {
        if quantity > 0.0 {
            self.journal.used(Used::Rate(name));
        }
    }
}
