"""The portal soaked: mixed reading at a steady rate for minutes while enriched ingests
keep writing, reported minute by minute.

The claim (the reliability issue): `newsdesk serve` on a store of 100,000 articles
answers a mix of article, search, story and entity pages at 200 requests/s for ten
minutes, with an enriched `newsdesk ingest` writing beside it the whole time, with no
error, a p99 under 50 ms in every minute (the first included: the server warms its
caches at start-up), and server memory flat from the first minute to the last.

How: the store, the server and the open-loop load are those of `web.py` (the same
cached store, `newsdesk serve --workers 2` started as a user starts it, latency counted
from each request's scheduled time).  Ingests of freshly varied pages run back to back
from the first second to the last, as `newsdesk ingest` that a user runs, which steps
back for CPU by itself (the `batch_niceness` setting).  The server's resident memory (its processes together) is
sampled every two seconds.

    python benchmarks/soak.py                          # 100,000 articles, 10 minutes
    python benchmarks/soak.py --articles 20000 --minutes 2 --markdown out.md
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import loadgen  # noqa: E402
from ingest import _children  # noqa: E402
from web import (  # noqa: E402
    Base,
    BesideIngest,
    article_paths,
    free_port,
    release,
    search_paths,
    start_server,
    stop_server,
    store_for_run,
    write_ingest_pages,
)

P99_LIMIT_MS = 50.0
MEMORY_GROWTH_LIMIT = 0.10  # the last minute's peak over the first minute's
MIX = (("article", 6), ("search", 2), ("story", 1), ("entity", 1))  # shares of requests


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (uvicorn's workers), from /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    own = next((int(x.split()[1]) * 1024 for x in status.splitlines() if x.startswith("VmRSS")), 0)
    return own + sum(rss_bytes(child) for child in _children(pid))


def story_paths(db: Path | str, n: int) -> list[str]:
    from newsdesk.store import engines

    con = engines.connect(db, read_only=True)
    try:
        rows = con.execute("SELECT id FROM stories ORDER BY random() LIMIT ?", (n,)).fetchall()
    finally:
        con.close()
    return [f"/stories/{sid}" for (sid,) in rows]


def entity_paths(db: Path | str, n: int) -> list[str]:
    """Pages of the entities most articles name."""
    from newsdesk.store import engines

    con = engines.connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT name FROM mentions GROUP BY name ORDER BY count(*) DESC LIMIT ?", (n,)
        ).fetchall()
    finally:
        con.close()
    return [f"/entities/{quote(name, safe='')}" for (name,) in rows]


def mixed_paths(groups: dict[str, list[str]], count: int, seed: int = 11) -> list[str]:
    """`count` paths drawn from the groups in the shares of `MIX`, shuffled."""
    rng = random.Random(seed)
    names = [name for name, share in MIX for _ in range(share) if groups.get(name)]
    return [rng.choice(groups[rng.choice(names)]) for _ in range(count)]


@dataclass(slots=True)
class Ingests:
    """Enriched ingests of fresh pages, back to back until stopped.

    The folders are written before the load starts: writing one takes the load
    generator's own process for half a second, which would be counted as the
    portal's latency."""

    db: Path | str
    folders: list[Path]
    niceness: int = 0
    runs: list[str] = field(default_factory=list)
    current: BesideIngest | None = None

    @classmethod
    def prepared(
        cls, db: Path | str, work: Path, bases: list[Base], pages: int, count: int, niceness: int
    ) -> Ingests:
        folders = [work / f"soak-ingest-{k}" for k in range(count if pages else 0)]
        for k, folder in enumerate(folders):
            write_ingest_pages(folder, bases, pages, seed=int(time.time()) + k)
        return cls(db, folders, niceness)

    async def run(self, until: float) -> None:
        for folder in self.folders:
            if time.monotonic() >= until:
                return
            self.current = BesideIngest(self.db, folder, delay=0, niceness=self.niceness)
            await self.current.run()
            self.runs.append(self.current.outcome())

    def stop(self) -> None:
        current = self.current
        if current is not None and current.proc is not None and current.proc.poll() is None:
            current.stop()
            self.runs.append(current.outcome())


async def soak(
    port: int, paths: list[str], rate: float, seconds: float, server_pid: int, ingests: Ingests
) -> tuple[loadgen.Report, list[tuple[float, int]]]:
    """The load, the ingests and the memory samples, all for `seconds`."""
    samples: list[tuple[float, int]] = []
    started = time.monotonic()

    async def sample() -> None:
        while True:
            samples.append((time.monotonic() - started, rss_bytes(server_pid)))
            await asyncio.sleep(2.0)

    sampler = asyncio.create_task(sample())
    writer = asyncio.create_task(ingests.run(until=started + seconds))
    try:
        plan = loadgen.Plan(host="127.0.0.1", port=port, paths=paths, rate=rate, seconds=seconds)
        report = await loadgen.run(plan)
    finally:
        ingests.stop()
        writer.cancel()
        sampler.cancel()
    return report, samples


@dataclass(frozen=True, slots=True)
class Minute:
    index: int
    requests: int
    errors: int
    p50: float
    p99: float
    peak_rss_mb: float


def minutes(
    report: loadgen.Report, samples: list[tuple[float, int]], seconds: float
) -> list[Minute]:
    rows = []
    for m in range(max(1, round(seconds / 60))):
        latencies, errors = report.window(m * 60, (m + 1) * 60)
        rss = [b for t, b in samples if m * 60 <= t < (m + 1) * 60]
        rows.append(
            Minute(
                m + 1,
                len(latencies),
                errors,
                loadgen.nearest_rank(latencies, 0.5),
                loadgen.nearest_rank(latencies, 0.99),
                max(rss, default=0) / 1e6,
            )
        )
    return rows


def by_kind(report: loadgen.Report) -> list[str]:
    """p50 and p99 per kind of page, and the slowest requests: where a tail comes from."""
    kinds: dict[str, list[float]] = {}
    for ms, path in zip(report.latencies_ms, report.paths, strict=True):
        kinds.setdefault(path.split("/")[1].split("?")[0], []).append(ms)
    lines = ["| page | requests | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|"]
    for kind, values in sorted(kinds.items()):
        p50, p99 = loadgen.nearest_rank(values, 0.5), loadgen.nearest_rank(values, 0.99)
        lines.append(f"| {kind} | {len(values)} | {p50:.1f} | {p99:.1f} | {max(values):.1f} |")
    slowest = sorted(zip(report.latencies_ms, report.due_s, report.paths, strict=True))[-5:]
    lines += ["", "Slowest: " + "; ".join(f"{p} at {d:.0f} s, {ms:.0f} ms" for ms, d, p in slowest)]
    return lines


def render(rows: list[Minute], report: loadgen.Report, head: str, ingests: list[str]) -> str:
    first, last = rows[0].peak_rss_mb, rows[-1].peak_rss_mb
    growth = (last - first) / first if first else 0.0
    checks = {
        "no errors": report.errors == 0,
        f"p99 < {P99_LIMIT_MS:.0f} ms in every minute": all(r.p99 < P99_LIMIT_MS for r in rows),
        f"memory flat (last minute's peak within {MEMORY_GROWTH_LIMIT:.0%} of the first's)": (
            growth <= MEMORY_GROWTH_LIMIT
        ),
    }
    lines = [head, "", "| minute | requests | errors | p50 ms | p99 ms | server memory peak MB |"]
    lines.append("|---:|---:|---:|---:|---:|---:|")
    lines += [
        f"| {r.index} | {r.requests} | {r.errors} | {r.p50:.1f} | {r.p99:.1f} | {r.peak_rss_mb:.0f} |"
        for r in rows
    ]
    lines += ["", f"Whole run: {report.sent} requests (achieved {report.achieved_rate:.1f}/s), "
              f"p99 {report.quantile(0.99):.1f} ms, max {report.max_ms:.1f} ms, statuses "
              f"{dict(report.statuses)}, failures {dict(report.failures) or 'none'}; memory "
              f"{first:.0f} → {last:.0f} MB ({growth:+.1%}).",
              f"Ingests beside: {len(ingests)} ({'; '.join(dict.fromkeys(ingests))}).", ""]  # fmt: skip
    lines += [*by_kind(report), ""]
    lines += [f"- {name}: {'met' if ok else 'NOT MET'}" for name, ok in checks.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second")
    ap.add_argument(
        "--ingest-pages", type=int, default=2000, help="pages per beside-ingest (0: none)"
    )
    ap.add_argument("--ingest-nice", type=int, default=0, help="run the ingests at this niceness")
    ap.add_argument(
        "--workers", type=int, default=2, help="the portal's processes (one per core here)"
    )
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-bench")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = ap.parse_args(argv)
    seconds = min(args.minutes * 60, loadgen.MAX_SECONDS)

    db, info, work = store_for_run(args.articles, args.cache, None)
    bases = [Base(t, tuple(body), lang, None) for t, body, lang in info["bases"]]
    groups = {
        "article": article_paths(db, 5000),
        "search": search_paths(info["terms"]),
        "story": story_paths(db, 2000),
        "entity": entity_paths(db, 500),
    }
    paths = mixed_paths(groups, 20_000)
    port = free_port()
    # Enough folders for back-to-back ingests at twice the fastest rate seen alone.
    count = math.ceil(seconds / 30)
    ingests = Ingests.prepared(db, work, bases, args.ingest_pages, count, args.ingest_nice)
    started = time.monotonic()
    server = start_server(db, port, args.workers)
    startup = time.monotonic() - started
    load = os.getloadavg()[0]
    try:
        report, samples = asyncio.run(soak(port, paths, args.rate, seconds, server.pid, ingests))
    finally:
        stop_server(server)
        release(db, work, None)
    head = (
        f"Store: {args.articles:,} articles (SQLite); `newsdesk serve --workers {args.workers}`, up in {startup:.1f} s "
        f"(caches warmed before it answers); {args.rate:.0f} req/s open-loop for "
        f"{seconds / 60:.0f} min, mixed {', '.join(f'{n} {s}0%' for n, s in MIX)}; "
        f"{os.cpu_count()} cores, load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; ingests of {args.ingest_pages:,} pages beside"
        f"{f' at niceness {args.ingest_nice}' if args.ingest_nice else ''}."
    )
    table = render(minutes(report, samples, seconds), report, head, ingests.runs)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", "utf-8")
    return 0 if "NOT MET" not in table else 1


if __name__ == "__main__":
    sys.exit(main())
