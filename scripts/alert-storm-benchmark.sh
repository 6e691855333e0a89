#!/usr/bin/env bash
# Issue 14's alert storm against the whole bot: the real Alertmanager binary (Debian package
# prometheus-alertmanager) in front, WireMock as Slack recording every call. Prints one table per
# store with a row per run and the medians (the machine is shared, so single runs are noisy).
#
#   scripts/alert-storm-benchmark.sh [runs] [stores] [retry-after-seconds]
#   scripts/alert-storm-benchmark.sh 3 "h2 postgresql" 0     # the default
#   scripts/alert-storm-benchmark.sh 1 h2 5                  # Slack answers 429 once, Retry-After 5
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
stores="${2:-h2 postgresql}"
retry_after="${3:-0}"
command -v prometheus-alertmanager >/dev/null \
  || { echo "install the Alertmanager binary first: apt-get install prometheus-alertmanager" >&2; exit 1; }
for store in $stores; do
  log="$(mktemp -t alert-storm-XXXXXX.log)"
  ./mvnw -B -q test -Dtest=AlertStormBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.store="$store" -Dbench.runs="$runs" -Dbench.retryAfter="$retry_after" >"$log" 2>&1 \
    || { tail -50 "$log" >&2; echo "benchmark failed; full log: $log" >&2; exit 1; }
  sed -n '/^AlertStormBenchmark: /,/^| median/p' "$log"
  echo "(full log: $log)"
done
