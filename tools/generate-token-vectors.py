#!/usr/bin/env python3
"""Writes the token test vectors (docs/tokens.md, Tests/IndicatorModelTests/Vectors/Token/).

The tokens are computed here with Python's standard hmac module, independently of the Swift
implementation, so that the Swift tests compare against a second implementation of the spec:

    token = lowercase_hex(HMAC-SHA256(K, b"scamhub-token-v1" + b"\\x00" + kind + b"\\x00" + canonical))

Run: python3 tools/generate-token-vectors.py
"""
import hashlib
import hmac
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/IndicatorModelTests/Vectors/Token/token-vectors.json"

KEYS = {
    "sequential": bytes(range(32)).hex(),
    "ones": "ff" * 32,
    # SHA-256 of the ASCII text "scamhub example community key" — any 32 bytes will do.
    "example": hashlib.sha256(b"scamhub example community key").hexdigest(),
}

VALUES = [
    ("phone", "+66812345678"),
    ("phone", "+14155552671"),
    ("bank_account", "iban:GB82WEST12345698765432"),
    ("bank_account", "TH:004:1234567890"),
    ("wallet", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
    ("wallet", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    ("wallet", "trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
    ("url", "http://www.google.com/"),
    ("url", "http://evil.example/login?next=/account"),
    ("domain", "xn--bcher-kva.example"),
    ("email", "user@xn--bcher-kva.example"),
    ("email", "пользователь@example.com"),
    ("ip", "192.0.2.1"),
    ("ip", "2001:db8::1"),
    ("platform_account", "telegram:scam_support_bot"),
    # The kind is part of the message: the same text under two kinds gives two tokens.
    ("domain", "example.com"),
    ("platform_account", "example.com"),
]


def token(key_hex: str, kind: str, canonical: str) -> str:
    message = b"scamhub-token-v1\x00" + kind.encode() + b"\x00" + canonical.encode("utf-8")
    return hmac.new(bytes.fromhex(key_hex), message, hashlib.sha256).hexdigest()


def main() -> None:
    vectors = [
        {"key_name": name, "key": key, "kind": kind, "canonical": canonical,
         "message_hex": (b"scamhub-token-v1\x00" + kind.encode() + b"\x00" + canonical.encode()).hex(),
         "token": token(key, kind, canonical)}
        for name, key in KEYS.items()
        for kind, canonical in VALUES
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "tools/generate-token-vectors.py (Python hmac + hashlib)",
                               "vectors": vectors}, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(vectors)} vectors to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
