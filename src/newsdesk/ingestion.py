"""Ingest: read pages, extract articles, write them to the store in transactions.

Writes happen in batches, one transaction each, so an interrupted run leaves every
finished batch complete and nothing half-written.  Rejections are recorded in the
same store with their reasons; the run always goes on.

After the pages, the stories step (`newsdesk.stories.refresh`) processes what the run
added or changed: reprints, stories and the hot ranking, incrementally, once per run
rather than per batch (its cost is mostly loading the open stories, so one load serves
the whole run).  It follows `enrich` unless told otherwise: `--no-enrich` is the fast
extract-and-store path, and a later enriched run or any story query catches up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk import settings
from newsdesk.article import Article, Page
from newsdesk.errors import Rejection, Skipped
from newsdesk.pipeline import Extract, Result, Run, Stats, Step
from newsdesk.readers import read_paths
from newsdesk.store import Store

if TYPE_CHECKING:
    from newsdesk.stories.model import UpdateSummary

ProgressHook = Callable[[Stats], None]


@dataclass
class IngestSummary:
    """What one ingest did: counts, and why pages were turned away."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    new_versions: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stories: UpdateSummary | None = None  # what the stories step did, when it ran

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


def default_steps(*, enrich: bool = True) -> list[Step]:
    """The map steps every page goes through: extraction, then enrichment."""
    if not enrich:
        return [Extract()]
    from newsdesk.enrich.step import Enrich, warm_up

    warm_up()  # load models once here, so forked workers share them
    return [Extract(), Enrich()]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int | None = None,
    batch_size: int | None = None,
    progress: ProgressHook | None = None,
    enrich: bool = True,
    stories: bool | None = None,
) -> IngestSummary:
    """Read every page under `paths` into `store`; returns what happened.

    `stories` (default: as `enrich`) brings reprints, stories and hot up to date after.
    """
    size = batch_size or settings.get_int("batch_size")
    source = read_paths(paths, max_bytes=settings.get_int("max_page_bytes"))
    run = Run(source, default_steps(enrich=enrich), workers=_workers(workers))
    summary = IngestSummary()
    for articles, rejections in _batched(run, size, progress):
        if articles:
            added = store.add(articles)
            summary.added += added.added
            summary.unchanged += added.unchanged
            summary.new_versions += added.new_versions
        if rejections:
            store.reject(rejections)
    stats = run.stats
    summary.read, summary.rejected, summary.skipped = stats.read, stats.rejected, stats.skipped
    summary.reasons = dict(stats.reasons)
    summary.seconds = stats.elapsed
    if enrich if stories is None else stories:
        summary.stories = refresh_stories(store)
    return summary


def refresh_stories(store: Store, *, from_scratch: bool = False) -> UpdateSummary:
    """Process what is new or changed into reprints and stories, and re-rank hot."""
    from newsdesk.stories import refresh

    return refresh(store, from_scratch=from_scratch)


def reextract(
    store: Store, *, workers: int | None = None, enrich: bool = True, stories: bool | None = None
) -> IngestSummary:
    """Rebuild every stored article from its kept raw page with today's extractor."""
    pages = (page for _, page in store.iter_pages())
    run = Run(pages, default_steps(enrich=enrich), workers=_workers(workers))
    summary = IngestSummary()
    for result in run:
        if isinstance(result.record, Article):
            store.replace(result.record)
            summary.added += 1
        elif isinstance(result.record, Rejection):
            summary.rejected += 1
    summary.read = run.stats.read
    summary.seconds = run.stats.elapsed
    if enrich if stories is None else stories:
        # Every article may read differently now, and a re-extraction keeps the page
        # (its content hash), so the stories are built again rather than updated.
        summary.stories = refresh_stories(store, from_scratch=True)
    return summary


def _batched(
    run: Run, size: int, progress: ProgressHook | None
) -> Iterator[tuple[list[tuple[Page, Article]], list[Rejection]]]:
    articles: list[tuple[Page, Article]] = []
    rejections: list[Rejection] = []
    for result in run:
        _sort(result, articles, rejections)
        if progress is not None:
            progress(run.stats)
        if len(articles) + len(rejections) >= size:
            yield articles, rejections
            articles, rejections = [], []
    yield articles, rejections


def _sort(
    result: Result, articles: list[tuple[Page, Article]], rejections: list[Rejection]
) -> None:
    record = result.record
    if isinstance(record, Article) and result.page is not None:
        articles.append((result.page, record))
    elif isinstance(record, Rejection):
        rejections.append(record)
    elif isinstance(record, Skipped):
        pass  # counted by the run's stats; not a rejection


def _workers(workers: int | None) -> int | None:
    if workers is None:
        workers = settings.get_int("workers")
    return workers or None
