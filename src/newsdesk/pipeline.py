"""Steps over a stream of Pages and Articles, and the executor that runs them.

A pipeline is a source (an iterator of `Page | Rejection | Skipped`), a list of map
steps and a sink.  A map step turns one record into another (`Page -> Article`,
later `Article -> Article` for enrichment) or into a `Rejection` with its reason; it
never drops a record silently.  Map steps are plain picklable objects, so the same
list runs in this process, in a local pool over every core, or on a distributed
engine: only the executor changes.

The local executor sends pages to worker processes in bounded batches (one batch in
flight while the next is read), so memory stays flat however long the input, and
results come back in input order.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsdesk.article import Article, Page
from newsdesk.errors import RejectedInput, Rejection, Skipped

log = logging.getLogger(__name__)

Record = Page | Article | Rejection | Skipped

# Pages per batch sent to a worker: large enough to amortise pickling and IPC,
# small enough that memory stays flat and progress stays lively.
BATCH_SIZE = 128


class Step(Protocol):
    """One map step: a record in, a record (or a Rejection saying why) out."""

    name: str

    def __call__(self, record: Any, /) -> Any: ...


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
    record: Article | Rejection | Skipped


@dataclass
class Stats:
    """Counts of what the run did, with the reasons for what it turned away."""

    read: int = 0
    articles: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def count(self, result: Result) -> None:
        rec = result.record
        if isinstance(rec, Skipped):
            self.skipped += 1
            return
        self.read += 1
        if isinstance(rec, Rejection):
            self.rejected += 1
            self.reasons[_reason_kind(rec.reason)] += 1
        else:
            self.articles += 1

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


def _reason_kind(reason: str) -> str:
    """Group reasons for the summary: the part before any detail after a colon."""
    return reason.split(":", 1)[0].strip()


def apply_steps(record: Page, steps: Sequence[Step]) -> Article | Rejection:
    """Run the map steps over one page, stopping at the first rejection."""
    current: Any = record
    for step in steps:
        current = step(current)
        if isinstance(current, Rejection):
            break
    return current


def _apply_batch(args: tuple[list[Page], Sequence[Step]]) -> list[Article | Rejection]:
    pages, steps = args
    return [apply_steps(p, steps) for p in pages]


class LocalExecutor:
    """Runs map steps over a stream on this machine, in `workers` processes."""

    def __init__(self, *, workers: int | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.batch_size = batch_size

    def run(
        self, source: Iterable[Page | Rejection | Skipped], steps: Sequence[Step]
    ) -> Iterator[Result]:
        batches = _batches(source, self.batch_size)
        if self.workers == 1:
            for batch in batches:
                yield from _results(batch, _apply_batch((_pages(batch), steps)))
            return
        yield from self._run_pool(batches, steps)

    def _run_pool(self, batches: Iterator[list[Any]], steps: Sequence[Step]) -> Iterator[Result]:
        ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        with ctx.Pool(self.workers) as pool:
            # Keep a few batches in flight per worker so no core waits on the reader.
            in_flight: list[tuple[list[Any], Any]] = []
            for batch in batches:
                task = pool.apply_async(_apply_batch, ((_pages(batch), steps),))
                in_flight.append((batch, task))
                if len(in_flight) > 2 * self.workers:
                    done, handle = in_flight.pop(0)
                    yield from _results(done, handle.get())
            for done, handle in in_flight:
                yield from _results(done, handle.get())


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


def _results(batch: list[Any], outputs: list[Article | Rejection]) -> Iterator[Result]:
    """Put the workers' outputs back beside their pages, in input order."""
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
        source: Iterable[Page | Rejection | Skipped],
        steps: Sequence[Step] | None = None,
        *,
        workers: int | None = None,
    ) -> None:
        self.stats = Stats()
        self._results = LocalExecutor(workers=workers).run(source, steps or [Extract()])

    def __iter__(self) -> Iterator[Result]:
        for result in self._results:
            self.stats.count(result)
            yield result
