"""The JSON API under `/api/`: the same queries as the pages, as data.

Lists are paginated by `limit` and `offset` and carry a `next` link while there is
more.  Every answer gets an ETag (see `caching`) and is gzipped when the client
accepts it.  Parameters are validated strictly (a bad date is a 422 saying which),
unlike the pages, which forgive.  The OpenAPI document is at `/api/openapi.json`,
and `/api/docs` shows it as a page.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from newsdesk.web import queries, upload
from newsdesk.web.pages import reader
from newsdesk.web.security import BodyTooLarge, read_body, request_token, safe_href, token_matches

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE, description="Results per page.")]
Offset = Annotated[int, Query(ge=0, le=queries.MAX_OFFSET, description="Results to skip.")]


class ArticleSummary(BaseModel):
    """An article as lists show it; `snippet` and `score` only in search results."""

    id: str
    title: str | None
    site: str | None
    author: str | None
    source: str | None
    published: str | None
    language: str | None
    lead: str
    channel: str | None
    snippet: str | None = None
    score: float | None = None


class ArticleList(BaseModel):
    items: list[ArticleSummary]
    limit: int
    offset: int
    next: str | None


class SearchAnswer(ArticleList):
    query: dict[str, Any]


class Related(BaseModel):
    id: str
    items: list[ArticleSummary]


class StoryOut(BaseModel):
    id: str
    title: str | None
    first: str | None
    last: str | None
    score: float | None
    articles: list[ArticleSummary]
    fields: dict[str, Any]


class StoryList(BaseModel):
    items: list[StoryOut]


class EntityCount(BaseModel):
    name: str
    type: str | None
    articles: int


class EntityList(BaseModel):
    items: list[EntityCount]


class MonthCount(BaseModel):
    month: str
    count: int


class EntityDetail(BaseModel):
    name: str
    type: str | None
    aliases: list[str]
    timeline: list[MonthCount]
    items: list[ArticleSummary]
    next: str | None


class SourceCount(BaseModel):
    site: str
    articles: int


class SourceList(BaseModel):
    items: list[SourceCount]


class UploadAnswer(BaseModel):
    read: int
    added: int
    unchanged: int
    new_versions: int
    rejected: list[dict[str, str]]
    articles: list[dict[str, Any]]


def _next(request: Request, limit: int, offset: int, more: bool) -> str | None:
    if not more or offset + limit > queries.MAX_OFFSET:
        return None
    return str(request.url.include_query_params(offset=offset + limit, limit=limit))


@router.get("/articles", response_model=ArticleList, summary="Latest articles")
def list_articles(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    site: Annotated[str | None, Query(description="Only this site.")] = None,
) -> dict[str, Any]:
    """The newest articles first (publish time, else the time they were stored)."""
    items = queries.latest(reader(request), limit=limit + 1, offset=offset, site=site)
    return {
        "items": [s.to_dict() for s in items[:limit]],
        "limit": limit,
        "offset": offset,
        "next": _next(request, limit, offset, len(items) > limit),
    }


@router.get(
    "/articles/{article_id}",
    summary="One article",
    responses={200: {"description": "The article as `newsdesk.article/2` JSON."}, 404: {}},
)
def get_article(request: Request, article_id: str) -> JSONResponse:
    """The latest version of an article in the documented JSON form (its `schema` field)."""
    found = queries.article(reader(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse(found.to_dict())


@router.get("/search", response_model=SearchAnswer, summary="Search articles")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="Words; every one must match.")],
    site: str | None = None,
    channel: str | None = None,
    language: Annotated[str | None, Query(description="Language tag, e.g. zh, en.")] = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="Published on or after.")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="Published on or before.")
    ] = None,
    sort: Literal["relevance", "time"] = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Matching articles, each with its `id`, a snippet and its relevance score."""
    query = queries.SearchQuery(q, site, channel, language, date_from, date_to, sort, limit, offset)
    results = queries.search(reader(request), query)
    return {
        "query": {
            "q": q,
            "site": site,
            "channel": channel,
            "language": language,
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
            "sort": sort,
        },
        "items": [s.to_dict() for s in results.hits],
        "limit": limit,
        "offset": offset,
        "next": _next(request, limit, offset, results.has_more),
    }


@router.get("/related/{article_id}", response_model=Related, summary="Related articles")
def related(request: Request, article_id: str) -> dict[str, Any]:
    """The articles most related to one article, each with its `score`: text, shared
    entities and recency (`newsdesk.stories`); its own reprints are left out.  Empty
    until the stories step has processed it (every ingest and upload runs it)."""
    con = reader(request)
    found = queries.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return {"id": found.id, "items": [s.to_dict() for s in queries.related(con, found)]}


@router.get("/stories", response_model=StoryList, summary="Stories")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Stories of two articles or more, the most recently added to first."""
    found = queries.stories(reader(request), limit=limit, offset=offset)
    return {"items": [s.to_dict() for s in found]}


@router.get("/stories/{story_id}", response_model=StoryOut, summary="One story")
def story(request: Request, story_id: str) -> dict[str, Any]:
    found = queries.story(reader(request), story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return found.to_dict()


@router.get("/hot", response_model=StoryList, summary="Hot stories")
def hot(request: Request, limit: Limit = 10) -> dict[str, Any]:
    """Stories by the hot ranking of the last ingest; `fields.parts` holds each score's
    parts (growth, sources, hotlist, recency)."""
    return {"items": [s.to_dict() for s in queries.hot(reader(request), limit=limit)]}


@router.get("/entities", response_model=EntityList, summary="Entities")
def entities(
    request: Request,
    limit: Limit = 50,
    type: Annotated[str | None, Query(description="PER, LOC or ORG.")] = None,
) -> dict[str, Any]:
    """The entities most articles mention, among recent ones (empty before enrichment)."""
    found = queries.entities(reader(request), limit=limit, type_=type)
    return {"items": [{"name": e.name, "type": e.type, "articles": n} for e, n in found]}


@router.get("/entities/{name:path}", response_model=EntityDetail, summary="One entity")
def entity(request: Request, name: str, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Mentions of a name over time, and the newest articles that mention it."""
    con = reader(request)
    results = queries.entity_mentions(con, name, limit=limit, offset=offset)
    info = queries.entity_info(con, name, results.hits)
    return {
        "name": info.name,
        "type": info.type,
        "aliases": list(info.aliases),
        "timeline": [{"month": m, "count": n} for m, n in queries.entity_timeline(con, name)],
        "items": [s.to_dict() for s in results.hits],
        "next": _next(request, limit, offset, results.has_more),
    }


@router.get("/sources", response_model=SourceList, summary="Sources")
def sources(request: Request) -> dict[str, Any]:
    """Every site with its number of articles."""
    return {"items": [{"site": s, "articles": n} for s, n in queries.sites(reader(request))]}


@router.post(
    "/pages",
    response_model=UploadAnswer,
    status_code=201,
    summary="Upload pages",
    responses={401: {"description": "No valid token"}, 413: {"description": "Too large"}},
)
async def upload_pages(
    request: Request,
    kind: Annotated[
        upload.Kind | None, Query(description="html, text, warc or jsonl; else from Content-Type.")
    ] = None,
    url: Annotated[str | None, Query(description="The page's address (http or https).")] = None,
    name: Annotated[str | None, Query(max_length=100, description="A name for the upload.")] = None,
) -> JSONResponse:
    """Read and store uploaded pages: one HTML page or text dump, or a WARC / JSONL archive.

    Needs `Authorization: Bearer <token>` (or `X-API-Token`) matching the server's
    `NEWSDESK_API_TOKEN`.  The body is limited in size (413 past it).  The articles are
    searchable at once; their stories, related articles and hot ranking follow when
    the stories step has run (in the background, seconds on a large store).
    """
    state = request.app.state
    if not token_matches(request_token(request), state.token):
        return JSONResponse(
            {"detail": "a valid API token is required"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if url is not None and safe_href(url) is None:
        raise HTTPException(422, "url must be an http(s) address")
    try:
        data = await read_body(request, state.max_upload_bytes)
    except BodyTooLarge as exc:
        return JSONResponse({"detail": str(exc)}, status_code=413, headers={"Connection": "close"})
    chosen = kind or upload.detect_kind(request.headers.get("content-type"), data)
    result = await run_in_threadpool(
        upload.ingest_upload, state.db_path, data, kind=chosen, url=url, name=name
    )
    queries.forget()
    if result.added or result.new_versions:
        state.stories.request()  # stories, related and hot follow within seconds
    status = 201 if result.added or result.new_versions else 200
    return JSONResponse(result.to_dict(), status_code=status)
