#!/usr/bin/env bash
# Builds the web front end into web/dist, only when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=dist/.skb-build-stamp
newest=$(find src public index.html package-lock.json vite.config.* -type f -newer "$stamp" 2>/dev/null | head -n 1 || true)
if [[ ! -f "$stamp" || -n "$newest" ]]; then
  npm run build --silent
  touch "$stamp"
fi
