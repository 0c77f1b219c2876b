#!/usr/bin/env python3
"""Writes the webhook-signature test vectors (docs/webhooks.md, Tests/IndicatorModelTests/Vectors/Webhooks/).

Every signature and every verdict comes from `standardwebhooks` 1.1.0, the Python reference
implementation of the Standard Webhooks specification (https://www.standardwebhooks.com), so that
the Swift tests of `WebhookSignature` compare against a receiver's library rather than against
their own output:

    secret            = "whsec_" + base64(key)
    webhook-signature = "v1," + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))
                        (one per secret, separated by one space, while secrets rotate)
    verify            = |now - webhook-timestamp| <= 300 s, and one "v1" signature matches

"sign": Webhook(secret).sign(msg_id, datetime, payload) for the specification's published example
(checked against the value test_sign_function expects in the library's repository,
libraries/python/tests/test_webhooks.py; the sdist ships no tests) and for secrets of 24, 32 and 64 bytes
with bodies holding Thai text, the same text as JSON \\u escapes, an emoji outside the BMP, escaped
quotes and newlines, "{}" and the empty body.

"verify": Webhook(secret).verify(payload, headers, json_parse=False) with the library's clock
frozen at `now`, once per secret the receiver holds (valid when one of them verifies); `error` is
the library's message when none does. The cases cover a valid delivery, the timestamp tolerance
at and one second past 5 minutes either way, a rotation (two signatures, one matching), a receiver
holding an old and a new secret, a tampered or re-serialized body, a wrong secret, another message
id, a changed timestamp, and signature versions other than v1.

The example secrets are random bytes from random.Random("scamhub example webhook secrets"): the
same on every run, so the output is identical each time.

Run: python3 tools/generate-webhook-vectors.py [--output PATH]   (pip install standardwebhooks==1.1.0)
"""
import argparse
import base64
import contextlib
import hashlib
import hmac
import json
import pathlib
import random
import sys
from datetime import datetime, timezone

import standardwebhooks
import standardwebhooks.webhooks as webhooks_module
from standardwebhooks import Webhook, WebhookVerificationError

STANDARDWEBHOOKS_VERSION = "1.1.0"
if standardwebhooks.__version__ != STANDARDWEBHOOKS_VERSION:
    sys.exit(f"expected standardwebhooks {STANDARDWEBHOOKS_VERSION}, found {standardwebhooks.__version__}; "
             f"pip install standardwebhooks=={STANDARDWEBHOOKS_VERSION}")

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Tests/IndicatorModelTests/Vectors/Webhooks/vectors.json"

TOLERANCE = 300  # seconds; the library's webhook_tolerance (timedelta(minutes=5))

# The specification's example, as test_sign_function in the library's libraries/python/tests/test_webhooks.py.
SPEC_EXAMPLE = {
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "msg_id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "timestamp": 1614265330,
    "payload": '{"test": 2432232314}',
    "signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}

_random = random.Random("scamhub example webhook secrets")


def random_bytes(generator: random.Random, size: int) -> bytes:
    # The same bytes as generator.randbytes(size), spelled out.
    return generator.getrandbits(size * 8).to_bytes(size, "little")


def make_secret(size: int) -> str:
    return "whsec_" + base64.b64encode(random_bytes(_random, size)).decode()


# Drawn in this order; never reorder (the bytes depend on it).
SECRET_A = make_secret(32)  # the subscription's secret (the hub makes 32 bytes)
SECRET_B = make_secret(32)  # the secret a rotation made
SECRET_C = make_secret(32)  # someone else's
SECRET_24 = make_secret(24)  # the specification's minimum
SECRET_64 = make_secret(64)

NOW = int(datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc).timestamp())
MSG_ID = "msg_sub_4e7a0c31d9b25f86a1c3_48211_48230"
OTHER_MSG_ID = "msg_sub_4e7a0c31d9b25f86a1c3_48231_48240"


def rfc3339(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# A delivery body as the hub sends it (docs/webhooks.md): compact JSON, raw UTF-8, members sorted by name.
DELIVERY = {
    "type": "scamhub.changes",
    "timestamp": rfc3339(NOW - 2),
    "data": {
        "subscription": "sub_4e7a0c31d9b25f86a1c3",
        "changes": [
            {"sequence": 48217, "type": "published", "at": rfc3339(NOW - 40),
             "report": {"token": "7c377ac9894bb8fd12df4da271db63777be66b3fc3b401750dd7a8a436222e76",
                        "kid": "th-2026-11", "kind": "bank_account", "list": "flag", "tlp": "amber",
                        "category": "investment_scam", "confidence": 90,
                        "narrative": "บัญชีม้า: \"ลงทุนคริปโต\" กำไร 30%/วัน\nแจ้งโดยลูกค้า 3 ราย"}},
            {"sequence": 48226, "type": "revoked", "at": rfc3339(NOW - 12), "reason": "false_positive",
             "report": {"token": "974d5337ac6b4e405b284bd2cca3f0640f4557786f640731ece309d107d06595",
                        "kid": "th-2026-11", "kind": "bank_account", "list": "flag", "tlp": "amber",
                        "category": "investment_scam", "confidence": 75}},
        ],
        "next": 48230,
    },
}
PAYLOAD = json.dumps(DELIVERY, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def reference_signature(secret: str, msg_id: str, timestamp: int, payload: str) -> str:
    """The specification's formula by hand, to check that the library is called right."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{timestamp}.{payload}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def sign(secret: str, msg_id: str, timestamp: int, payload: str) -> str:
    signature = Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, tz=timezone.utc), payload)
    assert signature == reference_signature(secret, msg_id, timestamp, payload), (msg_id, timestamp)
    return signature


@contextlib.contextmanager
def frozen_clock(seconds: int):
    """The library reads the time once per verify, as datetime.now(tz=timezone.utc) in its module."""
    calls = []

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            calls.append(tz)
            return datetime.fromtimestamp(seconds, tz=tz)

    original = webhooks_module.datetime
    webhooks_module.datetime = FrozenDatetime
    try:
        yield calls
    finally:
        webhooks_module.datetime = original


def library_verdict(secrets: list, headers: dict, payload: str, now: int):
    """(valid, error): valid when one of the receiver's secrets verifies; else the last error."""
    error = None
    for secret in secrets:
        with frozen_clock(now) as calls:
            try:
                Webhook(secret).verify(payload.encode(), dict(headers), json_parse=False)
                return True, None
            except WebhookVerificationError as failure:
                error = str(failure)
            finally:
                assert calls, "the library did not read the frozen clock"
    return False, error


def sign_cases() -> list:
    spec = dict(SPEC_EXAMPLE)
    produced = sign(spec["secret"], spec["msg_id"], spec["timestamp"], spec["payload"])
    assert produced == spec["signature"], f"the library signs the specification's example as {produced}"
    thai = "ภาษาไทย"
    cases = [
        ("the specification's example (the library's test_sign_function)",
         spec["secret"], spec["msg_id"], spec["timestamp"], spec["payload"]),
        ("a delivery body: compact JSON with raw Thai text, escaped quotes and a \\n escape",
         SECRET_A, MSG_ID, NOW, PAYLOAD),
        ("an empty object", SECRET_A, "msg_sub_4e7a0c31d9b25f86a1c3_1_1", NOW, "{}"),
        ("Thai text as raw UTF-8", SECRET_A, MSG_ID, NOW, compact({"text": thai})),
        ("the same text as \\u escapes: other bytes, another signature", SECRET_A, MSG_ID, NOW,
         json.dumps({"text": thai}, separators=(",", ":"), ensure_ascii=True)),
        ("a 24-byte secret (the specification's minimum), pretty-printed JSON ending in a newline, "
         "an emoji outside the BMP", SECRET_24, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1674087231,
         json.dumps({"type": "contact.created", "data": {"note": "🦊 \"fox\"\tC:\\temp"}}, indent=2,
                    ensure_ascii=False) + "\n"),
        ("a 64-byte secret", SECRET_64, MSG_ID, 4102444800, PAYLOAD),
        ("the empty body", SECRET_B, "msg_1", 1000000000, ""),
    ]
    return [
        {"name": name, "secret": secret, "msg_id": msg_id, "timestamp": timestamp, "payload": payload,
         "signed_content": f"{msg_id}.{timestamp}.{payload}", "signature": sign(secret, msg_id, timestamp, payload)}
        for name, secret, msg_id, timestamp, payload in cases
    ]


def verify_cases() -> list:
    def headers(signature: str, timestamp: int, msg_id: str = MSG_ID) -> dict:
        return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}

    sent = NOW - 3
    good = sign(SECRET_A, MSG_ID, sent, PAYLOAD)
    value = good.split(",", 1)[1]
    tampered = PAYLOAD.replace('"confidence":90', '"confidence":99')
    assert tampered != PAYLOAD
    reserialized = json.dumps(json.loads(PAYLOAD), ensure_ascii=False)  # ", " and ": ": what a parse and re-dump does
    assert reserialized != PAYLOAD and json.loads(reserialized) == json.loads(PAYLOAD)
    thai_body = compact({"text": "ภาษาไทย"})
    ed25519_like = "v1a," + base64.b64encode(random_bytes(random.Random("scamhub example v1a"), 64)).decode()

    # (why, receiver's secrets, headers, payload, expected), verified at NOW: `expected` only checks
    # this script; the vector's `valid` is the library's verdict.
    cases = [
        ("a valid delivery, one signature", [SECRET_A], headers(good, sent), PAYLOAD, True),
        ("raw UTF-8 Thai body", [SECRET_A], headers(sign(SECRET_A, MSG_ID, sent, thai_body), sent), thai_body, True),
        ("rotation: the hub signs with the new and the old secret; the receiver still holds the old one, "
         "which matches the second signature",
         [SECRET_A], headers(sign(SECRET_B, MSG_ID, sent, PAYLOAD) + " " + good, sent), PAYLOAD, True),
        ("rotation: the receiver holds the old and the new secret; the header is signed by the old one",
         [SECRET_A, SECRET_B], headers(good, sent), PAYLOAD, True),
        ("rotation: the receiver holds the old and the new secret; the header is signed by the new one",
         [SECRET_A, SECRET_B], headers(sign(SECRET_B, MSG_ID, sent, PAYLOAD), sent), PAYLOAD, True),
        ("the body was changed after signing (confidence 90 -> 99)", [SECRET_A], headers(good, sent), tampered,
         False),
        ("the body was parsed and re-serialized: same JSON value, other bytes", [SECRET_A], headers(good, sent),
         reserialized, False),
        ("signed with another secret", [SECRET_A], headers(sign(SECRET_C, MSG_ID, sent, PAYLOAD), sent), PAYLOAD,
         False),
        ("the receiver holds two secrets, the header is signed by neither", [SECRET_A, SECRET_B],
         headers(sign(SECRET_C, MSG_ID, sent, PAYLOAD), sent), PAYLOAD, False),
        ("the right signature of another message id, presented under this one", [SECRET_A],
         headers(sign(SECRET_A, OTHER_MSG_ID, sent, PAYLOAD), sent), PAYLOAD, False),
        ("the timestamp header changed after signing (the timestamp is signed)", [SECRET_A],
         headers(good, sent - 60), PAYLOAD, False),
        ("timestamp exactly 300 s in the past: still within the tolerance", [SECRET_A],
         headers(sign(SECRET_A, MSG_ID, NOW - TOLERANCE, PAYLOAD), NOW - TOLERANCE), PAYLOAD, True),
        ("timestamp 301 s in the past: too old (a replay)", [SECRET_A],
         headers(sign(SECRET_A, MSG_ID, NOW - TOLERANCE - 1, PAYLOAD), NOW - TOLERANCE - 1), PAYLOAD, False),
        ("timestamp one hour in the past: too old", [SECRET_A],
         headers(sign(SECRET_A, MSG_ID, NOW - 3600, PAYLOAD), NOW - 3600), PAYLOAD, False),
        ("timestamp exactly 300 s in the future: still within the tolerance", [SECRET_A],
         headers(sign(SECRET_A, MSG_ID, NOW + TOLERANCE, PAYLOAD), NOW + TOLERANCE), PAYLOAD, True),
        ("timestamp 301 s in the future: too new", [SECRET_A],
         headers(sign(SECRET_A, MSG_ID, NOW + TOLERANCE + 1, PAYLOAD), NOW + TOLERANCE + 1), PAYLOAD, False),
        ("only a v2 signature, though its value is the right HMAC: only v1 counts", [SECRET_A],
         headers("v2," + value, sent), PAYLOAD, False),
        ("an asymmetric (v1a) signature the receiver does not use, then a valid v1 one", [SECRET_A],
         headers(ed25519_like + " " + good, sent), PAYLOAD, True),
    ]
    cases = [case + (NOW,) for case in cases] + [
        ("the specification's example, verified 10 s after it was signed", [SPEC_EXAMPLE["secret"]],
         headers(SPEC_EXAMPLE["signature"], SPEC_EXAMPLE["timestamp"], SPEC_EXAMPLE["msg_id"]),
         SPEC_EXAMPLE["payload"], True, SPEC_EXAMPLE["timestamp"] + 10),
    ]
    result = []
    for why, secrets, header_values, payload, expected, now in cases:
        valid, error = library_verdict(secrets, header_values, payload, now)
        assert valid == expected, f"{why}: the library says valid={valid} ({error})"
        result.append({"why": why, "secrets": secrets, "headers": header_values, "payload": payload, "now": now,
                       "valid": valid, "error": error})
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output

    document = {
        "source": f"tools/generate-webhook-vectors.py (standardwebhooks {STANDARDWEBHOOKS_VERSION}; docs/webhooks.md)",
        "tolerance_seconds": TOLERANCE,
        "sign": sign_cases(),
        "verify": verify_cases(),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(document['sign'])} signatures and {len(document['verify'])} verifications to {output}")


if __name__ == "__main__":
    main()
