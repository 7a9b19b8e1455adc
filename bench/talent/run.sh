#!/usr/bin/env bash
# Capability portraits in-process: builds only skb_bench_portraits with the "bench" preset (build/bench),
# then for each size in SIZES runs it RUNS times on a fresh SQLite file and prints each figure's median
# (min–max). Ingestion goes through the talent record's bulk path in durable commits of 1,000 workers;
# reads are PortraitService::portrait of random workers; beside them, in the same run, plain INSERTs
# of the same rows and a plain per-dimension SQL average.
#   bash bench/talent/run.sh                          (SIZES="10000 100000" EVIDENCE=20 READS=2000 RUNS=3)
#   SIZES=1000000 RUNS=1 bash bench/talent/run.sh     (20M evidence rows: ~4.5 GB of disk, ~7 minutes)
#   SKB_BENCH_PORTRAITS=path/to/skb_bench_portraits bash bench/talent/run.sh   (an existing binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=${SIZES:-"10000 100000"}
EVIDENCE=${EVIDENCE:-20}
READS=${READS:-2000}
RUNS=${RUNS:-3}
BIN=${SKB_BENCH_PORTRAITS:-}
if [ -z "$BIN" ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target skb_bench_portraits
  BIN=build/bench/bench/skb_bench_portraits
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do
  echo "== $size workers × $EVIDENCE evidence rows, $READS reads, $RUNS run(s)"
  : > "$dir/all"
  for run in $(seq "$RUNS"); do
    "$BIN" "$dir/portraits.db" "$size" "$EVIDENCE" "$READS" | tee "$dir/run" | sed "s/^/run $run: /"
    cat "$dir/run" >> "$dir/all"
    rm -f "$dir"/portraits.db*
  done
  # One line per figure, in the binary's order: name, median, unit, (min–max).
  awk '!seen[$1]++ { print $1 }' "$dir/all" | while read -r name; do
    grep "^$name " "$dir/all" | sort -g -k2 | awk '
      { v[NR] = $2; unit = $3 }
      END { printf "%-26s %12.3f %-6s (%.3f–%.3f)\n", $1, v[int((NR + 1) / 2)], unit, v[1], v[NR] }'
  done
done
