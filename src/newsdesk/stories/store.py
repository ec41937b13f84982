"""Persistence of reprints and stories over `Store.connection` (tables: 0002_stories.sql).

`update` is the online step run against a store: it finds the articles not processed
yet (or changed since), loads only the state their time needs (the stories still
open around it, the signatures of the reprint window, the term counts), processes
them in time order and writes each batch in one transaction.  So adding a thousand
articles to a store of a hundred thousand costs the thousand plus loading one window,
not a re-clustering of everything.
"""

from __future__ import annotations

import json
import logging
import time as clock
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from newsdesk.article import Article
from newsdesk.store import engines
from newsdesk.store.db import now, transaction
from newsdesk.store.engines import Connection, values
from newsdesk.stories.cluster import CENTROID_TERMS, STORY_WINDOW, StoryClusterer, StoryState
from newsdesk.stories.dedup import Facts, Group, ReprintGroups, Signature, known_by, rank
from newsdesk.stories.engine import REPRINT_WINDOW, Processed, StoryEngine
from newsdesk.stories.features import Features, extract
from newsdesk.stories.model import UpdateSummary

log = logging.getLogger(__name__)

BATCH = 500  # articles per transaction: a crash loses at most one batch of work
RELATED_TERMS = 24  # heaviest terms of each article kept for related-article lookup
STORY_ENTITIES_KEPT = 30  # entity counts kept per story
# `json.dumps(x, ensure_ascii=False)` and `json.dumps(x)`, the encoder made once (each
# article writes four JSON columns)
_text = json.JSONEncoder(ensure_ascii=False).encode
_ascii = json.JSONEncoder().encode


# --- times --------------------------------------------------------------------------


def utc(value: datetime) -> datetime:
    """An aware UTC time (a naive one is taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def stamp(value: datetime) -> str:
    """The stored form: UTC, to the second, one fixed width, so text order is time order."""
    return utc(value).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def parse(value: str) -> datetime:
    return utc(datetime.fromisoformat(value))


def in_own_offset(placed: datetime, *own: datetime | None) -> datetime:
    """A time the stories tables keep (UTC) as the article gives it (`own`: its
    publish time, +08:00 for a Beijing paper), when that is the same instant."""
    return next((t for t in own if t is not None and t == placed), placed)


def _in(con: Connection, ints: bool = False) -> str:
    """A list passed as one parameter (`_ids`), for `column IN ...`."""
    sql = engines.engine(con)
    return str(sql.IN_INTS if ints else sql.IN_LIST)


# --- update -------------------------------------------------------------------------


def update(con: Connection, *, batch_size: int = BATCH) -> UpdateSummary:
    """Process every article not processed yet (or changed since); see the module doc.

    Two updates may run at once (an ingest and an upload to the portal): each batch
    is written only if no other update wrote since this one loaded its state (the
    `generation` counter); otherwise this one loads the state again and goes on with
    what is still pending, so no story is numbered or counted twice.
    """
    started = clock.perf_counter()
    summary = UpdateSummary()
    while True:
        try:
            _update(con, batch_size, summary)
            break
        except _Raced:
            log.info("stories: another update wrote meanwhile; loading its state")
    summary.seconds = clock.perf_counter() - started
    if summary.processed or summary.removed:
        log.info("stories: %d articles in %.1fs", summary.processed, summary.seconds)
    return summary


class _Raced(Exception):
    """Another update wrote stories after this one loaded its state."""


def _update(con: Connection, batch_size: int, summary: UpdateSummary) -> None:
    generation = generation_of(con)  # read first: anything written after it is a race
    pending, changed = _pending(con)
    gone = _orphans(con)
    if not pending and not gone:
        return
    oldest = min((t for _, t, _ in pending), default=datetime.now(UTC))
    engine = load_engine(con, oldest)
    if changed or gone:
        with transaction(con):
            generation = claim(con, generation)
            summary.removed += _forget(con, engine, [*changed, *gone])
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        done = [engine.process(f) for f in _features(con, batch)]
        with transaction(con):
            generation = claim(con, generation)
            _write(con, engine, done)
        _count(summary, done)
        if done:
            engine.expire(done[-1].features.time)


def generation_of(con: Connection) -> int:
    return int(meta(con, "generation") or 0)


def claim(con: Connection, loaded: int) -> int:
    """In a write transaction: raise `_Raced` if another update wrote since `loaded`,
    else count this write; returns the new generation."""
    if generation_of(con) != loaded:
        raise _Raced
    con.execute(
        "INSERT INTO story_meta (name, value) VALUES ('generation', ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (str(loaded + 1),),
    )
    return loaded + 1


def _pending(con: Connection) -> tuple[list[tuple[str, datetime, bool]], list[str]]:
    """(id, time, dated) of the articles to process, in time order; and the changed ones."""
    rows = con.execute(
        "SELECT a.id, a.published, a.best_time, a.added_at, s.article_id IS NOT NULL"
        " FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
        " WHERE s.article_id IS NULL OR s.content_hash != a.content_hash"
    ).fetchall()
    pending = []
    changed = []
    for aid, published, best, added, seen in rows:
        when, dated = _time(published, best, added)
        pending.append((aid, when, dated))
        if seen:
            changed.append(aid)
    pending.sort(key=lambda row: (row[1], row[0]))
    return [(a, t, d) for a, t, d in pending], changed


def _time(published: str | None, best: str | None, added: str) -> tuple[datetime, bool]:
    """The publish time when known (dated); else the best time known of the page (its
    own time, else when it was fetched or stored, `store.ordering`: undated, it does
    not say when it was news, so the hot ranking's "now" is never taken from it)."""
    for dated, value in ((True, published), (False, best)):
        if value:
            try:
                return utc(datetime.fromisoformat(value)), dated
            except ValueError:
                log.warning("unreadable time %r; using the next one known", value)
    return utc(datetime.fromisoformat(added)), False


def _orphans(con: Connection) -> list[str]:
    """Processed articles that were deleted from the store since."""
    return [
        aid
        for (aid,) in con.execute(
            "SELECT s.article_id FROM story_articles s"
            " LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL"
        )
    ]


def _features(con: Connection, batch: list[tuple[str, datetime, bool]]) -> Iterator[Features]:
    docs = dict(
        con.execute(
            "SELECT id, doc FROM articles WHERE id IN " + _in(con),
            (values([a for a, _, _ in batch]),),
        )
    )
    for aid, when, dated in batch:
        doc = docs.get(aid)
        if doc is None:
            continue
        yield extract(Article.from_dict(json.loads(doc)), when, dated=dated)


def _count(summary: UpdateSummary, done: list[Processed]) -> None:
    for p in done:
        summary.processed += 1
        summary.articles.append(p.features.id)
        reason = p.assignment.reason
        summary.opened += reason == "opened"
        summary.joined += reason == "joined"
        summary.reprints += bool(p.copies)


# --- loading the state a run needs ---------------------------------------------------


def load_engine(con: Connection, oldest: datetime) -> StoryEngine:
    """The engine state for articles from `oldest` on: open stories, reprint window, df."""
    df = Counter(dict(con.execute("SELECT term, df FROM story_df")))
    docs = int(meta(con, "docs") or 0)
    next_story = (
        max(
            con.execute("SELECT max(id) FROM stories").fetchone()[0] or 0,
            int(meta(con, "last_story") or 0),  # ids a rebuild retired are never given again
        )
        + 1
    )
    next_group = (con.execute("SELECT max(id) FROM reprint_groups").fetchone()[0] or 0) + 1
    clusterer = StoryClusterer(df=df, docs=docs, next_id=next_story)
    for story in _stories_since(con, oldest - STORY_WINDOW):
        clusterer.load(story)
    engine = StoryEngine(clusterer, ReprintGroups(next_group), reopen=lambda sid: reopen(con, sid))
    _load_reprint_window(con, engine, oldest - REPRINT_WINDOW)
    return engine


def meta(con: Connection, name: str) -> str | None:
    row = con.execute("SELECT value FROM story_meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


_STORY_COLUMNS = "id, title, first, last, size, centroid, entities"


def _story_state(row: tuple[Any, ...]) -> StoryState:
    sid, title, first, last, size, centroid, entities = row
    state = StoryState(sid, parse(first), parse(last), size=size)
    state.centroid = json.loads(centroid)
    state.entities = Counter(json.loads(entities))
    state.title = title
    state.title_rank = (parse(first), "") if title else None
    return state


def _stories_since(con: Connection, since: datetime) -> Iterator[StoryState]:
    sql = f"SELECT {_STORY_COLUMNS} FROM stories WHERE last >= ?"
    for row in con.execute(sql, (stamp(since),)):
        yield _story_state(row)


def reopen(con: Connection, story_id: int) -> StoryState | None:
    """A closed story's state, for a late copy of one of its articles."""
    row = con.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    return _story_state(row) if row else None


def _load_reprint_window(con: Connection, engine: StoryEngine, since: datetime) -> None:
    """Index the signatures of recent articles; load the reprint groups they are in."""
    groups: set[int] = set()
    sql = (
        "SELECT article_id, story_id, reprint_group, text_key, time, day_only, length,"
        " shingles, signature, figures FROM story_articles WHERE time >= ?"
        " ORDER BY time, article_id"
    )
    rows = con.execute(sql, (stamp(since),))
    for aid, sid, gid, key, when, day_only, length, shingles, sig, figs in rows:
        figures, numbers = json.loads(figs)
        signature = Signature.from_bytes(sig, shingles) if sig is not None else None
        if key:
            facts = Facts(tuple(figures), tuple(numbers))
            known = known_by(parse(when), bool(day_only))
            engine.index.add(aid, key, signature, facts, known, length)
        engine.story_of[aid] = sid
        if gid is not None:
            groups.add(gid)
    _load_groups(con, engine.groups, sorted(groups))


def _load_groups(con: Connection, groups: ReprintGroups, ids: list[int]) -> None:
    if not ids:
        return
    canon = dict(
        con.execute(
            "SELECT id, canonical FROM reprint_groups WHERE id IN " + _in(con, ints=True),
            (json.dumps(ids),),
        )
    )
    members: dict[int, dict[str, tuple[datetime, int, str]]] = {g: {} for g in ids}
    for aid, gid, when, day_only, length in con.execute(
        "SELECT article_id, reprint_group, time, day_only, length FROM story_articles"
        " WHERE reprint_group IN " + _in(con, ints=True),
        (json.dumps(ids),),
    ):
        members[gid][aid] = rank(known_by(parse(when), bool(day_only)), length, aid)
    for gid in ids:
        group = Group(gid, canon.get(gid, ""), set(members[gid]))
        groups.load(group, members[gid])


# --- writing --------------------------------------------------------------------------


def _write(con: Connection, engine: StoryEngine, done: list[Processed]) -> None:
    """Write one processed batch: articles, groups, stories, terms and counts."""
    con.executemany(
        f"INSERT INTO story_articles ({', '.join(_ARTICLE_COLUMNS)})"
        " SELECT ?, ?, CAST(? AS INTEGER), content_hash, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        f" {engines.engine(con).BYTES_PARAM}, ?, ?, ?, ?"
        " FROM articles WHERE id = ?"
        f" ON CONFLICT (article_id) DO UPDATE SET {_updates(_ARTICLE_COLUMNS[1:])}",
        [_article_row(p) for p in done],
    )
    _write_groups(con, engine.groups)
    _write_stories(con, engine.clusterer)
    con.executemany(
        "INSERT INTO story_terms (term, article_id, weight) VALUES (?, ?, ?)"
        " ON CONFLICT (term, article_id) DO UPDATE SET weight = excluded.weight",
        [
            (term, p.features.id, w)
            for p in done
            for term, w in sorted(p.text_vector.items(), key=lambda kv: -kv[1])[:RELATED_TERMS]
        ],
    )
    delta = engine.clusterer.df_delta
    con.executemany(
        "INSERT INTO story_df (term, df) VALUES (?, ?)"
        " ON CONFLICT (term) DO UPDATE SET df = story_df.df + excluded.df",
        sorted(delta.items()),  # in key order: each page of the table is visited once
    )
    delta.clear()
    con.execute(
        "INSERT INTO story_meta (name, value) VALUES ('docs', ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (str(engine.clusterer.docs),),
    )


_ARTICLE_COLUMNS = (
    "article_id",
    "story_id",
    "reprint_group",
    "content_hash",
    "text_key",
    "time",
    "dated",
    "day_only",
    "site",
    "title",
    "length",
    "score",
    "reason",
    "shingles",
    "signature",
    "figures",
    "vector",
    "text_terms",
    "entities",
)


def _updates(columns: Sequence[str]) -> str:
    """An upsert's SET clause: every column from the row that was turned away."""
    return ", ".join(f"{c} = excluded.{c}" for c in columns)


def _article_row(p: Processed) -> tuple[Any, ...]:
    f, a = p.features, p.assignment
    sig = p.signature
    return (
        f.id,
        a.story_id,
        p.group,
        f.key if f.text else None,
        stamp(f.time),
        int(f.dated),
        int(f.day_only),
        f.site,
        f.title,
        f.length,
        a.score,
        a.reason,
        sig.size if sig else 0,
        sig.to_bytes() if sig else None,
        _ascii([f.figures, f.numbers]),
        _vector_json(p.vector),
        _text({t: p.features.text_terms.get(t, 0) for t in p.text_vector}),
        _text(f.entities),
        f.id,
    )


def _vector_json(vector: dict[str, float]) -> str:
    return _text({t: round(w, 5) for t, w in vector.items()})


def _write_groups(con: Connection, groups: ReprintGroups) -> None:
    for gid in sorted(groups.touched):
        group = groups.groups.get(gid)
        if group is None:
            continue
        con.execute(
            "INSERT INTO reprint_groups (id, canonical, size) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET canonical = excluded.canonical, size = excluded.size",
            (gid, group.canonical, len(group.members)),
        )
        con.execute(
            "UPDATE story_articles SET reprint_group = ? WHERE article_id IN " + _in(con),
            (gid, values(sorted(group.members))),
        )
    con.executemany("DELETE FROM reprint_groups WHERE id = ?", [(g,) for g in groups.dropped])
    groups.touched.clear()
    groups.dropped.clear()


def _write_stories(con: Connection, clusterer: StoryClusterer) -> None:
    rows = []
    at = now()
    for sid in sorted(clusterer.touched):
        story = clusterer.stories.get(sid)
        if story is None:
            continue
        if story.size <= 0:
            con.execute("DELETE FROM stories WHERE id = ?", (sid,))
            continue
        top = sorted(story.centroid.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS]
        rows.append(
            (
                sid,
                story.title,
                stamp(story.first),
                stamp(story.last),
                story.size,
                _text({t: round(w, 5) for t, w in top}),
                _text(dict(story.entities.most_common(STORY_ENTITIES_KEPT))),
                at,
            )
        )
    con.executemany(
        "INSERT INTO stories (id, title, first, last, size, centroid, entities, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
        " first = excluded.first, last = excluded.last, size = excluded.size,"
        " centroid = excluded.centroid, entities = excluded.entities,"
        " updated_at = excluded.updated_at",
        rows,
    )
    clusterer.touched.clear()


# --- forgetting changed and deleted articles -------------------------------------------


def _forget(con: Connection, engine: StoryEngine, ids: list[str]) -> int:
    """Take articles out of their stories and groups, so they can be processed afresh."""
    rows = con.execute(
        "SELECT article_id, story_id, reprint_group, vector, entities FROM story_articles"
        " WHERE article_id IN " + _in(con),
        (values(ids),),
    ).fetchall()
    for aid, sid, gid, vector, entities in rows:
        if sid not in engine.clusterer.stories:
            story = reopen(con, sid)
            if story is not None:
                engine.clusterer.load(story)
        engine.clusterer.remove(sid, json.loads(vector), json.loads(entities))
        engine.index.remove(aid)
        engine.story_of.pop(aid, None)
        if gid is not None:
            _leave_group(con, gid, aid)
    con.execute("DELETE FROM story_articles WHERE article_id IN " + _in(con), (values(ids),))
    con.execute("DELETE FROM story_terms WHERE article_id IN " + _in(con), (values(ids),))
    con.execute("DELETE FROM story_related WHERE article_id IN " + _in(con), (values(ids),))
    _write_stories(con, engine.clusterer)
    return len(rows)


def _leave_group(con: Connection, gid: int, aid: str) -> None:
    left = con.execute(
        "SELECT article_id, time, day_only, length FROM story_articles"
        " WHERE reprint_group = ? AND article_id != ?",
        (gid, aid),
    ).fetchall()
    if len(left) <= 1:
        con.execute(
            "UPDATE story_articles SET reprint_group = NULL WHERE reprint_group = ?", (gid,)
        )
        con.execute("DELETE FROM reprint_groups WHERE id = ?", (gid,))
        return
    canonical = min(left, key=lambda r: rank(known_by(parse(r[1]), bool(r[2])), r[3], r[0]))[0]
    con.execute(
        "UPDATE reprint_groups SET canonical = ?, size = ? WHERE id = ?",
        (canonical, len(left), gid),
    )
