"""Ingest steps back for CPU (`batch_niceness`): beside a live portal it takes what the
portal leaves, and costs nothing when nothing else wants the CPU."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SHOW = "import os; from newsdesk.cli.ingest import step_back; step_back(); print(os.nice(0))"


def niceness_after_step_back(setting: str | None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_BATCH_NICENESS"}
    if setting is not None:
        env["NEWSDESK_BATCH_NICENESS"] = setting
    done = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_ingest_lowers_its_priority_by_the_setting() -> None:
    start = os.nice(0)
    assert niceness_after_step_back("7") == min(19, start + 7)
    assert niceness_after_step_back("0") == start
    assert niceness_after_step_back(None) == min(19, start + 10)  # the default
