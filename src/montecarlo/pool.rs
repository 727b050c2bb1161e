//! A run's paths projected in Web Workers (`worker.js`), off the page's thread.
//!
//! The page draws the paths in chunks (the values of their ranged inputs, in
//! the run's order), keeps [`IN_FLIGHT`] chunks at each worker so none waits,
//! and adds the figures that come back in the order they were drawn. A chunk of
//! a run that is no longer current is ignored when it comes back. If a worker
//! cannot start (no script, no wasm), the pool is given up for the page's life
//! and the run goes on in slices on the page's thread.

use std::cell::{Cell, RefCell};

use headroom_models::engine::PathFigures;
use headroom_models::uncertainty::Simulator;
use headroom_models::Scenario;
use js_sys::{Float64Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::{slices, Run, SLICE_MEASURE};
use crate::browser;

/// Chunks a worker gets in a run: two, so the progress bar moves. Each round
/// trip through the page costs a worker a few milliseconds of waiting on a
/// 2-core machine (1,000 paths × 120 months: p50 107 ms with two chunks a
/// worker, 119 ms with four, 117 ms with ten; docs/BENCHMARKS.md).
const CHUNKS_PER_WORKER: u32 = 2;
/// Chunks at each worker at once: one to work on, one waiting (with two
/// chunks a worker, a run's chunks all leave when it starts).
const IN_FLIGHT: usize = 2;
/// Workers at most, whatever the machine's cores.
const MAX_WORKERS: u32 = 4;
/// The page's `<meta>` that names the worker script of its build (written by
/// scripts/boot-script.sh).
const WORKER_META: &str = "meta[name=\"headroom-worker\"]";

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
    /// The workers failed to start once: the page runs in slices from then on.
    static GIVEN_UP: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page has workers to run paths in (started on the first ask).
pub(super) fn available() -> bool {
    !GIVEN_UP.get()
        && POOL.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = Pool::new();
            }
            cell.is_some()
        })
}

/// Start `sim` in the workers ([`available`] first), dropping the run before.
pub(super) fn start(run: Run, sim: Simulator, scenario: Scenario) {
    let update = POOL.with(|cell| {
        let mut cell = cell.borrow_mut();
        let pool = cell.as_mut()?;
        Some(pool.start(run, sim, scenario))
    });
    if let Some(update) = update {
        apply(run, update);
    }
}

/// The workers and the run they work on.
struct Pool {
    workers: Vec<Worker>,
    /// The workers' message and error handlers, kept as long as the workers.
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    active: Option<Active>,
}

/// The run in the workers.
struct Active {
    run: Run,
    sim: Simulator,
    /// The scenario (to start again in slices) and its JSON (for the workers).
    scenario: Scenario,
    json: JsValue,
    months: usize,
    /// Paths a chunk.
    chunk: u32,
    /// The next chunk to draw, and the next one to add.
    drawn: u32,
    added: u32,
    /// Chunks back from the workers, by number, waiting for those drawn
    /// before them (`None`: not back, or added).
    back: Vec<Option<Vec<PathFigures>>>,
}

/// What a message from a worker comes to, acted on once the pool is free.
enum Update {
    Nothing,
    Progress {
        done: u32,
        total: u32,
    },
    Done(Simulator),
    Failed(String),
    /// A worker could not load: the run starts again in slices.
    InSlices(Scenario),
}

impl Pool {
    /// The page's workers, one a core (up to [`MAX_WORKERS`]); `None` when the
    /// page names no worker script or the browser refuses to start one.
    fn new() -> Option<Pool> {
        let window = web_sys::window()?;
        let url = window
            .document()?
            .query_selector(WORKER_META)
            .ok()??
            .get_attribute("content")?;
        let cores = window.navigator().hardware_concurrency() as u32;
        let count = cores.clamp(1, MAX_WORKERS) as usize;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let mut pool = Pool {
            workers: Vec::with_capacity(count),
            _handlers: Vec::with_capacity(2 * count),
            active: None,
        };
        for index in 0..count {
            let worker = Worker::new_with_options(&url, &options).ok()?;
            let message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let data = event.unchecked_into::<MessageEvent>().data();
                browser::timed(SLICE_MEASURE, || received(index, &data));
            });
            let error = Closure::<dyn FnMut(JsValue)>::new(move |_| unavailable());
            worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(error.as_ref().unchecked_ref()));
            share_module(&worker);
            pool.workers.push(worker);
            pool._handlers.extend([message, error]);
        }
        Some(pool)
    }

    /// Start a run, dropping the one before: fill every worker's queue.
    fn start(&mut self, run: Run, sim: Simulator, scenario: Scenario) -> Update {
        let json = serde_json::to_string(scenario.input()).unwrap_or_default();
        self.active = Some(Active {
            run,
            months: scenario.input().horizon_months as usize + 1,
            chunk: sim
                .total()
                .div_ceil(CHUNKS_PER_WORKER * self.workers.len() as u32)
                .max(1),
            sim,
            scenario,
            json: JsValue::from_str(&json),
            drawn: 0,
            added: 0,
            back: Vec::new(),
        });
        for _ in 0..IN_FLIGHT {
            for index in 0..self.workers.len() {
                if let Err(message) = self.send(index) {
                    self.active = None;
                    return Update::Failed(message);
                }
            }
        }
        Update::Nothing
    }

    /// Draw the next chunk of the active run and send it to worker `index`.
    fn send(&mut self, index: usize) -> Result<(), String> {
        let Some(a) = self.active.as_mut() else {
            return Ok(());
        };
        let values = a.sim.draw_values(a.chunk).map_err(|e| e.to_string())?;
        if values.is_empty() {
            return Ok(());
        }
        let values = Float64Array::from(values.as_slice());
        let message = Object::new();
        for (key, value) in [
            ("run", JsValue::from_f64(a.run.id as f64)),
            ("chunk", JsValue::from(a.drawn)),
            ("scenario", a.json.clone()),
            ("values", values.clone().into()),
        ] {
            Reflect::set(&message, &key.into(), &value)
                .map_err(|_| "the page could not write to its worker")?;
        }
        a.drawn += 1;
        self.workers[index]
            .post_message_with_transfer(&message, &js_sys::Array::of1(&values.buffer()))
            .map_err(|_| "the page could not write to its worker".to_owned())
    }

    /// A worker's message: a chunk's figures, or why there are none.
    fn on_message(&mut self, index: usize, data: &JsValue) -> Update {
        let field = |name: &str| Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let Some(a) = self.active.as_mut() else {
            return Update::Nothing;
        };
        if field("run").as_f64() != Some(a.run.id as f64) {
            return Update::Nothing; // a chunk of a run dropped since
        }
        if !a.run.is_current() {
            self.active = None;
            return Update::Nothing;
        }
        if field("unavailable").is_string() {
            return self.give_up();
        }
        if let Some(message) = field("error").as_string() {
            self.active = None;
            return Update::Failed(message);
        }
        let chunk = field("chunk").as_f64().unwrap_or(-1.0);
        let figures = field("figures")
            .dyn_into::<Float64Array>()
            .ok()
            .and_then(|f| PathFigures::read_flat(&f.to_vec(), a.months));
        let Some(figures) = figures.filter(|_| chunk >= 0.0) else {
            self.active = None;
            return Update::Failed("a worker sent back damaged figures".to_owned());
        };
        let chunk = chunk as usize;
        if a.back.len() <= chunk {
            a.back.resize_with(chunk + 1, || None);
        }
        a.back[chunk] = Some(figures);
        while let Some(figures) = a.back.get_mut(a.added as usize).and_then(Option::take) {
            a.sim.add(figures);
            a.added += 1;
        }
        if a.sim.is_finished() {
            return self
                .active
                .take()
                .map_or(Update::Nothing, |a| Update::Done(a.sim));
        }
        let (done, total) = (a.sim.done(), a.sim.total());
        match self.send(index) {
            Ok(()) => Update::Progress { done, total },
            Err(message) => {
                self.active = None;
                Update::Failed(message)
            }
        }
    }

    /// Stop using the workers; the active run, if any, starts again in slices.
    fn give_up(&mut self) -> Update {
        GIVEN_UP.set(true);
        for w in &self.workers {
            w.terminate();
        }
        match self.active.take() {
            Some(a) => Update::InSlices(a.scenario),
            None => Update::Nothing,
        }
    }
}

/// Give `worker` the page's compiled module: it then starts the same code at
/// once, without fetching or compiling it (and with what the engine has
/// already optimised). If it cannot be sent, the worker loads the wasm itself.
fn share_module(worker: &Worker) {
    let message = Object::new();
    if Reflect::set(&message, &"module".into(), &wasm_bindgen::module()).is_ok() {
        let _ = worker.post_message(&message);
    }
}

/// A message from worker `index`, acted on with the pool released.
fn received(index: usize, data: &JsValue) {
    let update = POOL.with(|cell| {
        let mut cell = cell.borrow_mut();
        let pool = cell.as_mut()?;
        let run = pool.active.as_ref()?.run;
        Some((run, pool.on_message(index, data)))
    });
    if let Some((run, update)) = update {
        apply(run, update);
    }
}

/// A worker could not start (its script or the wasm failed to load).
fn unavailable() {
    let update = POOL.with(|cell| {
        let mut cell = cell.borrow_mut();
        let pool = cell.as_mut()?;
        let run = pool.active.as_ref().map(|a| a.run);
        // The pool stays (this handler is one of its closures); it is not used again.
        let update = pool.give_up();
        Some((run?, update))
    });
    if let Some((run, update)) = update {
        apply(run, update);
    }
}

fn apply(run: Run, update: Update) {
    match update {
        Update::Nothing => {}
        Update::Progress { done, total } => run.progress(done, total),
        Update::Done(sim) => run.finish(sim),
        Update::Failed(message) => run.fail(message),
        Update::InSlices(scenario) => {
            let restarted = scenario
                .input()
                .uncertainty
                .as_ref()
                .ok_or_else(|| "the scenario has no ranges".to_owned())
                .and_then(|u| Simulator::new(&scenario, u).map_err(|e| e.to_string()));
            match restarted {
                Ok(sim) => slices::start(run, sim),
                Err(message) => run.fail(message),
            }
        }
    }
}
