#!/usr/bin/env bash
# Exams over HTTP (bench/RESULTS.md, benchmark 5), on 127.0.0.1 only: 3,000 candidates start the same exam
# within one second, then 2,000 of them autosave answers for a 60-minute exam compressed into 2 minutes,
# then they all submit within 10 s; every acknowledged answer is then looked up in the database.
#   start     3,000 connections are opened first, then every candidate sends POST /api/v1/exams/{id}/start
#             within START_SPREAD (1) s, uniformly spread.
#   autosave  SAVERS (2,000) candidates save one answer each per 10 s of exam time:
#               compressed — the issue's reading: 60 min in SAVE_DURATION (120) s, so a save every 1/3 s of
#                            wall time per candidate, about 6,000 saves/s offered in all;
#               literal    — one save every 10 s of wall time per candidate for SAVE_DURATION s (200/s).
#             (MODES picks; each mode is a separate run with a fresh database and a fresh server process.)
#   submit    the savers submit within SUBMIT_SPREAD (10) s, uniformly spread.
#   verify    with the sqlite3 CLI after the server has stopped: every acknowledged answer is in
#             exam_answers with its seq and response, every acknowledged submission is 'submitted'.
# Each run: a copy of one seeded database (demo --workers DEMO_WORKERS, an administrator made with
# create-admin), a server that creates and publishes the exam over the API (skb_bench_exams setup), stopped;
# the candidates' accounts and sessions inserted with sqlite3 (why: bench/exams/exam_bench.cpp); a fresh
# server process for the load (skb_bench_exams run), stopped, then the check (skb_bench_exams verify).
# Every step is bounded (timeouts; the tool gives up on a phase after its own timeout), servers are always
# stopped. Medians of the rounds go to $OUT/$NAME.txt, every run's figures to $OUT/$NAME-rounds.txt.
#   bash bench/exams/run.sh                      (ROUNDS=3 MODES="compressed literal" CANDIDATES=3000 SAVERS=2000)
#   SKB_BENCH_EXAMS_DIR=/tmp/exam-bench-build/bench bash bench/exams/run.sh   (tool already built, no build)
#   PERF_PHASE=start ROUNDS=1 MODES=compressed bash bench/exams/run.sh   (perf record of the server during one
#                                      phase, start|autosave|submit: summary → $OUT/exams-profile-<phase>-perf.txt;
#                                      the run's figures → $OUT/exams-profile-<phase>*.txt, not $OUT/exams.txt)
#   ACCESS_LOG=1 ROUNDS=1 MODES=literal SAVE_DURATION=10 bash bench/exams/run.sh   (the start rush's server-side
#                                      timeline → $OUT/exams-timeline-start-timeline.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
MODES=${MODES:-compressed literal}
CANDIDATES=${CANDIDATES:-3000}
SAVERS=${SAVERS:-2000}
SUBMITTERS=${SUBMITTERS:-savers}      # or "all": every candidate that started
DEMO_WORKERS=${DEMO_WORKERS:-3200}
START_SPREAD=${START_SPREAD:-1}
SAVE_DURATION=${SAVE_DURATION:-120}
EXAM_MINUTES=${EXAM_MINUTES:-60}      # the exam time SAVE_DURATION stands for (compressed mode)
SUBMIT_SPREAD=${SUBMIT_SPREAD:-10}
CLIENT_THREADS=${CLIENT_THREADS:-1}
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-60}
PERF_PHASE=${PERF_PHASE:-}
PERF_SECONDS=${PERF_SECONDS:-8}
TRACE_DIR=${TRACE_DIR:-}              # a directory: each start's and submission's send time and latency, per run
ACCESS_LOG=${ACCESS_LOG:-0}           # 1: the load server logs every request; the start rush's timeline (answers
                                      # written per 100 ms, sessions created per second) → $OUT/$NAME-start-timeline.txt
BIN=${SKB_BIN:-build/skillbrain}
OUT=${OUT:-bench/out}
NAME=${NAME:-$([ -n "$PERF_PHASE" ] && echo "exams-profile-$PERF_PHASE" || { [ "${ACCESS_LOG:-0}" = 1 ] && echo exams-timeline || echo exams; })}
TOOLS=${SKB_BENCH_EXAMS_DIR:-}

if [ -z "$TOOLS" ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target skb_bench_exams skb_bench_fsync
  TOOLS=build/bench/bench
fi
command -v sqlite3 >/dev/null || { echo "the sqlite3 CLI is missing (apt-get install sqlite3)"; exit 1; }
# One socket per candidate on each side (this shell's children inherit the limit).
want_fds=$((CANDIDATES + 1024))
ulimit -n "$want_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge "$want_fds" ] || { echo "ulimit -n is $(ulimit -n), $CANDIDATES candidates need $want_fds"; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$OUT"
raw=$OUT/$NAME-rounds.txt
: > "$raw"
rm -f "$OUT/$NAME-start-timeline.txt"

# Our own copy of the server: a rebuild of $BIN during the run changes nothing here.
cp "$BIN" "$work/skillbrain"
BIN=$work/skillbrain
export SKB_SECRET_KEY_FILE=$work/secret.key

# The seeded database every run copies: the demo (its electrician bank fills the exam) and an administrator.
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
"$BIN" demo --db "sqlite:$work/seed.db" --workers "$DEMO_WORKERS" > "$work/demo.txt" 2>&1
printf '%s\n' "$admin_password" | "$BIN" create-admin --db "sqlite:$work/seed.db" --username exambench > /dev/null
# Workers who already have an account (the demo's "worker") are not candidates: one account per worker.
sqlite3 "$work/seed.db" "SELECT worker_id FROM users WHERE worker_id IS NOT NULL" > "$work/exclude.txt"
[ ! -e "$work/seed.db-wal" ] || [ ! -s "$work/seed.db-wal" ] || sqlite3 "$work/seed.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null

start_server() {  # [access-log]
  local log=--no-access-log
  [ "${1:-}" = access-log ] && log=
  "$BIN" serve --db "sqlite:$db" --host 127.0.0.1 --port 0 $log --web "$work/none" > "$work/skb.out" 2>&1 &
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
record() { echo "round $round $1 $2 $3" >> "$raw"; echo "round $round $1 $2 $3" >&2; }
record_tool() { local target=$1; while read -r name value _; do record "$target" "$name" "$value"; done; }

tidy() { grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | cut -c1-220; }

one_run() {  # mode
  local mode=$1 interval
  case $mode in
    compressed) interval=$(awk -v d="$SAVE_DURATION" -v m="$EXAM_MINUTES" 'BEGIN { printf "%.6f", 10 * d / (m * 60) }') ;;
    literal) interval=10 ;;
    *) echo "unknown mode $mode (compressed | literal)"; exit 1 ;;
  esac
  db=$work/run.db
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$work/seed.db" "$db"
  echo "round $round, $mode: uptime $(uptime)" >&2
  record "$mode" load1_before "$(cut -d' ' -f1 /proc/loadavg)"
  # The disk in the database's directory just before (4 KiB write + fdatasync; bench/live/fsync_probe.cpp).
  if [ -x "$TOOLS/skb_bench_fsync" ]; then
    timeout 60 "$TOOLS/skb_bench_fsync" --dir "$work" --duration 2 | grep -E '^fsync_(overwrite|append)_p50_ms' | record_tool disk || true
  fi

  # The exam, created and published over the API by an administrator.
  start_server
  timeout 300 "$TOOLS/skb_bench_exams" setup --url "$skb" --admin "exambench:$admin_password" --candidates "$CANDIDATES" \
    --exclude "$work/exclude.txt" --out "$work/setup" --title "考试压测 round $round $mode" > "$work/setup.txt"
  stop_server
  exam_id=$(awk '$1 == "exam_id" { print $2 }' "$work/setup.txt")
  record "$mode" publish_s "$(awk '$1 == "publish_s" { print $2 }' "$work/setup.txt")"
  # The candidates' accounts and sessions (no server running).
  timeout 120 sqlite3 "$db" < "$work/setup/accounts.sql"

  # The load, on a fresh server process.
  if [ "$ACCESS_LOG" = 1 ]; then start_server access-log; else start_server; fi
  echo "server $skb (pid $server_pid), exam $exam_id, save every $interval s" >&2
  local perf_args=()
  if [ -n "$PERF_PHASE" ]; then perf_args=(--perf-phase "$PERF_PHASE" --perf-out "$work/perf.data" --perf-seconds "$PERF_SECONDS"); fi
  if [ -n "$TRACE_DIR" ]; then mkdir -p "$TRACE_DIR"; perf_args+=(--trace "$TRACE_DIR/trace-r$round-$mode.txt"); fi
  local limit=$((SAVE_DURATION + 4 * REQUEST_TIMEOUT + 900))
  if timeout "$limit" "$TOOLS/skb_bench_exams" run --url "$skb" --exam "$exam_id" --candidates "$work/setup/candidates.tsv" \
      --starters "$CANDIDATES" --savers "$SAVERS" --submitters "$SUBMITTERS" --start-spread "$START_SPREAD" \
      --save-duration "$SAVE_DURATION" --save-interval "$interval" --submit-spread "$SUBMIT_SPREAD" --threads "$CLIENT_THREADS" \
      --timeout "$REQUEST_TIMEOUT" --server-pid "$server_pid" --ledger "$work/ledger.tsv" "${perf_args[@]}" > "$work/run.txt"; then
    record_tool "$mode" < "$work/run.txt"
  else
    echo "warning: round $round $mode: the load run failed or timed out" >&2
    record_tool "$mode" < "$work/run.txt"
    record "$mode" run_failed 1
  fi
  stop_server
  if [ "$ACCESS_LOG" = 1 ]; then
    { echo "round $round $mode: start answers written by the server per 100 ms (access log: time, answers)"
      grep ' POST /api/v1/exams/[0-9]*/start ' "$work/skb.out" | awk '{ n[substr($2, 1, 10)]++ } END { for (t in n) print t, n[t] }' | sort
      echo "sessions created per second (exam_sessions.started_at)"
      sqlite3 "$db" "SELECT started_at, COUNT(*) FROM exam_sessions WHERE exam_id = $exam_id GROUP BY 1"
    } >> "$OUT/$NAME-start-timeline.txt"
  fi

  # Every acknowledged answer and submission, looked up in the database.
  sqlite3 -separator $'\t' "$db" "SELECT session_id, item_index, seq, response FROM exam_answers a JOIN exam_sessions s ON s.id = a.session_id WHERE s.exam_id = $exam_id" > "$work/answers.tsv"
  sqlite3 -separator $'\t' "$db" "SELECT id, status FROM exam_sessions WHERE exam_id = $exam_id" > "$work/sessions.tsv"
  if [ -s "$work/ledger.tsv" ]; then
    "$TOOLS/skb_bench_exams" verify --ledger "$work/ledger.tsv" --answers "$work/answers.tsv" --sessions "$work/sessions.tsv" |
      record_tool "$mode" || true
  fi
  if [ -n "$PERF_PHASE" ] && [ -s "$work/perf.data" ]; then
    { echo "perf record -F 499 --call-graph dwarf,8192 of the server, phase $PERF_PHASE, mode $mode (at most ${PERF_SECONDS}s)"
      echo "== by symbol, self"
      timeout 900 perf report -i "$work/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.7 2>/dev/null | tidy | head -60
      echo "== by symbol, with callees (children)"
      timeout 900 perf report -i "$work/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null | tidy | head -120
    } > "$OUT/$NAME-perf.txt" || true
    rm -f "$work/perf.data"
  fi
}

for round in $(seq "$ROUNDS"); do
  for mode in $MODES; do one_run "$mode"; done
done

# Medians (min–max) of every figure, in the order they were first recorded.
{
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
    "$(uname -r); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "modes: $MODES; rounds $ROUNDS; $CANDIDATES candidates start within ${START_SPREAD}s; $SAVERS save for ${SAVE_DURATION}s" \
    "(compressed: every $(awk -v d="$SAVE_DURATION" -v m="$EXAM_MINUTES" 'BEGIN { printf "%.3f", 10 * d / (m * 60) }')s, literal: every 10s);" \
    "submitters: $SUBMITTERS within ${SUBMIT_SPREAD}s; client threads $CLIENT_THREADS; demo workers $DEMO_WORKERS"
  awk '{ key = $3 " " $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key } vals[key] = vals[key] " " $5 }
       END { for (i = 1; i <= n; i++) print order[i] vals[order[i]] }' "$raw" |
    while read -r target figure values; do
      tr ' ' '\n' <<<"$values" | sort -g | awk -v t="$target" -v f="$figure" '
        { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-12s %-34s %14.3f   (%g–%g, %d runs)\n", t, f, m, v[1], v[NR], NR }'
    done
} | tee "$OUT/$NAME.txt"
