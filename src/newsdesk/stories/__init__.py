"""Reprints, stories, related articles and what is hot, over a newsdesk store.

    from newsdesk.store import Store
    from newsdesk import stories

    with Store.open("newsdesk.db") as store:
        stories.update(store)                  # process what is new (online, incremental)
        stories.refresh(store)                 # update, then re-rank what is hot (ingest does this)
        for s in stories.stories(store, limit=10):
            print(s.id, s.size, s.title)
        stories.story(store, 42)               # one story with its articles
        stories.related(store, article_id, k=5)
        stories.hot(store, limit=10)           # scores with their parts

How it works, one module per job:

- `features`: what is compared (folded body text, headline-and-lead bigrams, entities);
- `dedup`: exact duplicates by content hash, copies by MinHash/LSH containment, reprint
  groups with a canonical article (earliest, then most complete);
- `cluster`: online story clustering over tf-idf centroids with an inverted index;
- `engine`: the two run together, one article at a time, in time order;
- `store`: the tables (migration 0002) and `update`, which loads only the window of
  state the new articles need;
- `read`, `related` and `hot`: the queries; `model`: the records they return.

Every record returned has `to_dict()`.  The measured figures are in BENCHMARKS.md
(`benchmarks/stories.py`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from newsdesk.stories import hot as _hot
from newsdesk.stories import read as _read
from newsdesk.stories import related as _related
from newsdesk.stories import store as _store
from newsdesk.stories.model import HotStory, RelatedArticle, Story, StoryArticle, UpdateSummary

if TYPE_CHECKING:
    from newsdesk.store import Store

MIN_STORY_SIZE = 2  # `stories` lists stories of at least this many articles by default


def update(store: Store, *, batch_size: int = _store.BATCH) -> UpdateSummary:
    """Process the articles not processed yet (and those changed or deleted since),
    then store the related lists of what that touched."""
    summary = _store.update(store.connection, batch_size=batch_size)
    _related.remember(store.connection, summary.articles)
    return summary


def refresh(store: Store, *, from_scratch: bool = False) -> UpdateSummary:
    """`update` (or `rebuild`), then store a new hot ranking when anything changed:
    what ingest runs after every run, and what the portal shows (the stored ranking)."""
    summary = rebuild(store) if from_scratch else update(store)
    if summary.processed or summary.removed or _hot.stale(store.connection):
        _hot.hot(store.connection, limit=0)
    return summary


def rebuild(store: Store) -> UpdateSummary:
    """Forget all stories and reprint groups and process the whole store again."""
    summary = _store.rebuild(store.connection)
    _related.remember(store.connection, summary.articles)
    return summary


def stories(
    store: Store, limit: int = 20, *, offset: int = 0, min_size: int = MIN_STORY_SIZE
) -> list[Story]:
    """Stories with at least `min_size` articles, the most recently active first."""
    return _read.read_stories(store.connection, limit=limit, offset=offset, min_size=min_size)


def story(store: Store, story_id: int) -> Story | None:
    """One story with its articles (copies marked with their canonical), or None."""
    return _read.read_story(store.connection, story_id)


def story_of(store: Store, article_id: str) -> Story | None:
    """The story an article is in, or None if it was not processed."""
    sid = _read.story_of(store.connection, article_id)
    return None if sid is None else _read.read_story(store.connection, sid)


def related(store: Store, article_id: str, k: int = 10) -> list[RelatedArticle]:
    """The `k` articles most related to `article_id`, its own copies left out."""
    return _related.related(store.connection, article_id, k)


def hot(store: Store, limit: int = 10, *, now: datetime | None = None) -> list[HotStory]:
    """The hottest stories as of `now` (default: the newest publish time), with score parts."""
    return _hot.hot(store.connection, limit=limit, now=now)


__all__ = [
    "HotStory",
    "RelatedArticle",
    "Story",
    "StoryArticle",
    "UpdateSummary",
    "hot",
    "rebuild",
    "refresh",
    "related",
    "stories",
    "story",
    "story_of",
    "update",
]
