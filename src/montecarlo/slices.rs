//! A run projected on the page's own thread, in slices between frames so typing
//! stays responsive: where the page has no workers.

use std::cell::RefCell;
use std::rc::Rc;

use headroom_models::uncertainty::Simulator;

use super::{Run, SLICE_MEASURE};
use crate::browser;

/// Work per slice (milliseconds): then the browser gets the thread back for
/// input and a frame. Slices are measured in time, not paths, so a long
/// horizon never holds the page longer than a short one.
const SLICE_MS: f64 = 24.0;
/// Paths drawn between two looks at the clock (a 120-month path takes about
/// 0.1 ms in the browser).
const PATHS_PER_LOOK: u32 = 5;

/// Run `sim` to its end in slices, each in a task of its own, unless replaced.
pub(super) fn start(run: Run, sim: Simulator) {
    step(run, Rc::new(RefCell::new(sim)));
}

fn step(run: Run, sim: Rc<RefCell<Simulator>>) {
    if !run.is_current() {
        return;
    }
    let stepped = browser::timed(SLICE_MEASURE, || {
        let start = browser::elapsed_ms();
        let mut sim = sim.borrow_mut();
        loop {
            let stepped = sim.step(PATHS_PER_LOOK);
            if stepped.is_err() || sim.is_finished() || browser::elapsed_ms() - start >= SLICE_MS {
                break stepped;
            }
        }
    });
    if let Err(e) = stepped {
        run.fail(e.to_string());
        return;
    }
    if !sim.borrow().is_finished() {
        let (done, total) = (sim.borrow().done(), sim.borrow().total());
        run.progress(done, total);
        browser::next_task(move || step(run, sim));
        return;
    }
    // The run is done with: take it out of its cell for the raw-samples export.
    match Rc::try_unwrap(sim).map(RefCell::into_inner) {
        Ok(sim) => run.finish(sim),
        Err(_) => run.fail("the run was still in use".to_owned()),
    }
}
