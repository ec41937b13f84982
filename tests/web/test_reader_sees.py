"""What a reader sees on a store of real pages: every HTML page of the shared
evaluation sets (Chinese portals, Big5 and GBK pages, English and European sites,
forums, product and documentation pages) and the two seed pages, opened in Debian's
chromium.

Each test reads the store's own answer first (what is true of these pages) and then
checks that the rendered portal shows it: latest is news, newest first; hot holds
stories of news; traditional and simplified names are one entity; articles name
their outlets; reprints say so; times, leads and glyphs read cleanly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from fixtures import paths
from fixtures.browser import (
    LiveServer,
    Watch,
    check_weights_and_care_width,
    chromium,
    require_browser,
    shot,
)

import newsdesk
from newsdesk.store import Store, engines, ordering, queries
from newsdesk.store.engines import Connection

HTML_SETS = ("cwced", "daniel", "magic_html", "readability", "scrapinghub", "wcxb")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# What a player, a picture or a time stamp leaves at the top of a body.
BOILERPLATE_LEAD = re.compile(
    r"(资料图|音频|视频)\s*[\d:]|(Updated|Posted)\s+[A-Z][a-z]{2}\w*\s+\d"
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    inputs = [paths.DATA / name / "html" for name in HTML_SETS if (paths.DATA / name).is_dir()]
    if not inputs or not paths.SEEDS.is_dir():
        pytest.skip("the shared evaluation pages are not available")
    db = tmp_path_factory.mktemp("reader") / "real.db"
    with Store.open(db) as store:
        newsdesk.ingest([*inputs, paths.SEEDS], store)
    return db


@pytest.fixture(scope="module")
def portal(store_path: Path) -> Iterator[LiveServer]:
    with LiveServer(store_path) as server:
        yield server


@pytest.fixture(scope="module")
def con(store_path: Path) -> Iterator[Connection]:
    connection = engines.connect(store_path, read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def page(portal: LiveServer) -> Iterator[Any]:
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(tab)
        yield tab
        assert watch.errors == []


def article_ids(page: Any, selector: str = "a.headline") -> list[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.pathname)")
    return [unquote(h.rsplit("/", 1)[1]) for h in hrefs if h.startswith("/articles/")]


def kinds(con: Connection, ids: list[str]) -> dict[str, str | None]:
    rows = con.execute(
        "SELECT id, kind FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    return dict(rows.fetchall())


# --- 1 and 2: latest and hot ---------------------------------------------------------------


def test_latest_is_news_newest_first(portal: LiveServer, page: Any, con: Connection) -> None:
    shown: list[str] = []
    times: list[str] = []
    for n in (1, 2, 3):
        page.goto(f"{portal.url}/?page={n}")
        items = page.locator("section.latest li.item")
        assert items.count() > 0
        # Every headline on the first pages is dated: undated pages do not bury news.
        assert page.locator("section.latest li.item .no-time").count() == 0
        times += page.locator("section.latest li.item time").evaluate_all(
            "ts => ts.map(t => t.getAttribute('datetime'))"
        )
        shown += article_ids(page, "section.latest a.headline")
    instants = [datetime.fromisoformat(t).astimezone(UTC) for t in times]
    assert instants == sorted(instants, reverse=True)
    assert all(ordering.is_news(kind) for kind in kinds(con, shown).values())
    hidden = con.execute("SELECT count(*) FROM articles WHERE kind <> 'news'").fetchone()[0]
    assert hidden > 0, "the real pages include listings, products and documentation"

    feed = page.request.get(portal.url + "/feeds/latest.rss").text()
    entries = re.findall(r"<item>.*?</item>", feed, re.S)
    assert entries and all("<pubDate>" in e for e in entries)


def test_hot_stories_are_news_of_the_past(portal: LiveServer, page: Any, con: Connection) -> None:
    page.goto(portal.url + "/")
    links = page.locator("section.hot ol.ranked a")
    if links.count() == 0:
        pytest.skip("no story is hot in this store")
    now = datetime.now(UTC)
    for href in links.evaluate_all("links => links.map(a => a.pathname)")[:5]:
        page.goto(portal.url + href)
        members = article_ids(page, "main a.headline")
        assert members
        assert all(ordering.is_news(kind) for kind in kinds(con, members).values())
        for stamp in page.locator("main li.item time").evaluate_all(
            "ts => ts.map(t => t.getAttribute('datetime'))"
        ):
            assert datetime.fromisoformat(stamp) <= now


# --- 3: one entity in both scripts ---------------------------------------------------------


def test_traditional_and_simplified_names_are_one_entity(
    portal: LiveServer, page: Any, con: Connection
) -> None:
    if queries.entity_page(con, "中國", limit=1) is None:
        pytest.skip("no article names 中国")
    page.goto(portal.url + "/entities/" + quote("中國"))
    from_traditional = article_ids(page, "main a.headline")
    page.goto(portal.url + "/entities/" + quote("中国"))
    from_simplified = article_ids(page, "main a.headline")
    assert from_traditional and from_traditional == from_simplified
    # Articles written in either script are found under the one name.
    listed = {h.id for h in queries.mentions(con, "中國", limit=100).hits}
    for name in ("中國", "中国"):
        written = con.execute("SELECT id FROM articles WHERE doc LIKE ?", (f"%{name}%",))
        assert listed & {aid for (aid,) in written}, f"no article written with {name}"


# --- 10: what a reader notices --------------------------------------------------------------


def test_no_boxes_boilerplate_leads_or_midnight_times(
    portal: LiveServer, page: Any, con: Connection
) -> None:
    texts: list[str] = []
    for n in (1, 2, 3):
        page.goto(f"{portal.url}/?page={n}")
        texts.append(page.locator("body").inner_text())
        leads = page.locator("section.latest p.lead").all_inner_texts()
        assert not [lead for lead in leads if BOILERPLATE_LEAD.match(lead)]
    dated = con.execute(
        "SELECT id FROM articles WHERE published LIKE '%T00:00:00%' AND kind = 'news' LIMIT 5"
    ).fetchall()
    for (aid,) in dated:
        page.goto(f"{portal.url}/articles/{quote(aid)}")
        texts.append(page.locator("body").inner_text())
        shown = page.locator("article.article header time").first.inner_text()
        assert "00:00" not in shown
    assert not [t for t in texts if PRIVATE_USE.search(t)]


def test_one_weight_for_headings_and_a_wide_care_column(portal: LiveServer) -> None:
    check_weights_and_care_width(portal.url, "20-real-pages-care-wide")


# --- 6: outlets -------------------------------------------------------------------------------

JUNK_OUTLET = re.compile(r"[<>=\"]|https?:|www\.|\s{2}")


def test_chinese_articles_and_stories_name_their_outlets(
    portal: LiveServer, page: Any, con: Connection
) -> None:
    named = con.execute(
        "SELECT id, site FROM articles WHERE language LIKE 'zh%' AND site IS NOT NULL"
    ).fetchall()
    total = con.execute("SELECT count(*) FROM articles WHERE language LIKE 'zh%'").fetchone()[0]
    assert named and len(named) * 2 > total, "most Chinese articles have an outlet"
    for aid, site in named[:: max(1, len(named) // 8)]:
        page.goto(f"{portal.url}/articles/{quote(aid)}")
        assert page.locator("article.article header a.site").inner_text() == site
        assert not JUNK_OUTLET.search(site) and len(site) <= 30
    sid, sites = max(
        ((s.id, s.sites) for s in queries.stories(con, limit=100).items),
        key=lambda story: len(story[1]),
    )
    assert len(sites) > 1
    page.goto(f"{portal.url}/stories/{sid}")
    shot(page, "21-real-pages-story")
    shown = page.locator("p.outlets a.site").all_inner_texts()
    assert shown and set(shown) <= set(sites)


# --- 8: reprints ------------------------------------------------------------------------------


def test_reprints_are_marked_wherever_they_are_listed(
    portal: LiveServer, page: Any, con: Connection
) -> None:
    copies = con.execute(
        "SELECT sa.article_id, g.canonical FROM story_articles sa"
        " JOIN reprint_groups g ON g.id = sa.reprint_group"
        " WHERE sa.article_id <> g.canonical ORDER BY sa.article_id LIMIT 3"
    ).fetchall()
    if not copies:
        pytest.skip("no reprints among these pages")
    for copy, original in copies:
        summary = queries.summaries(con, [copy])[0]
        story = queries.story_of(con, copy, members=False)
        where = [f"/search?q={quote((summary.title or '')[:30])}"]
        where += [f"/stories/{story.id}"] if story else []
        listed = 0
        for path in where:
            page.goto(portal.url + path)
            item = page.locator("li.item", has=page.locator(f'a.headline[href$="{quote(copy)}"]'))
            if item.count() == 0:
                continue  # not on this page (a search ranks other copies first)
            mark = item.first.locator(".reprint-mark a")
            assert mark.get_attribute("href").endswith(quote(original))
            listed += 1
        assert listed, f"{copy} is listed on its story's page or in a search for it"
        page.goto(f"{portal.url}/articles/{quote(copy)}")
        assert (
            page.locator("p.reprint-of a, .reprint-mark a")
            .first.get_attribute("href")
            .endswith(quote(original))
        )
