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

tag="<script type=\"module\" src=\"${public_url}${name}\"></script>"
awk -v tag="$tag" '{ if ($0 == "@@HEADROOM_BOOT@@") print tag; else print }' "$page" >"$html"

if grep -q '<script[^>]*>[^<]' "$html"; then
    echo "boot-script.sh: $html still has an inline script" >&2
    exit 1
fi
echo "boot-script.sh: loader moved to $name"
