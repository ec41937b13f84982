"""What is hot: a score per story from evidence, with every part kept and returned.

Portals' own hot lists are often clickbait (seed 000's).  Here a story is hot when the
evidence says so:

    score = (W_GROWTH * growth + W_SOURCES * sources + W_HOTLIST * hotlist) * recency

- `growth`: log(1 + articles in the last `GROWTH_WINDOW`), scaled by the share of the
  last two windows that falls in the last one, so a story that is speeding up beats
  one that keeps a steady pace;
- `sources`: log(1 + distinct sites that carry it): many outlets, not one outlet
  many times (a wire copied by twenty sites is news twenty editors chose);
- `hotlist`: log(1 + distinct sites whose pages list one of its headlines as hot)
  (the `items` of `hot` blocks read from crawled pages, matched by headline);
- `recency`: halves every `HALF_LIFE` since the story's latest article.

Only news pages count (`store.ordering`): a listing, a product or a forum page is
never hot, nor does its time move "now".  "Now" is the time given, else the newest
publish time of a news page that is not in the future (the clock when none is dated),
so a ranking of an archive is the ranking it had then, and a page dated ahead of
the clock (an event's day read as its date) does not push every story out.
`rank_hot` returns the parts and the counts behind them and writes nothing;
`save_hot` stores a ranking in `story_hot` (what the portal and `newsdesk hot` show),
which the stories refresh after every ingest does.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsdesk.store.db import now as stored_now
from newsdesk.store.db import transaction
from newsdesk.store.engines import Connection
from newsdesk.store.ordering import NEWS
from newsdesk.stories.store import parse, stamp, utc
from newsdesk.text.normal import fold

HORIZON = timedelta(hours=72)  # stories with an article this recent are ranked
GROWTH_WINDOW = timedelta(hours=24)  # a news day
HALF_LIFE = timedelta(hours=12)  # a story untouched for half a day is half as hot
W_GROWTH, W_SOURCES, W_HOTLIST = 1.0, 1.0, 1.0  # the parts count alike; each is a log count
# A hot-list headline matches a story's headline when they share this much of their
# bigrams (lists shorten and reword headlines: "…" cuts, a dropped prefix).
HOTLIST_MATCH = 0.6
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(slots=True)
class _Tally:
    """The counts behind one story's score."""

    recent: int = 0
    previous: int = 0
    sites: set[str] = field(default_factory=set)
    latest: datetime | None = None
    titles: set[str] = field(default_factory=set)
    hotlist_sites: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class HotScore:
    """One story's score as of a ranking's reference time, with its parts and counts."""

    story_id: int
    score: float
    parts: dict[str, float]
    counts: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Ranking:
    """Every story in the horizon of `reference`, hottest first."""

    reference: datetime | None
    scores: list[HotScore]


def rank_hot(con: Connection, *, now: datetime | None = None) -> Ranking:
    """The stories ranked as of `now` (default: the newest article), hottest first.

    Only reads: `save_hot` stores a ranking (what the portal shows).
    """
    ref = utc(now) if now is not None else _newest(con)
    if ref is None:
        return Ranking(None, [])
    tallies = _tallies(con, ref)
    _hotlists(con, ref, tallies)
    scored = [HotScore(sid, *_score(t, ref), _counts(t)) for sid, t in tallies.items()]
    scored.sort(key=lambda h: (-h.score, -h.story_id))
    return Ranking(ref, scored)


def save_hot(con: Connection, ranking: Ranking) -> None:
    """Store `ranking` in place of the last one."""
    at = stored_now()
    ref = stamp(ranking.reference) if ranking.reference is not None else None
    rows = [
        (
            h.story_id,
            h.score,
            h.parts["growth"],
            h.parts["sources"],
            h.parts["recency"],
            h.parts["hotlist"],
            json.dumps(h.counts, ensure_ascii=False),
            ref,
            at,
        )
        for h in ranking.scores
    ]
    with transaction(con):
        con.execute("DELETE FROM story_hot")
        con.executemany(
            "INSERT INTO story_hot (story_id, score, growth, sources, recency, hotlist, parts,"
            " reference, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def stale(con: Connection) -> bool:
    """True when the stored ranking is not as of the newest article (or is missing)."""
    newest = _newest(con)
    if newest is None:
        return False
    row = con.execute("SELECT max(reference) FROM story_hot").fetchone()
    return row[0] != stamp(newest)


def _newest(con: Connection) -> datetime | None:
    """The newest trustworthy time: the newest publish time of a news page up to the
    clock; when no news page is dated, the newest time of any up to the clock, else
    the clock (None for an empty store).

    An undated article is placed at a time that says when it was crawled, not when it
    was news: an archive ingested today would otherwise be ranked as of today, with
    every dated story out of the horizon.
    """
    clock = datetime.now(UTC)
    row = con.execute(
        "SELECT max(s.time) FROM story_articles s JOIN articles a ON a.id = s.article_id"
        f" WHERE s.dated = 1 AND s.time <= ? AND {NEWS}",
        (stamp(clock),),
    ).fetchone()
    if row and row[0]:
        return parse(row[0])
    row = con.execute(
        "SELECT max(time) FROM story_articles WHERE time <= ?", (stamp(clock),)
    ).fetchone()
    if row and row[0]:
        return parse(row[0])
    row = con.execute("SELECT count(*) FROM story_articles").fetchone()
    return clock if row and row[0] else None


def _tallies(con: Connection, ref: datetime) -> dict[int, _Tally]:
    """Counts per story with an article in the horizon; articles after `ref` ignored."""
    tallies: defaultdict[int, _Tally] = defaultdict(_Tally)
    rows = con.execute(
        "SELECT s.story_id, s.time, s.site, s.title FROM story_articles s"
        " JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id IN (SELECT story_id FROM story_articles WHERE time >= ? AND time <= ?)"
        f" AND s.time <= ? AND {NEWS}",
        (stamp(ref - HORIZON), stamp(ref), stamp(ref)),
    )
    for sid, when, site, title in rows:
        t = tallies[sid]
        at = parse(when)
        if at > ref - GROWTH_WINDOW:
            t.recent += 1
        elif at > ref - 2 * GROWTH_WINDOW:
            t.previous += 1
        if site:
            t.sites.add(site)
        t.latest = at if t.latest is None or at > t.latest else t.latest
        if title:
            t.titles.add(_headline(title))
    return dict(tallies)


def _headline(text: str) -> str:
    return _NOT_WORD.sub("", fold(text))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _hotlists(con: Connection, ref: datetime, tallies: dict[int, _Tally]) -> None:
    """Credit each story with the sites whose hot lists show one of its headlines."""
    index: defaultdict[str, set[int]] = defaultdict(set)
    grams: dict[tuple[int, str], set[str]] = {}
    for sid, t in tallies.items():
        for title in t.titles:
            g = _bigrams(title)
            grams[(sid, title)] = g
            for b in g:
                index[b].add(sid)
    rows = con.execute(
        "SELECT i.title, a.site FROM items i"
        " JOIN blocks b ON b.article_seq = i.article_seq AND b.block = i.block AND b.kind = 'hot'"
        " JOIN articles a ON a.seq = i.article_seq"
        " JOIN story_articles s ON s.article_id = a.id"
        " WHERE s.time >= ? AND s.time <= ?",
        (stamp(ref - HORIZON), stamp(ref)),
    )
    for title, site in rows:
        g = _bigrams(_headline(title))
        if len(g) < 2:
            continue
        for sid in {sid for b in g for sid in index.get(b, ())}:
            if any(_matches(g, grams[(sid, t)]) for t in tallies[sid].titles):
                tallies[sid].hotlist_sites.add(site or "?")


def _matches(item: set[str], headline: set[str]) -> bool:
    """Shared bigrams over the shorter headline (lists cut and shorten headlines)."""
    return len(item & headline) / min(len(item), len(headline)) >= HOTLIST_MATCH


def _score(t: _Tally, ref: datetime) -> tuple[float, dict[str, float]]:
    total = t.recent + t.previous
    growth = math.log1p(t.recent) * (t.recent / total) if total else 0.0
    sources = math.log1p(len(t.sites))
    hotlist = math.log1p(len(t.hotlist_sites))
    age = (ref - t.latest).total_seconds() if t.latest else HORIZON.total_seconds()
    recency = 0.5 ** (max(0.0, age) / HALF_LIFE.total_seconds())
    parts = {"growth": growth, "sources": sources, "hotlist": hotlist, "recency": recency}
    score = (W_GROWTH * growth + W_SOURCES * sources + W_HOTLIST * hotlist) * recency
    return score, parts


def _counts(t: _Tally) -> dict[str, Any]:
    return {
        "articles_last_window": t.recent,
        "articles_previous_window": t.previous,
        "sites": sorted(t.sites),
        "hotlist_sites": sorted(t.hotlist_sites),
        "latest": t.latest.isoformat() if t.latest else None,
    }
