#!/usr/bin/env python3
"""Writes a realistic audit export of N entries (docs/audit.md) for timing `scamhub audit verify`.

The entries mimic a busy hub: publishes of 1,000 reports, flag-list deltas and snapshots, lookups
with scattered sequence sets, 401/403/429 refusals. Every 1,000 entries a checkpoint is signed with
a throw-away Ed25519 key. Writes EXPORT.jsonl, EXPORT.checkpoints.json and EXPORT.pub.

Run: python3 Benchmarks/make_audit_export.py --entries 1000000 --output /tmp/audit-1m
"""
import argparse
import base64
import hashlib
import json
import random

from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa


def canonical(entry):
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def at(microseconds):
    seconds, fraction = divmod(microseconds, 1_000_000)
    import datetime
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % fraction


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--output", required=True)
    parser.add_argument("--checkpoint-every", type=int, default=1_000)
    arguments = parser.parse_args()
    random.seed(7)
    key = ECC.generate(curve="ed25519")
    signer = eddsa.new(key, "rfc8032")
    raw = key.public_key().export_key(format="raw")
    key_id = hashlib.sha256(raw).digest()[:8].hex()
    policy = "sha256:" + hashlib.sha256(b"policy").hexdigest()
    participants = ["bank-%02d" % n for n in range(40)] + ["platform-%02d" % n for n in range(10)]
    previous = bytes(32)
    sequence = 0
    time = 1_790_000_000_000_000
    checkpoints = []
    with open(arguments.output + ".jsonl", "w", encoding="utf-8") as out:
        for seq in range(1, arguments.entries + 1):
            time += random.randrange(1, 20_000)
            actor = random.choice(participants)
            roll = random.random()
            entry = {"seq": seq, "at": at(time), "actor": actor, "key_id": "%016x" % random.getrandbits(64),
                     "resource": None, "outcome": "success", "status": 200,
                     "request_id": "%032x" % random.getrandbits(128), "policy_version": policy,
                     "delivered": None, "count": None, "action": "flaglist.changes"}
            if roll < 0.2:
                entry.update(action="reports.publish", delivered="%d-%d" % (sequence + 1, sequence + 1000), count=1000)
                sequence += 1000
            elif sequence == 0:
                pass
            elif roll < 0.7:
                start = max(1, sequence - random.randrange(1, 5000))
                entry.update(action="flaglist.changes", delivered="%d-%d" % (start, sequence), count=sequence - start + 1)
            elif roll < 0.72:
                entry.update(action="flaglist.snapshot", resource="flag-list", delivered="1-%d" % sequence,
                             count=sequence // 3)
            elif roll < 0.95:
                picks = sorted(random.sample(range(1, sequence + 1), min(3, sequence))) if sequence else []
                entry.update(action="lookup", delivered=",".join(map(str, picks)) or None, count=len(picks))
            else:
                entry.update(actor=None, outcome="refused", status=random.choice([401, 403, 429]), action="lookup")
            digest = hashlib.sha256(previous + canonical(entry)).digest()
            line = dict(entry, hash=digest.hex(), prev_hash=previous.hex())
            out.write(json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")
            previous = digest
            if seq % arguments.checkpoint_every == 0 or seq == arguments.entries:
                stamp = at(time + 1)
                message = "scamhub-audit-checkpoint/v1\nsize %d\nhead %s\nat %s\n" % (seq, digest.hex(), stamp)
                checkpoints.append({"size": seq, "head": digest.hex(), "at": stamp, "key_id": key_id,
                                    "signature": base64.b64encode(signer.sign(message.encode())).decode()})
    with open(arguments.output + ".checkpoints.json", "w") as out:
        json.dump({"checkpoints": checkpoints}, out)
    with open(arguments.output + ".pub", "w") as out:
        json.dump({"algorithm": "Ed25519", "key_id": key_id, "public_key": base64.b64encode(raw).decode()}, out)


if __name__ == "__main__":
    main()
