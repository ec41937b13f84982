"""The records the query layer returns: one type per thing, each with one `to_dict()`.

The CLI's `--json`, the JSON API and the Python API serialise these same records
the same way, so `newsdesk story 42 --json` and `GET /api/stories/42` agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Literal, Protocol, TypeVar
from urllib.parse import quote, urlencode

Sort = Literal["relevance", "time"]

MAX_PAGE_SIZE = 100  # the most results one page or API call returns
MAX_OFFSET = 10_000  # deeper pages cost more and nobody reads them; search narrows better


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def date_only(value: datetime) -> bool:
    """Whether a time says only its day: a page that gives a date without a clock time
    is read as that day's midnight in the page's own offset, so midnight on the
    article's own clock means "this day", not 00:00 (shown as the date alone)."""
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


def bounded(limit: int, offset: int, most: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    """A page size (at most `most`) and offset within the limits every list shares."""
    return max(0, min(limit, most)), max(0, min(offset, MAX_OFFSET))


def next_link(
    path: str, params: dict[str, Any], *, limit: int, offset: int, more: bool
) -> str | None:
    """The relative link to the next page of a list (None on the last page or past
    `MAX_OFFSET`): what the API's `next` carries, and what the CLI's JSON carries."""
    if not more or offset + limit > MAX_OFFSET:
        return None
    kept = [(k, v) for k, v in params.items() if v is not None and k not in ("limit", "offset")]
    return path + "?" + urlencode([*kept, ("limit", limit), ("offset", offset + limit)])


class Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Record)


def named(route: str, name: str) -> str:
    """The API path of one name under `route` (a name may hold `/`, `?` or `#`)."""
    return route + "/" + quote(name, safe="")


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    """One page of any list the API serves: its items, where it starts, and (in
    `to_dict`) the link to the next page, `{"items", "limit", "offset", "next"}`.

    `path` is the API route that answers the list and `params` its filters, so the
    CLI's `--json` carries the very `next` link the API gives.
    """

    items: list[R]
    limit: int
    offset: int
    has_more: bool
    path: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        more = self.has_more
        return {
            "items": [r.to_dict() for r in self.items],
            "limit": self.limit,
            "offset": self.offset,
            "next": next_link(
                self.path, self.params, limit=self.limit, offset=self.offset, more=more
            ),
        }

    def window(self, limit: int, offset: int) -> Page[R] | None:
        """A page within this one (a list's first rows, read once and kept), None
        when the page asked for reaches past what this one holds."""
        held = self.items[offset - self.offset :] if offset >= self.offset else []
        if offset < self.offset or (len(held) <= limit and self.has_more):
            return None
        return Page(held[:limit], limit, offset, len(held) > limit, self.path, self.params)


def page(rows: Sequence[R], *, limit: int, offset: int, path: str, **params: Any) -> Page[R]:
    """The page of the rows a query read from `offset` on, asking for `limit + 1`
    (or for all of them): a row past `limit` says there is a next page."""
    return Page(list(rows[:limit]), limit, offset, len(rows) > limit, path, params)


@dataclass(frozen=True, slots=True)
class Original:
    """The article a reprint is a copy of (its group's canonical), as lists link to it."""

    id: str
    title: str | None
    site: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "site": self.site}


@dataclass(frozen=True, slots=True)
class Summary:
    """An article as lists show it: headline, source, time and the first lines.

    `time` is what it is shown and ordered by: the publish time, else the time the
    page itself shows (`page_time`); an article with neither has no time to show.
    """

    id: str
    title: str | None
    site: str | None
    author: str | None
    source: str | None
    published: datetime | None
    language: str | None
    lead: str
    channel: str | None = None
    page_time: datetime | None = None
    stored: datetime | None = None  # when newsdesk first stored it
    # The best time known (`store.ordering`): what lists of news order by, in UTC.
    best_time: datetime | None = None
    snippet: str | None = None
    score: float | None = None
    # Set when this article is another outlet's copy: every list marks it so.
    reprint_of: Original | None = None

    @property
    def time(self) -> datetime | None:
        return self.published or self.page_time

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "author": self.author,
            "source": self.source,
            "published": iso(self.published),
            "time": iso(self.time),
            "language": self.language,
            "lead": self.lead,
            "channel": self.channel,
            "reprint_of": self.reprint_of.to_dict() if self.reprint_of else None,
        }
        if self.snippet is not None:
            out["snippet"] = self.snippet
        if self.score is not None:
            out["score"] = round(self.score, 4)
        return out


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as the page, the API and the CLI take it; every filter is optional.

    Date filters compare the article's own (wall-clock) publish date, so articles
    without a publish time drop out when a date range is given.
    """

    q: str
    site: str | None = None
    channel: str | None = None
    language: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    sort: Sort = "relevance"
    limit: int = 20
    offset: int = 0

    def params(self) -> dict[str, Any]:
        """The query as the API's parameters (`from` and `to` for the dates)."""
        return {
            "q": self.q,
            "site": self.site,
            "channel": self.channel,
            "language": self.language,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "sort": self.sort,
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: list[Summary]
    has_more: bool
    query: SearchQuery
    terms: list[str] = field(default_factory=list)  # what to highlight

    def page(self, path: str = "/api/search", **params: Any) -> Page[Summary]:
        """The hits as a page of the list at `path` (search's own by default)."""
        limit, offset = bounded(self.query.limit, self.query.offset)
        return Page(self.hits, limit, offset, self.has_more, path, params)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query.params(), **self.page(**self.query.params()).to_dict()}


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity and how many articles (and mentions in all) name it."""

    name: str
    type: str | None
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "articles": self.articles,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """What is known of a name: its type and other spellings when the enrichment ran."""

    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityPage:
    """A name's page: who it is, mentions per month, and the newest articles naming it."""

    info: EntityInfo
    months: list[tuple[str, int]]
    mentions: SearchResults

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.info.name,
            "type": self.info.type,
            "aliases": list(self.info.aliases),
            "timeline": [{"month": m, "count": n} for m, n in self.months],
            **self.mentions.page(named("/api/entities", self.info.name)).to_dict(),
        }


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event from an article's text and the entities it names."""

    start: str
    end: str | None
    sentence: str
    entities: list[str]
    article_id: str
    title: str | None
    reprint_of: Original | None = None  # the event as told by a copy of this article

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "entities": self.entities,
            "article_id": self.article_id,
            "title": self.title,
            "reprint_of": self.reprint_of.to_dict() if self.reprint_of else None,
        }


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article as a member of a story.

    `reprint_of` is the canonical article of its reprint group when it is a copy;
    `dated` says whether `time` is a time the page gave (published or its own) or
    when it was stored.  `summary` is the article as lists show it (None when it
    was deleted since the stories step last ran).
    """

    id: str
    title: str | None
    site: str | None
    time: datetime
    dated: bool
    score: float
    reason: str
    reprint_group: int | None = None
    reprint_of: str | None = None
    summary: Summary | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "time": iso(self.time),
            "dated": self.dated,
            "score": round(self.score, 4),
            "reason": self.reason,
            "reprint_group": self.reprint_group,
            "reprint_of": self.reprint_of,
            "lead": self.summary.lead if self.summary else "",
        }


@dataclass(frozen=True, slots=True)
class Story:
    """A story: headline, time span, size, sources, top entities and (one story) articles."""

    id: int
    title: str | None
    first: datetime | None
    last: datetime | None
    size: int
    sites: list[str]
    entities: list[tuple[str, int]]
    articles: list[StoryArticle] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first": iso(self.first),
            "last": iso(self.last),
            "size": self.size,
            "sites": list(self.sites),
            "entities": [{"name": n, "mentions": c} for n, c in self.entities],
            "articles": [a.to_dict() for a in self.articles],
        }


@dataclass(frozen=True, slots=True)
class HotStory:
    """A story's hot score and its parts (the weighted terms and the counts behind them),
    as of `reference`."""

    story: Story
    score: float
    parts: dict[str, float]
    counts: dict[str, Any]
    reference: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story.to_dict(),
            "score": round(self.score, 4),
            "parts": {k: round(v, 4) for k, v in self.parts.items()},
            "counts": dict(self.counts),
            "reference": iso(self.reference),
        }


@dataclass(frozen=True, slots=True)
class Related:
    """The articles most related to one, each with its score."""

    id: str
    items: list[Summary]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "items": [s.to_dict() for s in self.items]}


@dataclass(frozen=True, slots=True)
class SourceCount:
    site: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.site, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class Series:
    """One outlet's articles per period of a `Coverage` (`site` None: all the others)."""

    site: str | None
    counts: list[int]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Articles per period (`unit`: "day", "month" or "year") and outlet, largest first."""

    unit: str
    periods: list[str]
    series: list[Series]

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "periods": list(self.periods),
            "sites": [{"site": s.site, "counts": list(s.counts)} for s in self.series],
        }
