#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml [[hooks]]): move the loader that Trunk inlines
# into index.html out into its own file, so the page runs under a
# Content-Security-Policy without 'unsafe-inline' for scripts (index.html sets
# `script-src 'self' 'wasm-unsafe-eval'`; docs/RELIABILITY.md says why).
#
# Trunk writes one `<script type="module">…</script>` that imports the wasm-bindgen
# glue and starts the wasm. This hook writes that text, unchanged, to
# boot-<hash>.js in the staging folder (the hash of its content, so a new build is
# never served from a stale cache) and puts `<script type="module" src=…>` in its
# place. It fails loudly if the page does not hold exactly one such block, rather
# than ship a page that the policy would stop from starting.
#
# It also writes the Monte Carlo worker (src/montecarlo/worker.js) into the build
# as montecarlo-worker-<hash>.js, with the addresses of this build's wasm-bindgen
# glue and wasm read from the loader, and names it in the page's
# `<meta name="headroom-worker">` (src/montecarlo/pool.rs reads it), so the
# worker runs the very wasm the page runs.
#
# Trunk runs it with TRUNK_STAGING_DIR (the folder about to become dist/) and
# TRUNK_PUBLIC_URL set. By hand: TRUNK_STAGING_DIR=dist TRUNK_PUBLIC_URL=/ bash scripts/boot-script.sh
set -euo pipefail

staging="${TRUNK_STAGING_DIR:?boot-script.sh: TRUNK_STAGING_DIR is not set (Trunk sets it for hooks)}"
public_url="${TRUNK_PUBLIC_URL:-/}"
case "$public_url" in */) ;; *) public_url="$public_url/" ;; esac
html="$staging/index.html"
[ -f "$html" ] || {
    echo "boot-script.sh: $html not found" >&2
    exit 1
}

blocks=$(grep -c '<script type="module">' "$html" || true)
if [ "$blocks" = 0 ] && grep -q '<script type="module" src="[^"]*boot-' "$html"; then
    echo "boot-script.sh: $html already loads its boot script; nothing to do"
    exit 0
fi
if [ "$blocks" != 1 ]; then
    echo "boot-script.sh: expected exactly one inline <script type=\"module\"> in $html, found $blocks" >&2
    exit 1
fi

body="$(mktemp)"
page="$(mktemp)"
trap 'rm -f "$body" "$page"' EXIT

# The block's lines go to $body; the page keeps a marker line in their place.
awk -v body="$body" '
    /<script type="module">/ { inside = 1; next }
    inside && /<\/script>/   { inside = 0; print "@@HEADROOM_BOOT@@"; next }
    inside                   { print > body; next }
                             { print }
' "$html" >"$page"

grep -q 'init' "$body" || {
    echo "boot-script.sh: the inline module in $html does not start the wasm; Trunk's loader changed?" >&2
    exit 1
}

hash=$(sha256sum "$body" | cut -c1-16)
name="boot-$hash.js"
{
    echo "// Starts Headroom: written by Trunk, moved out of index.html by scripts/boot-script.sh."
    cat "$body"
} >"$staging/$name"

# The worker: the loader's two addresses (the glue it imports, the wasm it
# starts) in place of the template's markers.
glue=$(sed -n "s/^import init, \* as bindings from '\([^']*\)';\$/\1/p" "$body")
wasm=$(sed -n "s/.*module_or_path: '\([^']*\)'.*/\1/p" "$body")
if [ -z "$glue" ] || [ -z "$wasm" ]; then
    echo "boot-script.sh: could not read the glue's and the wasm's addresses from the loader; Trunk's loader changed?" >&2
    exit 1
fi
template="$(dirname "${BASH_SOURCE[0]}")/../src/montecarlo/worker.js"
worker_body="$(mktemp)"
trap 'rm -f "$body" "$page" "$worker_body"' EXIT
sed -e "s|@@GLUE@@|$glue|" -e "s|@@WASM@@|$wasm|" "$template" >"$worker_body"
if grep -q '@@' "$worker_body"; then
    echo "boot-script.sh: $template has a marker left unfilled" >&2
    exit 1
fi
worker="montecarlo-worker-$(sha256sum "$worker_body" | cut -c1-16).js"
cp "$worker_body" "$staging/$worker"

tag="<script type=\"module\" src=\"${public_url}${name}\"></script>"
meta="<meta name=\"headroom-worker\" content=\"${public_url}${worker}\">"
awk -v tag="$tag" -v meta="$meta" '
    $0 == "@@HEADROOM_BOOT@@" { print tag; next }
    /<\/head>/ && !done      { sub(/<\/head>/, meta "</head>"); done = 1 }
                              { print }
' "$page" >"$html"
grep -q 'name="headroom-worker"' "$html" || {
    echo "boot-script.sh: could not name the worker in $html (no </head>?)" >&2
    exit 1
}

if grep -q '<script[^>]*>[^<]' "$html"; then
    echo "boot-script.sh: $html still has an inline script" >&2
    exit 1
fi
echo "boot-script.sh: loader moved to $name; Monte Carlo worker written to $worker"
