"""A killed ingest carries on where it stopped: `kill -9` of the driver mid-run, then
the same command again, leaves the store (and the `--out` lake) a clean run leaves:
same articles, hashes, versions and rejections, nothing lost, nothing stored twice.
Both executors keep the same completion records."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import new_target
from fixtures import paths
from fixtures.snapshots import duplicates, snapshot
from fixtures.warcs import news_warc

from newsdesk.errors import StoreError
from newsdesk.store import engines

PAGES = 300
PART = 16  # records per part: about twenty parts, one transaction each


@pytest.fixture(scope="module")
def warc(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resume") / "news.warc.gz"
    news_warc(
        path, [paths.DATA / "daniel", paths.DATA / "magic_html"], pages=PAGES, junk=5, again=5
    )
    return path


def _env() -> dict[str, str]:
    return paths.cli_env(part_records=str(PART), write_batch="8")


def _command(warc: Path, db: Path | str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli", "ingest", str(warc), "--db", str(db),
            "--quiet", "--no-enrich", "--workers", "1", *extra]  # fmt: skip


def _lake_ids(folder: Path) -> list[str]:
    import pyarrow.dataset as ds

    table = ds.dataset(folder / "articles", format="parquet", partitioning="hive").to_table()
    return sorted(table.column("id").to_pylist())


def _parts_done(db: Path | str) -> int:
    try:
        con = engines.connect(db, read_only=True)
    except StoreError:  # not created yet
        return 0
    try:
        return int(con.execute("SELECT count(*) FROM run_parts").fetchone()[0])
    except engines.engine(con).Error:  # no schema yet, or busy
        return 0
    finally:
        con.close()


def _kill_mid_run(command: list[str], db: Path | str) -> int:
    """Start the ingest, SIGKILL it once a few parts are stored; the parts done then.
    (Its own session: whatever it started goes with it afterwards.)"""
    proc = subprocess.Popen(command, env=_env(), stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _parts_done(db) < 3:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no part stored in two minutes"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # a local Ray the driver started
    assert proc.returncode == -signal.SIGKILL
    return _parts_done(db)


@pytest.mark.parametrize(
    ("engine", "store"), [("local", "sqlite"), ("ray", "sqlite"), ("local", "postgresql")]
)
def test_a_killed_run_resumes_with_nothing_lost_or_doubled(
    warc: Path, tmp_path: Path, engine: str, store: str, request: pytest.FixtureRequest
) -> None:
    if engine == "ray":
        pytest.importorskip("ray")
    clean = tmp_path / "clean.db"
    killed = new_target(store, tmp_path, request)
    lakes = {clean: tmp_path / "clean-lake", killed: tmp_path / "killed-lake"}
    subprocess.run(_command(warc, clean, "--out", str(lakes[clean])), env=_env(),
                   check=True, capture_output=True)  # fmt: skip

    command = _command(warc, killed, "--engine", engine, "--out", str(lakes[killed]))
    done = _kill_mid_run(command, killed)
    stopped = snapshot(killed)
    assert 0 < len(stopped["articles"]) < PAGES  # stopped mid-run, parts stored
    assert done >= 3

    again = subprocess.run(command, env=_env(), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stderr
    assert snapshot(killed) == snapshot(clean)
    assert duplicates(killed) == []
    assert _lake_ids(lakes[killed]) == _lake_ids(lakes[clean])
    con = engines.connect(killed, read_only=True)  # the run is closed: a later one reads all
    try:
        open_runs = con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL")
        assert open_runs.fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM run_parts").fetchone()[0] == 0
    finally:
        con.close()


def test_a_finished_run_is_not_resumed(warc: Path, tmp_path: Path) -> None:
    """Ingesting the same files again reads them again (all unchanged), as before."""
    db = tmp_path / "n.db"
    subprocess.run(_command(warc, db), env=_env(), check=True, capture_output=True)
    second = subprocess.run(_command(warc, db), env=_env(), capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "resumed" not in second.stderr
    assert re.search(rf"unchanged \(already stored\)\s+{PAGES + 5}\b", second.stderr)
