"""The records the story API returns; each has `to_dict()` for JSON output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article as a member of a story.

    `reprint_of` is the canonical article of its reprint group when it is a copy;
    `dated` says whether `time` is the article's publish time or when it was stored.
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "time": _iso(self.time),
            "dated": self.dated,
            "score": round(self.score, 4),
            "reason": self.reason,
            "reprint_group": self.reprint_group,
            "reprint_of": self.reprint_of,
        }


@dataclass(frozen=True, slots=True)
class Story:
    """A story: its headline, time span, size, sources, top entities and (for `story`) articles."""

    id: int
    title: str | None
    first: datetime
    last: datetime
    size: int
    sites: list[str]
    entities: list[tuple[str, int]]
    articles: list[StoryArticle] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "size": self.size,
            "sites": list(self.sites),
            "entities": [{"name": n, "mentions": c} for n, c in self.entities],
            "articles": [a.to_dict() for a in self.articles],
        }


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    """A related article and why: `parts` holds the text, entity and recency terms."""

    id: str
    title: str | None
    site: str | None
    time: datetime | None
    story_id: int
    score: float
    parts: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "time": _iso(self.time),
            "story_id": self.story_id,
            "score": round(self.score, 4),
            "parts": {k: round(v, 4) for k, v in self.parts.items()},
        }


@dataclass(frozen=True, slots=True)
class HotStory:
    """A story's hot score and its parts (the weighted terms and the counts behind them)."""

    story: Story
    score: float
    parts: dict[str, float]
    counts: dict[str, Any]
    reference: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story.to_dict(),
            "score": round(self.score, 4),
            "parts": {k: round(v, 4) for k, v in self.parts.items()},
            "counts": dict(self.counts),
            "reference": _iso(self.reference),
        }


@dataclass(slots=True)
class UpdateSummary:
    """What one `update` did."""

    processed: int = 0
    opened: int = 0
    joined: int = 0
    reprints: int = 0
    removed: int = 0
    seconds: float = 0.0
    # The articles processed, for the steps after it (not reported).
    articles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed,
            "opened": self.opened,
            "joined": self.joined,
            "reprints": self.reprints,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
        }
