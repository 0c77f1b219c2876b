#!/usr/bin/env python3
"""Generates Tests/IndicatorModelTests/Vectors/IP/python-ipaddress.json and checks rfc-text-forms.json.

Expected canonical forms come from Python's standard `ipaddress` module, whose str() of an
IPv6Address is RFC 5952 text, with one exception this script verifies and adjusts for: for
IPv4-mapped addresses (::ffff:0:0/96) Python 3.11 writes hexadecimal (::ffff:c000:201), while
RFC 5952 section 5 recommends the mixed notation (::ffff:192.0.2.1) that scamhub uses.

Usage: python3 tools/generate-ip-vectors.py   (from the repository root; deterministic output)
"""

import ipaddress
import json
import pathlib
import random
import sys

PYTHON_VERSION = (3, 11)  # ipaddress is part of the standard library: pin the interpreter
if sys.version_info[:2] != PYTHON_VERSION:
    sys.exit(f"generate-ip-vectors.py needs Python {PYTHON_VERSION[0]}.{PYTHON_VERSION[1]} "
             f"(its ipaddress module), found {sys.version.split()[0]}")

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "Tests/IndicatorModelTests/Vectors/IP"


def rfc5952(address):
    """Python's text, with section 5's mixed notation for IPv4-mapped addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


def check_mapped_claim():
    mapped = ipaddress.IPv6Address("::ffff:192.0.2.1")
    python_text = str(mapped)
    if python_text != "::ffff:c000:201":
        sys.exit(f"Python's IPv4-mapped text changed to {python_text!r}: revisit rfc5952() above")
    return python_text


def check_rfc_vectors():
    cases = json.loads((VECTORS / "rfc-text-forms.json").read_text())["cases"]
    for case in cases:
        got = rfc5952(ipaddress.ip_address(case["input"]))
        if got != case["canonical"]:
            sys.exit(f"rfc-text-forms.json: {case['input']} -> {case['canonical']}, but Python says {got}")
    return len(cases)


def random_groups(rng):
    """Eight groups with zero runs common enough to exercise '::' placement."""
    groups = [rng.choice([0, 0, 0, rng.randrange(1, 16), rng.randrange(0x10000)]) for _ in range(8)]
    if rng.random() < 0.2:
        groups[:6] = [0, 0, 0, 0, 0, 0xFFFF]  # IPv4-mapped
    return groups


def spellings(groups, rng):
    """Text forms RFC 4291 section 2.2 allows for the same address."""
    full = ":".join(f"{g:04x}" for g in groups)
    address = ipaddress.IPv6Address(full)
    forms = {full, full.upper(), str(address), str(address).upper(), address.exploded}
    short = ":".join(f"{g:x}" for g in groups)
    forms.add(short)
    padded = ":".join(f"{g:0{rng.randrange(1, 5)}x}" if g >= 0 else "" for g in groups)
    forms.add(padded)
    mixed_prefix = ":".join(f"{g:x}" for g in groups[:6])
    ipv4 = ipaddress.IPv4Address((groups[6] << 16) | groups[7])
    forms.add(f"{mixed_prefix}:{ipv4}")
    # Compress a zero run other than the canonical one, when there is one.
    runs = [i for i in range(8) if groups[i] == 0]
    if runs:
        start = rng.choice(runs)
        end = start
        while end + 1 < 8 and groups[end + 1] == 0 and rng.random() < 0.7:
            end += 1
        head = ":".join(f"{g:x}" for g in groups[:start])
        tail = ":".join(f"{g:X}" for g in groups[end + 1:])
        forms.add(f"{head}::{tail}")
    return sorted(forms)


def main():
    python_mapped_text = check_mapped_claim()
    rfc_count = check_rfc_vectors()
    rng = random.Random(5952)
    valid = []
    for _ in range(300):
        groups = random_groups(rng)
        for text in spellings(groups, rng):
            expected = rfc5952(ipaddress.ip_address(text))
            valid.append({"input": text, "canonical": expected})
    for _ in range(100):
        address = ipaddress.IPv4Address(rng.getrandbits(32))
        valid.append({"input": str(address), "canonical": str(address)})

    invalid = [
        "1.2.3", "1.2.3.4.5", "010.1.1.1", "1.2.3.04", "256.1.1.1", "1.2.3.-1", "1..2.3", "1.2.3.4.",
        "0x7f.0.0.1", "3279880203", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "1:::2",
        ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "::ffff:1.2.3.04", "::1.2.3", "1.2.3.4::",
        "1:2:3:4:5:6:7:1.2.3.4", "::g", "2001:db8::1/64", "192.0.2.0/24", "",
    ]
    for text in invalid:
        try:
            ipaddress.ip_address(text)
        except ValueError:
            continue
        sys.exit(f"Python accepts {text!r}, which the vectors list as invalid")

    document = {
        "source": f"Python {sys.version_info[0]}.{sys.version_info[1]} ipaddress module, "
                  "via tools/generate-ip-vectors.py (random.Random(5952))",
        "note": f"Python writes ::ffff:192.0.2.1 as {python_mapped_text}; these vectors use RFC 5952 "
                "section 5's mixed notation for ::ffff:0:0/96 instead. Python also accepts zone "
                "identifiers (fe80::1%eth0), which scamhub refuses, so none appear here.",
        "rfcVectorsChecked": rfc_count,
        "valid": valid,
        "invalid": invalid,
    }
    out = VECTORS / "python-ipaddress.json"
    out.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(valid)} valid and {len(invalid)} invalid vectors to {out.relative_to(ROOT)}; "
          f"checked {rfc_count} RFC vectors")


if __name__ == "__main__":
    main()
