"""The Ray executor runs the same steps as the local one and gives the same store; a
failed task is tried again, and a page that fails every try becomes a rejection."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.snapshots import duplicates, snapshot

from newsdesk.article import Article
from newsdesk.distributed import RayExecutor
from newsdesk.errors import Rejection, Skipped
from newsdesk.ingestion import ingest
from newsdesk.pipeline import Extract, LocalExecutor, Result, StepCounts
from newsdesk.readers.parts import PartDone, plan_parts
from newsdesk.store import Store

PART = 16  # records per part: the WARC goes out as several tasks


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_PART_RECORDS", str(PART))
    monkeypatch.setenv("NEWSDESK_WORKER_BATCH", str(PART))


def test_ray_ingest_gives_the_local_store(
    local_ray: None, small_warc: Path, tmp_path: Path
) -> None:
    assert len(list(plan_parts([small_warc]))) >= 4  # split across tasks
    summaries = {}
    for engine in ("local", "ray"):
        with Store.open(tmp_path / f"{engine}.db") as store:
            summaries[engine] = ingest(
                [small_warc], store, engine=engine, workers=2, enrich=False, stories=True
            )
    local, ray = summaries["local"], summaries["ray"]
    assert (ray.read, ray.articles, ray.added, ray.new_versions, ray.rejected) == (
        local.read, local.articles, local.added, local.new_versions, local.rejected
    )  # fmt: skip
    assert ray.steps["read"].seen == local.steps["read"].seen == ray.read
    assert ray.steps["extract"].seen == local.steps["extract"].seen
    expected = snapshot(tmp_path / "local.db")
    assert expected["reprint groups"] and expected["rejections"]
    assert snapshot(tmp_path / "ray.db") == expected
    assert duplicates(tmp_path / "ray.db") == []


@dataclass
class Unlucky:
    """A step that kills its worker the first time it meets `once` (a marker file
    remembers it across the restart) and raises on `always`, every time."""

    once: str
    always: str
    marker: str
    name: str = "unlucky"

    def __call__(self, record: Article) -> Article:
        url = record.url or ""
        if url.endswith(self.once) and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)  # the worker process dies mid-task
        if url.endswith(self.always):
            raise ValueError("this page always fails")
        return record


def _run(executor: RayExecutor | LocalExecutor, warc: Path, steps: list) -> list[Result]:
    counts: StepCounts = {}
    return list(executor.run(plan_parts([warc]), steps, counts))


def test_a_failed_task_is_retried_and_a_page_failing_every_try_is_rejected(
    local_ray: None, small_warc: Path, tmp_path: Path
) -> None:
    import ray

    ray.cloudpickle.register_pickle_by_value(sys.modules[Unlucky.__module__])
    expected = _run(LocalExecutor(workers=1), small_warc, [Extract()])
    urls = [r.record.url for r in expected if isinstance(r.record, Article)]
    once, always = urls[5], urls[40]
    marker = tmp_path / "crashed"
    step = Unlucky(once=once, always=always, marker=str(marker))
    got = _run(RayExecutor(workers=2, tries=2), small_warc, [Extract(), step])

    assert marker.exists()  # a worker did die on `once`
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        if isinstance(theirs.record, Article) and theirs.record.url == always:
            assert isinstance(mine.record, Rejection)
            assert mine.record.reason == (
                "failed on every try (2): ValueError: this page always fails"
            )
        elif isinstance(theirs.record, Article):
            assert isinstance(mine.record, Article)
            assert mine.record.to_dict() == theirs.record.to_dict()
        else:
            assert type(mine.record) is type(theirs.record)
            assert _said(mine.record) == _said(theirs.record)


def _said(record: object) -> tuple[str, ...]:
    """A marker's key, or a rejection's origin and reason (not its time)."""
    if isinstance(record, PartDone):
        return (record.key,)
    assert isinstance(record, Rejection | Skipped)
    return record.origin, record.reason
