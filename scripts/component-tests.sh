#!/usr/bin/env bash
# Run the component tests in headless Chromium (wasm-bindgen-test): Leptos
# components mounted in a real page, and the storage layer against the real
# localStorage.
#
# Usage: scripts/component-tests.sh
#
# Needs what scripts/tools.sh installs (wasm-bindgen-test-runner comes with the
# wasm-bindgen CLI) plus Debian's chromium and chromium-driver, which this script
# installs with apt-get if they are missing (about 20 s). The runner is set in
# .cargo/config.toml; as root it adds --headless --no-sandbox itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/tools.sh
source scripts/tools.sh --full >/dev/null

printf 'component-tests.sh: %-40s ' "checking chromium and chromedriver..."
if [ -x /usr/bin/chromium ] && command -v chromedriver >/dev/null; then
    echo "present"
else
    echo "installing with apt-get (about 20 s)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
fi

echo "component-tests.sh: lints of the browser tests (wasm32, warnings are errors)"
cargo clippy --quiet -p headroom-components -p headroom-app --target wasm32-unknown-unknown --tests -- -D warnings
echo "component-tests.sh: components in headless Chromium"
cargo test -p headroom-components --target wasm32-unknown-unknown --test web --test charts
echo "component-tests.sh: storage against the browser's localStorage; the panels over an in-memory store"
cargo test -p headroom-app --target wasm32-unknown-unknown --test browser_storage --test panels
