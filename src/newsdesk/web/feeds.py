"""RSS 2.0 and Atom feeds: the latest articles, each channel, each source, a saved search.

A feed is the same query as its page (`queries`), rendered by an XML template with
autoescape on.  Links are absolute (feed readers need them) and built from the
address the request came to.  A saved search is simply the search's query string
on `/feeds/search.atom`, so any search page offers its own feed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from newsdesk.store import queries
from newsdesk.web import memo
from newsdesk.web.pages import reader, search_query
from newsdesk.web.templating import lang_attr, path, render

router = APIRouter(include_in_schema=False)

Format = Literal["atom", "rss"]
FEED_SIZE = 30
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _when(s: queries.Summary) -> datetime:
    """The time a feed entry carries (RSS `pubDate`, Atom `updated`): the best time
    known of it, which lists are ordered by (`store.ordering`)."""
    value = s.best_time or s.time or s.stored or EPOCH
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def feed(
    request: Request, fmt: str, *, title: str, page: str, items: list[queries.Summary]
) -> Response:
    if fmt not in MEDIA_TYPES:
        raise HTTPException(404)
    base = str(request.base_url).rstrip("/")
    entries = [
        {
            "url": base + path("articles", s.id),
            "title": s.title or s.id,
            "summary": s.snippet if s.snippet is not None else s.lead,
            "author": s.author or s.site or s.source or "newsdesk",
            "lang": lang_attr(s.language),
            "updated": _when(s).isoformat(),
            "published": s.published.isoformat() if s.published else None,
            "pub_rfc822": format_datetime(_when(s)),
        }
        for s in items
    ]
    updated = max((_when(s) for s in items), default=EPOCH)
    body = render(
        f"{fmt}.xml",
        title=title,
        lang="zh-CN",
        self_url=str(request.url),
        page_url=base + page,
        updated=updated.isoformat(),
        updated_rfc822=format_datetime(updated),
        entries=entries,
    )
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={"Cache-Control": "no-cache"})


@router.get("/feeds/latest.{fmt}")
def latest_feed(request: Request, fmt: str) -> Response:
    items = queries.latest(reader(request), limit=FEED_SIZE).items
    return feed(request, fmt, title="newsdesk · 最新", page="/", items=items)


@router.get("/feeds/sources/{site:path}.{fmt}")
def source_feed(request: Request, site: str, fmt: str) -> Response:
    items = queries.latest(reader(request), site=site, limit=FEED_SIZE).items
    if not items:
        raise HTTPException(404)
    return feed(request, fmt, title=f"newsdesk · {site}", page=path("sources", site), items=items)


@router.get("/feeds/channels/{channel}.{fmt}")
def channel_feed(request: Request, channel: str, fmt: str) -> Response:
    con = reader(request)
    if channel not in memo.channels(con):  # an unknown channel would scan every article
        raise HTTPException(404)
    items = queries.latest(con, channel=channel, limit=FEED_SIZE).items
    page = "/search?" + urlencode({"channel": channel, "sort": "time"})
    return feed(request, fmt, title=f"newsdesk · {channel}", page=page, items=items)


@router.get("/feeds/search.{fmt}")
def search_feed(request: Request, fmt: str) -> Response:
    """A saved search: the newest matches of the query string's search."""
    query = search_query(request, 1)
    if not query.q:
        raise HTTPException(404)
    newest = queries.SearchQuery(
        query.q,
        query.site,
        query.channel,
        query.language,
        query.date_from,
        query.date_to,
        "time",
        FEED_SIZE,
        0,
    )
    results = memo.search(reader(request), newest)
    page = "/search?" + str(request.url.query)
    return feed(request, fmt, title=f"newsdesk · {query.q}", page=page, items=results.hits)
