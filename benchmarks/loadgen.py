"""An open-loop HTTP load generator for loopback benchmarks.

Why not `wrk`: it is closed-loop (each connection waits for its answer before the
next request), so when the server stalls it simply sends less, and the latencies it
reports leave out the requests that should have been sent during the stall
("coordinated omission").  Here every request has a scheduled send time at a fixed
rate, decided before the run; it is sent then whatever happened to earlier ones (on
a free keep-alive connection, or a new one), and its latency is counted from the
scheduled time, not from when it actually went out.  A server that stalls for a
second therefore shows a second of latency on every request scheduled in it.

Bounded by construction: `rate * seconds` requests at most, a per-request timeout,
a cap on open connections, and loopback addresses only.

    report = asyncio.run(run(Plan(host="127.0.0.1", port=8000, paths=["/"], rate=200,
                                  seconds=30)))
    print(report.quantile(0.99), report.errors)
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import itertools
import math
import time
from collections import Counter
from dataclasses import dataclass, field

MAX_CONNECTIONS = 256  # more than enough at a few hundred req/s; bounds file descriptors
MAX_SECONDS = 600  # no run lasts longer than this, whatever it is asked


@dataclass(frozen=True, slots=True)
class Plan:
    """What to send: `paths` in turn, `rate` requests per second for `seconds`."""

    host: str
    port: int
    paths: list[str]
    rate: float
    seconds: float
    timeout: float = 10.0
    headers: tuple[tuple[str, str], ...] = (("Accept-Encoding", "gzip"),)

    def __post_init__(self) -> None:
        if not is_loopback(self.host):
            raise ValueError(f"load is only ever sent to loopback addresses, not {self.host}")
        if not self.paths:
            raise ValueError("no paths to request")
        if not (0 < self.rate <= 10_000) or not (0 < self.seconds <= MAX_SECONDS):
            raise ValueError("rate must be in (0, 10000] and seconds in (0, 600]")

    @property
    def count(self) -> int:
        return math.floor(self.rate * self.seconds)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Report:
    """Latencies (ms, from the scheduled send time) and what went wrong."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    sent: int = 0
    duration: float = 0.0
    send_lag_ms: list[float] = field(default_factory=list)  # how late the sender itself was
    # Per answered request, in the order of `latencies_ms`: when it was due (seconds
    # from the start) and whether it failed, for figures over time (`window`).
    due_s: list[float] = field(default_factory=list)
    failed: list[bool] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # what each one asked for

    @property
    def errors(self) -> int:
        bad = sum(n for s, n in self.statuses.items() if not 200 <= s < 400)
        return bad + sum(self.failures.values())

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.sent > 0

    @property
    def achieved_rate(self) -> float:
        return self.sent / self.duration if self.duration > 0 else 0.0

    @property
    def max_ms(self) -> float:
        return max(self.latencies_ms, default=0.0)

    def quantile(self, q: float) -> float:
        """The q-quantile of latency (nearest rank); failed requests count as the timeout."""
        return nearest_rank(self.latencies_ms, q)

    def window(self, start: float, end: float) -> tuple[list[float], int]:
        """Latencies and errors of the requests due in [start, end) seconds."""
        picked = [
            (ms, bad)
            for ms, due, bad in zip(self.latencies_ms, self.due_s, self.failed, strict=True)
            if start <= due < end
        ]
        return [ms for ms, _ in picked], sum(bad for _, bad in picked)


def nearest_rank(values: list[float], q: float) -> float:
    """The q-quantile of `values` by nearest rank (inf when there is none)."""
    if not values:
        return math.inf
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


class _Connection:
    """One keep-alive HTTP/1.1 connection with a minimal response reader."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.used = False  # has answered a request: the server may close it when idle

    async def request(self, raw: bytes) -> tuple[int, bool]:
        """Send one request; returns (status, keep-alive) after reading the whole body."""
        self.writer.write(raw)
        await self.writer.drain()
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if self.used and not exc.partial:
                raise _Stale from exc
            raise
        self.used = True
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get("transfer-encoding") == "chunked":
            await self._chunked()
        elif "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        return status, headers.get("connection") != "close"

    async def _chunked(self) -> None:
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await self.reader.readexactly(size + 2)
            if size == 0:
                return

    def close(self) -> None:
        self.writer.close()


class _Stale(Exception):
    """A kept-alive connection the server closed while idle, before any answer."""


class _Pool:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[_Connection] = []
        self.slots = asyncio.Semaphore(MAX_CONNECTIONS)

    async def get(self, *, fresh: bool = False) -> _Connection:
        await self.slots.acquire()
        if self.idle and not fresh:
            return self.idle.pop()
        try:
            return _Connection(*await asyncio.open_connection(self.host, self.port))
        except BaseException:
            self.slots.release()
            raise

    def put(self, con: _Connection, reusable: bool) -> None:
        if reusable:
            self.idle.append(con)
        else:
            con.close()
        self.slots.release()

    def close(self) -> None:
        for con in self.idle:
            con.close()
        self.idle.clear()


def _raw(plan: Plan, path: str) -> bytes:
    extra = "".join(f"{k}: {v}\r\n" for k, v in plan.headers)
    host = f"{plan.host}:{plan.port}"
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()


async def run(plan: Plan) -> Report:
    """Send `plan.count` requests on schedule; wait for them (each up to its timeout)."""
    report = Report()
    pool = _Pool(plan.host, plan.port)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    paths = itertools.cycle(plan.paths)
    tasks: list[asyncio.Task[None]] = []

    def answered(scheduled: float, bad: bool, path: str) -> None:
        report.latencies_ms.append((loop.time() - scheduled) * 1000)
        report.due_s.append(scheduled - start)
        report.failed.append(bad)
        report.paths.append(path)

    async def one(scheduled: float, path: str) -> None:
        raw = _raw(plan, path)
        con: _Connection | None = None
        try:
            async with asyncio.timeout(plan.timeout):
                con = await pool.get()
                try:
                    status, keep = await con.request(raw)
                except (_Stale, ConnectionResetError, BrokenPipeError):
                    # A GET on a connection the server had just closed is safe to
                    # send again (RFC 9112, 9.3.1); its latency still counts from
                    # the scheduled time.
                    pool.put(con, False)
                    con = None
                    con = await pool.get(fresh=True)
                    status, keep = await con.request(raw)
            pool.put(con, keep)
            report.statuses[status] += 1
            answered(scheduled, not 200 <= status < 400, path)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            if con is not None:
                pool.put(con, False)
            report.failures[type(exc).__name__] += 1
            answered(scheduled, True, path)

    for k in range(plan.count):
        scheduled = start + k / plan.rate
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        report.send_lag_ms.append(max(0.0, loop.time() - scheduled) * 1000)
        tasks.append(asyncio.create_task(one(scheduled, next(paths))))
        report.sent += 1
    report.duration = loop.time() - start
    await asyncio.gather(*tasks)
    pool.close()
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Open-loop load on a loopback HTTP server.")
    ap.add_argument("url_paths", nargs="+", help="paths to request in turn, e.g. /healthz")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--rate", type=float, default=100)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args(argv)
    plan = Plan(args.host, args.port, args.url_paths, args.rate, args.seconds)
    t0 = time.perf_counter()
    r = asyncio.run(run(plan))
    print(
        f"sent {r.sent} in {time.perf_counter() - t0:.1f} s ({r.achieved_rate:.1f}/s), "
        f"errors {r.errors}, p50 {r.quantile(0.5):.1f} ms, p95 {r.quantile(0.95):.1f} ms, "
        f"p99 {r.quantile(0.99):.1f} ms, max {r.max_ms:.1f} ms, statuses {dict(r.statuses)}"
        + (f", failures {dict(r.failures)}" if r.failures else "")
    )
    return 0 if r.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
