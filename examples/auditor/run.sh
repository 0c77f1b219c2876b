#!/usr/bin/env bash
# An auditor: exports the hub's audit log, verifies it offline, and asks who received a number.
source "$(dirname "$0")/../common.sh"
need AUDITOR_KEY
export SCAMHUB_API_KEY="$AUDITOR_KEY"
cd "$WORK"

step "the hub's public key (save it once; later exports verify against it)"
"$SCAMHUB" audit public-key -o hub.pub

step "export the log with its signed checkpoints, and verify it offline"
"$SCAMHUB" audit export -o log.jsonl --checkpoints checkpoints.json
"$SCAMHUB" audit verify --export log.jsonl --public-key hub.pub --checkpoint checkpoints.json

step "who received the mule account? (hashed here: only the token is sent)"
"$SCAMHUB" audit recipients --value "TH:004:1234567890" --kind bank_account --key-file "$COMMUNITY_KEY"
