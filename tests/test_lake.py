"""The Parquet lake: one folder per table, split by the article's own calendar day."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk.article import Article
from newsdesk.cli import main
from newsdesk.errors import NewsdeskError
from newsdesk.lake import TABLES, day_of, write_lake
from newsdesk.store import Store

ds = pytest.importorskip("pyarrow.dataset")


def _read(folder: Path, table: str) -> list[dict]:
    return ds.dataset(folder / table, format="parquet", partitioning="hive").to_table().to_pylist()


def test_the_lake_holds_every_article_list_entity_and_event(
    store: Store, seeds_dir: Path, shared_dir: Path, tmp_path: Path
) -> None:
    pages = sorted((shared_dir / "data" / "cwced" / "html").glob("*.html"))[:10]
    newsdesk.ingest([seeds_dir, *pages], store, workers=1)
    articles = list(store.iter_articles())
    counts = write_lake(iter(articles), tmp_path / "lake")
    rows = {name: _read(tmp_path / "lake", name) for name in TABLES}
    assert {name: len(r) for name, r in rows.items()} == counts
    assert sorted(r["id"] for r in rows["articles"]) == sorted(a.id for a in articles)
    by_id = {a.id: a for a in articles}
    for row in rows["articles"]:
        assert row["day"] == day_of(by_id[row["id"]])
    assert counts["lists"] == sum(len(b.items) for a in articles for b in a.lists)
    entities = {(a.id, e.name, e.type, e.count) for a in articles for e in a.enrichment.entities}  # type: ignore[union-attr]
    assert {
        (r["article_id"], r["name"], r["type"], r["count"]) for r in rows["entities"]
    } == entities
    assert counts["events"] == sum(len(a.enrichment.events) for a in articles)  # type: ignore[union-attr]
    assert counts["entities"] > 0 and counts["events"] > 0


def test_an_article_is_filed_under_its_own_day_not_utcs() -> None:
    late = Article(id="a", origin="a", published=datetime.fromisoformat("2025-06-04T23:30+08:00"))
    early = Article(id="b", origin="b", published=datetime.fromisoformat("2025-06-05T00:30+08:00"))
    shown = Article(id="c", origin="c", page_time=datetime.fromisoformat("2026-02-05T09:08+08:00"))
    assert [day_of(a) for a in (late, early, shown)] == ["2025-06-04", "2025-06-05", "2026-02-05"]
    assert day_of(Article(id="d", origin="d")) == "unknown"


def test_a_lake_is_never_written_over_another(tmp_path: Path) -> None:
    (tmp_path / "lake").mkdir()
    (tmp_path / "lake" / "notes.txt").write_text("mine")
    with pytest.raises(NewsdeskError, match="not empty"):
        write_lake([], tmp_path / "lake")
    assert (tmp_path / "lake" / "notes.txt").read_text() == "mine"


def test_export_partition_by_day_from_the_command_line(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(seeds_dir), "--db", db, "--quiet"]).exit_code == 0
    out = tmp_path / "lake"
    args = ["export", "--format", "parquet", "--partition-by", "day", "-o", str(out), "--db", db]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert {p.name for p in (out / "articles").iterdir()} == {"day=2025-06-04", "day=2026-02-05"}
    wrong = runner.invoke(main, ["export", "--partition-by", "day", "--db", db])
    assert wrong.exit_code == 2 and "--format parquet" in wrong.output
