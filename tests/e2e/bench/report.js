// The results table of scripts/bench.sh: reads what this run's steps wrote
// (criterion's estimates under target/criterion, and target/bench/{run,wasm,
// montecarlo,redraw}.json and size.txt), sets each figure beside its goal, and
// prints one markdown table with two detail tables under it. Writes
// target/bench/results.md and target/bench/results.json.
//
// A figure this run did not produce (a step left out with --only, or criterion's
// estimates older than the run) is "not run"; a goal not met is a row saying so.
// Nothing here fails because of a figure.
//
// Run by scripts/bench.sh; alone: node tests/e2e/bench/report.js
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { root, outDir, loadavg, machine } from './common.js';

const read = (name) => {
  const path = resolve(outDir, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const run = read('run.json') ?? { date: new Date().toISOString(), started_epoch_s: 0, loadavg_at_start: '?', quick: false, commit: '?' };
const wasm = read('wasm.json');
const mc = read('montecarlo.json');
const redraw = read('redraw.json');
const peer = read('peer.json');
const info = machine();
const rust = readFileSync(resolve(root, 'rust-toolchain.toml'), 'utf8').match(/^channel *= *"(.*)"/m)?.[1] ?? '?';

// --- criterion ----------------------------------------------------------------------

/**
 * Criterion's mean (and its 95% interval), median and fastest sample per
 * iteration, in ns, if this run measured it.
 */
function criterion(...path) {
  const dir = resolve(root, 'target/criterion', ...path, 'new');
  const file = resolve(dir, 'estimates.json');
  if (!existsSync(file) || statSync(file).mtimeMs / 1000 < run.started_epoch_s) return null;
  const e = JSON.parse(readFileSync(file, 'utf8'));
  const s = JSON.parse(readFileSync(resolve(dir, 'sample.json'), 'utf8'));
  return {
    mean_ns: e.mean.point_estimate,
    low_ns: e.mean.confidence_interval.lower_bound,
    high_ns: e.mean.confidence_interval.upper_bound,
    median_ns: e.median.point_estimate,
    min_ns: Math.min(...s.times.map((t, i) => t / s.iters[i])),
  };
}

const presets = wasm?.runs[0]?.project.map((p) => p.preset).filter((p, i, all) => all.indexOf(p) === i) ?? [
  'b2b-saas',
  'consumer-app',
  'marketplace',
  'ai-product',
  'fintech',
];
const horizons = [36, 120];

// --- formatting ---------------------------------------------------------------------

const fix = (x, digits) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const us = (x) => `${fix(x, 1)} µs`;
const ms = (x) => `${fix(x, x < 100 ? 1 : 0)} ms`;
const ratio = (x) => `${fix(x, 2)}×`;
const span = (xs, f) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return f(lo) === f(hi) ? f(lo) : `${f(lo).replace(/[^\d.,]+$/, '')}–${f(hi)}`;
};
const NOT_RUN = 'not run';
const met = (ok) => (ok === null ? '–' : ok ? 'met' : 'not met');

// --- project(): native, wasm, ratios ------------------------------------------------------

const wasmRun = (runtime, variant) => wasm?.runs.find((r) => r.runtime === runtime && r.variant === variant) ?? null;
const wasmCase = (runtime, variant, preset, months) =>
  wasmRun(runtime, variant)?.project.find((p) => p.preset === preset && p.months === months) ?? null;
const cases = horizons.flatMap((months) =>
  presets.map((preset) => {
    const native = criterion('project', preset, String(months));
    const row = {
      preset,
      months,
      native_us: native ? native.mean_ns / 1000 : null,
      native_ci_us: native ? [native.low_ns / 1000, native.high_ns / 1000] : null,
      native_min_us: native ? native.min_ns / 1000 : null,
    };
    for (const runtime of ['chromium', 'node']) {
      for (const variant of ['z', 'o3']) {
        const w = wasmCase(runtime, variant, preset, months);
        row[`${runtime}_${variant}_us`] = w ? w.mean_us : null;
        row[`${runtime}_${variant}_median_us`] = w ? w.median_us : null;
        row[`${runtime}_${variant}_min_us`] = w ? w.min_us : null;
        row[`${runtime}_${variant}_ratio`] = w && native ? w.mean_us / (native.mean_ns / 1000) : null;
        // Fastest wasm batch over fastest criterion sample: less moved by other load.
        row[`${runtime}_${variant}_min_ratio`] = w && native ? w.min_us / (native.min_ns / 1000) : null;
      }
    }
    return row;
  }),
);

const rows = [];
const add = (figure, measured, goal = '–', ok = null, value = null) => rows.push({ figure, measured, goal, met: met(ok), value });

for (const months of horizons) {
  const here = cases.filter((c) => c.months === months && c.native_us !== null);
  if (here.length === 0) {
    add(`\`project()\` natively, ${months} months (criterion mean, ${presets.length} presets)`, NOT_RUN, months === 120 ? '≤ 30 µs' : '–');
    continue;
  }
  const slowest = here.reduce((a, b) => (b.native_us > a.native_us ? b : a));
  const figure = `\`project()\` natively, ${months} months (criterion mean, ${here.length} presets)`;
  const measured = `${span(here.map((c) => c.native_us), us)} (slowest ${slowest.preset})`;
  if (months === 120) add(figure, measured, '≤ 30 µs', here.every((c) => c.native_us <= 30), here.map((c) => c.native_us));
  else add(figure, measured, '–', null, here.map((c) => c.native_us));
}
const engine = (runtime) => (runtime === 'chromium' ? `Chromium ${wasm?.browser?.split('.')[0] ?? ''}`.trim() : `node ${wasmRun('node', 'z')?.engine?.split(' ')[1] ?? ''}`.trim());
for (const months of horizons) {
  const here = cases.filter((c) => c.months === months && c.chromium_z_us !== null);
  add(
    `\`project()\` in wasm as shipped (opt-level "z", wasm-opt -Oz), ${engine('chromium')}, ${months} months (mean)`,
    here.length ? span(here.map((c) => c.chromium_z_us), us) : NOT_RUN,
    '–',
    null,
    here.map((c) => c.chromium_z_us),
  );
}
for (const [runtime, variant, label, judged, stat] of [
  ['chromium', 'z', `as shipped, ${engine('chromium')} (${2 * presets.length} cases: ${presets.length} presets × 36 and 120 months)`, true, 'ratio'],
  ['chromium', 'z', `as shipped, ${engine('chromium')}, fastest batch / fastest criterion sample (less moved by other load)`, false, 'min_ratio'],
  ['chromium', 'o3', `opt-level 3 (wasm-opt -O3), ${engine('chromium')}`, false, 'ratio'],
  ['node', 'z', `as shipped, ${engine('node')}`, false, 'ratio'],
]) {
  const key = `${runtime}_${variant}_${stat}`;
  const here = cases.filter((c) => c[key] !== null);
  const figure = `wasm / native, ${label}`;
  if (here.length === 0) {
    add(figure, NOT_RUN, judged ? '≤ 2×' : '–');
    continue;
  }
  const worst = here.reduce((a, b) => (b[key] > a[key] ? b : a));
  const measured = `${span(here.map((c) => c[key]), ratio)} (worst ${worst.preset}, ${worst.months} months)`;
  add(figure, measured, judged ? '≤ 2×' : '– (comparison)', judged ? here.every((c) => c[key] <= 2) : null, here.map((c) => c[key]));
}

// --- Monte Carlo ----------------------------------------------------------------------

const mcNative = Object.fromEntries(horizons.map((m) => [m, criterion('simulate_1000_paths', String(m))]));
const mcWasm = (runtime, variant, months) => {
  const s = wasmRun(runtime, variant)?.simulate.find((x) => x.months === months);
  if (!s) return null;
  const sorted = [...s.runs_ms].sort((a, b) => a - b);
  return { median_ms: sorted[Math.floor((sorted.length - 1) / 2)], min_ms: sorted[0], max_ms: sorted[sorted.length - 1], runs: sorted.length };
};
const mcApp = (months) => mc?.results.find((r) => r.months === months) ?? null;
{
  const n = mcNative[120];
  add('Monte Carlo, 1,000 paths × 120 months, natively (criterion mean)', n ? ms(n.mean_ns / 1e6) : NOT_RUN, '–', null, n ? n.mean_ns / 1e6 : null);
  const w = mcWasm('chromium', 'z', 120);
  add(
    `Monte Carlo, 1,000 × 120, in wasm as shipped, one call, ${engine('chromium')} (median of ${w?.runs ?? '–'})`,
    w ? `${ms(w.median_ms)} (${fix(n ? w.median_ms / (n.mean_ns / 1e6) : NaN, 2)}× native)` : NOT_RUN,
    '–',
    null,
    w?.median_ms ?? null,
  );
  const a = mcApp(120);
  add(
    `Monte Carlo, 1,000 × 120, in the app (${engine('chromium')}): start of the run to the result shown, p50 / p95 of ${a?.run.n ?? '–'}`,
    a ? `${ms(a.run.p50_ms)} / ${ms(a.run.p95_ms)}` : NOT_RUN,
    'p95 ≤ 100 ms',
    a ? a.run.p95_ms <= 100 : null,
    a ? [a.run.p50_ms, a.run.p95_ms] : null,
  );
}

{
  add(
    `Peer: \`headroom project --samples 10000 --months 120\` (three ranges) against Squiggle 0.10 (3-variable growth model, 10,000 samples, 120 months), whole processes alternated, medians of ${peer?.runs ?? '–'}`,
    peer ? `${ms(peer.headroom_median_ms)} against ${ms(peer.squiggle_median_ms)}: ratio ${fix(peer.ratio, 2)}` : NOT_RUN,
    'ratio < 1',
    peer ? peer.ratio < 1 : null,
    peer ? peer.ratio : null,
  );
}

// --- redraw and first render ------------------------------------------------------------

const rd = (months) => redraw?.results.find((r) => r.months === months) ?? null;
for (const months of [120, 36]) {
  const r = rd(months);
  add(
    `Input change to the three charts redrawn, ${months} months (${redraw ? 'Chromium ' + redraw.browser.split('.')[0] : 'Chromium'}), p50 / p95 of ${r?.redraw.n ?? '–'}`,
    r ? `${ms(r.redraw.p50_ms)} / ${ms(r.redraw.p95_ms)}` : NOT_RUN,
    months === 120 ? 'p95 ≤ 16 ms' : '–',
    r && months === 120 ? r.redraw.p95_ms <= 16 : null,
    r ? [r.redraw.p50_ms, r.redraw.p95_ms] : null,
  );
}
for (const months of horizons) {
  const r = rd(months);
  add(
    `First render (navigation start to three charts drawn), ${months} months: first load / p50 of ${r?.first_render.n ?? '–'} loads`,
    r ? `${ms(r.first_render.first_load_ms)} / ${ms(r.first_render.p50_ms)}` : NOT_RUN,
    '–',
    null,
    r ? [r.first_render.first_load_ms, r.first_render.p50_ms] : null,
  );
}

// --- size ---------------------------------------------------------------------------

const sizeFile = resolve(outDir, 'size.txt');
const sizeText = existsSync(sizeFile) ? readFileSync(sizeFile, 'utf8') : '';
const total = sizeText.match(/^total\s+(\d+)\s+(\d+)\s+\(.*budget (\d+) KB\)/m);
const wasmGz = sizeText.match(/^wasm\s+\d+\s+(\d+)/m);
const goalBytes = 300 * 1024;
if (total) {
  const gz = Number(total[2]);
  add(
    'Shipped bundle: dist/ (wasm, JS, CSS, HTML), gzip -9',
    `${fix(gz, 0)} B = ${fix(gz / 1024, 1)} KB (wasm ${fix(Number(wasmGz?.[1] ?? 0), 0)} B); raw ${fix(Number(total[1]), 0)} B`,
    `≤ 300 KB (CI budget now ${total[3]} KB, scripts/size.sh --check)`,
    gz <= goalBytes,
    gz,
  );
} else {
  add('Shipped bundle: dist/ (wasm, JS, CSS, HTML), gzip -9', NOT_RUN, '≤ 300 KB');
}

// --- the tables -----------------------------------------------------------------------

const dash = (x, f) => (x === null || x === undefined ? '–' : f(x));
const lines = [];
const when = run.date.replace('T', ' ').replace(/:\d\dZ$/, ' UTC');
lines.push(
  `Run ${when}${run.quick ? ' (`--quick`)' : ''}, commit ${run.commit}, on ${info.nproc} × ${info.cpu}; ` +
    `load average ${run.loadavg_at_start} at the start, ${loadavg()} at the end. ` +
    `Rust ${rust}; ${wasm?.browser ? `Chromium ${wasm.browser}` : redraw?.browser ? `Chromium ${redraw.browser}` : 'Chromium'} headless; node ${process.version}.`,
);
lines.push('');
lines.push('| figure | measured | goal | met? |');
lines.push('|---|---|---|---|');
for (const r of rows) lines.push(`| ${r.figure} | ${r.measured} | ${r.goal} | ${r.met} |`);
lines.push('');
lines.push('`project()` per preset: mean µs per call; ratio = wasm mean / native mean. "z": as shipped (opt-level "z", LTO, wasm-opt -Oz); "o3": opt-level 3, wasm-opt -O3.');
lines.push('');
lines.push('| preset | months | native | Chromium z | ratio | Chromium o3 | ratio | node z | ratio | node o3 | ratio |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const f1 = (x) => fix(x, 1);
for (const c of cases) {
  lines.push(
    `| ${c.preset} | ${c.months} | ${dash(c.native_us, f1)} | ${dash(c.chromium_z_us, f1)} | ${dash(c.chromium_z_ratio, ratio)} | ` +
      `${dash(c.chromium_o3_us, f1)} | ${dash(c.chromium_o3_ratio, ratio)} | ${dash(c.node_z_us, f1)} | ${dash(c.node_z_ratio, ratio)} | ` +
      `${dash(c.node_o3_us, f1)} | ${dash(c.node_o3_ratio, ratio)} |`,
  );
}
lines.push('');
lines.push(
  'Monte Carlo, 1,000 paths (bench/uncertainty.json), ms. Native: criterion mean; wasm: median of one-call runs; ' +
    'app: start of the run to the result shown, and of that (medians) the time inside the slices of work, the time between them ' +
    '(in all; the median gap × the gaps) and from the last slice to the result shown.',
);
lines.push('');
lines.push('| months | native | Chromium z | Chromium o3 | node z | app p50 | app p95 | in slices | between slices (gap) | after the last |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const months of horizons) {
  const n = mcNative[months];
  const a = mcApp(months);
  lines.push(
    `| ${months} | ${dash(n?.mean_ns, (x) => f1(x / 1e6))} | ${dash(mcWasm('chromium', 'z', months)?.median_ms, f1)} | ` +
      `${dash(mcWasm('chromium', 'o3', months)?.median_ms, f1)} | ${dash(mcWasm('node', 'z', months)?.median_ms, f1)} | ` +
      `${dash(a?.run.p50_ms, f1)} | ${dash(a?.run.p95_ms, f1)} | ${dash(a?.busy.p50_ms, f1)} | ` +
      `${a ? `${f1(a.between_chunks.p50_ms)} (${f1(a.gap_between_chunks.p50_ms)} × ${a.timer_callbacks.p50_ms - 1})` : '–'} | ${dash(a?.last_chunk_to_shown.p50_ms, f1)} |`,
  );
}
const markdown = `${lines.join('\n')}\n`;

console.log('');
console.log(markdown);
writeFileSync(resolve(outDir, 'results.md'), markdown);
writeFileSync(
  resolve(outDir, 'results.json'),
  `${JSON.stringify(
    {
      run: { ...run, loadavg_at_end: loadavg(), machine: info },
      rows,
      project: cases,
      montecarlo: horizons.map((months) => ({
        months,
        native_mean_ms: mcNative[months] ? mcNative[months].mean_ns / 1e6 : null,
        wasm: Object.fromEntries(
          ['chromium', 'node'].flatMap((rt) => ['z', 'o3'].map((v) => [`${rt}_${v}`, mcWasm(rt, v, months)])),
        ),
        app: mcApp(months),
      })),
      sources: { peer: peer ? 'target/bench/peer.json' : null, wasm: wasm ? 'target/bench/wasm.json' : null, montecarlo: mc ? 'target/bench/montecarlo.json' : null, redraw: redraw ? 'target/bench/redraw.json' : null, size: total ? 'target/bench/size.txt' : null },
    },
    null,
    2,
  )}\n`,
);
console.log(`report.js: wrote ${resolve(outDir, 'results.md')} and results.json`);
