// Shared by the benchmarks in this folder (redraw.js, montecarlo.js, wasm.js,
// report.js): options, statistics, the machine's description and a static file
// server on 127.0.0.1. Benchmarks report times; nothing here asserts one.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the benchmarks write their figures. */
export const outDir = resolve(root, 'target/bench');

// --- options ----------------------------------------------------------------------

/**
 * `--name value` pairs over `defaults`: numbers stay numbers, lists (arrays in
 * `defaults`) are comma-separated. An unknown flag exits with status 2.
 */
export function parseOptions(script, defaults, argv = process.argv.slice(2)) {
  const options = structuredClone(defaults);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!flag.startsWith('--') || !(key in defaults) || value === undefined) {
      const known = Object.keys(defaults)
        .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
        .join(' ');
      console.error(`${script}: unknown option or missing value: ${flag} (options: ${known})`);
      process.exit(2);
    }
    const want = defaults[key];
    if (Array.isArray(want)) {
      options[key] = value.split(',').map((v) => (typeof want[0] === 'number' ? Number(v) : v));
    } else {
      options[key] = typeof want === 'number' ? Number(value) : value;
    }
  }
  return options;
}

// --- statistics -------------------------------------------------------------------

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export const round2 = (x) => Math.round(x * 100) / 100;

/** n, p50, p95, min, max and mean of some samples (ms, rounded to 0.01). */
export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50_ms: round2(percentile(sorted, 50)),
    p95_ms: round2(percentile(sorted, 95)),
    max_ms: round2(sorted[sorted.length - 1]),
    min_ms: round2(sorted[0]),
    mean_ms: round2(sorted.reduce((s, x) => s + x, 0) / sorted.length),
  };
}

// --- the machine ------------------------------------------------------------------

export const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU count and model, the load average now, and node's versions. */
export function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1].trim();
  } catch {
    /* not Linux: keep os.cpus() */
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    /* keep os.cpus() */
  }
  return { nproc, cpu, loadavg_at_start: loadavg(), node: process.version, node_v8: process.versions.v8 };
}

// --- the server -------------------------------------------------------------------

/** `python3 -m http.server` on a free port of 127.0.0.1, serving `dir`. */
export async function serve(dir) {
  const port = Number(
    execFileSync(
      'python3',
      ['-c', 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'],
      { encoding: 'utf8' },
    ).trim(),
  );
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return { base, server };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error('python3 -m http.server did not start');
}
