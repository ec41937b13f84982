"""The portal's memory of answers: fresh while the store is unchanged, a little stale
while an ingest commits, and a remembered answer is never waited for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths

import newsdesk
from newsdesk.store import Store, engines, queries
from newsdesk.store.engines import Connection
from newsdesk.web import memo


def seed_pages() -> list[Path]:
    return sorted(paths.SEEDS.glob("*.txt"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    if not paths.SEEDS.is_dir():
        pytest.skip("the seed pages are not available")
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        newsdesk.ingest([seed_pages()[0]], store, workers=1)
    return path


@pytest.fixture
def con(store_path: Path) -> Iterator[Connection]:
    memo.forget()
    connection = engines.connect(store_path, read_only=True)
    yield connection
    connection.close()
    memo.forget()


def change(store_path: Path) -> None:
    """Commit something to the store, as an ingest batch would."""
    with Store.open(store_path) as store:
        newsdesk.ingest([seed_pages()[1]], store, workers=1, enrich=False)


def test_an_answer_is_kept_until_the_store_changes(store_path: Path, con: Connection) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return queries.count(con)

    assert memo.cached(con, "n", compute, max_stale=0) == 1
    assert memo.cached(con, "n", compute, max_stale=0) == 1
    assert len(calls) == 1
    change(store_path)
    assert memo.cached(con, "n", compute, max_stale=60) == 1  # stale, but young enough
    assert memo.cached(con, "n", compute, max_stale=0) == 2
    assert len(calls) == 2


def test_a_stale_answer_is_served_while_one_request_computes(
    store_path: Path, con: Connection
) -> None:
    assert memo.cached(con, "n", lambda: queries.count(con), max_stale=0) == 1
    change(store_path)
    started, release = threading.Event(), threading.Event()

    def slow() -> int:
        started.set()
        release.wait(10)
        return 2

    worker = threading.Thread(target=lambda: memo.cached(con, "n", slow, max_stale=0))
    worker.start()
    assert started.wait(10)
    begun = time.monotonic()
    # Another reader meanwhile: answered from memory, not made to wait or to compute.
    assert memo.cached(con, "n", lambda: pytest.fail("computed twice"), max_stale=0) == 1
    assert time.monotonic() - begun < 1
    release.set()
    worker.join(10)
    assert memo.cached(con, "n", lambda: pytest.fail("not remembered"), max_stale=0) == 2


def test_a_cold_key_is_computed_once_for_a_burst(con: Connection) -> None:
    calls: list[int] = []
    gate = threading.Barrier(8)

    def compute() -> int:
        calls.append(1)
        time.sleep(0.2)
        return len(calls)

    def read() -> None:
        gate.wait(10)
        answers.append(memo.cached(con, "burst", compute))

    answers: list[int] = []
    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert answers == [1] * 8 and calls == [1]


def test_an_entity_page_is_remembered_and_equals_the_query(
    store_path: Path, con: Connection
) -> None:
    name = queries.entities(con, limit=1).items[0].name
    page = memo.entity_page(con, name, limit=5)
    assert page is not None and page == queries.entity_page(con, name, limit=5)
    assert memo.entity_page(con, name, limit=5) is page
    assert memo.entity_page(con, "没有这个名字的实体", limit=5) is None
