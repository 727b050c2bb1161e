#!/usr/bin/env bash
# Run every test of Headroom, from a fresh machine or a warm one.
#
# Usage: scripts/test.sh
#
# Installs what it lacks (scripts/tools.sh: the Rust toolchain from
# rust-toolchain.toml with the wasm target, Trunk, the wasm-bindgen CLI and
# wasm-opt; about 15 min the first time, seconds after), then:
#   1. formatting (cargo fmt --check)
#   2. lints (cargo clippy, warnings are errors)
#   3. every Rust test: unit, property, snapshot, CLI and doc tests
#   4. the architecture invariants (scripts/check-invariants.sh)
#   5. component tests in headless Chromium (scripts/component-tests.sh:
#      wasm-bindgen-test; installs Debian's chromium and chromedriver if missing)
#   6. a release build of the web app with Trunk (what scripts/serve.sh serves)
#      and its size budget (scripts/size.sh)
#   7. the browser tests of that build (scripts/e2e.sh: Playwright and Debian's Chromium)
# Stops at the first failing step and says which.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/tools.sh
source scripts/tools.sh --full

# Every step's output is also kept, to count the tests that ran.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

run() {
    local name="$1"
    shift
    echo
    echo "==> $name: $*"
    local start=$SECONDS
    local status=0
    "$@" 2>&1 | tee -a "$log" || status=${PIPESTATUS[0]}
    if [ "$status" -eq 0 ]; then
        echo "==> $name: passed ($((SECONDS - start)) s)"
    else
        echo "==> $name: FAILED (exit $status)" >&2
        exit "$status"
    fi
}

run "fetch crates" cargo fetch --quiet
run "format" cargo fmt --all -- --check
run "lints" cargo clippy --workspace --all-targets --quiet -- -D warnings
run "tests" cargo test --workspace --quiet
run "invariants" bash scripts/check-invariants.sh
run "component tests" bash scripts/component-tests.sh
run "web app release build" trunk build --release --offline --quiet
run "size budget" bash scripts/size.sh --check
run "browser tests" bash scripts/e2e.sh
# One closing line for people and CI: the tests counted from cargo's
# "test result: ok. N passed" lines and Playwright's "N passed".
rust=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{sum += $4} END {print sum + 0}')
browser=$(grep -oE '^ *[0-9]+ passed \(' "$log" | awk '{sum += $1} END {print sum + 0}')
echo
echo "All checks passed: $rust Rust tests and $browser browser tests."
echo "$((rust + browser)) passed, 0 failed"
