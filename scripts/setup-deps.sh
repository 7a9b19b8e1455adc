#!/usr/bin/env bash
# Installs every Debian package SkillBrain builds, runs and tests with, then the web front end's npm
# packages. Idempotent: a machine that has everything returns in a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libqrencode-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  chromium nodejs npm curl wrk nginx-light
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from outside Debian on developer machines; only install them when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of the web front end and the browser tests: reinstalled only when a lockfile changed.
for dir in web tests/e2e; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.skb-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
done
echo "setup-deps: ready"
