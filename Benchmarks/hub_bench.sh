#!/usr/bin/env bash
# The hub over HTTP, end to end (issue 4): builds the release binary, starts `scamhub serve --demo` in a
# temporary directory under a benchmark copy of the national policy (lookup limits raised), and runs
# Benchmarks/hub_load.py: ingest, fill to 1,000,000 live reports, snapshot, delta, lookup (wrk), RSS.
# Prints a summary table at the end; every result is also kept as JSON lines in $WORK/results.jsonl.
#
#   Benchmarks/hub_bench.sh                      # everything, defaults below
#   INGEST_RUNS=3 INGEST_REPORTS=100000 TOTAL_LIVE=1000000 LOOKUP_RUNS=3 Benchmarks/hub_bench.sh
#   SKIP_BUILD=1 Benchmarks/hub_bench.sh          # use the existing .build/release/scamhub
#   SCAMHUB_BIN=/path/to/scamhub Benchmarks/hub_bench.sh   # no build: measure this binary
#   KEEP=1 Benchmarks/hub_bench.sh                # keep the temporary directory (database, logs)
#
# Needs: python3, wrk (apt-get install -y wrk), curl. Every swift command goes through
# `flock /tmp/scamhub-swift.lock` so it never races another build on this machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD="$ROOT/Benchmarks/hub_load.py"
SMALL_LIVE="${SMALL_LIVE:-50000}"          # reports before the small (JSON-capable) snapshot
INGEST_REPORTS="${INGEST_REPORTS:-100000}" # per ingest run
INGEST_RUNS="${INGEST_RUNS:-3}"
BATCH="${BATCH:-1000}"
CONNECTIONS="${CONNECTIONS:-4}"
TOTAL_LIVE="${TOTAL_LIVE:-1000000}"        # live reports before the large snapshot and RSS
SNAPSHOT_RUNS="${SNAPSHOT_RUNS:-3}"
DELTA_RUNS="${DELTA_RUNS:-3}"
LOOKUP_RUNS="${LOOKUP_RUNS:-3}"
LOOKUP_DURATION="${LOOKUP_DURATION:-20s}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

source "$ROOT/Benchmarks/hub_lifecycle.sh"
bench_binary
bench_workdir scamhub-bench

# The benchmark policy: the national policy with every lookup limit raised (policies/ is not touched).
awk '/^lookup_limits:/ { block = 1; print; next }
     block && /^  [a-z_]+:/ { sub(/:.*/, ": 100000000/min"); print; next }
     { if (!/^  /) block = 0; print }' \
    "$ROOT/policies/national-anti-scam-centre.yaml" > "$WORK/bench-policy.yaml"
grep -q "bank: 100000000/min" "$WORK/bench-policy.yaml" || { echo "could not raise lookup_limits" >&2; exit 1; }

cd "$WORK"
start_hub "$WORK/bench-policy.yaml"

load() { python3 "$LOAD" --url "$URL" --server-pid "$SERVER_PID" --json-out "$RESULTS" "$@"; }
# Each step line expands $URL, $SERVER_PID and the keys when it runs, so they follow a restarted hub.

live=0
step "fill to $SMALL_LIVE" load --label "0 → $SMALL_LIVE" fill --publish-key "$PLATFORM_KEY" \
    --reports "$SMALL_LIVE" --batch "$BATCH" --connections "$CONNECTIONS"
live=$((live + SMALL_LIVE))
step "snapshot at $live" load --label "$live live" snapshot --key "$BANK_KEY" --runs "$SNAPSHOT_RUNS" --verify-digest
step "ingest ${INGEST_RUNS}×$INGEST_REPORTS" load --label "from $live live, B=$BATCH K=$CONNECTIONS" ingest \
    --publish-key "$PLATFORM_KEY" --reports "$INGEST_REPORTS" --batch "$BATCH" --connections "$CONNECTIONS" \
    --runs "$INGEST_RUNS"
live=$((live + INGEST_REPORTS * INGEST_RUNS))
if (( TOTAL_LIVE > live )); then
    step "fill to $TOTAL_LIVE" load --label "$live → $TOTAL_LIVE" fill --publish-key "$PLATFORM_KEY" \
        --reports $((TOTAL_LIVE - live)) --batch "$BATCH" --connections "$CONNECTIONS"
    live=$TOTAL_LIVE
fi
step "rss at $live" load --label "$live live, before any flag-list request" rss
step "snapshot at $live" load --label "$live live" snapshot --key "$BANK_KEY" --runs "$SNAPSHOT_RUNS" --verify-digest
step "rss after snapshot" load --label "$live live, after snapshots" rss
step "delta" load --label "$live live" delta --key "$BANK_KEY" --publish-key "$PLATFORM_KEY" --runs "$DELTA_RUNS"
step "lookup" load --label "$live live" lookup --key "$BANK_KEY" --publish-key "$PLATFORM_KEY" \
    --runs "$LOOKUP_RUNS" --duration "$LOOKUP_DURATION"
step "rss at the end" load --label "end" rss

stop_hub

echo
echo "== summary ($(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $BIN)"
python3 "$LOAD" summary "$RESULTS"
cp "$RESULTS" "/tmp/scamhub-bench-results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
