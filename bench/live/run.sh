#!/usr/bin/env bash
# Live boards over HTTP, benchmarks 2–4 of the live-boards issue (bench/RESULTS.md), on 127.0.0.1 only:
#   reads  — SkillBrain's board reads (rank of a random entrant: GET /api/v1/boards/e1/rows/{id};
#            top 10: GET /api/v1/boards/e1/rows?limit=10; wrk, 50 connections) against Redis doing
#            ZREVRANK / ZREVRANGE 0 9 / ZADD unpipelined at 50 clients (redis-benchmark) on a sorted
#            set of the same size (the demo event board: 100 entrants), plus Redis at 1,000,000
#            members and SkillBrain's /api/v1/health for reference. Rounds alternate the targets.
#   marks  — durable marks: 64 judge connections posting POST /api/v1/marks back to back, one mark a
#            request and a whole sheet a request (skb_bench_marks), beside the disk's own
#            4 KiB-write + fdatasync rate in the database's directory (skb_bench_fsync).
#   fanout — 5,000 SSE viewers on board e1 while marks are posted at 1,000/s (skb_bench_fanout): time
#            from a mark's acknowledgement to its arrival at the viewers, server CPU and RSS; posted from
#            4 connections (the issue's "a few") and from a pool of 64, and 500 viewers for scale
#            (FANOUT_RUNS). Each run starts a fresh server process on the same database.
# Every run is bounded (wrk -d, redis-benchmark -n under timeout, the C++ tools' own --duration, and a
# timeout around each); medians of the rounds are printed and kept in $OUT/live.txt (raw figures in
# $OUT/live-rounds.txt).
#   bash bench/live/run.sh           (ROUNDS=5 FANOUT_ROUNDS=3 DURATION=10 FANOUT_DURATION=20 ...)
#   PHASES="marks" ROUNDS=3 bash bench/live/run.sh
#   SKB_BENCH_LIVE_DIR=/tmp/live-bench/bench bash bench/live/run.sh   (tools already built, no build)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}                 # reads and marks phases
FANOUT_ROUNDS=${FANOUT_ROUNDS:-3}
DURATION=${DURATION:-10}            # seconds per wrk / marks run
CLIENTS=${CLIENTS:-50}              # reads: wrk connections and redis-benchmark clients
WRK_THREADS=${WRK_THREADS:-2}
REDIS_THREADS=${REDIS_THREADS:-2}   # redis-benchmark threads, as many as wrk's
REDIS_REQUESTS=${REDIS_REQUESTS:-}    # per redis-benchmark run; default: what a calibration run does in DURATION
MARK_CLIENTS=${MARK_CLIENTS:-64}
RATE=${RATE:-1000}
FANOUT_RUNS=${FANOUT_RUNS:-5000:4 5000:64 500:4}  # viewers:posting connections, each run every round
FANOUT_DURATION=${FANOUT_DURATION:-20}
PHASES=${PHASES:-reads marks fanout}
BIN=${SKB_BIN:-build/skillbrain}
OUT=${OUT:-bench/out}
TOOLS=${SKB_BENCH_LIVE_DIR:-}

if [ -z "$TOOLS" ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target skb_bench_marks skb_bench_fanout skb_bench_fsync
  TOOLS=build/bench/bench
fi
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/setup-deps.sh"; exit 1; }
if ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
  echo "installing redis-server and redis-tools (Debian packages)" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server redis-tools >/dev/null
fi
# 5,000 viewers need 5,000 sockets on each side (this shell's children inherit the limit).
max_viewers=$(tr ' ' '\n' <<<"$FANOUT_RUNS" | cut -d: -f1 | sort -n | tail -1)
want_fds=$((max_viewers + 1024))
ulimit -n "$want_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [[ " $PHASES " == *" fanout "* ]] && [ "$(ulimit -n)" -lt "$want_fds" ]; then
  echo "ulimit -n is $(ulimit -n), the fan-out needs $want_fds: raise the hard limit or lower the viewers in FANOUT_RUNS" >&2
  exit 1
fi

work=$(mktemp -d)
server_pid=
redis_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$OUT"
raw=$OUT/live-rounds.txt
: > "$raw"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Our own copy of the server: a rebuild of $BIN during the run changes nothing here.
cp "$BIN" "$work/skillbrain"
BIN=$work/skillbrain

# The demo competition: 3 events of 100 entrants, judges judge11…judge33 (passwords printed once).
export SKB_SECRET_KEY_FILE=$work/secret.key
db=sqlite:$work/skb.db
"$BIN" demo --db "$db" > "$work/demo.txt" 2>&1
accounts=$(awk '$1 == "judge" && $2 ~ /^judge[0-9]+$/ { printf "%s%s:%s", sep, $2, $3; sep = "," }' "$work/demo.txt")
[ -n "$accounts" ] || { echo "no judge accounts in the demo's output"; cat "$work/demo.txt"; exit 1; }

start_server() {
  "$BIN" serve --db "$db" --port 0 --no-access-log --web "$work/none" > "$work/skb.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/skb.out" && break; sleep 0.1; done
  skb=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/skb.out" | head -1)
  [ -n "$skb" ] || { echo "server did not start"; cat "$work/skb.out"; exit 1; }
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
# "target figure value" lines into the raw file, echoed to stderr as they come.
record() { echo "round $round $1 $2 $3" >> "$raw"; echo "round $round $1 $2 $3" >&2; }
# A tool's "name value unit" lines, recorded under a target.
record_tool() { local target=$1; while read -r name value _; do record "$target" "$name" "$value"; done; }

wrk_run() {  # target, then wrk arguments
  local target=$1; shift
  local out
  out=$(timeout $((DURATION + 30)) wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${DURATION}s" --latency "$@")
  record "$target" rps "$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  record "$target" p99_ms "$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")"
  local bad
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -z "$bad" ] || { echo "warning: $target: $bad non-2xx answers" >&2; record "$target" non_2xx "$bad"; }
}
redis_run() {  # target, keyspace, command...
  local target=$1 keys=$2; shift 2
  local line
  line=$(timeout 180 redis-benchmark -h 127.0.0.1 -p "$redis_port" -c "$CLIENTS" -n "$REDIS_REQUESTS" -P 1 \
    --threads "$REDIS_THREADS" -r "$keys" --csv "$@" | tail -1 | tr -d '"')
  record "$target" rps "$(cut -d, -f2 <<<"$line")"
  record "$target" p99_ms "$(cut -d, -f7 <<<"$line")"
}
# Sorted set KEY of N members m:000000000000… (redis-benchmark's __rand_int__ spelling) with scores
# 0–10,000, loaded through redis-cli --pipe, 1,000 members per ZADD.
redis_fill() {
  awk -v key="$1" -v n="$2" 'BEGIN { srand(20261125); per = 1000
    for (i = 0; i < n; i += per) {
      m = (n - i < per) ? n - i : per
      printf "*%d\r\n$4\r\nZADD\r\n$%d\r\n%s\r\n", 2 + 2 * m, length(key), key
      for (j = i; j < i + m; j++) {
        s = sprintf("%d", int(rand() * 10001)); id = sprintf("m:%012d", j)
        printf "$%d\r\n%s\r\n$%d\r\n%s\r\n", length(s), s, length(id), id } } }' |
    redis-cli -p "$redis_port" --pipe >/dev/null
}

round=0
start_server
board_ids=$(curl -sf "$skb/api/v1/boards/e1/rows?limit=500" | grep -o '"entry_id":"[0-9]*"' | grep -o '[0-9]*' | tr '\n' ' ')
board_size=$(wc -w <<<"$board_ids")
echo "server $skb (pid $server_pid), board e1 with $board_size entrants" >&2

if [[ " $PHASES " == *" reads "* ]]; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" --daemonize no > /dev/null 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis_fill board "$board_size"
  redis_fill board1m 1000000
  echo "redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$redis_port: board $(redis-cli -p "$redis_port" zcard board), board1m $(redis-cli -p "$redis_port" zcard board1m)" >&2
  export SKB_ENTRY_IDS=$board_ids SKB_ROWS_PATH=/api/v1/boards/e1/rows/
  if [ -z "$REDIS_REQUESTS" ]; then  # a warm-up that also sizes the runs: about DURATION seconds each
    REDIS_REQUESTS=200000
    rps=$(timeout 120 redis-benchmark -h 127.0.0.1 -p "$redis_port" -c "$CLIENTS" -n "$REDIS_REQUESTS" -P 1 \
      --threads "$REDIS_THREADS" -r "$board_size" --csv ZREVRANK board m:__rand_int__ | tail -1 | tr -d '"' | cut -d, -f2)
    REDIS_REQUESTS=$(awk -v r="$rps" -v d="$DURATION" 'BEGIN { n = int(r * d / 10000) * 10000; print (n < 50000) ? 50000 : (n > 3000000 ? 3000000 : n) }')
    echo "redis-benchmark: $REDIS_REQUESTS requests a run (warm-up did $rps/s)" >&2
  fi
  for round in $(seq "$ROUNDS"); do
    redis_run redis_zrevrank "$board_size" ZREVRANK board m:__rand_int__
    wrk_run http_rank -s bench/live/rank.lua "$skb"
    redis_run redis_zrevrange10 "$board_size" ZREVRANGE board 0 9 WITHSCORES
    wrk_run http_top10 "$skb/api/v1/boards/e1/rows?limit=10"
    redis_run redis_zadd "$board_size" ZADD board __rand_int__ m:__rand_int__
    wrk_run http_health "$skb/api/v1/health"
    redis_run redis1m_zrevrank 1000000 ZREVRANK board1m m:__rand_int__
    redis_run redis1m_zrevrange10 1000000 ZREVRANGE board1m 0 9 WITHSCORES
    redis_run redis1m_zadd 1000000 ZADD board1m __rand_int__ m:__rand_int__
  done
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
fi

if [[ " $PHASES " == *" marks "* ]]; then
  sync_count() {  # pid seconds → fdatasync + fsync calls of that process meanwhile
    perf stat -x, -e syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync -p "$1" -- sleep "$2" 2>&1 >/dev/null |
      awk -F, '$1 ~ /^[0-9]+$/ { s += $1 } END { print s + 0 }'
  }
  count_syncs=0
  if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_fdatasync -- true >/dev/null 2>&1; then count_syncs=1; fi
  for round in $(seq "$ROUNDS"); do
    timeout 60 "$TOOLS/skb_bench_fsync" --dir "$work" --duration 3 | record_tool disk || echo "warning: fsync probe failed" >&2
    for mode in single sheet; do
      # The server's fdatasync calls over the same window (commits; perf stat, when it can count them).
      if [ "$count_syncs" = 1 ]; then
        (sleep 2.2; sync_count "$server_pid" "$((DURATION - 1))" > "$work/syncs") &
        sync_pid=$!
      fi
      timeout $((DURATION + 60)) "$TOOLS/skb_bench_marks" --url "$skb" --accounts "$accounts" --connections "$MARK_CLIENTS" \
        --duration "$DURATION" --warmup 2 --mode "$mode" --server-pid "$server_pid" | record_tool "marks_$mode" ||
        echo "warning: marks ($mode) failed or timed out" >&2
      if [ "$count_syncs" = 1 ]; then
        wait "$sync_pid" || true
        record "marks_$mode" fdatasync_per_s "$(awk -v d="$((DURATION - 1))" '{ printf "%.1f", $1 / d }' "$work/syncs")"
      fi
    done
  done
fi
stop_server

if [[ " $PHASES " == *" fanout "* ]]; then
  for round in $(seq "$FANOUT_ROUNDS"); do
    for run in $FANOUT_RUNS; do
      viewers=${run%%:*} posters=${run##*:}
      start_server  # a fresh process each run: its RSS and CPU are this run's alone
      timeout $((FANOUT_DURATION + 240)) "$TOOLS/skb_bench_fanout" --url "$skb" --board e1 --event 1 --accounts "$accounts" \
        --viewers "$viewers" --rate "$RATE" --posters "$posters" --duration "$FANOUT_DURATION" --warmup 2 --drain 3 \
        --server-pid "$server_pid" | record_tool "fanout_${viewers}v_${posters}p" ||
        echo "warning: fan-out $run, round $round failed or timed out" >&2
      stop_server
    done
  done
fi

# Medians (min–max) of every target's figures, in the order they were first recorded.
{
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(uname -r); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "phases: $PHASES; rounds $ROUNDS (fan-out $FANOUT_ROUNDS); wrk -t$WRK_THREADS -c$CLIENTS -d${DURATION}s;" \
    "redis-benchmark -c $CLIENTS -P 1 --threads $REDIS_THREADS -n $REDIS_REQUESTS; marks: $MARK_CLIENTS connections, ${DURATION}s;" \
    "fan-out (viewers:posting connections): $FANOUT_RUNS at $RATE marks/s, ${FANOUT_DURATION}s"
  awk '{ key = $3 " " $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key } vals[key] = vals[key] " " $5 }
       END { for (i = 1; i <= n; i++) print order[i] vals[order[i]] }' "$raw" |
    while read -r target figure values; do
      tr ' ' '\n' <<<"$values" | sort -g | awk -v t="$target" -v f="$figure" '
        { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-20s %-24s %14.3f   (%g–%g, %d runs)\n", t, f, m, v[1], v[NR], NR }'
    done
  med() { awk -v t="$1" -v f="$2" '$3 == t && $4 == f { print $5 }' "$raw" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  ratio() { local a b; a=$(med "$1" rps); b=$(med "$2" rps)
    [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" -v n="$1 / $2" 'BEGIN { printf "%-40s %.2f\n", n, a / b }' || true; }
  ratio http_rank redis_zrevrank
  ratio http_top10 redis_zrevrange10
} | tee "$OUT/live.txt"
