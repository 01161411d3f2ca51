#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 600), one
# after another, then prints a summary: executions, corpus size, and any
# crash, hang or out-of-memory input found.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a C++
# compiler; works on stable Rust (see fuzz/README.md). Environment:
#   FUZZ_TARGET_DIR  cargo's target dir for the fuzz build (fuzz/target)
#   FUZZ_NICE        niceness of the fuzzer processes (10)
#   FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (10)
#   FUZZ_RSS_MB      memory limit in MB before it counts as out of memory (2048)
#   FUZZ_MAX_LEN     longest input in bytes (8192; libFuzzer starts short and
#                    lengthens its inputs as it stops finding new paths)
#
# The committed seeds in fuzz/corpus/TARGET/ are read, never written: what
# the fuzzer finds goes to fuzz/runs/TARGET/ (logs beside it) and failing
# inputs to fuzz/artifacts/TARGET/, both ignored by git. Exits 1 if any
# target failed.
set -euo pipefail

cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=(front_matter markdown evidence quote)
fi
target_dir=${FUZZ_TARGET_DIR:-target}
nice_level=${FUZZ_NICE:-10}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
max_len=${FUZZ_MAX_LEN:-8192}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

# No sanitizer: casefile is safe Rust, so AddressSanitizer would find
# nothing that a panic does not, at half the speed and with nightly-only
# flags. Coverage instrumentation and libFuzzer itself work on stable.
nice -n "$nice_level" cargo fuzz build --sanitizer none --target-dir "$target_dir"
host=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="$target_dir/$host/release"

summary=()
failed=0
for t in "${targets[@]}"; do
    mkdir -p "runs/$t" "artifacts/$t"
    log="runs/$t.log"
    echo "== $t: ${seconds}s, log in fuzz/$log"
    status=0
    nice -n "$nice_level" "$bin_dir/$t" "runs/$t" "corpus/$t" \
        -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
        -max_len="$max_len" \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ -z "$execs" ]; then
        # A run stopped by a failure prints no final stats: take the last
        # progress line.
        execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    corpus=$(find "runs/$t" "corpus/$t" -type f | wc -l)
    artifact=$(sed -n 's/^.*Test unit written to //p' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        result="ok"
    else
        failed=1
        kind=$(grep -oE 'ERROR: libFuzzer: [a-z -]+|panicked at [^ ]+' "$log" | head -1)
        result="FAILED (${kind:-exit $status}): fuzz/${artifact:-?}"
    fi
    summary+=("$(printf '%-13s %12s execs  %6s inputs  %s' "$t" "${execs:-?}" "$corpus" "$result")")
done

echo
echo "target          executions   corpus  result (${seconds}s each)"
printf '%s\n' "${summary[@]}"
exit "$failed"
