#!/usr/bin/env bash
# Run Headroom's browser tests (tests/e2e): Playwright driving Debian's Chromium
# against the built site in dist/, served on 127.0.0.1 at a free port.
#
# Usage: scripts/e2e.sh [playwright test arguments, e.g. --grep overflow]
#        scripts/e2e.sh --prepare-only   (steps 1-4 below, no tests: for benchmarks)
#
# Installs or builds only what is missing or stale, and says what it does:
#   1. Debian's chromium and chromium-driver, if /usr/bin/chromium is missing
#      (apt-get; about 20 s). Playwright never downloads a browser here.
#   2. the npm packages of tests/e2e (npm ci, @playwright/test pinned), if
#      node_modules is missing or package-lock.json changed since the last install.
#   3. the site (trunk build --release), if dist/ is missing or older than a source.
#   4. the CLI's JSON projection of the default scenario (b2b-saas), which the
#      tests compare the page with: target/e2e/b2b-saas.json.
# Then runs the tests. A rerun with everything in place takes seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
prepare_only=false
if [ "${1:-}" = "--prepare-only" ]; then
    prepare_only=true
    shift
fi
root="$PWD"
e2e="$root/tests/e2e"
t_start=$SECONDS

step() { printf 'e2e.sh: %-44s ' "$1..."; }

# --- 1. the browser -------------------------------------------------------------
step "checking Debian chromium"
if [ -x /usr/bin/chromium ]; then
    echo "present"
else
    echo "installing chromium and chromium-driver with apt-get (about 20 s)"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || {
            echo "e2e.sh: installing chromium needs root (or sudo): apt-get install -y chromium chromium-driver" >&2
            exit 1
        }
        sudo=sudo
    fi
    t0=$SECONDS
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
    [ -x /usr/bin/chromium ] || {
        echo "e2e.sh: apt-get finished but /usr/bin/chromium is missing" >&2
        exit 1
    }
    echo "e2e.sh: chromium installed ($((SECONDS - t0)) s)"
fi

# --- 2. the npm packages (Playwright) -----------------------------------------------
command -v node >/dev/null && command -v npm >/dev/null || {
    echo "e2e.sh: node (18 or later) and npm are required" >&2
    exit 1
}
step "checking npm packages in tests/e2e"
stamp="$e2e/node_modules/.headroom-lock.sha256"
want="$(sha256sum "$e2e/package-lock.json" | awk '{print $1}')"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$e2e/node_modules/@playwright/test" ]; then
    echo "present"
else
    echo "installing (npm ci; seconds)"
    t0=$SECONDS
    (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
    echo "e2e.sh: npm packages installed ($((SECONDS - t0)) s)"
fi

# --- 3. the site ----------------------------------------------------------------
# Every file the wasm, the page or its styles are built from.
sources=()
for path in index.html style src Trunk.toml scripts/boot-script.sh Cargo.toml Cargo.lock rust-toolchain.toml \
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
    # shellcheck source=scripts/tools.sh
    source scripts/tools.sh --native # cargo, for the CLI below
else
    echo "building ($stale)"
    # shellcheck source=scripts/tools.sh
    source scripts/tools.sh --full
    t0=$SECONDS
    cargo fetch --quiet # trunk builds with cargo --offline
    trunk build --release --offline --quiet
    echo "e2e.sh: site built into dist/ ($((SECONDS - t0)) s)"
fi

# --- 4. what the tests expect: the CLI's projection ----------------------------------
expected="$root/target/e2e/b2b-saas.json"
step "writing the CLI's projection of b2b-saas"
t0=$SECONDS
mkdir -p "$(dirname "$expected")"
cargo run -q --release -p headroom-cli -- project --preset b2b-saas --format json >"$expected.tmp"
mv "$expected.tmp" "$expected"
echo "target/e2e/b2b-saas.json ($((SECONDS - t0)) s)"

# --- 5. the tests -----------------------------------------------------------------
if $prepare_only; then
    echo "e2e.sh: prepared (chromium, npm packages, dist/, the CLI's projection)"
    exit 0
fi
echo "e2e.sh: running: npx playwright test $* (in tests/e2e)"
t0=$SECONDS
status=0
(cd "$e2e" && HEADROOM_E2E_EXPECTED="$expected" npx --no-install playwright test "$@") || status=$?
echo "e2e.sh: playwright took $((SECONDS - t0)) s; e2e.sh in all $((SECONDS - t_start)) s"
exit "$status"
