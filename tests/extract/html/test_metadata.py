"""The HTML reader's title, byline and publish time, one failure class per test.

Each page here is small and invented, and shows one way pages mislead a metadata
reader: a section name in the `<h1>`, a date header or a breadcrumb where the headline
would be, a byline only in microdata or in JSON-LD's `@graph`, a junk `<meta
name="author">`, a date glued onto a name, the modified time beside the published one,
a time given in UTC whose calendar day is not the page's.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsdesk.extract.html import read_html
from newsdesk.extract.html.names import person

PACIFIC = timezone(timedelta(hours=-8))
TEXT = (
    "The council approved the new budget after a long debate on Tuesday evening.",
    "Schools and libraries will receive more money, while road repairs are delayed.",
    "Several members said the plan leaves too little in reserve for a bad winter.",
)


def article(body: str, head: str = "") -> object:
    prose = "".join(f"<p>{t}</p>" for t in TEXT)
    html = (
        f"<html lang='en'><head>{head}</head><body><article>{body}{prose}</article></body></html>"
    )
    return read_html(html, id="t", origin="inline")


def jsonld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


# --- titles ---------------------------------------------------------------------------------


def test_section_name_h1_gives_way_to_the_headline_shown_below_it():
    head = "<title>Council approves budget after long debate</title>"
    body = "<h1>Local Government Centre</h1><h2>Council approves budget after long debate</h2>"
    assert article(body, head).title == "Council approves budget after long debate"


def test_date_header_is_not_the_headline():
    head = "<title>Council approves budget - City Paper</title>"
    a = article("<h1>Tuesday, March 5, 2024</h1>", head)
    assert a.title == "Council approves budget"


@pytest.mark.parametrize("crumbs", ["城市日报>地方新闻", "Home > News > Local"])
def test_breadcrumb_is_not_the_headline(crumbs: str):
    head = '<meta property="og:title" content="Council approves budget">'
    a = article(f"<h1>{crumbs}</h1>", head)
    assert a.title == "Council approves budget"


def test_hash_inside_a_title_is_kept():
    head = "<title>What is new in C# 12 - Dev Notes</title>"
    assert article("<h1>What is new in C# 12</h1>", head).title == "What is new in C# 12"
    assert article("<h1>Shipping C#</h1>").title == "Shipping C#"
    assert article("<h1>Release notes #</h1>").title == "Release notes"  # an anchor mark


def test_identifier_part_of_a_title_gives_way_to_the_dublin_core_title():
    head = '<title>draft-city-budget-04 - City Budget</title><meta name="DC.Title" content="City Budget">'
    assert article("", head).title == "City Budget"


# --- bylines --------------------------------------------------------------------------------


def test_microdata_author():
    body = (
        "<h1>Council approves budget</h1><div itemprop='author' itemscope>"
        "<span itemprop='name'>Jane Doe</span></div>"
    )
    assert article(body).author == "Jane Doe"


def test_rel_author_link():
    body = "<h1>Council approves budget</h1><p class='meta'><a rel='author' href='/u/jd'>Jane Doe</a></p>"
    assert article(body).author == "Jane Doe"


def test_jsonld_author_in_a_graph_by_reference():
    head = jsonld(
        '{"@context":"https://schema.org","@graph":['
        '{"@type":"WebPage","@id":"#page","name":"Council approves budget"},'
        '{"@type":"NewsArticle","headline":"Council approves budget","author":{"@id":"#jd"},'
        '"datePublished":"2024-03-05T09:00:00-05:00"},'
        '{"@type":"Person","@id":"#jd","name":"Jane Doe"}]}'
    )
    a = article("<h1>Council approves budget</h1>", head)
    assert a.author == "Jane Doe"
    assert a.published is not None and a.published.day == 5


def test_junk_meta_author_loses_to_the_visible_byline():
    head = '<meta name="author" content="City Paper"><meta property="og:site_name" content="City Paper">'
    body = "<h1>Council approves budget</h1><div class='byline'>By Jane Doe</div>"
    assert article(body, head).author == "Jane Doe"


def test_date_glued_onto_the_name_is_cut():
    body = "<h1>Council approves budget</h1><div class='byline'>By Jane Doe March 5, 2024</div>"
    assert article(body).author == "Jane Doe"
    assert person("Jane Doe March") == "Jane Doe"
    assert person("on March 5, 2024 by Jane Doe | City Paper") == "Jane Doe"


def test_commenter_is_not_the_author():
    body = (
        "<h1>Council approves budget</h1>"
        "<div class='comments'><span class='comment-author'>Joe Bloggs</span>"
        "<p>Great news for the schools.</p></div>"
    )
    assert article(body).author is None


def test_one_author_tag_per_author():
    head = '<meta name="DC.Creator" content="Doe, Jane"><meta name="DC.Creator" content="Roe, Richard">'
    assert article("<h1>Council approves budget</h1>", head).author == "Doe, Jane, Roe, Richard"


# --- publish times --------------------------------------------------------------------------


def test_modified_time_is_not_the_publish_time():
    head = jsonld(
        '{"@type":"NewsArticle","dateModified":"2024-06-01T10:00:00Z",'
        '"datePublished":"2024-03-05T10:00:00Z"}'
    )
    a = article("<h1>Council approves budget</h1>", head)
    assert (a.published.date().isoformat(), a.updated.date().isoformat()) == (
        "2024-03-05",
        "2024-06-01",
    )


def test_plain_date_tag_holding_the_update_time_gives_way_to_the_shown_time():
    head = (
        '<meta name="DC.date" content="2024-07-05T14:20:08Z">'
        '<meta property="og:updated_time" content="2024-07-05T14:20:08Z">'
    )
    body = "<h1>Council approves budget</h1><time datetime='2024-03-01'>March 1, 2024</time>"
    assert article(body, head).published.date().isoformat() == "2024-03-01"


def test_utc_time_keeps_the_page_own_offset():
    head = jsonld('{"@type":"BlogPosting","dateCreated":"2017-02-24T01:18:13Z"}') + (
        '<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">'
    )
    a = article("<h1>Council approves budget</h1>", head)
    assert a.published == datetime(2017, 2, 23, 17, 18, 13, tzinfo=PACIFIC)
    assert a.published.utcoffset() == timedelta(hours=-8)


def test_jsonld_wrapped_in_cdata_is_read():
    head = jsonld('<![CDATA[{"@type":"Article","datePublished":"2001-10-29T01:59:14Z"}]]>')
    assert article("<h1>Council approves budget</h1>", head).published_source == "jsonld"


@pytest.mark.parametrize(
    "mark",
    [
        "<time pubdate datetime='2024-03-05T09:00:00-05:00'>Mar 5</time>",
        "<meta itemprop='datePublished' content='2024-03-05T09:00:00-05:00'>",
    ],
)
def test_marked_publish_time_in_the_body(mark: str):
    a = article(f"<h1>Council approves budget</h1><div class='sidebar-x'>{mark}</div>")
    assert a.published is not None and a.published.date().isoformat() == "2024-03-05"


def test_only_an_update_time_shown_stands_for_the_publish_time():
    body = "<h1>Council approves budget</h1><p>Last updated: March 9, 2024</p>"
    a = article(body)
    assert a.published is not None and a.published.date().isoformat() == "2024-03-09"
    assert a.published_source == "updated"
