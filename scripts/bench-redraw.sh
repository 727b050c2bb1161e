#!/usr/bin/env bash
# Benchmark (not a test): time from an input change to all three charts redrawn,
# and from navigation start to the first render, in headless Chromium against the
# release build in dist/, at 36 and 120 months. See tests/e2e/bench/redraw.js.
#
# Usage: scripts/bench-redraw.sh [--runs 60] [--warmup 5] [--loads 8] [--horizons 36,120]
#
# Prepares what is missing or stale, as scripts/e2e.sh does, and says what it does:
#   1. Debian's chromium (apt-get; via scripts/e2e.sh's own check), if missing.
#   2. the npm packages of tests/e2e (npm ci), if missing or the lock file changed.
#   3. the site (trunk build --release), if dist/ is missing or older than a source.
# Then runs the benchmark: a table on stdout, the figures in target/bench/redraw.json.
# Close other heavy work first: the figures are wall-clock times on this machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
e2e="$root/tests/e2e"
t_start=$SECONDS

step() { printf 'bench-redraw.sh: %-40s ' "$1..."; }

# --- 1. the browser -------------------------------------------------------------------
step "checking Debian chromium"
if [ -x "${HEADROOM_CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "present"
else
    echo "missing: scripts/e2e.sh installs it (apt-get install chromium chromium-driver)" >&2
    exit 1
fi

# --- 2. the npm packages (playwright-core comes with @playwright/test) -------------------
command -v node >/dev/null && command -v npm >/dev/null || {
    echo "bench-redraw.sh: node (18 or later) and npm are required" >&2
    exit 1
}
step "checking npm packages in tests/e2e"
stamp="$e2e/node_modules/.headroom-lock.sha256"
want="$(sha256sum "$e2e/package-lock.json" | awk '{print $1}')"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$e2e/node_modules/playwright-core" ]; then
    echo "present"
else
    echo "installing (npm ci; seconds)"
    (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
fi

# --- 3. the site (the same staleness rule as scripts/e2e.sh) -----------------------------
sources=()
for path in index.html style src Trunk.toml Cargo.toml Cargo.lock rust-toolchain.toml \
    models/Cargo.toml models/src models/catalogs components; do
    [ -e "$path" ] && sources+=("$path")
done
step "checking dist/ against its sources"
stale=""
if [ ! -f dist/index.html ]; then
    stale="dist/index.html is missing"
elif newer="$(find "${sources[@]}" -newer dist/index.html -print -quit)" && [ -n "$newer" ]; then
    stale="$newer is newer"
fi
if [ -z "$stale" ]; then
    echo "up to date"
else
    echo "building ($stale)"
    # shellcheck source=scripts/tools.sh
    source scripts/tools.sh --full
    t0=$SECONDS
    cargo fetch --quiet # trunk builds with cargo --offline
    trunk build --release --offline --quiet
    echo "bench-redraw.sh: site built into dist/ ($((SECONDS - t0)) s)"
fi

# --- 4. the benchmark -------------------------------------------------------------------
echo "bench-redraw.sh: machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-redraw.sh: running: node tests/e2e/bench/redraw.js $*"
node "$e2e/bench/redraw.js" "$@"
echo "bench-redraw.sh: done in $((SECONDS - t_start)) s"
