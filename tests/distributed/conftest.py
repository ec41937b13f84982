"""A small local Ray for the session (two CPUs, a small object store, no dashboard),
shared by the tests that run the Ray executor in this process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.warcs import news_warc


@pytest.fixture(scope="session")
def local_ray() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(
        address="local",
        num_cpus=2,
        object_store_memory=200 * 1024 * 1024,
        include_dashboard=False,
        log_to_driver=False,
    )
    yield
    ray.shutdown()


@pytest.fixture(scope="session")
def small_warc(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty real pages, junk, new versions and reprints in one gzip WARC."""
    path = tmp_path_factory.mktemp("ray") / "news.warc.gz"
    news_warc(path, [paths.DATA / "cwced", paths.DATA / "daniel"], pages=60, junk=3, again=3,
              copies=6)  # fmt: skip
    return path
