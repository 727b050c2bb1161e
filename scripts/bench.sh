#!/usr/bin/env bash
# Headroom's benchmark suite in one command: every speed and size figure of
# docs/BENCHMARKS.md, with its goal, in one table.
#
# Usage: scripts/bench.sh [--quick] [--only STEPS]
#
#   --quick       shorter runs (criterion 1 s warm-up and 2 s measurement, fewer
#                 batches and runs in the browser): about 5 min instead of 12-15;
#                 the figures are noisier
#   --only STEPS  some steps only, comma-separated from: size, native, wasm,
#                 app-mc, redraw, peer (the table marks the others "not run")
#
# Steps (each says what it does and how long it took):
#   0. prepares what is missing: the tools (scripts/tools.sh --full), Chromium,
#      the npm packages of tests/e2e, the release build in dist/ and the CLI
#      (scripts/e2e.sh --prepare-only); then copies dist/ to target/bench/site,
#      which the browser steps load (a rebuild of dist/ meanwhile changes nothing)
#   1. size: the shipped bytes of dist/ (scripts/size.sh; the budget is enforced
#      in CI by scripts/size.sh --check, not here)
#   2. native: criterion `project` (every preset at 36 and 120 months) and
#      `simulate` (1,000 paths at 36 and 120 months)
#   3. wasm: builds bench/wasm (headroom-bench-wasm) for wasm32 twice, as the app
#      ships it (release profile, opt-level "z", then wasm-opt -Oz) and at
#      opt-level 3 (profile bench-wasm, then wasm-opt -O3), binds both with the
#      wasm-bindgen CLI into target/bench/wasm/{z,o3}/, and times project() and a
#      Monte Carlo run in headless Chromium and in node (tests/e2e/bench/wasm.js)
#   4. app-mc: 1,000 paths in the app, start of the run to the result shown
#      (tests/e2e/bench/montecarlo.js)
#   5. redraw: input change to charts redrawn, and first render
#      (tests/e2e/bench/redraw.js, what scripts/bench-redraw.sh runs)
#   6. peer: `headroom project --samples 10000 --months 120` with three ranges
#      against Squiggle 0.10 running a 3-variable growth model of 10,000 samples
#      and 120 months (bench/peer/growth.mjs), both as whole processes,
#      alternated (bench/peer/peer.mjs; installs bench/peer's npm packages)
# Then prints one results table (tests/e2e/bench/report.js) and writes it to
# target/bench/results.md, with every figure in target/bench/results.json.
#
# Times are reported, never judged: a goal not met is a row saying so, not a
# failure. The script fails only when a step cannot run. Figures are wall-clock
# times on this machine: close other heavy work first; the table states the load
# average at the start and the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
out="$root/target/bench"
t_start=$SECONDS

quick=false
only="size,native,wasm,app-mc,redraw,peer"
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=true ;;
    --only)
        [ $# -ge 2 ] || {
            echo "bench.sh: --only needs a list, e.g. --only native,wasm" >&2
            exit 2
        }
        only="$2"
        shift
        ;;
    -h | --help)
        sed -n '2,37p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "bench.sh: unknown argument '$1' (use --quick, --only STEPS or --help)" >&2
        exit 2
        ;;
    esac
    shift
done
for s in ${only//,/ }; do
    case "$s" in
    native | wasm | app-mc | redraw | size | peer) ;;
    *)
        echo "bench.sh: unknown step '$s' (size, native, wasm, app-mc, redraw, peer)" >&2
        exit 2
        ;;
    esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }

# Run lengths: full, and --quick.
if $quick; then
    criterion=(--warm-up-time 1 --measurement-time 2)
    wasm_opts=(--warmup-all-ms 1000 --warmup-ms 200 --batches 15 --mc-runs 3)
    mc_opts=(--runs 5 --warmup 1)
    redraw_opts=(--runs 20 --warmup 3 --loads 3)
    peer_opts=(--runs 3)
else
    criterion=()
    wasm_opts=()
    mc_opts=()
    redraw_opts=()
    peer_opts=(--runs 9)
fi

step() { echo "bench.sh: $*"; }
took() { step "$1 done ($((SECONDS - $2)) s)"; }

# This run's figures only: the results of earlier runs are removed first.
mkdir -p "$out"
rm -f "$out"/{run,wasm,montecarlo,redraw,peer,results}.json "$out"/size.txt "$out"/results.md
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain 2>/dev/null | head -n1)" ]; then commit="$commit (with uncommitted changes)"; fi
cat >"$out/run.json" <<EOF
{"date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "started_epoch_s": $(date +%s), "loadavg_at_start": "$(cut -d' ' -f1-3 /proc/loadavg)", "quick": $quick, "steps": "$only", "commit": "$commit"}
EOF
step "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
step "steps: $only$($quick && echo ' (quick)')"

# --- 0. tools, browser, dist/, the CLI -------------------------------------------------
step "preparing: tools (scripts/tools.sh --full)"
# shellcheck source=scripts/tools.sh
source scripts/tools.sh --full
if wants wasm || wants app-mc || wants redraw || wants size; then
    step "preparing: chromium, npm packages, dist/, the CLI (scripts/e2e.sh --prepare-only)"
    bash scripts/e2e.sh --prepare-only
fi

# The browser steps load a copy of dist/ taken now, so that a rebuild of dist/ while
# this runs (others work in this checkout) changes nothing measured; the size is
# taken at the same moment.
site="$out/site"
if wants app-mc || wants redraw || wants size; then
    rm -rf "$site"
    cp -r dist "$site"
    # A copy taken in the middle of someone's rebuild would not load: check that
    # every file index.html names is there and that the wasm is whole.
    for f in $(grep -oE '(href|src)="/[^"]+"' "$site/index.html" | sed -E 's/^[a-z]+="\/(.*)"$/\1/'); do
        [ -f "$site/$f" ] || {
            echo "bench.sh: dist/ changed while it was copied ($f is missing): run scripts/bench.sh again" >&2
            exit 1
        }
    done
    for w in "$site"/*.wasm; do
        [ "$(head -c 4 "$w" | od -An -tx1 | tr -d ' \n')" = "0061736d" ] || {
            echo "bench.sh: $w is not a whole wasm file (dist/ damaged, e.g. by two builds at once): rebuild it with trunk build --release" >&2
            exit 1
        }
    done
    export HEADROOM_BENCH_SITE="$site"
    step "measuring from a copy of dist/: target/bench/site"
fi

# --- 1. size ---------------------------------------------------------------------------
if wants size; then
    step "running: scripts/size.sh (dist/, just copied)"
    bash scripts/size.sh | tee "$out/size.txt"
fi

# --- 2. native (criterion) -------------------------------------------------------------
if wants native; then
    for bench in project simulate; do
        t0=$SECONDS
        log="$out/criterion-$bench.log"
        step "running: cargo bench -p headroom-models --bench $bench${criterion[*]:+ -- ${criterion[*]}} (log: target/bench/criterion-$bench.log)"
        cargo bench -q -p headroom-models --bench "$bench" -- "${criterion[@]}" >"$log" 2>&1 || {
            tail -n 30 "$log" >&2
            step "cargo bench --bench $bench failed (log: $log)" >&2
            exit 1
        }
        grep -E '^[a-z_0-9-]+/[a-z0-9-]+(/[0-9]+)? +time:|^[a-z_0-9-]+/[a-z0-9-]+(/[0-9]+)?$|^ +time:' "$log" || true
        took "criterion $bench" "$t0"
    done
fi

# --- 3. wasm ---------------------------------------------------------------------------
if wants wasm; then
    t0=$SECONDS
    # variant, cargo profile, the directory cargo writes it to, wasm-opt level
    for spec in "z release release -Oz" "o3 bench-wasm bench-wasm -O3"; do
        read -r variant profile dir level <<<"$spec"
        step "building bench/wasm for wasm32 (variant $variant: cargo --profile $profile, wasm-bindgen --target web, wasm-opt $level)"
        cargo build -q -p headroom-bench-wasm --target wasm32-unknown-unknown --profile "$profile"
        built="target/wasm32-unknown-unknown/$dir/headroom_bench_wasm.wasm"
        dest="$out/wasm/$variant"
        if [ -f "$dest/headroom_bench_bg.wasm" ] && [ "$dest/headroom_bench_bg.wasm" -nt "$built" ]; then
            step "  $dest is up to date"
            continue
        fi
        rm -rf "$dest"
        wasm-bindgen --target web --out-dir "$dest" --out-name headroom_bench "$built"
        # As Trunk runs it for the app (Trunk.toml: binaryen 132).
        wasm-opt "--output=$dest/opt.wasm" "$level" "$dest/headroom_bench_bg.wasm"
        mv "$dest/opt.wasm" "$dest/headroom_bench_bg.wasm"
        step "  $dest: $(wc -c <"$dest/headroom_bench_bg.wasm") bytes of wasm"
    done
    step "running: node tests/e2e/bench/wasm.js ${wasm_opts[*]}"
    node tests/e2e/bench/wasm.js "${wasm_opts[@]}"
    took "wasm" "$t0"
fi

# --- 4. Monte Carlo in the app ---------------------------------------------------------
if wants app-mc; then
    t0=$SECONDS
    step "running: node tests/e2e/bench/montecarlo.js ${mc_opts[*]}"
    node tests/e2e/bench/montecarlo.js "${mc_opts[@]}"
    took "Monte Carlo in the app" "$t0"
fi

# --- 5. redraw and first render --------------------------------------------------------
if wants redraw; then
    t0=$SECONDS
    # What scripts/bench-redraw.sh runs, without preparing again.
    step "running: node tests/e2e/bench/redraw.js ${redraw_opts[*]}"
    node tests/e2e/bench/redraw.js "${redraw_opts[@]}"
    took "redraw" "$t0"
fi

# --- 6. the peer: Squiggle ---------------------------------------------------------------
if wants peer; then
    t0=$SECONDS
    if [ ! -d bench/peer/node_modules/@quri/squiggle-lang ]; then
        step "installing bench/peer's npm packages (Squiggle 0.10)"
        (cd bench/peer && npm ci --no-audit --no-fund --loglevel=error)
    fi
    step "building the command line (cargo build --release -p headroom-cli)"
    cargo build --release --quiet -p headroom-cli
    step "running: node bench/peer/peer.mjs ${peer_opts[*]}"
    node bench/peer/peer.mjs target/release/headroom "$out/peer.json" "${peer_opts[@]}"
    took "peer" "$t0"
fi

# --- the table -------------------------------------------------------------------------
step "writing the results table"
node tests/e2e/bench/report.js
took "all steps" "$t_start"
