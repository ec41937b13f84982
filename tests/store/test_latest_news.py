"""What a reader sees first (issue 14): latest and hot hold news, ordered by the best
time known of each page, on real pages of the shared set; the feeds carry that time;
a store from before page kinds gets both columns filled."""

from __future__ import annotations

import json
import warnings
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import ENGINES, new_target

from newsdesk import stories
from newsdesk.ingestion import ingest
from newsdesk.store import Store, db, engines, queries
from newsdesk.stories.hot import rank_hot

with warnings.catch_warnings():  # Starlette asks for httpx2 in the test client; either works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# The crawl that fetched the pages: after every publish time among them, so a page
# placed at its fetch time comes before all the dated news.
FETCHED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
FIRST_PAGE = 20


def _dump(shared_dir: Path, folder: Path) -> dict[str, dict[str, Any]]:
    """A JSON Lines crawl of the typed pages (wcxb) and the readability pages; returns
    the gold record of each URL (a made-up one where the set gives none)."""
    gold: dict[str, dict[str, Any]] = {}
    with (folder / "crawl.jsonl").open("w", encoding="utf-8") as out:
        for name in ("wcxb", "readability"):
            data = shared_dir / "data" / name
            for line in (data / "gold.jsonl").read_text("utf-8").splitlines():
                record = json.loads(line)
                url = record["url"] or f"https://{name}.example/{record['id']}"
                html = (data / "html" / f"{record['id']}.html").read_text("utf-8", "replace")
                out.write(
                    json.dumps({"url": url, "html": html, "fetched": FETCHED.isoformat()}) + "\n"
                )
                gold[url] = record
    return gold


@pytest.fixture(scope="module", params=ENGINES)
def crawled_target(
    request: pytest.FixtureRequest,
    shared_dir: Path,
    seeds_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, dict[str, dict[str, Any]]]:
    """A store of the crawl and the seed pages, once per engine, with its stories."""
    folder = tmp_path_factory.mktemp("crawl")
    gold = _dump(shared_dir, folder)
    target = new_target(request.param, folder, request)
    with Store.open(target) as store:
        ingest([folder / "crawl.jsonl", seeds_dir], store, workers=1, enrich=False)
    return target, gold


@pytest.fixture
def crawled(
    crawled_target: tuple[str, dict[str, dict[str, Any]]],
) -> Iterator[tuple[Store, dict[str, dict[str, Any]]]]:
    target, gold = crawled_target
    with Store.open(target) as store:
        yield store, gold


Row = tuple[str | None, str | None, str | None, str | None]  # url, published, kind, best_time


def _stored(store: Store) -> dict[str, Row]:
    """article id -> (url, published, kind, best_time) of every stored article."""
    rows = store.connection.execute("SELECT id, url, published, kind, best_time FROM articles")
    return {aid: (url, p, k, b) for aid, url, p, k, b in rows.fetchall()}


def _page_type(gold: dict[str, dict[str, Any]], url: str | None) -> str | None:
    """What the set says the page is (article, product, listing, forum, …), if it says."""
    record = gold.get(url or "")
    return record.get("page_type") if record else None


NOT_NEWS = ("product", "service", "listing", "collection", "forum", "documentation")
LISTINGS = ("listing", "collection", "product")


def test_the_first_page_of_latest_is_dated_news(
    crawled: tuple[Store, dict[str, dict[str, Any]]],
) -> None:
    store, gold = crawled
    con = store.connection
    stored = _stored(store)
    assert any(p and _page_type(gold, url) == "article" for url, p, _, _ in stored.values())
    assert any(not p and _page_type(gold, url) in NOT_NEWS for url, p, _, _ in stored.values())
    first = queries.latest(con, limit=FIRST_PAGE).items
    assert len(first) == FIRST_PAGE
    for s in first:
        url, published, kind, _ = stored[s.id]
        assert published or _page_type(gold, url) not in NOT_NEWS, (s.title, url)
        assert kind in (None, "news")
    # Newest first by the best time known; undated news sits at its fetch time.
    times = [s.best_time for s in first]
    assert None not in times and times == sorted(times, reverse=True)  # type: ignore[type-var]
    # Every page of latest: news only, each article once.
    everything = [
        s for off in range(0, 400, 50) for s in queries.latest(con, limit=50, offset=off).items
    ]
    assert {stored[s.id][2] for s in everything} <= {None, "news"}
    assert len({s.id for s in everything}) == len(everything)


def test_a_listing_page_is_never_hot(crawled: tuple[Store, dict[str, dict[str, Any]]]) -> None:
    store, gold = crawled
    con = store.connection
    stories.refresh(store)
    stored = _stored(store)
    assert any(_page_type(gold, url) in LISTINGS for url, *_ in stored.values())
    ranking = rank_hot(con)
    assert ranking.scores and ranking.reference is not None
    # "Now" is the publish time of a news page, not later than the clock.
    news_times = {
        datetime.fromisoformat(p).astimezone(UTC).replace(microsecond=0)
        for _, p, kind, _ in stored.values()
        if p and kind in (None, "news")
    }
    assert ranking.reference in news_times and ranking.reference <= datetime.now(UTC)
    for h in ranking.scores:
        story = queries.story(con, h.story_id)
        assert story is not None
        counted = [a for a in story.articles if stored[a.id][2] in (None, "news")]
        assert counted, [stored[a.id][0] for a in story.articles]
        assert all(_page_type(gold, stored[a.id][0]) not in LISTINGS for a in counted)


def test_feeds_carry_the_time_latest_orders_by(
    crawled: tuple[Store, dict[str, dict[str, Any]]],
    crawled_target: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    from newsdesk.web import create_app

    with TestClient(create_app(crawled_target[0])) as client:
        rss = ElementTree.fromstring(client.get("/feeds/latest.rss").content)
        atom = ElementTree.fromstring(client.get("/feeds/latest.atom").content)
    items = rss.findall("./channel/item")
    assert items and all(i.findtext("pubDate") for i in items)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    updated = [e.findtext("a:updated", namespaces=ns) for e in atom.findall("a:entry", ns)]
    first = queries.latest(crawled[0].connection, limit=len(updated)).items
    assert [datetime.fromisoformat(u or "") for u in updated] == [s.best_time for s in first]


def test_migration_fills_kind_and_best_time(store_target: str) -> None:
    """A store written before page kinds: HTML articles with a publish time are news,
    those without another page, other readers' unknown; the best time falls back to
    the update time, the fetch time, the storage time."""
    con = engines.connect(store_target)
    sql = engines.engine(con)
    db.migrate(con, [m for m in db.migrations(sql.MIGRATIONS) if m.version < 8])
    stored_at = "2026-01-02T00:00:00+00:00"
    docs = {
        "dated": ("html", {"published": "2025-06-04T10:00:00+08:00"}, None),
        "updated": ("html", {"updated": "2025-06-03T10:00:00-04:00"}, None),
        "fetched": ("html", {}, "2025-06-02T00:00:00+00:00"),
        "dump": ("text", {}, None),
    }
    for key, (extractor, fields, fetched) in docs.items():
        doc = {"id": key, "origin": key, "extractor": extractor, **fields}
        con.execute(
            "INSERT INTO articles (id, version, content_hash, origin, published, extractor,"
            " added_at, updated_at, doc) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                key,
                key,
                fields.get("published"),
                extractor,
                stored_at,
                stored_at,
                json.dumps(doc),
            ),
        )
        con.execute(
            "INSERT INTO pages (article_id, version, kind, origin, fetched, form, codec, size,"
            f" raw) VALUES (?, 1, 'html', ?, ?, 'text', 'zlib', 1, {sql.BYTES_PARAM})",
            (key, key, fetched, zlib.compress(b"x")),
        )
    con.close()
    with Store.open(store_target) as store:
        rows = store.connection.execute("SELECT id, kind, best_time FROM articles ORDER BY id")
        assert rows.fetchall() == [
            ("dated", "news", "2025-06-04T02:00:00Z"),
            ("dump", None, "2026-01-02T00:00:00Z"),
            ("fetched", "page", "2025-06-02T00:00:00Z"),
            ("updated", "page", "2025-06-03T14:00:00Z"),
        ]
        latest = [s.id for s in queries.latest(store.connection).items]
        assert latest == ["dump", "dated"]
