//! The Monte Carlo runner: the run of the scenario's ranged inputs, in slices
//! between frames so typing stays responsive, written to one derived signal
//! (`Planner::simulation`).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use headroom_components::uncertainty::SimState;
use headroom_models::uncertainty::Simulator;
use leptos::prelude::*;

use crate::browser;
use crate::planner::{Planner, SETTLE};

/// Work per slice of a Monte Carlo run (milliseconds): then the browser gets
/// the thread back for input and a frame. Slices are measured in time, not
/// paths, so a long horizon never holds the page longer than a short one.
const SLICE_MS: f64 = 24.0;
/// Paths drawn between two looks at the clock (a 120-month path takes about
/// 0.1 ms in the browser).
const PATHS_PER_LOOK: u32 = 5;
/// The name of each slice in the browser's performance timeline.
const SLICE_MEASURE: &str = "headroom:monte-carlo-slice";

/// Keep `planner.simulation` the Monte Carlo of the current scenario: whenever
/// the scenario changes, the running run is dropped and, if the scenario has
/// ranged inputs, a new one starts once typing settles and runs in chunks.
/// (An effect because the result arrives over several frames; it writes only
/// that derived signal.)
pub fn run(planner: Planner) {
    let run_id = StoredValue::new(0u64);
    Effect::new(move |_| {
        let scenario = planner.scenario.get();
        run_id.update_value(|id| *id += 1);
        let id = run_id.get_value();
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
                if run_id.get_value() != id {
                    return;
                }
                browser::clear_measures(SLICE_MEASURE);
                match Simulator::new(&scenario, &u) {
                    Ok(run) => step(Rc::new(RefCell::new(run)), id, run_id, planner.simulation),
                    Err(e) => planner.simulation.set(SimState::Failed(e.to_string())),
                }
            },
            SETTLE,
        );
    });
}

/// One slice of a run, then the next in a task of its own, until done or replaced.
fn step(
    run: Rc<RefCell<Simulator>>,
    id: u64,
    current: StoredValue<u64>,
    state: RwSignal<SimState>,
) {
    if current.get_value() != id {
        return;
    }
    let stepped = browser::timed(SLICE_MEASURE, || {
        let start = browser::elapsed_ms();
        let mut run = run.borrow_mut();
        loop {
            let stepped = run.step(PATHS_PER_LOOK);
            if stepped.is_err() || run.is_finished() || browser::elapsed_ms() - start >= SLICE_MS {
                break stepped;
            }
        }
    });
    if let Err(e) = stepped {
        state.set(SimState::Failed(e.to_string()));
        return;
    }
    let (done, total, finished) = {
        let r = run.borrow();
        (r.done(), r.total(), r.is_finished())
    };
    if finished {
        let result = Arc::new(run.borrow().result());
        // The run is done with: take it out of its cell for the raw-samples export.
        let run = Rc::try_unwrap(run).map(RefCell::into_inner);
        match run {
            Ok(run) => state.set(SimState::Done(result, Arc::new(run))),
            Err(_) => state.set(SimState::Failed("the run was still in use".to_owned())),
        }
    } else {
        state.set(SimState::Running { done, total });
        browser::next_task(move || step(run, id, current, state));
    }
}
