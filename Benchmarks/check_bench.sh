#!/usr/bin/env bash
# Offline `scamhub check` (issue 7): a 1,000,000-token flag-list cache pulled from a real hub, then
# 1,000,000 payee phone numbers (four written forms) checked against it from a file.
#
#   Benchmarks/check_bench.sh                  # build, fill, pull, 5 timed checks
#   SKIP_BUILD=1 RUNS=3 Benchmarks/check_bench.sh   (SCAMHUB_BIN, KEEP: as in hub_lifecycle.sh)
#
# The hub is `scamhub serve --demo` in a temporary directory; Benchmarks/hub_load.py fills it with
# 1,000,000 random phone tokens (the platform reports them; the bank receives phone flags), then
# 1,000 of the payee numbers are reported for real (hashed with `scamhub hash`), so that every run
# must find exactly 1,000 matches. Every swift command goes through `flock /tmp/scamhub-swift.lock`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOKENS="${TOKENS:-1000000}"
LINES="${LINES:-1000000}"
RUNS="${RUNS:-5}"
source "$ROOT/Benchmarks/hub_lifecycle.sh"
bench_binary
bench_workdir scamhub-check
cd "$WORK"
start_hub "$ROOT/policies/national-anti-scam-centre.yaml"
BANK="$BANK_KEY"; PLATFORM="$PLATFORM_KEY"
echo "== hub $URL (pid $SERVER_PID); filling $TOKENS tokens"
python3 "$ROOT/Benchmarks/hub_load.py" --url "$URL" fill --publish-key "$PLATFORM" --reports "$TOKENS" \
    --batch 1000 --connections 4

echo "== $LINES payee numbers; 1,000 of them reported"
python3 - "$LINES" <<'PY'
import random, sys
rng = random.Random(11)
forms = ["+66 8{} {} {}", "08{}-{}-{}", "+668{}{}{}", "001 66 8{} {} {}"]
with open("payees.txt", "w") as out:
    for i in range(int(sys.argv[1])):
        a, b, c = rng.randint(1, 9), rng.randint(100, 999), rng.randint(1000, 9999)
        out.write(forms[i % 4].format(a, b, c) + "\n")
PY
# The first 1,000 distinct numbers, hashed locally and reported by the platform.
awk '!seen[$0]++ && ++n <= 1000' payees.txt > reported.txt
"$BIN" hash --kind phone --region TH --key-file scamhub-demo/community.key < reported.txt > reported.jsonl
python3 - "$URL" "$PLATFORM" <<'PY'
import json, sys, urllib.request
url, key = sys.argv[1], sys.argv[2]
tokens = sorted({json.loads(line)["token"] for line in open("reported.jsonl")})
reports = [{"token": t, "kid": "th-2026-11", "kind": "phone", "category": "investment_scam",
            "confidence": 90, "tlp": "green"} for t in tokens]
request = urllib.request.Request(url + "/v1/reports", data=json.dumps({"reports": reports}).encode(),
    headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["accepted"], "reports of real payees")
PY
# Lines of the payee file whose number was reported, however written: what every check run must find.
"$BIN" hash --kind phone --region TH --key-file scamhub-demo/community.key < payees.txt > payees.jsonl
EXPECTED="$(python3 -c "import json; r = {json.loads(l)['token'] for l in open('reported.jsonl')}; \
print(sum(1 for l in open('payees.jsonl') if json.loads(l).get('token') in r))")"

echo "== pull (the whole list, then a delta)"
export SCAMHUB_URL="$URL" SCAMHUB_API_KEY="$BANK" SCAMHUB_CACHE="$WORK/flaglist.sqlite"
/usr/bin/time -f "pull: %e s, %M KB" "$BIN" pull
/usr/bin/time -f "pull (delta): %e s, %M KB" "$BIN" pull
ls -l flaglist.sqlite
stop_hub

echo "== check $LINES lines against the cache, offline ($RUNS runs; $EXPECTED lines must match)"
for run in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    status=0
    /usr/bin/time -f "%M" -o rss.txt "$BIN" check --kind phone --region TH --key-file scamhub-demo/community.key \
        --file payees.txt > matches.txt || status=$?
    end=$(date +%s.%N)
    found=$(wc -l < matches.txt)
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'run {sys.argv[5]}: {s:.2f} s = {int(sys.argv[3])/s:,.0f} checks/s, exit {sys.argv[4]}, {sys.argv[6]} matches, peak RSS {int(sys.argv[7])//1024} MiB')" \
        "$start" "$end" "$LINES" "$status" "$run" "$found" "$(tail -1 rss.txt)"
    [[ "$found" == "$EXPECTED" && "$status" == 1 ]] || { echo "!! expected $EXPECTED matches and exit 1" >&2; exit 1; }
done
