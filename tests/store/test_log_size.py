"""The store's write-ahead log stays small while readers never stop reading, as a
portal's do beside an ingest: otherwise it grows for as long as the ingest runs, and
every read looks through more of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import paths

import newsdesk
from newsdesk.store import Store, engines
from newsdesk.store.engines import sqlite


def wal_size(db: Path) -> int:
    log = Path(f"{db}-wal")
    return log.stat().st_size if log.exists() else 0


def ingest_beside_a_reader(db: Path) -> list[int]:
    """Ingest the examples page by page while a reader reads between commits (each
    read holds the log's current end); the log's size after each commit."""
    pages = sorted(paths.EXAMPLES.glob("*.txt")) + sorted((paths.EXAMPLES / "html").glob("*.htm*"))
    reader = engines.connect(db, read_only=True)
    sizes = []
    try:
        for page in pages:
            with Store.open(db) as store:
                newsdesk.ingest([page], store, workers=1, enrich=False)
            reader.execute("SELECT count(*) FROM articles").fetchall()
            sizes.append(wal_size(db))
    finally:
        reader.close()
    return sizes


@pytest.fixture
def db(tmp_path: Path) -> Path:
    if not paths.EXAMPLES.is_dir():
        pytest.skip("the example pages are not available")
    path = tmp_path / "store.db"
    Store.open(path).close()
    return path


def test_the_log_is_emptied_once_past_its_limit(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite, "WAL_RESTART_BYTES", 64 * 1024)
    sizes = ingest_beside_a_reader(db)
    assert max(sizes) > 0, "the writes went through the log"
    assert sizes[-1] <= 4 * 64 * 1024, sizes  # emptied, not grown with every commit
    con = engines.connect(db, read_only=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    finally:
        con.close()


def test_below_the_limit_the_log_is_left_alone(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same run with a limit it never reaches: the log keeps what it wrote, so the
    test above would see it if the log were never emptied."""
    monkeypatch.setattr(sqlite, "WAL_RESTART_BYTES", 1 << 40)
    sizes = ingest_beside_a_reader(db)
    assert sizes[-1] > 4 * 64 * 1024, sizes
