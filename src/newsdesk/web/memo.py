"""The portal's memory of answers: query-layer results kept until the store changes.

Aggregates over the whole store (sites, languages, channels, entities, the home
page's headline boxes) are kept until the store's files change, so a busy home page
costs one `stat` per request between two ingest batches; a search page is kept while
the store is unchanged, so a query many readers send at once is ranked once.  The
queries themselves are `newsdesk.store.queries`; this is only the HTTP server's cache.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from newsdesk.store import queries
from newsdesk.store.engines import Connection, engine
from newsdesk.store.queries import (
    Coverage,
    EntityCount,
    EntityPage,
    Page,
    SearchQuery,
    SearchResults,
    SourceCount,
    Summary,
)

T = TypeVar("T")

# Aggregates may lag the store by this much while an ingest commits batch after batch,
# so a page does not recompute a full-table count on every commit.
MAX_STALE_SECONDS = 30.0
# Answers per key (a search page), least recently used dropped first; each is kept
# with the store's fingerprint when it was computed.
REMEMBERED = 4096
HEADLINE_GROUPS, HEADLINES_PER_GROUP = 6, 5  # the home page's channel headline boxes
MAX_ENTITIES = 500  # entities kept per store; a request takes the first `limit`
# An entity's page is an aggregate too (a name in thousands of articles): it lags an
# ingest as much as the others.
ENTITY_STALE_SECONDS = MAX_STALE_SECONDS

Entry = tuple[tuple[Any, ...], Any, float]  # (store fingerprint, value, when computed)
_cache: dict[tuple[Any, ...], Entry] = {}
_remembered: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
_cache_lock = threading.Lock()
# Who computes a key: a lock per hash stripe, so the locks do not grow with the keys.
_LOCKS = [threading.Lock() for _ in range(64)]


def _fingerprint(con: Connection) -> tuple[Any, ...]:
    """Changes whenever anything commits to the store (the engine says how it knows)."""
    return tuple(engine(con).fingerprint(con))


def remembered(
    con: Connection,
    key: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    max_stale: float = 0.0,
) -> T:
    """`compute()`, remembered for `key` while the store is unchanged (or for up to
    `max_stale` seconds after it changed; then one request computes it again while
    the others are still answered from memory); in-memory stores are never remembered."""
    fp = _fingerprint(con)
    if not fp[0]:  # an in-memory store has no files to tell its changes by
        return compute()
    full = (fp[0], *key)
    with _cache_lock:
        hit = _remembered.get(full)
        if hit is not None:
            _remembered.move_to_end(full)
    if hit is not None and hit[0] == fp:
        return hit[1]  # type: ignore[no-any-return]
    if max_stale <= 0:  # never stale: each request computes its own
        return _remember(_remembered, full, fp, compute())
    return _fresh_or_refresh(_remembered, full, hit, fp, compute, max_stale)


def cached(
    con: Connection,
    name: str,
    compute: Callable[[], T],
    *,
    max_stale: float = MAX_STALE_SECONDS,
) -> T:
    """`compute()`, remembered per store while the store is unchanged.

    After a change the old value is still served until it is `max_stale` seconds
    old: fresh enough for a list of sites, and a busy ingest does not turn every
    page view into a full-table scan.  Then one request computes it again while the
    others are answered with the old value; on a cold cache one thread computes while
    the others wait for its answer, so a burst of requests does not run the same
    scan forty times over.
    """
    fp = _fingerprint(con)
    key = (fp[0], name)
    return _fresh_or_refresh(_cache, key, _cache.get(key), fp, compute, max_stale)


def _fresh_or_refresh(
    table: dict[tuple[Any, ...], Entry],
    key: tuple[Any, ...],
    hit: Entry | None,
    fp: tuple[Any, ...],
    compute: Callable[[], T],
    max_stale: float,
) -> T:
    """`hit`'s value while fresh enough, else a new one computed by the one thread
    that holds `key`'s lock; a remembered value is never waited for."""
    if hit is not None and (hit[0] == fp or time.monotonic() - hit[2] < max_stale):
        return hit[1]  # type: ignore[no-any-return]
    lock = _LOCKS[hash(key) % len(_LOCKS)]
    if not lock.acquire(blocking=hit is None):
        # Another request is computing it: the old value will do meanwhile.
        return hit[1]  # type: ignore[index, no-any-return]
    try:
        again = table.get(key)  # another thread may have just computed it
        if again is not None and (again[0] == fp or time.monotonic() - again[2] < max_stale):
            return again[1]  # type: ignore[no-any-return]
        return _remember(table, key, fp, compute())
    finally:
        lock.release()


def _remember(table: dict[tuple[Any, ...], Entry], key: tuple[Any, ...], fp: Any, value: T) -> T:
    with _cache_lock:
        if table is _cache and len(_cache) > 256:  # many stores or keys: start over
            _cache.clear()
        table[key] = (fp, value, time.monotonic())
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    return value


def forget() -> None:
    """Drop every remembered answer (after an upload, so the uploader sees it at once)."""
    with _cache_lock:
        _cache.clear()
        _remembered.clear()


def warm(con: Connection) -> None:
    """Compute the cached aggregates now (at start-up), not in the first requests."""
    sources(con)
    languages(con)
    channels(con)
    headline_groups(con)
    count(con)


def read_one(con: Connection) -> None:
    """Read one article the way its page does, on `con`: the first reader on each
    connection otherwise pays for loading the stories modules, the schema and the story
    tables' pages while two hundred more queue behind (the first seconds of a busy
    server were a hundred times slower than the rest)."""
    for summary in queries.latest(con, limit=1).items:
        found = queries.article(con, summary.id)
        if found is not None:
            queries.article_entities(found)
        queries.related(con, summary.id)
        queries.reprints(con, summary.id)
        queries.reprint_of(con, summary.id)
        queries.story_of(con, summary.id, members=False)
        queries.version_count(con, summary.id)


# --- the query layer, remembered -------------------------------------------------------------


def search(con: Connection, query: SearchQuery) -> SearchResults:
    """`queries.search`, remembered until the store changes (never stale)."""
    return remembered(con, ("search", query), lambda: queries.search(con, query))


def sources(con: Connection) -> list[SourceCount]:
    return cached(con, "sources", lambda: queries.all_sources(con))


def languages(con: Connection) -> list[str]:
    return cached(con, "languages", lambda: queries.languages(con))


def channels(con: Connection) -> list[str]:
    return cached(con, "channels", lambda: queries.channels(con))


def count(con: Connection) -> int:
    return cached(con, "count", lambda: queries.count(con), max_stale=5.0)


def entities(
    con: Connection, *, type: str | None = None, limit: int = 50, offset: int = 0
) -> Page[EntityCount]:
    """`queries.entities`, its first `MAX_ENTITIES` kept per type until the store
    changes; pages past them are read from the store."""
    first = cached(
        con, f"entities:{type}", lambda: queries.entities(con, type=type, limit=MAX_ENTITIES)
    )
    found = first.window(limit, offset)
    return found or queries.entities(con, type=type, limit=limit, offset=offset)


def entity_page(
    con: Connection, name: str, *, limit: int = 20, offset: int = 0, months: bool = True
) -> EntityPage | None:
    """`queries.entity_page`, remembered for a few seconds after the store changes: the
    pages of the most named entities are the most read, and every commit of an ingest
    would otherwise have them counted again."""
    return remembered(
        con,
        ("entity", name, limit, offset, months),
        lambda: queries.entity_page(con, name, limit=limit, offset=offset, months=months),
        max_stale=ENTITY_STALE_SECONDS,
    )


def entity_coverage(con: Connection, name: str) -> Coverage:
    """`queries.entity_coverage`, remembered as `entity_page` is (the same readers ask)."""
    return remembered(
        con,
        ("coverage", name),
        lambda: queries.entity_coverage(con, name),
        max_stale=ENTITY_STALE_SECONDS,
    )


@dataclass(frozen=True, slots=True)
class HeadlineGroup:
    """Headlines of one channel (or, before channels exist, one site) for the home page."""

    kind: Literal["channel", "site"]
    name: str
    items: list[Summary]


def headline_groups(con: Connection) -> list[HeadlineGroup]:
    """The home page's boxes: newest headlines per channel, else per site."""

    def compute() -> list[HeadlineGroup]:
        size = queries.MAX_PAGE_SIZE
        recent = (
            queries.latest(con, limit=size).items
            + queries.latest(con, limit=size, offset=size).items
        )
        kind: Literal["channel", "site"] = "channel" if any(s.channel for s in recent) else "site"
        groups: dict[str, list[Summary]] = {}
        for s in recent:
            name = s.channel if kind == "channel" else s.site
            if name:
                groups.setdefault(name, []).append(s)
        ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))[:HEADLINE_GROUPS]
        return [HeadlineGroup(kind, n, items[:HEADLINES_PER_GROUP]) for n, items in ranked]

    return cached(con, "headlines", compute, max_stale=10.0)
