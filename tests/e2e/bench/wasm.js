// Benchmark (not a test): the model compiled to WebAssembly (the crate
// bench/wasm, headroom-bench-wasm), timed with performance.now() in node and in
// headless Chromium, to set against the native criterion figures.
//
// Run it with scripts/bench.sh, which builds the wasm first. Alone:
//   node tests/e2e/bench/wasm.js [--variants z,o3] [--runtimes chromium,node]
//     [--horizons 36,120] [--warmup-all-ms 2000] [--warmup-ms 500] [--batch-ms 20]
//     [--batches 40] [--mc-runs 10]
//
// Variants: directories under target/bench/wasm/ holding wasm-bindgen's
// `--target web` output (headroom_bench.js and headroom_bench_bg.wasm), built by
// scripts/bench.sh: `z` is the shipped app's build (release profile, opt-level
// "z", LTO, then wasm-opt -Oz as Trunk runs it); `o3` is the bench-wasm profile
// (opt-level 3, then wasm-opt -O3).
//
// project(): first every case in turn for warmup-all-ms (V8 compiles wasm with a
// baseline compiler and optimises hot functions in the background, so steady
// state needs a warm-up, as criterion's does). Then for each preset and horizon,
// ProjectBench(preset, months) builds the scenario once (outside the timing, as
// criterion's bench_with_input does); calls of run(1) for warmup-ms; then
// `batches` batches of run(n), n chosen so a batch takes about batch-ms. Per call:
// the mean over all batches (total time / calls, what criterion's mean
// estimates), the median of the batches' per-call times, the fastest and slowest
// batch.
//
// Monte Carlo: SimulateBench(months).run() is uncertainty::simulate with the
// settings of bench/uncertainty.json (1,000 paths, three ranges, the default
// scenario), in one call; one warm-up run, then mc-runs timed runs.
//
// Chromium: the variants are served from 127.0.0.1 to a blank page and imported
// there; performance.now() in a page is coarsened (100 µs without cross-origin
// isolation), which the batches of about 20 ms make negligible.
//
// Prints a table and writes target/bench/wasm.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { args as chromiumArgs, executablePath } from '../chromium.js';
import { outDir, parseOptions, machine, loadavg, serve } from './common.js';

const wasmDir = resolve(outDir, 'wasm');
const out = resolve(outDir, 'wasm.json');

const options = parseOptions('wasm.js', {
  variants: ['z', 'o3'],
  runtimes: ['chromium', 'node'],
  horizons: [36, 120],
  warmupAllMs: 2000,
  warmupMs: 500,
  batchMs: 20,
  batches: 40,
  mcRuns: 10,
});
for (const v of options.variants) {
  if (!existsSync(resolve(wasmDir, v, 'headroom_bench.js'))) {
    console.error(`wasm.js: ${wasmDir}/${v}/headroom_bench.js is missing: run scripts/bench.sh (it builds the wasm)`);
    process.exit(1);
  }
}

// --- the measurement (runs in node and, as source text, in the page) ----------------

// Self-contained: Chromium gets it as text, so it may use nothing from outside.
async function measure(mod, plan) {
  const now = () => performance.now();
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const results = { project: [], simulate: [] };
  let sink = 0;
  // First, every case in turn until warmupAllMs have passed: V8 compiles wasm
  // with a baseline compiler first and optimises hot functions in the background,
  // so the first cases measured would otherwise run partly unoptimised.
  {
    const all = plan.horizons.flatMap((months) => mod.presets().map((preset) => new mod.ProjectBench(preset, months)));
    const w0 = now();
    while (now() - w0 < plan.warmupAllMs) for (const bench of all) sink += bench.run(1);
    for (const bench of all) bench.free();
  }
  for (const months of plan.horizons) {
    for (const preset of mod.presets()) {
      const bench = new mod.ProjectBench(preset, months);
      let calls = 0;
      const w0 = now();
      while (now() - w0 < plan.warmupMs || calls < 3) {
        sink += bench.run(1);
        calls += 1;
      }
      const perCallMs = (now() - w0) / calls;
      const n = Math.max(1, Math.round(plan.batchMs / perCallMs));
      const perCall = [];
      let total = 0;
      for (let b = 0; b < plan.batches; b++) {
        const t0 = now();
        sink += bench.run(n);
        const dt = now() - t0;
        total += dt;
        perCall.push((dt / n) * 1000);
      }
      bench.free();
      results.project.push({
        preset,
        months,
        calls_per_batch: n,
        batches: plan.batches,
        mean_us: ((total / (n * plan.batches)) * 1000),
        median_us: median(perCall),
        min_us: Math.min(...perCall),
        max_us: Math.max(...perCall),
      });
      // Let the page breathe between cases (a long task is fine, a frozen one is not needed).
      await new Promise((r) => setTimeout(r, 0));
    }
    const sim = new mod.SimulateBench(months);
    sink += sim.run(); // warm-up
    const runs = [];
    for (let r = 0; r < plan.mcRuns; r++) {
      const t0 = now();
      sink += sim.run();
      runs.push(now() - t0);
    }
    results.simulate.push({ months, paths: sim.paths(), runs_ms: runs });
    sim.free();
    await new Promise((r) => setTimeout(r, 0));
  }
  results.sink = sink; // keeps every result alive
  return results;
}

// --- the runtimes ---------------------------------------------------------------------

async function inNode(variant, plan) {
  const dir = resolve(wasmDir, variant);
  const mod = await import(pathToFileURL(resolve(dir, 'headroom_bench.js')).href);
  mod.initSync({ module: readFileSync(resolve(dir, 'headroom_bench_bg.wasm')) });
  return measure(mod, plan);
}

async function inChromium(browser, base, variant, plan) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/`);
    const source = `(async () => {
      const mod = await import('${base}/${variant}/headroom_bench.js');
      await mod.default({ module_or_path: '${base}/${variant}/headroom_bench_bg.wasm' });
      return (${measure.toString()})(mod, ${JSON.stringify(plan)});
    })()`;
    return await page.evaluate(source);
  } finally {
    await page.close();
  }
}

// --- main -----------------------------------------------------------------------------

const started = new Date();
const info = machine();
const plan = {
  horizons: options.horizons,
  warmupAllMs: options.warmupAllMs,
  warmupMs: options.warmupMs,
  batchMs: options.batchMs,
  batches: options.batches,
  mcRuns: options.mcRuns,
};
const runs = [];
let browserVersion = null;
const wantChromium = options.runtimes.includes('chromium');
const { base, server } = wantChromium ? await serve(wasmDir) : {};
const browser = wantChromium ? await chromium.launch({ executablePath, args: chromiumArgs, headless: true }) : null;
try {
  if (browser) browserVersion = browser.version();
  for (const runtime of options.runtimes) {
    for (const variant of options.variants) {
      const label = runtime === 'node' ? `node ${process.version} (V8 ${process.versions.v8})` : browserVersion;
      console.log(`wasm.js: ${variant} in ${label}: project() at ${plan.horizons.join(', ')} months, Monte Carlo ${plan.mcRuns} runs...`);
      const t0 = performance.now();
      let result;
      if (runtime === 'node') result = await inNode(variant, plan);
      else if (runtime === 'chromium') result = await inChromium(browser, base, variant, plan);
      else {
        console.error(`wasm.js: unknown runtime ${runtime} (node or chromium)`);
        process.exit(2);
      }
      const bytes = readFileSync(resolve(wasmDir, variant, 'headroom_bench_bg.wasm')).length;
      runs.push({ runtime, engine: label, variant, wasm_bytes: bytes, ...result, seconds: Math.round((performance.now() - t0) / 100) / 10 });
    }
  }
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
}

// --- report ---------------------------------------------------------------------------

const f1 = (x) => x.toFixed(1);
const pad = (s, n) => String(s).padStart(n);
console.log('');
console.log('project() in wasm, per call (µs): mean, median of batches, fastest and slowest batch');
console.log(`${'runtime'.padEnd(10)}${'variant'.padEnd(9)}${'preset'.padEnd(14)}${pad('months', 7)}${pad('mean', 9)}${pad('median', 9)}${pad('min', 9)}${pad('max', 9)}`);
for (const r of runs) {
  for (const p of r.project) {
    console.log(`${r.runtime.padEnd(10)}${r.variant.padEnd(9)}${p.preset.padEnd(14)}${pad(p.months, 7)}${pad(f1(p.mean_us), 9)}${pad(f1(p.median_us), 9)}${pad(f1(p.min_us), 9)}${pad(f1(p.max_us), 9)}`);
  }
}
console.log('');
console.log('Monte Carlo in wasm, one call of simulate() (ms)');
console.log(`${'runtime'.padEnd(10)}${'variant'.padEnd(9)}${pad('months', 7)}${pad('paths', 7)}${pad('runs', 6)}${pad('median', 9)}${pad('min', 9)}${pad('max', 9)}`);
for (const r of runs) {
  for (const s of r.simulate) {
    const sorted = [...s.runs_ms].sort((a, b) => a - b);
    const med = sorted[Math.floor((sorted.length - 1) / 2)];
    console.log(`${r.runtime.padEnd(10)}${r.variant.padEnd(9)}${pad(s.months, 7)}${pad(s.paths, 7)}${pad(s.runs_ms.length, 6)}${pad(f1(med), 9)}${pad(f1(sorted[0]), 9)}${pad(f1(sorted[sorted.length - 1]), 9)}`);
  }
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'project() and Monte Carlo in wasm (bench/wasm), node and headless Chromium',
      date: started.toISOString(),
      machine: { ...info, loadavg_at_end: loadavg() },
      browser: browserVersion,
      chromium_flags: wantChromium ? chromiumArgs : null,
      options,
      runs,
    },
    null,
    2,
  )}\n`,
);
console.log(`wasm.js: wrote ${out}`);
