"""Shared fixtures: the shared folder of evaluation pages that sits beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline, which only
# measures how busy the machine is (speed has its own benchmarks and guard tests).
settings.register_profile("newsdesk", deadline=None)
settings.load_profile("newsdesk")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


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
