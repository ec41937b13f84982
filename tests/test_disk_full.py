"""A disk that fills up during an ingest: the run stops with a clear message, the
store keeps every batch it committed and nothing of the one that failed, it still
opens, and the same command run again (with room) gives the store a clean run gives.

The disk is filled for the ingest process alone by a file-size limit (RLIMIT_FSIZE,
with SIGXFSZ ignored), so writes past it fail as they do on a full disk, and no
mount or root is needed."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import CRAWL_PAGES
from fixtures import paths
from fixtures.snapshots import duplicates, snapshot

from newsdesk.store import Store


def _env() -> dict[str, str]:
    return paths.cli_env(write_batch="16")


def _ingest(
    crawl_warc: Path, db: Path, room: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsdesk.cli", "ingest", str(crawl_warc), "--db", str(db),
               "--no-enrich", "--workers", "1"]  # fmt: skip
    return subprocess.run(command, env=_env(), capture_output=True, text=True, preexec_fn=room)


def _disk_of(size: int) -> Callable[[], None]:
    def fill_at() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return fill_at


def test_a_full_disk_stops_the_ingest_cleanly_and_a_rerun_completes(
    crawl_warc: Path, tmp_path: Path
) -> None:
    clean, full = tmp_path / "clean.db", tmp_path / "full.db"
    assert _ingest(crawl_warc, clean).returncode == 0
    size = sum(f.stat().st_size for f in tmp_path.glob("clean.db*"))

    stopped = _ingest(crawl_warc, full, _disk_of(size // 3))
    assert stopped.returncode == 1
    assert "error:" in stopped.stderr and "Traceback" not in stopped.stderr
    assert "disk full" in stopped.stderr  # names the likely cause

    con = sqlite3.connect(full)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every stored article is whole: its version, its raw page and its index row.
        assert (
            con.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM versions v WHERE v.article_id = a.id AND v.version = a.version)"
            ).fetchone()[0]
            == 0
        )
    finally:
        con.close()
    with Store.open(full, read_only=True) as store:
        stored = len(snapshot(full)["articles"])
        assert 0 < stored < CRAWL_PAGES
        assert len(store.latest(limit=5)) == 5

    again = _ingest(crawl_warc, full)
    assert again.returncode == 0, again.stderr
    assert snapshot(full) == snapshot(clean)
    assert duplicates(full) == []
