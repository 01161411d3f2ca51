#!/bin/bash
# Samples the resident memory of a command every 20 ms, to see where in a
# build its peak is (GNU time and --timings give only the peak).
#
#   bench/rss_timeline.sh target/release/casefile build --root DIR --output OUT
#
# Prints one line per sample: milliseconds since the start, RSS in MiB.
"$@" >/dev/null 2>&1 &
pid=$!
start=$(date +%s%N)
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  [ -n "$rss" ] && echo "$(( ($(date +%s%N) - start) / 1000000 )) $(( rss / 1024 ))"
  sleep 0.02
done
