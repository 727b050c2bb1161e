// Headroom's Monte Carlo worker: projects the paths the page draws, off the
// page's thread, with the page's own wasm (the same file, so the same numbers).
// scripts/boot-script.sh writes it into each build with that build's addresses
// in place of the two markers below; src/montecarlo/pool.rs starts it.
//
// Messages in:  { module: WebAssembly.Module } first: the page's own compiled
//                module, so the worker neither fetches nor compiles it again
//                (without it, the worker loads the wasm from the address below);
//               then { run, chunk, scenario: JSON of the scenario, values: Float64Array }.
// Messages out: { run, chunk, figures: Float64Array } (PathFigures::write_flat),
//               { run, chunk, error } when the model refuses the paths, or
//               { run, chunk, unavailable } when the wasm could not be loaded here.
import init, { projectPaths } from '@@GLUE@@';

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.module instanceof WebAssembly.Module) {
    ready ??= init({ module_or_path: data.module });
    return;
  }
  const { run, chunk, scenario, values } = data;
  try {
    await (ready ??= init({ module_or_path: '@@WASM@@' }));
  } catch (e) {
    self.postMessage({ run, chunk, unavailable: String(e?.message ?? e) });
    return;
  }
  try {
    const figures = projectPaths(scenario, values);
    self.postMessage({ run, chunk, figures }, [figures.buffer]);
  } catch (e) {
    self.postMessage({ run, chunk, error: String(e?.message ?? e) });
  }
};
