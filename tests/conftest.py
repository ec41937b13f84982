"""Shared fixtures: the shared folder of evaluation pages beside the repo, and stores.

Paths come from `fixtures.paths`; no test builds a path to the shared folder by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty store in a temporary folder (a real file: WAL, migrations and all)."""
    with Store.open(tmp_path / "newsdesk.db") as opened:
        yield opened
