#!/usr/bin/env python3
"""Generates Tests/IndicatorModelTests/Vectors/BankAccount/iban-registry-examples.json.

schwifty's registry data carries no example IBANs, so this script asks schwifty's own, independent
implementation for them: one valid IBAN per registry country from `IBAN.random` (seeded, so the
output is deterministic), each also in print format. Each valid IBAN is then corrupted three ways
and schwifty must reject every corruption with the exception named in the vector:
a changed check digit (InvalidChecksumDigits), a dropped last character (InvalidLength), and a
letter where the BBAN structure wants a digit (InvalidStructure, for countries with a digit field).

Run from the repository root: python3 tools/generate-iban-vectors.py
"""
import json
import random
import re
import sys
from pathlib import Path

import schwifty
from schwifty import IBAN, exceptions, registry

SCHWIFTY_VERSION = "2026.10.1"
OUTPUT = Path("Tests/IndicatorModelTests/Vectors/BankAccount/iban-registry-examples.json")


def rejection(text: str) -> str:
    try:
        IBAN(text)
    except exceptions.SchwiftyException as error:
        return type(error).__name__
    sys.exit(f"schwifty accepted the corrupted IBAN {text}")


def main() -> None:
    if schwifty.__version__ != SCHWIFTY_VERSION:
        sys.exit(f"schwifty {SCHWIFTY_VERSION} required, found {schwifty.__version__}")
    rng = random.Random(20261125)
    countries = sorted(registry.Registry()._get("iban"))  # the same merged data files
    valid, invalid = [], []
    for country in countries:
        iban = IBAN.random(country, random=rng, use_registry=False)
        text = str(iban)
        assert IBAN(text).is_valid
        valid.append({"country": country, "electronic": text, "print": iban.formatted})

        digit = (int(text[3]) + 1 + rng.randrange(9)) % 10
        flipped = text[:3] + str(digit) + text[4:]
        invalid.append({"country": country, "iban": flipped, "corruption": "checkDigit",
                        "schwifty": rejection(flipped)})
        shortened = text[:-1]
        invalid.append({"country": country, "iban": shortened, "corruption": "length",
                        "expectedLength": iban.spec.iban_length, "schwifty": rejection(shortened)})
        digit_positions = expand_digits(iban.spec.bban_spec)
        if digit_positions:
            position = 4 + digit_positions[-1]
            lettered = text[:position] + "X" + text[position + 1:]
            invalid.append({"country": country, "iban": lettered, "corruption": "structure",
                            "position": position + 1, "schwifty": rejection(lettered)})

    document = {
        "source": f"schwifty {SCHWIFTY_VERSION}: IBAN.random per registry country (seeded), "
                  "corruptions rejected by schwifty.IBAN",
        "valid": valid,
        "invalid": invalid,
    }
    OUTPUT.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(valid)} valid, {len(invalid)} invalid")


def expand_digits(spec: str) -> list[int]:
    """The BBAN offsets that registry notation such as `4!a6!n` reserves for digits."""
    positions, offset = [], 0
    for count, kind in re.findall(r"(\d+)!([nac])", spec):
        for i in range(int(count)):
            if kind == "n":
                positions.append(offset + i)
        offset += int(count)
    return positions


if __name__ == "__main__":
    main()
