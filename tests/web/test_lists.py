"""Paging on the reader's pages and what the API documents (issue 14)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.ingestion import ingest
from newsdesk.store import Store
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
