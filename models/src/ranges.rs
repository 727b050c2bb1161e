//! The settings of a Monte Carlo run that a scenario carries: which inputs are
//! ranges, the seed and the number of paths. Plain data: the scenario checks
//! them (`scenario.rs`), the Monte Carlo runs them (`uncertainty.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The ends of a ranged input, in the input's own unit. The likely value is the
/// scenario's value of the input, which must lie within `low..=high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

/// Fewest and most paths a simulation runs.
pub const PATHS: std::ops::RangeInclusive<u32> = 1_000..=100_000;

/// What is uncertain and how to simulate it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// Seed of the paths: the same seed gives the same numbers everywhere.
    pub seed: u64,
    /// Number of paths, within [`PATHS`].
    pub paths: u32,
    /// Ranged inputs by dotted name (as in `headroom inputs`).
    pub ranges: BTreeMap<String, Range>,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            seed: 1,
            paths: 1_000,
            ranges: BTreeMap::new(),
        }
    }
}
