#!/usr/bin/env python3
"""Generates the IDNA test vectors under Tests/IndicatorModelTests/Vectors/Domain/.

1. idna-conformance.json: the ToASCII (non-transitional) expectations of Unicode's IdnaTestV2.txt, as
   the `idna` 3.20 source distribution carries them in tests/test_idna_uts46.py (generated there by
   idna's tools/idna-data from IdnaTestV2.txt; each test is named after its IdnaTestV2 line number).
   IdnaTestV2.txt itself is not shipped in the sdist. The idna maintainers left out lines they judge
   wrong (Bidi across labels, trailing dots) and turned lines with IDNA2008-invalid (NV8/XV8) code
   points into expected errors, so "output": null means "some error".
2. idna-generated.json: a broad sample (scripts, German sharp s, Greek final sigma, Arabic and Hebrew
   Bidi, joiners, emoji, fullwidth forms, A-labels, lengths, and every 23rd code point the UTS #46
   table does not disallow, plus every 997th overall) with the expected result computed by
   idna.encode(x, uts46=True, std3_rules=True), plus the UTS #46 rule that idna skips: in a name with a right-to-left label every label must
   satisfy the Bidi Rule (idna.core.check_bidi(label, check_ltr=True)).

Usage: python3 tools/generate-idna-vectors.py [idna-3.20.tar.gz]   (run from the repository root;
without an argument the sdist is fetched with `pip download --no-binary :all: --no-deps idna==3.20`)
"""

import ast
import json
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

IDNA_VERSION = "3.20"
OUT = Path("Tests/IndicatorModelTests/Vectors/Domain")

import idna  # noqa: E402
import idna.core  # noqa: E402

if idna.__version__ != IDNA_VERSION:
    sys.exit(f"expected idna=={IDNA_VERSION}, found {idna.__version__}: pip install idna=={IDNA_VERSION}")


def sdist_tests(path):
    if path is None:
        directory = tempfile.mkdtemp()
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
             f"idna=={IDNA_VERSION}", "-d", directory],
            check=True, capture_output=True,
        )
        path = Path(directory) / f"idna-{IDNA_VERSION}.tar.gz"
    with tarfile.open(path) as archive:
        member = archive.extractfile(f"idna-{IDNA_VERSION}/tests/test_idna_uts46.py")
        return member.read().decode("utf-8")


def conformance_cases(source):
    cases = []
    for function in ast.parse(source).body[-1].body:
        if not isinstance(function, ast.FunctionDef):
            continue
        line = int(function.name.removeprefix("test_uts46_"))
        for statement in function.body:
            call = statement.value
            assertion = call.func.attr
            if assertion == "assertEqual" and call.args[0].func.attr == "encode":
                text = ast.literal_eval(call.args[0].args[0])
                cases.append({"line": line, "input": text, "output": ast.literal_eval(call.args[1]).decode()})
            elif assertion == "assertRaises" and call.args[1].attr == "encode":
                cases.append({"line": line, "input": ast.literal_eval(call.args[2]), "output": None})
    return cases


def reference(text):
    """What scamhub's domainToASCII must return: idna's UTS #46 result plus the cross-label Bidi Rule."""
    try:
        result = idna.encode(text, uts46=True, std3_rules=True).decode()
    except idna.IDNAError:
        return None
    labels = [idna.decode(label) if label.startswith("xn--") else label for label in result.rstrip(".").split(".")]
    is_bidi_domain = any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for label in labels for c in label)
    if is_bidi_domain:
        try:
            for label in labels:
                idna.core.check_bidi(label, check_ltr=True)
        except idna.IDNAError:
            return None
    return result


SAMPLES = [
    "example.com", "EXAMPLE.COM", "Example.Com.", "a.b.c.d", "localhost", "xn--bcher-kva.example",
    "Bücher.example", "BÜCHER.EXAMPLE", "bu\u0308cher.example", "faß.de", "FASS.DE", "Faß.de",
    "münchen.de", "MÜNCHEN.DE", "ไทย.ไทย", "例え.テスト", "例え。テスト", "例え．テスト", "例え｡テスト",
    "ｅｘａｍｐｌｅ．ｃｏｍ", "пример.рф", "ПРИМЕР.РФ", "παράδειγμα.δοκιμή", "ΣΊΣΥΦΟΣ.gr", "σίσυφος.gr",
    "ς.gr", "ελληνικά.ευ", "مثال.إختبار", "مثال.com", "מבחן.com", "דוגמה.טעסט", "1מבחן.com", "מבחן1.com",
    "0a.מבחן", "a0.מבחן", "com.מבחן", "123.مثال", "مثال١٢٣.com", "مثال١۲.com", "ab\u0661.com",
    "a\u200cb.com", "\u0628\u200c\u0628.com", "\u0915\u094d\u200c\u0937.com", "\u0915\u094d\u200d\u0937.com",
    "a\u200db.com", "\u200d.com", "l·l.cat", "a·b.cat", "\u0375\u03b1.gr", "a\u0375.gr", "\u05d0\u05f3.il",
    "a\u05f3.com", "\u30fb\u30a2.jp", "\u30fba.jp", "😀.com", "i❤.ws", "☃.net", "xn--n3h.net", "xn--ls8h.la",
    "\u0301a.com", "a\u0301.com", "-a.com", "a-.com", "ab--c.com", "xn--abc.com", "xn--.com", "xn--a-.com",
    "XN--BCHER-KVA.example", "xn--bcher-kva-.example", "xn---bcher-kva.example", "xn--fa-hia.de",
    "xn--zca.de", "a..b", ".a", "..", "a b.com", "a_b.com", "a!b.com", "a/b", "a\u00adb.com",
    "a\u2488b.com", "a⒈com", "ａ＿ｂ.com", "\u2100.com", "\ufb01.com", "\u1e9e.de", "\u00c5.se", "A\u030a.se",
    "\u212b.se", "中国.中国", "政府.香港", "한국.한국", "ಭಾರತ.ಭಾರತ", "بھارت.بھارت", "ලංකා.ලංකා",
    "\u0644\u0627.com", "a" * 63 + ".com", "a" * 64 + ".com", ".".join(["a" * 63] * 3) + "." + "a" * 61,
    ".".join(["a" * 63] * 3) + "." + "a" * 62, "ü" * 30 + ".de", "ü" * 60 + ".de", "\u05d0.\u0661",
    "\u0627\u0661\u06f1.com", "\u0660\u06f0.com", "a\u0660.com", "\u3002a", "a\u3002", "\ufe0f.com",
    "x\u0327\u0301.com", "\u1100\u1161.kr", "\u10a0.ge", "\u2d00.ge", "Ⅻ.com", "\u0130stanbul.tr",
    "ǅ.com", "ᾈ.gr", "\u0345.gr", "\u00df\u00df.de", "\u03c2\u03c2.gr", "\u03a3.gr",
]


def uts46_status(cp):
    from bisect import bisect_right
    from idna.uts46data import uts46_starts, uts46_statuses
    return chr(uts46_statuses[bisect_right(uts46_starts, cp) - 1])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    conformance = conformance_cases(sdist_tests(path))
    disagreements = []
    for case in conformance:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in case["input"]):
            case["input"] = case["input"].encode("ascii", "backslashreplace").decode()
            case["skip"] = "lone surrogate: not representable in a Swift String"
            continue
        expected = reference(case["input"])
        if expected == case["output"]:
            continue
        if case["output"] is None and expected and expected.endswith("."):
            case["skip"] = ("trailing dot: IdnaTestV2 applies VerifyDnsLength to the empty root label; "
                            "idna and scamhub's domainToASCII accept one trailing dot")
            continue
        disagreements.append(case)
        print(f"line {case['line']}: file {case['output']!r}, idna+bidi {expected!r}")
    if disagreements:
        sys.exit(f"{len(disagreements)} conformance lines disagree with idna plus the Bidi rule; look into them")
    (OUT / "idna-conformance.json").write_text(json.dumps({
        "source": f"IdnaTestV2.txt (Unicode {idna.idnadata.__version__}) ToASCII-N column, as carried by "
                  f"idna {IDNA_VERSION} sdist tests/test_idna_uts46.py; null output = some error",
        "cases": conformance,
    }, ensure_ascii=False, indent=1) + "\n")

    samples = list(dict.fromkeys(SAMPLES))
    # Every 23rd code point that the UTS #46 table does not disallow outright, plus every 997th one overall.
    kept = [cp for cp in range(0xA0, 0x110000) if uts46_status(cp) != "X" and not 0xD800 <= cp <= 0xDFFF]
    samples += [f"a{chr(cp)}b.com" for cp in kept[::23]]
    samples += [f"a{chr(cp)}b.com" for cp in range(0xA0, 0x110000, 997) if not 0xD800 <= cp <= 0xDFFF]
    generated = [{"input": text, "output": reference(text)} for text in samples]
    (OUT / "idna-generated.json").write_text(json.dumps({
        "source": f"idna {IDNA_VERSION}: idna.encode(x, uts46=True, std3_rules=True) plus the UTS #46 "
                  f"cross-label Bidi Rule; null output = some error",
        "cases": generated,
    }, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(conformance)} conformance cases ({sum('skip' in c for c in conformance)} marked skip), "
          f"{len(generated)} generated cases ({sum(c['output'] is None for c in generated)} errors)")


main()
