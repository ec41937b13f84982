"""Shared fixtures: the shared folder of evaluation pages beside the repo, and stores.

Paths come from `fixtures.paths`; no test builds a path to the shared folder by hand.
`store` and `store_target` run each test that takes them on both engines: a SQLite
file, and a database of its own on a throw-away PostgreSQL server the session starts
(`fixtures.postgres`).  Without PostgreSQL installed those runs are skipped, unless
NEWSDESK_TEST_POSTGRES=1 (what `make test` sets) makes its absence an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.postgres import Cluster, bin_dir
from hypothesis import settings

from newsdesk.store import Store

# Property tests check behaviour, not speed: no per-example deadline, which only
# measures how busy the machine is (speed has its own benchmarks and guard tests).
settings.register_profile("newsdesk", deadline=None)
settings.load_profile("newsdesk")

SHARED = paths.SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("the shared folder beside the repo is not available")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seed pages are not available")
    return seeds


CRAWL_PAGES = 300  # the good pages of `crawl_warc`


@pytest.fixture(scope="session")
def crawl_warc(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gzip WARC of CRAWL_PAGES real pages and 3 junk records, built once for the tests that
    ingest a small crawl as a user would (backup, disk full)."""
    from fixtures.warcs import news_warc

    path = tmp_path_factory.mktemp("crawl") / "news.warc.gz"
    news_warc(path, [paths.DATA / "daniel", paths.DATA / "magic_html"], pages=CRAWL_PAGES, junk=3)
    return path


ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A PostgreSQL server for the whole session, on a free loopback port."""
    if bin_dir() is None and os.environ.get("NEWSDESK_TEST_POSTGRES") != "1":
        pytest.skip("PostgreSQL is not installed (make test installs it)")
    with Cluster.start() as cluster:
        yield cluster


def new_target(engine: str, folder: Path, request: pytest.FixtureRequest) -> str:
    """Where a new, empty store goes on `engine`: a file, or a new database."""
    if engine == "sqlite":
        return str(folder / "newsdesk.db")
    cluster: Cluster = request.getfixturevalue("postgres")
    url = cluster.database()
    request.addfinalizer(lambda: cluster.drop(url))
    return url


@pytest.fixture(params=ENGINES)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty store goes, once per engine: a SQLite path or a URL."""
    return new_target(request.param, tmp_path, request)


@pytest.fixture
def store(store_target: str) -> Iterator[Store]:
    """A new, empty store, once per engine (a real SQLite file, a real server)."""
    with Store.open(store_target) as opened:
        yield opened
