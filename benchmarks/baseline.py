"""An earlier commit's `src/` beside this one, for old-against-new runs in one go.

Benchmarks that take `--baseline REF` (and optionally `--candidate REF`) export the `src/` tree of REF (`git archive`) into a
temporary folder and run their measuring child process once with that folder on
`PYTHONPATH` and once with this checkout's, alternating, so both see the same machine
at the same time: on a shared machine two runs minutes apart measure the neighbours.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def exported_src(ref: str) -> Iterator[Path]:
    """The `src` folder of commit `ref`, in a temporary folder removed afterwards."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref, "src"],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="baseline-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / "src"


@contextmanager
def sources(ref: str, candidate: str | None = None) -> Iterator[tuple[Path, Path]]:
    """(old, new) `src` folders: `ref` exported, and `candidate` exported or this checkout's
    own (exporting both lets one edit the checkout while a long comparison runs)."""
    with exported_src(ref) as old:
        if candidate is None:
            yield old, REPO / "src"
            return
        with exported_src(candidate) as new:
            yield old, new


def env_with(src: Path) -> dict[str, str]:
    """This process's environment with `src` first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src), *filter(None, [env.get("PYTHONPATH")])])
    return env


def short(ref: str) -> str:
    """`ref` as an abbreviated commit id, for table rows."""
    done = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", ref],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()
