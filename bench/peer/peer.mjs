// The peer row of scripts/bench.sh: Headroom's command line running a Monte
// Carlo of 10,000 paths x 120 months with three ranged inputs, against
// Squiggle 0.10 running a 3-variable growth model of 10,000 samples and 120
// months (growth.mjs), both as whole processes, alternated, in the same run.
//
// Usage: node peer.mjs HEADROOM_BINARY OUT.json [--runs N]
// Writes the wall-clock times of every run, their medians and the ratio
// (Headroom / Squiggle; below 1 means Headroom is faster) to OUT.json.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, out] = process.argv.slice(2);
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;
if (!binary || !out || !(runs > 0)) {
  console.error('usage: node peer.mjs HEADROOM_BINARY OUT.json [--runs N]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
// The ranges of bench/uncertainty.json, on the default scenario.
const headroom = [
  binary,
  ['project', '--months', '120', '--samples', '10000', '--seed', '1',
    '--range', 'growth.monthly_rate=0.06:0.2',
    '--range', 'usage.requests_per_dau_per_day=80:300',
    '--range', 'revenue.arpa_usd_per_month=150:400',
    '--format', 'json'],
];
const squiggle = [process.execPath, [resolve(here, 'growth.mjs')]];

function time([cmd, args]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up of each (file cache, JIT of node's own start-up), then alternated.
time(headroom);
time(squiggle);
const times = { headroom: [], squiggle: [] };
for (let i = 0; i < runs; i++) {
  const order = i % 2 ? [['squiggle', squiggle], ['headroom', headroom]] : [['headroom', headroom], ['squiggle', squiggle]];
  for (const [name, command] of order) times[name].push(time(command));
}
const result = {
  runs,
  headroom_ms: times.headroom,
  squiggle_ms: times.squiggle,
  headroom_median_ms: median(times.headroom),
  squiggle_median_ms: median(times.squiggle),
};
result.ratio = result.headroom_median_ms / result.squiggle_median_ms;
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(
  `peer.mjs: Headroom ${result.headroom_median_ms.toFixed(0)} ms, Squiggle ${result.squiggle_median_ms.toFixed(0)} ms ` +
    `(medians of ${runs}, alternated): ratio ${result.ratio.toFixed(2)}`,
);
