"""Crash safety at scale: `kill -9` at random points of an enriched ingest and of a
`reextract`, each followed by the same command again, must leave the store a clean
run leaves.

The claim (the reliability issue): twenty kills spread over a 10,000-page enriched
ingest (reading, enriching, storing, and the stories step at its end), then the same
over `reextract --enrich`: after every kill the database passes its integrity check,
and once the command has run to the end the store equals the clean run's: the same
articles, content hashes, versions, rejections, reprint groups and stories, nothing
stored twice.

How: the pages are varied copies of the evaluation folders' HTML pages, in WARC
files (`scale.py` writes them).  A clean run is timed first.  The killed store then
goes through attempts that each run the command for a random 15–100% of the clean
run's time (start-up and model loading take the first seconds, so shorter attempts
would never reach a write) and are stopped by SIGKILL, sent to the whole process
group (workers included), with an integrity check after each; a run resumes the parts
an earlier one stored; then the command runs to its end.  Where each kill fell is read from the store (pages
stored so far, whether the run had reached its stories step).

On PostgreSQL (`--engine postgresql`, a throw-away server started for the run) the
kills hit the client, not the server: what is tested is that no batch is ever half
stored and that a rerun completes the store; the check after each kill is `amcheck`
over every index.

    python benchmarks/crash.py                       # 10,000 pages, 20 kills each
    python benchmarks/crash.py --pages 1000 --kills 5 --markdown out.md
    python benchmarks/crash.py --engine postgresql --pages 2000 --kills 20
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from fixtures.snapshots import duplicates, snapshot  # noqa: E402
from scale import newsdesk_bin, write_warcs  # noqa: E402


@dataclass(slots=True)
class Campaign:
    """One command's kills: where each fell, and whether the end matched."""

    name: str
    clean_seconds: float
    kills: list[str] = field(default_factory=list)  # where each kill fell
    damaged: list[str] = field(default_factory=list)  # integrity check failures
    same: bool = False
    doubled: int = 0
    resumed_seconds: float = 0.0


def run(args: list[str], *, for_seconds: float | None = None) -> tuple[int, float]:
    """Run `args` (its own process group); SIGKILL the group after `for_seconds`."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        proc.wait(timeout=for_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc.returncode, time.perf_counter() - started


# Every B-tree index of the store checked against its table (PostgreSQL's amcheck).
AMCHECK = (
    "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i"
    " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
    " WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
)


def integrity(db: Path | str) -> str:
    """ "ok", or what the engine's own check found wrong."""
    if isinstance(db, Path):
        con = sqlite3.connect(db)
        try:
            return str(con.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            con.close()
    import psycopg

    try:
        with psycopg.connect(db, autocommit=True) as pg:
            pg.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            pg.execute(AMCHECK).fetchone()
    except psycopg.Error as exc:
        return str(exc)
    return "ok"


def where(db: Path | str, total: int) -> str:
    """How far a killed run had got: pages stored, articles the stories step placed."""
    from newsdesk.store import engines

    try:
        con = engines.connect(db, read_only=True)
    except Exception:  # nothing to open yet, on either engine
        return "before the store was made"
    try:
        pages = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        placed = con.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    except Exception:  # the tables are not made yet
        return "before the store was made"
    finally:
        con.close()
    return f"{pages}/{total} pages, {placed} in stories"


class Stores:
    """Where a campaign's four stores live: files in `work`, or databases on a server."""

    def __init__(self, work: Path, cluster: Any = None) -> None:
        self.work, self.cluster = work, cluster

    def new(self, name: str) -> Path | str:
        return self.work / f"{name}.db" if self.cluster is None else self.cluster.database()

    def copy(self, source: Path | str) -> Path | str:
        """A copy of a finished store."""
        if self.cluster is None:
            target = self.work / f"copy-{len(list(self.work.iterdir()))}.db"
            shutil.copy(source, target)
            return target
        import psycopg

        target = self.cluster.database()
        name, template = target.rsplit("/", 1)[1], str(source).rsplit("/", 1)[1]
        with psycopg.connect(self.cluster.url, autocommit=True) as con:
            con.execute(f"DROP DATABASE {name}")
            con.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return target


def campaign(
    name: str,
    command: list[str],
    clean: Path | str,
    killed: Path | str,
    kills: int,
    rng: random.Random,
) -> Campaign:
    """Kill `command` on `killed` `kills` times, finish it, compare with `clean`."""
    code, seconds = run([*command, "--db", str(clean)])
    if code != 0:
        raise SystemExit(f"the clean {name} failed ({code})")
    result = Campaign(name, seconds)
    total = snapshot(clean)["pages"]
    reference = snapshot(clean)
    started = time.perf_counter()
    for _ in range(kills):
        code, _ = run([*command, "--db", str(killed)], for_seconds=rng.uniform(0.15, 1.0) * seconds)
        if code == 0:  # it finished before its time: not a kill
            result.kills.append("finished before the kill")
            continue
        result.kills.append(where(killed, total))
        status = integrity(killed)
        if status != "ok":
            result.damaged.append(status)
        # A long campaign says how it goes, so a stopped one still tells something.
        print(f"{name}: kill {len(result.kills)}: {result.kills[-1]}; integrity {status}",
              file=sys.stderr, flush=True)  # fmt: skip
    code, _ = run([*command, "--db", str(killed)])
    result.resumed_seconds = time.perf_counter() - started
    result.same = code == 0 and snapshot(killed) == reference
    result.doubled = len(duplicates(killed))
    return result


def render(results: list[Campaign], pages: int, kills: int, engine: str) -> str:
    lines = [
        f"{pages:,} HTML pages in WARC files, enriched, on {engine}; {kills} SIGKILLs per "
        f"command at random times; {os.cpu_count()} cores.",
        "",
        "| command | clean run s | killed runs + final run s | kills | integrity failures "
        "| same store as the clean run | stored twice |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        real = sum(k != "finished before the kill" for k in r.kills)
        lines.append(
            f"| {r.name} | {r.clean_seconds:.0f} | {r.resumed_seconds:.0f} | {real} "
            f"| {len(r.damaged)} | {'yes' if r.same else 'NO'} | {r.doubled} |"
        )
    lines.append("")
    for r in results:
        lines.append(f"- {r.name}, where the kills fell: {'; '.join(r.kills)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cache = Path(tempfile.gettempdir()) / "newsdesk-crash" / f"pages-{args.pages}"
    warcs = write_warcs(cache, args.pages)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-crash-"))
    newsdesk = newsdesk_bin()
    workers = ["--workers", str(args.workers)]
    with contextlib.ExitStack() as stack:
        cluster = None
        if args.engine == "postgresql":
            from fixtures.postgres import Cluster

            cluster = stack.enter_context(Cluster.start())
        stack.callback(shutil.rmtree, work, True)
        stores = Stores(work, cluster)
        ingest = [newsdesk, "ingest", *map(str, warcs), "--quiet", *workers]
        clean, killed = stores.new("clean"), stores.new("killed")
        first = campaign("ingest", ingest, clean, killed, args.kills, rng)
        # reextract rebuilds every article of a finished store (and its stories).
        again = [newsdesk, "reextract", *workers]
        second = campaign(
            "reextract --enrich", again, stores.copy(clean), stores.copy(clean), args.kills, rng
        )
    table = render([first, second], args.pages, args.kills, args.engine)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", "utf-8")
    ok = all(r.same and not r.damaged and not r.doubled for r in (first, second))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
