//! What the page's Monte Carlo workers run (`worker.js`, loaded with the page's
//! own wasm, so the numbers are the page's): the figures of paths drawn by the
//! page, from the values of their ranged inputs.

use std::cell::RefCell;

use headroom_models::engine::PathFigures;
use headroom_models::uncertainty::PathProjector;
use headroom_models::Scenario;
use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    /// The projector of the run being worked on, with the scenario it was made
    /// from (a run sends the same scenario with each chunk of paths).
    static PROJECTOR: RefCell<Option<(String, PathProjector)>> = const { RefCell::new(None) };
}

/// The flat figures ([`PathFigures::write_flat`]) of the paths whose ranged
/// inputs are `values`, for `scenario` (its input as JSON, with its ranges).
/// Fails with the model's message if the scenario or the values are refused.
#[wasm_bindgen(js_name = projectPaths)]
pub fn project_paths(scenario: &str, values: &[f64]) -> Result<Vec<f64>, String> {
    PROJECTOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(json, _)| json != scenario) {
            *cell = Some((scenario.to_owned(), projector(scenario)?));
        }
        let (_, projector) = cell.as_ref().ok_or("no projector")?;
        let paths = projector.project(values).map_err(|e| e.to_string())?;
        let mut out = Vec::with_capacity(
            paths.len()
                * paths
                    .first()
                    .map_or(0, |p| PathFigures::flat_len(p.mau.len())),
        );
        for p in &paths {
            p.write_flat(&mut out);
        }
        Ok(out)
    })
}

fn projector(json: &str) -> Result<PathProjector, String> {
    let scenario = Scenario::from_json(json).map_err(|e| e.to_string())?;
    let uncertainty = scenario
        .input()
        .uncertainty
        .clone()
        .ok_or("the scenario has no ranges")?;
    PathProjector::new(&scenario, &uncertainty).map_err(|e| e.to_string())
}
