#!/usr/bin/env bash
# Benchmark (not a test): time from an input change to all three charts redrawn,
# and from navigation start to the first render, in headless Chromium against the
# release build in dist/, at 36 and 120 months. See tests/e2e/bench/redraw.js.
#
# Usage: scripts/bench-redraw.sh [--runs 60] [--warmup 5] [--loads 8] [--horizons 36,120]
#
# Prepares what is missing or stale with `scripts/e2e.sh --prepare-only` (Debian's
# chromium, the npm packages of tests/e2e, the release build in dist/), which says
# what it does.
# Then runs the benchmark: a table on stdout, the figures in target/bench/redraw.json.
# Close other heavy work first: the figures are wall-clock times on this machine.
# scripts/bench.sh runs the same benchmark with all the others, in one table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
e2e="$root/tests/e2e"
t_start=$SECONDS

# Chromium, the npm packages and a fresh dist/: the same preparation as the
# browser tests, so the rules live in one place.
bash scripts/e2e.sh --prepare-only

# --- the benchmark -------------------------------------------------------------------
echo "bench-redraw.sh: machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-redraw.sh: running: node tests/e2e/bench/redraw.js $*"
node "$e2e/bench/redraw.js" "$@"
echo "bench-redraw.sh: done in $((SECONDS - t_start)) s"
