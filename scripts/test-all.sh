#!/usr/bin/env bash
# Runs every suite against the built binary: unit (GoogleTest via ctest), API (the real server over
# HTTP, Node's test runner) and end-to-end (Chromium via playwright-core). Prints one closing line
# "N passed, N failed" over all three; exits non-zero when any test failed.
set -uo pipefail
cd "$(dirname "$0")/.."
preset=${PRESET:-release}
logs=$(mktemp -d)
status=0

echo "== unit tests (GoogleTest) =="
(cd "build/$preset" && ctest --output-on-failure -j "$(nproc)") 2>&1 | tee "$logs/unit.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== API tests (real server over HTTP) =="
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$logs/api.tap" tests/api/ 2>&1 | tee "$logs/api.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== end-to-end tests (Chromium) =="
(cd tests/e2e && node --test --test-concurrency=1 --test-timeout=240000 --test-reporter=spec \
  --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$logs/e2e.tap" ./*.test.mjs ./*/*.test.mjs) \
  2>&1 | tee "$logs/e2e.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

unit_total=$(grep -oE 'tests failed out of [0-9]+' "$logs/unit.log" | grep -oE '[0-9]+$' || echo 0)
unit_failed=$(grep -oE '[0-9]+ tests failed out of' "$logs/unit.log" | grep -oE '^[0-9]+' || echo 0)
tap_count() { grep -hE "^# $1 [0-9]+" "$logs"/*.tap 2>/dev/null | awk '{s+=$3} END {print s+0}'; }
passed=$(( ${unit_total:-0} - ${unit_failed:-0} + $(tap_count pass) ))
failed=$(( ${unit_failed:-0} + $(tap_count fail) ))
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || { echo "no test ran"; status=1; }
echo
echo "tests: $passed passed, $failed failed"
rm -rf "$logs"
exit $status
