"""What lists of news order and filter articles by: the best time known of each, and
whether its page is news.

The best time is the publish time, else the page's own time (its update time, else
the time it shows), else when the crawl fetched the page, else when it was stored:
each says when the page was current, the later ones less surely.  It is kept in UTC
at whole seconds (`2024-05-20T08:00:00Z`), so that text order is time order on both
engines (migration 0008 computes it the same way for stored rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

# Lists of news (latest, feeds, hot) show pages of this kind, and pages no reader
# classified; the partial index `articles_latest` has the same condition.
NEWS = "(a.kind IS NULL OR a.kind = 'news')"
NEWS_KIND = "news"
_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_text(value: datetime) -> str:
    """`value` as the column stores it; a time without an offset is taken as UTC."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime(_FORMAT)


def best_time(candidates: Iterable[str | datetime | None]) -> str | None:
    """The first readable time of `candidates` (most trusted first), as stored."""
    for value in candidates:
        if isinstance(value, datetime):
            return utc_text(value)
        if value:
            try:
                return utc_text(datetime.fromisoformat(value))
            except ValueError:
                continue
    return None


def is_news(kind: str | None) -> bool:
    """Whether lists of news show a page of `kind` (unknown kinds are shown)."""
    return kind is None or kind == NEWS_KIND
