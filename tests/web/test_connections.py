"""The portal's read connections: one per handler thread, warmed before the first
reader, and handed on when a thread ends, so they never pile up."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures import paths

import newsdesk
from newsdesk.store import Store
from newsdesk.web import templating
from newsdesk.web.connections import ReadPool


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not paths.SEEDS.is_dir():
        pytest.skip("the seed pages are not available")
    path = tmp_path_factory.mktemp("connections") / "store.db"
    with Store.open(path) as store:
        newsdesk.ingest(sorted(paths.SEEDS.glob("*.txt")), store, workers=1)
    return path


def count_in_thread(pool: ReadPool) -> int:
    found: list[int] = []
    worker = threading.Thread(
        target=lambda: found.append(
            pool.connection().execute("SELECT count(*) FROM articles").fetchone()[0]
        )
    )
    worker.start()
    worker.join()
    return found[0]


def test_threads_that_come_and_go_reuse_one_connection(store_path: Path) -> None:
    pool = ReadPool(store_path)
    try:
        counts = [count_in_thread(pool) for _ in range(20)]
        assert counts == [2] * 20
        assert pool.size == 1  # twenty threads in turn, one connection
    finally:
        pool.close()


def test_threads_at_once_each_get_their_own(store_path: Path) -> None:
    pool = ReadPool(store_path)
    barrier = threading.Barrier(4)
    seen: list[int] = []

    def hold() -> None:
        seen.append(id(pool.connection()))
        barrier.wait(10)

    workers = [threading.Thread(target=hold) for _ in range(4)]
    try:
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert len(set(seen)) == 4
        assert pool.size == 4
        count_in_thread(pool)
        assert pool.size == 4  # a later thread takes one of them
    finally:
        pool.close()


def test_start_up_opens_every_handler_threads_connection(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first reader, each of the `web_threads` threads holds a warmed
    connection and the templates are compiled: the first requests are not slower."""
    from fastapi.testclient import TestClient

    from newsdesk.web import create_app

    monkeypatch.setenv("NEWSDESK_WEB_THREADS", "3")
    environment = templating.environment()
    environment.cache.clear()  # type: ignore[union-attr]
    app = create_app(store_path)
    with TestClient(app):
        assert app.state.pool.size == 3
        compiled = {name for (_, name) in environment.cache}  # type: ignore[union-attr]
        assert {"article.html", "story.html", "entity.html", "search.html"} <= compiled
