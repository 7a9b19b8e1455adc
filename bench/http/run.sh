#!/usr/bin/env bash
# HTTP benchmark: wrk at 64 connections on loopback against SkillBrain's GET /api/v1/health and an
# authenticated GET /api/v1/workers?limit=20 (2,000 demo workers), side by side with nginx serving a
# small static JSON file. Rounds alternate between targets so machine noise hits all alike; the
# medians of ROUNDS runs are reported. Everything runs on 127.0.0.1 and stops by itself.
#   bash bench/http/run.sh            (ROUNDS=5 DURATION=10s CONNECTIONS=64 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
BIN=${SKB_BIN:-build/skillbrain}
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/setup-deps.sh"; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing: bash scripts/setup-deps.sh"; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# SkillBrain with the full demo, access log off (nginx's is off too).
export SKB_SECRET_KEY_FILE=$work/secret.key
db=sqlite:$work/skb.db
printf 'Bench-Pass-123\n' | "$BIN" create-admin --db "$db" --username admin >/dev/null
"$BIN" demo --db "$db" >/dev/null
"$BIN" serve --db "$db" --port 0 --no-access-log --web "$work/none" > "$work/skb.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q listening "$work/skb.out" && break; sleep 0.1; done
skb=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/skb.out" | head -1)
token=$(curl -s -X POST "$skb/api/v1/auth/login" -d '{"username":"admin","password":"Bench-Pass-123"}' |
  sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')

# nginx serving the same health body as a static file, one worker per core.
mkdir -p "$work/www"
curl -s "$skb/api/v1/health" > "$work/www/health.json"
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /health.json { root $work/www; default_type application/json; }
  }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work" &
pids+=($!)
sleep 0.5
nginx_url="http://127.0.0.1:$nginx_port/health.json"
curl -sf "$nginx_url" >/dev/null

# One wrk run → "requests_per_second p99_ms"
measure() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  echo "$rps $p99"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A rps p99
targets=(nginx health workers)
for round in $(seq "$ROUNDS"); do
  for t in "${targets[@]}"; do
    case $t in
      nginx) r=$(measure "$nginx_url") ;;
      health) r=$(measure "$skb/api/v1/health") ;;
      workers) r=$(measure -H "Authorization: Bearer $token" "$skb/api/v1/workers?limit=20") ;;
    esac
    rps[$t]+="${r% *}"$'\n'
    p99[$t]+="${r#* }"$'\n'
    echo "round $round $t: $r" >&2
  done
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS alternating rounds, medians"
printf '| target | requests/s | p99 ms |\n|---|---|---|\n'
for t in "${targets[@]}"; do
  printf '| %s | %.0f | %.2f |\n' "$t" "$(printf '%s' "${rps[$t]}" | median)" "$(printf '%s' "${p99[$t]}" | median)"
done
n=$(printf '%s' "${rps[nginx]}" | median); h=$(printf '%s' "${rps[health]}" | median)
echo "health / nginx = $(awk -v h="$h" -v n="$n" 'BEGIN {printf "%.0f%%", 100*h/n}')"
