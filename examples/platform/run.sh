#!/usr/bin/env bash
# A platform's trust-and-safety team reports the accounts it banned and the phishing pages it found.
source "$(dirname "$0")/../common.sh"
need PLATFORM_KEY
export SCAMHUB_API_KEY="$PLATFORM_KEY"

step "who am I"
"$SCAMHUB" whoami

step "the day's bans, as a CSV (plaintext stays here: only tokens are sent)"
cat > "$WORK/banned.csv" <<'CSV'
value,kind,category,confidence,narrative
facebook:100012345678901,platform_account,investment_scam,90,"fake ""VIP"" trading group"
telegram:@thai_profit_signals,platform_account,investment_scam,85,
+66 89 999 0000,phone,investment_scam,90,number in the group's bio
https://secure-login.krungthai-verify.example/otp,url,phishing,95,bank OTP phishing page
ftp://files.scam-drop.example/payload,url,phishing,80,
CSV
"$SCAMHUB" publish "$WORK/banned.csv" --key-file "$COMMUNITY_KEY" --kid th-2026-11 --tlp green
echo "rejected rows and why:"; cat "$WORK/banned.csv.rejects.jsonl"

step "takedown feedback: what others did about our reports arrives in our stream (5 seconds here)"
timeout 5 "$SCAMHUB" subscribe --after 0 --cursor-file "$WORK/platform.cursor" | grep '"type":"feedback"' || true
