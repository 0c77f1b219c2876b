#!/usr/bin/env python3
"""End-to-end throughput of `scamhub canonicalize` / `scamhub hash` on a file of N lines.

Builds the input, runs the release binary several times with stdout to /dev/null, and prints the
median lines/s and the peak resident memory of the child (which must not grow with N: the batch
path streams).

    apt-get install -y time           # GNU time, for the peak memory
    swift build -c release            # from the repository root
    python3 Benchmarks/cli_throughput.py --lines 1000000 --runs 5
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def phone_lines(count: int) -> list[str]:
    rng = random.Random(7)
    # Thai mobile numbers in the forms people write them; all valid per libphonenumber.
    forms = ["+66 8{} {} {}", "08{}-{}-{}", "+668{}{}{}", "001 66 8{} {} {}"]
    out = []
    for i in range(count):
        a, b, c = rng.randint(1, 9), rng.randint(100, 999), rng.randint(1000, 9999)
        out.append(forms[i % len(forms)].format(a, b, c))
    return out


def run(binary: Path, args: list[str], path: Path) -> tuple[float, int]:
    """Wall time and the peak RSS (KiB) of scamhub itself, measured by GNU time (a child's
    rusage would count this Python process's memory, which a fork copies before exec)."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        with open(path, "rb") as stdin, open(os.devnull, "wb") as stdout:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, str(binary), *args],
                           stdin=stdin, stdout=stdout, check=True)
        elapsed = time.perf_counter() - start
        return elapsed, int(report.read().split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", type=Path, default=ROOT / ".build/release/scamhub")
    options = parser.parse_args()
    if not options.binary.exists():
        sys.exit(f"{options.binary} not found: run `swift build -c release` first")

    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory) / "phones.txt"
        data.write_text("\n".join(phone_lines(options.lines)) + "\n")
        key = Path(directory) / "community.key"
        key.write_text(os.urandom(32).hex() + "\n")
        cases = {
            "canonicalize --kind phone --region TH": ["canonicalize", "--kind", "phone", "--region", "TH"],
            "hash --kind phone --region TH": ["hash", "--kind", "phone", "--region", "TH", "--key-file", str(key)],
        }
        for name, args in cases.items():
            times, rss = [], 0
            for _ in range(options.runs):
                elapsed, peak = run(options.binary, args, data)
                times.append(elapsed)
                rss = max(rss, peak)
            median = statistics.median(times)
            print(f"{name}: {options.lines} lines, median {median:.3f} s over {options.runs} runs "
                  f"= {options.lines / median:,.0f} lines/s; peak RSS {rss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
