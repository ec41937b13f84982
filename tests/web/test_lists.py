"""Paging on the reader's pages and what the API documents (issue 14)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk import stories
from newsdesk.article import Article, Page
from newsdesk.cli import main
from newsdesk.cli import read as cli_read
from newsdesk.ingestion import ingest
from newsdesk.store import Store, queries
from newsdesk.web import create_app, pages

with warnings.catch_warnings():  # Starlette asks for httpx2 in the test client; either works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

STORIES = 3  # stories of two copies each


@pytest.fixture(scope="module")
def store_path(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real articles of the shared set, each published by two sites: a story each."""
    folder = tmp_path_factory.mktemp("lists")
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    for k, line in enumerate(lines[:STORIES]):
        text = line.split("\t", 1)[1]
        for copy in ("a", "b"):
            day = f"2024-03-{10 + k:02d} 0{k}:1{k}"
            (folder / f"{copy}{k}.txt").write_text(f"第{k}篇新闻\n{day}\n{text}\n", "utf-8")
    path = tmp_path_factory.mktemp("store") / "lists.db"
    with Store.open(path) as store:
        ingest([folder], store, workers=1, enrich=False, stories=True)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path)) as c:
        yield c


def _story_links(html: str) -> list[str]:
    return re.findall(r'class="headline" href="(/stories/\d+)"', html)


def test_the_stories_page_has_a_pager(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = _story_links(client.get("/stories").text)
    assert len(everything) == STORIES
    monkeypatch.setattr(pages, "STORIES_SHOWN", 2)
    first = client.get("/stories").text
    assert _story_links(first) == everything[:2]
    assert 'rel="next" href="/stories?page=2"' in first and 'rel="prev"' not in first
    second = client.get("/stories?page=2").text
    assert _story_links(second) == everything[2:]
    assert 'rel="prev" href="/stories?page=1"' in second and 'rel="next"' not in second
    past = client.get("/stories?page=9")
    assert past.status_code == 200 and 'rel="prev"' in past.text


def _schema(spec: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]  # type: ignore[no-any-return]


def test_every_404_is_documented(client: TestClient) -> None:
    """Each API route with a path parameter is asked for something that is not there;
    every one that answers 404 declares it, with its body's model."""
    spec = client.get("/api/openapi.json").json()
    answered = []
    for route, methods in spec["paths"].items():
        op = methods.get("get")
        if op is None or "{" not in route:
            continue
        (param,) = op["parameters"][:1]
        absent = "999999" if param["schema"].get("type") == "integer" else "不存在的名字"
        status = client.get(re.sub(r"\{[^}]+\}", absent, route)).status_code
        if status == 404:
            answered.append(route)
            assert "404" in op["responses"], route
            body = op["responses"]["404"]["content"]["application/json"]["schema"]
            assert "detail" in _schema(spec, body)["properties"], route
    assert {"/api/articles/{article_id}", "/api/stories/{story_id}"} <= set(answered)
    assert "/api/entities/{name}" in answered  # no article names it


def test_story_ids_are_numbers_everywhere(client: TestClient, store_path: Path) -> None:
    spec = client.get("/api/openapi.json").json()
    op = spec["paths"]["/api/stories/{story_id}"]["get"]
    assert op["parameters"][0]["schema"]["type"] == "integer"
    story = _schema(spec, op["responses"]["200"]["content"]["application/json"]["schema"])
    assert story["properties"]["id"]["type"] == "integer"
    listed = client.get("/api/stories").json()["items"]
    assert listed and all(isinstance(s["id"], int) for s in listed)
    sid = listed[0]["id"]
    assert client.get(f"/api/stories/{sid}").json()["id"] == sid
    assert client.get("/api/stories/abc").status_code == 422  # the API is strict
    assert client.get("/stories/abc").status_code == 404  # the pages forgive
    shown = CliRunner().invoke(main, ["story", str(sid), "--db", str(store_path), "--json"])
    assert json.loads(shown.stdout)["id"] == sid
    assert cli_read.MAX_STORY_ID == queries.MAX_STORY_ID


def test_an_entity_no_article_names_is_not_found(client: TestClient) -> None:
    assert client.get("/api/entities/不存在的名字").status_code == 404
    page = client.get("/entities/不存在的名字")
    assert page.status_code == 404
    assert "不存在的名字" in page.text and "没有文章提到它" in page.text
    named = client.get("/api/search", params={"q": "新闻", "limit": 1}).json()["items"]
    assert named  # a word the articles hold is found as text: a page, not a 404
    assert client.get("/api/entities/新闻").status_code == 200
    assert client.get("/api/entities/新闻", params={"offset": 500}).json()["items"] == []


def test_story_and_related_times_keep_the_articles_offset(
    client: TestClient, store_path: Path
) -> None:
    """The pages say 00:1x in Beijing: that is the time shown, not 16:1x the day before."""
    for listed in client.get("/api/stories").json()["items"]:
        story = client.get(f"/api/stories/{listed['id']}").json()
        for member in story["articles"]:
            own = client.get(f"/api/articles/{member['id']}").json()["published"]
            assert own.endswith("+08:00") and member["time"] == own
        assert story["first"] == story["articles"][0]["time"]
        page = client.get(f"/stories/{listed['id']}").text
        day = datetime.fromisoformat(story["first"])
        assert f'datetime="{story["first"]}">{day.year}年{day.month}月{day.day}日<' in page
    with Store.open(store_path, read_only=True) as store:
        found = [r for a in store.iter_articles() for r in stories.related(store, a.id)]
        assert found
        for r in found:
            own = store.get(r.id)
            assert own is not None and own.published is not None and r.time == own.published
            assert r.time is not None and r.time.utcoffset() == own.published.utcoffset()


def test_a_date_without_a_clock_time_shows_as_the_date(shared_dir: Path, tmp_path: Path) -> None:
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    for name, when, line in (
        ("day", "2024-03-09", lines[5]),
        ("clock", "2024-03-08 14:05", lines[6]),
    ):
        text = line.split("\t", 1)[1]
        (pages_dir / f"{name}.txt").write_text(f"{name}新闻标题\n{when}\n{text}\n", "utf-8")
    db = tmp_path / "dates.db"
    with Store.open(db) as store:
        ingest([pages_dir], store, workers=1, enrich=False, stories=False)
        ids = {Path(a.origin).stem: a.id for a in store.iter_articles()}
    with TestClient(create_app(db)) as c:
        day = c.get(f"/api/articles/{ids['day']}").json()["published"]
        assert day.startswith("2024-03-09T00:00:00")  # the day is kept as it was read
        for url in ("/", f"/articles/{ids['day']}"):
            html = c.get(url).text
            assert ">2024年3月9日<" in html and "3月9日 00:00" not in html, url
            assert "2024年3月8日 14:05" in html or url != "/", url
    shown = CliRunner().invoke(main, ["list", "--db", str(db)]).stdout
    assert "2024-03-09 " in shown and "2024-03-09 00:00" not in shown
    assert "2024-03-08 14:05" in shown


def test_private_use_characters_are_not_shown(tmp_path: Path) -> None:
    """An icon font's glyphs (private-use code points) would show as boxes: the pages
    and feeds leave them out; the store and the JSON API keep the text as read."""
    icon, far = "\ue606", "\U000f0001"
    article = Article(
        id="p1",
        origin="p1",
        title=f"{icon}两会特别报道",
        body=[f"记者从会上获悉{far}，今年的工作重点已经确定。", "第二段正文内容。"],
        published=datetime.fromisoformat("2024-03-09T10:00:00+08:00"),
        site="示例网",
    )
    page = Page(origin="p1", kind="text", text="\n".join([article.title or "", *article.body]))
    db = tmp_path / "pua.db"
    with Store.open(db) as store:
        store.add([(page, article)])
    with TestClient(create_app(db)) as c:
        for url in ("/", "/articles/p1", "/search?q=两会", "/feeds/latest.atom", "/sources/示例网"):
            body = c.get(url).text
            assert "特别报道" in body, url
            assert icon not in body and far not in body, url
        assert c.get("/api/articles/p1").json()["title"] == article.title
