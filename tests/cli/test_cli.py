"""The CLI end to end, as a user runs it: real seeds, a real SQLite file, real processes."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures import paths

from newsdesk.cli import main

ROOT = paths.REPO


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def items(*args: str) -> list[dict[str, Any]]:
    """The `items` of a list command's `--json` (as the API answers it)."""
    code, stdout, err = cli(*args, "--json")
    assert code == 0, err
    return json.loads(stdout)["items"]  # type: ignore[no-any-return]


def test_extract_emits_one_article_per_page_in_order(seeds_dir: Path) -> None:
    code, stdout, _ = cli("extract", str(seeds_dir), "--format", "jsonl", "--workers", "1")
    assert code == 0
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert [Path(r["origin"]).name for r in rows] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert all(r["schema"] == "newsdesk.article/2" for r in rows)


def test_extract_output_follows_the_published_schema(seeds_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src/newsdesk/schema/article.schema.json").read_text())
    _, stdout, _ = cli("extract", *map(str, sorted(seeds_dir.glob("*.txt"))))
    for line in stdout.splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_ingest_then_search_finds_the_right_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, _, err = cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    assert code == 0, err
    titles = {
        q: {h["title"] for h in items("search", q, "--db", db)}
        for q in ("泽连斯基", "普京", "马克龙", "特朗普 普京")
    }
    assert len(titles["泽连斯基"]) == 2
    assert len(titles["普京"]) == 2
    assert titles["马克龙"] == {"局势失控!27国或联合出兵,关键时刻,中方专机直飞俄罗斯"}
    assert len(titles["特朗普 普京"]) == 2


def test_traditional_query_finds_simplified_articles(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    hits = items("search", "澤連斯基", "--db", db)
    assert len(hits) == 2
    assert len(items("search", "馬克龍", "--db", db)) == 1


def test_reingest_adds_nothing(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 2


def test_bad_inputs_are_recorded_and_the_run_goes_on(seeds_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "junk.html").write_bytes(bytes(range(256)) * 40)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:30])
    (bad / "good.txt").write_text((seeds_dir / "000_f844af933c40c450.txt").read_text())
    db = str(tmp_path / "n.db")
    code, _, err = cli("ingest", str(bad), "--db", db, "--quiet")
    assert code == 0, err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1
        origins = {Path(o).name for (o,) in con.execute("select origin from rejections")}
    assert {"junk.html", "empty.txt"} <= origins
    assert any(o.startswith("cut.warc.gz") for o in origins)
    assert "rejected" in err
    strict, _, _ = cli("ingest", str(bad), "--db", db, "--quiet", "--strict")
    assert strict != 0


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, _, _ = cli("ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--quiet")
    assert code != 0


def test_show_delete_and_export(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    hits = items("search", "马克龙", "--db", db)
    aid = hits[0]["id"]
    code, stdout, _ = cli("show", aid, "--db", db, "--json")
    assert code == 0 and json.loads(stdout)["id"] == aid
    code, stdout, _ = cli("export", "--format", "jsonl", "--db", db)
    assert code == 0 and len(stdout.splitlines()) == 2
    parquet = tmp_path / "a.parquet"
    assert cli("export", "--format", "parquet", "-o", str(parquet), "--db", db)[0] == 0
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(parquet).num_rows == 2
    assert cli("delete", aid, "--db", db)[0] == 0
    assert items("search", "马克龙", "--db", db) == []
    assert cli("show", aid, "--db", db)[0] != 0


def test_reextract_rebuilds_from_kept_pages(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    with sqlite3.connect(db) as con:
        con.execute("update articles set doc = json_set(doc, '$.title', 'stale')")
    code, _, err = cli("reextract", "--db", db, "--workers", "1")
    assert code == 0, err
    rows = items("list", "--db", db)
    assert len(rows) == 2 and "stale" not in {r["title"] for r in rows}


# --- stories ----------------------------------------------------------------------------------


def _seed_ids(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {Path(o).name[:3]: aid for aid, o in con.execute("select id, origin from articles")}


def test_ingest_brings_stories_up_to_date(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, _, err = cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    assert code == 0, err
    assert "stories updated" in err and "2 articles" in err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from story_articles").fetchone()[0] == 2
        assert con.execute("select count(*) from story_hot").fetchone()[0] >= 1
    ids = _seed_ids(db)
    assert items("related", ids["001"], "--db", db)[0]["id"] == ids["000"]
    code, stdout, _ = cli("related", ids["000"], "--db", db)
    assert code == 0 and ids["001"] in stdout
    # a second ingest of the same pages has nothing new for the stories step
    _, _, err = cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    assert "stories updated" in err and "0 articles" in err


def test_story_commands_only_read(seeds_dir: Path, tmp_path: Path) -> None:
    """Without the stories step (`--no-enrich` skips it) the story commands answer
    empty; they never run it themselves, and leave the store's files as they were."""
    db = str(tmp_path / "n.db")
    code, _, err = cli("ingest", str(seeds_dir), "--db", db, "--quiet", "--no-enrich")
    assert code == 0, err
    before = _files(tmp_path)
    assert items("stories", "--db", db) == []
    assert items("stories", "--db", db, "--min-size", "1") == []
    assert items("hot", "--db", db) == []
    ids = _seed_ids(db)
    assert items("related", ids["001"], "--db", db) == []
    code, _, err = cli("stories", "--db", db)
    assert code == 0 and "no stories of 2 articles or more" in err
    assert _files(tmp_path) == before
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from story_articles").fetchone()[0] == 0


def test_reads_leave_the_store_unchanged(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    assert cli("ingest", str(seeds_dir), "--db", db, "--quiet")[0] == 0
    ids = _seed_ids(db)
    before = _files(tmp_path)
    listed = items("stories", "--db", db, "--min-size", "1")
    assert len(listed) == 2
    for args in (
        ("list",),
        ("show", ids["000"]),
        ("search", "普京"),
        ("entities",),
        ("timeline", "普京"),
        ("stories",),
        ("story", str(listed[0]["id"])),
        ("related", ids["001"]),
        ("hot",),
        ("hot", "--now", "2025-06-05T00:00:00"),
    ):
        code, _, err = cli(*args, "--db", db, "--json")
        assert code == 0, (args, err)
        assert _files(tmp_path) == before, args


def _files(folder: Path) -> dict[str, bytes]:
    """The store's content: the database file and its write-ahead log (an empty log is
    no log; the `-shm` file only coordinates readers and holds no data)."""
    out = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    return {k: v for k, v in out.items() if not k.endswith("-shm") and (v or "-wal" not in k)}


def test_hot_now_is_reproducible_and_story_errors_are_clean(
    seeds_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "n.db")
    cli("ingest", str(seeds_dir), "--db", db, "--quiet")
    ids = _seed_ids(db)
    # As of the day after seed 001 (22:04 +08:00 on 4 June): only its story is news then;
    # seed 000 shows no publish time and counts from when it was stored.
    runs = [cli("hot", "--now", "2025-06-05T00:00:00", "--db", db, "--json") for _ in range(2)]
    assert runs[0] == runs[1] and runs[0][0] == 0
    ranked = json.loads(runs[0][1])["items"]
    assert len(ranked) == 1
    story = json.loads(cli("story", str(ranked[0]["story"]["id"]), "--db", db, "--json")[1])
    assert [a["id"] for a in story["articles"]] == [ids["001"]]
    assert ranked[0]["reference"] == "2025-06-05T00:00:00+00:00"
    assert set(ranked[0]["parts"]) == {"growth", "sources", "hotlist", "recency"}
    code, stdout, _ = cli("hot", "--now", "2025-06-05T00:00:00", "--db", db)
    assert code == 0 and "recency" in stdout
    assert items("hot", "--now", "2030-01-01", "--db", db) == []
    result = CliRunner().invoke(main, ["hot", "--now", "yesterday", "--db", db])
    assert result.exit_code == 2 and "ISO 8601" in result.output
    code, _, err = cli("story", "999999", "--db", db)
    assert code == 1 and "no story 999999" in err
    code, _, err = cli("related", "no-such-id", "--db", db)
    assert code == 1 and "no article 'no-such-id'" in err


def test_read_commands_refuse_a_store_that_is_not_there(tmp_path: Path) -> None:
    """A mistyped --db is an error naming the path, never a new empty store."""
    import subprocess
    import sys

    missing = tmp_path / "newdesk.db"
    for command in (["list"], ["search", "普京"], ["stories"], ["entities"], ["hot"],
                    ["show", "0123456789abcdef"], ["rejections"], ["export"], ["reextract"],
                    ["delete", "0123456789abcdef"]):  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", *command, "--db", str(missing)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 1, (command, result.stderr)
        assert f"no store at {missing}" in " ".join(result.stderr.split()), command
        assert "Traceback" not in result.stderr
        assert not missing.exists(), command
