"""Steps over a stream of Pages and Articles, the executor that runs them, and what a
run reports.

A pipeline is a source (an iterator of `Page | Rejection | Skipped`: files, stored raw
pages or an uploaded body), a list of map steps and a sink (the store, stdout).  A map
step turns one record into another (`Page -> Article`, `Article -> Article` for
enrichment) or into a `Rejection` with its reason; it never drops a record silently.
Map steps are plain picklable objects, so the same list runs in this process, in a
local pool over every core, or on a distributed engine: only the executor changes.

Every step counts what it took in and what it dropped (by reason) and times itself
(`StepStats`, datatrove's `stat_update` idea); workers send their counts back with
their batch.  A run ends with one `RunSummary`, which every front end shows: the
CLI's table, `newsdesk extract`'s closing line, the upload's JSON answer.

The local executor sends pages to worker processes in bounded batches (a few in
flight while the next is read), so memory stays flat however long the input, and
results come back in input order.  A source may also hold `Part`s (pieces of files,
see `readers.parts`): the local executor reads them here, a distributed one in its
workers; either way each part's results are followed by its `PartDone` marker, which
the store's sink records in the transaction that stores the part.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from newsdesk.article import Article, Page
from newsdesk.errors import RejectedInput, Rejection, Skipped
from newsdesk.readers.parts import Part, PartDone

if TYPE_CHECKING:
    from newsdesk.stories.model import UpdateSummary

log = logging.getLogger(__name__)

Record = Page | Article | Rejection | Skipped
Source = Iterable[Page | Rejection | Skipped | Part]
READ = "read"  # the name the source's counts go under


class Step(Protocol):
    """One map step: a record in, a record (or a Rejection saying why) out."""

    @property
    def name(self) -> str: ...

    def __call__(self, record: Any, /) -> Article | Rejection: ...


@dataclass(slots=True)
class StepStats:
    """What one step did: records taken in, records dropped by reason, seconds spent."""

    name: str
    seen: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return self.seen - sum(self.dropped.values())

    def merge(self, other: StepStats) -> None:
        self.seen += other.seen
        self.dropped.update(other.dropped)
        self.seconds += other.seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "passed": self.passed,
            "dropped": dict(self.dropped.most_common()),
            "seconds": round(self.seconds, 3),
        }


StepCounts = dict[str, StepStats]


def stat(counts: StepCounts, name: str) -> StepStats:
    """The counts of step `name`, made on first use (steps report in run order)."""
    found = counts.get(name)
    if found is None:
        found = counts[name] = StepStats(name)
    return found


@dataclass(slots=True)
class Extract:
    """Page -> Article, by the reader for the page's kind."""

    name: str = "extract"

    def __call__(self, record: Page) -> Article | Rejection:
        from newsdesk.extract import extract_page

        try:
            return extract_page(record)
        except RejectedInput as exc:
            return Rejection(record.origin, exc.reason)
        except RecursionError:
            return Rejection(record.origin, "page nests too deeply to read")
        except Exception as exc:  # a reader bug must not end the run; keep the reason
            log.exception("extracting %s failed", record.origin)
            return Rejection(record.origin, f"extraction failed: {type(exc).__name__}: {exc}")


@dataclass(slots=True)
class Result:
    """What came out for one page: the page and its article, or why it was turned away."""

    page: Page | None
    record: Article | Rejection | Skipped | PartDone


@dataclass
class Stats:
    """Counts of what the run did, with the reasons for what it turned away."""

    read: int = 0
    articles: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    steps: StepCounts = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def count(self, result: Result) -> None:
        rec = result.record
        if isinstance(rec, PartDone):
            return
        if isinstance(rec, Skipped):
            self.skipped += 1
            return
        self.read += 1
        if isinstance(rec, Rejection):
            self.rejected += 1
            self.reasons[reason_kind(rec.reason)] += 1
        else:
            self.articles += 1

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


def reason_kind(reason: str) -> str:
    """Group reasons for the summary: the part before any detail after a colon."""
    return reason.split(":", 1)[0].strip()


def apply_steps(
    record: Page, steps: Sequence[Step], counts: StepCounts | None = None
) -> Article | Rejection:
    """Run the map steps over one page, stopping at the first rejection; each step's
    records, drops and seconds go into `counts` when given."""
    current: Any = record
    for step in steps:
        began = time.perf_counter()
        current = step(current)
        if counts is not None:
            st = stat(counts, step.name)
            st.seen += 1
            st.seconds += time.perf_counter() - began
            if isinstance(current, Rejection):
                st.dropped[reason_kind(current.reason)] += 1
        if isinstance(current, Rejection):
            break
    return current


Batch = tuple[list[Article | Rejection], StepCounts]


class Executor(Protocol):
    """Runs map steps over a source: results in input order, a part's results followed
    by its `PartDone`; the steps' counts are merged into `counts` as batches end."""

    def run(
        self, source: Source, steps: Sequence[Step], counts: StepCounts | None = None
    ) -> Iterator[Result]: ...


def _apply_batch(args: tuple[list[Page], Sequence[Step]]) -> Batch:
    pages, steps = args
    counts: StepCounts = {}
    return [apply_steps(p, steps, counts) for p in pages], counts


class LocalExecutor:
    """Runs map steps over a stream on this machine, in `workers` processes.

    `worker_batch` pages go to a worker at a time (default: the `worker_batch` setting).
    """

    def __init__(self, *, workers: int | None = None, worker_batch: int | None = None) -> None:
        from newsdesk import settings

        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.worker_batch = worker_batch or settings.get_int("worker_batch")

    def run(
        self, source: Source, steps: Sequence[Step], counts: StepCounts | None = None
    ) -> Iterator[Result]:
        """Results in input order; the steps' counts are added to `counts` as batches end."""
        from newsdesk.readers.files import max_page_bytes

        merged = counts if counts is not None else {}
        items = expand_parts(source, stat(merged, READ), max_page_bytes())
        batches = _batches(items, self.worker_batch)
        if self.workers == 1:
            for batch in batches:
                yield from _results(batch, _apply_batch((_pages(batch), steps)), merged)
            return
        yield from self._run_pool(batches, steps, merged)

    def _run_pool(
        self, batches: Iterator[list[Any]], steps: Sequence[Step], counts: StepCounts
    ) -> Iterator[Result]:
        ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        with ctx.Pool(self.workers) as pool:
            # Keep a few batches in flight per worker so no core waits on the reader.
            in_flight: list[tuple[list[Any], Any]] = []
            for batch in batches:
                task = pool.apply_async(_apply_batch, ((_pages(batch), steps),))
                in_flight.append((batch, task))
                if len(in_flight) > 2 * self.workers:
                    done, handle = in_flight.pop(0)
                    yield from _results(done, handle.get(), counts)
            for done, handle in in_flight:
                yield from _results(done, handle.get(), counts)


def expand_parts(
    source: Source, reading: StepStats, max_bytes: int
) -> Iterator[Page | Rejection | Skipped | PartDone]:
    """The source with each part read in place (counted and timed as reading) and
    followed by its `PartDone`."""
    for item in source:
        if isinstance(item, Part):
            yield from _timed(item.read(max_bytes), reading)
            yield PartDone(item.key)
        else:
            yield item


def _batches(source: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in source:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pages(batch: list[Any]) -> list[Page]:
    return [item for item in batch if isinstance(item, Page)]


def _results(batch: list[Any], done: Batch, counts: StepCounts) -> Iterator[Result]:
    """Put the workers' outputs back beside their pages, in input order."""
    outputs, batch_counts = done
    for name, st in batch_counts.items():
        stat(counts, name).merge(st)
    it = iter(outputs)
    for item in batch:
        if isinstance(item, Page):
            yield Result(item, next(it))
        else:
            yield Result(None, item)


class Run:
    """One pass of the steps over a source: iterate it for results; `stats` counts as it goes."""

    def __init__(
        self,
        source: Source,
        steps: Sequence[Step] | None = None,
        *,
        workers: int | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.stats = Stats()
        reading = stat(self.stats.steps, READ)
        chosen = steps or [Extract()]
        for step in chosen:
            stat(self.stats.steps, step.name)  # listed in run order, before any reports
        runner = executor or LocalExecutor(workers=workers)
        self._results = runner.run(_timed(source, reading), chosen, self.stats.steps)

    def __iter__(self) -> Iterator[Result]:
        for result in self._results:
            self.stats.count(result)
            yield result


def _timed(source: Iterable[Any], st: StepStats) -> Iterator[Any]:
    """The source's items, counted (what it turned away by reason) and timed; parts
    pass uncounted (their items are counted where they are read)."""
    it = iter(source)
    while True:
        began = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            st.seconds += time.perf_counter() - began
            return
        st.seconds += time.perf_counter() - began
        if isinstance(item, Part):
            yield item
            continue
        st.seen += 1
        if isinstance(item, Rejection | Skipped):
            st.dropped[reason_kind(item.reason)] += 1
        yield item


@dataclass
class RunSummary:
    """What one run did, from source to sink: the one record every front end shows.

    `added`/`unchanged`/`new_versions` are the store's words for what it kept,
    `replaced` is re-extraction's; `steps` holds each step's counts and seconds in
    run order (read, extract, enrich, the sink, stories).  `resumed` counts the parts
    a killed run of the same inputs had already stored, which this run skipped.
    """

    read: int = 0
    articles: int = 0
    added: int = 0
    unchanged: int = 0
    new_versions: int = 0
    replaced: int = 0
    rejected: int = 0
    skipped: int = 0
    resumed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    steps: StepCounts = field(default_factory=dict)
    stories: UpdateSummary | None = None  # what the stories step did, when it ran

    @classmethod
    def of(cls, stats: Stats) -> RunSummary:
        """The summary of a finished run's counts (the sink then adds its own)."""
        return cls(
            read=stats.read,
            articles=stats.articles,
            rejected=stats.rejected,
            skipped=stats.skipped,
            reasons=dict(stats.reasons.most_common()),
            seconds=stats.elapsed,
            steps=stats.steps,
        )

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "articles": self.articles,
            "added": self.added,
            "unchanged": self.unchanged,
            "new_versions": self.new_versions,
            "replaced": self.replaced,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "resumed": self.resumed,
            "reasons": dict(self.reasons),
            "seconds": round(self.seconds, 3),
            "steps": {name: st.to_dict() for name, st in self.steps.items()},
            "stories": self.stories.to_dict() if self.stories is not None else None,
        }
