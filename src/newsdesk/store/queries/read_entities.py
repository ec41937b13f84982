"""Entities: the most mentioned, one name's page (type, aliases, mentions per month,
articles), and the dated events that name it.

Counts come from the enrichment's `mentions` and `events` tables (canonical names:
俄总统普京 counts as 普京); a name the enrichment does not know is found as text.
Names are looked up in the form they are stored in (`entity_name`: 澤連斯基 finds
泽连斯基's page and timeline).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsdesk.article import Article
from newsdesk.store import articles as stored
from newsdesk.store import tokenize
from newsdesk.store.engines import Connection, engine, json_list
from newsdesk.store.queries.read_articles import by_seq, originals, search, with_snippets
from newsdesk.store.queries.records import (
    EntityCount,
    EntityInfo,
    EntityPage,
    Page,
    SearchQuery,
    SearchResults,
    Summary,
    TimelineEvent,
    bounded,
    named,
    page,
)
from newsdesk.text.normal import entity_name

MAX_ENTITIES = 500  # the longest list of entities one call returns
ALIAS_ARTICLES = 20  # articles read for a name's other spellings
ARTICLE_ENTITIES = 30  # entities shown for one article
MAX_EVENTS = 1000  # the longest timeline one call returns


def entities(
    con: Connection, *, type: str | None = None, limit: int = 50, offset: int = 0
) -> Page[EntityCount]:
    """The most mentioned entities (PER, LOC, ORG), by how many articles name them."""
    limit, offset = bounded(limit, offset, MAX_ENTITIES)
    where, args = ("WHERE type = ?", [type]) if type else ("", [])
    rows = con.execute(
        f"SELECT name, type, count(DISTINCT article_seq), CAST(sum(count) AS INTEGER) FROM mentions {where}"
        " GROUP BY name, type ORDER BY 3 DESC, 4 DESC, name, type LIMIT ? OFFSET ?",
        [*args, limit + 1, offset],
    )
    found = [EntityCount(*row) for row in rows]
    return page(found, limit=limit, offset=offset, path="/api/entities", type=type)


def timeline(
    con: Connection, name: str, *, limit: int = 200, offset: int = 0
) -> Page[TimelineEvent]:
    """Dated events whose sentence names `name`, oldest first; a name as written
    (俄总统普京) that names no event is read by its canonical name (普京)."""
    limit, offset = bounded(limit, offset, MAX_EVENTS)
    found = _events(con, _event_name(con, entity_name(name)), limit + 1, offset)
    return page(found, limit=limit, offset=offset, path=named("/api/timeline", name))


def _event_name(con: Connection, name: str) -> str:
    if _events(con, name, 1, 0):
        return name
    from newsdesk.enrich.entities import canonical_name

    other = entity_name(canonical_name(name, "PER"))
    return other or name


def _events(con: Connection, name: str, limit: int, offset: int) -> list[TimelineEvent]:
    sql = engine(con)
    rows = con.execute(
        'SELECT e.start, e."end", e.sentence, e.entities, a.id, a.title FROM events e'
        " JOIN articles a ON a.seq = e.article_seq"
        f" WHERE {sql.event_names('e.entities')}"
        ' ORDER BY e.start, a.seq, e."end", e.sentence LIMIT ? OFFSET ?',
        (name, limit, offset),
    ).fetchall()
    copies = originals(con, [r[4] for r in rows])
    return [
        TimelineEvent(start, end, sentence, json_list(names), aid, title, copies.get(aid))
        for start, end, sentence, names, aid, title in rows
    ]


def entity_page(
    con: Connection, name: str, *, limit: int = 20, offset: int = 0, months: bool = True
) -> EntityPage | None:
    """A name's page: its type and aliases, mentions per month (unless `months` is
    False: later pages leave them out), and one page of the newest articles naming it;
    None when no article names it (a page past the last of a known name is empty)."""
    name = entity_name(name)
    found = mentions(con, name, limit=limit, offset=offset)
    if not found.hits and (offset == 0 or not mentions(con, name, limit=1).hits):
        return None
    per_month = month_counts(con, name) if months else []
    return EntityPage(info(con, name, found.hits), per_month, found)


def month_counts(con: Connection, name: str) -> list[tuple[str, int]]:
    """Articles mentioning `name`, counted per month (YYYY-MM), oldest first."""
    name = entity_name(name)
    sql = engine(con)
    rows = con.execute(
        "SELECT substr(best_time, 1, 7) AS month, count(DISTINCT article_seq)"
        " FROM mentions WHERE name = ? GROUP BY month ORDER BY month",
        (name,),
    ).fetchall()
    if rows:
        return [(m, n) for m, n in rows]
    expression = sql.match(name)
    if expression is None:
        return []
    rows = con.execute(
        f"SELECT {sql.MONTH} AS month, count(*)"
        f" FROM {sql.MATCHES} JOIN articles a ON a.seq = {sql.MATCH_ROWID}"
        f" WHERE {sql.MATCH_CONDITION} GROUP BY month ORDER BY month",
        (expression,),
    ).fetchall()
    return [(m, n) for m, n in rows]


def mentions(con: Connection, name: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
    """The newest articles that mention `name` (by entity when known, else by text)."""
    name = entity_name(name)
    limit, offset = bounded(limit, offset)
    query = SearchQuery(q=name, sort="time", limit=limit, offset=offset)
    seqs = [
        r[1]
        for r in con.execute(  # one walk down `mentions_newest`
            "SELECT DISTINCT best_time, article_seq FROM mentions WHERE name = ?"
            " ORDER BY best_time DESC, article_seq DESC LIMIT ? OFFSET ?",
            (name, limit + 1, offset),
        )
    ]
    if seqs or offset:
        hits = with_snippets(con, by_seq(con, seqs[:limit]), name)
        return SearchResults(hits, len(seqs) > limit, query, tokenize.needles(name))
    return search(con, query)


def info(con: Connection, name: str, found: Sequence[Summary]) -> EntityInfo:
    """Type and aliases of `name` from the entities stored with the articles, if any."""
    name = entity_name(name)
    types: Counter[str] = Counter()
    aliases: set[str] = set()
    for s in found[:ALIAS_ARTICLES]:
        a = stored.get(con, s.id)
        for e in a.enrichment.entities if a and a.enrichment else []:
            if name == entity_name(e.name) or name in map(entity_name, e.surfaces):
                types[e.type] += 1
                aliases.update([e.name, *e.surfaces])
    aliases.discard(name)
    if not types:
        row = con.execute(
            "SELECT type FROM mentions WHERE name = ? GROUP BY type ORDER BY count(*) DESC LIMIT 1",
            (name,),
        ).fetchone()
        if row:
            types[row[0]] += 1
    top = types.most_common(1)[0][0] if types else None
    return EntityInfo(name, top, tuple(sorted(aliases)))


def article_entities(article: Article) -> list[EntityInfo]:
    """The distinct entities of one article (canonical names), most mentioned first."""
    found = article.enrichment.entities if article.enrichment else []
    return [EntityInfo(e.name, e.type) for e in found[:ARTICLE_ENTITIES]]
