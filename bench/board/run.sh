#!/usr/bin/env bash
# Board engine benchmark (in-process, one thread): builds only skb_bench_board with the "bench" preset
# (build/bench), runs it RUNS times and prints every figure's median, min and max. Each run is capped
# at 300 s, so the whole script ends within RUNS × 5 minutes plus the build.
#   bash bench/board/run.sh                  (RUNS=5 ENTRIES=1000000 UPDATES=5000000)
#   SKB_BENCH_BOARD=path/to/skb_bench_board bash bench/board/run.sh   (an existing binary, no build)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
ENTRIES=${ENTRIES:-1000000}
UPDATES=${UPDATES:-5000000}
BIN=${SKB_BENCH_BOARD:-}
if [ -z "$BIN" ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target skb_bench_board
  BIN=build/bench/bench/skb_bench_board
fi

out=$(mktemp)
trap 'rm -f "$out" "$out.run"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $BIN $ENTRIES $UPDATES, $RUNS runs"
for run in $(seq "$RUNS"); do
  timeout 300 "$BIN" "$ENTRIES" "$UPDATES" 2>/dev/null > "$out.run"
  sed "s/^/run $run: /" "$out.run"
  cat "$out.run" >> "$out"
done
rm -f "$out.run"

# One line per figure, in the binary's order: name, median, unit, (min–max).
echo "medians of $RUNS runs:"
awk '!seen[$1]++ { print $1 }' "$out" | while read -r name; do
  grep "^$name " "$out" | sort -g -k2 | awk '
    { v[NR] = $2; unit = $3 }
    END { printf "%-28s %14.2f %-10s (%.2f–%.2f)\n", $1, v[int((NR + 1) / 2)], unit, v[1], v[NR] }'
done
