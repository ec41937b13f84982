"""Stories, related articles, reprints and what is hot, as the stories step stored them.

The stories step (run after every ingest and upload) keeps its tables in the store:
story_articles, stories, reprint_groups, story_related and story_hot.  These
functions only read them: an article not processed yet (or a store with no stories)
has no story, no related articles and no reprints, and the pages show their empty
states.  `hot` ranks as of another time on request, without saving that ranking.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from newsdesk.store.engines import Connection, engine
from newsdesk.store.queries.read_articles import summaries
from newsdesk.store.queries.records import (
    MAX_PAGE_SIZE,
    HotStory,
    Page,
    Related,
    Story,
    StoryArticle,
    Summary,
    bounded,
    page,
)

MIN_STORY_SIZE = 2  # lists of stories leave out stories of one article by default
STORY_ENTITIES = 8  # a story's entities shown
STORY_ARTICLES = 500  # a story's articles listed, earliest first (a wire has thousands)
RELATED_SHOWN = 8  # related articles on an article page
REPRINTS_SHOWN = 20  # a wire story can be reprinted by thousands of sites: the earliest
MAX_ID_DIGITS = 18  # a story id fits SQLite's 64-bit integers
MAX_STORY_ID = 10**MAX_ID_DIGITS - 1
HOT_PARTS = ("growth", "sources", "hotlist", "recency")

_STORY = "s.id, s.title, s.first, s.last, s.size, s.entities"
# `hot` (as of another time) and `related` (an article the last update did not rank)
# call the stories engine, imported where used: the engine's package reads stories
# back through this module, so a top-level import would be circular.


def _time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _story(row: tuple[Any, ...], sites: list[str], members: list[StoryArticle]) -> Story:
    sid, title, first, last, size, entities = row
    counts = sorted(json.loads(entities or "{}").items(), key=lambda kv: (-kv[1], kv[0]))
    return Story(
        sid, title, _time(first), _time(last), size, sites, counts[:STORY_ENTITIES], members
    )


def _sites(con: Connection, ids: list[int]) -> dict[int, list[str]]:
    sql = engine(con)
    out: dict[int, list[str]] = {}
    for sid, site in con.execute(
        "SELECT DISTINCT story_id, site FROM story_articles WHERE site IS NOT NULL"
        f" AND story_id IN {sql.IN_INTS} ORDER BY story_id, site",
        (sql.values(ids),),
    ):
        out.setdefault(sid, []).append(site)
    return out


def stories(
    con: Connection, *, limit: int = 20, offset: int = 0, min_size: int = MIN_STORY_SIZE
) -> Page[Story]:
    """Stories of at least `min_size` articles, the most recently active first
    (without their article lists)."""
    limit, offset = bounded(limit, offset)
    rows = con.execute(
        f"SELECT {_STORY} FROM stories s WHERE s.size >= ?"
        " ORDER BY s.last DESC, s.id DESC LIMIT ? OFFSET ?",
        (min_size, limit + 1, offset),
    ).fetchall()
    found = _listed(con, rows)
    return page(found, limit=limit, offset=offset, path="/api/stories", min_size=min_size)


def _listed(con: Connection, rows: list[tuple[Any, ...]]) -> list[Story]:
    sites = _sites(con, [r[0] for r in rows])
    return [_story(r, sites.get(r[0], []), []) for r in rows]


def story_number(text: str) -> int | None:
    """A story id given as text (a URL, a command line), None when it cannot be one."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS else None


def story(con: Connection, story_id: int) -> Story | None:
    """One story with its articles in time order (copies marked with their canonical)."""
    row = con.execute(f"SELECT {_STORY} FROM stories s WHERE s.id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    members = members_of(con, story_id)
    found = _story(row, sorted({a.site for a in members if a.site}), members)
    times = [a.time for a in members]  # the span in the articles' own offsets
    first = next((t for t in times if t == found.first), found.first)
    last = next((t for t in reversed(times) if t == found.last), found.last)
    return replace(found, first=first, last=last)


def members_of(con: Connection, story_id: int) -> list[StoryArticle]:
    rows = con.execute(
        "SELECT s.article_id, s.title, s.site, s.time, s.dated, s.score, s.reason,"
        " s.reprint_group, g.canonical FROM story_articles s"
        " LEFT JOIN reprint_groups g ON g.id = s.reprint_group"
        " WHERE s.story_id = ? ORDER BY s.time, s.article_id LIMIT ?",
        (story_id, STORY_ARTICLES),
    ).fetchall()
    found = {s.id: s for s in summaries(con, [r[0] for r in rows])}
    return [
        StoryArticle(
            aid,
            title,
            site,
            _own_time(datetime.fromisoformat(when), found.get(aid)),
            bool(dated),
            score,
            reason,
            gid,
            canonical if canonical and canonical != aid else None,
            found.get(aid),
        )
        for aid, title, site, when, dated, score, reason, gid, canonical in rows
    ]


def _own_time(placed: datetime, s: Summary | None) -> datetime:
    """A member's time in its article's own offset (the story tables keep UTC)."""
    from newsdesk.stories.store import in_own_offset

    return placed if s is None else in_own_offset(placed, s.published, s.page_time, s.stored)


def story_id_of(con: Connection, article_id: str) -> int | None:
    """The story an article belongs to (one it opened alone too)."""
    row = con.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def story_of(con: Connection, article_id: str, *, members: bool = True) -> Story | None:
    """The story an article is in (with its articles unless `members` is False);
    None if it was not processed."""
    sid = story_id_of(con, article_id)
    if sid is None or members:
        return None if sid is None else story(con, sid)
    found = _listed(con, _story_rows(con, [sid]))
    return found[0] if found else None


def hot(
    con: Connection, *, limit: int = 10, offset: int = 0, now: datetime | None = None
) -> Page[HotStory]:
    """The hottest stories with each score's parts: the ranking the last stories update
    stored, or (given `now`) a ranking as of `now`, computed and not stored."""
    limit, offset = bounded(limit, offset)
    found = _hot_now(con, now, limit + 1, offset) if now else _hot_stored(con, limit + 1, offset)
    return page(
        found, limit=limit, offset=offset, path="/api/hot", now=now.isoformat() if now else None
    )


def _hot_now(con: Connection, now: datetime, limit: int, offset: int) -> list[HotStory]:
    from newsdesk.stories.hot import rank_hot

    ranking = rank_hot(con, now=now)
    top = ranking.scores[offset : offset + limit]
    listed = {s.id: s for s in _listed(con, _story_rows(con, [h.story_id for h in top]))}
    return [
        HotStory(listed[h.story_id], h.score, h.parts, h.counts, ranking.reference)
        for h in top
        if h.story_id in listed
    ]


def _hot_stored(con: Connection, limit: int, offset: int) -> list[HotStory]:
    rows = con.execute(
        f"SELECT {_STORY}, h.score, h.growth, h.sources, h.hotlist, h.recency, h.parts,"
        " h.reference FROM story_hot h JOIN stories s ON s.id = h.story_id"
        " ORDER BY h.score DESC, h.story_id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    listed = {s.id: s for s in _listed(con, [r[:6] for r in rows])}
    return [
        HotStory(
            listed[r[0]],
            r[6],
            dict(zip(HOT_PARTS, r[7:11], strict=True)),
            json.loads(r[11] or "{}"),
            _time(r[12]),
        )
        for r in rows
    ]


def _story_rows(con: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    sql = engine(con)
    rows = con.execute(
        f"SELECT {_STORY} FROM stories s WHERE s.id IN {sql.IN_INTS}", (sql.values(ids),)
    ).fetchall()
    return rows  # type: ignore[no-any-return]


def related(con: Connection, article_id: str, *, limit: int = RELATED_SHOWN) -> Related:
    """The articles most related to one, by the stories engine (`stories.related`):
    text, shared entities and recency, its own copies left out; each with its score.
    The stories step stores each article's list, so this reads one row."""
    from newsdesk.stories.related import related as ranked

    found = ranked(con, article_id, max(0, min(limit, MAX_PAGE_SIZE)))
    scores = {r.id: r.score for r in found}
    items = [_scored(s, scores[s.id]) for s in summaries(con, list(scores))]
    return Related(article_id, items)


def _scored(s: Summary, score: float) -> Summary:
    return replace(s, score=score)


def _group(con: Connection, article_id: str) -> int | None:
    row = con.execute(
        "SELECT reprint_group FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def reprints(
    con: Connection, article_id: str, *, limit: int | None = None
) -> tuple[list[Summary], int]:
    """Other outlets' copies of this article, folded under it: the earliest `limit`
    (default `REPRINTS_SHOWN`), and how many there are in all.  Bare summaries (no
    lead, no mark): the copies say what the article says."""
    limit = REPRINTS_SHOWN if limit is None else limit
    group = _group(con, article_id)
    if group is None:
        return [], 0
    row = con.execute("SELECT size FROM reprint_groups WHERE id = ?", (group,)).fetchone()
    ids = [
        r[0]
        for r in con.execute(
            "SELECT article_id FROM story_articles WHERE reprint_group = ? AND article_id != ?"
            " ORDER BY time, article_id LIMIT ?",
            (group, article_id, max(0, limit)),
        )
    ]
    return summaries(con, ids, bare=True), max(len(ids), (row[0] - 1) if row else 0)


def reprint_of(con: Connection, article_id: str) -> Summary | None:
    """The canonical article when this one is a copy of it."""
    group = _group(con, article_id)
    if group is None:
        return None
    row = con.execute("SELECT canonical FROM reprint_groups WHERE id = ?", (group,)).fetchone()
    if row is None or row[0] == article_id:
        return None
    found = summaries(con, [row[0]])
    return found[0] if found else None
