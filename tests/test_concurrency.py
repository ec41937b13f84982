"""Two enriched ingests write one store at the same time while the portal serves it and
a reader loops over search and article lists: neither ingest fails on a lock, the
portal never answers 5xx, and the store ends with what the two runs one after the
other give. On SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ENGINES, new_target
from fixtures import paths
from fixtures.postgres import free_port
from fixtures.servers import wait_until_up
from fixtures.snapshots import duplicates, snapshot
from fixtures.warcs import news_warc

from newsdesk.store import Store

NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]
READS = ["/", "/api/articles?limit=20", "/api/search?q=" + quote("中国"), "/search?q=city",
         "/stories", "/api/hot"]  # fmt: skip


@pytest.fixture(scope="module")
def warcs(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("two")
    made = []
    for name in ("daniel", "magic_html"):
        path = folder / f"{name}.warc.gz"
        news_warc(path, [paths.DATA / name], pages=60, junk=2, copies=3)
        made.append(path)
    return made


def _env() -> dict[str, str]:
    return paths.cli_env(write_batch="8")


def _ingest(warc: Path, db: str) -> list[str]:
    return [*NEWSDESK, "ingest", str(warc), "--db", db, "--workers", "1", "--quiet"]


def _status(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
            answer.read()
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize("engine", ENGINES)
def test_two_ingests_beside_a_serving_portal(
    warcs: list[Path], tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    clean = str(tmp_path / "clean.db")
    for warc in warcs:
        subprocess.run(_ingest(warc, clean), env=_env(), check=True, capture_output=True)
    shared = new_target(engine, tmp_path, request)
    Store.open(shared).close()

    port = free_port()
    server = subprocess.Popen(
        [*NEWSDESK, "serve", "--db", shared, "--port", str(port)],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    statuses: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            statuses.extend(_status(port, path) for path in READS)

    try:
        wait_until_up(server, port)
        loop = threading.Thread(target=reader)
        loop.start()
        ingests = [
            subprocess.Popen(_ingest(w, shared), env=_env(), stderr=subprocess.PIPE, text=True)
            for w in warcs
        ]
        errors = [proc.communicate(timeout=600)[1] for proc in ingests]
        done.set()
        loop.join()
    finally:
        done.set()
        server.terminate()
        server.wait(30)
    for proc, stderr in zip(ingests, errors, strict=True):
        assert proc.returncode == 0, stderr
        assert "locked" not in stderr
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    ours, theirs = snapshot(shared), snapshot(clean)
    for part in ("articles", "versions", "pages", "rejections", "reprint groups"):
        assert ours[part] == theirs[part], part
    assert duplicates(shared) == []
