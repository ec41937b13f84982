"""The actor's body: steps and models loaded once, then bundle after bundle.

A bundle is a list of parts (read here, from the shared files) and pages (sent by
the driver); the answer is every result in order, each part's followed by its
`PartDone`, with the steps' counts (reading included) for the driver to merge.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.article import Page
from newsdesk.pipeline import (
    READ,
    Result,
    Source,
    Step,
    StepCounts,
    apply_steps,
    expand_parts,
    stat,
)

BundleResults = tuple[list[Result], StepCounts]


class StepWorker:
    """Runs `steps` over bundles; enrichment's models load when the actor starts."""

    def __init__(self, steps: Sequence[Step], max_bytes: int) -> None:
        self.steps = list(steps)
        self.max_bytes = max_bytes
        if any(step.name == "enrich" for step in self.steps):
            from newsdesk.enrich.step import warm_up

            warm_up()

    def ready(self) -> bool:
        """Answers once the constructor (and the models) are done."""
        return True

    def run(self, bundle: Source) -> BundleResults:
        return run_bundle(bundle, self.steps, self.max_bytes)


def run_bundle(bundle: Source, steps: Sequence[Step], max_bytes: int) -> BundleResults:
    """Every result of a bundle in order, and the counts of reading and of each step."""
    counts: StepCounts = {}
    results: list[Result] = []
    for item in expand_parts(bundle, stat(counts, READ), max_bytes):
        if isinstance(item, Page):
            results.append(Result(item, apply_steps(item, steps, counts)))
        else:
            results.append(Result(None, item))
    return results, counts
