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
        stories.hot(store, limit=10)           # the stored ranking, scores with their parts
        stories.hot(store, now=when)           # ranked as of `when`, not stored

How it works, one module per job:

- `features`: what is compared (folded body text, headline-and-lead bigrams, entities);
- `dedup`: exact duplicates by content hash, copies by MinHash/LSH containment, reprint
  groups with a canonical article (earliest, then most complete);
- `cluster`: online story clustering over tf-idf centroids with an inverted index;
- `engine`: the two run together, one article at a time, in time order;
- `store`: the tables (migration 0002) and `update`, which loads only the window of
  state the new articles need; `rebuild`: everything again, story ids kept;
- `related` and `hot`: ranking related articles and hot stories (`rank_hot` only
  reads; `save_hot` stores the ranking `refresh` computed);
- `model`: the engine's records.

Reading stories back goes through the store's query layer (`newsdesk.store.queries`),
which the CLI and the portal use too; the functions below are its Python face, and
none of them writes.  Every record returned has `to_dict()`.  The measured figures are in BENCHMARKS.md
(`benchmarks/stories.py`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from newsdesk.stories import hot as _hot
from newsdesk.stories import rebuild as _rebuild
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
        _hot.save_hot(store.connection, _hot.rank_hot(store.connection))
    return summary


def rebuild(store: Store) -> UpdateSummary:
    """Forget all stories and reprint groups and process the whole store again (stories
    that are still mostly the same articles keep their ids)."""
    summary = _rebuild.rebuild(store.connection)
    _related.remember(store.connection, summary.articles)
    return summary


# The read functions import the query layer where used: it imports this package's
# engine modules (`hot`, `related`), so a top-level import would be circular.


def stories(
    store: Store, limit: int = 20, *, offset: int = 0, min_size: int = MIN_STORY_SIZE
) -> list[Story]:
    """Stories with at least `min_size` articles, the most recently active first."""
    from newsdesk.store import queries

    return queries.stories(store.connection, limit=limit, offset=offset, min_size=min_size).items


def story(store: Store, story_id: int) -> Story | None:
    """One story with its articles (copies marked with their canonical), or None."""
    from newsdesk.store import queries

    return queries.story(store.connection, story_id)


def story_of(store: Store, article_id: str) -> Story | None:
    """The story an article is in, or None if it was not processed."""
    from newsdesk.store import queries

    return queries.story_of(store.connection, article_id)


def related(store: Store, article_id: str, k: int = 10) -> list[RelatedArticle]:
    """The `k` articles most related to `article_id`, its own copies left out, with
    the parts of each score (the stored list when there is one, else ranked now)."""
    return _related.related(store.connection, article_id, k)


def hot(store: Store, limit: int = 10, *, now: datetime | None = None) -> list[HotStory]:
    """The hottest stories with score parts: the ranking the last refresh stored, or
    (given `now`) ranked as of `now` without storing it."""
    from newsdesk.store import queries

    return queries.hot(store.connection, limit=limit, now=now).items


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
