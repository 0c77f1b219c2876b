#!/usr/bin/env python3
"""Writes Sources/IndicatorModel/Phone/PhoneMetadata+Generated.swift from libphonenumber's
metadata as shipped by the `phonenumbers` package (pinned below).

Per region (every phonenumbers.SUPPORTED_REGIONS entry, plus every non-geographic "001" entity by
country calling code) it keeps what parsing and validation need: country calling code,
international (IDD) prefix, national prefix for parsing and its transform rule, leading digits,
the general description and each number type's pattern and possible lengths. Then the country
calling code -> regions map in phonenumbers' order (main region first).

The patterns use a small regex subset; the script checks every pattern against it and fails
loudly on anything else, because the Swift engine implements exactly that subset.

Usage: python3 tools/generate-phone-metadata.py   (from the repository root)
"""
import collections
import os
import re
import sys

PINNED = "9.0.43"

import phonenumbers  # noqa: E402
from phonenumbers import PhoneMetadata  # noqa: E402

if phonenumbers.__version__ != PINNED:
    sys.exit(f"phonenumbers {PINNED} required, found {phonenumbers.__version__}: pip install phonenumbers=={PINNED}")

# Order matters: the Swift side reads the descriptions in this order.
TYPES = ["general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
         "pager", "uan", "voicemail", "fixed_line", "mobile"]

# The regex subset the Swift engine supports. `$` (end of input) only in national prefix for parsing.
TOKEN = re.compile(r"\\d|\[(?:\d(?:-\d)?)+\]|\(\?:|\(|\)|\||\?|\*|\+|\{\d+\}|\{\d+,\d+\}|\d|\$")
used = collections.Counter()


def check_pattern(pattern, where, allow_end_anchor=False):
    position = 0
    depth = 0
    while position < len(pattern):
        match = TOKEN.match(pattern, position)
        if match is None:
            sys.exit(f"unsupported regex syntax in {where} at {position}: {pattern!r}")
        token = match.group(0)
        if token == "$" and not allow_end_anchor:
            sys.exit(f"end anchor not supported in {where}: {pattern!r}")
        if token in ("(", "(?:"):
            depth += 1
        elif token == ")":
            depth -= 1
            if depth < 0:
                sys.exit(f"unbalanced parenthesis in {where}: {pattern!r}")
        kind = ("digit" if token.isdigit() else "class" if token.startswith("[") else
                "{n}" if re.fullmatch(r"\{\d+\}", token) else "{n,m}" if token.startswith("{") else token)
        used[kind] += 1
        position = match.end()
    if depth != 0:
        sys.exit(f"unbalanced parenthesis in {where}: {pattern!r}")
    if any(ch in pattern for ch in "\t\n "):
        sys.exit(f"whitespace in {where}: {pattern!r}")
    return pattern


def check_transform_rule(rule, where):
    if rule is not None and not re.fullmatch(r"(?:\d|\\[1-9])*", rule):
        sys.exit(f"unsupported transform rule in {where}: {rule!r}")
    return rule or ""


def lengths(values, where):
    values = list(values or ())
    if any(v < 1 for v in values) or values != sorted(set(values)):
        sys.exit(f"unexpected possible lengths in {where}: {values}")
    return ",".join(str(v) for v in values)


def region_line(metadata, name):
    fields = [
        "R", name, str(metadata.country_code),
        check_pattern(metadata.international_prefix or "", f"{name} international_prefix"),
        check_pattern(metadata.national_prefix_for_parsing or metadata.national_prefix or "",
                      f"{name} national_prefix_for_parsing", allow_end_anchor=True),
        check_transform_rule(metadata.national_prefix_transform_rule, name),
        check_pattern(metadata.leading_digits or "", f"{name} leading_digits"),
        "1" if metadata.same_mobile_and_fixed_line_pattern else "0",
    ]
    for type_name in TYPES:
        desc = getattr(metadata, type_name)
        if desc is None or desc.national_number_pattern is None:
            if type_name == "general_desc":
                sys.exit(f"{name} has no general description")
            fields.append("")
            continue
        pattern = check_pattern(desc.national_number_pattern, f"{name} {type_name}")
        fields.append(" ".join([pattern, lengths(desc.possible_length, f"{name} {type_name}"),
                                lengths(desc.possible_length_local_only, f"{name} {type_name}")]))
    return "\t".join(fields)


def main():
    lines = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        lines.append(region_line(PhoneMetadata.metadata_for_region(region), region))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        if metadata.country_code != code:
            sys.exit(f"non-geographic entity {code} has country code {metadata.country_code}")
        lines.append(region_line(metadata, "001"))
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            if region != "001" and region not in phonenumbers.SUPPORTED_REGIONS:
                sys.exit(f"country code {code} names unknown region {region}")
        lines.append("\t".join(["C", str(code), ",".join(regions)]))
    text = "\n".join(lines)
    if '"#' in text:
        sys.exit("metadata text would end the raw string literal")

    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    path = os.path.join(root, "Sources", "IndicatorModel", "Phone", "PhoneMetadata+Generated.swift")
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"// Generated by tools/generate-phone-metadata.py from phonenumbers {PINNED}; do not edit.\n")
        out.write("//\n")
        out.write("// One line per region, tab-separated: R, region code (001 for non-geographic entities), country\n")
        out.write("// calling code, international prefix, national prefix for parsing, transform rule, leading\n")
        out.write("// digits, same mobile and fixed-line pattern (0/1), then the descriptions\n")
        out.write("// " + ", ".join(TYPES[:6]) + ",\n")
        out.write("// " + ", ".join(TYPES[6:]) + ",\n")
        out.write("// each as \"pattern lengths local-only-lengths\" or empty. Then one line per country calling\n")
        out.write("// code: C, code, regions (main region first).\n\n")
        # Indented like swift-format wants; Swift strips the closing delimiter's indentation.
        out.write("let phoneMetadataText = #\"\"\"\n")
        out.write("".join(f"    {line}\n" for line in lines))
        out.write("    \"\"\"#\n")
    print(f"wrote {path}: {len(phonenumbers.SUPPORTED_REGIONS)} regions, "
          f"{len(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)} non-geographic entities, "
          f"{len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)} country calling codes")
    print("regex syntax used: " + ", ".join(f"{k} x{v}" for k, v in sorted(used.items())))


if __name__ == "__main__":
    main()
