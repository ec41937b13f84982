"""An uploaded page is stored exactly as if it had been ingested from a file.

Real pages (the two seed dumps, a retitled reprint of one, a Chinese news page of
magic_html) go into one store through `ingest` from files and into another through
`POST /api/pages` on the real app; after each side's stories step the stored
articles, their enrichment and their story and reprint rows must be the same.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fixtures import paths
from fixtures.warcs import Response, write_warc

from newsdesk.ingestion import ingest
from newsdesk.store import Store
from newsdesk.web.app import create_app

TOKEN = "upload-test-token"
SEED_000 = "000_f844af933c40c450.txt"
SEED_001 = "001_24aef3fd8e843ac8.txt"
NEWS_PAGE = "article_090704b0cb2e2ae4"  # a news.cn page of magic_html, with its URL
STORIES_WAIT = 120.0  # seconds the background stories step may take on a busy machine

# Fields that name the way in (a file path or `upload:<name>`), not the article.
WAY_IN = ("origin",)
# story_articles columns that hold the time a row was stored, for undated articles.
STORED_TIME = ("time",)
STORY_VOLATILE = ("updated_at",)


def _news_page() -> tuple[bytes, str]:
    for line in (paths.DATA / "magic_html" / "gold.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        if gold["id"] == NEWS_PAGE:
            html = (paths.DATA / "magic_html" / "html" / f"{NEWS_PAGE}.html").read_bytes()
            return html, gold["url"]
    raise AssertionError(f"{NEWS_PAGE} is not in magic_html's gold")


@pytest.fixture(scope="module")
def pages(shared_dir: Path) -> dict[str, bytes]:
    return {name: (paths.SEEDS / name).read_bytes() for name in (SEED_000, SEED_001)}


def _file_store(path: Path, db: Path) -> None:
    with Store.open(db) as store:
        summary = ingest([path], store, workers=1)
    assert summary.articles >= 1 and summary.stories is not None


def _upload_store(data: bytes, db: Path, **params: str) -> dict[str, Any]:
    with TestClient(create_app(db, token=TOKEN)) as client:
        r = client.post("/api/pages", params=params, content=data, headers={"X-API-Token": TOKEN})
        assert r.status_code == 201, r.text
        assert client.app.state.stories.wait(STORIES_WAIT), "the stories step did not finish"
        answer: dict[str, Any] = r.json()
    return answer


def _articles(db: Path) -> dict[str, dict[str, Any]]:
    with Store.open(db) as store:
        found = [store.get(aid) for aid in _ids(db)]
    out = {}
    for article in found:
        assert article is not None
        row = article.to_dict()
        for name in WAY_IN:
            row.pop(name)
        out[article.id] = row
    return out


def _ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id")]


def _story_rows(db: Path) -> dict[str, Any]:
    """The stories step's rows: each article's story, reprint group and reason, the
    stories and the reprint groups (without the times they were written)."""
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        placed = []
        for r in con.execute("SELECT * FROM story_articles ORDER BY article_id"):
            row = dict(r)
            if not row["dated"]:
                for name in STORED_TIME:
                    row.pop(name)
            placed.append(row)
        stories = [
            {k: v for k, v in dict(r).items() if k not in STORY_VOLATILE}
            for r in con.execute("SELECT * FROM stories ORDER BY id")
        ]
        groups = [dict(r) for r in con.execute("SELECT * FROM reprint_groups ORDER BY id")]
    return {"articles": placed, "stories": stories, "reprint_groups": groups}


def _one(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    (row,) = rows.values()
    return {k: v for k, v in row.items() if k != "id"}


@pytest.mark.parametrize("which", ["seed dump", "news page"])
def test_an_uploaded_page_is_stored_as_its_file_is(
    which: str, pages: dict[str, bytes], tmp_path: Path
) -> None:
    """One page, as a file and as an upload: the same article and enrichment.  (A file
    has no URL, so its id comes from its path and the upload's from its name: the ids
    differ by design and are left out.)"""
    if which == "seed dump":
        data, kind, name = pages[SEED_001], "text", "page.txt"
    else:
        data, kind, name = _news_page()[0], "html", "page.html"
    path = tmp_path / name
    path.write_bytes(data)
    _file_store(path, tmp_path / "file.db")
    answer = _upload_store(data, tmp_path / "upload.db", kind=kind, name=name)

    from_file, uploaded = _articles(tmp_path / "file.db"), _articles(tmp_path / "upload.db")
    assert _one(uploaded) == _one(from_file)
    assert _one(uploaded)["enrichment"], "the upload was enriched"
    assert answer["added"] == 1 and answer["steps"]["enrich"]["passed"] == 1
    placed = [_story_rows(db)["articles"] for db in (tmp_path / "file.db", tmp_path / "upload.db")]
    assert [{k: v for k, v in r[0].items() if k != "article_id"} for r in placed] == [
        {k: v for k, v in placed[0][0].items() if k != "article_id"}
    ] * 2


def _reprint(seed: bytes) -> bytes:
    """Seed 001 retitled and published a day later: a reprint of it."""
    text = seed.decode("utf-8")
    title = text.splitlines()[0]
    copy = text.replace(title, "普京泽连斯基或将会面 中方获俄方通报", 1)
    return copy.replace("2025-06-04 22:04:14", "2025-06-05 09:30:00", 1).encode("utf-8")


def test_an_uploaded_archive_is_stored_as_its_file_is(
    pages: dict[str, bytes], tmp_path: Path
) -> None:
    """A WARC of the seeds, a reprint and a news page, ingested from its file and
    uploaded: the same ids, articles, enrichment, stories and reprints."""
    html, url = _news_page()
    plain = "text/plain; charset=utf-8"
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            Response("https://seeds.example.com/000", pages[SEED_000], plain),
            Response("https://seeds.example.com/001", pages[SEED_001], plain),
            Response("https://reprints.example.com/001", _reprint(pages[SEED_001]), plain),
            Response(url, html),
        ],
    )
    _file_store(warc, tmp_path / "file.db")
    answer = _upload_store(warc.read_bytes(), tmp_path / "upload.db", kind="warc")

    from_file, uploaded = _articles(tmp_path / "file.db"), _articles(tmp_path / "upload.db")
    assert len(uploaded) == 4 and answer["added"] == 4
    assert uploaded == from_file
    stories = _story_rows(tmp_path / "upload.db")
    assert any(r["reason"] == "reprint" for r in stories["articles"]), "the copy was folded"
    assert stories == _story_rows(tmp_path / "file.db")
