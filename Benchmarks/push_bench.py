#!/usr/bin/env python3
"""Load and measure the hub's push fan-out: Server-Sent Events and webhooks (Python 3 standard library;
uses uvloop when it is installed, plain asyncio otherwise).

Subcommands (each prints what it measured; --json-out FILE also appends one JSON object per result
to FILE, which `summary` turns into a table):

  sse      open N concurrent GET /v1/stream connections (bank key, scope subscribe), spread over P
           worker processes, each an asyncio loop reading raw HTTP/1.1 (chunked) with a minimal
           incremental parser. Once every connection has its response head, publish one report (or
           --batch reports) every --interval seconds with the platform key, noting time.monotonic()
           just before each POST. Latency = receipt − publish-send for every (subscriber, event);
           prints p50/p90/p99/max, events received against subscribers × reports, gaps, duplicates,
           out-of-order events, connection failures and (with --server-pid) the hub's RSS.
           --stall N adds N connections that read their response head and then nothing more: a
           stalled reader must not slow the others. --stall-prefill R first publishes R reports to
           them alone, so that the socket buffers are full and the hub's writes to them are stuck
           while the others are measured.
  webhook  start a local receiver (asyncio, answers 204, checks every webhook-signature unless
           --no-verify), create a webhook subscription pointing at it, then (live) publish --events
           reports as fast as possible in batches of 1,000 and measure delivered events/s from the
           first to the last event received; then (drain) pause the subscription, publish --events
           more, resume it and time the backlog drain. Checks that every published sequence number
           arrives.
  summary  print the results collected with --json-out as a table.

Timing: time.monotonic() is CLOCK_MONOTONIC on Linux, one clock for every process on the machine,
so receipt times taken in the worker processes compare with send times taken in the publisher.
A receipt time is taken when a read returns, after the event loop got round to it: the latency
includes the client's own scheduling delay, so watch the client CPU figure on a small machine.

Reports are those of hub_load.py (phone, investment_scam, TLP green): under the national policy the
platform key publishes them and the bank role receives them. The publish answer's results[].sequence
maps each report to its sequence number; if a hub answers none, one "probe" connection per worker
process reads data.report.token from its events and the mapping goes by token instead. Either way
the probes check each event's data.sequence against its id, and with the sequence mapping that
data.report.token is the token published under that number.

The webhook receiver acknowledges every delivery (204), even one whose signature fails to verify: a
bad signature is counted and fails the phase, rather than stalling it in the hub's retries.

Examples:

    python3 Benchmarks/push_bench.py --url http://127.0.0.1:8080 --server-pid 1234 sse \\
        --key shk_bank… --publish-key shk_platform… --subscribers 1000 --publishes 200 --interval 0.05
    python3 Benchmarks/push_bench.py sse --key … --publish-key … --subscribers 1000 --stall 10
    python3 Benchmarks/push_bench.py webhook --key shk_bank… --publish-key shk_platform… --events 100000
    python3 Benchmarks/push_bench.py summary results.jsonl

Benchmarks/push_bench.sh runs the set end to end against a release build.
"""
from __future__ import annotations

import argparse
import array
import asyncio
import base64
import hashlib
import hmac
import json
import multiprocessing
import os
import resource
import socket
import sys
import threading
import time
import urllib.parse

try:  # optional: a faster event loop for the SSE workers and the webhook receiver
    import uvloop
except ImportError:
    uvloop = None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_load import (  # noqa: E402
    REPORT, Hub, auth, emit, new_token, print_rows, readyz, require_key, server_cpu)

HEAD_END = b"\r\n\r\n"


# ---------------------------------------------------------------- helpers

def run_loop(coroutine):
    """asyncio.run, on uvloop when it is installed."""
    if uvloop is not None:
        if hasattr(uvloop, "run"):
            return uvloop.run(coroutine)
        uvloop.install()
    return asyncio.run(coroutine)


def watch_pipe(loop: asyncio.AbstractEventLoop, pipe, callback) -> None:
    """Calls `callback` when `pipe` (a multiprocessing Connection) is readable. uvloop makes a watched
    descriptor non-blocking, and a large send() on it would then fail: set it back to blocking (the
    messages read are small and arrive whole, so reads do not block)."""
    loop.add_reader(pipe.fileno(), callback)
    os.set_blocking(pipe.fileno(), True)


def loop_name() -> str:
    return f"uvloop {uvloop.__version__}" if uvloop is not None else "asyncio"


def pick(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted, non-empty list."""
    index = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


def reports_body(tokens: list[str]) -> bytes:
    return ('{"reports":[' + ",".join(REPORT % token for token in tokens) + '],"all_or_nothing":false}').encode()


def hub_address(url: str) -> tuple[str, int]:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "http":
        raise SystemExit("only http:// URLs are supported")
    return parsed.hostname or "127.0.0.1", parsed.port or 80


def rss_mib(pid: int | None) -> float | None:
    """VmRSS of a process in MiB, or None."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def raise_open_files(needed: int) -> None:
    """Raises the soft RLIMIT_NOFILE to `needed` (child processes inherit it); fails if the hard limit is lower."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise SystemExit(f"need {needed} open files but the hard limit is {hard}: raise it (ulimit -Hn, "
                         "/etc/security/limits.conf) or use fewer connections")
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


class CPUMeter:
    """CPU use of this process, of some other processes (workers, receiver) and of the hub, as % of one core."""

    def __init__(self, server_pid: int | None, others: list[int]):
        self.server_pid, self.others = server_pid, others
        self.start = self._sample()

    def _sample(self) -> tuple[float, float, float, float]:
        own = os.times()
        return (time.monotonic(), own.user + own.system, sum(server_cpu(pid) for pid in self.others),
                server_cpu(self.server_pid))

    def split(self) -> dict[str, float]:
        end = self._sample()
        wall = max(end[0] - self.start[0], 1e-9)
        result = {"client_cpu_pct": 100 * ((end[1] - self.start[1]) + (end[2] - self.start[2])) / wall}
        if self.server_pid:
            result["server_cpu_pct"] = 100 * (end[3] - self.start[3]) / wall
        return result


def cpu_text(split: dict[str, float]) -> str:
    text = f"CPU (100% = one core): client {split['client_cpu_pct']:.0f}%"
    return text + (f", hub {split['server_cpu_pct']:.0f}%" if "server_cpu_pct" in split else "")


def push_metrics(url: str) -> dict[str, float]:
    """The hub's push-related Prometheus counters (names with stream, push or webhook), or {} if /metrics fails."""
    hub = Hub(url, timeout=10)
    try:
        status, _, data = hub.request("GET", "/metrics")
    except OSError:
        return {}
    finally:
        hub.close()
    samples: dict[str, float] = {}
    if status != 200:
        return samples
    gauges: set[str] = set()
    for line in data.decode(errors="replace").splitlines():
        if line.startswith("# TYPE ") and line.endswith(" gauge"):
            gauges.add(line.split()[2])  # a gauge's change says little: the hub may not have seen a close yet
        if not line or line.startswith("#"):
            continue
        series, _, value = line.rpartition(" ")
        name = series.split("{", 1)[0]
        if (any(word in name for word in ("stream", "push", "webhook")) and name not in gauges
                and not name.endswith(("_bucket", "_sum"))):
            try:
                samples[series] = float(value)
            except ValueError:
                pass
    return samples


def metric_changes(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {series: value - before.get(series, 0.0) for series, value in sorted(after.items())
            if value != before.get(series, 0.0)}


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    """Status code and lower-cased headers of an HTTP/1.1 response head (ending in CRLF CRLF)."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ProtocolError(f"not an HTTP response: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            name = name.strip().lower()
            headers[name] = (headers[name] + ", " + value.strip()) if name in headers else value.strip()
    return int(parts[1]), headers


def stream_request(host: str, port: int, path: str, key: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n"
            "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").encode()


# ---------------------------------------------------------------- incremental parsers

class ProtocolError(Exception):
    pass


class ChunkedDecoder:
    """Incremental decoder of the HTTP/1.1 chunked transfer coding (RFC 9112 §7.1).

    feed() takes bytes exactly as read from the socket, split anywhere, and returns the payload bytes
    they complete. After the last chunk and its trailer section `finished` is true and `rest` holds
    any bytes that followed (the next request on a keep-alive connection)."""

    def __init__(self) -> None:
        self._raw = b""          # bytes not decoded yet (a partial size line or CRLF)
        self._left = 0           # payload bytes of the current chunk still to come
        self._crlf = False       # the CRLF after a chunk's payload is due
        self._trailers = False   # after the last (zero-size) chunk: trailer lines until an empty one
        self.finished = False
        self.rest = b""

    def feed(self, data: bytes) -> bytes:
        if self.finished:
            self.rest += data
            return b""
        if not (self._raw or self._left or self._crlf or self._trailers):
            # Fast path: the read is exactly one whole chunk (the usual case: one write per event).
            end = data.find(b"\r\n")
            if 0 < end <= 8 and data.endswith(b"\r\n"):
                try:
                    length = int(data[:end], 16)
                except ValueError:
                    length = -1
                if length > 0 and len(data) == end + 4 + length:
                    return data[end + 2:end + 2 + length]
        buffer = self._raw + data if self._raw else data
        out: list[bytes] = []
        position, size = 0, len(buffer)
        while position < size:
            if self._left:
                take = min(self._left, size - position)
                out.append(buffer[position:position + take])
                position += take
                self._left -= take
                self._crlf = not self._left
            elif self._crlf:
                if size - position < 2:
                    break
                if buffer[position:position + 2] != b"\r\n":
                    raise ProtocolError("a chunk is not followed by CRLF")
                position += 2
                self._crlf = False
            else:
                end = buffer.find(b"\r\n", position)
                if end < 0:
                    if size - position > 4096:
                        raise ProtocolError("chunk size line too long")
                    break
                line = buffer[position:end]
                position = end + 2
                if self._trailers:
                    if not line:  # the empty line that ends the message
                        self.finished = True
                        self.rest = buffer[position:]
                        position = size
                    continue
                try:
                    length = int(line.split(b";", 1)[0].strip(), 16)  # chunk extensions are ignored
                except ValueError:
                    raise ProtocolError(f"bad chunk size line {line[:40]!r}") from None
                if length:
                    self._left = length
                else:
                    self._trailers = True
        self._raw = buffer[position:] if not self.finished else b""
        return out[0] if len(out) == 1 else b"".join(out)


class SSEParser:
    """A minimal incremental text/event-stream parser for the hub's stream.

    Per event it only splits the block into lines and looks at `id:` and `event:`: each change
    (any event with an id other than `cursor` and `disconnect`) appends its sequence number and the
    receipt time to two flat arrays. Lines may end in LF or CRLF (a lone CR is not a line end here,
    though the SSE specification allows it). With probe=True the parser also decodes each change's
    data JSON and keeps data.report.token per sequence number, checking data.sequence against id."""

    def __init__(self, chunked: bool, probe: bool = False) -> None:
        self.chunks = ChunkedDecoder() if chunked else None
        self._text = b""                      # an incomplete event block
        self.seqs = array.array("q")          # sequence number of each change, as received
        self.times = array.array("d")         # its receipt time (time.monotonic())
        self.tokens: dict[int, str] | None = {} if probe else None
        self.probe_errors: list[str] = []
        self.kinds: dict[str, int] = {}       # change events by event type
        self.heartbeats = self.cursors = self.bad_ids = 0
        self.retry_ms: int | None = None
        self.disconnect: str | None = None    # data of an `event: disconnect`
        self.last_id: bytes | None = None
        self.ended = False                    # the chunked body ended (zero-size chunk)

    def feed(self, data: bytes, now: float) -> None:
        if self.chunks is not None:
            data = self.chunks.feed(data)
            self.ended = self.chunks.finished
        text = self._text + data if self._text else data
        if b"\r" in text:
            text = text.replace(b"\r\n", b"\n")  # a CR at the very end stays until its LF arrives
        if b"\n\n" not in text:
            self._text = text
            return
        blocks = text.split(b"\n\n")
        self._text = blocks.pop()
        for block in blocks:
            if block:
                self._event(block, now)

    def _event(self, block: bytes, now: float) -> None:
        if block[0] == 0x3A and b"\n" not in block:  # ": heartbeat" — a lone comment
            self.heartbeats += 1
            return
        kind, ident, data = b"message", None, None
        for line in block.split(b"\n"):
            field, _, value = line.partition(b":")
            if value[:1] == b" ":
                value = value[1:]
            if field == b"id":
                ident = value
            elif field == b"event":
                kind = value
            elif field == b"data":
                data = value if data is None else data + b"\n" + value
            elif field == b"retry" and value.isdigit():
                self.retry_ms = int(value)
        if ident is not None:
            self.last_id = ident
        if kind == b"cursor":
            self.cursors += 1
        elif kind == b"disconnect":
            self.disconnect = (data or b"").decode(errors="replace")
        elif ident is not None:
            try:
                sequence = int(ident)
            except ValueError:
                self.bad_ids += 1
                return
            self.seqs.append(sequence)
            self.times.append(now)
            name = kind.decode(errors="replace")
            self.kinds[name] = self.kinds.get(name, 0) + 1
            if self.tokens is not None:
                self._probe(sequence, name, data)

    def _probe(self, sequence: int, kind: str, data: bytes | None) -> None:
        try:
            change = json.loads(data or b"")
            if change.get("sequence") != sequence or change.get("type") != kind:
                self.probe_errors.append(f"id {sequence} / event {kind} but data says sequence "
                                         f"{change.get('sequence')} / type {change.get('type')}")
            self.tokens[sequence] = change["report"]["token"]
        except (ValueError, KeyError, TypeError) as error:
            self.probe_errors.append(f"id {sequence}: unreadable data ({type(error).__name__}: {error})")


# ---------------------------------------------------------------- sse: worker processes

class Subscriber:
    """One SSE connection in a worker process."""

    def __init__(self, index: int, probe: bool):
        self.index, self.probe = index, probe
        self.status: int | None = None
        self.chunked = False
        self.error: str | None = None
        self.connected = False
        self.closed_early = False   # the hub ended the stream before the benchmark did
        self.bytes = 0              # bytes read after the response head
        self.parser: SSEParser | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def run(self, host: str, port: int, request: bytes, timeout: float,
                  gate: asyncio.Semaphore, on_head) -> None:
        try:
            reader = await self._connect(host, port, request, timeout, gate)
        finally:
            on_head()
        if reader is not None:
            await self._read(reader)

    async def _connect(self, host, port, request, timeout, gate) -> asyncio.StreamReader | None:
        async with gate:  # bounds connections in progress, so a listen backlog does not overflow
            try:
                reader, self.writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                self.writer.write(request)
                head = await asyncio.wait_for(reader.readuntil(HEAD_END), timeout)
                self.status, headers = parse_head(head)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                    ProtocolError) as error:
                self.error = f"connect: {type(error).__name__}: {error}".strip(": ")
                return None
        content_type = headers.get("content-type", "")
        self.chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if self.status != 200 or not content_type.startswith("text/event-stream"):
            try:
                body = await asyncio.wait_for(reader.read(400), 1.0)
            except (OSError, asyncio.TimeoutError):
                body = b""
            self.error = f"HTTP {self.status} ({content_type}): {body[:300].decode(errors='replace')}"
            self.writer.close()
            return None
        self.connected = True
        self.parser = SSEParser(self.chunked, self.probe)
        return reader

    async def _read(self, reader: asyncio.StreamReader) -> None:
        feed, clock = self.parser.feed, time.monotonic
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    self.closed_early = True
                    return
                feed(data, clock())
                self.bytes += len(data)
        except (OSError, ProtocolError) as error:
            self.error = f"read: {type(error).__name__}: {error}"
            self.closed_early = True

    def finished(self, want: int) -> bool:
        return not self.connected or self.closed_early or len(self.parser.seqs) >= want

    def result(self) -> dict:
        result = {"index": self.index, "status": self.status, "error": self.error, "connected": self.connected,
                  "chunked": self.chunked, "closed_early": self.closed_early, "bytes": self.bytes}
        if self.parser is not None:
            parser = self.parser
            result.update(seqs=parser.seqs, times=parser.times, tokens=parser.tokens,
                          probe_errors=parser.probe_errors[:5], kinds=parser.kinds, heartbeats=parser.heartbeats,
                          cursors=parser.cursors, bad_ids=parser.bad_ids, retry_ms=parser.retry_ms,
                          disconnect=parser.disconnect)
        return result


async def sse_worker(pipe, params: dict) -> None:
    """Opens this worker's connections, reports ("ready", …), waits for ("finish", want, deadline,
    linger), then reports ("results", [one dict per connection])."""
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue = asyncio.Queue()

    def on_pipe() -> None:
        try:
            while pipe.poll():
                inbox.put_nowait(pipe.recv())
        except (EOFError, OSError):
            loop.remove_reader(pipe.fileno())
            inbox.put_nowait(("stop",))

    watch_pipe(loop, pipe, on_pipe)
    host, port = params["host"], params["port"]
    request = stream_request(host, port, params["path"], params["key"])
    subscribers = [Subscriber(index, probe=(n == 0)) for n, index in enumerate(params["indices"])]
    pending = [len(subscribers)]
    all_heads = asyncio.Event()

    def on_head() -> None:
        pending[0] -= 1
        if not pending[0]:
            all_heads.set()

    gate = asyncio.Semaphore(params["connect_concurrency"])
    began = time.monotonic()
    tasks = [asyncio.create_task(s.run(host, port, request, params["timeout"], gate, on_head)) for s in subscribers]
    if subscribers:
        await all_heads.wait()
    connected = [s for s in subscribers if s.connected]
    pipe.send(("ready", {"connected": len(connected), "failed": len(subscribers) - len(connected),
                         "connect_s": time.monotonic() - began,
                         "errors": [s.error for s in subscribers if s.error][:5]}))
    message = await inbox.get()
    if message[0] == "finish":
        _, want, deadline, linger = message
        while time.monotonic() < deadline and not all(s.finished(want) for s in connected):
            await asyncio.sleep(0.02)
        await asyncio.sleep(linger)  # late duplicates would show up now
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for s in subscribers:
        if s.writer is not None:
            s.writer.close()
    pipe.send(("results", [s.result() for s in subscribers]))


def sse_worker_main(pipe, params: dict) -> None:
    try:
        run_loop(sse_worker(pipe, params))
    except KeyboardInterrupt:
        pass


# ---------------------------------------------------------------- sse: stalled readers

class StalledReader:
    """A connection that reads its response head and then nothing, with a small receive buffer so
    the hub's writes to it block after a few kilobytes."""

    def __init__(self, host: str, port: int, request: bytes, rcvbuf: int, timeout: float):
        self.error: str | None = None
        self.leftover = b""
        self.chunked = False
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)  # before connect: sets the window
            self.sock.settimeout(timeout)
            self.sock.connect((host, port))
            self.sock.sendall(request)
            head = b""
            while HEAD_END not in head:
                data = self.sock.recv(1024)
                if not data:
                    raise ProtocolError("closed before the response head")
                head += data
            head, _, self.leftover = head.partition(HEAD_END)
            status, headers = parse_head(head + HEAD_END)
            self.chunked = "chunked" in headers.get("transfer-encoding", "").lower()
            if status != 200:
                self.error = f"HTTP {status}"
        except (OSError, ProtocolError) as error:
            self.error = f"{type(error).__name__}: {error}"

    def drain(self, quiet: float, limit: float) -> dict:
        """After the run: reads what the hub kept for this reader until `quiet` seconds pass without data."""
        parser = SSEParser(self.chunked)
        closed = False
        if self.error is None:
            parser.feed(self.leftover, 0.0)
            self.sock.settimeout(quiet)
            end = time.monotonic() + limit
            try:
                while time.monotonic() < end:
                    data = self.sock.recv(262144)
                    if not data:
                        closed = True
                        break
                    parser.feed(data, 0.0)
            except socket.timeout:
                pass
            except (OSError, ProtocolError):
                closed = True
        self.sock.close()
        return {"events": len(parser.seqs), "closed": closed, "disconnect": parser.disconnect}


# ---------------------------------------------------------------- sse: publisher and analysis

def publish_paced(url: str, key: str, publishes: int, batch: int, interval: float) -> dict:
    """Publishes `publishes` requests of `batch` new reports, one every `interval` seconds (on a fixed
    schedule, not interval after the previous answer); notes time.monotonic() just before each POST."""
    tokens = [[new_token() for _ in range(batch)] for _ in range(publishes)]
    bodies = [reports_body(group) for group in tokens]
    hub, headers = Hub(url), auth(key)
    by_sequence: dict[int, tuple[float, str]] = {}   # sequence → (send time, token)
    by_token: dict[str, float] = {}
    round_trips, late, rejected = [], 0, []
    start = time.monotonic() + 0.05
    for number, (group, body) in enumerate(zip(tokens, bodies)):
        delay = start + number * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        elif delay < -interval:
            late += 1   # the hub (or this machine) could not keep up with the schedule
        sent = time.monotonic()
        status, _, data = hub.request("POST", "/v1/reports", body, headers)
        round_trips.append(time.monotonic() - sent)
        if status != 200:
            raise SystemExit(f"publish {number} answered HTTP {status}: {data[:300]!r}")
        for position, result in enumerate(json.loads(data).get("results", [])):
            token = group[result.get("index", position)]
            if result.get("status") != "created":
                rejected.append(f"{result.get('status')}: {result.get('error', '')}")
                continue
            by_token[token] = sent
            if isinstance(result.get("sequence"), int):
                by_sequence[result["sequence"]] = (sent, token)
    wall = time.monotonic() - start
    hub.close()
    if rejected:
        raise SystemExit(f"{len(rejected)} reports not created, e.g. {rejected[0]}")
    round_trips.sort()
    return {"by_sequence": by_sequence, "by_token": by_token, "late": late, "wall_s": wall,
            "publish_p50_ms": 1000 * pick(round_trips, 0.5), "publish_p99_ms": 1000 * pick(round_trips, 0.99),
            "publish_max_ms": 1000 * round_trips[-1]}


def analyse_sse(results: list[dict], sent_of: dict[int, float], floor: int) -> dict:
    """Latencies and delivery errors over every (subscriber, event)."""
    expected = len(sent_of)
    latencies: list[float] = []
    last_receipt: dict[int, float] = {}   # sequence → its receipt by the last subscriber
    totals = {"received": 0, "missing": 0, "duplicates": 0, "out_of_order": 0, "foreign": 0,
              "subscribers_with_errors": 0}
    for result in results:
        if not result["connected"]:
            continue
        seen: set[int] = set()
        highest, duplicates, disorder, foreign = floor, 0, 0, 0
        for sequence, received in zip(result["seqs"], result["times"]):
            if sequence in seen:
                duplicates += 1
                continue
            seen.add(sequence)
            if sequence < highest:
                disorder += 1
            else:
                highest = sequence
            sent = sent_of.get(sequence)
            if sent is None:
                foreign += 1   # a change this run did not publish (another publisher, an expiry)
                continue
            latencies.append(received - sent)
            if received > last_receipt.get(sequence, 0.0):
                last_receipt[sequence] = received
        got = len(seen) - foreign
        totals["received"] += got
        totals["missing"] += expected - got
        totals["duplicates"] += duplicates
        totals["out_of_order"] += disorder
        totals["foreign"] += foreign
        totals["subscribers_with_errors"] += bool(expected - got or duplicates or disorder)
    latencies.sort()
    fanout = sorted(last_receipt[s] - sent_of[s] for s in last_receipt)
    if latencies:
        totals.update({f"latency_{name}_ms": 1000 * pick(latencies, fraction)
                       for name, fraction in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))})
        totals["latency_max_ms"] = 1000 * latencies[-1]
        totals["latency_min_ms"] = 1000 * latencies[0]
    if fanout:
        totals["fanout_p50_ms"] = 1000 * pick(fanout, 0.5)
        totals["fanout_p99_ms"] = 1000 * pick(fanout, 0.99)
        totals["fanout_max_ms"] = 1000 * fanout[-1]
    return totals


def command_sse(options: argparse.Namespace) -> None:
    key = require_key(options.key, "--key", "SCAMHUB_KEY")
    publish_key = require_key(options.publish_key, "--publish-key", "SCAMHUB_PUBLISH_KEY")
    host, port = hub_address(options.url)
    raise_open_files(options.subscribers + options.stall + 256)
    hub = Hub(options.url)
    floor = readyz(hub)["latest_sequence"] if options.after == "latest" else (
        -1 if options.after == "none" else int(options.after))
    hub.close()
    path = "/v1/stream" + (f"?after={floor}" if floor >= 0 else "")
    floor = max(floor, 0)
    metrics_before = push_metrics(options.url)

    # 1. The stalled readers, if any, first: with --stall-prefill they alone receive a burst of reports
    #    that fills the socket buffers between them and the hub (megabytes on Linux loopback), so the
    #    hub's writes to them are stuck before the measured run begins.
    stalled = [StalledReader(host, port, stream_request(host, port, path, key), options.stall_rcvbuf,
                             options.connect_timeout) for _ in range(options.stall)]
    stall_failed = [s.error for s in stalled if s.error]
    if options.stall:
        print(f"sse: {options.stall - len(stall_failed)} stalled readers connected (receive buffer "
              f"{options.stall_rcvbuf} bytes)" + (f"; failures: {stall_failed[:3]}" if stall_failed else ""),
              flush=True)
    if options.stall and options.stall_prefill:
        publish_bulk(options.url, publish_key, options.stall_prefill, 1000, 2)
        hub = Hub(options.url)
        floor = readyz(hub)["latest_sequence"]  # the others start after the burst
        hub.close()
        path = f"/v1/stream?after={floor}"
        print(f"sse: published {options.stall_prefill:,} reports for the stalled readers only", flush=True)

    # 2. The subscribers: connection i goes to worker i mod P; each worker waits for all its heads.
    rss_before = rss_mib(options.server_pid)
    context = multiprocessing.get_context("fork")
    workers = []
    for number in range(options.processes):
        indices = list(range(number, options.subscribers, options.processes))
        ours, theirs = context.Pipe()
        process = context.Process(target=sse_worker_main, daemon=True, args=(theirs, {
            "host": host, "port": port, "path": path, "key": key, "indices": indices,
            "connect_concurrency": max(1, options.connect_concurrency // options.processes),
            "timeout": options.connect_timeout}))
        process.start()
        theirs.close()
        workers.append((process, ours))
    connected, failed, connect_s, errors = 0, 0, 0.0, []
    for process, pipe in workers:
        if not pipe.poll(options.connect_timeout * (1 + options.subscribers / max(1, options.connect_concurrency))):
            raise SystemExit("a worker did not report its connections in time")
        _, ready = pipe.recv()
        connected += ready["connected"]
        failed += ready["failed"]
        connect_s = max(connect_s, ready["connect_s"])
        errors += ready["errors"]
    print(f"sse: {connected:,} of {options.subscribers:,} subscribers connected in {connect_s:.2f} s "
          f"({options.processes} processes, {loop_name()}; {path})", flush=True)
    for error in errors[:3]:
        print(f"  connection failure: {error}")
    if not connected and options.subscribers:
        for process, pipe in workers:
            pipe.send(("stop",))
            process.join(10)
        raise SystemExit("no subscriber connected: nothing to measure")
    time.sleep(options.settle)
    rss_connected = rss_mib(options.server_pid)

    # 3. Publish on schedule; then tell the workers how many changes each subscriber should see.
    cpu = CPUMeter(options.server_pid, [process.pid for process, _ in workers])
    published = publish_paced(options.url, publish_key, options.publishes, options.batch, options.interval)
    want = options.publishes * options.batch
    deadline = time.monotonic() + options.drain_timeout
    for _, pipe in workers:
        pipe.send(("finish", want, deadline, options.linger))
    results: list[dict] = []
    for process, pipe in workers:
        if not pipe.poll(options.drain_timeout + options.linger + 60):
            raise SystemExit("a worker did not report its results in time")
        results += pipe.recv()[1]
    split = cpu.split()  # before join: /proc/PID/stat of a worker goes when it is reaped
    for process, _ in workers:
        process.join(10)
    rss_end = rss_mib(options.server_pid)
    stall_after = [s.drain(options.stall_quiet, 10.0) for s in stalled]
    metrics = metric_changes(metrics_before, push_metrics(options.url))

    # 4. Map sequence numbers to send times: from the publish answers, or else by token via the probes.
    probes = [r for r in results if r.get("tokens") is not None]
    probe_tokens: dict[int, str] = {}
    for probe in probes:
        probe_tokens.update(probe["tokens"])
    by_sequence = published["by_sequence"]
    if len(by_sequence) == want:
        mapping = "sequence"
        sent_of = {sequence: sent for sequence, (sent, _) in by_sequence.items()}
        mismatched = sum(1 for s, t in probe_tokens.items() if s in by_sequence and by_sequence[s][1] != t)
    else:
        mapping = "token"
        print("NOTE: the publish answer carries no results[].sequence: mapping by data.report.token "
              f"of the {len(probes)} probe connections")
        sent_of = {s: published["by_token"][t] for s, t in probe_tokens.items() if t in published["by_token"]}
        mismatched = want - len(sent_of)
    probe_errors = [e for probe in probes for e in probe["probe_errors"]]
    analysis = analyse_sse(results, sent_of, floor)
    expected = options.subscribers * want
    closed_early = sum(1 for r in results if r["closed_early"])
    disconnects = [r["disconnect"] for r in results if r.get("disconnect")]
    kinds: dict[str, int] = {}
    for r in results:
        for kind, count in r.get("kinds", {}).items():
            kinds[kind] = kinds.get(kind, 0) + count
    ok = (analysis["received"] == expected and not failed and not closed_early and not mismatched
          and not probe_errors and not any(analysis[k] for k in ("duplicates", "out_of_order")))
    record = {
        "test": "sse", "subscribers": options.subscribers, "processes": options.processes, "loop": loop_name(),
        "publishes": options.publishes, "batch": options.batch, "interval_s": options.interval,
        "stall": options.stall, "connected": connected, "connect_failures": failed, "connect_s": connect_s,
        "mapping": mapping, "expected_events": expected, **analysis, "closed_early": closed_early,
        "disconnect_events": len(disconnects), "mapping_mismatches": mismatched,
        "probe_errors": len(probe_errors), "event_kinds": kinds, "late_publishes": published["late"],
        "publish_wall_s": published["wall_s"],
        **{k: published[k] for k in ("publish_p50_ms", "publish_p99_ms", "publish_max_ms")},
        "not_chunked": sum(1 for r in results if r["connected"] and not r["chunked"]),
        "without_retry": sum(1 for r in results if r["connected"] and r.get("retry_ms") is None),
        "heartbeats": sum(r.get("heartbeats", 0) for r in results),
        "cursor_events": sum(r.get("cursors", 0) for r in results),
        "bytes_per_subscriber": sum(r["bytes"] for r in results) / max(1, connected),
        "hub_metrics_change": metrics, **split, "ok": ok}
    if rss_before is not None:
        record.update(hub_rss_before_mib=rss_before, hub_rss_connected_mib=rss_connected, hub_rss_end_mib=rss_end)
    if options.stall:
        record.update(stall_failures=len(stall_failed), stall_prefill=options.stall_prefill,
                      stall_events_after=sum(s["events"] for s in stall_after),
                      stall_closed=sum(1 for s in stall_after if s["closed"]),
                      stall_disconnect_events=sum(1 for s in stall_after if s["disconnect"]))
    print_sse(record, errors, disconnects, probe_errors)
    emit(options, record)


def print_sse(r: dict, errors: list[str], disconnects: list[str], probe_errors: list[str]) -> None:
    print(f"sse: {r['subscribers']:,} subscribers" + (f" (+{r['stall']} stalled)" if r["stall"] else "")
          + f", {r['publishes']:,} publishes × {r['batch']} every {1000 * r['interval_s']:.0f} ms "
          f"({r['publishes'] * r['batch'] / r['publish_wall_s']:,.1f} reports/s achieved"
          + (f", {r['late_publishes']} more than one interval late" if r["late_publishes"] else "")
          + f"); publish POST p50 {r['publish_p50_ms']:.1f} ms, p99 {r['publish_p99_ms']:.1f} ms")
    print(f"  received {r['received']:,} of {r['expected_events']:,} events "
          f"({r['connect_failures']} connection failures, {r['closed_early']} closed early by the hub): "
          f"{r['missing']:,} missing, {r['duplicates']:,} duplicates, {r['out_of_order']:,} out of order, "
          f"{r['foreign']:,} foreign; mapped by {r['mapping']}"
          + (f", {r['mapping_mismatches']} mapping mismatches" if r["mapping_mismatches"] else ""))
    if "latency_p50_ms" in r:
        print(f"  latency p50 {r['latency_p50_ms']:.1f} ms, p90 {r['latency_p90_ms']:.1f} ms, "
              f"p99 {r['latency_p99_ms']:.1f} ms, max {r['latency_max_ms']:.1f} ms; to the last subscriber "
              f"p50 {r['fanout_p50_ms']:.1f} ms, p99 {r['fanout_p99_ms']:.1f} ms, max {r['fanout_max_ms']:.1f} ms")
    if "hub_rss_before_mib" in r and r["hub_rss_connected_mib"] is not None:
        per = 1024 * (r["hub_rss_connected_mib"] - r["hub_rss_before_mib"]) / max(1, r["connected"])
        print(f"  hub RSS {r['hub_rss_before_mib']:.1f} MiB before the subscribers → {r['hub_rss_connected_mib']:.1f} "
              f"MiB connected ({per:+.1f} KiB per subscriber) → {r['hub_rss_end_mib']:.1f} MiB at the end")
    print(f"  {cpu_text(r)}; {r['heartbeats']} heartbeats, {r['cursor_events']} cursor events"
          + (f"; {r['not_chunked']} streams not chunked" if r["not_chunked"] else "")
          + (f"; {r['without_retry']} streams without retry:" if r["without_retry"] else ""))
    if r["stall"]:
        print(f"  stalled readers: {r['stall'] - r['stall_failures']} held; reading them afterwards gave "
              f"{r['stall_events_after']:,} events, {r['stall_closed']} had been closed by the hub "
              f"({r['stall_disconnect_events']} with a disconnect event)")
        if not r["stall_closed"] and not r["stall_prefill"]:
            print("  NOTE: without --stall-prefill the socket buffers (megabytes on loopback) may hold all a "
                  "stalled reader was due, so the hub never had to wait for it.")
    if r["hub_metrics_change"]:
        print("  hub metrics, change over the run: "
              + ", ".join(f"{series} {value:+,.0f}" for series, value in r["hub_metrics_change"].items()))
    for text in disconnects[:3]:
        print(f"  disconnect event: {text[:200]}")
    for text in (errors + probe_errors)[:5]:
        print(f"  error: {text}")
    print(f"sse: {'OK' if r['ok'] else 'FAILED'}: every subscriber received every event exactly once, "
          f"in order{'' if r['ok'] else ' — NOT MET'}", flush=True)


# ---------------------------------------------------------------- webhook: receiver process

class Receiver:
    """What the webhook receiver has seen in the current phase."""

    def __init__(self, verify: bool):
        self.verify = verify
        self.key: bytes | None = None
        self.subscription: str | None = None
        self.unverified: list[tuple[str, str, str, bytes]] = []  # arrived before the secret was known
        self.ids: set[str] = set()
        self.reset()

    def reset(self) -> None:
        self.times: dict[int, float] = {}     # sequence → first receipt (time.monotonic())
        self.expected: set[int] | None = None
        self.floor = -1                        # without an expected set: every sequence above it
        self.expected_received = 0
        self.first = self.last = None          # first and last receipt of an expected sequence
        self.stats = dict(requests=0, changes=0, duplicates=0, out_of_order=0, bad_signatures=0,
                          unsigned=0, bad_bodies=0, wrong_subscription=0, redeliveries=0, max_batch=0,
                          bytes=0, max_skew_s=0.0)
        self.highest = -1
        self.next = None

    def counts(self, sequence: int) -> bool:
        return sequence in self.expected if self.expected is not None else sequence > self.floor

    def expect(self, sequences: list[int] | None, floor: int) -> None:
        self.expected = set(sequences) if sequences is not None else None
        self.floor = floor
        mine = [t for s, t in self.times.items() if self.counts(s)]
        self.expected_received = len(mine)
        self.first, self.last = (min(mine), max(mine)) if mine else (None, None)

    def check_signature(self, webhook_id: str, timestamp: str, signature: str, body: bytes) -> None:
        digest = hmac.new(self.key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
        wanted = base64.b64encode(digest)
        if not any(part.startswith("v1,") and hmac.compare_digest(part[3:].encode(), wanted)
                   for part in signature.split()):
            self.stats["bad_signatures"] += 1

    def handle(self, headers: dict[str, str], body: bytes, now: float) -> None:
        stats = self.stats
        stats["requests"] += 1
        stats["bytes"] += len(body)
        webhook_id = headers.get("webhook-id", "")
        timestamp = headers.get("webhook-timestamp", "")
        signature = headers.get("webhook-signature", "")
        if webhook_id in self.ids:
            stats["redeliveries"] += 1
        self.ids.add(webhook_id)
        if timestamp.isdigit():
            stats["max_skew_s"] = max(stats["max_skew_s"], abs(time.time() - int(timestamp)))
        if self.verify:
            if not (webhook_id and timestamp and signature):
                stats["unsigned"] += 1
            elif self.key is None:
                self.unverified.append((webhook_id, timestamp, signature, body))
            else:
                self.check_signature(webhook_id, timestamp, signature, body)
        try:
            document = json.loads(body)
            data = document["data"]
            changes = data["changes"]
            if document.get("type") != "scamhub.changes":
                stats["bad_bodies"] += 1
        except (ValueError, KeyError, TypeError):
            stats["bad_bodies"] += 1
            return
        if self.subscription and data.get("subscription") != self.subscription:
            stats["wrong_subscription"] += 1
        self.next = data.get("next", self.next)
        stats["changes"] += len(changes)
        stats["max_batch"] = max(stats["max_batch"], len(changes))
        times = self.times
        for change in changes:
            sequence = change.get("sequence")
            if not isinstance(sequence, int):
                stats["bad_bodies"] += 1
                continue
            if sequence in times:
                stats["duplicates"] += 1
                continue
            times[sequence] = now
            if sequence < self.highest:
                stats["out_of_order"] += 1
            else:
                self.highest = sequence
            if self.counts(sequence):
                self.expected_received += 1
                self.first = self.first or now
                self.last = now

    def progress(self) -> dict:
        return {"expected_received": self.expected_received, "distinct": len(self.times),
                "first": self.first, "last": self.last, "requests": self.stats["requests"]}

    def take(self) -> dict:
        """The phase's summary; then starts the next phase afresh."""
        result = {**self.progress(), **self.stats, "next": self.next}
        if self.expected is not None:
            result["missing"] = len(self.expected - self.times.keys())
            result["foreign"] = sum(1 for s in self.times if s not in self.expected)
        else:
            result["missing"], result["foreign"] = None, sum(1 for s in self.times if s <= self.floor)
        self.reset()
        return result


class HookProtocol(asyncio.Protocol):
    """HTTP/1.1 server side of one connection from the hub: keep-alive, Content-Length or chunked bodies."""

    def __init__(self, receiver: Receiver, path: str):
        self.receiver, self.path = receiver, path
        self.buffer = b""
        self.head: tuple[str, str, dict[str, str]] | None = None
        self.chunks: ChunkedDecoder | None = None
        self.body: list[bytes] = []
        self.transport = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer = self.buffer + data if self.buffer else data
        try:
            while self._step():
                pass
        except (ProtocolError, ValueError) as error:
            self.transport.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            self.transport.close()
            print(f"webhook receiver: bad request: {error}", file=sys.stderr)

    def _step(self) -> bool:
        """Handles one request if the buffer holds all of it; False when more bytes are needed."""
        if self.head is None:
            end = self.buffer.find(HEAD_END)
            if end < 0:
                return False
            lines = self.buffer[:end].decode("latin-1").split("\r\n")
            self.buffer = self.buffer[end + 4:]
            method, target, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            self.head = (method, target, headers)
            self.chunks = ChunkedDecoder() if "chunked" in headers.get("transfer-encoding", "").lower() else None
            self.body = []
        method, target, headers = self.head
        if self.chunks is not None:
            if self.buffer:
                self.body.append(self.chunks.feed(self.buffer))
                self.buffer = b""
            if not self.chunks.finished:
                return False
            body, self.buffer = b"".join(self.body), self.chunks.rest
        else:
            length = int(headers.get("content-length", "0"))
            if len(self.buffer) < length:
                return False
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        self.head = None
        if method == "POST" and target.split("?")[0] == self.path:
            self.receiver.handle(headers, body, time.monotonic())
            answer = b"HTTP/1.1 204 No Content\r\n"
        else:
            answer = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
        close = headers.get("connection", "").lower() == "close"
        self.transport.write(answer + (b"Connection: close\r\n\r\n" if close else b"\r\n"))
        if close:
            self.transport.close()
            return False
        return bool(self.buffer)


async def receiver_main_async(pipe, host: str, port: int, path: str, verify: bool) -> None:
    """Serves webhooks and answers the parent's calls over `pipe` until ("stop",)."""
    loop = asyncio.get_running_loop()
    receiver = Receiver(verify)
    server = await loop.create_server(lambda: HookProtocol(receiver, path), host, port, backlog=1024)
    pipe.send(("listening", server.sockets[0].getsockname()[1]))
    done = loop.create_future()

    def on_pipe() -> None:
        try:
            while pipe.poll():
                call = pipe.recv()
                if call[0] == "secret":
                    _, secret, subscription = call
                    receiver.key = base64.b64decode(secret.removeprefix("whsec_"))
                    receiver.subscription = subscription
                    for item in receiver.unverified:
                        receiver.check_signature(*item)
                    receiver.unverified.clear()
                    pipe.send(True)
                elif call[0] == "expect":
                    receiver.expect(call[1], call[2])
                    pipe.send(True)
                elif call[0] == "progress":
                    pipe.send(receiver.progress())
                elif call[0] == "take":
                    pipe.send(receiver.take())
                elif call[0] == "stop" and not done.done():
                    done.set_result(None)
        except (EOFError, OSError):
            if not done.done():
                done.set_result(None)

    watch_pipe(loop, pipe, on_pipe)
    await done
    loop.remove_reader(pipe.fileno())
    server.close()


def receiver_main(pipe, host: str, port: int, path: str, verify: bool) -> None:
    try:
        run_loop(receiver_main_async(pipe, host, port, path, verify))
    except KeyboardInterrupt:
        pass


class ReceiverProcess:
    """The receiver in its own process (its own core and GIL); call() is a synchronous request/answer."""

    def __init__(self, host: str, port: int, path: str, verify: bool):
        context = multiprocessing.get_context("fork")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=receiver_main, args=(theirs, host, port, path, verify), daemon=True)
        self.process.start()
        theirs.close()
        if not self.pipe.poll(10):
            raise SystemExit("the webhook receiver did not start")
        _, self.port = self.pipe.recv()

    def call(self, *message):
        self.pipe.send(message)
        if not self.pipe.poll(60):
            raise SystemExit(f"the webhook receiver did not answer {message[0]}")
        return self.pipe.recv()

    def stop(self) -> None:
        try:
            self.pipe.send(("stop",))
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()


# ---------------------------------------------------------------- webhook: publisher and phases

def publish_bulk(url: str, key: str, events: int, batch: int, connections: int) -> dict:
    """Publishes `events` new reports as fast as possible over `connections` keep-alive connections;
    returns their sequence numbers (when the hub answers them) and the wall time."""
    sizes = [batch] * (events // batch) + ([events % batch] if events % batch else [])
    bodies = [reports_body([new_token() for _ in range(size)]) for size in sizes]
    queue = iter(range(len(bodies)))
    lock = threading.Lock()
    sequences: list[int] = []
    problems: list[str] = []
    created = [0]

    def worker() -> None:
        hub = Hub(url)
        try:
            while not problems:
                with lock:
                    index = next(queue, None)
                if index is None:
                    return
                status, _, data = hub.request("POST", "/v1/reports", bodies[index], auth(key))
                if status != 200:
                    problems.append(f"HTTP {status}: {data[:300]!r}")
                    return
                results = json.loads(data).get("results", [])
                mine = [r["sequence"] for r in results if r.get("status") == "created" and "sequence" in r]
                with lock:
                    sequences.extend(mine)
                    created[0] += sum(1 for r in results if r.get("status") == "created")
        except Exception as error:  # noqa: BLE001 — report and stop every thread
            problems.append(f"{type(error).__name__}: {error}")
        finally:
            hub.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ended = time.monotonic()
    if problems:
        raise SystemExit("publish failed: " + "; ".join(problems[:3]))
    if created[0] != events:
        raise SystemExit(f"only {created[0]:,} of {events:,} reports were created")
    return {"sequences": sequences if len(sequences) == events else None, "began": began, "ended": ended}


def wait_delivery(receiver: ReceiverProcess, want: int, idle: float, limit: float) -> dict:
    """Polls the receiver until `want` expected events arrived, nothing arrived for `idle` seconds, or `limit`."""
    end = time.monotonic() + limit
    last_count, last_change = -1, time.monotonic()
    while True:
        progress = receiver.call("progress")
        now = time.monotonic()
        if progress["expected_received"] >= want:
            return progress
        if progress["expected_received"] != last_count:
            last_count, last_change = progress["expected_received"], now
        elif now - last_change > idle:
            print(f"WARNING: nothing new for {idle:.0f} s: {progress['expected_received']:,} of {want:,} delivered")
            return progress
        if now > end:
            print(f"WARNING: gave up after {limit:.0f} s: {progress['expected_received']:,} of {want:,} delivered")
            return progress
        time.sleep(0.05)


def subscription_call(hub: Hub, key: str, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
    status, _, data = hub.request(method, path, json.dumps(body).encode() if body is not None else None, auth(key))
    return status, data


def command_webhook(options: argparse.Namespace) -> None:
    key = require_key(options.key, "--key", "SCAMHUB_KEY")
    publish_key = require_key(options.publish_key, "--publish-key", "SCAMHUB_PUBLISH_KEY")
    hub = Hub(options.url)
    receiver = ReceiverProcess(options.receiver_host, options.receiver_port, "/hook", not options.no_verify)
    hook_url = f"http://{options.receiver_host}:{receiver.port}/hook"
    subscription = None
    try:
        status, data = subscription_call(hub, key, "POST", "/v1/subscriptions",
                                         {"name": "bench", "filter": {}, "delivery": "webhook", "url": hook_url})
        if status != 201:
            hint = (" — was the hub started with --webhook-allow-http --webhook-allow-private?"
                    if status == 422 else "")
            raise SystemExit(f"creating the subscription answered HTTP {status}: {data[:400]!r}{hint}")
        created = json.loads(data)
        subscription = created["subscription"]["id"]
        receiver.call("secret", created["secret"], subscription)
        verified = "verified" if not options.no_verify else "not verified (--no-verify)"
        print(f"webhook: subscription {subscription} → {hook_url} (signatures {verified}; receiver on {loop_name()})",
              flush=True)
        for phase in options.phases.split(","):
            floor = readyz(hub)["latest_sequence"]
            metrics_before = push_metrics(options.url)
            cpu = CPUMeter(options.server_pid, [receiver.process.pid])
            resumed = None
            if phase == "live":
                published = publish_bulk(options.url, publish_key, options.events, options.batch, options.connections)
                receiver.call("expect", published["sequences"], floor)
            else:
                status, data = subscription_call(hub, key, "POST", f"/v1/subscriptions/{subscription}/pause")
                if status // 100 != 2:
                    raise SystemExit(f"pause answered HTTP {status}: {data[:300]!r}")
                published = publish_bulk(options.url, publish_key, options.events, options.batch, options.connections)
                receiver.call("expect", published["sequences"], floor)
                time.sleep(options.pause_check)
                early = receiver.call("progress")["expected_received"]
                if early:
                    print(f"WARNING: {early:,} events were delivered while the subscription was paused")
                cpu = CPUMeter(options.server_pid, [receiver.process.pid])  # the drain only
                resumed = time.monotonic()
                status, data = subscription_call(hub, key, "POST", f"/v1/subscriptions/{subscription}/resume")
                if status // 100 != 2:
                    raise SystemExit(f"resume answered HTTP {status}: {data[:300]!r}")
            wait_delivery(receiver, options.events, options.idle_timeout, options.timeout)
            split = cpu.split()
            result = receiver.call("take")
            result["hub_metrics_change"] = metric_changes(metrics_before, push_metrics(options.url))
            report_webhook(options, phase, result, published, resumed, split, not options.no_verify)
    finally:
        if subscription:
            # Not part of the benchmark: remove the subscription (or at least pause it) so the hub does
            # not keep delivering to a receiver that is gone.
            status, _ = subscription_call(hub, key, "DELETE", f"/v1/subscriptions/{subscription}")
            if status // 100 != 2:
                subscription_call(hub, key, "POST", f"/v1/subscriptions/{subscription}/pause")
        receiver.stop()
        hub.close()


def report_webhook(options, phase: str, r: dict, published: dict, resumed: float | None,
                   split: dict, verified: bool) -> None:
    count = r["expected_received"]
    first, last = r["first"], r["last"]
    span = (last - first) if count > 1 else None
    record = {"test": f"webhook_{phase}", "events": options.events, "delivered": count,
              "missing": r["missing"] if r["missing"] is not None else options.events - count,
              "verified": verified, "publish_s": published["ended"] - published["began"],
              "publish_per_s": options.events / max(published["ended"] - published["began"], 1e-9),
              "first_to_last_s": span, "events_per_s": count / span if span else None,
              **{k: r[k] for k in ("requests", "changes", "duplicates", "out_of_order", "bad_signatures",
                                   "unsigned", "bad_bodies", "wrong_subscription", "redeliveries", "max_batch",
                                   "bytes", "foreign", "max_skew_s", "hub_metrics_change")}, **split}
    start = resumed if resumed is not None else published["began"]
    if last is not None:
        record["start_to_last_s"] = last - start
        record["start_to_last_per_s"] = count / max(last - start, 1e-9)
        record["start_to_first_s"] = first - start
    record["ok"] = (record["missing"] == 0 and not r["duplicates"] and not r["bad_signatures"]
                    and not r["unsigned"] and not r["bad_bodies"] and not r["wrong_subscription"])
    what = ("published while delivered" if phase == "live"
            else "backlog drained after resume")
    rate = f"{record['events_per_s']:,.0f} events/s first to last received" if span else "no rate (< 2 events)"
    print(f"webhook {phase}: {count:,} of {options.events:,} events {what}: {rate}"
          + (f"; {record['start_to_last_per_s']:,.0f} events/s from {'resume' if resumed else 'the first POST'} "
             f"to the last event ({record['start_to_last_s']:.2f} s, first after "
             f"{1000 * record['start_to_first_s']:.0f} ms)" if last is not None else ""))
    print(f"  publishing took {record['publish_s']:.2f} s ({record['publish_per_s']:,.0f} reports/s); "
          f"{r['requests']:,} webhook requests, up to {r['max_batch']:,} changes each, "
          f"{r['bytes'] / 1e6:.1f} MB; {cpu_text(split)}")
    print(f"  missing {record['missing']:,}, duplicates {r['duplicates']:,}, redelivered ids {r['redeliveries']:,}, "
          f"out of order {r['out_of_order']:,}, foreign {r['foreign']:,}; signatures "
          + (f"checked: {r['bad_signatures']} bad, {r['unsigned']} unsigned" if verified else "not checked")
          + (f"; {r['bad_bodies']} unreadable bodies" if r["bad_bodies"] else "")
          + (f"; {r['wrong_subscription']} for another subscription" if r["wrong_subscription"] else ""))
    if r["hub_metrics_change"]:
        print("  hub metrics, change over the phase: "
              + ", ".join(f"{series} {value:+,.0f}" for series, value in r["hub_metrics_change"].items()))
    print(f"webhook {phase}: {'OK' if record['ok'] else 'FAILED'}", flush=True)
    emit(options, record)


# ---------------------------------------------------------------- summary

def problems(record: dict, fields: tuple[str, ...]) -> str:
    """"; problems: 3 missing, 1 duplicates" for the non-zero counts among `fields`, or ""."""
    found = [f"{record[f]:,} {f.replace('_', ' ')}" for f in fields if record.get(f)]
    return "; problems: " + ", ".join(found) if found else ""


def command_summary(options: argparse.Namespace) -> None:
    records = [json.loads(line) for line in open(options.file) if line.strip()]
    rows = []
    for r in records:
        test, label = r["test"], r.get("label") or ""
        if test == "sse":
            name = (f"SSE {r['subscribers']:,} subscribers" + (f" + {r['stall']} stalled" if r["stall"] else "")
                    + (f" ({label})" if label else ""))
            value = (", ".join(f"{p} {r.get(f'latency_{p}_ms', float('nan')):.1f} ms"
                               for p in ("p50", "p90", "p99", "max"))
                     + f"; {r['received']:,}/{r['expected_events']:,} events, {r['publishes']:,} × {r['batch']} every "
                     f"{1000 * r['interval_s']:.0f} ms")
            value += problems(r, ("connect_failures", "closed_early", "missing", "duplicates", "out_of_order",
                                  "mapping_mismatches", "probe_errors"))
            rows.append((name, value, "every event once, in order", r["ok"]))
            if r.get("hub_rss_connected_mib") is not None:
                per = 1024 * (r["hub_rss_connected_mib"] - r["hub_rss_before_mib"]) / max(1, r["connected"])
                rows.append(("  hub RSS", f"{r['hub_rss_before_mib']:.0f} → {r['hub_rss_connected_mib']:.0f} MiB "
                             f"connected ({per:+.1f} KiB/subscriber) → {r['hub_rss_end_mib']:.0f} MiB at the end; "
                             f"hub CPU {r.get('server_cpu_pct', float('nan')):.0f}%, "
                             f"client {r['client_cpu_pct']:.0f}%", "", None))
            if r["stall"]:
                closes = sum(v for k, v in r.get("hub_metrics_change", {}).items() if "disconnect" in k)
                rows.append(("  stalled readers", f"{r['stall_events_after']:,} events read afterwards, "
                             f"{r['stall_closed']} closed by the hub; hub's stream disconnects counter "
                             f"{closes:+,.0f}", "", None))
        elif test.startswith("webhook_"):
            phase = test.split("_", 1)[1]
            rate = f"{r['events_per_s']:,.0f} events/s" if r.get("events_per_s") else "—"
            extra = (f" ({r['start_to_last_per_s']:,.0f}/s from resume)" if phase == "drain"
                     and r.get("start_to_last_per_s") else "")
            rows.append((f"webhook {phase}" + (f" ({label})" if label else ""),
                         f"{rate}{extra}; {r['delivered']:,}/{r['events']:,} delivered in {r['requests']:,} requests, "
                         f"signatures {'verified' if r['verified'] else 'not verified'}"
                         + problems(r, ("missing", "duplicates", "bad_signatures", "unsigned", "bad_bodies",
                                        "wrong_subscription")),
                         "every event delivered once, validly signed", r["ok"]))
        elif test == "rss":
            rows.append((f"RSS ({label})", f"VmRSS {r['vmrss_mib']:.0f} MiB, VmHWM {r['vmhwm_mib']:.0f} MiB", "", None))
        elif test in ("failed", "crash"):
            what = "the hub crashed (exit status %s)" % r.get("status") if test == "crash" else "failed"
            rows.append((f"{test.upper()}: {label}", what, "", None))
    if not rows:
        print("no results")
        return
    print_rows(rows)


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("SCAMHUB_URL", "http://127.0.0.1:8080"),
                        help="the hub (default $SCAMHUB_URL or http://127.0.0.1:8080)")
    parser.add_argument("--server-pid", type=int, help="the hub's PID: adds its RSS and CPU use to each result")
    parser.add_argument("--json-out", help="append one JSON object per result to this file")
    parser.add_argument("--label", default="", help="a label stored with the results")
    commands = parser.add_subparsers(dest="command", required=True)

    def keys(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--key", help="the receiving key (bank; scope subscribe) (default $SCAMHUB_KEY)")
        sub.add_argument("--publish-key", help="the publishing key (platform) (default $SCAMHUB_PUBLISH_KEY)")

    sub = commands.add_parser("sse", help="N SSE subscribers, paced publishing, latency and exactly-once check")
    keys(sub)
    sub.add_argument("--subscribers", type=int, default=1000, help="SSE connections (default 1,000)")
    sub.add_argument("--processes", type=int, default=2, help="worker processes holding them (default 2)")
    sub.add_argument("--publishes", type=int, default=200, help="publish requests (default 200)")
    sub.add_argument("--batch", type=int, default=1, help="reports per publish request (default 1)")
    sub.add_argument("--interval", type=float, default=0.05, help="seconds between publishes (default 0.05)")
    sub.add_argument("--stall", type=int, default=0, help="extra connections that never read (default 0)")
    sub.add_argument("--stall-rcvbuf", type=int, default=4096,
                     help="SO_RCVBUF of the stalled connections, bytes (default 4096)")
    sub.add_argument("--stall-prefill", type=int, default=0,
                     help="reports published to the stalled readers alone before the others connect, to fill "
                          "the socket buffers (e.g. 20,000 ≈ 6 MB; default 0)")
    sub.add_argument("--stall-quiet", type=float, default=0.5,
                     help="after the run, read each stalled connection until this many seconds pass quietly")
    sub.add_argument("--after", default="latest",
                     help="the stream's after=: 'latest' (from /readyz, default), 'none' (omit) or a number")
    sub.add_argument("--connect-concurrency", type=int, default=128,
                     help="connections being opened at once, over all processes (default 128)")
    sub.add_argument("--connect-timeout", type=float, default=30.0, help="seconds per connection (default 30)")
    sub.add_argument("--settle", type=float, default=0.5, help="seconds between connecting and publishing")
    sub.add_argument("--drain-timeout", type=float, default=30.0,
                     help="after the last publish, seconds to wait for every subscriber (default 30)")
    sub.add_argument("--linger", type=float, default=1.0,
                     help="seconds to keep reading after the last event, to catch duplicates (default 1)")
    sub.set_defaults(handler=command_sse)

    sub = commands.add_parser("webhook", help="webhook delivery rate, live and draining a paused backlog")
    keys(sub)
    sub.add_argument("--events", type=int, default=100_000, help="reports per phase (default 100,000)")
    sub.add_argument("--batch", type=int, default=1000, help="reports per publish request (default 1,000)")
    sub.add_argument("--connections", type=int, default=2, help="publishing connections (default 2)")
    sub.add_argument("--phases", default="live,drain", help="live,drain (default both, in that order)")
    sub.add_argument("--receiver-host", default="127.0.0.1",
                     help="the address the receiver listens on and the hub posts to (default 127.0.0.1)")
    sub.add_argument("--receiver-port", type=int, default=0, help="receiver port (default 0: a free one)")
    sub.add_argument("--no-verify", action="store_true", help="do not check webhook signatures")
    sub.add_argument("--pause-check", type=float, default=1.0,
                     help="drain: seconds to watch for deliveries while paused, before resuming (default 1)")
    sub.add_argument("--idle-timeout", type=float, default=30.0,
                     help="give up when nothing new arrives for this many seconds (default 30)")
    sub.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds (default 600)")
    sub.set_defaults(handler=command_webhook)

    sub = commands.add_parser("summary", help="print results collected with --json-out as a table")
    sub.add_argument("file", help="the --json-out file")
    sub.set_defaults(handler=command_summary)

    options = parser.parse_args()
    options.handler(options)


if __name__ == "__main__":
    main()
