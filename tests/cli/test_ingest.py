"""The writing commands report the run's one summary: ingest's table, extract's closing
line, reextract's line, all made from `RunSummary` and its per-step counts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.ingestion import run_pipeline
from newsdesk.pipeline import RunSummary
from newsdesk.readers import read_paths

JUNK = bytes(range(256)) * 8  # binary: rejected by the readers with a reason


@pytest.fixture
def folder(seeds_dir: Path, tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir, pages)
    (pages / "junk.html").write_bytes(JUNK)
    return pages


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


class _Discard:
    name = "discard"

    def put(self, result: object) -> None:
        pass

    def close(self, summary: RunSummary) -> None:
        pass


def _expected(folder: Path) -> RunSummary:
    return run_pipeline(read_paths(folder), _Discard(), enrich=False, workers=1)


def _row(table: str, label: str) -> str:
    found = re.search(rf"^\s*{re.escape(label)}\s+(.+)$", table, re.M)
    assert found, f"no {label!r} row in:\n{table}"
    return found.group(1).strip()


def test_ingest_summary_table_is_the_runs_summary(folder: Path, tmp_path: Path) -> None:
    expected = _expected(folder)
    code, _, err = cli("ingest", str(folder), "--db", str(tmp_path / "n.db"), "--quiet")
    assert code == 0, err
    assert _row(err, "pages read") == str(expected.read)
    assert _row(err, "articles added") == str(expected.articles)
    assert _row(err, "rejected") == str(expected.rejected) != "0"
    assert _row(err, "skipped (not pages)") == str(expected.skipped)
    steps = " ".join(err.split("by step", 1)[1].split())  # the row may wrap
    names = re.findall(r"(\w+) [\d.]+s", steps)
    assert names[:5] == ["read", "extract", "enrich", "store", "stories"]
    assert "articles" in _row(err, "stories updated")


def test_ingest_strict_fails_on_a_rejection(folder: Path, tmp_path: Path) -> None:
    args = ["ingest", str(folder), "--db", str(tmp_path / "n.db"), "--quiet", "--no-enrich"]
    assert cli(*args)[0] == 0
    assert cli(*args, "--strict")[0] == 1
    _, _, err = cli(*args)
    assert "not updated" in _row(err, "stories updated")


def test_extract_closing_line_is_the_runs_summary(folder: Path) -> None:
    expected = _expected(folder)
    code, stdout, err = cli("extract", str(folder), "--workers", "1")
    assert code == 0, err
    assert len(stdout.splitlines()) == expected.articles
    squashed = "".join(err.split())  # rich wraps long lines anywhere
    assert f"rejected{folder / 'junk.html'}:" in squashed
    closing = squashed.rsplit(str(folder / "junk.html"), 1)[-1]
    counts = f"{expected.articles}articlesfrom{expected.read}pages,{expected.rejected}rejected"
    assert counts in closing and f",{expected.skipped}skipped," in closing
    assert all(re.search(rf"{name}[\d.]+s", closing) for name in ("read", "extract", "stdout"))


def test_reextract_reports_what_it_replaced(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    assert cli("ingest", str(folder), "--db", db, "--quiet", "--no-enrich")[0] == 0
    code, _, err = cli("reextract", "--db", db, "--no-enrich", "--workers", "1")
    assert code == 0, err
    assert f"re-extracted {_expected(folder).articles} articles (0 failed)" in err
