"""One pipeline for every way in: read -> extract -> enrich -> store -> stories.

`ingest` (paths), `reextract` (the store's kept raw pages), `ingest_body` (an
uploaded body) and `newsdesk extract` (stdout) differ only in their source and sink;
`run_pipeline` runs the same steps between them and returns one `RunSummary`.

Writes happen in batches, one transaction each (the `write_batch` setting), so an
interrupted run leaves every finished batch complete and nothing half-written.
Rejections are recorded in the same store with their reasons; the run always goes on.

`ingest` runs over parts of its inputs (`readers.parts`) and is resumable: each
transaction also records the parts it finishes, and a run of the same inputs after
a kill skips them.  The steps run on an executor (`engine`): this machine's worker
processes, or Ray (`newsdesk.distributed`); the store is written here either way,
by the one sink, so both give the same store.

After the pages, the stories step (`stories_step`, over `newsdesk.stories.refresh`)
processes what the run added or changed: reprints, stories and the hot ranking,
incrementally, once per run rather than per batch (its cost is mostly loading the
open stories, so one load serves the whole run).  It follows `enrich` unless told
otherwise: `--no-enrich` is the fast extract-and-store path, and a later enriched
run or any story query catches up.  Uploads run it after their answer, through the
same function.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from newsdesk import settings
from newsdesk.article import Article, Page
from newsdesk.errors import Rejection
from newsdesk.pipeline import (
    Executor,
    Extract,
    LocalExecutor,
    Result,
    Run,
    RunSummary,
    Source,
    Stats,
    Step,
    stat,
)
from newsdesk.readers import BodyKind, read_bytes
from newsdesk.readers.parts import Part, PartDone, plan_parts
from newsdesk.store import Store

if TYPE_CHECKING:
    from newsdesk.lake import LakeWriter
    from newsdesk.stories.model import UpdateSummary

ProgressHook = Callable[[Stats], None]
Engine = Literal["local", "ray"]

# The name the summary used before every way in shared it.
IngestSummary = RunSummary


class Sink(Protocol):
    """Where a run's results go: `put` each in input order, then `close` once, which
    writes what is left and adds the sink's own counts to the summary."""

    @property
    def name(self) -> str: ...

    def put(self, result: Result) -> None: ...

    def close(self, summary: RunSummary) -> None: ...


class StoreSink:
    """Adds articles and records rejections, `batch` results per transaction.

    In a resumable `run`, a transaction ends only where a part does, and records the
    parts it finishes (a part larger than `HOLD` batches is written in pieces, and
    re-read whole if the run is killed inside it).  With `lake`, each transaction's
    articles also go to the lake, first, as shards named after the transaction's first
    part, so a resumed run writes the same shards again rather than new ones.  With
    `keep`, it also remembers what it stored and turned away (an upload's answer
    lists them); a long ingest does not, so its memory stays flat.
    """

    name = "store"
    HOLD = 4

    def __init__(
        self,
        store: Store,
        *,
        batch: int | None = None,
        keep: bool = False,
        run: str | None = None,
        lake: LakeWriter | None = None,
    ) -> None:
        self.store = store
        self.batch = batch or settings.get_int("write_batch")
        self.keep = keep
        self.run = run
        self.lake = lake
        self.stored: list[Article] = []
        self.rejections: list[Rejection] = []
        self._articles: list[tuple[Page, Article]] = []
        self._rejected: list[Rejection] = []
        self._done: list[str] = []
        self._flushes = 0
        self._added = self._unchanged = self._new_versions = 0

    def put(self, result: Result) -> None:
        record = result.record
        if isinstance(record, PartDone):
            self._done.append(record.key)
        elif isinstance(record, Article) and result.page is not None:
            self._articles.append((result.page, record))
        elif isinstance(record, Rejection):
            self._rejected.append(record)
        # Skipped: counted by the run's stats; not a rejection
        pending = len(self._articles) + len(self._rejected)
        at_boundary = self.run is None or isinstance(record, PartDone)
        if pending >= (self.batch if at_boundary else self.HOLD * self.batch):
            self._flush()

    def close(self, summary: RunSummary) -> None:
        self._flush()
        summary.added += self._added
        summary.unchanged += self._unchanged
        summary.new_versions += self._new_versions

    def _flush(self) -> None:
        if not (self._articles or self._rejected or self._done):
            return
        if self.lake is not None and self._articles:
            name = self._done[0] if self._done else f"{self.run}-{self._flushes}"
            shard = "part-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            self.lake.write([a for _, a in self._articles], shard)
        added = self.store.write(self._articles, self._rejected, run=self.run, parts=self._done)
        self._added += added.added
        self._unchanged += added.unchanged
        self._new_versions += added.new_versions
        if self.keep:
            self.stored += [a for _, a in self._articles]
            self.rejections += self._rejected
        self._articles, self._rejected, self._done = [], [], []
        self._flushes += 1


class ReplaceSink:
    """Re-extraction: each article overwrites its stored latest version in place."""

    name = "store"

    def __init__(self, store: Store) -> None:
        self.store = store
        self._replaced = 0

    def put(self, result: Result) -> None:
        if isinstance(result.record, Article) and self.store.replace(result.record):
            self._replaced += 1

    def close(self, summary: RunSummary) -> None:
        summary.replaced += self._replaced


def default_steps(*, enrich: bool = True, warm: bool = True) -> list[Step]:
    """The map steps every page goes through: extraction, then enrichment.

    `warm` loads the models here, so forked workers share them (a distributed
    executor's workers load their own)."""
    if not enrich:
        return [Extract()]
    from newsdesk.enrich.step import Enrich, warm_up

    if warm:
        warm_up()
    return [Extract(), Enrich()]


def executor_for(
    engine: Engine = "local", *, workers: int | None = None, address: str | None = None
) -> Executor:
    """The executor of an engine: `local` worker processes, or `ray` (started here,
    or joined at `address`); `workers` None means the `workers` setting."""
    if engine == "ray":
        from newsdesk.distributed import RayExecutor

        return RayExecutor(workers=_workers(workers), address=address)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: local or ray")
    return LocalExecutor(workers=_workers(workers))


def run_pipeline(
    source: Source,
    sink: Sink,
    *,
    enrich: bool = True,
    workers: int | None = None,
    progress: ProgressHook | None = None,
    executor: Executor | None = None,
) -> RunSummary:
    """Read `source` through extraction (and enrichment) into `sink`; what happened.

    `workers` None means the `workers` setting (0 there: one per core); `executor`
    (default: this machine's worker processes) runs the steps.
    """
    local = executor is None or isinstance(executor, LocalExecutor)
    steps = default_steps(enrich=enrich, warm=local)
    run = Run(source, steps, workers=_workers(workers), executor=executor)
    writing = stat(run.stats.steps, sink.name)
    for result in run:
        began = time.perf_counter()
        sink.put(result)
        writing.seconds += time.perf_counter() - began
        if isinstance(result.record, PartDone):
            continue  # a marker for the sink, not a page
        writing.seen += 1
        if progress is not None:
            progress(run.stats)
    began = time.perf_counter()
    summary = RunSummary.of(run.stats)
    sink.close(summary)
    writing.seconds += time.perf_counter() - began
    summary.seconds = run.stats.elapsed
    return summary


def stories_step(
    store: Store, summary: RunSummary | None = None, *, from_scratch: bool = False
) -> RunSummary | None:
    """Process what is new or changed into reprints and stories, and re-rank hot;
    recorded (with its seconds) in `summary` when given.  Every way in ends here."""
    done = refresh_stories(store, from_scratch=from_scratch)
    if summary is not None:
        summary.stories = done
        st = stat(summary.steps, "stories")
        st.seen += done.processed
        st.seconds += done.seconds
        summary.seconds += done.seconds
    return summary


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int | None = None,
    write_batch: int | None = None,
    progress: ProgressHook | None = None,
    enrich: bool = True,
    stories: bool | None = None,
    engine: Engine = "local",
    address: str | None = None,
    out: Path | None = None,
    resume: bool = True,
) -> RunSummary:
    """Read every page under `paths` into `store`; returns what happened.

    `write_batch` is articles per transaction (default: the `write_batch` setting);
    `stories` (default: as `enrich`) brings reprints, stories and hot up to date after.
    `engine` runs the steps (see `executor_for`); `out` also writes the articles as a
    Parquet lake.  With `resume`, a run of the same paths and options that was killed
    carries on from the parts it had stored.
    """
    given: list[str | Path] = [paths] if isinstance(paths, str | Path) else list(paths)
    run_id, done, resumed = None, set[str](), False
    if resume:
        run_id, done, resumed = store.begin_run(*_signature(given, enrich=enrich))
    lake = None
    if out is not None:
        from newsdesk.lake import LakeWriter

        lake = LakeWriter(out, fresh=not resumed)
    sink = StoreSink(store, batch=write_batch, run=run_id, lake=lake)
    skipped = [0]
    executor = executor_for(engine, workers=workers, address=address)
    summary = run_pipeline(
        _not_done(plan_parts(given), done, skipped),
        sink,
        enrich=enrich,
        workers=workers,
        progress=progress,
        executor=executor,
    )
    summary.resumed = skipped[0]
    if run_id is not None:
        store.finish_run(run_id)
    if enrich if stories is None else stories:
        stories_step(store, summary)
    return summary


def _signature(paths: list[str | Path], *, enrich: bool) -> tuple[str, str]:
    """What makes a rerun the same run: the paths (absolute) and the steps."""
    inputs = json.dumps(
        {"paths": [os.path.abspath(p) for p in paths], "enrich": enrich}, ensure_ascii=False
    )
    return hashlib.sha256(inputs.encode("utf-8", "surrogatepass")).hexdigest(), inputs


def _not_done(parts: Iterable[Part], done: set[str], skipped: list[int]) -> Iterator[Part]:
    for part in parts:
        if part.key in done:
            skipped[0] += 1
        else:
            yield part


def ingest_body(
    data: bytes,
    store: Store,
    *,
    kind: BodyKind,
    origin: str,
    url: str | None = None,
    enrich: bool = True,
) -> tuple[RunSummary, StoreSink]:
    """Store one body held in memory (an upload) exactly as its file would be.

    Runs in this process (no workers: a server's threads must not fork) and leaves
    the stories step to the caller; the sink remembers what was stored and turned away.
    """
    sink = StoreSink(store, keep=True)
    source = read_bytes(data, kind=kind, origin=origin, url=url)
    return run_pipeline(source, sink, enrich=enrich, workers=1), sink


def reextract(
    store: Store, *, workers: int | None = None, enrich: bool = True, stories: bool | None = None
) -> RunSummary:
    """Rebuild every stored article from its kept raw page with today's extractor."""
    pages = (page for _, page in store.iter_pages())
    summary = run_pipeline(pages, ReplaceSink(store), enrich=enrich, workers=workers)
    if enrich if stories is None else stories:
        # Every article may read differently now, and a re-extraction keeps the page
        # (its content hash), so the stories are built again rather than updated.
        stories_step(store, summary, from_scratch=True)
    return summary


def refresh_stories(store: Store, *, from_scratch: bool = False) -> UpdateSummary:
    """The stories step's work alone, with its own summary."""
    from newsdesk.stories import refresh

    return refresh(store, from_scratch=from_scratch)


def _workers(workers: int | None) -> int | None:
    if workers is None:
        workers = settings.get_int("workers")
    return workers or None
