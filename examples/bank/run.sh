#!/usr/bin/env bash
# A bank's fraud team: keeps its flag list locally, checks payees offline, reports a mule account,
# and tells the reporters what it did.
source "$(dirname "$0")/../common.sh"
need BANK_KEY
export SCAMHUB_API_KEY="$BANK_KEY" SCAMHUB_CACHE="$WORK/bank-flaglist.sqlite"

step "pull the flag list (the whole list the first time, then deltas, the state digest checked)"
"$SCAMHUB" pull

step "check today's payees, offline: exit 0 none flagged, 1 some flagged, 2 could not check"
cat > "$WORK/payees.txt" <<'TXT'
TH:004:1234567890
TH:004:9876543210
TXT
status=0
"$SCAMHUB" check --kind bank_account --key-file "$COMMUNITY_KEY" --file "$WORK/payees.txt" || status=$?
echo "check exit status: $status"

step "report a mule account seen in a fraud case (JSON Lines, hashed here)"
cat > "$WORK/mules.jsonl" <<'JSONL'
{"value": "TH:004:1234567890", "kind": "bank_account", "category": "mule_account", "confidence": 95, "tlp": "green"}
JSONL
"$SCAMHUB" publish "$WORK/mules.jsonl" --key-file "$COMMUNITY_KEY" --kid th-2026-11

step "pull again and check: the account is flagged now"
"$SCAMHUB" pull
status=0
"$SCAMHUB" check --kind bank_account --key-file "$COMMUNITY_KEY" "TH:004:1234567890" || status=$?
echo "check exit status: $status"
[[ $status == 1 ]]

step "tell the platform what we did about the scam number it reported"
"$SCAMHUB" feedback --value "+66 89 999 0000" --kind phone --key-file "$COMMUNITY_KEY" --kid th-2026-11 \
    --disposition blocked
