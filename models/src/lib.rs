//! # Headroom's capacity model
//!
//! One pure, deterministic function, [`project`], turns a [`Scenario`] (growth,
//! usage, data, revenue, stack and prices, thresholds) into a month-by-month
//! [`Projection`]: users, load, every tier sized against real SKU ladders, p95
//! latency by queueing theory, cost per line item, cost per customer, and the
//! architecture changes the capacity math and the rules of thumb call for.
//!
//! No I/O, no clock, no randomness; no browser dependency. The same crate runs in
//! the command line, the tests, the benchmarks and (compiled to wasm32) the browser.
//!
//! ```
//! use headroom_models::{project, Preset};
//! let p = project(&Preset::ConsumerApp.scenario());
//! let horizon = p.months.last().unwrap();
//! assert!(horizon.total_usd > 0.0);
//! ```
//!
//! The formulas, defaults and sources are in `docs/MODEL.md`.

pub mod catalog;
pub mod codec;
pub mod compare;
pub mod engine;
mod error;
pub mod format;
mod monthly_csv;
pub mod presets;
pub mod projection;
pub mod queueing;
mod ranges;
pub mod scenario;
pub mod uncertainty;
pub mod wire;

pub use catalog::Catalog;
pub use engine::{project, CACHE_USABLE_MEMORY_SHARE, DAYS_PER_MONTH};
pub use error::Error;
pub use monthly_csv::monthly_csv;
pub use presets::Preset;
pub use projection::{Basis, Change, Event, Month, Projection, Warning, WarningKind};
pub use scenario::{Scenario, ScenarioInput, Stage};
