#!/usr/bin/env bash
# A/B of two scamhub binaries on the same machine, alternating, with a short hub_bench.sh run each:
# ingest (2 × 100,000 reports in batches of 1,000 from 50,000 live), a 10,000-change delta and
# 10 s of one-token lookups. Used to measure what a change costs (e.g. the audit trail, issue 5).
#
#   Benchmarks/ab_bench.sh OLD_BINARY NEW_BINARY [ROUNDS]
#
# Prints each run's summary lines tagged A or B; the medians are left to the reader (BENCHMARKS.md).
set -euo pipefail
A="$1"; B="$2"; ROUNDS="${3:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for round in $(seq "$ROUNDS"); do
    for side in A B; do
        bin="$A"; [[ "$side" == B ]] && bin="$B"
        echo "== round $round, $side ($bin)"
        SCAMHUB_BIN="$bin" SMALL_LIVE=50000 INGEST_RUNS=2 INGEST_REPORTS=100000 TOTAL_LIVE=0 SNAPSHOT_RUNS=1 \
            DELTA_RUNS=1 LOOKUP_RUNS=1 LOOKUP_DURATION=10s "$ROOT/Benchmarks/hub_bench.sh" 2>&1 \
            | grep -E '^(ingest run|ingest median|delta|lookup run|lookup median|lookup 1 token)' | sed "s/^/$side: /"
    done
done
