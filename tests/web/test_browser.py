"""The portal in a real browser: Debian's chromium driven by Playwright, against uvicorn.

A reader's path: the home page, a seed article, a related article (or a list's
link when there are no related articles yet), a search, care mode, keyboard use and
a phone-sized screen.  Screenshots go to `artifacts/` for a person to look at: the
seeds' articles clean, captions set as captions, Chinese in real glyphs.  The
browser also reports every console error, so a Content-Security-Policy violation
on an ordinary page fails the test.

Skips, saying why, when chromium (`apt-get install chromium`) or Playwright is
missing; no browser is ever downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures import paths
from fixtures.browser import (
    SEED_TITLES,
    LiveServer,
    Watch,
    check_weights_and_care_width,
    chromium,
    require_browser,
    shot,
)

import newsdesk
from newsdesk.store import Store


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    require_browser()
    db = tmp_path_factory.mktemp("browser") / "portal.db"
    inputs = [paths.EXAMPLES]
    seeds = paths.SEEDS
    if seeds.is_dir():
        inputs.append(seeds)
    with Store.open(db) as store:
        newsdesk.ingest(inputs, store, workers=1)
    with LiveServer(db) as server:
        yield server


def test_reader_path(portal: LiveServer) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(page)
        page.goto(portal.url + "/")
        assert page.locator("h2#h-latest").is_visible()
        shot(page, "01-home")

        # an article: a seed when the seeds are there, else the first headline
        seed = page.locator("a.headline", has_text=SEED_TITLES[0])
        seeded = seed.count() > 0
        target = seed.first if seeded else page.locator("a.headline").first
        target.click()
        page.wait_for_selector("article.article h1")
        assert page.locator("article.article").get_attribute("lang")
        _check_captions_are_captions(page)
        shot(page, "02-article")

        # a related article when there are any, else a link from a list: the article's
        # source, then one of that list's other articles (or the home page's)
        here = page.url
        related = page.locator("section.related a.headline")
        if seeded:  # seed 000's first related article is seed 001 (the stories engine)
            assert SEED_TITLES[1] in (related.first.text_content() or "")
        if related.count():
            related.first.click()
        else:
            page.locator("article.article .meta a.site").first.click()
            page.wait_for_selector("ol.list a.headline")
            shot(page, "03-source-list")
            _click_other_headline(page, here, portal.url)
        page.wait_for_selector("article.article h1")
        assert page.url != here
        if seeded:
            assert SEED_TITLES[1] in page.locator("article.article h1").inner_text()
        shot(page, "04-followed")

        # a search, from the box at the top
        page.fill("#q-top", "普京")
        page.press("#q-top", "Enter")
        page.wait_for_selector("section.results mark")
        assert page.locator("section.results li.item").count() >= 1
        shot(page, "05-search")

        # care mode, which stays on for the next page
        page.locator("a.care-toggle").click()
        page.wait_for_load_state()
        assert "care" in (page.locator("html").get_attribute("class") or "")
        shot(page, "06-search-care")
        page.goto(portal.url + "/")
        assert "care" in (page.locator("html").get_attribute("class") or "")
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert size >= 20, "care mode enlarges the type"
        page.locator("a.headline").first.click()
        page.wait_for_selector("article.article h1")
        shot(page, "07-article-care")
        assert watch.errors == [] and watch.dialogs == []


def _click_other_headline(page: Any, here: str, base: str) -> None:
    """Click a headline of the list on screen that leads elsewhere (else one from home)."""
    for _ in range(2):
        for link in page.locator("ol.list a.headline").all():
            if base + (link.get_attribute("href") or "") != here:
                link.click()
                return
        page.goto(base + "/")
    raise AssertionError("no other article to follow")


def _check_captions_are_captions(page: Any) -> None:
    figures = page.locator(".body figure figcaption")
    if not figures.count():
        return
    caption = figures.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    paragraph = page.locator(".body p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert caption < paragraph, "captions are set smaller than the body"


def test_keyboard_skip_link_and_focus(portal: LiveServer) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto(portal.url + "/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link"
        assert page.locator("a.skip-link").evaluate("e => e.getBoundingClientRect().top >= 0")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused element shows a focus ring"
        shot(page, "08-skip-link-focus", full=False)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("/")  # the little script: "/" jumps to the search box
        assert page.evaluate("document.activeElement.id") == "q-top"


def test_phone_width_and_english(portal: LiveServer) -> None:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page = context.new_page()
        watch = Watch(page)
        page.goto(portal.url + "/?lang=en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, "09-phone-home-en")
        page.locator("a.headline").first.click()
        page.wait_for_selector("article.article h1")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, "10-phone-article-en", full=False)
        lists = page.locator("details.source-lists summary")
        if lists.count():  # the page's own lists open, readable at phone width
            lists.first.click()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            shot(page, "11-phone-source-lists")
        assert watch.errors == []
        context.close()


def test_headings_in_one_weight_and_a_wide_care_column(portal: LiveServer) -> None:
    check_weights_and_care_width(portal.url, "12-article-care-wide")
