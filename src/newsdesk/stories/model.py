"""The records the stories engine returns; each has `to_dict()` for JSON output.

Stories and hot stories as read back are the query layer's records
(`newsdesk.store.queries.records`), re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.store.queries.records import HotStory, Story, StoryArticle

__all__ = ["HotStory", "RelatedArticle", "Story", "StoryArticle", "UpdateSummary"]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


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
