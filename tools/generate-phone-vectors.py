#!/usr/bin/env python3
"""Writes Tests/IndicatorModelTests/Vectors/Phone/{valid,invalid}.json from libphonenumber's own
example numbers, as shipped and judged by the `phonenumbers` package (pinned below).

For every supported region and every number type with an example number, and for every
non-geographic entity, the number is written the ways people write it (national format with the
region, international format, E.164 and RFC 3966 without a region, dialled from other regions with
their IDD prefix, RFC 3966 with a phone-context), plus variants with a digit dropped, added or changed. Each input is parsed with
phonenumbers: when parse + is_valid_number succeed, the case goes to valid.json with
format_number(E164); otherwise to invalid.json with phonenumbers' verdict (the exception type or
"not valid"). Invalid example numbers and garbage inputs go to invalid.json as well.

regex.json checks the regex engine on its own against Python's `re` on the real metadata
patterns: for prefixes (international prefix, national prefix for parsing) `re.match`'s end and
group spans, for validation patterns `re.fullmatch`, over example numbers and random digits.

Usage: python3 tools/generate-phone-vectors.py   (from the repository root)
"""
import json
import os
import random
import re
import sys

PINNED = "9.0.43"

import phonenumbers  # noqa: E402
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberFormat as Format  # noqa: E402
from phonenumbers import PhoneNumberType as Type  # noqa: E402

if phonenumbers.__version__ != PINNED:
    sys.exit(f"phonenumbers {PINNED} required, found {phonenumbers.__version__}: pip install phonenumbers=={PINNED}")

TYPES = [Type.FIXED_LINE, Type.MOBILE, Type.TOLL_FREE, Type.PREMIUM_RATE, Type.SHARED_COST, Type.VOIP,
         Type.PERSONAL_NUMBER, Type.PAGER, Type.UAN, Type.VOICEMAIL]
DESCS = ["fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip", "personal_number",
         "pager", "uan", "voicemail"]
DIALLING_FROM = ["US", "TH", "AU", "GB", "JP"]
PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "INVALID_COUNTRY_CODE",
    NumberParseException.NOT_A_NUMBER: "NOT_A_NUMBER",
    NumberParseException.TOO_SHORT_AFTER_IDD: "TOO_SHORT_AFTER_IDD",
    NumberParseException.TOO_SHORT_NSN: "TOO_SHORT_NSN",
    NumberParseException.TOO_LONG: "TOO_LONG",
}

valid = {}
invalid = {}


def judge(raw, region, source):
    key = (raw, region)
    if key in valid or key in invalid:
        return
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as error:
        invalid[key] = {"input": raw, "region": region, "verdict": PARSE_ERRORS[error.error_type], "source": source}
        return
    if number.extension:
        sys.exit(f"unexpected extension in {raw!r}")
    if phonenumbers.is_valid_number(number):
        e164 = phonenumbers.format_number(number, Format.E164)
        valid[key] = {"input": raw, "region": region, "e164": e164, "source": source}
    else:
        invalid[key] = {"input": raw, "region": region, "verdict": "NOT_VALID", "source": source}


def variants(number):
    """The number with its last digit dropped, a digit added, and its last digit changed."""
    nsn = phonenumbers.national_significant_number(number)
    code = number.country_code
    changed = nsn[:-1] + str((int(nsn[-1]) + 5) % 10)
    return [f"+{code}{nsn[:-1]}", f"+{code}{nsn}0", f"+{code}{changed}"]


def write_forms(number, home, label):
    e164 = phonenumbers.format_number(number, Format.E164)
    judge(e164, None, f"{label} E164")
    judge(phonenumbers.format_number(number, Format.INTERNATIONAL), None, f"{label} international")
    judge(phonenumbers.format_number(number, Format.RFC3966), None, f"{label} RFC3966")
    nsn = phonenumbers.national_significant_number(number)
    judge(f"tel:{nsn};phone-context=+{number.country_code}", None, f"{label} RFC3966 phone-context")
    if home is not None:
        judge(phonenumbers.format_number(number, Format.NATIONAL), home, f"{label} national")
    for origin in DIALLING_FROM:
        if origin != home:
            dialled = phonenumbers.format_out_of_country_calling_number(number, origin)
            judge(dialled, origin, f"{label} dialled from {origin}")
    for variant in variants(number):
        judge(variant, None, f"{label} variant")


def regex_vectors():
    """Python re's verdicts on the metadata's own patterns, for digit strings near real numbers."""
    rng = random.Random(3966)
    cases = []
    all_metadata = [PhoneMetadata.metadata_for_region(r) for r in sorted(phonenumbers.SUPPORTED_REGIONS)]
    all_metadata += [PhoneMetadata.metadata_for_nongeo_region(c)
                     for c in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)]
    for metadata in all_metadata:
        examples = [getattr(metadata, name).example_number for name in DESCS
                    if getattr(metadata, name) is not None and getattr(metadata, name).example_number]
        inputs = set()
        for example in examples:
            inputs.update([example, example[:-1], example + "7", (metadata.national_prefix or "") + example])
            inputs.add("".join(rng.choice("0123456789") for _ in range(len(example))))
        for prefix in ("0", "00", "1", "011", "15", "9"):
            inputs.add(prefix + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 10))))
        inputs = sorted(inputs)
        prefixes = [metadata.international_prefix,
                    metadata.national_prefix_for_parsing or metadata.national_prefix]
        for pattern in prefixes:
            if not pattern:
                continue
            compiled = re.compile(pattern)
            results = []
            for text in inputs:
                match = compiled.match(text)
                groups = [list(match.span(g)) if match.group(g) is not None else None
                          for g in range(1, compiled.groups + 1)] if match else []
                results.append({"input": text, "end": match.end() if match else -1, "groups": groups})
            cases.append({"pattern": pattern, "kind": "match", "results": results})
        for name in ["general_desc"] + DESCS:
            desc = getattr(metadata, name)
            if desc is None or not desc.national_number_pattern:
                continue
            compiled = re.compile(desc.national_number_pattern)
            cases.append({"pattern": desc.national_number_pattern, "kind": "fullmatch",
                          "matching": [text for text in inputs if compiled.fullmatch(text)],
                          "notMatching": [text for text in inputs if not compiled.fullmatch(text)]})
    return cases


def main():
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for numtype, name in zip(TYPES, DESCS):
            number = phonenumbers.example_number_for_type(region, numtype)
            if number is not None:
                write_forms(number, region, f"{region} {name}")
        bad = phonenumbers.invalid_example_number(region)
        if bad is not None:
            judge(phonenumbers.format_number(bad, Format.E164), None, f"{region} invalid example")
            judge(phonenumbers.format_number(bad, Format.NATIONAL), region, f"{region} invalid example national")
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        for name in DESCS:
            desc = getattr(metadata, name)
            if desc is not None and desc.example_number:
                number = phonenumbers.parse(f"+{code}{desc.example_number}", None)
                write_forms(number, None, f"+{code} {name}")
    garbage = [
        ("+", None), ("+", "TH"), ("()", "TH"), ("- -", "TH"), ("0", "TH"), ("12", "TH"), ("+1", None),
        ("+66", None), ("+66 8", None), ("1" * 30, "TH"), ("+" + "9" * 30, None), ("+999 123 456 789", None),
        ("+0 812 345 678", None), ("0812345678", None), ("00", "TH"), ("0066", "TH"), ("011", "US"),
        ("+66 8123 456", None), ("081 234 567", "TH"), ("081 234 56789", "TH"), ("+800 1234", None),
    ]
    for raw, region in garbage:
        judge(raw, region, "garbage")
    if any(case["source"] == "garbage" for case in valid.values()):
        sys.exit("a garbage input turned out valid")

    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    directory = os.path.join(root, "Tests", "IndicatorModelTests", "Vectors", "Phone")
    os.makedirs(directory, exist_ok=True)
    regex_cases = regex_vectors()
    with open(os.path.join(directory, "regex.json"), "w", encoding="utf-8") as out:
        out.write("[\n")
        out.write(",\n".join(json.dumps(case) for case in regex_cases))
        out.write("\n]\n")
    for name, cases in [("valid", valid), ("invalid", invalid)]:
        with open(os.path.join(directory, f"{name}.json"), "w", encoding="utf-8") as out:
            out.write("[\n")
            out.write(",\n".join(json.dumps(case, ensure_ascii=False) for case in cases.values()))
            out.write("\n]\n")
    print(f"wrote {len(valid)} valid, {len(invalid)} invalid and {len(regex_cases)} regex cases to {directory}")


if __name__ == "__main__":
    main()
