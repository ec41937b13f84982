"""Scale-out: the same enriched ingest on the local executor and on Ray, into SQLite and
PostgreSQL, at growing sizes, as whole processes.

The pages: WARC files (gzip, 1,000 records each, as a crawler writes them) built from
the HTML pages of `../shared/data` by variation: every record a new URL, its headline
numbered, two of its paragraphs swapped and some of its numbers changed, so that each
page is new to the store (and, as in a real crawl, many are near-copies of others,
which the stories step folds as reprints).

The runs, each a fresh store and a real `newsdesk ingest` command:

* `local`: the default executor, `--workers 2`;
* `ray1`, `ray2`: `--engine ray` on a Ray the command starts itself with 1 or 2 CPUs;
* `cluster`: `--engine ray --address …` on a two-node Ray cluster started here
  (`ray start --head` and a second `ray start`, one CPU each, loopback only).

Measured: pages per second (wall clock, start-up included), the peak memory of the
driver (the `newsdesk` process) and of the largest worker process (the local pool's
workers, or Ray's worker processes), and Ray's efficiency: 2 CPUs against 1, and Ray
against local at 2 CPUs.

    python benchmarks/scale.py --sizes 1000,10000 --runs local,ray1,ray2,cluster
    python benchmarks/scale.py --stores sqlite,postgresql --postgresql URL --markdown out.md

Without `--postgresql URL` (a server's URL; each run gets a database of its own) the
PostgreSQL runs use a throw-away server this script starts (Debian's package).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "tests"))

from fixtures.ray_cluster import two_nodes  # noqa: E402
from ingest import _children, _high_water_kb  # noqa: E402

RECORDS_PER_FILE = 1000
FOLDERS = ("cwced", "magic_html", "daniel", "scrapinghub", "wcxb", "readability")
SAMPLE_SECONDS = 0.2


# --- the pages ---------------------------------------------------------------------------


def bases() -> list[tuple[str, bytes]]:
    """(url, html) of every HTML page of the evaluation folders, in a fixed order."""
    out = []
    for folder in FOLDERS:
        urls = {}
        gold = DATA / folder / "gold.jsonl"
        if gold.exists():
            for line in gold.read_text("utf-8").splitlines():
                row = json.loads(line)
                urls[row["id"]] = row.get("url")
        for path in sorted((DATA / folder / "html").glob("*.html")):
            url = urls.get(path.stem) or f"https://{folder}.example/{path.stem}"
            out.append((url, path.read_bytes()))
    if not out:
        sys.exit(f"no pages under {DATA}")
    return out


_TITLE = re.compile(rb"(<title[^>]*>)(.*?)(</title>)", re.S | re.I)
_PARAGRAPH = re.compile(rb"<p[ >].*?</p>", re.S | re.I)
_NUMBER = re.compile(rb"(?<=[^\d])(\d{3,4})(?=[^\d])")


def vary(html: bytes, n: int, rng: random.Random) -> bytes:
    """A new page from a base: a numbered title, two paragraphs swapped, numbers changed."""
    out = _TITLE.sub(lambda m: m.group(1) + m.group(2) + f" ({n})".encode() + m.group(3), html, 1)
    paragraphs = list(_PARAGRAPH.finditer(out))
    if len(paragraphs) >= 2:
        a, b = sorted(rng.sample(paragraphs, 2), key=lambda m: m.start())
        out = out[: a.start()] + b.group(0) + out[a.end() : b.start()] + a.group(0) + out[b.end() :]
    return _NUMBER.sub(lambda m: str(rng.randint(100, 9999)).encode(), out, count=3)


def write_warcs(folder: Path, size: int, seed: int = 7) -> list[Path]:
    """`size` varied pages as WARC files of RECORDS_PER_FILE records in `folder`."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "done"
    if done.exists():
        return sorted(folder.glob("*.warc.gz"))
    rng = random.Random(seed)
    pool = bases()
    files = []
    for start in range(0, size, RECORDS_PER_FILE):
        path = folder / f"crawl-{start // RECORDS_PER_FILE:05d}.warc.gz"
        with path.open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for n in range(start, min(size, start + RECORDS_PER_FILE)):
                url, html = pool[n % len(pool)]
                body = vary(html, n, rng)
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                day = 1 + n % 28
                record = writer.create_warc_record(
                    f"{url}{'&' if '?' in url else '?'}v={n}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": f"2025-06-{day:02d}T10:00:00Z"},
                )
                writer.write_record(record)
        files.append(path)
    done.touch()
    return files


# --- the runs ----------------------------------------------------------------------------


@dataclass
class Measure:
    run: str
    store: str
    pages: int
    seconds: float
    driver_mb: float
    worker_mb: float
    stored: int

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def newsdesk_bin() -> str:
    exe = Path(sys.executable).with_name("newsdesk")
    return str(exe) if exe.exists() else "newsdesk"


def command(run: str, db: str, folder: Path, address: str | None) -> list[str]:
    args = [newsdesk_bin(), "ingest", str(folder), "--db", db, "--quiet"]
    if run == "local":
        return [*args, "--workers", "2"]
    if run in ("ray1", "ray2"):
        return [*args, "--engine", "ray", "--workers", run[-1]]
    if run == "cluster":
        assert address is not None
        return [*args, "--engine", "ray", "--address", address]
    raise ValueError(f"unknown run {run!r}")


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Seconds, the driver's peak MB and the largest worker's peak MB of one command.

    Peaks are the kernel's high-water marks (VmHWM), sampled while the command runs.
    Workers are the driver's child processes (the local pool) and every Ray worker
    process (whose parent is Ray's own daemon, not the driver)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    driver = workers = 0
    while proc.poll() is None:
        driver = max(driver, _high_water_kb(proc.pid))
        for pid in _children(proc.pid) + _ray_workers():
            workers = max(workers, _high_water_kb(pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    if proc.returncode:
        message = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(args)} failed: {message[-2000:]}")
    return seconds, driver / 1024, workers / 1024


def _ray_workers() -> list[int]:
    out = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if path.read_bytes().startswith(b"ray::"):
                out.append(int(path.parent.name))
    return out


@contextlib.contextmanager
def databases(server: str | None) -> Iterator[Any]:
    """A function that gives a new, empty PostgreSQL database's URL per call."""
    import psycopg

    if server is None:
        from fixtures.postgres import Cluster

        with Cluster.start() as cluster:
            yield cluster.database
        return
    made: list[str] = []

    def new() -> str:
        name = f"newsdesk_scale_{len(made)}_{int(time.time())}"
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return server.rsplit("/", 1)[0] + "/" + name

    yield new


def stored_count(db: str) -> int:
    from newsdesk.store import Store

    with Store.open(db, read_only=True) as store:
        return store.count()


def run_all(args: argparse.Namespace) -> list[Measure]:
    results = []
    cache = Path(tempfile.gettempdir()) / "newsdesk-scale"
    runs = args.runs.split(",")
    stores = args.stores.split(",")
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(two_nodes()) if "cluster" in runs else None
        new_pg = stack.enter_context(databases(args.postgresql)) if "postgresql" in stores else None
        for size in [int(s) for s in args.sizes.split(",")]:
            folder = cache / f"warc-{size}"
            write_warcs(folder, size)
            for store in stores:
                for run in runs:
                    work = Path(tempfile.mkdtemp(prefix="newsdesk-scale-"))
                    db = str(work / "store.db") if store == "sqlite" else new_pg()  # type: ignore[misc]
                    address = cluster.address if cluster else None
                    env = cluster.env if cluster else None
                    seconds, driver, worker = timed(command(run, db, folder, address), env)
                    found = Measure(run, store, size, seconds, driver, worker, stored_count(db))
                    print(_row(found), flush=True)
                    results.append(found)
                    shutil.rmtree(work, ignore_errors=True)
    return results


def _row(m: Measure) -> str:
    return (
        f"| {m.pages:,} | {m.run} | {m.store} | {m.seconds:.0f} | {m.rate:.1f} "
        f"| {m.driver_mb:.0f} | {m.worker_mb:.0f} | {m.stored:,} |"
    )


def table(results: list[Measure]) -> str:
    rows = [
        "| pages | run | store | seconds | pages/s | driver peak MB | largest worker MB "
        "| articles stored |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
        *map(_row, results),
    ]
    by = {(m.pages, m.run, m.store): m.rate for m in results}
    notes = []
    for pages, _, store in sorted({(m.pages, "", m.store) for m in results}):
        one, two, local = (by.get((pages, r, store)) for r in ("ray1", "ray2", "local"))
        if one and two:
            notes.append(f"- {pages:,} pages, {store}: Ray 2 CPUs / 1 CPU = {two / one:.2f}")
        if two and local:
            notes.append(
                f"- {pages:,} pages, {store}: Ray 2 CPUs / local 2 workers = {two / local:.2f}"
            )
    return "\n".join([*rows, "", *notes])


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", default="local,ray1,ray2,cluster")
    ap.add_argument("--stores", default="sqlite")
    ap.add_argument("--postgresql", help="a PostgreSQL server's URL (else one is started)")
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()
    text = table(run_all(args))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
