"""Error messages tell the user what to do, and only name things that exist."""

from __future__ import annotations

import re
import tomllib

from fixtures import paths

from newsdesk.errors import MissingDependency


def _extras() -> set[str]:
    project = tomllib.loads((paths.REPO / "pyproject.toml").read_text("utf-8"))
    return set(project["project"]["optional-dependencies"])


def test_every_extra_a_missing_dependency_names_exists() -> None:
    named = set()
    for path in (paths.REPO / "src" / "newsdesk").rglob("*.py"):
        text = path.read_text("utf-8")
        named |= set(re.findall(r'MissingDependency\(\s*"[^"]+",\s*"([^"]+)"', text))
    assert named and named <= _extras(), named - _extras()


def test_a_core_dependency_names_the_module_to_install() -> None:
    message = str(MissingDependency("datasketch"))
    assert "pip install datasketch" in message and "[" not in message
    assert "pip install 'newsdesk[parquet]'" in str(MissingDependency("pyarrow", "parquet"))
