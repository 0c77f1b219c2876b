#!/usr/bin/env python3
"""Writes the flag-list test vectors (docs/flaglist.md, Tests/IndicatorModelTests/Vectors/FlagList/).

A second, independent implementation of docs/flaglist.md using only hashlib and struct, so that
the Swift tests compare against it rather than against their own output:

    entry_hash = SHA-256(b"scamhub-flaglist-v1" 0x00 kid 0x00 list 0x00 token[32])
    digest     = sum(entry_hash as a 256-bit big-endian integer) mod 2**256

plus the binary snapshot `application/vnd.scamhub.flaglist.v1`, and corrupted snapshots with the
error a reader must report for each.

The example tokens are real tokens (docs/tokens.md) of made-up values, each key epoch (kid) with
its own example community key, SHA-256 of "scamhub example community key <kid>".

Run: python3 tools/generate-flaglist-vectors.py [--output PATH]
"""
import argparse
import hashlib
import hmac
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Tests/IndicatorModelTests/Vectors/FlagList/vectors.json"

DOMAIN = b"scamhub-flaglist-v1"
MAGIC = b"SHFL"
VERSION = 1
RECORD_SIZE = 38
NOT_DISCLOSED = 0xFF

# Codes: the position in each type's list below (docs/flaglist.md, "Codes").
KINDS = ["phone", "bank_account", "wallet", "url", "domain", "email", "ip", "platform_account"]
LISTS = ["flag", "allow"]
CATEGORIES = [
    "mule_account", "investment_scam", "romance_scam", "job_recruitment_scam", "impersonation",
    "phishing", "shopping_scam", "loan_scam", "tech_support_scam", "lottery_scam", "sextortion",
    "scam_compound", "other",
]
BANDS = ["low", "medium", "high"]

POLICY_VERSION = "sha256:" + hashlib.sha256(b"scamhub example policy").hexdigest()


def community_key(kid: str) -> bytes:
    return hashlib.sha256(b"scamhub example community key " + kid.encode()).digest()


def token(kid: str, kind: str, canonical: str) -> str:
    message = b"scamhub-token-v1\x00" + kind.encode() + b"\x00" + canonical.encode("utf-8")
    return hmac.new(community_key(kid), message, hashlib.sha256).hexdigest()


def entry_message(key: dict) -> bytes:
    return DOMAIN + b"\x00" + key["kid"].encode() + b"\x00" + key["list"].encode() + b"\x00" + bytes.fromhex(
        key["token"])


def entry_hash(key: dict) -> bytes:
    return hashlib.sha256(entry_message(key)).digest()


def digest_int(keys: list) -> int:
    return sum(int.from_bytes(entry_hash(key), "big") for key in keys) % 2**256


def digest_hex(keys: list) -> str:
    return digest_int(keys).to_bytes(32, "big").hex()


def key_of(entry: dict) -> dict:
    return {"token": entry["token"], "kid": entry["kid"], "list": entry["list"]}


def encode(cursor: int, policy_version: str, entries: list) -> bytes:
    assert 0 <= cursor < 2**63
    assert policy_version.startswith("sha256:") and len(policy_version) == 71
    kids = sorted({entry["kid"].encode() for entry in entries})
    kid_index = {kid: index for index, kid in enumerate(kids)}
    records = []
    for entry in entries:
        record = bytes.fromhex(entry["token"]) + struct.pack(
            ">HBBBB",
            kid_index[entry["kid"].encode()],
            LISTS.index(entry["list"]),
            KINDS.index(entry["kind"]),
            CATEGORIES.index(entry["category"]) if "category" in entry else NOT_DISCLOSED,
            BANDS.index(entry["confidence_band"]) if "confidence_band" in entry else NOT_DISCLOSED,
        )
        assert len(record) == RECORD_SIZE
        records.append(record)
    records.sort(key=lambda record: record[:35])
    assert all(a[:35] < b[:35] for a, b in zip(records, records[1:])), "duplicate entries"
    out = bytearray(MAGIC + bytes([VERSION, 0, 0, 0]))
    out += struct.pack(">Q", cursor)
    out += bytes.fromhex(policy_version[len("sha256:"):])
    out += struct.pack(">H", len(kids))
    for kid in kids:
        out += struct.pack(">B", len(kid)) + kid
    out += struct.pack(">Q", len(records))
    for record in records:
        out += record
    out += bytes.fromhex(digest_hex([key_of(entry) for entry in entries]))
    return bytes(out)


def sorted_entries(entries: list) -> list:
    """The entries in snapshot order, as a reader returns them."""
    kids = sorted({entry["kid"].encode() for entry in entries})
    return sorted(entries, key=lambda e: (bytes.fromhex(e["token"]), kids.index(e["kid"].encode()),
                                          LISTS.index(e["list"])))


def entry(kid, kind, canonical, listing, category=None, band=None) -> dict:
    value = {"token": token(kid, kind, canonical), "kid": kid, "kind": kind, "list": listing}
    if category is not None:
        value["category"] = category
    if band is not None:
        value["confidence_band"] = band
    return value


# The worked example of docs/flaglist.md: two key epochs, both lists, one entry without disclosures.
THREE = [
    entry("tha-2026-11", "phone", "+66812345678", "flag", "impersonation", "high"),
    entry("tha-2026-11", "bank_account", "TH:004:1234567890", "flag", "mule_account", "medium"),
    entry("tha-2026-05", "phone", "+6622701122", "allow"),
]

# The same token on both lists, and the same value under two key epochs (different tokens).
CONFLICT_TOKEN_KID = "tha-2026-11"
CONFLICT = [
    entry(CONFLICT_TOKEN_KID, "domain", "bank.example", "flag", "phishing", "low"),
    entry(CONFLICT_TOKEN_KID, "domain", "bank.example", "allow", None, "high"),
    entry(CONFLICT_TOKEN_KID, "wallet", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "flag", "investment_scam"),
    entry("tha-2026-05", "wallet", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "flag", "investment_scam"),
    entry("A.b_c-9", "platform_account", "telegram:scam_support_bot", "flag", "other", "medium"),
    entry(CONFLICT_TOKEN_KID, "url", "http://evil.example/login", "flag", "phishing", "high"),
    entry(CONFLICT_TOKEN_KID, "ip", "192.0.2.1", "flag", "tech_support_scam", "low"),
    entry(CONFLICT_TOKEN_KID, "email", "user@bank.example", "allow"),
]

# Forty keys: their hashes sum far past 2**256, so the sum wraps and every limb carries.
WRAPAROUND = [
    {"token": hashlib.sha256(b"wraparound %d" % n).hexdigest(), "kid": "k", "list": LISTS[n % 2]}
    for n in range(40)
]


def corruptions(valid: bytes) -> list:
    """Corrupted copies of the THREE snapshot, each with the one error a reader reports first."""
    kids_end = 50 + (1 + len("tha-2026-05")) * 2
    entries_at = kids_end + 8

    def at(offset: int, value: bytes) -> bytes:
        return valid[:offset] + value + valid[offset + len(value):]

    def record(index: int) -> int:
        return entries_at + index * RECORD_SIZE

    swapped = bytearray(valid)
    swapped[record(0):record(2)] = valid[record(1):record(2)] + valid[record(0):record(1)]
    duplicated = bytearray(valid)
    duplicated[record(1):record(2)] = valid[record(0):record(1)]
    # Replacing the last entry's token with all ones keeps the order but changes the digest.
    last_token = at(record(2), b"\xff" * 32)
    stated = valid[-32:].hex()
    computed_last = digest_hex([key_of(e) for e in sorted_entries(THREE)[:2]] + [
        {"token": "ff" * 32, "kid": sorted_entries(THREE)[2]["kid"], "list": sorted_entries(THREE)[2]["list"]}])
    cases = [
        ("wrong magic", at(0, b"SHFX"), {"case": "not_a_snapshot"}),
        ("JSON instead of binary", b'{"entries":[]}', {"case": "not_a_snapshot"}),
        ("version 2", at(4, b"\x02"), {"case": "unsupported_version", "version": 2}),
        ("reserved byte set", at(7, b"\x01"), {"case": "reserved_bytes_not_zero"}),
        ("cursor above 2^63-1", at(8, b"\x80"), {"case": "cursor_out_of_range", "cursor": str(
            int.from_bytes(b"\x80" + valid[9:16], "big"))}),
        ("cut inside the header", valid[:20], {"case": "truncated", "length": 20, "needed": 50}),
        ("cut inside the key-id table", valid[:55], {"case": "truncated", "length": 55, "needed": 62}),
        ("cut before the entry count", valid[:kids_end + 3],
         {"case": "truncated", "length": kids_end + 3, "needed": kids_end + 8}),
        ("empty key id", valid[:48] + b"\x00\x01\x00" + valid[kids_end:],
         {"case": "invalid_key_id", "index": 0, "reason": "empty"}),
        ("key id with a slash", at(51 + 4, b"/"), {"case": "invalid_key_id", "index": 0,
                                                   "reason": "disallowed_character"}),
        ("key-id table out of order", at(50, valid[62:74] + valid[50:62]),
         {"case": "key_id_table_not_sorted", "index": 1}),
        ("one entry more than present", at(kids_end, struct.pack(">Q", 4)),
         {"case": "length_mismatch", "entry_count": "4", "bytes_following": 3 * RECORD_SIZE + 32}),
        ("huge entry count", at(kids_end, b"\xff" * 8),
         {"case": "length_mismatch", "entry_count": str(2**64 - 1), "bytes_following": 3 * RECORD_SIZE + 32}),
        ("a trailing byte", valid + b"\x00",
         {"case": "length_mismatch", "entry_count": "3", "bytes_following": 3 * RECORD_SIZE + 33}),
        ("key-id index out of range", at(record(1) + 32, b"\x00\x02"),
         {"case": "key_id_index_out_of_range", "entry": 1, "index": 2, "table_count": 2}),
        ("unknown list code", at(record(0) + 34, b"\x02"),
         {"case": "unknown_code", "field": "list", "code": 2, "entry": 0}),
        ("unknown kind code", at(record(1) + 35, b"\x08"),
         {"case": "unknown_code", "field": "kind", "code": 8, "entry": 1}),
        ("unknown category code", at(record(2) + 36, b"\x0d"),
         {"case": "unknown_code", "field": "category", "code": 13, "entry": 2}),
        ("unknown confidence band code", at(record(0) + 37, b"\x03"),
         {"case": "unknown_code", "field": "confidence_band", "code": 3, "entry": 0}),
        ("two entries swapped", bytes(swapped), {"case": "entries_out_of_order", "entry": 1}),
        ("an entry twice", bytes(duplicated), {"case": "duplicate_entry", "entry": 1}),
        ("a token altered", last_token, {"case": "digest_mismatch", "stated": stated, "computed": computed_last}),
        ("digest altered", valid[:-1] + bytes([valid[-1] ^ 1]), {
            "case": "digest_mismatch", "stated": (valid[:-1] + bytes([valid[-1] ^ 1]))[-32:].hex(),
            "computed": stated}),
    ]
    return [{"name": name, "hex": data.hex(), "error": error} for name, data, error in cases]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output

    three_keys = [key_of(e) for e in THREE]
    assert sum(int.from_bytes(entry_hash(k), "big") for k in WRAPAROUND) > 4 * 2**256
    three_snapshot = encode(1234, POLICY_VERSION, THREE)
    assert three_snapshot[:4] == MAGIC and len(three_snapshot) == 50 + 24 + 8 + 3 * RECORD_SIZE + 32
    document = {
        "source": "tools/generate-flaglist-vectors.py (Python hashlib + struct)",
        "domain_separator": DOMAIN.decode(),
        "codes": {"kind": KINDS, "list": LISTS, "category": CATEGORIES, "confidence_band": BANDS},
        "entry_hashes": [
            {**key, "message_hex": entry_message(key).hex(), "entry_hash": entry_hash(key).hex()}
            for key in three_keys + [key_of(e) for e in CONFLICT]
        ],
        "digests": [
            {"name": "empty", "keys": [], "digest": "0" * 64},
            {"name": "one", "keys": three_keys[:1], "digest": digest_hex(three_keys[:1])},
            {"name": "three", "keys": three_keys, "digest": digest_hex(three_keys)},
            {"name": "conflict", "keys": [key_of(e) for e in CONFLICT],
             "digest": digest_hex([key_of(e) for e in CONFLICT])},
            {"name": "wraparound", "keys": WRAPAROUND, "digest": digest_hex(WRAPAROUND)},
        ],
        "snapshots": [
            {"name": name, "cursor": cursor, "policy_version": POLICY_VERSION,
             "entries": sorted_entries(entries), "digest": digest_hex([key_of(e) for e in entries]),
             "hex": encode(cursor, POLICY_VERSION, entries).hex()}
            for name, cursor, entries in [
                ("empty", 0, []),
                ("three", 1234, THREE),
                ("conflict", 2**63 - 1, CONFLICT),
            ]
        ],
        "corruptions": corruptions(three_snapshot),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=1) + "\n")
    print(f"wrote {len(document['digests'])} digests, {len(document['snapshots'])} snapshots and "
          f"{len(document['corruptions'])} corruptions to {output}")


if __name__ == "__main__":
    main()
