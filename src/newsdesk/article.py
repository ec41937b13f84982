"""The record types: a `Page` is what came in, an `Article` is what was read from it.

Both are plain dataclasses so every step of the pipeline, the store and the JSON
output speak one language.  `Article.to_dict()` is the documented, versioned JSON
form (see `schema/article.schema.json` and the README); `Article.from_dict()` reads it
back, so a round trip through JSONL or the store loses nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SCHEMA_VERSION = "newsdesk.article/1"

PageKind = Literal["text", "html"]

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


@dataclass(slots=True)
class Article:
    """What was read from one page.

    `published` is timezone-aware or None; `published_source` says where it came
    from (`text`, `meta`, `jsonld`, `url`, `page-time`) and `published_confidence`
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
    extra: dict[str, Any] = field(default_factory=dict)  # fields later steps add

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
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        card = d.get("author_card")
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
            extra=dict(d.get("extra", {})),
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
