// Benchmark (not a test): a Monte Carlo run of 1,000 paths in the app, in
// headless Chromium against the release build in dist/, at 36 and 120 months.
//
// Run it with scripts/bench.sh (which prepares dist/ and the CLI). Alone:
//   node tests/e2e/bench/montecarlo.js [--runs 10] [--warmup 2] [--horizons 36,120]
//     [--settle-ms 300]   (src/app.rs's SETTLE: the timer that starts a run)
//
// The page opens a share link that carries the ranges of bench/uncertainty.json
// (the settings of the native and wasm Monte Carlo benchmarks: the default
// scenario, seed 1, 1,000 paths, three ranged inputs), made by the CLI
// (`headroom link --token --months N --range ... --samples ... --seed ...`).
// The app starts a run on load; then, runs + warmup times, one page.evaluate
// changes growth.monthly_rate (0.13, then 0.12, both inside its range; an `input`
// event, what typing does), which starts a new run, and waits for its result.
//
// How the app runs it (src/montecarlo/): on a change it shows the progress bar
// at 0, waits SETTLE (a 300 ms timer, so typing is not slowed), then, inside that
// timer's callback, draws the paths and sends them in chunks to its Web Workers
// (two chunks a worker), which project them; each chunk back is added in order,
// and after the last one the tables (`sim-done`) and the two fan charts appear.
// Where the page has no workers it projects the paths itself in slices, each in a
// task of its own (woken through a MessageChannel, with no timer delay). Each
// piece of the page's own work (the start, each chunk back, or each slice) is a
// User Timing measure named `headroom:monte-carlo-slice` (cleared when a run
// starts). To find the start of the run, an init script wraps window.setTimeout
// (the wasm calls it through the window object) and notes when each callback
// starts; it changes nothing else.
//
// Times per run, from the start of the 300 ms callback that runs the first slice
// (the last 300 ms callback to start before the progress bar first moves):
//   run     to the result shown: the `sim-done` tables in the page and both fan
//           charts redrawn with the result (the goal's figure)
//   tables  to the `sim-done` tables alone
//   busy    the page's own work in the run (drawing, adding, the percentiles;
//           with no workers, the paths' work too); the rest of `run` is waiting
//           for the workers or between slices, and the final rendering
//   between the time from each slice's end to the next slice's start, summed
//   gap     the median of those times
//   last    from the last slice's end to the result shown (rendering)
// and input: from the input event to the result shown, including the 300 ms wait.
//
// Prints a table and writes target/bench/montecarlo.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { args as chromiumArgs, executablePath } from '../chromium.js';
import { root, outDir, parseOptions, summary, round2, machine, loadavg, serve } from './common.js';

// The release build: dist/, or the copy scripts/bench.sh takes of it (HEADROOM_BENCH_SITE),
// so that a rebuild of dist/ by someone else meanwhile does not change the pages measured.
const dist = process.env.HEADROOM_BENCH_SITE ? resolve(process.env.HEADROOM_BENCH_SITE) : resolve(root, 'dist');
const cliPath = process.env.HEADROOM_CLI || resolve(root, 'target/release/headroom');
const settings = JSON.parse(readFileSync(resolve(root, 'bench/uncertainty.json'), 'utf8'));
const out = resolve(outDir, 'montecarlo.json');

const options = parseOptions('montecarlo.js', { runs: 10, warmup: 2, horizons: [36, 120], settleMs: 300 });
for (const [path, how] of [
  [resolve(dist, 'index.html'), 'scripts/bench.sh builds dist/'],
  [cliPath, 'scripts/bench.sh builds it (cargo build --release -p headroom-cli)'],
]) {
  if (!existsSync(path)) {
    console.error(`montecarlo.js: ${path} is missing: ${how}`);
    process.exit(1);
  }
}

/** The share token of the default scenario at `months` with the benchmark's ranges. */
function token(months) {
  const ranges = Object.entries(settings.ranges).flatMap(([name, r]) => ['--range', `${name}=${r.low}:${r.high}`]);
  const args = ['link', '--token', '--months', String(months), '--samples', String(settings.paths), '--seed', String(settings.seed), ...ranges];
  return execFileSync(cliPath, args, { encoding: 'utf8' }).trim();
}

// --- in the page ------------------------------------------------------------------

// Installed before the app's script: every timer callback's start and end.
const TIMERS = () => {
  window.__timers = [];
  const original = window.setTimeout;
  window.setTimeout = function (handler, delay, ...rest) {
    if (typeof handler !== 'function') return original.call(this, handler, delay, ...rest);
    const ms = Number(delay) || 0;
    return original.call(
      this,
      function (...args) {
        const start = performance.now();
        try {
          return handler.apply(this, args);
        } finally {
          window.__timers.push({ delay: ms, start, end: performance.now() });
        }
      },
      delay,
      ...rest,
    );
  };
};

// One run, started by an input change (see the header). Returns times in ms.
const ONE_RUN = async ({ value, settleMs }) => {
  const section = document.querySelector('[data-testid="uncertainty"]');
  const input = document.querySelector('[data-testid="input-growth.monthly_rate"]');
  const fans = ['fan-cost', 'fan-per-customer'].map((id) => document.querySelector(`[data-testid="chart-${id}"] canvas`));
  if (!section || !input || fans.some((c) => !c)) throw new Error('the uncertainty view or the rate input is missing');
  const draws = () => fans.map((c) => Number(c.getAttribute('data-draws')));
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.__timers = [];
  let t0 = 0;
  let running = null; // the progress bar first shown: the new run has started
  let tables = null; // sim-done in the page
  let fanDraw = null; // the last fan redraw after the progress bar's last change
  let lastDraws = draws();
  let error = null;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const progress = document.querySelector('[data-testid="sim-progress"] progress');
    if (progress && running === null) running = now;
    const d = draws();
    if (running !== null && d.some((x, i) => x !== lastDraws[i])) fanDraw = now;
    lastDraws = d;
    // A run short enough to finish in its first slice never moves the bar.
    if (running !== null && tables === null && document.querySelector('[data-testid="sim-done"]')) tables = now;
    const failed = document.querySelector('[data-testid="sim-error"]');
    if (failed) error = failed.textContent;
  });
  observer.observe(section, { subtree: true, childList: true, attributes: true, characterData: true });
  t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const deadline = t0 + 30_000;
  while (tables === null && error === null && performance.now() < deadline) await frames();
  // The fan charts redraw in the frame the tables appear in (or the next).
  await frames();
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  if (error !== null) throw new Error(`the run failed: ${error}`);
  if (tables === null) throw new Error('no result within 30 s');
  const timers = window.__timers;
  const settles = timers.filter((t) => t.delay === settleMs && t.start > t0 && t.start <= tables);
  if (settles.length === 0) throw new Error(`no ${settleMs} ms timer started the run`);
  const start = Math.max(...settles.map((t) => t.start));
  const shown = Math.max(tables, fanDraw ?? tables);
  const slices = performance
    .getEntriesByName('headroom:monte-carlo-slice', 'measure')
    .map((m) => ({ start: m.startTime, end: m.startTime + m.duration }))
    .filter((m) => m.start >= start && m.start < shown);
  if (slices.length === 0) throw new Error('no headroom:monte-carlo-slice measure in the run');
  const busy = slices.reduce((s, t) => s + (t.end - t.start), 0);
  const byStart = [...slices].sort((a, b) => a.start - b.start);
  const gaps = byStart.slice(1).map((t, i) => t.start - byStart[i].end).sort((a, b) => a - b);
  const errorNode = document.querySelector(`[data-testid="error-growth.monthly_rate"]`);
  if (errorNode && !errorNode.hidden) throw new Error(`the input was refused: ${errorNode.textContent}`);
  return {
    run: shown - start,
    tables: tables - start,
    busy,
    callbacks: slices.length,
    gap: gaps.length ? gaps[Math.floor((gaps.length - 1) / 2)] : 0,
    between: gaps.reduce((sum, g) => sum + g, 0),
    last: shown - byStart[byStart.length - 1].end,
    input: shown - t0,
    fans_redrawn: fanDraw !== null,
  };
};

// --- main -------------------------------------------------------------------------

const started = new Date();
const info = machine();
console.log(`montecarlo.js: serving ${dist}`);
const { base, server } = await serve(dist);
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
const version = browser.version();
const results = [];
try {
  console.log(`montecarlo.js: ${version} (headless, ${executablePath}); ${info.nproc} CPUs: ${info.cpu}`);
  for (const months of options.horizons) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript(TIMERS);
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base}/#s=${token(months)}`);
    await page.getByTestId('sim-done').waitFor({ timeout: 60_000 }).catch((e) => {
      throw new Error(`the first run did not finish${pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''}: ${e.message}`);
    });
    const horizon = await page.getByTestId('horizon-month').textContent();
    if (Number(horizon) !== months) throw new Error(`the link for ${months} months shows month ${horizon} at the horizon`);
    const paths = await page.getByTestId('sim-done').textContent();
    console.log(`montecarlo.js: ${months} months (${paths.split('.')[0].trim()}): ${options.runs} runs after ${options.warmup} warm-up runs...`);
    const values = ['0.13', '0.12'];
    const all = [];
    for (let i = 0; i < options.runs + options.warmup; i++) {
      all.push(await page.evaluate(ONE_RUN, { value: values[i % 2], settleMs: options.settleMs }));
    }
    await context.close();
    const samples = all.slice(options.warmup);
    const pick = (key) => samples.map((s) => s[key]);
    results.push({
      months,
      paths: settings.paths,
      run: { ...summary(pick('run')), samples_ms: pick('run').map(round2) },
      tables: summary(pick('tables')),
      busy: summary(pick('busy')),
      waiting: summary(samples.map((s) => s.run - s.busy)),
      input_to_result: summary(pick('input')),
      timer_callbacks: summary(pick('callbacks')),
      between_chunks: summary(pick('between')),
      gap_between_chunks: summary(pick('gap')),
      last_chunk_to_shown: summary(pick('last')),
      fans_redrawn_every_run: samples.every((s) => s.fans_redrawn),
      warmup_run_ms: all.slice(0, options.warmup).map((s) => round2(s.run)),
    });
  }
} finally {
  await browser.close();
  server.kill();
}

// --- report -----------------------------------------------------------------------

const pad = (s, n) => String(s).padStart(n);
const f1 = (x) => x.toFixed(1);
console.log('');
console.log(`Monte Carlo, ${settings.paths} paths, in the app (ms, from the start of the first slice)`);
console.log(
  `${'months'.padEnd(8)}${pad('runs', 6)}${pad('p50', 9)}${pad('p95', 9)}${pad('max', 9)}${pad('tables', 9)}` +
    `${pad('busy', 9)}${pad('between', 9)}${pad('gap', 7)}${pad('last', 7)}${pad('slices', 8)}${pad('input', 9)}`,
);
for (const r of results) {
  console.log(
    `${String(r.months).padEnd(8)}${pad(r.run.n, 6)}${pad(f1(r.run.p50_ms), 9)}${pad(f1(r.run.p95_ms), 9)}${pad(f1(r.run.max_ms), 9)}` +
      `${pad(f1(r.tables.p50_ms), 9)}${pad(f1(r.busy.p50_ms), 9)}${pad(f1(r.between_chunks.p50_ms), 9)}` +
      `${pad(f1(r.gap_between_chunks.p50_ms), 7)}${pad(f1(r.last_chunk_to_shown.p50_ms), 7)}${pad(r.timer_callbacks.p50_ms, 8)}` +
      `${pad(f1(r.input_to_result.p50_ms), 9)}`,
  );
}
console.log("(tables to input: medians; slices: the run's slices of work; input includes the 300 ms wait for typing to settle)");

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'Monte Carlo run in the app (headless Chromium)',
      date: started.toISOString(),
      machine: { ...info, loadavg_at_end: loadavg() },
      browser: version,
      chromium_flags: chromiumArgs,
      viewport: '1280x800, device scale factor 1',
      settings,
      options,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`montecarlo.js: wrote ${out}`);
