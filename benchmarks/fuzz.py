"""Fuzzing every reader and both extractors: crashes, hangs and rejections by reason.

Each way in (the `html`, `text`, `warc` and `jsonl` readers, and the HTML and text
extractors called directly) is fed `--inputs` inputs drawn from the Hypothesis
strategies of `tests/fixtures/fuzzing.py` (real pages mutated, framed right and
wrong), within `--seconds` per way.  A reader's input goes the way `newsdesk
ingest` takes a file (`tests/fixtures/fuzz_target.py`): read, extract, store, in
one process so a crash surfaces.  The table gives, per way: inputs, articles,
rejections, skips, crashes (with the first traceback of each distinct one), hangs
(inputs over the per-input guard, `--guard` seconds) and inputs per second, then
the rejections by reason.  The exit status is 1 on any crash, hang or input that
became neither an article nor a rejection with a reason.

    python benchmarks/fuzz.py                          # 10,000 inputs per way in
    python benchmarks/fuzz.py --inputs 500 --ways warc,jsonl --save crashes/
    python benchmarks/fuzz.py --enrich-share 1         # every input enriched, as ingest does
    python benchmarks/fuzz.py --atheris warc -- -max_total_time=3600   # coverage-guided

Enrichment: `newsdesk ingest` enriches every page, which about halves the rate on
these inputs (HTML: 11 inputs/s on one core enriched, 21 without), so 10,000 inputs
per way in, all enriched, would take about an hour on two cores.  By default one
input in ten (`--enrich-share 0.1`) is ingested enriched, and the stories step runs
over each shard's store at its end; the others go through `--no-enrich`.

`--atheris WAY` runs the same target under atheris (libFuzzer for Python,
`pip install atheris`) for a long coverage-guided run outside CI; arguments after
`--` go to libFuzzer (a corpus folder, `-max_total_time=`, `-runs=`).  atheris
installs from PyPI for CPython 3.11 on Linux; the script needs Hypothesis too (the
dev extra).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

from fixtures.fuzz_target import Outcome, feed_extractor, feed_file  # noqa: E402
from fixtures.fuzzing import STRATEGIES  # noqa: E402

WAYS = tuple(STRATEGIES)


@dataclass
class Tally:
    """What one way in (or one shard of it) came to."""

    way: str
    inputs: int = 0
    articles: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    crashes: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> count, traceback
    hangs: list[str] = field(default_factory=list)  # where each was
    problems: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    slowest: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        self.articles += outcome.articles
        self.skipped += outcome.skipped
        for reason, n in outcome.rejections.items():
            self.rejected[_general(reason)] += n
        if outcome.crash and outcome.crash_key:
            count, first = self.crashes.get(outcome.crash_key, (0, outcome.crash))
            self.crashes[outcome.crash_key] = (count + 1, first)
        if outcome.hang:
            self.hangs.append(outcome.hang)
        self.problems.update(outcome.problems)
        self.slowest = max(self.slowest, outcome.seconds)

    def merge(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.articles += other.articles
        self.skipped += other.skipped
        self.rejected.update(other.rejected)
        for key, (count, first) in other.crashes.items():
            self.crashes[key] = (self.crashes.get(key, (0, first))[0] + count, first)
        self.hangs += other.hangs
        self.problems.update(other.problems)
        self.seconds = max(self.seconds, other.seconds)
        self.slowest = max(self.slowest, other.slowest)

    @property
    def failed(self) -> bool:
        return bool(self.crashes or self.hangs or self.problems)


def _general(reason: str) -> str:
    """A reason without its figures, so like rejections count together."""
    return re.sub(r"(?<![\w-])\d[\d,.]*(?![A-Za-z])", "N", reason)  # not UTF-8's, 7z's


@dataclass(frozen=True)
class Shard:
    way: str
    inputs: int
    seed: int
    seconds: float
    guard: float
    enrich_share: float
    save: str | None


def run_shard(shard: Shard) -> Tally:
    """Draw and feed up to `shard.inputs` inputs of one way in, within its seconds."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    suffix, strategy = STRATEGIES[shard.way]
    if suffix and shard.enrich_share > 0:
        from newsdesk.ingestion import default_steps

        default_steps(enrich=True)  # models load once, before the clock, as ingest does
    tally = Tally(shard.way)
    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-"))
    store = _open_store(folder) if suffix else None

    class TimeUp(Exception):
        pass

    @seed(shard.seed)
    @settings(
        max_examples=shard.inputs,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy())
    def feed(data: bytes | str) -> None:
        nonlocal store
        if time.perf_counter() - began > shard.seconds:
            raise TimeUp
        if isinstance(data, str):
            outcome = feed_extractor(data, shard.way.split("-")[1], guard=shard.guard)
        else:
            n, share = tally.inputs, shard.enrich_share
            enrich = int((n + 1) * share) > int(n * share)  # `share` of the inputs, spread
            outcome = feed_file(data, suffix or "", folder, store, enrich=enrich, guard=shard.guard)
            if outcome.hang:  # a store interrupted mid-write is not trusted further
                store = _open_store(folder)
        tally.add(outcome)
        if not outcome.ok and shard.save:
            _save(Path(shard.save), shard.way, data, tally.inputs)

    with contextlib.suppress(TimeUp):
        feed()
    if store is not None and shard.enrich_share > 0:
        _stories(store, tally, shard.guard * 10)
    tally.seconds = time.perf_counter() - began
    return tally


def _open_store(folder: Path):  # type: ignore[no-untyped-def]
    from newsdesk.store import Store

    return Store.open(folder / f"store-{time.monotonic_ns()}.db")


def _stories(store, tally: Tally, guard: float) -> None:  # type: ignore[no-untyped-def]
    """The stories step over everything the shard stored, as ingest ends."""
    from fixtures.fuzz_target import guarded

    from newsdesk.ingestion import refresh_stories

    outcome = Outcome(articles=1)
    with guarded(outcome, guard):
        refresh_stories(store)
    if outcome.crash_key:
        tally.crashes[f"stories step: {outcome.crash_key}"] = (1, outcome.crash or "")
    if outcome.hang:
        tally.hangs.append("stories step\n" + outcome.hang)


def _save(folder: Path, way: str, data: bytes | str, number: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    (folder / f"{way}-{number}.bin").write_bytes(raw)


def run(ways: list[str], args: argparse.Namespace) -> dict[str, Tally]:
    """Every shard of every way in; a way's seeds depend on it alone, so `--ways` and
    `--seed` replay the inputs of a full run."""
    per = -(-args.inputs // args.workers)
    shards = [
        Shard(
            w,
            per,
            args.seed + 1000 * WAYS.index(w) + n,
            args.seconds,
            args.guard,
            args.enrich_share,
            args.save,
        )
        for w in ways
        for n in range(args.workers)
    ]
    tallies = {w: Tally(w) for w in ways}
    with contextlib.ExitStack() as stack:
        if args.workers == 1:
            done: Iterator[Tally] = map(run_shard, shards)
        else:
            pool = stack.enter_context(
                mp.get_context("fork").Pool(args.workers, maxtasksperchild=1)
            )
            done = pool.imap_unordered(run_shard, shards)
        for tally in done:
            tallies[tally.way].merge(tally)
            print(f"  {tally.way}: {tally.inputs:,} inputs in {tally.seconds:.0f} s", flush=True)
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    head = "| way in | inputs | articles | rejected | skipped | crashes | hangs | broken | slowest s | inputs/s |"
    rows = [head, "|" + "---|" * 10]
    for t in tallies.values():
        rate = t.inputs / t.seconds if t.seconds else 0.0
        crashes = sum(n for n, _ in t.crashes.values())
        rows.append(
            f"| {t.way} | {t.inputs:,} | {t.articles:,} | {sum(t.rejected.values()):,} | "
            f"{t.skipped:,} | {crashes} | {len(t.hangs)} | {sum(t.problems.values())} | "
            f"{t.slowest:.2f} | {rate:.1f} |"
        )
    return "\n".join(rows)


def details(tallies: dict[str, Tally], top: int) -> str:
    out = []
    for t in tallies.values():
        out.append(f"\n{t.way}: rejections by reason")
        out += [f"  {n:>6,}  {reason}" for reason, n in t.rejected.most_common(top)]
        if len(t.rejected) > top:
            rest = sum(n for _, n in t.rejected.most_common()[top:])
            out.append(f"  {rest:>6,}  ({len(t.rejected) - top} other reasons)")
        out += [f"  broken: {n} x {what}" for what, n in t.problems.items()]
        for key, (n, first) in t.crashes.items():
            out.append(f"\n{t.way}: CRASH x{n}: {key}\n{first}")
        for where in t.hangs[:3]:
            out.append(f"\n{t.way}: HANG\n{where}")
    return "\n".join(out)


def atheris_main(way: str, rest: list[str], guard: float) -> None:
    import atheris

    suffix, _ = STRATEGIES[way]
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-atheris-"))
    import newsdesk.extract.html
    import newsdesk.extract.textdump  # noqa: F401

    atheris.instrument_all()  # coverage of every module loaded, newsdesk's and its libraries'
    store = _open_store(folder) if suffix else None

    def one_input(data: bytes) -> None:
        if suffix:
            outcome = feed_file(data, suffix, folder, store, enrich=False, guard=guard)
        else:
            text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
            outcome = feed_extractor(text, way.split("-")[1], guard=guard)
        if not outcome.ok:
            raise AssertionError(outcome.crash or outcome.hang or outcome.problems)

    atheris.Setup([sys.argv[0], *rest], one_input)
    atheris.Fuzz()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--inputs", type=int, default=10_000, help="inputs per way in")
    ap.add_argument("--seconds", type=float, default=600.0, help="time budget per way in")
    ap.add_argument("--guard", type=float, default=10.0, help="seconds one input may take")
    ap.add_argument("--ways", default=",".join(WAYS), help=f"some of {', '.join(WAYS)}")
    ap.add_argument("--enrich-share", type=float, default=0.1, help="share of inputs enriched")
    ap.add_argument("--workers", type=int, default=2, help="processes (shards per way in)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--top", type=int, default=12, help="reasons listed per way in")
    ap.add_argument("--save", default=None, help="folder to write failing inputs to")
    ap.add_argument("--atheris", default=None, metavar="WAY", help="coverage-guided run of WAY")
    ap.add_argument("rest", nargs="*", help="after --: libFuzzer arguments (with --atheris)")
    args = ap.parse_args()
    ways = [w.strip() for w in args.ways.split(",") if w.strip()]
    unknown = set(ways) - set(WAYS)
    if unknown:
        ap.error(f"unknown way in: {', '.join(sorted(unknown))}")
    if args.atheris:
        atheris_main(args.atheris, args.rest, args.guard)
        return
    began = time.perf_counter()
    tallies = run(ways, args)
    print(details(tallies, args.top))
    print()
    print(table(tallies))
    print(f"\n{time.perf_counter() - began:.0f} s in all; guard {args.guard:g} s per input")
    sys.exit(1 if any(t.failed for t in tallies.values()) else 0)


if __name__ == "__main__":
    main()
