"""The JSON API under `/api/`: the same queries as the pages, as data.

Lists are paginated by `limit` and `offset` and carry a `next` link while there is
more.  Every answer gets an ETag (see `caching`) and is gzipped when the client
accepts it.  Parameters are validated strictly (a bad date is a 422 saying which),
unlike the pages, which forgive.  The OpenAPI document is at `/api/openapi.json`,
and `/api/docs` shows it as a page.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from newsdesk.store import queries
from newsdesk.store.queries.read_stories import RELATED_SHOWN
from newsdesk.web import memo, upload
from newsdesk.web.pages import reader
from newsdesk.web.security import BodyTooLarge, read_body, request_token, safe_href, token_matches

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE, description="Results per page.")]
Offset = Annotated[int, Query(ge=0, le=queries.MAX_OFFSET, description="Results to skip.")]
StoryId = Annotated[int, Path(ge=1, le=queries.MAX_STORY_ID, description="A story's number.")]

# The models below document the answers (OpenAPI); the bodies are the query layer's
# records' `to_dict()`, the same JSON `newsdesk ... --json` prints.


class OriginalOut(BaseModel):
    """The article a copy was reprinted from."""

    id: str
    title: str | None
    site: str | None


class ArticleSummary(BaseModel):
    """An article as lists show it; `snippet` and `score` only in search and related
    results; `time` is the publish time, else the time the page itself shows;
    `reprint_of` the article it is a copy of (null when it is no copy)."""

    id: str
    title: str | None
    site: str | None
    author: str | None
    source: str | None
    published: str | None
    time: str | None
    language: str | None
    lead: str
    channel: str | None
    reprint_of: OriginalOut | None = None
    snippet: str | None = None
    score: float | None = None


Item = TypeVar("Item", bound=BaseModel)


class Paged(BaseModel, Generic[Item]):
    """One page of a list: `next` is the link to the next page (null on the last)."""

    items: list[Item]
    limit: int
    offset: int
    next: str | None


class SearchAnswer(Paged[ArticleSummary]):
    query: dict[str, Any]


class RelatedAnswer(BaseModel):
    id: str
    items: list[ArticleSummary]


class EntityName(BaseModel):
    name: str
    mentions: int


class StoryMember(BaseModel):
    id: str
    title: str | None
    site: str | None
    time: str
    dated: bool
    score: float
    reason: str
    reprint_group: int | None
    reprint_of: str | None
    lead: str


class StoryOut(BaseModel):
    id: int
    title: str | None
    first: str | None
    last: str | None
    size: int
    sites: list[str]
    entities: list[EntityName]
    articles: list[StoryMember]


class HotOut(BaseModel):
    story: StoryOut
    score: float
    parts: dict[str, float]
    counts: dict[str, Any]
    reference: str | None


class EntityCount(BaseModel):
    name: str
    type: str | None
    articles: int
    mentions: int


class MonthCount(BaseModel):
    month: str
    count: int


class EntityDetail(Paged[ArticleSummary]):
    name: str
    type: str | None
    aliases: list[str]
    timeline: list[MonthCount]


class Event(BaseModel):
    start: str
    end: str | None
    sentence: str
    entities: list[str]
    article_id: str
    title: str | None
    reprint_of: OriginalOut | None = None


class SourceCount(BaseModel):
    site: str
    articles: int


class StepCount(BaseModel):
    seen: int
    passed: int
    dropped: dict[str, int]
    seconds: float


class UploadAnswer(BaseModel):
    """The run's summary, as `newsdesk ingest` reports it: `rejected` lists what was
    turned away with the reason, `articles` what was stored; `stories` is null while the
    stories step still runs (after the answer)."""

    read: int
    articles: list[dict[str, Any]]
    added: int
    unchanged: int
    new_versions: int
    replaced: int
    rejected: list[dict[str, str]]
    skipped: int
    reasons: dict[str, int]
    seconds: float
    steps: dict[str, StepCount]
    stories: dict[str, Any] | None


class Problem(BaseModel):
    """Why there is no answer (a 404's body)."""

    detail: str


def _missing(what: str) -> dict[int | str, dict[str, Any]]:
    """The 404 a route answers when `what` is not there, as OpenAPI documents it."""
    return {404: {"model": Problem, "description": f"No such {what}."}}


def _answer(model: type[BaseModel], summary: str, missing: str | None = None) -> dict[str, Any]:
    """Route options documenting `model` as the 200 answer (and the 404 for a `missing`
    thing, on routes that look one up)."""
    return {
        "response_class": JSONResponse,
        "responses": {200: {"model": model}, **(_missing(missing) if missing else {})},
        "summary": summary,
    }


@router.get("/articles", **_answer(Paged[ArticleSummary], "Latest articles"))
def list_articles(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    site: Annotated[str | None, Query(description="Only this site.")] = None,
    channel: Annotated[str | None, Query(description="Only this channel.")] = None,
) -> JSONResponse:
    """The newest articles first (publish time, else the page's own, else when stored)."""
    found = queries.latest(reader(request), limit=limit, offset=offset, site=site, channel=channel)
    return JSONResponse(found.to_dict())


@router.get(
    "/articles/{article_id}",
    summary="One article",
    responses={
        200: {"description": "The article as `newsdesk.article/2` JSON."},
        **_missing("article"),
    },
)
def get_article(request: Request, article_id: str) -> JSONResponse:
    """The latest version of an article in the documented JSON form (its `schema` field)."""
    found = queries.article(reader(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse(found.to_dict())


@router.get("/search", **_answer(SearchAnswer, "Search articles"))
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
) -> JSONResponse:
    """Matching articles, each with its `id`, a snippet and its relevance score."""
    query = queries.SearchQuery(q, site, channel, language, date_from, date_to, sort, limit, offset)
    return JSONResponse(memo.search(reader(request), query).to_dict())


@router.get(
    "/related/{article_id}", **_answer(RelatedAnswer, "Related articles", missing="article")
)
def related(request: Request, article_id: str, limit: Limit = RELATED_SHOWN) -> JSONResponse:
    """The articles most related to one article, each with its `score`: text, shared
    entities and recency (`newsdesk.stories`); its own reprints are left out.  Empty
    until the stories step has processed it (every ingest and upload runs it)."""
    con = reader(request)
    if queries.article(con, article_id) is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse(queries.related(con, article_id, limit=limit).to_dict())


@router.get("/stories", **_answer(Paged[StoryOut], "Stories"))
def stories(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    min_size: Annotated[int, Query(ge=1, description="Stories of this many articles or more.")] = (
        queries.MIN_STORY_SIZE
    ),
) -> JSONResponse:
    """Stories of `min_size` articles or more, the most recently active first."""
    found = queries.stories(reader(request), limit=limit, offset=offset, min_size=min_size)
    return JSONResponse(found.to_dict())


@router.get("/stories/{story_id}", **_answer(StoryOut, "One story", missing="story"))
def story(request: Request, story_id: StoryId) -> JSONResponse:
    """One story with its articles in time order, copies marked with their canonical."""
    found = queries.story(reader(request), story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return JSONResponse(found.to_dict())


@router.get("/hot", **_answer(Paged[HotOut], "Hot stories"))
def hot(
    request: Request,
    limit: Limit = 10,
    offset: Offset = 0,
    now: Annotated[datetime | None, Query(description="Rank as of this time (not stored).")] = None,
) -> JSONResponse:
    """Stories by the hot ranking of the last ingest (or as of `now`), each score with
    its parts (growth, sources, hotlist, recency) and the counts behind them."""
    found = queries.hot(reader(request), limit=limit, offset=offset, now=now)
    return JSONResponse(found.to_dict())


@router.get("/entities", **_answer(Paged[EntityCount], "Entities"))
def entities(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[str | None, Query(description="PER, LOC or ORG.")] = None,
) -> JSONResponse:
    """The entities most articles mention (empty before enrichment)."""
    found = memo.entities(reader(request), type=type, limit=limit, offset=offset)
    return JSONResponse(found.to_dict())


@router.get(
    "/entities/{name:path}", **_answer(EntityDetail, "One entity", missing="entity in any article")
)
def entity(request: Request, name: str, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Mentions of a name over time, and the newest articles that mention it."""
    found = memo.entity_page(reader(request), name, limit=limit, offset=offset)
    if found is None:
        raise HTTPException(404, f"no article names {name}")
    return JSONResponse(found.to_dict())


@router.get("/timeline/{name:path}", **_answer(Paged[Event], "Timeline of an entity"))
def timeline(
    request: Request,
    name: str,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_EVENTS, description="Events per page.")] = 200,
    offset: Offset = 0,
) -> JSONResponse:
    """Dated events that name an entity (its canonical name), oldest first."""
    found = queries.timeline(reader(request), name, limit=limit, offset=offset)
    return JSONResponse(found.to_dict())


@router.get("/sources", **_answer(Paged[SourceCount], "Sources"))
def sources(request: Request, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """The sites with their numbers of articles, largest first."""
    return JSONResponse(queries.sources(reader(request), limit=limit, offset=offset).to_dict())


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
    memo.forget()
    changed = result["added"] or result["new_versions"]
    if changed:
        state.stories.request()  # stories, related and hot follow within seconds
    return JSONResponse(result, status_code=201 if changed else 200)
