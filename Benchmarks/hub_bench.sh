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

if [[ -n "${SCAMHUB_BIN:-}" ]]; then
    BIN="$SCAMHUB_BIN"   # a binary built elsewhere (e.g. a copy); no build
else
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        echo "== building (release) — waits for /tmp/scamhub-swift.lock"
        (cd "$ROOT" && flock /tmp/scamhub-swift.lock swift build -c release --product scamhub)
    fi
    BIN="$(cd "$ROOT" && flock /tmp/scamhub-swift.lock swift build -c release --show-bin-path)/scamhub"
fi
[[ -x "$BIN" ]] || { echo "$BIN not found" >&2; exit 1; }

WORK="$(mktemp -d /tmp/scamhub-bench.XXXXXX)"
RESULTS="$WORK/results.jsonl"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -z "${KEEP:-}" ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

# The benchmark policy: the national policy with every lookup limit raised (policies/ is not touched).
awk '/^lookup_limits:/ { block = 1; print; next }
     block && /^  [a-z_]+:/ { sub(/:.*/, ": 100000000/min"); print; next }
     { if (!/^  /) block = 0; print }' \
    "$ROOT/policies/national-anti-scam-centre.yaml" > "$WORK/bench-policy.yaml"
grep -q "bank: 100000000/min" "$WORK/bench-policy.yaml" || { echo "could not raise lookup_limits" >&2; exit 1; }

cd "$WORK"
STARTS=0
start_hub() {  # (re)starts the hub on the same database; --demo prints fresh keys each time
    STARTS=$((STARTS + 1))
    echo "== starting the hub in $WORK (start $STARTS)"
    "$BIN" serve --demo --port 0 --data-dir ./scamhub-data --demo-dir ./scamhub-demo \
        --policy "$WORK/bench-policy.yaml" > "$WORK/server.$STARTS.out" 2> "$WORK/server.$STARTS.err" &
    SERVER_PID=$!
    for _ in $(seq 600); do
        grep -q "scamhub: listening on" "$WORK/server.$STARTS.out" 2>/dev/null && break
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "the hub exited:" >&2; cat "$WORK/server.$STARTS.err" >&2; exit 1; }
        sleep 0.2
    done
    URL="$(grep -o 'http://[0-9.]*:[0-9]*' "$WORK/server.$STARTS.out" | head -1)"
    key() { awk -v who="$1" '$1 == who { print $3 }' "$WORK/server.$STARTS.out"; }
    BANK_KEY="$(key demo-bank)"; PLATFORM_KEY="$(key demo-platform)"
    [[ -n "$URL" && "$BANK_KEY" == shk_* && "$PLATFORM_KEY" == shk_* ]] || { echo "no URL or keys" >&2; exit 1; }
    echo "hub pid $SERVER_PID at $URL"
}
start_hub

load() { python3 "$LOAD" --url "$URL" --server-pid "$SERVER_PID" --json-out "$RESULTS" "$@"; }
# Each step line expands $URL, $SERVER_PID and the keys when it runs, so they follow a restarted hub.
alive() {  # if the hub died: show why, keep the directory, restart it on the same data and go on
    kill -0 "$SERVER_PID" 2>/dev/null && return 0
    wait "$SERVER_PID" 2>/dev/null && status=0 || status=$?
    echo "!! the hub (pid $SERVER_PID) died during: $1 — exit status $status; its standard error" \
         "(full text in $WORK/server.$STARTS.err):" >&2
    { grep -v '^20[0-9-]*T[0-9:+]* info' "$WORK/server.$STARTS.err" | sed -n '1,/^Platform/p'
      grep -A 12 ' crashed:' "$WORK/server.$STARTS.err"; } 2>/dev/null | head -n 40 >&2 || true
    echo "{\"test\":\"crash\",\"label\":\"$1\",\"status\":$status}" >> "$RESULTS"
    KEEP=1
    start_hub
}
step() {  # step NAME COMMAND…: runs a measurement; a failure is recorded and the run goes on
    local name="$1"; shift
    echo "== $name"
    if ! "$@"; then echo "!! $name failed" >&2; echo "{\"test\":\"failed\",\"label\":\"$name\"}" >> "$RESULTS"; fi
    alive "$name"
}

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

echo "== stopping the hub"
kill -TERM "$SERVER_PID"
for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$SERVER_PID" 2>/dev/null; then echo "!! the hub did not stop within 20 s of SIGTERM" >&2; fi
wait "$SERVER_PID" 2>/dev/null && status=0 || status=$?
echo "hub exit status $status"
SERVER_PID=""

echo
echo "== summary ($(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $BIN)"
python3 "$LOAD" summary "$RESULTS"
cp "$RESULTS" "/tmp/scamhub-bench-results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
