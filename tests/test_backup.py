"""`newsdesk backup` copies a store while an ingest writes to it, and `newsdesk restore`
puts a copy back: the copy is one consistent snapshot that a rerun of the interrupted
ingest completes to the store a clean run leaves; bad backups are refused whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CRAWL_PAGES
from fixtures import paths
from fixtures.snapshots import duplicates, snapshot

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.store.backup import backup, restore


def _env() -> dict[str, str]:
    return paths.cli_env(part_records="16", write_batch="8")


def _newsdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli", *args]


def _ingest(crawl_warc: Path, db: Path) -> list[str]:
    return _newsdesk("ingest", str(crawl_warc), "--db", str(db), "--quiet", "--no-enrich",
                     "--workers", "1")  # fmt: skip


def _articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:  # not created yet
        return 0


def test_a_backup_taken_mid_ingest_is_a_snapshot_a_rerun_completes(
    crawl_warc: Path, tmp_path: Path
) -> None:
    live, copy, restored = tmp_path / "live.db", tmp_path / "copy.db", tmp_path / "back.db"
    ingest = subprocess.Popen(_ingest(crawl_warc, live), env=_env(), stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _articles(live) < 20:
            assert ingest.poll() is None, "the ingest ended before the backup"
            assert time.monotonic() < deadline, "nothing stored in two minutes"
            time.sleep(0.02)
        made = subprocess.run(
            _newsdesk("backup", str(copy), "--db", str(live)),
            env=_env(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        still_running = ingest.poll() is None
    finally:
        assert ingest.wait(timeout=300) == 0
    assert still_running, "the backup must be taken while the ingest writes"
    taken = snapshot(copy)
    assert 0 < len(taken["articles"]) < CRAWL_PAGES
    assert f"{len(taken['articles']):,} articles" in made.stderr
    assert not list(tmp_path.glob(".*partial*"))  # nothing left beside it

    restore(copy, restored)
    assert snapshot(restored) == taken
    again = subprocess.run(
        _ingest(crawl_warc, restored), env=_env(), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stderr  # the copy kept the run's completed parts
    assert snapshot(restored) == snapshot(live)
    assert duplicates(restored) == []


def test_restore_replaces_a_store_that_readers_hold_open(crawl_warc: Path, tmp_path: Path) -> None:
    full, empty = tmp_path / "full.db", tmp_path / "empty.db"
    subprocess.run(_ingest(crawl_warc, full), env=_env(), check=True, capture_output=True)
    Store.open(empty).close()
    saved = backup(full, tmp_path / "full.backup")
    assert saved.articles == len(snapshot(full)["articles"])
    with Store.open(empty, read_only=True) as reader:
        assert reader.latest(limit=5) == []
        restore(saved.path, empty)
        assert len(reader.latest(limit=5)) == 5  # the same connection sees the restored store
    assert snapshot(empty) == snapshot(full)


def test_a_damaged_or_foreign_backup_is_refused_and_the_store_kept(
    crawl_warc: Path, tmp_path: Path
) -> None:
    store = tmp_path / "kept.db"
    subprocess.run(_ingest(crawl_warc, store), env=_env(), check=True, capture_output=True)
    before = snapshot(store)
    text = tmp_path / "notes.txt"
    text.write_text("not a database", "utf-8")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    truncated = tmp_path / "cut.backup"
    whole = backup(store, tmp_path / "whole.backup").path.read_bytes()
    truncated.write_bytes(whole[: len(whole) // 3])
    for bad, why in [(text, "not a readable store"), (other, "not a newsdesk store"),
                     (truncated, "not a readable store|integrity")]:  # fmt: skip
        with pytest.raises(StoreError, match=why):
            restore(bad, store)
    assert snapshot(store) == before
    refused = subprocess.run(
        _newsdesk("restore", str(text), "--db", str(store)),
        env=_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 1 and "not a readable store" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_server_store_is_pointed_to_its_own_tools(tmp_path: Path) -> None:
    result = subprocess.run(
        _newsdesk("backup", str(tmp_path / "x.db"), "--db", "postgresql://u@127.0.0.1/news"),
        env=_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "pg_dump" in result.stderr and not (tmp_path / "x.db").exists()
