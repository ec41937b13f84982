"""A two-node Ray cluster on this machine (loopback only, one CPU a node) ingests WARC
files into PostgreSQL, which ends as a local ingest of the same files leaves SQLite:
the same articles, versions, rejections, reprint groups and stories."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.postgres import Cluster
from fixtures.snapshots import duplicates, snapshot
from fixtures.warcs import news_warc

pytest.importorskip("ray")

START_SECONDS = 180  # a 2-core machine shared with others starts Ray slowly
RAY = str(Path(sys.executable).with_name("ray"))
# The cluster's nodes and drivers share a token made for this test (Ray's token mode).
TOKEN = secrets.token_hex(16)


def _env() -> dict[str, str]:
    src = str(paths.REPO / "src")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
        "RAY_USAGE_STATS_ENABLED": "0",
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": TOKEN,
        "NEWSDESK_PART_RECORDS": "16",
        "NEWSDESK_WORKER_BATCH": "16",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _nodes_alive(address: str) -> int:
    probe = (
        f"import ray; ray.init(address={address!r}, log_to_driver=False, "
        "logging_level='ERROR'); print(sum(1 for n in ray.nodes() if n['Alive']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, timeout=120
    )
    lines = done.stdout.strip().splitlines()
    return int(lines[-1]) if done.returncode == 0 and lines and lines[-1].isdigit() else 0


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The head and a second node, each `ray start --block` run by us and stopped by
    its process id afterwards (never `ray stop`, which ends every Ray on the machine)."""
    port = _free_port()
    address = f"127.0.0.1:{port}"
    temp = tempfile.mkdtemp(prefix="nd-ray-")
    common = ["--num-cpus", "1", "--node-ip-address", "127.0.0.1", "--disable-usage-stats",
              "--block"]  # fmt: skip
    head = [RAY, "start", "--head", "--port", str(port), "--include-dashboard=false",
            "--temp-dir", temp, "--object-store-memory", str(200 * 1024 * 1024), *common]  # fmt: skip
    node = [RAY, "start", f"--address={address}", "--object-store-memory",
            str(200 * 1024 * 1024), *common]  # fmt: skip
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen(head, env=_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while _nodes_alive(address) < 1:
            assert time.monotonic() < deadline, "the head node did not start"
            time.sleep(2)
        started.append(subprocess.Popen(node, env=_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))  # fmt: skip
        while _nodes_alive(address) < 2:
            assert time.monotonic() < deadline, "the second node did not join"
            time.sleep(2)
        yield address
    finally:
        for proc in reversed(started):
            _stop(proc)
        shutil.rmtree(temp, ignore_errors=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """`ray start --block` stops its node's processes when told to end."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # its own session: the node's processes only
            proc.wait()


@pytest.fixture(scope="module")
def warcs(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("cluster")
    first, second = folder / "a.warc.gz", folder / "b.warc.gz"
    news_warc(first, [paths.DATA / "cwced"], pages=40, junk=2, again=2, copies=4)
    news_warc(second, [paths.DATA / "daniel"], pages=40, junk=1, copies=4)
    return [first, second]


def _ingest(warcs: list[Path], db: Path | str, *extra: str) -> str:
    command = [sys.executable, "-m", "newsdesk.cli", "ingest", *map(str, warcs),
               "--db", str(db), "--quiet", *extra]  # fmt: skip
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_a_two_node_cluster_stores_what_a_local_ingest_stores(
    cluster: str, warcs: list[Path], tmp_path: Path, postgres: Cluster
) -> None:
    local, distributed = tmp_path / "local.db", postgres.database()
    _ingest(warcs, local, "--workers", "2")
    said = _ingest(warcs, distributed, "--engine", "ray", "--address", cluster, "--workers", "2")
    assert "pages read" in said
    expected = snapshot(local)
    assert expected["reprint groups"] and expected["rejections"]
    assert snapshot(distributed) == expected
    assert duplicates(distributed) == []
