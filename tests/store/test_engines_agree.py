"""The same pages give the same store on both engines: every query of the query layer
answers alike on SQLite and on PostgreSQL (search relevance aside, whose scores are
each engine's own: there the same articles are found, in the same time order)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import new_target
from fixtures import paths

import newsdesk
from newsdesk.store import Store, queries
from newsdesk.store.queries import SearchQuery

QUERIES = ["普京", "泽连斯基", "中国", "京", "手机 影像", "the", "新华社", "芯片 专利", "2025"]


def pages() -> list[Path]:
    html = sorted((paths.DATA / "cwced" / "html").glob("*.html"))[:40]
    return [paths.EXAMPLES, paths.SEEDS, *html]


@pytest.fixture(scope="module")
def both(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    if not paths.SEEDS.is_dir():
        pytest.skip("the shared folder beside the repo is not available")
    folder = tmp_path_factory.mktemp("agree")
    stores = []
    for engine in ("sqlite", "postgresql"):
        store = Store.open(new_target(engine, folder, request))
        newsdesk.ingest(pages(), store, workers=1)
        stores.append(store)
    yield stores[0], stores[1]
    for store in stores:
        store.close()


def same(answer: Any, other: Any) -> None:
    assert _plain(answer) == _plain(other)


def unscored(results: queries.SearchResults) -> dict[str, Any]:
    """Search results without their relevance scores, which each engine makes its own way."""
    found = results.to_dict()
    found["items"] = [{k: v for k, v in hit.items() if k != "score"} for hit in found["items"]]
    return found


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def test_the_same_articles_are_stored(both: tuple[Store, Store]) -> None:
    lite, pg = both
    assert lite.count() == pg.count() > 40
    assert [a.to_dict() for a in lite.iter_articles()] == [a.to_dict() for a in pg.iter_articles()]
    assert [p for _, p in lite.iter_pages()] == [p for _, p in pg.iter_pages()]


def test_lists_agree(both: tuple[Store, Store]) -> None:
    lite, pg = (s.connection for s in both)
    same(queries.latest(lite, limit=100), queries.latest(pg, limit=100))
    same(queries.latest(lite, limit=7, offset=5), queries.latest(pg, limit=7, offset=5))
    same(queries.sources(lite), queries.sources(pg))
    same(queries.languages(lite), queries.languages(pg))
    same(queries.channels(lite), queries.channels(pg))
    for channel in queries.channels(lite):
        same(queries.latest(lite, channel=channel), queries.latest(pg, channel=channel))


def test_search_finds_the_same_articles(both: tuple[Store, Store]) -> None:
    lite, pg = (s.connection for s in both)
    for q in QUERIES:
        by_time = SearchQuery(q, sort="time", limit=100)
        assert unscored(queries.search(lite, by_time)) == unscored(queries.search(pg, by_time))
        ranked = SearchQuery(q, limit=100)
        assert {h.id for h in queries.search(lite, ranked).hits} == {
            h.id for h in queries.search(pg, ranked).hits
        }, q


def test_entities_timelines_and_stories_agree(both: tuple[Store, Store]) -> None:
    lite, pg = (s.connection for s in both)
    top = queries.entities(lite, limit=30)
    same(top, queries.entities(pg, limit=30))
    for entity in top.items[:10]:
        same(queries.timeline(lite, entity.name), queries.timeline(pg, entity.name))
        same(queries.entity_page(lite, entity.name), queries.entity_page(pg, entity.name))
    same(queries.stories(lite, limit=100), queries.stories(pg, limit=100))
    same(queries.hot(lite), queries.hot(pg))
    for article in both[0].iter_articles():
        same(queries.related(lite, article.id), queries.related(pg, article.id))
        same(queries.reprints(lite, article.id), queries.reprints(pg, article.id))
        if article.published or article.page_time:  # else it is placed when it was stored
            same(queries.story_of(lite, article.id), queries.story_of(pg, article.id))
