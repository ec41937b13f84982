"""One pipeline for every way in: the same steps, counted and timed, one summary.

Real pages: the seed folder (two dumps and their gold files, which are not pages)
plus a page of binary junk and a thin HTML page written beside them.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk import settings
from newsdesk.article import Article
from newsdesk.cli import main
from newsdesk.errors import Rejection, Skipped
from newsdesk.ingestion import (
    ReplaceSink,
    StoreSink,
    default_steps,
    ingest,
    reextract,
    run_pipeline,
)
from newsdesk.pipeline import READ, Run, RunSummary, Stats
from newsdesk.readers import read_paths
from newsdesk.store import Store

SEED = "001_24aef3fd8e843ac8.txt"
JUNK_BYTES = 3000


@pytest.fixture
def folder(seeds_dir: Path, tmp_path: Path) -> Path:
    """The seeds, a page of binary junk and a thin HTML page."""
    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir, pages)
    (pages / "junk.html").write_bytes(bytes(range(256)) * (JUNK_BYTES // 256))
    (pages / "thin.html").write_text("<html><body><p>一段话。</p></body></html>", "utf-8")
    return pages


def _source_counts(folder: Path) -> tuple[int, int, int]:
    """(pages, rejected, skipped) as the readers alone see them."""
    items = list(read_paths(folder))
    return (
        sum(not isinstance(i, Rejection | Skipped) for i in items),
        sum(isinstance(i, Rejection) for i in items),
        sum(isinstance(i, Skipped) for i in items),
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_every_step_counts_and_times_what_it_does(
    folder: Path, tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.setting("worker_batch").env, "2")  # several batches
    pages, rejected, skipped = _source_counts(folder)
    with Store.open(tmp_path / "s.db") as store:
        summary = run_pipeline(read_paths(folder), StoreSink(store), workers=workers)
        stored = store.count()
    steps = summary.steps
    assert list(steps) == [READ, "extract", "enrich", "store"]  # run order
    assert steps[READ].seen == pages + rejected + skipped
    assert steps[READ].passed == pages == steps["extract"].seen
    assert steps["enrich"].seen == steps["extract"].passed == summary.articles
    assert summary.added == stored == summary.articles
    dropped_later = sum(sum(steps[n].dropped.values()) for n in ("extract", "enrich"))
    assert summary.skipped == skipped and summary.rejected == rejected + dropped_later
    assert sum(summary.reasons.values()) == summary.rejected
    assert all(st.seconds >= 0 for st in steps.values()) and steps["extract"].seconds > 0
    json.dumps(summary.to_dict())  # the summary is plain data


def test_workers_change_nothing_but_the_time(folder: Path, tmp_path: Path) -> None:
    def run(workers: int) -> tuple[list[str], dict[str, object]]:
        out = Run(read_paths(folder), default_steps(enrich=False), workers=workers)
        order = [r.record.id for r in out if isinstance(r.record, Article)]
        counts = {n: (st.seen, dict(st.dropped)) for n, st in out.stats.steps.items()}
        return order, counts

    one, two = run(1), run(2)
    assert one == two and len(one[0]) >= 2


def test_steps_pickle_for_the_workers() -> None:
    steps = default_steps(enrich=True)
    again = pickle.loads(pickle.dumps(steps))
    assert [s.name for s in again] == [s.name for s in steps] == ["extract", "enrich"]


def test_every_way_in_reads_a_page_alike(seeds_dir: Path, tmp_path: Path) -> None:
    """ingest, reextract, `newsdesk extract --enrich`, `newsdesk.read` and
    `newsdesk.read_page` give the same article for the same page."""
    path = tmp_path / SEED
    path.write_bytes((seeds_dir / SEED).read_bytes())
    with Store.open(tmp_path / "s.db") as store:
        ingested = ingest([path], store, workers=1)
        (aid,) = [a.id for a in store.iter_articles()]
        first = store.get(aid)
        again = reextract(store, workers=1)
        rebuilt = store.get(aid)
    assert first is not None and rebuilt is not None
    assert ingested.added == 1 and again.replaced == 1 and again.stories is not None
    cli = CliRunner().invoke(main, ["extract", str(path), "--enrich", "--workers", "1"])
    assert cli.exit_code == 0, cli.output
    (read,) = newsdesk.read(path, enrich=True)
    one = newsdesk.read_page(path.read_bytes(), kind="text", origin=str(path), enrich=True)
    expected = first.to_dict()
    assert expected["enrichment"]
    assert rebuilt.to_dict() == expected
    assert json.loads(cli.stdout.splitlines()[0]) == expected
    assert read.to_dict() == expected
    assert one.to_dict() == expected


def test_read_page_keeps_the_readers_rules() -> None:
    with pytest.raises(newsdesk.RejectedInput, match="empty"):
        newsdesk.read_page(b"  \n ", kind="text")
    limit = settings.get_int("max_page_bytes")
    with pytest.raises(newsdesk.RejectedInput, match="too large"):
        newsdesk.read_page(b"x" * (limit + 1), kind="text")


def test_reextract_replaces_in_place_and_counts_it(folder: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        first = ingest([folder], store, workers=1, enrich=False)
        pages = sum(1 for _ in store.iter_pages())
        summary = run_pipeline(
            (p for _, p in store.iter_pages()), ReplaceSink(store), enrich=False, workers=1
        )
        assert store.count() == first.added
    assert summary.read == pages and summary.replaced == first.added
    assert summary.steps["store"].seen == pages


def test_progress_sees_the_run_as_it_goes(folder: Path, tmp_path: Path) -> None:
    seen: list[int] = []

    def hook(stats: Stats) -> None:
        seen.append(stats.read + stats.skipped)

    with Store.open(tmp_path / "s.db") as store:
        summary: RunSummary = ingest([folder], store, workers=1, enrich=False, progress=hook)
    assert seen == list(range(1, summary.read + summary.skipped + 1))
