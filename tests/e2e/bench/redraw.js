// Benchmark (not a test): how long from an input change to all three charts
// redrawn, and from navigation start to the first render of all three charts,
// in headless Chromium against the release build in dist/.
//
// Run it with scripts/bench-redraw.sh (which builds dist/ when stale). Alone:
//   node tests/e2e/bench/redraw.js [--runs 60] [--warmup 5] [--loads 8] [--horizons 36,120]
//
// Redraw: the app opens at a horizon (`?months=N`, the default scenario); then,
// runs + warmup times, one page.evaluate takes t0 = performance.now(), sets
// input-growth.monthly_rate to the other of two values and dispatches an `input`
// event (what typing does), and resolves when every chart canvas's data-draws
// counter has increased (a MutationObserver on the attribute): t1. The time is
// t1 - t0: the model's projection, the headline and tables, and three canvas
// draws (the browser's compositing of the frame is not included). Between runs
// the page gets two animation frames to settle. The first `warmup` runs are
// discarded.
//
// First render: a fresh page (same browser context, so the HTTP cache is warm
// after the first load) per load; an init script notes performance.now() (ms
// since navigation start) when the third canvas gets data-drawn="true".
//
// Prints a table and writes target/bench/redraw.json.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { args as chromiumArgs, executablePath } from '../chromium.js';
import { root, outDir, parseOptions, summary, round2, machine, loadavg, serve } from './common.js';

// The release build: dist/, or the copy scripts/bench.sh takes of it (HEADROOM_BENCH_SITE),
// so that a rebuild of dist/ by someone else meanwhile does not change the pages measured.
const dist = process.env.HEADROOM_BENCH_SITE ? resolve(process.env.HEADROOM_BENCH_SITE) : resolve(root, 'dist');
const out = resolve(outDir, 'redraw.json');

const options = parseOptions('redraw.js', { runs: 60, warmup: 5, loads: 8, horizons: [36, 120] });
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`redraw.js: ${dist}/index.html is missing: run scripts/bench-redraw.sh (it builds dist/)`);
  process.exit(1);
}

// --- measurements -----------------------------------------------------------------

// Installed before the app's script: notes when all three canvases are first drawn.
const FIRST_RENDER = () => {
  window.__firstRender = null;
  new MutationObserver((_, observer) => {
    const drawn = ['cost', 'utilisation', 'per-customer'].filter((id) =>
      document.querySelector(`[data-testid="chart-${id}"] canvas[data-drawn="true"]`),
    ).length;
    if (drawn >= 3 && window.__firstRender === null) {
      window.__firstRender = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
};

async function firstRender(context, url, loads) {
  const samples = [];
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRender !== null, null, { timeout: 60_000 });
    samples.push(await page.evaluate(() => window.__firstRender));
    await page.close();
  }
  return samples;
}

// One input change, timed inside the page (see the header).
const ONE_REDRAW = async (value) => {
  // The planner's three charts (the uncertainty charts stay hidden without ranges).
  const canvases = ['cost', 'utilisation', 'per-customer'].map((id) =>
    document.querySelector(`[data-testid="chart-${id}"] canvas`),
  );
  if (canvases.some((c) => !c)) throw new Error('a chart canvas is missing');
  const input = document.querySelector('[data-testid="input-growth.monthly_rate"]');
  const before = canvases.map((c) => Number(c.getAttribute('data-draws')));
  const ms = await new Promise((resolve, reject) => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      if (canvases.every((c, i) => Number(c.getAttribute('data-draws')) > before[i])) {
        const t1 = performance.now();
        observer.disconnect();
        resolve(t1 - t0);
      }
    });
    for (const c of canvases) observer.observe(c, { attributes: true, attributeFilter: ['data-draws'] });
    setTimeout(() => reject(new Error('the charts were not redrawn within 10 s')), 10_000);
    t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // Let the page settle (layout, paint) before the next run.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const error = document.querySelector('[data-testid="error-growth.monthly_rate"]');
  if (error && !error.hidden) throw new Error(`the input was refused: ${error.textContent}`);
  return ms;
};

async function redraws(page, runs, warmup) {
  const values = ['0.13', '0.12'];
  const all = [];
  for (let i = 0; i < runs + warmup; i++) all.push(await page.evaluate(ONE_REDRAW, values[i % 2]));
  return { warmup: all.slice(0, warmup), samples: all.slice(warmup) };
}

// --- main -------------------------------------------------------------------------

const started = new Date();
const info = machine();
console.log(`redraw.js: serving ${dist}`);
const { base, server } = await serve(dist);
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
const version = browser.version();
const results = [];
try {
  console.log(`redraw.js: ${version} (headless, ${executablePath}); ${info.nproc} CPUs: ${info.cpu}`);
  for (const months of options.horizons) {
    const url = `${base}/?months=${months}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript(FIRST_RENDER);

    console.log(`redraw.js: ${months} months: first render, ${options.loads} loads...`);
    const loads = await firstRender(context, url, options.loads);

    console.log(`redraw.js: ${months} months: ${options.runs} input changes after ${options.warmup} warm-up runs...`);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRender !== null, null, { timeout: 60_000 });
    const horizon = await page.getByTestId('horizon-month').textContent();
    if (Number(horizon) !== months) throw new Error(`?months=${months} shows month ${horizon} at the horizon`);
    const { warmup, samples } = await redraws(page, options.runs, options.warmup);
    await context.close();

    results.push({
      months,
      redraw: { ...summary(samples), warmup_ms: warmup.map(round2), samples_ms: samples.map(round2) },
      first_render: {
        ...summary(loads),
        first_load_ms: round2(loads[0]),
        samples_ms: loads.map(round2),
      },
    });
  }
} finally {
  await browser.close();
  server.kill();
}

// --- report -----------------------------------------------------------------------

const pad = (s, n) => String(s).padStart(n);
console.log('');
console.log('Input change to all three charts redrawn (ms)');
console.log(`${'months'.padEnd(8)}${pad('runs', 6)}${pad('p50', 9)}${pad('p95', 9)}${pad('max', 9)}`);
for (const r of results) {
  console.log(`${String(r.months).padEnd(8)}${pad(r.redraw.n, 6)}${pad(r.redraw.p50_ms.toFixed(1), 9)}${pad(r.redraw.p95_ms.toFixed(1), 9)}${pad(r.redraw.max_ms.toFixed(1), 9)}`);
}
console.log('');
console.log('First render: navigation start to all three charts drawn (ms)');
console.log(`${'months'.padEnd(8)}${pad('loads', 6)}${pad('first', 9)}${pad('p50', 9)}${pad('max', 9)}`);
for (const r of results) {
  const f = r.first_render;
  console.log(`${String(r.months).padEnd(8)}${pad(f.n, 6)}${pad(f.first_load_ms.toFixed(1), 9)}${pad(f.p50_ms.toFixed(1), 9)}${pad(f.max_ms.toFixed(1), 9)}`);
}
const at120 = results.find((r) => r.months === 120);
if (at120) {
  const met = at120.redraw.p95_ms < 16;
  console.log('');
  console.log(`Goal (p95 under 16 ms at 120 months): ${met ? 'met' : 'NOT met'} (p95 ${at120.redraw.p95_ms.toFixed(1)} ms)`);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'input change to charts redrawn (headless Chromium)',
      date: started.toISOString(),
      machine: { ...info, loadavg_at_end: loadavg() },
      browser: version,
      chromium_flags: chromiumArgs,
      viewport: '1280x800, device scale factor 1',
      options,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`redraw.js: wrote ${out}`);
