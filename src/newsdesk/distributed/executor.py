"""`RayExecutor`: the local executor's contract (results in input order, parts
followed by their `PartDone`, counts merged) with the work done by Ray actors.

The driver only plans: parts (and any pages it was given) go out in bundles of about
`worker_batch` pages, a few per actor in flight, so memory stays flat; results come
back whole per bundle and are handed on in input order, so the store is written by
the one sink exactly as in a local run, and a retried task is never stored twice.

A task that fails (an exception, a worker that died) is sent again, to the next
actor, up to `tries` times; then its pages go one at a time (the driver reads its
parts), and a page that fails every try becomes a rejection with the reason.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsdesk.article import Page
from newsdesk.distributed.cluster import cluster_cpus, connect, ray_module
from newsdesk.distributed.worker import BundleResults, StepWorker
from newsdesk.errors import Rejection
from newsdesk.pipeline import (
    READ,
    Result,
    Source,
    Step,
    StepCounts,
    expand_parts,
    stat,
)
from newsdesk.readers.parts import Part

log = logging.getLogger(__name__)

Bundle = list[Any]  # parts and pages, in input order
TRIES = 3


class RayExecutor:
    """Runs map steps on Ray: one actor per worker (default: the cluster's CPUs).

    Without `address` a local Ray is started (with `workers` CPUs) and stopped after
    the run; with one, the running cluster is joined.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        address: str | None = None,
        worker_batch: int | None = None,
        tries: int = TRIES,
    ) -> None:
        from newsdesk import settings
        from newsdesk.readers.files import max_page_bytes

        self.workers = workers
        self.address = address
        self.worker_batch = worker_batch or settings.get_int("worker_batch")
        self.tries = max(1, tries)
        self.max_bytes = max_page_bytes()
        self._actors: list[Any] = []
        self._next = 0

    def run(
        self, source: Source, steps: Sequence[Step], counts: StepCounts | None = None
    ) -> Iterator[Result]:
        ray = ray_module()
        started = connect(self.address, self.workers)
        merged = counts if counts is not None else {}
        try:
            self._start(ray, steps)
            yield from self._results(ray, source, merged)
        finally:
            for actor in self._actors:
                ray.kill(actor)
            self._actors = []
            if started:
                ray.shutdown()

    def _start(self, ray: Any, steps: Sequence[Step]) -> None:
        n = self.workers or cluster_cpus()
        actor = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=0)(StepWorker)
        self._actors = [actor.remote(list(steps), self.max_bytes) for _ in range(n)]
        ray.get([a.ready.remote() for a in self._actors])  # models loaded, or fail here

    def _results(self, ray: Any, source: Source, counts: StepCounts) -> Iterator[Result]:
        in_flight: deque[tuple[Bundle, Any]] = deque()
        for bundle in _bundles(source, self.worker_batch):
            in_flight.append((bundle, self._submit(bundle)))
            if len(in_flight) > 2 * len(self._actors):
                yield from self._collect(ray, *in_flight.popleft(), counts)
        while in_flight:
            yield from self._collect(ray, *in_flight.popleft(), counts)

    def _submit(self, bundle: Bundle) -> Any:
        actor = self._actors[self._next % len(self._actors)]
        self._next += 1
        return actor.run.remote(bundle)

    def _collect(self, ray: Any, bundle: Bundle, ref: Any, counts: StepCounts) -> Iterator[Result]:
        """The bundle's results, tried again on failure; then page by page."""
        error: BaseException | None = None
        for attempt in range(1, self.tries + 1):
            try:
                done: BundleResults = ray.get(ref)
            except ray.exceptions.RayError as exc:
                error = exc
                log.warning("task of %d items failed (try %d): %s", len(bundle), attempt, why(exc))
                if attempt < self.tries:
                    ref = self._submit(bundle)
                continue
            results, bundle_counts = done
            for name, st in bundle_counts.items():
                stat(counts, name).merge(st)
            yield from results
            return
        assert error is not None
        if len(bundle) == 1 and isinstance(bundle[0], Page):
            page = bundle[0]
            reason = f"failed on every try ({self.tries}): {why(error)}"
            yield Result(page, Rejection(page.origin, reason))
            return
        yield from self._one_by_one(ray, bundle, counts)

    def _one_by_one(self, ray: Any, bundle: Bundle, counts: StepCounts) -> Iterator[Result]:
        """A bundle that failed every try: its pages alone, so only the bad ones fail."""
        for item in expand_parts(bundle, stat(counts, READ), self.max_bytes):
            if isinstance(item, Page):
                yield from self._collect(ray, [item], self._submit([item]), counts)
            else:
                yield Result(None, item)


def _bundles(source: Iterable[Any], size: int) -> Iterator[Bundle]:
    """Parts and pages in input order, grouped to about `size` pages a bundle."""
    bundle: Bundle = []
    weight = 0
    for item in source:
        bundle.append(item)
        weight += item.size if isinstance(item, Part) else 1
        if weight >= size:
            yield bundle
            bundle, weight = [], 0
    if bundle:
        yield bundle


def why(exc: BaseException) -> str:
    """A failed task's reason in a line: the step's own exception, or the worker's end."""
    ray = ray_module()
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException) and not isinstance(cause, ray.exceptions.RayError):
        return f"{type(cause).__name__}: {cause}"[:200]
    if isinstance(exc, ray.exceptions.RayActorError | ray.exceptions.WorkerCrashedError):
        return "the worker died"
    return type(exc).__name__
