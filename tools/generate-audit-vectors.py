#!/usr/bin/env python3
"""Writes the audit-log test vectors (docs/audit.md, Tests/IndicatorModelTests/Vectors/Audit/).

A second, independent implementation of docs/audit.md using only hashlib, json, base64 and
pycryptodome's Ed25519 (RFC 8032), so that the Swift tests compare against it rather than against
their own output:

    canonical(entry) = RFC 8785 (JCS) of the entry's 12 members
    hash(0)          = 32 zero bytes
    hash(n)          = SHA-256(hash(n-1) || canonical(entry n))
    export line      = canonical(entry + {"hash": hash(n), "prev_hash": hash(n-1)})
    checkpoint       = Ed25519 over "scamhub-audit-checkpoint/v1\\nsize S\\nhead H\\nat A\\n"

Twelve entries of one chain from seq 1, their export lines, checkpoints of sizes 4, 8 and 12, and
tampered exports with the first error a verifier must report for each, checked here against
tools/verify-audit-export.py.

The example signing key is the Ed25519 key whose seed is SHA-256 of "scamhub example audit signing
key"; the forger's key, SHA-256 of "scamhub example forged audit signing key".

Run: python3 tools/generate-audit-vectors.py [--output PATH]
"""
import argparse
import base64
import hashlib
import importlib.util
import json
import pathlib
import sys

import Crypto
from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa

PYCRYPTODOME_VERSION = "4.4.0"
if Crypto.__version__ != PYCRYPTODOME_VERSION:
    sys.exit(f"expected pycryptodome {PYCRYPTODOME_VERSION}, found {Crypto.__version__}; "
             f"pip install pycryptodome=={PYCRYPTODOME_VERSION}")

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Tests/IndicatorModelTests/Vectors/Audit/vectors.json"

CHECKPOINT_DOMAIN = "scamhub-audit-checkpoint/v1"
ZERO_HASH = bytes(32)
MEMBERS = ["seq", "at", "actor", "key_id", "action", "resource", "outcome", "status", "request_id",
           "policy_version", "delivered", "count"]

SEED = hashlib.sha256(b"scamhub example audit signing key").digest()
FORGED_SEED = hashlib.sha256(b"scamhub example forged audit signing key").digest()
POLICY_VERSION = "sha256:" + hashlib.sha256(b"scamhub example policy").hexdigest()

# Participants of the demo community and the public ids of their API keys.
KEYS = {participant: hashlib.sha256(b"scamhub example api key " + participant.encode()).hexdigest()[:16]
        for participant in ["demo-bank", "demo-platform", "demo-telco", "demo-police", "demo-auditor",
                            "demo-operator"]}

# An unknown route's path is whatever the caller sent: the one place an entry carries arbitrary text.
# This one holds every character RFC 8785 escapes by name or by \\u00xx, and some it writes as itself:
# '/' (never escaped), U+007F and non-ASCII (raw UTF-8, an emoji outside the BMP included).
STRANGE_PATH = '/v1/../admin/"quoted"\\back\\slash\nnewline\ttab\x01\x1f\x7f/café/中文/🦊?q=a/b'
# And the other control characters: U+0000, \b, \f, \r; U+2028, U+2029 and U+FEFF (raw in RFC 8785,
# escaped by some JSON encoders), and an 'e' with a combining accent (no Unicode normalization).
STRANGER_PATH = "/v1/reports/\x00\x08\x0c\r\u2028\u2029\ufeffe\u0301%2F..%5C"


def entry(seq, at, actor, action, outcome, status, request_id, resource=None, policy_version=None,
          delivered=None, count=None, key_id="of actor") -> dict:
    value = {
        "seq": seq, "at": at, "actor": actor, "key_id": KEYS.get(actor) if key_id == "of actor" else key_id,
        "action": action, "resource": resource, "outcome": outcome, "status": status,
        "request_id": request_id, "policy_version": policy_version, "delivered": delivered, "count": count,
    }
    assert list(value) == MEMBERS
    return value


ENTRIES = [
    entry(1, "2026-11-26T01:57:36.123456Z", "demo-bank", "reports.publish", "success", 200, "6f1c2a9e3b7d4c10",
          policy_version=POLICY_VERSION, delivered="1-1000", count=1000),
    entry(2, "2026-11-26T01:57:36.500000Z", "demo-platform", "flaglist.changes", "success", 200,
          "6f1c2a9e3b7d4c11", resource="flag-list", policy_version=POLICY_VERSION, delivered="1001-1250",
          count=250),
    entry(3, "2026-11-26T01:57:37.000001Z", "demo-telco", "flaglist.snapshot", "success", 200, "6f1c2a9e3b7d4c12",
          resource="flag-list", policy_version=POLICY_VERSION, delivered="1-1250", count=1250),
    entry(4, "2026-11-26T01:57:38.010203Z", "demo-police", "lookup", "success", 200, "6f1c2a9e3b7d4c13",
          policy_version=POLICY_VERSION, delivered="5-9,12,40-41", count=8),
    # No Authorization header: nobody to name.
    entry(5, "2026-11-26T01:57:39.999999Z", None, "feed.read", "refused", 401, "6f1c2a9e3b7d4c14"),
    # An auditor's key has no publish scope.
    entry(6, "2026-11-26T01:57:40.000000Z", "demo-auditor", "reports.publish", "refused", 403, "6f1c2a9e3b7d4c15"),
    entry(7, "2026-11-26T01:57:40.000100Z", "demo-platform", "lookup", "refused", 429, "6f1c2a9e3b7d4c16"),
    entry(8, "2026-11-26T01:57:41.250000Z", None, "route.unknown", "refused", 404, "6f1c2a9e3b7d4c17",
          resource=STRANGE_PATH),
    # A lookup that found nothing delivers nothing: count 0, delivered null.
    entry(9, "2026-11-26T01:57:42.345678Z", "demo-bank", "lookup", "success", 200, "6f1c2a9e3b7d4c18",
          policy_version=POLICY_VERSION, count=0),
    # The largest integer RFC 8785 carries exactly (2^53 - 1) in a sequence set and a count: not a
    # realistic feed page, a boundary.
    entry(10, "2026-11-26T01:57:43.000000Z", "demo-telco", "feed.read", "success", 200, "6f1c2a9e3b7d4c19",
          policy_version=POLICY_VERSION, delivered="1-9007199254740991", count=9007199254740991),
    entry(11, "2026-11-26T01:57:44.777777Z", None, "route.unknown", "refused", 404, "6f1c2a9e3b7d4c1a",
          resource=STRANGER_PATH),
    entry(12, "2026-11-26T01:57:59.000009Z", "demo-operator", "reports.publish", "failed", 500, "6f1c2a9e3b7d4c1b",
          policy_version=POLICY_VERSION),
]
CHECKPOINTS = [(4, "2026-11-26T01:57:38.500000Z"), (8, "2026-11-26T01:57:42.000000Z"),
               (12, "2026-11-26T01:58:00.000000Z")]

SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def jcs(value) -> str:
    """RFC 8785 written out by hand for strings, integers below 2^53, null and objects of them."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        raise TypeError("no booleans in audit entries")
    if isinstance(value, int):
        assert abs(value) < 2**53
        return str(value)
    if isinstance(value, str):
        return '"' + "".join(SHORT_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c)
                             for c in value) + '"'
    if isinstance(value, dict):
        names = sorted(value, key=lambda name: name.encode("utf-16-be"))  # RFC 8785 sorts by UTF-16 units
        return "{" + ",".join(jcs(name) + ":" + jcs(value[name]) for name in names) + "}"
    raise TypeError(f"no {type(value).__name__} in audit entries")


def canonical(value: dict) -> str:
    text = jcs(value)
    # docs/audit.md: Python's json.dumps produces exactly this for entries.
    assert text == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text


def chain(entries: list, start: bytes = ZERO_HASH) -> list:
    """[(prev_hash, hash)] for entries following a log whose last hash is start."""
    links = []
    previous = start
    for value in entries:
        current = hashlib.sha256(previous + canonical(value).encode("utf-8")).digest()
        links.append((previous, current))
        previous = current
    return links


def line(value: dict, link: tuple) -> str:
    return canonical({**value, "hash": link[1].hex(), "prev_hash": link[0].hex()})


def signing_key(seed: bytes):
    return ECC.construct(curve="Ed25519", seed=seed)


def public_key_raw(seed: bytes) -> bytes:
    return signing_key(seed).public_key().export_key(format="raw")


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:8].hex()


def checkpoint_message(size: int, head: str, at: str) -> str:
    return f"{CHECKPOINT_DOMAIN}\nsize {size}\nhead {head}\nat {at}\n"


def checkpoint(size: int, head: str, at: str, seed: bytes = SEED, claimed_key_id: str = None) -> dict:
    """A checkpoint signed with seed's key over head as written, naming claimed_key_id or that key's id."""
    signature = eddsa.new(signing_key(seed), "rfc8032").sign(checkpoint_message(size, head, at).encode("utf-8"))
    return {"size": size, "head": head, "at": at, "key_id": claimed_key_id or key_id(public_key_raw(seed)),
            "signature": base64.b64encode(signature).decode()}


def load_verifier():
    path = pathlib.Path(__file__).resolve().parent / "verify-audit-export.py"
    spec = importlib.util.spec_from_file_location("verify_audit_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tampered(entries: list, links: list, lines: list, good: list) -> list:
    """Tampered exports built from the good lines, each with the first error a verifier reports."""
    hub_key_id = key_id(public_key_raw(SEED))
    heads = {seq: link[1] for seq, link in zip(range(1, len(links) + 1), links)}
    at_of = dict(CHECKPOINTS)

    def edited(seq: int, **changes) -> dict:
        return {**entries[seq - 1], **changes}

    def replaced(seq: int, old: str, new: str) -> list:
        """The lines with text in entry seq's line replaced, hashes untouched."""
        assert old in lines[seq - 1]
        return lines[:seq - 1] + [lines[seq - 1].replace(old, new)] + lines[seq:]

    # Entry 5's actor written in, its hash left as it was.
    edited_field = list(lines)
    edited_field[4] = line(edited(5, actor="demo-police"), links[4])

    # Entry 3's actor changed and the chain recomputed from there: consistent, but not what was signed.
    forged_entries = entries[:2] + [edited(3, actor="demo-bank", key_id=KEYS["demo-bank"])] + entries[3:]
    forged_links = chain(forged_entries)
    rehashed = [line(value, link) for value, link in zip(forged_entries, forged_links)]
    forged_checkpoints = [checkpoint(size, forged_links[size - 1][1].hex(), at, FORGED_SEED, hub_key_id)
                          for size, at in CHECKPOINTS]

    # Entry 5 edited and its own hash recomputed; entry 6 still points at the old one.
    one_rehashed = list(lines)
    new_five = edited(5, action="flaglist.snapshot", outcome="success", status=200)
    one_rehashed[4] = line(new_five, chain([new_five], links[4][0])[0])

    genesis = list(lines)
    genesis[0] = line(entries[0], (hashlib.sha256(b"an earlier log").digest(), links[0][1]))

    # Lines 5-12, with entry 5 moved under a different start and everything from it rehashed.
    moved_links = chain(entries[4:], hashlib.sha256(b"another log").digest())
    pruned_forged = [line(value, link) for value, link in zip(entries[4:], moved_links)]

    flipped = dict(good[1])
    signature = bytearray(base64.b64decode(flipped["signature"]))
    signature[0] ^= 0x01
    flipped["signature"] = base64.b64encode(bytes(signature)).decode()
    head_moved = dict(good[0], head=heads[3].hex())
    other_key = checkpoint(4, heads[4].hex(), at_of[4], FORGED_SEED)

    # A checkpoint the hub's key signed, but whose head is not written in lowercase hex.
    upper_head = checkpoint(8, heads[8].hex().upper(), at_of[8])

    cases = [
        ("edited field", edited_field, good, ("altered", 5)),
        ("deleted entry", lines[:4] + lines[5:], good, ("missing", 5)),
        ("reordered entries", lines[:4] + [lines[5], lines[4]] + lines[6:], good, ("missing", 5)),
        ("duplicated entry", lines[:6] + [lines[5]] + lines[6:], good, ("out-of-order", 7)),
        ("truncated tail", lines[:9], good, ("truncated", 10)),
        ("re-hashed forgery", rehashed, good, ("checkpoint-mismatch", 4)),
        ("re-hashed forgery, checkpoints in another order", rehashed, [good[2], good[0], good[1]],
         ("checkpoint-mismatch", 4)),
        ("forged checkpoints", rehashed, forged_checkpoints, ("bad-signature", 4)),
        ("checkpoint signed by another key", lines, [other_key] + good[1:], ("bad-signature", 4)),
        ("checkpoint signature altered", lines, [good[0], flipped, good[2]], ("bad-signature", 8)),
        ("checkpoint head altered", lines, [head_moved] + good[1:], ("bad-signature", 4)),
        ("edited and re-hashed one line", one_rehashed, good, ("broken-link", 6)),
        ("not json", lines[:6] + ['{"seq":7,'] + lines[7:], good, ("malformed", 7)),
        ("unexpected member", replaced(9, '"action":', '"reason":"none","action":'), good, ("malformed", 9)),
        ("status as a string", replaced(3, '"status":200', '"status":"200"'), good, ("malformed", 3)),
        ("time without six fractional digits", replaced(6, '.000000Z"', 'Z"'), good, ("malformed", 6)),
        ("time on a day that does not exist", replaced(6, '"at":"2026-11-26', '"at":"2026-02-29'), good,
         ("malformed", 6)),
        ("unknown outcome", replaced(7, '"outcome":"refused"', '"outcome":"rate-limited"'), good, ("malformed", 7)),
        ("delivered not canonical", replaced(4, '"5-9,12,40-41"', '"5-9,10,40-41"'), good, ("malformed", 4)),
        ("first line not json", ['{"seq":1,'] + lines[1:], good, ("malformed", 1)),
        ("pruned export, first line not json", ['{"seq":5,'] + lines[5:], good, ("malformed", 1)),
        ("checkpoint head in uppercase", lines, [good[0], upper_head, good[2]], ("bad-signature", 8)),
        ("genesis not zero", genesis, good, ("broken-link", 1)),
        ("empty export", [], good, ("truncated", 1)),
        ("pruned export anchored", lines[4:], good, None),
        ("pruned export, no anchor given", lines[4:], good[1:], None),
        ("pruned export re-hashed from its first line", pruned_forged, good, ("checkpoint-mismatch", 4)),
        ("no checkpoints", lines, [], None),
    ]
    return [{"name": name, "lines": case_lines, "checkpoints": case_checkpoints,
             "error": None if error is None else {"kind": error[0], "entry": error[1]}}
            for name, case_lines, case_checkpoints, error in cases]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output

    assert [value["seq"] for value in ENTRIES] == list(range(1, len(ENTRIES) + 1))
    assert all(len(value["at"]) == 27 and value["at"][19] == "." and value["at"].endswith("Z") for value in ENTRIES)
    links = chain(ENTRIES)
    lines = [line(value, link) for value, link in zip(ENTRIES, links)]
    for expected in ['\\"quoted\\"', "\\\\back\\\\slash", "\\nnewline", "\\ttab", "\\u0001", "\\u001f", "\x7f",
                     "café/中文/🦊?q=a/b", "\\u0000\\b\\f\\r\u2028\u2029\ufeffe\u0301"]:
        assert any(expected in text for text in lines), expected

    public_key = public_key_raw(SEED)
    good = [checkpoint(size, links[size - 1][1].hex(), at) for size, at in CHECKPOINTS]
    pem = signing_key(SEED).public_key().export_key(format="PEM")

    verifier = load_verifier()
    assert verifier.key_id(public_key) == key_id(public_key)
    assert verifier.verify([text.encode() for text in lines], public_key, good)["last"] == len(ENTRIES)
    cases = tampered(ENTRIES, links, lines, good)
    for case in cases:
        try:
            verifier.verify([text.encode() for text in case["lines"]], public_key, case["checkpoints"])
            found = None
        except verifier.VerificationError as error:
            found = {"kind": error.kind, "entry": error.entry}
        assert found == case["error"], f"{case['name']}: expected {case['error']}, the verifier found {found}"

    document = {
        "source": "tools/generate-audit-vectors.py (docs/audit.md)",
        "signing_key": {"seed": base64.b64encode(SEED).decode(), "public_key": base64.b64encode(public_key).decode(),
                        "key_id": key_id(public_key), "pem": pem},
        "entries": [
            {"entry": value, "canonical": canonical(value), "prev_hash": link[0].hex(), "hash": link[1].hex(),
             "line": text}
            for value, link, text in zip(ENTRIES, links, lines)
        ],
        "checkpoints": [
            {**value, "message": checkpoint_message(value["size"], value["head"], value["at"]),
             "json": canonical(value)}
            for value in good
        ],
        "tampered": cases,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(document['entries'])} entries, {len(document['checkpoints'])} checkpoints and "
          f"{len(cases)} tampered exports to {output}")


if __name__ == "__main__":
    main()
