#!/usr/bin/env bash
# Fuzz the model's readers (share links and scenario files) with cargo-fuzz
# (libFuzzer) on the nightly toolchain, one target after another, one process
# each (the machine is shared).
#
# Usage: scripts/fuzz.sh [--keep] [seconds-per-target] [target...]
#
#   seconds-per-target  how long each target runs (default 60)
#   target...           which targets (default: all of them, `cargo fuzz list`):
#                       link_decode    any text into codec::decode
#                       link_payload   any bytes packed as a version 1 link
#                       scenario_json  any text into Scenario::from_json
#   --keep              after each run, add to the kept corpus fuzz/corpus/<target>/
#                       the inputs under 1000 bytes that reach code it does not
#                       (libFuzzer -merge=1 over edges: a minimising merge, like
#                       `cargo fuzz cmin`, that never drops the kept seeds).
#
# What each target checks is in fuzz/src/lib.rs; fuzz/README.md has the results
# so far and the CI equivalent (models/tests/fuzzing.rs).
#
# Each target starts from the kept corpus and writes what it finds to a working
# corpus, fuzz/corpus-work/<target>/ (not in git), so repeated runs build on each
# other. Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   cargo +nightly fuzz run -s none <target> fuzz/artifacts/<target>/<file>
# A target that crashes does not stop the others; the script prints every
# crash and exits 1 at the end if there was any.
#
# Installs what is missing: the nightly toolchain (rustup) and cargo-fuzz
# (cargo install --locked). Builds without a sanitizer (the model is safe
# Rust) but with overflow checks and debug assertions; FUZZ_SANITIZER=address
# turns AddressSanitizer on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

keep=false
if [ "${1:-}" = "--keep" ]; then
    keep=true
    shift
fi
seconds="${1:-60}"
case "$seconds" in
'' | *[!0-9]*)
    echo "fuzz.sh: seconds-per-target must be a whole number, not '$seconds'" >&2
    echo "usage: scripts/fuzz.sh [--keep] [seconds-per-target] [target...]" >&2
    exit 2
    ;;
esac
[ "$seconds" -ge 1 ] || {
    echo "fuzz.sh: seconds-per-target must be at least 1" >&2
    exit 2
}
shift || true
sanitizer="${FUZZ_SANITIZER:-none}"

# --- tools -------------------------------------------------------------------
if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz.sh: installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

all_targets=$(cargo +nightly fuzz list)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    mapfile -t targets <<<"$all_targets"
fi
for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$all_targets" || {
        echo "fuzz.sh: no fuzz target '$t'; the targets are:" $all_targets >&2
        exit 2
    }
done

# Per target: the dictionary and the longest input worth trying (links are
# refused above 16 KB, so a little more than that reaches the size check).
dict_of() {
    case "$1" in
    link_decode) echo fuzz/link.dict ;;
    *) echo fuzz/scenario.dict ;;
    esac
}
max_len_of() {
    case "$1" in
    link_decode) echo 17000 ;;
    *) echo 8192 ;;
    esac
}

# libFuzzer's final statistic NAME from a log (empty if absent).
stat() {
    sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

echo "fuzz.sh: building ${targets[*]} (nightly, sanitizer: $sanitizer)"
for t in "${targets[@]}"; do
    cargo +nightly fuzz build -s "$sanitizer" "$t"
done

mkdir -p fuzz/target/logs
crashed=()
summary=()
for t in "${targets[@]}"; do
    work="fuzz/corpus-work/$t"
    kept="fuzz/corpus/$t"
    mkdir -p "$work" "$kept" "fuzz/artifacts/$t"
    log="fuzz/target/logs/$t.log"
    marker="fuzz/target/logs/$t.started"
    touch "$marker"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    echo "fuzz.sh: $t for ${seconds}s (log: $log)"
    status=0
    cargo +nightly fuzz run -s "$sanitizer" "$t" "$work" "$kept" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len_of "$t")" -dict="$(dict_of "$t")" \
        -print_final_stats=1 >"$log" 2>&1 || status=$?
    runs=$(stat number_of_executed_units "$log")
    speed=$(stat average_exec_per_sec "$log")
    # The corpus libFuzzer ended with (inputs/size), from its last status line.
    # (None when it crashed while loading the corpus.)
    corpus=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* corp: \([^ ]*\).*/\1/p' || true)
    line=$(printf '%-14s %6ss %12s runs %8s exec/s  corpus %s' \
        "$t" "$seconds" "${runs:-?}" "${speed:-?}" "${corpus:-?}")
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
        crashed+=("$t")
        line="$line  CRASH (exit $status)"
        echo "fuzz.sh: $t CRASHED; what it said (whole log: $log):" >&2
        # The panic and its message, or libFuzzer's own report (timeout, out of memory).
        { grep -m 1 -A 3 'panicked at' "$log" || grep -m 1 -A 5 '^==[0-9]*== ERROR' "$log" ||
            grep -v '^#[0-9]' "$log" | tail -n 20 || true; } >&2
        echo "fuzz.sh: new artifacts:" >&2
        find "fuzz/artifacts/$t" -type f -newer "$marker" -printf '  %p\n' >&2
    fi
    echo "$line"
    summary+=("$line")
    if $keep && [ "$status" -eq 0 ]; then
        # Only inputs under 1000 bytes, and only those that reach code the kept
        # corpus does not (edges, not hit counts: -use_counters=0): about 85% of
        # the new edges for a tenth of the bytes, so the corpus stays small.
        small="fuzz/target/keep/$t"
        rm -rf "$small"
        mkdir -p "$small"
        find "$work" -type f -size -1000c -exec cp {} "$small"/ \;
        cargo +nightly fuzz run -s "$sanitizer" "$t" "$kept" "$small" -- \
            -merge=1 -use_counters=0 >"fuzz/target/logs/$t.merge.log" 2>&1
        echo "fuzz.sh: $t: $(tail -n 1 "fuzz/target/logs/$t.merge.log")"
        echo "fuzz.sh: $kept now holds $(find "$kept" -type f | wc -l) files, $(find "$kept" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }') bytes"
    fi
done

echo
echo "fuzz.sh: summary ($(date -u +%Y-%m-%d), ${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if [ "${#crashed[@]}" -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${crashed[*]} (inputs under fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz.sh: no crash"
