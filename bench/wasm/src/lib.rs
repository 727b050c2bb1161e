//! Benchmark only: the model compiled to WebAssembly, so that `project()` and a
//! Monte Carlo run can be timed in a JavaScript engine and set against the
//! native criterion figures (`models/benches`).
//!
//! Built for `wasm32-unknown-unknown` with the shipped app's release profile
//! (and, for comparison, the `bench-wasm` profile at `opt-level = 3`), bound with
//! the wasm-bindgen CLI (`--target web`) and timed with `performance.now()` by
//! `tests/e2e/bench/wasm.js`, in node and in headless Chromium. Run it all with
//! `scripts/bench.sh`.
//!
//! Each timed call does only the work the native bench times: the scenario is
//! built once, outside the timing, exactly as criterion's `bench_with_input` does.

use std::hint::black_box;

use headroom_models::uncertainty::{simulate, Uncertainty};
use headroom_models::{project, Preset, Scenario};
use wasm_bindgen::prelude::*;

/// The Monte Carlo settings every Monte Carlo benchmark uses (seed, paths and the
/// three ranged inputs): the same file as `models/benches/simulate.rs` and the
/// link `tests/e2e/bench/montecarlo.js` opens in the app.
const UNCERTAINTY: &str = include_str!("../../uncertainty.json");

/// The preset ids, in the order of `Preset::ALL` (the order of the native bench).
#[wasm_bindgen]
pub fn presets() -> Vec<String> {
    Preset::ALL.iter().map(|p| p.id().to_owned()).collect()
}

/// A preset's scenario at a horizon, as the native `project` bench builds it.
fn scenario(preset: &str, months: u32) -> Result<Scenario, String> {
    let preset: Preset = preset.parse().map_err(|e| format!("{e}"))?;
    preset
        .scenario()
        .with_setting("horizon_months", &months.to_string())
        .map_err(|e| format!("{e}"))
}

/// The Monte Carlo settings of `bench/uncertainty.json`.
fn uncertainty() -> Result<Uncertainty, String> {
    serde_json::from_str(UNCERTAINTY).map_err(|e| format!("bench/uncertainty.json: {e}"))
}

/// `project()` of one preset at one horizon, run on demand.
#[wasm_bindgen]
pub struct ProjectBench {
    scenario: Scenario,
}

#[wasm_bindgen]
impl ProjectBench {
    /// The preset's scenario at `months` (1 to 120).
    #[wasm_bindgen(constructor)]
    pub fn new(preset: &str, months: u32) -> Result<ProjectBench, JsError> {
        Ok(ProjectBench {
            scenario: scenario(preset, months).map_err(|e| JsError::new(&e))?,
        })
    }

    /// Runs `project()` `times` times and returns the sum of the horizon's
    /// monthly cost (so the work cannot be optimised away).
    pub fn run(&self, times: u32) -> f64 {
        let mut sum = 0.0;
        for _ in 0..times {
            let p = project(black_box(&self.scenario));
            sum += p.months.last().map_or(0.0, |m| m.total_usd);
        }
        sum
    }
}

/// A full Monte Carlo run (`uncertainty::simulate`) of the default scenario with
/// the settings of `bench/uncertainty.json`, in one call (no chunks).
#[wasm_bindgen]
pub struct SimulateBench {
    scenario: Scenario,
    uncertainty: Uncertainty,
}

#[wasm_bindgen]
impl SimulateBench {
    /// The default scenario (b2b-saas) at `months` (1 to 120).
    #[wasm_bindgen(constructor)]
    pub fn new(months: u32) -> Result<SimulateBench, JsError> {
        let scenario = Scenario::default()
            .with_setting("horizon_months", &months.to_string())
            .map_err(|e| JsError::new(&e.to_string()))?;
        let uncertainty = uncertainty().map_err(|e| JsError::new(&e))?;
        Ok(SimulateBench {
            scenario,
            uncertainty,
        })
    }

    /// The number of paths a run takes.
    pub fn paths(&self) -> u32 {
        self.uncertainty.paths
    }

    /// One run; returns the median monthly cost at the horizon.
    pub fn run(&self) -> Result<f64, JsError> {
        let sim = simulate(black_box(&self.scenario), &self.uncertainty)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(sim.months.last().map_or(0.0, |m| m.total_usd.p50))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_builds_at_both_horizons() {
        for id in presets() {
            for months in [36, 120] {
                let s = scenario(&id, months).unwrap();
                assert_eq!(s.input().horizon_months, months);
            }
        }
        assert!(scenario("no-such-preset", 36).is_err());
    }

    #[test]
    fn the_settings_file_is_valid_for_the_default_scenario() {
        let u = uncertainty().unwrap();
        assert_eq!(u.paths, 1_000);
        assert_eq!(u.ranges.len(), 3);
        u.check(Scenario::default().input()).unwrap();
    }

    #[test]
    fn a_projection_run_returns_its_figure() {
        let bench = ProjectBench {
            scenario: scenario("b2b-saas", 12).unwrap(),
        };
        let one = bench.run(1);
        assert!(one > 0.0);
        assert_eq!(bench.run(2), 2.0 * one);
    }
}
