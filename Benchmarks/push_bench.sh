#!/usr/bin/env bash
# Push fan-out end to end: builds the release binary, starts `scamhub serve --demo` (plain-http and
# loopback webhooks allowed) in a temporary directory and runs Benchmarks/push_bench.py: Server-Sent
# Events to 1,000 subscribers (then again with stalled readers alongside) and webhook delivery (live,
# then draining a paused backlog). Prints a summary table at the end; every result is also kept as
# JSON lines in $WORK/results.jsonl.
#
#   Benchmarks/push_bench.sh                          # everything, defaults below
#   SUBSCRIBERS=2000 PUBLISHES=400 INTERVAL=0.025 Benchmarks/push_bench.sh
#   STALL=0 Benchmarks/push_bench.sh                  # no second SSE run with stalled readers
#   NO_VERIFY=1 Benchmarks/push_bench.sh              # the webhook receiver skips signature checks
#   SKIP_BUILD=1 Benchmarks/push_bench.sh             # use the existing .build/release/scamhub
#   SCAMHUB_BIN=/path/to/scamhub Benchmarks/push_bench.sh   # no build: measure this binary
#   KEEP=1 Benchmarks/push_bench.sh                   # keep the temporary directory (database, logs)
#
# Needs: python3 (pip install uvloop makes the client cheaper; plain asyncio otherwise). Every swift
# command goes through `flock /tmp/scamhub-swift.lock` so it never races another build on this machine.
# The hub and the client share the machine: read the client CPU figure with the latencies.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/Benchmarks/push_bench.py"
SUBSCRIBERS="${SUBSCRIBERS:-1000}"        # SSE connections
PROCESSES="${PROCESSES:-2}"               # client worker processes holding them
PUBLISHES="${PUBLISHES:-200}"             # publish requests per SSE run
INTERVAL="${INTERVAL:-0.05}"              # seconds between publishes
PUBLISH_BATCH="${PUBLISH_BATCH:-1}"       # reports per publish request
STALL="${STALL:-10}"                      # stalled readers in the second SSE run (0: no second run)
# A stalled reader holds the hub's writes up only once the socket buffers between them are full —
# megabytes on Linux loopback, thousands of ~300-byte events — so the stall run first publishes
# STALL_PREFILL reports to the stalled readers alone; and the hub closes a stalled stream after its
# stall timeout (30 s), so the stall run lasts longer than that (800 × 50 ms = 40 s).
STALL_PREFILL="${STALL_PREFILL:-20000}"
STALL_PUBLISHES="${STALL_PUBLISHES:-800}"
EVENTS="${EVENTS:-100000}"                # reports per webhook phase

source "$ROOT/Benchmarks/hub_lifecycle.sh"
bench_binary

# One descriptor per connection on each side (the hub is started from this shell and inherits it).
NEED=$((SUBSCRIBERS + STALL + 1024))
if (( $(ulimit -n) < NEED )); then
    ulimit -n "$NEED" 2>/dev/null || {
        echo "need $NEED open files, hard limit is $(ulimit -Hn): raise it (limits.conf) or lower SUBSCRIBERS" >&2
        exit 1; }
fi
echo "== open files limit $(ulimit -n); event loop: $(python3 -c 'import uvloop; print("uvloop", uvloop.__version__)' \
    2>/dev/null || echo 'asyncio (pip install uvloop for a cheaper client)')"

bench_workdir scamhub-push
cd "$WORK"
start_hub "$ROOT/policies/national-anti-scam-centre.yaml" --webhook-allow-http --webhook-allow-private

bench() { python3 "$BENCH" --url "$URL" --server-pid "$SERVER_PID" --json-out "$RESULTS" "$@"; }
# Each step line expands $URL, $SERVER_PID and the keys when it runs, so they follow a restarted hub.

sse() {  # sse PUBLISHES [extra push_bench sse options]
    local publishes="$1"; shift
    bench sse --key "$BANK_KEY" --publish-key "$PLATFORM_KEY" --subscribers "$SUBSCRIBERS" \
        --processes "$PROCESSES" --publishes "$publishes" --batch "$PUBLISH_BATCH" --interval "$INTERVAL" "$@"
}
step "sse: $SUBSCRIBERS subscribers" sse "$PUBLISHES"
if (( STALL > 0 )); then
    step "sse: $SUBSCRIBERS subscribers + $STALL stalled readers" sse "$STALL_PUBLISHES" --stall "$STALL" \
        --stall-prefill "$STALL_PREFILL"
fi
verify=(); [[ -n "${NO_VERIFY:-}" ]] && verify=(--no-verify)
step "webhook: $EVENTS events, live and drain" bench webhook --key "$BANK_KEY" --publish-key "$PLATFORM_KEY" \
    --events "$EVENTS" "${verify[@]}"
step "rss at the end" python3 "$ROOT/Benchmarks/hub_load.py" --json-out "$RESULTS" --label end rss --pid "$SERVER_PID"

stop_hub

echo
echo "== summary ($(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $BIN)"
python3 "$BENCH" summary "$RESULTS"
cp "$RESULTS" "/tmp/scamhub-push-results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
