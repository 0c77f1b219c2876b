#!/usr/bin/env python3
"""Verifies a scamhub audit-log export against the hub's public key and its signed checkpoints.

Stand-alone (Python 3 and pycryptodome), following docs/audit.md, "Verifying":

  1. The chain. Each line of the export is an entry with its `hash` and `prev_hash`. The entries must
     be numbered without gaps, each `prev_hash` must be the previous line's hash (32 zero bytes
     before entry 1), and each hash must be SHA-256(prev_hash || canonical entry).
  2. The checkpoints, by ascending size. Each must be signed by the hub's key, must not claim more
     entries than the export holds, and its head must be the hash the export gives entry `size`.

The first error found is printed as "entry N: <kind>: <explanation>".

Run:
    python3 tools/verify-audit-export.py --export audit.jsonl --public-key key.json [--checkpoint FILE ...]

The key file is the answer of GET /v1/audit/public-key, a PEM, or the base64 of the 32 raw bytes. A
checkpoint file holds one checkpoint object, a JSON array of them, the answer of
GET /v1/audit/checkpoints ({"checkpoints": [...]}) or one checkpoint per line.
Exits 0 when everything verifies, 1 on the first error, 2 when a file cannot be read.
"""
import argparse
import base64
import binascii
import hashlib
import json
import re
import sys

from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa

ZERO_HASH = "0" * 64
MAX_INTEGER = 2**53 - 1  # every integer of an entry is below 2^53, so that RFC 8785 carries it exactly

# The members of an export line and what each must be (docs/audit.md, "Entries" and "Export").
ENTRY_MEMBERS = {
    "seq": "integer", "at": "string", "actor": "string or null", "key_id": "string or null",
    "action": "string", "resource": "string or null", "outcome": "string", "status": "integer or null",
    "request_id": "string or null", "policy_version": "string or null", "delivered": "string or null",
    "count": "integer or null",
}
LINE_MEMBERS = {**ENTRY_MEMBERS, "hash": "64 lowercase hex", "prev_hash": "64 lowercase hex"}
OUTCOMES = {"success", "refused", "failed"}
CHECKPOINT_MEMBERS = {"size", "head", "at", "key_id", "signature"}


class VerificationError(Exception):
    """The first thing that does not verify: `kind` and the entry number it concerns."""

    def __init__(self, kind: str, entry: int, explanation: str):
        super().__init__(f"entry {entry}: {kind}: {explanation}")
        self.kind = kind
        self.entry = entry


class InputError(Exception):
    """A file that is not what it should be: not an export line problem, but an unusable input."""


def canonical(value: dict) -> bytes:
    """RFC 8785 for objects of strings, integers below 2^53 and nulls (docs/audit.md)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:8].hex()


def checkpoint_message(size: int, head: str, at: str) -> bytes:
    return f"scamhub-audit-checkpoint/v1\nsize {size}\nhead {head}\nat {at}\n".encode("utf-8")


def is_hash(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def is_time(text: str) -> bool:
    """Exactly `2026-11-26T01:57:36.123456Z`, a real date and time."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z", text):
        return False
    year, month, day, hour, minute, second = (int(text[i:i + n]) for i, n in
                                              [(0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2)])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= month <= 12 and 1 <= day <= days[month - 1] and hour < 24 and minute < 60 and second < 60


def is_sequence_set(text: str) -> bool:
    """Ascending, disjoint, non-adjacent ranges `n` or `first-last`, comma-separated: `5-9,12,40-41`."""
    previous = None
    for part in text.split(","):
        bounds = part.split("-", 1)
        if not all(re.fullmatch(r"[1-9][0-9]*", bound) and int(bound) < 2**63 for bound in bounds):
            return False
        first, last = int(bounds[0]), int(bounds[-1])
        if (len(bounds) == 2 and last <= first) or (previous and first <= previous + 1):
            return False
        previous = last
    return True


def type_matches(value, expected: str) -> bool:
    if expected == "64 lowercase hex":
        return is_hash(value)
    if value is None:
        return expected.endswith(" or null")
    if expected.startswith("string"):
        return isinstance(value, str)
    # JSON true and false are not integers, though Python's bool is an int.
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INTEGER


def _object_without_duplicates(pairs):
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        raise ValueError("a member appears twice")
    return dict(pairs)


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_line(data: bytes) -> dict:
    """The line as a dict of exactly the 14 members; ValueError says what is wrong."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    try:
        value = json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    missing = sorted(LINE_MEMBERS.keys() - value.keys())
    extra = sorted(value.keys() - LINE_MEMBERS.keys())
    if missing or extra:
        raise ValueError("; ".join(filter(None, [
            missing and "no member " + ", ".join(missing), extra and "unexpected member " + ", ".join(extra)])))
    for name, expected in LINE_MEMBERS.items():
        if not type_matches(value[name], expected):
            article = "an " if expected.startswith("integer") else "a " if expected.startswith("string") else ""
            raise ValueError(f"{name} is not {article}{expected}: {json.dumps(value[name])[:80]}")
    if value["seq"] < 1:
        raise ValueError("seq is below 1")
    if not is_time(value["at"]):
        raise ValueError(f"at is not RFC 3339 UTC with six fractional digits: {json.dumps(value['at'])[:80]}")
    if value["outcome"] not in OUTCOMES:
        raise ValueError(f"outcome is not success, refused or failed: {json.dumps(value['outcome'])[:80]}")
    if value["delivered"] is not None and not is_sequence_set(value["delivered"]):
        raise ValueError(f"delivered is not a sequence set: {json.dumps(value['delivered'])[:80]}")
    try:  # a lone surrogate (\ud800) decodes in Python but has no UTF-8 form
        canonical(value)
    except UnicodeEncodeError:
        raise ValueError("a string holds an unpaired surrogate") from None
    return value


def checkpoint_fields(checkpoint) -> tuple:
    """(size, head, at, key_id, signature) of a checkpoint object; InputError when it is not one."""
    if not isinstance(checkpoint, dict) or not CHECKPOINT_MEMBERS <= checkpoint.keys():
        raise InputError(f"not a checkpoint (needs {', '.join(sorted(CHECKPOINT_MEMBERS))}): "
                         f"{json.dumps(checkpoint)[:120]}")
    size = checkpoint["size"]
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise InputError(f"a checkpoint's size is not a non-negative integer: {size!r}")
    for name in ("head", "at", "key_id", "signature"):
        if not isinstance(checkpoint[name], str):
            raise InputError(f"a checkpoint's {name} is not a string: {checkpoint[name]!r}")
    return size, checkpoint["head"], checkpoint["at"], checkpoint["key_id"], checkpoint["signature"]


def signature_problem(public_keys: list, size: int, head: str, at: str, claimed_key_id: str,
                      signature: str):
    """Why the checkpoint is not signed by one of public_keys (the one its key_id names), or None."""
    named = [key for key in public_keys if key_id(key) == claimed_key_id]
    if not named:
        known = ", ".join(key_id(key) for key in public_keys)
        return f"it names key {claimed_key_id}, the hub's key is {known}"
    public_key = named[0]
    if not is_hash(head):
        return "its head is not 64 lowercase hex"
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return "its signature is not base64"
    if len(raw) != 64:
        return f"its signature is {len(raw)} bytes, an Ed25519 signature is 64"
    try:
        eddsa.new(eddsa.import_public_key(public_key), "rfc8032").verify(
            checkpoint_message(size, head, at), raw)
    except ValueError:
        return f"its signature does not verify under key {claimed_key_id}"
    return None


def verify(lines: list, public_key, checkpoints: list) -> dict:
    """Verifies export lines (bytes, without their newline) and checkpoint objects.

    Returns a summary; raises VerificationError at the first error (InputError for a checkpoint
    object that is not one).
    """
    # 1. The chain.
    hashes = {}  # seq -> hash, as recomputed
    first = expected = 1  # until the first line says otherwise
    start_hash = running = ZERO_HASH  # the first line's prev_hash, and the hash the next line must follow
    for number, data in enumerate(lines, start=1):
        try:
            line = parse_line(data)
        except ValueError as error:
            raise VerificationError("malformed", expected, f"line {number} is not an audit entry: {error}")
        seq = line["seq"]
        if number == 1:
            first = expected = seq
            if seq == 1 and line["prev_hash"] != ZERO_HASH:
                raise VerificationError("broken-link", 1, f"the first entry's prev_hash {line['prev_hash']} "
                                        "is not 32 zero bytes")
            start_hash = running = line["prev_hash"]
        if seq > expected:
            gone = f"entry {expected} is" if seq == expected + 1 else f"entries {expected}–{seq - 1} are"
            raise VerificationError("missing", expected, f"line {number} holds entry {seq} where entry "
                                    f"{expected} belongs: {gone} missing")
        if seq < expected:
            raise VerificationError("out-of-order", expected, f"line {number} holds entry {seq} where entry "
                                    f"{expected} belongs: a repeated or reordered line")
        if line["prev_hash"] != running:
            raise VerificationError("broken-link", seq, f"its prev_hash {line['prev_hash']} does not match entry "
                                    f"{seq - 1}, which hashes to {running}")
        entry = {name: line[name] for name in ENTRY_MEMBERS}
        computed = hashlib.sha256(bytes.fromhex(running) + canonical(entry)).hexdigest()
        if computed != line["hash"]:
            raise VerificationError("altered", seq, f"it hashes to {computed}, not to its stated hash "
                                    f"{line['hash']}: it was changed after it was written")
        hashes[seq] = running = computed
        expected += 1
    last = expected - 1

    # 2. The checkpoints.
    fields = sorted((checkpoint_fields(checkpoint) for checkpoint in checkpoints), key=lambda f: f[0])
    anchored = first == 1
    covered = None  # the largest size compared with the export
    for size, head, at, claimed_key_id, signature in fields:
        keys = public_key if isinstance(public_key, list) else [public_key]
        problem = signature_problem(keys, size, head, at, claimed_key_id, signature)
        if problem:
            raise VerificationError("bad-signature", size, f"the checkpoint of size {size} is not the hub's: "
                                    f"{problem}")
        if size > last:
            raise VerificationError("truncated", last + 1, f"a checkpoint says the log had {size} entries; "
                                    f"the export ends at entry {last}" if last else
                                    f"a checkpoint says the log had {size} entries; the export is empty")
        if size < first - 1:
            continue  # before the export: nothing in it to compare with
        stated = start_hash if size == first - 1 else hashes[size]
        if head != stated:
            what = (f"the first line's prev_hash is {stated}" if size == first - 1 else
                    f"the export hashes entry {size} to {stated}")
            raise VerificationError("checkpoint-mismatch", size, f"the checkpoint of size {size} signs head "
                                    f"{head}; {what}")
        anchored = anchored or size == first - 1
        covered = size

    notes = []
    if lines and not anchored:
        notes.append(f"the export starts at entry {first} and no checkpoint of size {first - 1} was given: "
                     f"nothing signed ties its first prev_hash to the log before it")
    if lines and (covered is None or covered < last):
        after = f"after the last checkpoint given (size {covered})" if covered else "covered by no checkpoint"
        notes.append(f"entries {max(covered or 0, first - 1) + 1}–{last} are {after}: nothing signed vouches "
                     "for them, and lines cut from the end would not show")
    return {"entries": len(lines), "first": first, "last": last, "checkpoints": len(fields), "notes": notes}


# Reading the files.

def read_export(path: str) -> list:
    with open(path, "rb") as file:
        data = file.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # every line ends in \n, so the text after the last one is empty
    return lines


def read_public_key(path: str) -> bytes:
    with open(path, "rb") as file:
        text = file.read().decode("utf-8").strip()
    if text.startswith("{"):
        answer = json.loads(text)
        if answer.get("algorithm", "Ed25519") != "Ed25519":
            raise InputError(f"the key's algorithm is {answer['algorithm']}, not Ed25519")
        if isinstance(answer.get("public_key"), str):
            raw = raw_public_key(answer["public_key"])
        elif isinstance(answer.get("pem"), str):
            raw = pem_public_key(answer["pem"])
        else:
            raise InputError("the key file has neither public_key nor pem")
        if "key_id" in answer and answer["key_id"] != key_id(raw):
            raise InputError(f"the key file says key_id {answer['key_id']}, its key's id is {key_id(raw)}")
        return raw
    if text.startswith("-----BEGIN"):
        return pem_public_key(text)
    return raw_public_key(text)


def raw_public_key(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InputError("the public key is not base64") from None
    if len(raw) != 32:
        raise InputError(f"the public key is {len(raw)} bytes, an Ed25519 key is 32")
    try:
        eddsa.import_public_key(raw)
    except ValueError:
        raise InputError("the public key is not an Ed25519 point") from None
    return raw


def pem_public_key(text: str) -> bytes:
    try:
        key = ECC.import_key(text)
    except (ValueError, IndexError, TypeError):
        raise InputError("the PEM is not a public key pycryptodome can read") from None
    if key.curve != "Ed25519":
        raise InputError(f"the PEM holds a {key.curve} key, not Ed25519")
    return key.public_key().export_key(format="raw")


def read_checkpoints(path: str) -> list:
    with open(path, "rb") as file:
        text = file.read().decode("utf-8")
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = [json.loads(line) for line in text.splitlines() if line.strip()]  # JSON Lines
    if isinstance(value, dict) and isinstance(value.get("checkpoints"), list):
        value = value["checkpoints"]
    return value if isinstance(value, list) else [value]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", required=True, help="the JSON Lines export (GET /v1/audit/export)")
    parser.add_argument("--public-key", action="append", required=True,
                        help="the hub's key: its JSON answer, a PEM or base64; repeat for the keys before a rotation")
    parser.add_argument("--checkpoint", action="append", default=[], help="a file of checkpoints; repeatable")
    arguments = parser.parse_args()
    path = arguments.export
    try:
        lines = read_export(path)
        public_key = []
        for path in arguments.public_key:
            public_key.append(read_public_key(path))
        checkpoints = []
        for path in arguments.checkpoint:
            checkpoints += read_checkpoints(path)
            for checkpoint in checkpoints:
                checkpoint_fields(checkpoint)
    except (OSError, UnicodeDecodeError, ValueError, InputError) as error:
        print(f"cannot read {path}: {error}", file=sys.stderr)
        return 2
    try:
        summary = verify(lines, public_key, checkpoints)
    except VerificationError as error:
        print(error)
        return 1
    span = f" (seq {summary['first']}–{summary['last']})" if summary["entries"] else ""
    plural = "" if summary["checkpoints"] == 1 else "s"
    print(f"verified {summary['entries']} entries{span}, {summary['checkpoints']} checkpoint{plural}")
    for note in summary["notes"]:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
