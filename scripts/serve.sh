#!/usr/bin/env bash
# Build Headroom (release) and serve it at http://127.0.0.1:${PORT:-8080}/,
# rebuilding when a source file changes. Ctrl-C stops it.
#
# Usage: scripts/serve.sh            (PORT=9000 scripts/serve.sh for another port)
#
# First run: installs the tools it lacks (scripts/tools.sh, about 10-15 min on
# 2 cores), fetches crates, then builds (about 1.5 min). Later runs start in seconds.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${PORT:-8080}"

# shellcheck source=scripts/tools.sh
source scripts/tools.sh --full

echo "serve.sh: fetching crates (trunk builds with cargo --offline)"
cargo fetch --quiet

echo "serve.sh: building and serving; open http://127.0.0.1:$port/ once it says the build is done"
# --no-autoreload: Trunk's live-reload script is inline, which the page's
# Content-Security-Policy refuses; reload the page by hand after a rebuild.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$port"
