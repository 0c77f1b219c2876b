#!/usr/bin/env bash
# A police cyber unit: follows the alerts for its jurisdiction and publishes a case indicator.
source "$(dirname "$0")/../common.sh"
need POLICE_KEY
export SCAMHUB_API_KEY="$POLICE_KEY"

step "a subscription for mule accounts and scam phones (read it live with scamhub subscribe)"
"$SCAMHUB" subscriptions create --name th-alerts --kind bank_account --kind phone

step "everything so far that the policy lets the police see, as JSON Lines"
timeout 10 "$SCAMHUB" subscribe --after 0 --count 2 --cursor-file "$WORK/police.cursor" | cut -c1-200 || true

step "publish a number from a case file (TLP red: for the named organisations only), with the alert stream open"
timeout 20 "$SCAMHUB" subscribe --count 1 > "$WORK/alert.jsonl" &   # from now on
stream=$!
sleep 1
cat > "$WORK/case.csv" <<'CSV'
value,kind,category,confidence,tlp,recipients,narrative
081 234 5678,phone,scam_compound,100,red,demo-bank;demo-telco,"case 2026/114: compound call centre"
CSV
"$SCAMHUB" publish "$WORK/case.csv" --key-file "$COMMUNITY_KEY" --kid th-2026-11 --region TH
wait "$stream"
echo "the alert:"; cut -c1-200 "$WORK/alert.jsonl"
