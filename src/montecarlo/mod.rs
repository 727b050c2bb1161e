//! The Monte Carlo runner: the run of the scenario's ranged inputs, written to
//! one derived signal (`Planner::simulation`), without holding up typing.
//!
//! The page draws every path itself, in order, from the run's seed, so the
//! numbers are those of the command line and of `simulate` whoever projects
//! them. Where the browser can, Web Workers project the paths ([`pool`]) and
//! the page only draws, adds and shows progress; otherwise, or if a worker
//! cannot start, the page projects them itself in slices between frames
//! ([`slices`]).

mod pool;
mod slices;
pub mod worker;

use std::sync::Arc;

use headroom_components::uncertainty::SimState;
use headroom_models::uncertainty::Simulator;
use headroom_models::Scenario;
use leptos::prelude::*;

use crate::browser;
use crate::planner::{Planner, SETTLE};

/// The name of each piece of the page's own work for a run (a slice of paths,
/// or a chunk of paths back from a worker) in the browser's performance
/// timeline (tests/e2e/bench/montecarlo.js reads them).
const SLICE_MEASURE: &str = "headroom:monte-carlo-slice";

/// Keep `planner.simulation` the Monte Carlo of the current scenario: whenever
/// the scenario changes, the running run is dropped and, if the scenario has
/// ranged inputs, a new one starts once typing settles.
/// (An effect because the result arrives over several frames; it writes only
/// that derived signal.)
pub fn run(planner: Planner) {
    let run_id = StoredValue::new(0u64);
    Effect::new(move |_| {
        let scenario = planner.scenario.get();
        run_id.update_value(|id| *id += 1);
        let run = Run {
            id: run_id.get_value(),
            current: run_id,
            state: planner.simulation,
        };
        let Some(u) = scenario
            .input()
            .uncertainty
            .clone()
            .filter(|u| !u.ranges.is_empty())
        else {
            planner.simulation.set(SimState::Off);
            return;
        };
        planner.simulation.set(SimState::Running {
            done: 0,
            total: u.paths,
        });
        set_timeout(
            move || {
                if !run.is_current() {
                    return;
                }
                browser::clear_measures(SLICE_MEASURE);
                match Simulator::new(&scenario, &u) {
                    Ok(sim) => start(run, sim, scenario),
                    Err(e) => run.fail(e.to_string()),
                }
            },
            SETTLE,
        );
    });
}

/// Start a checked run: in the workers if the page has them, else in slices.
fn start(run: Run, sim: Simulator, scenario: Scenario) {
    if pool::available() {
        pool::start(run, sim, scenario);
    } else {
        slices::start(run, sim);
    }
}

/// One run of the page: which it is, and where its state goes.
#[derive(Clone, Copy)]
struct Run {
    id: u64,
    /// The id of the page's current run: a run that is no longer current stops.
    current: StoredValue<u64>,
    state: RwSignal<SimState>,
}

impl Run {
    fn is_current(&self) -> bool {
        self.current.get_value() == self.id
    }

    fn progress(&self, done: u32, total: u32) {
        self.state.set(SimState::Running { done, total });
    }

    /// The run is done: its result, and the run itself for the raw samples.
    fn finish(&self, sim: Simulator) {
        let result = Arc::new(sim.result());
        self.state.set(SimState::Done(result, Arc::new(sim)));
    }

    fn fail(&self, message: String) {
        self.state.set(SimState::Failed(message));
    }
}
