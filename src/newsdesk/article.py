"""The record types: a `Page` is what came in, an `Article` is what was read from it.

Both are plain dataclasses so every step of the pipeline, the store and the JSON
output speak one language.  `Article.to_dict()` is the documented, versioned JSON
form (see `schema/article.schema.json` and the README); `Article.from_dict()` reads it
back, so a round trip through JSONL or the store loses nothing.  What the enrichment
step adds is an `Enrichment` record, typed like the rest; articles stored in the first
schema (enrichment in an untyped `extra` object) are read into it by `from_dict`.

This module is the schema in code: every record with its JSON form, which is why it is
longer than most.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SCHEMA_VERSION = "newsdesk.article/2"

PageKind = Literal["text", "html"]
# What sort of page an article was read from: news (an article with a time or that
# says it is one), a discussion, a catalogue (products), a listing (a section or home
# page), documentation, or another page (an undated page that claims nothing).
PAGE_KINDS = ("news", "discussion", "catalogue", "listing", "documentation", "page")

# The kinds of list a page shows around its article, in the words the schema uses.
BLOCK_KINDS = ("related", "hot", "channel", "comments", "nav", "more", "other")


@dataclass(slots=True)
class Page:
    """One raw page as it arrived, before anything was read from it.

    `data` holds the undecoded bytes when the page came from a file or archive;
    `text` holds it once decoded (readers of text formats fill it directly).
    `origin` names where it came from: a path, `path#record-id` inside a WARC,
    or `path:line` inside a JSONL file.
    """

    origin: str
    kind: PageKind
    data: bytes | None = None
    text: str | None = None
    url: str | None = None
    fetched: datetime | None = None
    charset: str | None = None  # the charset the page declared, if any

    @property
    def key(self) -> str:
        """What identifies the page across versions: its URL, else its origin."""
        return self.url or self.origin

    def raw_bytes(self) -> bytes:
        """The page as bytes, for hashing and for keeping the raw copy."""
        if self.data is not None:
            return self.data
        return (self.text or "").encode("utf-8", "surrogatepass")

    def content_hash(self) -> str:
        return hashlib.sha256(self.raw_bytes()).hexdigest()


def article_id(key: str) -> str:
    """A short stable id for every version of the page at `key` (URL or origin)."""
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(slots=True)
class ListItem:
    """One entry of a list the page shows (a related headline, a hot item, a comment)."""

    title: str
    source: str | None = None
    time: datetime | None = None
    snippet: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title}
        if self.source is not None:
            out["source"] = self.source
        if self.time is not None:
            out["time"] = self.time.isoformat()
        if self.snippet is not None:
            out["snippet"] = self.snippet
        if self.url is not None:
            out["url"] = self.url
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ListItem:
        return cls(
            title=d["title"],
            source=d.get("source"),
            time=_parse_iso(d.get("time")),
            snippet=d.get("snippet"),
            url=d.get("url"),
        )


@dataclass(slots=True)
class Block:
    """A typed list on the page, with its heading as shown and its parsed items."""

    kind: str
    heading: str | None
    items: list[ListItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "heading": self.heading,
            "items": [i.to_dict() for i in self.items],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        return cls(
            kind=d["kind"],
            heading=d.get("heading"),
            items=[ListItem.from_dict(i) for i in d.get("items", [])],
        )


@dataclass(slots=True)
class AuthorCard:
    """The author's box most self-media platforms show beside an article."""

    name: str
    tagline: str | None = None
    articles: int | None = None
    followers: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "tagline": self.tagline,
            "articles": self.articles,
            "followers": self.followers,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AuthorCard:
        return cls(
            name=d["name"],
            tagline=d.get("tagline"),
            articles=d.get("articles"),
            followers=d.get("followers"),
        )


@dataclass(slots=True)
class Image:
    """An image of the article body, with its caption when the page gives one."""

    url: str
    caption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "caption": self.caption}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Image:
        return cls(url=d["url"], caption=d.get("caption"))


# --- enrichment: what the enrichment step adds to an article ------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the body that names an entity; offsets index `Article.text`, and
    `name` is the canonical name (普京 for 俄总统普京)."""

    text: str
    type: str  # PER, LOC or ORG
    start: int
    end: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["text"], d["type"], d["start"], d["end"], d["name"])


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity the article names: every mention counted, every spelling kept."""

    name: str
    type: str
    count: int
    surfaces: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "surfaces": list(self.surfaces),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(d["name"], d["type"], d["count"], list(d.get("surfaces", [])))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a sentence of the body and the time it speaks of.

    `value` is the ISO 8601 reading of the expression (`2025-03-27`, `2025-02`,
    `2025-03-31/2025-04-02`, `XXXX-03-27` when no year could be supplied); `start` and
    `end` are the first and last day it covers, None when unresolved.
    """

    value: str
    start: str | None
    end: str | None
    granularity: str
    expression: str
    offset: int
    text: str
    tense: str
    entities: list[Mention] = field(default_factory=list)
    local_time: bool = False  # written as 当地时间: the date is the place's own

    @property
    def day(self) -> str:
        """What a timeline sorts and shows it by: its first day, else its value."""
        return self.start or self.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "granularity": self.granularity,
            "expression": self.expression,
            "offset": self.offset,
            "text": self.text,
            "tense": self.tense,
            "entities": [m.to_dict() for m in self.entities],
            "local_time": self.local_time,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            value=d["value"],
            start=d.get("start"),
            end=d.get("end"),
            granularity=d["granularity"],
            expression=d["expression"],
            offset=d["offset"],
            text=d["text"],
            tense=d["tense"],
            entities=[Mention.from_dict(m) for m in d.get("entities", [])],
            local_time=bool(d.get("local_time", False)),
        )


@dataclass(frozen=True, slots=True)
class TimeReference:
    """The day relative times were read against, where it came from, and whether sure."""

    date: str | None
    source: str | None  # published, page_time, fetched, text
    certain: bool

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "source": self.source, "certain": self.certain}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeReference:
        return cls(d.get("date"), d.get("source"), bool(d["certain"]))


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "weight": self.weight}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Keyword:
        return cls(d["word"], d["weight"])


@dataclass(frozen=True, slots=True)
class Channel:
    """The channel the model files the article under, with its probability."""

    id: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Channel:
        return cls(d["id"], d["confidence"])


@dataclass(frozen=True, slots=True)
class HeadlineScore:
    """How sensational the headline reads (0..1) and the features that fired
    (see docs/clickbait.md)."""

    score: float
    features: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "features": list(self.features)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HeadlineScore:
        return cls(d["score"], list(d.get("features", [])))


@dataclass(slots=True)
class Enrichment:
    """Everything the enrichment step adds to an article.

    `mentions` keeps the first `MAX_MENTIONS` places (for highlighting); `entities`
    counts every mention.  Keywords, summary and channel are read for Chinese only.
    """

    language: str
    title_normal_form: str | None = None  # the headline's search form, when it differs
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    time_reference: TimeReference | None = None
    keywords: list[Keyword] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    channel: Channel | None = None
    clickbait: HeadlineScore | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "title_normal_form": self.title_normal_form,
            "entities": [e.to_dict() for e in self.entities],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "time_reference": _opt_dict(self.time_reference),
            "keywords": [k.to_dict() for k in self.keywords],
            "summary": list(self.summary),
            "channel": _opt_dict(self.channel),
            "clickbait": _opt_dict(self.clickbait),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Enrichment:
        ref, channel, clickbait = d.get("time_reference"), d.get("channel"), d.get("clickbait")
        return cls(
            language=d["language"],
            title_normal_form=d.get("title_normal_form"),
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            time_reference=TimeReference.from_dict(ref) if ref else None,
            keywords=[Keyword.from_dict(k) for k in d.get("keywords", [])],
            summary=list(d.get("summary", [])),
            channel=Channel.from_dict(channel) if channel else None,
            clickbait=HeadlineScore.from_dict(clickbait) if clickbait else None,
        )


def _opt_dict(record: Any) -> dict[str, Any] | None:
    return record.to_dict() if record is not None else None


@dataclass(slots=True)
class Article:
    """What was read from one page.

    `published` is timezone-aware or None; `published_source` says where it came
    from (`text`, `meta`, `jsonld`, `url`, `page-time`, `updated`) and `published_confidence`
    how much to trust it (0..1).  `page_time` is a time the page shows that is not
    the article's own (a stamp beside an author card).  `original` is the platform's
    原创 badge only, never an author's own claim in a statement.
    """

    id: str
    origin: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_source: str | None = None
    published_confidence: float | None = None
    timezone_assumed: bool = False
    updated: datetime | None = None
    page_time: datetime | None = None
    language: str | None = None
    source: str | None = None  # the agency or outlet credited (来源:新华社)
    editor: str | None = None
    original_title: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    statement: str | None = None
    disclaimers: list[str] = field(default_factory=list)
    original: bool = False
    counters: dict[str, int] = field(default_factory=dict)
    author_card: AuthorCard | None = None
    lists: list[Block] = field(default_factory=list)
    canonical_url: str | None = None
    content_hash: str | None = None
    extractor: str | None = None  # which reader produced it (`text`, `html-baseline`, …)
    # What sort of page it was read from (`PAGE_KINDS`): lists of news show `news` only;
    # None when the reader could not tell (text dumps), which lists take as news.
    kind: str | None = None
    # What the reader had to cut short (`truncated`, `node-budget`): the page was read,
    # but not all of it.
    notes: list[str] = field(default_factory=list)
    enrichment: Enrichment | None = None  # filled by the enrichment step

    @property
    def channel(self) -> str | None:
        """The enrichment's channel id, None before enrichment or outside Chinese."""
        return self.enrichment.channel.id if self.enrichment and self.enrichment.channel else None

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by newlines."""
        return "\n".join(self.body)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "origin": self.origin,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "author": self.author,
            "published": _iso(self.published),
            "published_source": self.published_source,
            "published_confidence": self.published_confidence,
            "timezone_assumed": self.timezone_assumed,
            "updated": _iso(self.updated),
            "page_time": _iso(self.page_time),
            "language": self.language,
            "source": self.source,
            "editor": self.editor,
            "original_title": self.original_title,
            "body": list(self.body),
            "captions": list(self.captions),
            "images": [i.to_dict() for i in self.images],
            "statement": self.statement,
            "disclaimers": list(self.disclaimers),
            "original": self.original,
            "counters": dict(self.counters),
            "author_card": self.author_card.to_dict() if self.author_card else None,
            "lists": [b.to_dict() for b in self.lists],
            "canonical_url": self.canonical_url,
            "content_hash": self.content_hash,
            "extractor": self.extractor,
            "kind": self.kind,
            "notes": list(self.notes),
            "enrichment": self.enrichment.to_dict() if self.enrichment else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Read the JSON form back; the first schema's `extra` object is read too."""
        card = d.get("author_card")
        notes, enrichment = list(d.get("notes", [])), d.get("enrichment")
        if "extra" in d:  # newsdesk.article/1
            from newsdesk.legacy import read_extra

            notes, enrichment = read_extra(d["extra"] or {})
        return cls(
            id=d["id"],
            origin=d["origin"],
            url=d.get("url"),
            site=d.get("site"),
            title=d.get("title"),
            author=d.get("author"),
            published=_parse_iso(d.get("published")),
            published_source=d.get("published_source"),
            published_confidence=d.get("published_confidence"),
            timezone_assumed=bool(d.get("timezone_assumed", False)),
            updated=_parse_iso(d.get("updated")),
            page_time=_parse_iso(d.get("page_time")),
            language=d.get("language"),
            source=d.get("source"),
            editor=d.get("editor"),
            original_title=d.get("original_title"),
            body=list(d.get("body", [])),
            captions=list(d.get("captions", [])),
            images=[Image.from_dict(i) for i in d.get("images", [])],
            statement=d.get("statement"),
            disclaimers=list(d.get("disclaimers", [])),
            original=bool(d.get("original", False)),
            counters=dict(d.get("counters", {})),
            author_card=AuthorCard.from_dict(card) if card else None,
            lists=[Block.from_dict(b) for b in d.get("lists", [])],
            canonical_url=d.get("canonical_url"),
            content_hash=d.get("content_hash"),
            extractor=d.get("extractor"),
            kind=d.get("kind"),
            notes=notes,
            enrichment=Enrichment.from_dict(enrichment) if enrichment else None,
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
