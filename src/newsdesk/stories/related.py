"""Related articles: what else to read after this one, without its own copies.

Portals fill "related" boxes by channel or by paid placement (seed 001, on Russia and
Ukraine, is served semiconductor patent notices).  Here an article's related list is
ranked by three parts, each returned with the result:

    score = W_TEXT * cosine  +  W_ENTITIES * shared entities  +  W_RECENCY * recency

`cosine` compares the articles' tf-idf vectors (bigrams of the headline and the first
`features.TEXT_CHARS` of the body: more than stories use, since related is about the
topic, not only the happening);
`shared entities` is the overlap of their people, places and organisations;
`recency` is exp(-days apart / RECENCY_DAYS) and counts only when both articles have
a publish time (the time an undated page was stored says nothing about its news).
Candidates come from the articles sharing the query's heaviest terms (an index kept
by `update`, ranked by the weight they share) and from its own story (nearest in
time).  Its reprint group (copies) and exact duplicates are left out, and each other
reprint group shows once, by its best-scoring copy.

Ranking costs a few milliseconds, too much for every article page of a busy portal, so
each stories update stores the lists of the articles it processed, and enters each
of them into the lists of the articles it ranks (`remember`); `related` reads the
stored list when there is one.
"""

from __future__ import annotations

import heapq
import json
import math
import threading
from collections import Counter, OrderedDict
from dataclasses import replace
from datetime import datetime
from sys import intern
from typing import Any

from newsdesk.store.db import now, transaction
from newsdesk.store.engines import Connection, engine
from newsdesk.stories.features import VECTOR_TERMS, overlap, weigh
from newsdesk.stories.model import RelatedArticle
from newsdesk.stories.store import in_own_offset, parse, stamp

# Weights chosen on the story set's related queries (benchmarks/stories.py; dev and test
# together, since test holds only 7): text first; recency separates the reports of one
# event from older events on the same topic; entities break ties between similar texts.
W_TEXT = 0.6
W_ENTITIES = 0.1
W_RECENCY = 0.3
RECENCY_DAYS = 3.0
QUERY_TERMS = 24  # the query's heaviest terms used to find candidates
# Candidates scored exactly: the best by shared term weight (the stored weights of the
# query's heaviest terms, an estimate of the text part), and of its own story the
# nearest in time.  Scoring one costs ~0.1-0.3 ms (its terms weighed with today's idf),
# so a few dozen keep an article page fast on a large store; more found nothing better
# on the story set (benchmarks/stories.py: P@5 0.968 with 10 + 10, 20 + 20 and 300 + all).
CANDIDATES = 10
STORY_CANDIDATES = 10
MIN_TEXT = 0.02  # below this cosine an article shares nothing worth a recommendation


STORED = 20  # related articles stored per article (an article page shows 8)
_encode = json.JSONEncoder(ensure_ascii=False).encode  # `json.dumps(.., ensure_ascii=False)`
_WRITE_BATCH = 500  # lists per transaction, so a long refresh never holds the store


def related(con: Connection, article_id: str, k: int = 10) -> list[RelatedArticle]:
    """The `k` articles most related to `article_id` (none if it was not processed):
    its stored list when the last update ranked one, else ranked now."""
    if k <= 0:
        return []
    found = _stored(con, article_id, k) if k <= STORED else None
    return _own_times(con, rank(con, article_id, k) if found is None else found)


def _own_times(con: Connection, found: list[RelatedArticle]) -> list[RelatedArticle]:
    """`found` with each time in its article's own offset."""
    published = dict(
        con.execute(
            f"SELECT id, published FROM articles WHERE id IN {engine(con).IN_LIST}",
            (json.dumps([r.id for r in found]),),
        )
    )
    out = []
    for r in found:
        own = published.get(r.id)  # as the store wrote it: ISO 8601 with its offset
        if r.time is not None and own:
            r = replace(r, time=in_own_offset(r.time, datetime.fromisoformat(own)))
        out.append(r)
    return out


def remember(con: Connection, article_ids: list[str]) -> int:
    """Rank and store the lists of the articles an update processed, and enter each
    into the stored lists of the articles it ranks (the score is symmetric, so a new
    report shows up under the older ones without ranking those again); returns how
    many lists were ranked."""
    ids = list(dict.fromkeys(article_ids))
    ranker = Ranker(con)  # one for the run: the articles ranked next share candidates
    for start in range(0, len(ids), _WRITE_BATCH):
        lists = {aid: ranker.rank(aid, STORED) for aid in ids[start : start + _WRITE_BATCH]}
        rows = {aid: [[r.id, r.score, r.parts] for r in found] for aid, found in lists.items()}
        _enter(con, lists, rows)
        stamp_now = now()
        with transaction(con):
            con.executemany(
                "INSERT INTO story_related (article_id, items, computed_at)"
                " SELECT ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM story_articles WHERE article_id = ?)"
                " ON CONFLICT (article_id) DO UPDATE SET items = excluded.items,"
                " computed_at = excluded.computed_at",
                [(aid, _encode(items), stamp_now, aid) for aid, items in rows.items()],
            )
    return len(ids)


def _enter(
    con: Connection,
    lists: dict[str, list[RelatedArticle]],
    rows: dict[str, list[list[Any]]],
) -> None:
    """Add each ranked article to the stored lists of those it ranks, in `rows`
    (loading the lists not there yet): one entry per reprint group, best first.  A
    loaded list that stays as it was is left out of `rows` (not written again)."""
    back: dict[str, list[list[Any]]] = {}
    for aid, found in lists.items():
        for r in found:
            back.setdefault(r.id, []).append([aid, r.score, r.parts])
    missing = [aid for aid in back if aid not in rows]
    for aid, items in con.execute(
        f"SELECT article_id, items FROM story_related WHERE article_id IN {engine(con).IN_LIST}",
        (json.dumps(missing),),
    ):
        rows[aid] = json.loads(items)
    loaded = {aid: rows[aid] for aid in missing if aid in rows}
    touched = [aid for aid in back if aid in rows]
    every = {i[0] for aid in touched for i in [*rows[aid], *back[aid]]}
    group = dict(
        con.execute(
            "SELECT article_id, coalesce(reprint_group, -1) FROM story_articles"
            f" WHERE article_id IN {engine(con).IN_LIST}",
            (json.dumps(sorted(every)),),
        )
    )
    for aid in touched:
        merged = {i[0]: i for i in rows[aid]}
        merged.update({i[0]: i for i in back[aid]})
        best: dict[Any, list[Any]] = {}
        for item in sorted(merged.values(), key=lambda i: (-i[1], i[0])):
            key = group.get(item[0], -1)
            best.setdefault(item[0] if key == -1 else key, item)
        rows[aid] = sorted(best.values(), key=lambda i: (-i[1], i[0]))[:STORED]
        if rows[aid] == loaded.get(aid):
            del rows[aid]


def _stored(con: Connection, article_id: str, k: int) -> list[RelatedArticle] | None:
    """The stored list, less the articles deleted since (at once, before the next
    update takes them out of the stories); None when there is none."""
    row = con.execute(
        "SELECT items FROM story_related WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    items = json.loads(row[0])
    found = {
        aid: (sid, when, bool(dated), title, site)
        for aid, sid, when, dated, title, site in con.execute(
            "SELECT s.article_id, s.story_id, s.time, s.dated, s.title, s.site"
            " FROM story_articles s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.article_id IN {engine(con).IN_LIST}",
            (json.dumps([i[0] for i in items]),),
        )
    }
    out = []
    for aid, score, parts in items:
        if aid not in found:
            continue
        sid, when, dated, title, site = found[aid]
        out.append(
            RelatedArticle(aid, title, site, parse(when) if dated else None, sid, score, parts)
        )
    return out[:k]


def rank(con: Connection, article_id: str, k: int = 10) -> list[RelatedArticle]:
    """The `k` articles most related to `article_id`, ranked now from the candidates."""
    return Ranker(con).rank(article_id, k)


class Ranker:
    """Ranks related articles, remembering what one run of `remember` reads again and
    again: the rows of the articles ranked (weighed) and the idf of their terms.

    Articles ranked one after the other (an update's, in time order) are each other's
    candidates, so reading, decoding and weighing a candidate once for the run, not once
    per article it is a candidate of, saves most of the work.  A run reads the stories
    tables as of its start (`remember` writes only the lists); the rows kept are bounded
    (`ROWS_KEPT`, the least recently used go).
    """

    # Weighed rows kept, ~8 KB each (~130 MB): bounded memory on any store.  On the
    # generated month of news, 16,000 rows read each row about twice in a from-scratch
    # run; 8,000 read it three times.
    ROWS_KEPT = 16_000

    def __init__(self, con: Connection) -> None:
        self.con = con
        self._rows: OrderedDict[str, dict[str, Any]] = OrderedDict()  # least recent first
        self._idf: dict[str, float] = {}

    def rank(self, article_id: str, k: int = 10) -> list[RelatedArticle]:
        """The `k` articles most related to `article_id`, ranked from the candidates."""
        query = self._rows.get(article_id)
        if query is not None:
            self._rows.move_to_end(article_id)
        else:
            query = _row(self.con, article_id)
            if query is None or k <= 0:
                return []
            self._weigh([query])
            self._keep(query)
        ids = _candidates(self.con, article_id, query)
        others = [o for o in self._fetch(ids) if not _excluded(query, o)]
        best: dict[Any, RelatedArticle] = {}
        for other in others:
            found = _score(query, other)
            if found is None:
                continue
            group = other["group"] if other["group"] is not None else other["id"]
            if group not in best or found.score > best[group].score:
                best[group] = found
        ranked = sorted(best.values(), key=lambda r: (-r.score, r.id))
        return ranked[:k] if k > 0 else []

    def _fetch(self, ids: list[str]) -> list[dict[str, Any]]:
        """The weighed rows of `ids` that exist, read from the store once per run."""
        rows = self._rows
        found = {aid: row for aid in ids if (row := rows.get(aid)) is not None}
        for aid in found:
            rows.move_to_end(aid)
        missing = [aid for aid in ids if aid not in found]
        if missing:
            read = self.con.execute(
                f"SELECT {_COLUMNS} FROM story_articles WHERE article_id IN {engine(self.con).IN_LIST}",
                (json.dumps(missing),),
            ).fetchall()
            fresh = list(map(_parse_row, read))
            self._weigh(fresh)
            for row in fresh:
                found[row["id"]] = row
                self._keep(row)
        return [found[aid] for aid in ids if aid in found]

    def _keep(self, row: dict[str, Any]) -> None:
        self._rows[row["id"]] = row
        if len(self._rows) > self.ROWS_KEPT:
            self._rows.popitem(last=False)

    def _weigh(self, rows: list[dict[str, Any]]) -> None:
        """`_weigh_with` the idf of today, each term looked up once per run; the term
        counts are dropped once weighed (the vector is what is compared)."""
        known = self._idf
        new = {t for r in rows for t in r["terms"] if t not in known}
        if new:
            if len(known) > DF_CACHE_TERMS:
                known.clear()
                new = {t for r in rows for t in r["terms"]}
            known.update(idf_of(self.con, new))
        _weigh_with(rows, known)
        for r in rows:
            del r["terms"]


_COLUMNS = (
    "article_id, story_id, reprint_group, text_key, time, dated, title, site, text_terms, entities"
)


def _row(con: Connection, article_id: str) -> dict[str, Any] | None:
    row = con.execute(
        f"SELECT {_COLUMNS} FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return _parse_row(row) if row else None


def _parse_row(row: tuple[Any, ...]) -> dict[str, Any]:
    aid, sid, gid, key, when, dated, title, site, vector, entities = row
    return {
        "id": aid,
        "story": sid,
        "group": gid,
        "key": key,
        "time": parse(when),
        "dated": bool(dated),
        "title": title,
        "site": site,
        "terms": json.loads(vector),
        "entities": json.loads(entities),
    }


def _weigh_with(rows: list[dict[str, Any]], idf: dict[str, float]) -> None:
    """Vectors from the stored term counts with today's idf (an article processed early
    was weighed with the few counts of its day; comparing it now should not suffer)."""
    sqrt, tf = math.sqrt, _TF
    for r in rows:
        if "vector" in r:
            continue
        counts = r["terms"]
        if len(counts) > VECTOR_TERMS:  # stored by another version: keep the heaviest
            r["vector"] = weigh(Counter(counts), idf.__getitem__)
            continue
        # `weigh` without its ordering: the stored terms are already the kept ones
        weights = {
            t: (tf[n] if n < _TF_KNOWN else 1.0 + math.log(n)) * idf[t] for t, n in counts.items()
        }
        norm = sqrt(sum(w * w for w in weights.values())) or 1.0
        r["vector"] = {intern(t): w / norm for t, w in weights.items()}  # one string a term


_TF_KNOWN = 64
_TF = [0.0] + [1.0 + math.log(n) for n in range(1, _TF_KNOWN)]  # sublinear tf, as `weigh`


def _candidates(con: Connection, article_id: str, query: dict[str, Any]) -> list[str]:
    """Articles sharing the query's heaviest terms (by shared weight), and its story."""
    sql = engine(con)
    top = dict(heapq.nlargest(QUERY_TERMS, query["vector"].items(), key=lambda kv: kv[1]))
    # The shared weight summed and ranked inside SQLite: on a large store the query's
    # terms are posted by thousands of articles, too many rows to add up in Python.
    ids = [
        aid
        for (aid,) in con.execute(
            f"SELECT s.article_id FROM {sql.WEIGHTS} q JOIN story_terms s ON s.term = q.key"
            " WHERE s.article_id != ? GROUP BY s.article_id"
            " ORDER BY sum(q.value * s.weight) DESC, s.article_id DESC LIMIT ?",
            (json.dumps(top, ensure_ascii=False), article_id, CANDIDATES),
        )
    ]
    ids += [
        aid
        for (aid,) in con.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? AND article_id != ?"
            f" ORDER BY {sql.time_distance('time')}, article_id LIMIT ?",
            (query["story"], article_id, stamp(query["time"]), STORY_CANDIDATES),
        )
    ]
    return list(dict.fromkeys(ids))


def _excluded(query: dict[str, Any], other: dict[str, Any]) -> bool:
    """The article itself, its copies and its exact duplicates."""
    if other["id"] == query["id"]:
        return True
    if query["group"] is not None and other["group"] == query["group"]:
        return True
    return query["key"] is not None and other["key"] == query["key"]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """`features.cosine` over the shared terms only (a few of each vector's eighty),
    summed in term order so that a score is the same in every process."""
    return sum(a[t] * b[t] for t in sorted(a.keys() & b.keys()))


def _score(query: dict[str, Any], other: dict[str, Any]) -> RelatedArticle | None:
    text = _cosine(query["vector"], other["vector"])
    if text < MIN_TEXT:
        return None
    shared = overlap(query["entities"], other["entities"])
    recency = 0.0
    if query["dated"] and other["dated"]:
        days = abs((query["time"] - other["time"]).total_seconds()) / 86400
        recency = math.exp(-days / RECENCY_DAYS)
    parts = {"text": text, "entities": shared, "recency": recency}
    score = W_TEXT * text + W_ENTITIES * shared + W_RECENCY * recency
    return RelatedArticle(
        other["id"],
        other["title"],
        other["site"],
        other["time"] if other["dated"] else None,
        other["story"],
        score,
        parts,
    )


def idf_of(con: Connection, terms: set[str]) -> dict[str, float]:
    """The inverse document frequencies of `terms` as of now (as `StoryClusterer.idf`).

    Document frequencies are remembered per store until the stories change (the
    `generation` every write of `update` counts up), so a reader asking for related
    articles again and again (the portal) looks each term up once between two updates.
    """
    state = dict(
        con.execute("SELECT name, value FROM story_meta WHERE name IN ('docs', 'generation')")
    )
    docs = int(state.get("docs") or 0)
    path = engine(con).name(con)
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
                "SELECT term, df FROM story_df WHERE term IN " + engine(con).IN_LIST,
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
