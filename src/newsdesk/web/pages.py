"""The reader's pages: server-rendered HTML over the shared query layer.

Every handler is a plain function: it reads the store through `queries` on this
thread's read-only connection, shapes the records for its template and renders.
Query parameters are parsed leniently here (a bad page number is page 1, a bad date
is no date), since a reader who edits a URL should get a page, not a validation
error; the JSON API is strict instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from newsdesk.article import Article
from newsdesk.store import queries
from newsdesk.store.engines import Connection
from newsdesk.web import i18n, memo
from newsdesk.web.article_body import image_origins, layout
from newsdesk.web.chart import chart
from newsdesk.web.security import csp, safe_href
from newsdesk.web.templating import lang_attr, path, render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
HOT_SHOWN = 10  # hot stories on the home page
STORIES_SHOWN = 50  # stories on the stories page
_PATH_SAFE = "/:@!$&'()*+,;=-._~"  # RFC 3986 path characters: everything else is encoded
KNOWN_TYPES = frozenset(k for k in i18n.MESSAGES if k.startswith("type_"))


def reader(request: Request) -> Connection:
    """This thread's read-only connection (call it inside the handler, not a dependency)."""
    return request.app.state.pool.connection()  # type: ignore[no-any-return]


# --- rendering ----------------------------------------------------------------------------


def switch_url(request: Request, **changes: str) -> str:
    """The current page with some query parameters replaced (the care and language links)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += list(changes.items())
    here = quote(request.url.path, safe=_PATH_SAFE)
    return here + ("?" + urlencode(params) if params else "")


def html(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` with the reader's choices, and remember choices made by URL."""
    prefs = i18n.prefs(request)
    body = render(
        template,
        prefs=prefs,
        t=prefs.t,
        care_url=switch_url(request, care="0" if prefs.care else "1"),
        lang_url=switch_url(request, lang="en" if prefs.lang == "zh" else "zh"),
        top_query=context.pop("top_query", ""),
        known_types=KNOWN_TYPES,
        **context,
    )
    response = HTMLResponse(body, status_code=status)
    response.headers["Vary"] = "Cookie"
    response.headers["Cache-Control"] = "no-cache"
    remember(response, prefs)
    return response


def remember(response: HTMLResponse, prefs: i18n.Prefs) -> None:
    """Store choices made by `?lang=` / `?care=` in cookies so every page keeps them."""
    options: dict[str, Any] = {"max_age": i18n.COOKIE_SECONDS, "samesite": "lax", "httponly": True}
    if prefs.set_lang:
        response.set_cookie(i18n.LANG_COOKIE, prefs.lang, **options)
    if prefs.set_care:
        response.set_cookie(i18n.CARE_COOKIE, "1" if prefs.care else "0", **options)
    if prefs.set_images:
        response.set_cookie(i18n.IMAGES_COOKIE, "1" if prefs.images else "0", **options)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _pages(request: Request, page: int, has_more: bool) -> dict[str, Any]:
    return {
        "page": page,
        "prev_url": switch_url(request, page=str(page - 1)) if page > 1 else None,
        "next_url": switch_url(request, page=str(page + 1)) if has_more else None,
    }


def _offset(page: int, size: int = PAGE_SIZE) -> int:
    return min((page - 1) * size, queries.MAX_OFFSET)


# --- home ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    con = reader(request)
    page = _int(request.query_params.get("page"))
    found = queries.latest(con, limit=PAGE_SIZE, offset=_offset(page))
    return html(
        request,
        "home.html",
        latest=found.items,
        hot=queries.hot(con, limit=HOT_SHOWN).items,
        groups=memo.headline_groups(con) if page == 1 else [],
        **_pages(request, page, found.has_more),
    )


# --- article ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemView:
    title: str
    source: str | None
    time: datetime | None
    snippet: str | None
    href: str | None


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str
    heading: str | None
    items: list[ItemView]


def article_lang(a: Article) -> str | None:
    """The most precise language tag known: the enrichment's (zh-Hans) over the reader's (zh)."""
    refined = a.enrichment.language if a.enrichment else None
    return lang_attr(refined) or lang_attr(a.language)


def source_lists(a: Article) -> list[BlockView]:
    """The page's own lists with items, links only where they are safe http(s)."""
    base = a.url or a.canonical_url
    return [
        BlockView(
            b.kind if b.kind in _KINDS else "other",
            b.heading,
            [
                ItemView(i.title, i.source, i.time, i.snippet, safe_href(i.url, base))
                for i in b.items
            ],
        )
        for b in a.lists
        if b.items
    ]


_KINDS = ("related", "hot", "channel", "comments", "nav", "more", "other")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    con = reader(request)
    a = queries.article(con, article_id)
    if a is None:
        raise HTTPException(404)
    original = safe_href(a.url) or safe_href(a.canonical_url)
    reprints, reprint_total = queries.reprints(con, a.id)
    offered = bool(request.app.state.remote_images) and bool(a.images)
    pictures = offered and i18n.prefs(request).images
    body = layout(a, pictures=pictures)
    response = html(
        request,
        "article.html",
        a=a,
        lang=article_lang(a),
        body=body,
        images_offered=offered,
        pictures=pictures,
        images_url=switch_url(request, images="0" if pictures else "1"),
        channel=a.channel,
        original_href=original,
        original_host=urlsplit(original).hostname if original else None,
        versions=queries.version_count(con, a.id),
        entities=queries.article_entities(a),
        story=queries.story_of(con, a.id, members=False),
        related=queries.related(con, a.id).items,
        reprints=reprints,
        reprint_total=reprint_total,
        reprint_of=queries.reprint_of(con, a.id),
        lists=source_lists(a),
    )
    origins = image_origins(body)
    if origins:  # the images this page shows may load, and no others
        response.headers["Content-Security-Policy"] = csp(origins)
    return response


# --- search -------------------------------------------------------------------------------------


def search_query(request: Request, page: int) -> queries.SearchQuery:
    q = request.query_params
    sort: queries.Sort = "time" if q.get("sort") == "time" else "relevance"
    return queries.SearchQuery(
        q=(q.get("q") or "").strip()[:200],
        site=q.get("site") or None,
        channel=q.get("channel") or None,
        language=q.get("language") or None,
        date_from=_date(q.get("from")),
        date_to=_date(q.get("to")),
        sort=sort,
        limit=PAGE_SIZE,
        offset=_offset(page),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    con = reader(request)
    page = _int(request.query_params.get("page"))
    query = search_query(request, page)
    results = memo.search(con, query)
    feed = "/feeds/search.atom?" + urlencode(
        {k: v for k, v in request.query_params.items() if k not in ("page", "lang", "care") and v}
    )
    return html(
        request,
        "search.html",
        query=query,
        results=results,
        top_query=query.q,
        date_from=query.date_from.isoformat() if query.date_from else "",
        date_to=query.date_to.isoformat() if query.date_to else "",
        sites=memo.sources(con),
        channels=memo.channels(con),
        languages=memo.languages(con),
        feed_url=feed,
        **_pages(request, page, results.has_more),
    )


# --- entities, sources, stories ----------------------------------------------------------------


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str) -> HTMLResponse:
    con = reader(request)
    page = _int(request.query_params.get("page"))
    name = name.strip()[:100]
    found = memo.entity_page(con, name, limit=PAGE_SIZE, offset=_offset(page), months=page == 1)
    if found is None:  # no article names it: a page that says so, as a 404
        return html(request, "entity.html", status=404, info=queries.EntityInfo(name), results=None)
    results = found.mentions
    other = i18n.prefs(request).t("other_sites")
    drawn = chart(memo.entity_coverage(con, found.info.name), other) if page == 1 else None
    return html(
        request,
        "entity.html",
        info=found.info,
        chart=drawn,
        timeline=found.months,
        peak=max((n for _, n in found.months), default=1),
        results=results,
        **_pages(request, page, results.has_more),
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return html(request, "sources.html", sites=memo.sources(reader(request)))


@router.get("/sources/{site:path}", response_class=HTMLResponse)
def source_page(request: Request, site: str) -> HTMLResponse:
    con = reader(request)
    page = _int(request.query_params.get("page"))
    found = queries.latest(con, site=site, limit=PAGE_SIZE, offset=_offset(page))
    if not found.items and page == 1:
        raise HTTPException(404)
    total = {s.site: s.articles for s in memo.sources(con)}.get(site, len(found.items))
    return html(
        request,
        "source.html",
        site=site,
        items=found.items,
        total=total,
        feed_url=path("feeds/sources", site) + ".atom",
        **_pages(request, page, found.has_more),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    page = _int(request.query_params.get("page"))
    found = queries.stories(
        reader(request), limit=STORIES_SHOWN, offset=_offset(page, STORIES_SHOWN)
    )
    return html(
        request,
        "stories.html",
        stories=found.items,
        **_pages(request, page, found.has_more),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    sid = queries.story_number(story_id)
    con = reader(request)
    found = None if sid is None else queries.story(con, sid)
    if found is None:
        raise HTTPException(404)
    drawn = chart(queries.story_coverage(con, found.id), i18n.prefs(request).t("other_sites"))
    return html(request, "story.html", story=found, chart=drawn)


# --- errors and API docs -------------------------------------------------------------------------


def error_page(request: Request, status: int) -> HTMLResponse:
    prefs = i18n.prefs(request)
    heading = prefs.t("not_found_title") if status == 404 else prefs.t("error_title")
    detail = prefs.t("not_found") if status == 404 else str(status)
    return html(request, "error.html", status=status, heading=heading, detail=detail)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI document as a page: no script and nothing fetched from elsewhere."""
    spec = request.app.openapi()
    operations = []
    for route, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "type": p.get("schema", {}).get("type")
                    or " | ".join(s.get("type", "?") for s in p.get("schema", {}).get("anyOf", [])),
                    "required": p.get("required", False),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "anchor": (method + route).replace("/", "-").replace("{", "").replace("}", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "responses": sorted(op.get("responses", {})),
                }
            )
    return html(request, "api_docs.html", spec=spec, operations=operations)
