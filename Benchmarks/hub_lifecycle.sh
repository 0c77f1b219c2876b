# The hub's life in a benchmark run, shared by hub_bench.sh, push_bench.sh and check_bench.sh.
# Source it after setting ROOT; then:
#   bench_binary                       BIN: $SCAMHUB_BIN, else the release build (built unless SKIP_BUILD)
#   bench_workdir PREFIX               WORK (a temporary directory, removed at exit unless KEEP) and RESULTS
#   start_hub POLICY [SERVE FLAGS…]    `scamhub serve --demo` in WORK: SERVER_PID, URL, BANK_KEY, PLATFORM_KEY
#   step NAME COMMAND…                 a measurement: a failure is recorded in RESULTS and the run goes on;
#                                      a hub that died meanwhile is reported and restarted on the same data
#   stop_hub                           SIGTERM, and its exit status
# Every swift command goes through `flock /tmp/scamhub-swift.lock` so it never races another build.

bench_binary() {
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
}

bench_workdir() {
    WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
    RESULTS="$WORK/results.jsonl"
    SERVER_PID=""
    trap bench_cleanup EXIT
}

bench_cleanup() {
    if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -z "${KEEP:-}" ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}

STARTS=0
HUB_ARGS=()
start_hub() {  # (re)starts the hub on the same database; --demo prints fresh keys each time
    if (( $# > 0 )); then HUB_ARGS=("$@"); fi
    STARTS=$((STARTS + 1))
    echo "== starting the hub in $WORK (start $STARTS)"
    (cd "$WORK" && exec "$BIN" serve --demo --port 0 --data-dir ./scamhub-data --demo-dir ./scamhub-demo \
        --policy "${HUB_ARGS[@]}" > "$WORK/server.$STARTS.out" 2> "$WORK/server.$STARTS.err") &
    SERVER_PID=$!
    for _ in $(seq 600); do
        grep -q "scamhub: listening on" "$WORK/server.$STARTS.out" 2>/dev/null && break
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "the hub exited:" >&2; cat "$WORK/server.$STARTS.err" >&2; exit 1; }
        sleep 0.2
    done
    URL="$(grep -o 'http://[0-9.]*:[0-9]*' "$WORK/server.$STARTS.out" | head -1)"
    BANK_KEY="$(demo_key demo-bank)"; PLATFORM_KEY="$(demo_key demo-platform)"
    [[ -n "$URL" && "$BANK_KEY" == shk_* && "$PLATFORM_KEY" == shk_* ]] || { echo "no URL or keys" >&2; exit 1; }
    echo "hub pid $SERVER_PID at $URL"
}

demo_key() { awk -v who="$1" '$1 == who { print $3 }' "$WORK/server.$STARTS.out"; }

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

stop_hub() {
    echo "== stopping the hub"
    kill -TERM "$SERVER_PID"
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then echo "!! the hub did not stop within 20 s of SIGTERM" >&2; fi
    wait "$SERVER_PID" 2>/dev/null && status=0 || status=$?
    echo "hub exit status $status"
    SERVER_PID=""
}
