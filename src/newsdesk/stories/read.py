"""Reading stories back from the store: lists, one story with its articles, membership."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from typing import Any

from newsdesk.stories.model import Story, StoryArticle
from newsdesk.stories.store import parse

TOP_ENTITIES = 8  # entities shown for a story
_JSON_IDS = "(SELECT value FROM json_each(?))"


def read_stories(
    con: sqlite3.Connection, *, limit: int, offset: int = 0, min_size: int = 1
) -> list[Story]:
    """Stories by their latest article, newest first (without their article lists)."""
    rows = con.execute(
        "SELECT id, title, first, last, size, entities FROM stories WHERE size >= ?"
        " ORDER BY last DESC, id DESC LIMIT ? OFFSET ?",
        (min_size, limit, offset),
    ).fetchall()
    sites = _sites(con, [r[0] for r in rows])
    return [_story(row, sites.get(row[0], [])) for row in rows]


def read_story(con: sqlite3.Connection, story_id: int) -> Story | None:
    """One story with its articles in time order."""
    row = con.execute(
        "SELECT id, title, first, last, size, entities FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    articles = story_articles(con, story_id)
    sites = sorted({a.site for a in articles if a.site})
    story = _story(row, sites)
    return Story(
        story.id,
        story.title,
        story.first,
        story.last,
        story.size,
        story.sites,
        story.entities,
        articles,
    )


def story_articles(con: sqlite3.Connection, story_id: int) -> list[StoryArticle]:
    rows = con.execute(
        "SELECT s.article_id, s.title, s.site, s.time, s.dated, s.score, s.reason,"
        " s.reprint_group, g.canonical FROM story_articles s"
        " LEFT JOIN reprint_groups g ON g.id = s.reprint_group"
        " WHERE s.story_id = ? ORDER BY s.time, s.article_id",
        (story_id,),
    )
    return [
        StoryArticle(
            aid,
            title,
            site,
            parse(when),
            bool(dated),
            score,
            reason,
            gid,
            canonical if canonical and canonical != aid else None,
        )
        for aid, title, site, when, dated, score, reason, gid, canonical in rows
    ]


def story_of(con: sqlite3.Connection, article_id: str) -> int | None:
    row = con.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def _sites(con: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for sid, site in con.execute(
        "SELECT DISTINCT story_id, site FROM story_articles WHERE site IS NOT NULL"
        " AND story_id IN " + _JSON_IDS + " ORDER BY story_id, site",
        (json.dumps(ids),),
    ):
        out.setdefault(sid, []).append(site)
    return out


def _story(row: tuple[Any, ...], sites: list[str]) -> Story:
    sid, title, first, last, size, entities = row
    counts = sorted(json.loads(entities).items(), key=lambda kv: (-kv[1], kv[0]))
    return Story(sid, title, parse(first), parse(last), size, sites, counts[:TOP_ENTITIES])


def idf_of(con: sqlite3.Connection, terms: set[str]) -> dict[str, float]:
    """The inverse document frequencies of `terms` as of now (as `StoryClusterer.idf`).

    Document frequencies are remembered per store until the stories change (the
    `generation` every write of `update` counts up), so a reader asking for related
    articles again and again (the portal) looks each term up once between two updates.
    """
    state = dict(
        con.execute("SELECT name, value FROM story_meta WHERE name IN ('docs', 'generation')")
    )
    docs = int(state.get("docs") or 0)
    path = con.execute("PRAGMA database_list").fetchone()[2]
    key = (path, state.get("generation"), docs)
    with _df_lock:
        cached = _df_cache.get(path)
        if cached is None or cached[0] != key or len(cached[1]) > DF_CACHE_TERMS or not path:
            cached = (key, {})
            _df_cache[path] = cached
        known = cached[1]
        df = {t: known[t] for t in terms if t in known}
    missing = sorted(t for t in terms if t not in df)
    if missing:
        found = dict.fromkeys(missing, 0)
        found.update(
            con.execute(
                "SELECT term, df FROM story_df WHERE term IN " + _JSON_IDS,
                (json.dumps(missing, ensure_ascii=False),),
            )
        )
        df.update(found)
        with _df_lock:
            known.update(found)
    log, n = math.log, docs + 1
    return {t: log(n / (df[t] + 1)) + 1.0 for t in terms}


DF_CACHE_TERMS = 500_000  # terms remembered per store before starting over
_df_cache: dict[str, tuple[tuple[Any, ...], dict[str, int]]] = {}
_df_lock = threading.Lock()
