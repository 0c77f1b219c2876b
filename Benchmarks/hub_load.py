#!/usr/bin/env python3
"""Load and measure a running scamhub hub over HTTP (Python 3 standard library only).

Subcommands (each prints a human-readable line per measurement; --json-out FILE also appends one
JSON object per result to FILE, which `summary` turns into a table):

  ingest    publish N new reports in batches of B over K concurrent keep-alive connections;
            bodies are generated before the clock starts, so the client is not the bottleneck.
            Prints reports/s and batch latency p50/p99.
  fill      publish N new reports as fast as possible (bodies generated on the fly, nothing kept
            in memory), e.g. to reach 1,000,000 live reports before `snapshot` and `rss`.
  snapshot  time GET /v1/flaglist/snapshot, binary (Accept: application/vnd.scamhub.flaglist.v1)
            and JSON; validates the binary header, layout and size (and, with --verify-digest, the
            order and the state digest against Scamhub-State-Digest); prints entries and seconds.
  delta     take the current cursor, publish 10,000 changes, then time
            GET /v1/flaglist/changes?after=CURSOR&limit=100000; R repetitions, median.
  lookup    write a wrk Lua script that POSTs a one-token /v1/lookup for a real (published)
            token and run `wrk -t2 -c64 -d20s` R times (or just print the command).
  rss       print VmRSS / VmHWM of the hub process from /proc/PID/status.
  summary   print the results collected with --json-out as a table.

Every report is {"token": <random 64 hex>, "kid": "th-2026-11", "kind": "phone",
"category": "investment_scam", "confidence": 80, "tlp": "green"}. Under the national policy the
bank role receives phone flags: publish with the platform key, read (snapshot, delta, lookup) with
the bank key. Keys can be given with --key/--publish-key or SCAMHUB_KEY/SCAMHUB_PUBLISH_KEY.

Examples:

    python3 Benchmarks/hub_load.py --url http://127.0.0.1:8080 ingest --publish-key shk_… \\
        --reports 300000 --batch 1000 --connections 4 --server-pid 1234
    python3 Benchmarks/hub_load.py fill --publish-key shk_… --reports 700000
    python3 Benchmarks/hub_load.py snapshot --key shk_… --runs 3 --verify-digest
    python3 Benchmarks/hub_load.py delta --key shk_bank… --publish-key shk_platform… --runs 3
    python3 Benchmarks/hub_load.py lookup --key shk_bank… --publish-key shk_platform… --runs 3
    python3 Benchmarks/hub_load.py rss --pid 1234

Benchmarks/hub_bench.sh runs the whole set end to end against a release build.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

KID = "th-2026-11"
BINARY_TYPE = "application/vnd.scamhub.flaglist.v1"
REPORT = ('{"token":"%s","kid":"' + KID + '","kind":"phone","category":"investment_scam",'
          '"confidence":80,"tlp":"green"}')
ACCEPTED = re.compile(rb'"accepted"\s*:\s*(\d+)')
REJECTED = re.compile(rb'"rejected"\s*:\s*(\d+)')


# ---------------------------------------------------------------- helpers

def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


def new_token() -> str:
    return os.urandom(32).hex()


def batch_body(count: int) -> bytes:
    return ('{"reports":[' + ",".join(REPORT % new_token() for _ in range(count))
            + '],"all_or_nothing":false}').encode()


class Hub:
    """A keep-alive connection to the hub (one per thread)."""

    def __init__(self, url: str, timeout: float = 300.0):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme != "http":
            raise SystemExit("only http:// URLs are supported")
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.timeout = timeout
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        headers = dict(headers or {})
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def require_key(value: str | None, name: str, env: str) -> str:
    key = value or os.environ.get(env)
    if not key:
        raise SystemExit(f"{name} is required (or set {env})")
    return key


class CPU:
    """CPU seconds used by this process, its waited-for children and (optionally) the hub."""

    def __init__(self, server_pid: int | None):
        self.server_pid = server_pid
        self.start = self._sample()

    def _sample(self) -> tuple[float, float, float, float]:
        own = os.times()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (time.perf_counter(), own.user + own.system,
                children.ru_utime + children.ru_stime, server_cpu(self.server_pid))

    def split(self) -> dict[str, float]:
        end = self._sample()
        wall = max(end[0] - self.start[0], 1e-9)
        result = {"client_cpu_pct": 100 * (end[1] - self.start[1]) / wall,
                  "child_cpu_pct": 100 * (end[2] - self.start[2]) / wall}
        if self.server_pid:
            result["server_cpu_pct"] = 100 * (end[3] - self.start[3]) / wall
        return result


def server_cpu(pid: int | None) -> float:
    if not pid:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    except OSError:
        return 0.0


def cpu_text(split: dict[str, float]) -> str:
    parts = [f"client {split['client_cpu_pct']:.0f}%"]
    if split.get("child_cpu_pct"):
        parts.append(f"wrk {split['child_cpu_pct']:.0f}%")
    if "server_cpu_pct" in split:
        parts.append(f"hub {split['server_cpu_pct']:.0f}%")
    return "CPU (100% = one core): " + ", ".join(parts)


def emit(options: argparse.Namespace, record: dict) -> None:
    record.setdefault("label", options.label)
    record["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if options.json_out:
        with open(options.json_out, "a") as handle:
            handle.write(json.dumps(record) + "\n")


def readyz(hub: Hub) -> dict:
    status, _, data = hub.request("GET", "/readyz")
    if status != 200:
        raise SystemExit(f"/readyz answered {status}: {data[:300]!r}")
    return json.loads(data)


# ---------------------------------------------------------------- publish (ingest, fill)

def publish(url: str, key: str, reports: int, batch: int, connections: int,
            pregenerate: bool) -> dict:
    """Publishes `reports` new reports; returns counts, wall time and batch latencies."""
    batches = [batch] * (reports // batch) + ([reports % batch] if reports % batch else [])
    bodies: list[bytes] | None = [batch_body(n) for n in batches] if pregenerate else None
    next_index = iter(range(len(batches)))
    lock = threading.Lock()
    latencies: list[float] = []
    totals = {"accepted": 0, "rejected": 0}
    errors: list[str] = []
    headers = auth(key)

    def worker() -> None:
        hub = Hub(url)
        try:
            while not errors:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                body = bodies[index] if bodies is not None else batch_body(batches[index])
                began = time.perf_counter()
                status, _, data = hub.request("POST", "/v1/reports", body, headers)
                elapsed = time.perf_counter() - began
                if status != 200:
                    errors.append(f"batch {index}: HTTP {status}: {data[:500]!r}")
                    return
                accepted = ACCEPTED.search(data)
                rejected = REJECTED.search(data)
                with lock:
                    latencies.append(elapsed)
                    totals["accepted"] += int(accepted.group(1)) if accepted else 0
                    totals["rejected"] += int(rejected.group(1)) if rejected else 0
                if rejected and int(rejected.group(1)):
                    errors.append(f"batch {index}: {rejected.group(1)} rejected: {data[:500]!r}")
        except Exception as error:  # noqa: BLE001 — report and stop every worker
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            hub.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if errors:
        raise SystemExit("publish failed: " + "; ".join(errors[:3]))
    return {"reports": reports, "batch": batch, "connections": connections, "wall_s": wall,
            "accepted": totals["accepted"], "rejected": totals["rejected"],
            "reports_per_s": totals["accepted"] / wall,
            "batch_p50_ms": 1000 * percentile(latencies, 0.50),
            "batch_p99_ms": 1000 * percentile(latencies, 0.99),
            "batch_max_ms": 1000 * max(latencies)}


def command_ingest(options: argparse.Namespace) -> None:
    key = require_key(options.publish_key, "--publish-key", "SCAMHUB_PUBLISH_KEY")
    rates = []
    for run in range(1, options.runs + 1):
        cpu = CPU(options.server_pid)
        result = publish(options.url, key, options.reports, options.batch, options.connections, True)
        result.update(cpu.split())
        rates.append(result["reports_per_s"])
        print(f"ingest run {run}/{options.runs}: {result['accepted']:,} reports in {result['wall_s']:.2f} s "
              f"= {result['reports_per_s']:,.0f} reports/s; batch of {options.batch} p50 "
              f"{result['batch_p50_ms']:.1f} ms, p99 {result['batch_p99_ms']:.1f} ms, "
              f"max {result['batch_max_ms']:.1f} ms ({options.connections} connections); {cpu_text(result)}",
              flush=True)
        emit(options, {"test": "ingest", "run": run, **result})
    if options.runs > 1:
        print(f"ingest median of {options.runs}: {statistics.median(rates):,.0f} reports/s")


def command_fill(options: argparse.Namespace) -> None:
    key = require_key(options.publish_key, "--publish-key", "SCAMHUB_PUBLISH_KEY")
    cpu = CPU(options.server_pid)
    result = publish(options.url, key, options.reports, options.batch, options.connections, False)
    result.update(cpu.split())
    print(f"fill: {result['accepted']:,} reports in {result['wall_s']:.1f} s = "
          f"{result['reports_per_s']:,.0f} reports/s (bodies generated on the fly); {cpu_text(result)}",
          flush=True)
    emit(options, {"test": "fill", **result})


# ---------------------------------------------------------------- snapshot

def parse_binary_snapshot(body: bytes, verify: bool) -> dict:
    """Checks the layout of docs/flaglist.md; with `verify`, also the order and the digest."""
    if len(body) < 4 or body[:4] != b"SHFL":
        raise ValueError(f"not a snapshot: starts {body[:8]!r}")
    if len(body) < 50:
        raise ValueError("truncated header")
    if body[4] != 1 or body[5:8] != b"\0\0\0":
        raise ValueError(f"version {body[4]} / reserved {body[5:8].hex()}")
    cursor = int.from_bytes(body[8:16], "big")
    policy = "sha256:" + body[16:48].hex()
    count_k = int.from_bytes(body[48:50], "big")
    offset, kids = 50, []
    for _ in range(count_k):
        length = body[offset]
        kids.append(body[offset + 1: offset + 1 + length].decode())
        offset += 1 + length
    entries = int.from_bytes(body[offset: offset + 8], "big")
    expected = offset + 8 + 38 * entries + 32
    if len(body) != expected:
        raise ValueError(f"length {len(body)} but header says {expected} ({entries} entries)")
    trailer = body[-32:].hex()
    if verify:
        start = offset + 8
        total, previous = 0, b""
        lists = (b"flag", b"allow")
        kid_bytes = [k.encode() for k in kids]
        prefix = b"scamhub-flaglist-v1\x00"
        sha = hashlib.sha256
        for position in range(start, start + 38 * entries, 38):
            record = body[position: position + 38]
            sort_key = record[:35]
            if sort_key <= previous:
                raise ValueError(f"entries out of order at byte {position}")
            previous = sort_key
            kid = kid_bytes[int.from_bytes(record[32:34], "big")]
            message = prefix + kid + b"\x00" + lists[record[34]] + b"\x00" + record[:32]
            total += int.from_bytes(sha(message).digest(), "big")
        computed = (total % 2 ** 256).to_bytes(32, "big").hex()
        if computed != trailer:
            raise ValueError(f"digest mismatch: trailer {trailer}, computed {computed}")
    return {"cursor": cursor, "policy_version": policy, "key_ids": kids, "entries": entries,
            "bytes": len(body), "digest": trailer}


def timed_get(hub: Hub, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes, float, float]:
    """GET with time to first byte (headers) and to last byte."""
    began = time.perf_counter()
    hub.connection.request("GET", path, headers=headers)
    response = hub.connection.getresponse()
    first = time.perf_counter() - began
    data = response.read()
    total = time.perf_counter() - began
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data, first, total


def command_snapshot(options: argparse.Namespace) -> None:
    key = require_key(options.key, "--key", "SCAMHUB_KEY")
    hub = Hub(options.url)
    for form in options.forms.split(","):
        accept = BINARY_TYPE if form == "binary" else "application/json"
        times = []
        for run in range(1, options.runs + 1):
            cpu = CPU(options.server_pid)
            status, headers, data, first, total = timed_get(
                hub, "/v1/flaglist/snapshot", {**auth(key), "Accept": accept})
            split = cpu.split()
            if status != 200:
                problem = data[:300].decode(errors="replace")
                print(f"snapshot {form} run {run}: HTTP {status} in {total:.3f} s: {problem}", flush=True)
                emit(options, {"test": f"snapshot_{form}", "run": run, "status": status, "seconds": total,
                               "detail": problem})
                break
            if form == "binary":
                if headers.get("content-type") != BINARY_TYPE:
                    raise SystemExit(f"binary snapshot came back as {headers.get('content-type')}")
                parsed = parse_binary_snapshot(data, options.verify_digest and run == 1)
                if parsed["digest"] != headers.get("scamhub-state-digest"):
                    raise SystemExit(f"trailer {parsed['digest']} != header {headers.get('scamhub-state-digest')}")
                entries, checked = parsed["entries"], " (order and digest verified)" if (
                    options.verify_digest and run == 1) else " (layout, size, trailer = header checked)"
            else:
                document = json.loads(data)
                entries, checked = len(document["entries"]), ""
                if document.get("state_digest") != headers.get("scamhub-state-digest"):
                    raise SystemExit("JSON state_digest differs from the header")
            times.append(total)
            print(f"snapshot {form} run {run}/{options.runs}: {entries:,} entries, {len(data) / 1e6:.1f} MB "
                  f"in {total:.3f} s (first byte {first:.3f} s){checked}; {cpu_text(split)}", flush=True)
            emit(options, {"test": f"snapshot_{form}", "run": run, "status": status, "entries": entries,
                           "bytes": len(data), "seconds": total, "first_byte_s": first, **split})
        if len(times) > 1:
            print(f"snapshot {form} median of {len(times)}: {statistics.median(times):.3f} s")
    hub.close()


# ---------------------------------------------------------------- delta

def command_delta(options: argparse.Namespace) -> None:
    key = require_key(options.key, "--key", "SCAMHUB_KEY")
    publish_key = require_key(options.publish_key, "--publish-key", "SCAMHUB_PUBLISH_KEY")
    hub, publisher = Hub(options.url), Hub(options.url)
    bodies_needed = [options.batch] * (options.changes // options.batch) + (
        [options.changes % options.batch] if options.changes % options.batch else [])
    times, warm_times = [], []
    for run in range(1, options.runs + 1):
        # 1. The cursor now (brings the caller's view up to date, as a polling client would be).
        latest = readyz(hub)["latest_sequence"]
        status, _, data = hub.request("GET", f"/v1/flaglist/changes?after={latest}&limit=1", None, auth(key))
        if status != 200:
            raise SystemExit(f"changes answered {status}: {data[:300]!r}")
        cursor = json.loads(data)["cursor"]
        # 2. Publish the changes (not timed).
        bodies = [batch_body(n) for n in bodies_needed]
        for body in bodies:
            status, _, data = publisher.request("POST", "/v1/reports", body, auth(publish_key))
            if status != 200 or int(ACCEPTED.search(data).group(1)) != body.count(b'"token"'):
                raise SystemExit(f"publish for delta answered {status}: {data[:300]!r}")
        # 3. The timed delta (cold: the hub folds the new changes into the view first), then the
        #    same request again (warm: the view is current; only the answer is built).
        path = f"/v1/flaglist/changes?after={cursor}&limit=100000"
        measured = []
        for phase in ("cold", "warm"):
            cpu = CPU(options.server_pid)
            status, _, data, first, total = timed_get(hub, path, auth(key))
            split = cpu.split()
            if status != 200:
                raise SystemExit(f"delta answered {status}: {data[:300]!r}")
            delta = json.loads(data)
            measured.append((phase, total, first, len(delta["added"]), len(delta["removed"]),
                             delta["has_more"], len(data), split))
        for phase, total, first, added, removed, more, size, split in measured:
            if added != options.changes or more:
                print(f"WARNING: expected {options.changes} added and has_more false, got {added} / {more}")
            (times if phase == "cold" else warm_times).append(total)
            print(f"delta run {run}/{options.runs} {phase}: after={cursor} → {added:,} added, {removed:,} removed "
                  f"(has_more {str(more).lower()}), {size / 1e6:.2f} MB in {1000 * total:.1f} ms "
                  f"(first byte {1000 * first:.1f} ms); {cpu_text(split)}", flush=True)
            emit(options, {"test": f"delta_{phase}", "run": run, "added": added, "removed": removed,
                           "has_more": more, "bytes": size, "seconds": total, "first_byte_s": first, **split})
    print(f"delta median of {len(times)}: {1000 * statistics.median(times):.1f} ms cold, "
          f"{1000 * statistics.median(warm_times):.1f} ms warm")
    hub.close()
    publisher.close()


# ---------------------------------------------------------------- lookup

LUA = """-- Generated by Benchmarks/hub_load.py: a one-token POST /v1/lookup, keep-alive.
wrk.method = "POST"
wrk.path = "/v1/lookup"
wrk.body = '%(body)s'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(key)s"
"""


def parse_wrk(output: str) -> dict:
    result: dict = {}
    if match := re.search(r"Requests/sec:\s*([\d.]+)", output):
        result["requests_per_s"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in ([\d.]+)(\w+)", output):
        result["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output):
        result["non_2xx"] = int(match.group(1))
    else:
        result["non_2xx"] = 0
    if match := re.search(r"Socket errors:(.*)", output):
        result["socket_errors"] = match.group(1).strip()
    for percent in ("50", "90", "99"):
        if match := re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
            value, unit = float(match.group(1)), match.group(2)
            result[f"latency_p{percent}_ms"] = value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return result


def command_lookup(options: argparse.Namespace) -> None:
    key = require_key(options.key, "--key", "SCAMHUB_KEY")
    hub = Hub(options.url)
    token = options.token
    if not token:
        publish_key = require_key(options.publish_key, "--publish-key (or --token)", "SCAMHUB_PUBLISH_KEY")
        token = new_token()
        status, _, data = hub.request("POST", "/v1/reports", ('{"reports":[' + REPORT % token + "]}").encode(),
                                      auth(publish_key))
        if status != 200 or b'"accepted":1' not in data.replace(b" ", b""):
            raise SystemExit(f"publishing the lookup token answered {status}: {data[:300]!r}")
    body = json.dumps({"tokens": [{"token": token, "kid": KID}]}, separators=(",", ":"))
    status, _, data = hub.request("POST", "/v1/lookup", body.encode(), auth(key))
    hub.close()
    if status != 200:
        raise SystemExit(f"a single lookup answered {status}: {data[:400]!r} — is the lookup limit raised?")
    found = json.loads(data)["results"][0].get("found")
    print(f"lookup check: HTTP 200, found={found}, {len(data)} bytes")
    script = options.lua or os.path.join(tempfile.gettempdir(), f"scamhub-lookup-{os.getpid()}.lua")
    with open(script, "w") as handle:
        handle.write(LUA % {"body": body, "key": key})
    command = ["wrk", f"-t{options.threads}", f"-c{options.wrk_connections}", f"-d{options.duration}",
               "--latency", "-s", script, options.url]
    if options.print_only or not shutil.which("wrk"):
        if not shutil.which("wrk"):
            print("wrk not found (apt-get install -y wrk); the command would be:")
        print(" ".join(command))
        return
    rates = []
    for run in range(1, options.runs + 1):
        cpu = CPU(options.server_pid)
        completed = subprocess.run(command, capture_output=True, text=True)
        split = cpu.split()
        if completed.returncode != 0:
            raise SystemExit(f"wrk failed ({completed.returncode}): {completed.stderr}")
        result = parse_wrk(completed.stdout)
        rates.append(result.get("requests_per_s", 0.0))
        print(f"lookup run {run}/{options.runs}: {result.get('requests_per_s', 0):,.0f} requests/s, "
              f"p50 {result.get('latency_p50_ms', float('nan')):.2f} ms, "
              f"p99 {result.get('latency_p99_ms', float('nan')):.2f} ms, non-2xx {result['non_2xx']}"
              + (f", socket errors {result['socket_errors']}" if "socket_errors" in result else "")
              + f"; {cpu_text(split)}", flush=True)
        if options.verbose:
            print(completed.stdout)
        emit(options, {"test": "lookup", "run": run, "found": found, "command": " ".join(command),
                       **result, **split})
    if options.runs > 1:
        print(f"lookup median of {options.runs}: {statistics.median(rates):,.0f} requests/s")
    if not options.lua:
        os.unlink(script)


# ---------------------------------------------------------------- rss

def command_rss(options: argparse.Namespace) -> None:
    pid = options.pid or options.server_pid
    if not pid:
        raise SystemExit("--pid is required")
    values = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) / 1024  # kB → MiB
    print(f"rss{(' ' + options.label) if options.label else ''}: VmRSS {values['VmRSS']:.1f} MiB, "
          f"VmHWM {values['VmHWM']:.1f} MiB (pid {pid})")
    emit(options, {"test": "rss", "vmrss_mib": values["VmRSS"], "vmhwm_mib": values["VmHWM"]})


# ---------------------------------------------------------------- summary

def command_summary(options: argparse.Namespace) -> None:
    records = [json.loads(line) for line in open(options.file) if line.strip()]

    def runs(test: str, field: str, label: str | None = None) -> list[float]:
        return [r[field] for r in records
                if r["test"] == test and field in r and r.get("status", 200) == 200
                and (label is None or r.get("label") == label)]

    def med(values: list[float]) -> str:
        return "—" if not values else f"{statistics.median(values):,.3g}"

    rows = []
    for label in dict.fromkeys(r.get("label") for r in records if r["test"] == "ingest"):
        rate = runs("ingest", "reports_per_s", label)
        rows.append((f"ingest ({label})", f"{statistics.median(rate):,.0f} reports/s (median of {len(rate)}); "
                     f"batch p50 {med(runs('ingest', 'batch_p50_ms', label))} ms, "
                     f"p99 {med(runs('ingest', 'batch_p99_ms', label))} ms",
                     "≥ 100,000 reports/s", statistics.median(rate) >= 100_000))
    for record in (r for r in records if r["test"] == "fill"):
        rows.append((f"fill ({record.get('label')})", f"{record['reports_per_s']:,.0f} reports/s "
                     f"({record['accepted']:,} in {record['wall_s']:.0f} s)", "", None))
    for label in dict.fromkeys(r.get("label") for r in records if r["test"].startswith("snapshot")):
        for form in ("binary", "json"):
            done = [r for r in records if r["test"] == f"snapshot_{form}" and r.get("label") == label]
            if not done:
                continue
            if done[0].get("status") != 200:
                rows.append((f"snapshot {form} ({label})", f"HTTP {done[0]['status']}", "", None))
                continue
            seconds = [r["seconds"] for r in done]
            first, rest = seconds[0], seconds[1:] or seconds
            target = "≤ 2 s (1 M entries)" if form == "binary" and done[0]["entries"] >= 1_000_000 else ""
            value = (f"{done[0]['entries']:,} entries: first {first:.3f} s"
                     + (" (builds the caller's view)" if form == "binary" else "") + ", "
                     f"then median {statistics.median(rest):.3f} s")
            rows.append((f"snapshot {form} ({label})", value, target and target + " — repeat requests",
                         (statistics.median(rest) <= 2.0) if target else None))
            if target:
                rows.append((f"snapshot {form} ({label}), first", f"{first:.3f} s", target + " — first request",
                             first <= 2.0))
    cold, warm = runs("delta_cold", "seconds"), runs("delta_warm", "seconds")
    if cold:
        rows.append(("delta 10,000 changes", f"{1000 * statistics.median(cold):.0f} ms (median of {len(cold)}; "
                     f"repeat of same request {1000 * statistics.median(warm):.0f} ms)", "≤ 100 ms",
                     statistics.median(cold) <= 0.1))
    rate = runs("lookup", "requests_per_s")
    if rate:
        rows.append(("lookup 1 token, wrk -t2 -c64", f"{statistics.median(rate):,.0f} requests/s (median of "
                     f"{len(rate)}); p50 {med(runs('lookup', 'latency_p50_ms'))} ms, "
                     f"p99 {med(runs('lookup', 'latency_p99_ms'))} ms", "≥ 20,000 requests/s",
                     statistics.median(rate) >= 20_000))
    for record in (r for r in records if r["test"] == "rss"):
        rows.append((f"RSS ({record.get('label')})", f"VmRSS {record['vmrss_mib']:.0f} MiB, "
                     f"VmHWM {record['vmhwm_mib']:.0f} MiB", "VmRSS ≤ 300 MB",
                     record["vmrss_mib"] * 1.048576 <= 300))
    for record in (r for r in records if r["test"] in ("failed", "crash")):
        what = "the hub crashed (exit status %s)" % record.get("status") if record["test"] == "crash" else "failed"
        rows.append((f"{record['test'].upper()}: {record.get('label')}", what, "", None))
    print_rows(rows, "target ")


def print_rows(rows: list[tuple], target_prefix: str = "") -> None:
    """Prints summary rows (name, value, target, met) as aligned lines with MET/MISSED verdicts."""
    width = max(len(row[0]) for row in rows)
    for name, value, target, met in rows:
        verdict = "" if met is None else ("  MET" if met else "  MISSED")
        print(f"{name:<{width}}  {value}" + (f"  [{target_prefix}{target}]{verdict}" if target else ""))


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("SCAMHUB_URL", "http://127.0.0.1:8080"),
                        help="the hub (default $SCAMHUB_URL or http://127.0.0.1:8080)")
    parser.add_argument("--server-pid", type=int, help="the hub's PID: adds its CPU use to each result")
    parser.add_argument("--json-out", help="append one JSON object per result to this file")
    parser.add_argument("--label", default="", help="a label stored with the results (e.g. '1M live')")
    commands = parser.add_subparsers(dest="command", required=True)

    def publishing(sub: argparse.ArgumentParser, reports: int, connections: int) -> None:
        sub.add_argument("--publish-key", help="a key with scope publish (default $SCAMHUB_PUBLISH_KEY)")
        sub.add_argument("--reports", type=int, default=reports, help=f"reports to publish (default {reports:,})")
        sub.add_argument("--batch", type=int, default=1000, help="reports per request (default 1,000)")
        sub.add_argument("--connections", type=int, default=connections,
                         help=f"concurrent keep-alive connections (default {connections})")

    sub = commands.add_parser("ingest", help="publish N reports in batches, measure reports/s and latency")
    publishing(sub, 300_000, 4)
    sub.add_argument("--runs", type=int, default=1, help="repetitions, each with new tokens (default 1)")
    sub.set_defaults(handler=command_ingest)

    sub = commands.add_parser("fill", help="publish N reports fast (bodies generated on the fly)")
    publishing(sub, 700_000, 4)
    sub.set_defaults(handler=command_fill)

    sub = commands.add_parser("snapshot", help="time the binary and JSON flag-list snapshots")
    sub.add_argument("--key", help="a key with scope consume (default $SCAMHUB_KEY)")
    sub.add_argument("--runs", type=int, default=3, help="repetitions per form (default 3)")
    sub.add_argument("--forms", default="binary,json", help="binary,json (default both)")
    sub.add_argument("--verify-digest", action="store_true",
                     help="on the first binary run, check the entry order and recompute the state digest")
    sub.set_defaults(handler=command_snapshot)

    sub = commands.add_parser("delta", help="publish 10,000 changes after a cursor and time the delta")
    sub.add_argument("--key", help="the reader's key, scope consume (default $SCAMHUB_KEY)")
    sub.add_argument("--publish-key", help="the publisher's key (default $SCAMHUB_PUBLISH_KEY)")
    sub.add_argument("--changes", type=int, default=10_000, help="changes to publish (default 10,000)")
    sub.add_argument("--batch", type=int, default=1000, help="reports per publish request (default 1,000)")
    sub.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    sub.set_defaults(handler=command_delta)

    sub = commands.add_parser("lookup", help="run wrk against POST /v1/lookup with one real token")
    sub.add_argument("--key", help="the looking-up key, scope lookup (default $SCAMHUB_KEY)")
    sub.add_argument("--publish-key", help="publishes the token looked up (unless --token)")
    sub.add_argument("--token", help="an already published token to look up")
    sub.add_argument("--threads", type=int, default=2, help="wrk -t (default 2)")
    sub.add_argument("--wrk-connections", type=int, default=64, help="wrk -c (default 64)")
    sub.add_argument("--duration", default="20s", help="wrk -d (default 20s)")
    sub.add_argument("--runs", type=int, default=1, help="wrk runs (default 1)")
    sub.add_argument("--lua", help="where to write the Lua script (default a temporary file)")
    sub.add_argument("--print-only", action="store_true", help="write the script and print the wrk command")
    sub.add_argument("--verbose", action="store_true", help="print wrk's whole output")
    sub.set_defaults(handler=command_lookup)

    sub = commands.add_parser("rss", help="print VmRSS and VmHWM of the hub process")
    sub.add_argument("--pid", type=int, help="the hub's PID (or --server-pid)")
    sub.set_defaults(handler=command_rss)

    sub = commands.add_parser("summary", help="print results collected with --json-out as a table")
    sub.add_argument("file", help="the --json-out file")
    sub.set_defaults(handler=command_summary)

    options = parser.parse_args()
    options.handler(options)


if __name__ == "__main__":
    main()
