#!/bin/sh
# Time `casefile build` of the repository's own site (the explainer) with hyperfine.
#
#   sh bench/explainer.sh [OUTPUT_DIR] [extra hyperfine options...]
#
# OUTPUT_DIR defaults to /dev/shm/casefile-explainer-out (a RAM disk), so the
# repository's public/ is left alone. Needs hyperfine (apt-get install hyperfine).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/dev/shm/casefile-explainer-out}
[ $# -gt 0 ] && shift
exe="$repo/target/release/casefile"
[ -x "$exe" ] || { echo "no $exe: run cargo build --release" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 1; }
"$exe" build --root "$repo" --output "$out"   # fails loudly if the site does not build
exec hyperfine --warmup 5 --min-runs 50 -N \
  --export-json "${TMPDIR:-/tmp}/casefile-explainer-hyperfine.json" \
  "$@" "$exe build --root $repo --output $out"
