#!/usr/bin/env bash
# Install the tools Headroom builds with, only those that are missing, into one
# fixed folder, and put that folder first on PATH.
#
# Usage:
#   scripts/tools.sh [--native|--full]          check / install, print what it did
#   source scripts/tools.sh [--native|--full]   the same, and keep PATH etc. in this shell
#
#   --native  only the Rust toolchain from rust-toolchain.toml with the
#             wasm32-unknown-unknown target: enough for cargo build, test, clippy
#             and a wasm32 `cargo build` (seconds).
#   --full    (default) also trunk, the wasm-bindgen CLI that matches Cargo.lock,
#             and wasm-opt from binaryen 132 (npm): what `trunk build`/`serve`
#             need. About 10-15 min on 2 cores the first time, seconds after.
#
# Folder: ${HEADROOM_TOOLS:-$HOME/.cache/headroom/tools}; binaries in its bin/.
# Each tool is checked by the version it reports, not by the file existing, and
# reinstalled only when that version is wrong. Nothing else on the machine is
# touched (no Debian binaryen: its wasm-opt 108 breaks the wasm silently).
#
# After it: PATH="$HEADROOM_TOOLS/bin:$PATH" and TRUNK_SKIP_VERSION_CHECK=true
# (Trunk's update check calls a web API that is not reachable here).

# --- pinned versions (wasm-bindgen comes from Cargo.lock) -------------------
HEADROOM_TRUNK_VERSION=0.21.14 # 0.22.x needs rustc >= 1.96.1
HEADROOM_BINARYEN_VERSION=132  # npm package binaryen@132.0.0; Trunk.toml wasm_opt = "version_132"

_headroom_tools_main() (
    set -euo pipefail

    local mode=full
    for arg in "$@"; do
        case "$arg" in
        --native) mode=native ;;
        --full) mode=full ;;
        -h | --help)
            sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            return 0
            ;;
        *)
            echo "tools.sh: unknown argument '$arg' (use --native or --full)" >&2
            return 2
            ;;
        esac
    done

    local root tools
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    tools="${HEADROOM_TOOLS:-$HOME/.cache/headroom/tools}"
    cd "$root" # so rust-toolchain.toml picks the toolchain for cargo and rustup
    mkdir -p "$tools/bin"
    export PATH="$tools/bin:$PATH"

    local t_start=$SECONDS
    step() { printf '%-44s ' "$1..."; }
    took() { echo "$1 ($((SECONDS - $2)) s)"; }

    # One install at a time per tools folder (CI and serve.sh may start together).
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$tools/.lock"
        if ! flock -n 9; then
            echo "tools.sh: another tools.sh is installing into $tools; waiting for it"
            flock 9
        fi
    fi

    # --- Rust toolchain and the wasm target -----------------------------------
    local channel t0
    channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
    command -v rustup >/dev/null || {
        echo "tools.sh: rustup is required (https://rustup.rs); it reads rust-toolchain.toml" >&2
        return 1
    }
    step "checking rust $channel"
    if rustup toolchain list | grep -q "^$channel-"; then
        echo "present"
    else
        t0=$SECONDS
        echo "installing (about 1 min)"
        rustup toolchain install "$channel" --profile minimal \
            --component rustfmt --component clippy --target wasm32-unknown-unknown
        took "  rust $channel installed" "$t0"
    fi
    step "checking target wasm32-unknown-unknown"
    if rustup target list --installed --toolchain "$channel" | grep -qx wasm32-unknown-unknown; then
        echo "present"
    else
        echo "installing"
        rustup target add wasm32-unknown-unknown --toolchain "$channel"
    fi

    if [ "$mode" = native ]; then
        took "tools.sh --native: done" "$t_start"
        return 0
    fi

    # --- trunk ------------------------------------------------------------------
    step "checking trunk $HEADROOM_TRUNK_VERSION"
    if [ "$("$tools/bin/trunk" --version 2>/dev/null | awk '{print $2}')" = "$HEADROOM_TRUNK_VERSION" ]; then
        echo "present"
    else
        echo "installing (about 10 min on 2 cores)"
        t0=$SECONDS
        cargo install trunk --version "$HEADROOM_TRUNK_VERSION" --locked --force --root "$tools"
        took "  trunk installed" "$t0"
    fi

    # --- wasm-bindgen CLI: exactly the wasm-bindgen crate in Cargo.lock -------------
    if [ ! -f Cargo.lock ]; then
        step "generating Cargo.lock"
        cargo generate-lockfile --quiet && echo "done" || echo "failed (reading the pin from Cargo.toml)"
    fi
    local wbg
    wbg="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true)"
    if [ -z "$wbg" ]; then
        # No lockfile yet (the workspace may not resolve): the workspace pins it exactly.
        wbg="$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)"
    fi
    [ -n "$wbg" ] || {
        echo "tools.sh: cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml" >&2
        return 1
    }
    if [ -f Trunk.toml ] && ! grep -q "^wasm_bindgen *= *\"$wbg\"" Trunk.toml; then
        echo "tools.sh: Trunk.toml [tools] wasm_bindgen must be \"$wbg\" (the version in Cargo.lock)" >&2
        return 1
    fi
    step "checking wasm-bindgen-cli $wbg"
    if [ "$("$tools/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" = "$wbg" ] &&
        [ -x "$tools/bin/wasm-bindgen-test-runner" ]; then
        echo "present"
    else
        echo "installing (about 3-5 min on 2 cores)"
        t0=$SECONDS
        # Not --locked: its lockfile wants a webpki-roots version the registry lacks.
        cargo install wasm-bindgen-cli --version "$wbg" --force --root "$tools"
        took "  wasm-bindgen-cli installed" "$t0"
    fi

    # --- wasm-opt from binaryen (npm build; never Debian's) ---------------------
    step "checking wasm-opt (binaryen $HEADROOM_BINARYEN_VERSION)"
    if [ "$("$tools/bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" = "$HEADROOM_BINARYEN_VERSION" ]; then
        echo "present"
    else
        echo "installing from npm (seconds)"
        command -v node >/dev/null && command -v npm >/dev/null || {
            echo "tools.sh: node and npm are required for wasm-opt (binaryen's npm build)" >&2
            return 1
        }
        t0=$SECONDS
        rm -rf "$tools/binaryen"
        npm install --prefix "$tools/binaryen" --no-audit --no-fund --loglevel=error \
            "binaryen@$HEADROOM_BINARYEN_VERSION.0.0" >/dev/null
        cat >"$tools/bin/wasm-opt" <<'EOF'
#!/bin/sh
# wasm-opt from binaryen's npm package, installed by Headroom's scripts/tools.sh
exec node "$(dirname "$0")/../binaryen/node_modules/binaryen/bin/wasm-opt" "$@"
EOF
        chmod +x "$tools/bin/wasm-opt"
        local got
        got="$("$tools/bin/wasm-opt" --version | awk '{print $3}')"
        [ "$got" = "$HEADROOM_BINARYEN_VERSION" ] || {
            echo "tools.sh: installed wasm-opt reports version '$got', expected $HEADROOM_BINARYEN_VERSION" >&2
            return 1
        }
        took "  wasm-opt installed" "$t0"
    fi

    took "tools.sh: all tools present in $tools/bin" "$t_start"
)

# Run the checks in a subshell (so `set -e` and errors never leak into a shell
# that sources this file), then export the environment the tools need. Not in an
# `if`: bash would switch off `set -e` inside the function.
_headroom_tools_main "$@"
_headroom_status=$?
unset -f _headroom_tools_main
if [ "$_headroom_status" -eq 0 ]; then
    export HEADROOM_TOOLS="${HEADROOM_TOOLS:-$HOME/.cache/headroom/tools}"
    case "$PATH" in
    "$HEADROOM_TOOLS/bin:"*) ;;
    *) export PATH="$HEADROOM_TOOLS/bin:$PATH" ;;
    esac
    export TRUNK_SKIP_VERSION_CHECK=true
    if [ "${BASH_SOURCE[0]}" = "$0" ] && ! [[ " $* " =~ " -h "|" --help " ]]; then
        echo "tools.sh: to use them in this shell: source scripts/tools.sh" \
            "(or export PATH=\"$HEADROOM_TOOLS/bin:\$PATH\" TRUNK_SKIP_VERSION_CHECK=true)"
    fi
    unset _headroom_status
else
    echo "tools.sh: failed (exit $_headroom_status)" >&2
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit "$_headroom_status"; else return "$_headroom_status"; fi
fi
