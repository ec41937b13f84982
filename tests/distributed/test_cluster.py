"""A two-node Ray cluster on this machine (loopback only, one CPU a node) ingests WARC
files into PostgreSQL, which ends as a local ingest of the same files leaves SQLite:
the same articles, versions, rejections, reprint groups and stories."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.postgres import Cluster
from fixtures.ray_cluster import ray_env, two_nodes
from fixtures.snapshots import duplicates, snapshot
from fixtures.warcs import news_warc

pytest.importorskip("ray")


def _env() -> dict[str, str]:
    src = str(paths.REPO / "src")
    return ray_env(
        {
            "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
            "NEWSDESK_PART_RECORDS": "16",
            "NEWSDESK_WORKER_BATCH": "16",
        }
    )


ENV = _env()


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with two_nodes(ENV) as started:
        yield started.address


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
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=900)
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
