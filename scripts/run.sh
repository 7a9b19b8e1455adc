#!/usr/bin/env bash
# Starts SkillBrain on the embedded SQLite store. A new database gets the demo data, and the demo
# accounts' passwords are printed once (kept in data/demo-accounts.txt, readable only by you).
set -euo pipefail
cd "$(dirname "$0")/.."
db_url=${1:-sqlite:./data/skillbrain.db}
port=${2:-8080}
bin=build/skillbrain

db_file=${db_url#sqlite:}
if [[ "$db_url" == sqlite:* && ! -f "$db_file" ]]; then
  mkdir -p "$(dirname "$db_file")"
  accounts="$(dirname "$db_file")/demo-accounts.txt"
  (umask 077 && "$bin" demo --db "$db_url" > "$accounts")
  cat "$accounts"
  echo "(saved to $accounts)"
elif [[ -f "$(dirname "$db_file")/demo-accounts.txt" ]]; then
  echo "demo accounts: see $(dirname "$db_file")/demo-accounts.txt"
fi
echo "SkillBrain: http://localhost:$port"
echo "Live boards: http://localhost:$port/live (big screen: http://localhost:$port/screen/e1)"
extra=()
# SIMULATE=N: simulated judges give N marks a second to what the demo left unmarked, so boards move.
if [[ -n "${SIMULATE:-}" ]]; then extra+=(--simulate-judges "$SIMULATE"); fi
exec "$bin" serve --db "$db_url" --port "$port" "${extra[@]}"
