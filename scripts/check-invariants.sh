#!/usr/bin/env bash
# Check the architecture invariants of ARCHITECTURE.md that a machine can check.
#
# 1. The model crate depends on no browser crate (leptos, web-sys, js-sys,
#    wasm-bindgen, gloo), natively or for wasm32.
# 2. The model crate builds for wasm32-unknown-unknown.
# 3. The model crate does no I/O and reads no clock or OS randomness (seeded
#    generators only): no std::fs, std::net, std::time, std::env, rand or
#    getrandom in models/src.
# 4. Catalog data files are data: every catalog embedded is a JSON file under
#    models/catalogs/ with a README there.
# 5. In the web app, effects only talk to the outside world: Effect::new appears
#    only where the address and storage (src/sync.rs), the Monte Carlo run's
#    signal (src/montecarlo/mod.rs) or the canvases (components/src/charts/canvas.rs)
#    are written; components never touch storage or the address.
# 6. No user data is ever inserted as HTML: src/ and components/src never set
#    HTML from a string (inner_html, set_inner_html, insert_adjacent_html,
#    outer_html, or their JavaScript names innerHTML, insertAdjacentHTML,
#    outerHTML); text goes into text nodes only (docs/RELIABILITY.md, "Security").
# 7. No circles of modules in the model, the components or the shell
#    (scripts/module-cycles.py over models/src, components/src and src).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail=0
browser='^(leptos|leptos_[a-z_]+|web-sys|js-sys|wasm-bindgen|wasm-bindgen-[a-z-]+|gloo|gloo-[a-z-]+) '

for target in "" "--target wasm32-unknown-unknown"; do
    label="${target:-native}"
    # shellcheck disable=SC2086
    deps="$(cargo tree -p headroom-models -e normal --prefix none --format '{p}' $target | sort -u)"
    if bad="$(grep -E "$browser" <<<"$deps")"; then
        echo "invariant broken: headroom-models ($label) depends on browser crates:"
        echo "$bad" | sed 's/^/    /'
        fail=1
    else
        echo "ok: headroom-models ($label) has no browser dependency ($(wc -l <<<"$deps") crates)"
    fi
done

echo "building headroom-models for wasm32-unknown-unknown"
cargo build --quiet -p headroom-models --target wasm32-unknown-unknown
echo "ok: headroom-models builds for wasm32"

if hits="$(grep -rnE 'std::(fs|net|time|env|process)|\brand::|getrandom|SystemTime|Instant::now' models/src)"; then
    echo "invariant broken: the model must be pure (no I/O, clock or randomness):"
    echo "$hits" | sed 's/^/    /'
    fail=1
else
    echo "ok: models/src does no I/O and reads no clock or OS randomness (seeded generators only)"
fi

embedded="$(grep -oE 'include_str!\("[^"]+"\)' models/src/catalog.rs | sed -E 's/include_str!\("(.*)"\)/\1/')"
for path in $embedded; do
    case "$path" in
    ../catalogs/*.json) [ -f "models/src/$path" ] || { echo "invariant broken: missing catalog $path"; fail=1; } ;;
    *) echo "invariant broken: catalog $path is not a JSON file under models/catalogs/"; fail=1 ;;
    esac
done
[ -f models/catalogs/README.md ] || { echo "invariant broken: models/catalogs/README.md is missing"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok: $(wc -w <<<"$embedded") embedded catalogs are data files under models/catalogs/"

effects="$(grep -rln 'Effect::new' src components/src | sort | tr '\n' ' ')"
if [ "$effects" = "components/src/charts/canvas.rs src/montecarlo/mod.rs src/sync.rs " ]; then
    echo "ok: effects only in src/sync.rs (address, storage), src/montecarlo/mod.rs (the run) and charts/canvas.rs (canvas)"
else
    echo "invariant broken: Effect::new outside src/sync.rs, src/montecarlo/mod.rs and components/src/charts/canvas.rs: $effects"
    fail=1
fi
if hits="$(grep -rnE 'local_storage|session_storage|history\(\)|location\(\)' components/src)"; then
    echo "invariant broken: components must not touch storage or the address:"
    echo "$hits" | sed 's/^/    /'
    fail=1
else
    echo "ok: components touch neither storage nor the address"
fi

# Comment lines may name the calls (to say why not); code may not.
html='inner_html|innerHTML|insertAdjacentHTML|insert_adjacent_html|outer_html|outerHTML'
if hits="$(grep -rnE "$html" src components/src | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//')"; then
    echo "invariant broken: HTML set from a string (user data must go into text nodes):"
    echo "$hits" | sed 's/^/    /'
    fail=1
else
    echo "ok: src/ and components/src set no HTML from strings (no inner_html, innerHTML, insertAdjacentHTML, outerHTML)"
fi

if circles="$(python3 scripts/module-cycles.py models/src components/src src)"; then
    echo "ok: no circles of modules in models/src, components/src or src"
else
    echo "invariant broken: modules import each other in a circle:"
    echo "$circles" | sed 's/^/    /'
    fail=1
fi

exit "$fail"
