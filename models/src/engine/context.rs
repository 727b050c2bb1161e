//! What a run reads and never changes: the scenario's inputs, its resolved
//! catalog, and facts about the ladders worked out once (capacities, prices,
//! the largest database).

use crate::catalog::{CacheSku, Catalog, ComputeSku, DbSku, Rate, RateName};
use crate::scenario::{Scenario, ScenarioInput};

/// The read-only context of one projection.
pub(super) struct Context<'a> {
    pub input: &'a ScenarioInput,
    pub catalog: &'a Catalog,
    /// The app-server SKU (also the workers').
    pub app: &'a ComputeSku,
    pub app_index: usize,
    /// The pooler's instance in the app ladder; absent when the database
    /// service includes a pooler.
    pub pooler_index: Option<usize>,
    /// The catalog's rates, indexed by `RateName as usize`.
    rates: [&'a Rate; RateName::ALL.len()],
    pub db: DbLadder,
}

/// Facts about the database ladder that every month's sizing reads.
pub(super) struct DbLadder {
    /// Position of the largest SKU (by sustainable capacity, then RAM).
    pub largest: usize,
    /// Per SKU: busy cores it carries at the database target utilisation.
    pub capacity: Vec<f64>,
    /// Per SKU: monthly price of one instance.
    pub price: Vec<f64>,
}

impl<'a> Context<'a> {
    pub fn new(scenario: &'a Scenario) -> Context<'a> {
        let input = scenario.input();
        let catalog = scenario.catalog();
        let position = |id: &str| catalog.app_skus.iter().position(|s| &*s.id == id);
        // Both ids were checked by Scenario::new and Catalog::from_json.
        let app_index = position(scenario.app_sku_id()).unwrap_or(0);
        let target = input.thresholds.db_target_utilization;
        Context {
            input,
            catalog,
            app: &catalog.app_skus[app_index],
            app_index,
            pooler_index: catalog.pooler_sku.as_deref().and_then(position),
            rates: RateName::ALL.map(|name| catalog.rate(name)),
            db: DbLadder {
                largest: largest_db(catalog, target),
                capacity: catalog
                    .db_skus
                    .iter()
                    .map(|k| db_capacity(k, target))
                    .collect(),
                price: catalog
                    .db_skus
                    .iter()
                    .map(|k| k.price.usd_per_month())
                    .collect(),
            },
        }
    }

    /// A rate of the catalog.
    pub fn rate(&self, name: RateName) -> &'a Rate {
        self.rates[name as usize]
    }

    pub fn db_sku(&self, k: usize) -> &'a DbSku {
        &self.catalog.db_skus[k]
    }

    pub fn cache_sku(&self, k: usize) -> &'a CacheSku {
        &self.catalog.cache_skus[k]
    }

    /// The Multi-AZ price multiplier of database instances (1 without high
    /// availability).
    pub fn az_multiplier(&self, ha: bool) -> f64 {
        if ha {
            self.rate(RateName::DbMultiAz).first()
        } else {
            1.0
        }
    }
}

/// Busy cores one database instance carries at the target utilisation.
pub(super) fn db_capacity(sku: &DbSku, target: f64) -> f64 {
    sku.sustainable_cores(1.0) * target
}

/// Position of the largest database SKU: most sustainable capacity, then most
/// RAM, then the lowest price.
fn largest_db(catalog: &Catalog, target: f64) -> usize {
    let ladder = &catalog.db_skus;
    let cap = |k: usize| db_capacity(&ladder[k], target);
    // `max_by` keeps the last of equals; walked from the top of a ladder that
    // ascends in price, that is the cheapest of them.
    (0..ladder.len())
        .rev()
        .max_by(|&a, &b| {
            cap(a)
                .total_cmp(&cap(b))
                .then(ladder[a].ram_gb.total_cmp(&ladder[b].ram_gb))
        })
        .unwrap_or(0)
}
