"""Articles: the latest (of a site or channel), one article, full-text search, sources.

Lists are read in two steps: the ordered `seq`s of one page first, walking indexes
or ranking inside the full-text index, then the rows of that page only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from newsdesk.article import Article
from newsdesk.store import articles as stored
from newsdesk.store import ordering, tokenize
from newsdesk.store import search as store_search
from newsdesk.store.engines import Connection, engine, json_list, json_value
from newsdesk.store.queries.records import (
    MAX_PAGE_SIZE,
    Original,
    Page,
    SearchQuery,
    SearchResults,
    SourceCount,
    Summary,
    bounded,
    page,
)
from newsdesk.text import leads

LEAD_CHARS = 90  # the first lines of an article shown under its headline in lists
RECENT_WINDOW = 2000  # the newest articles whose channels the channel list counts


def summary_columns(sql: Any, *, lead: bool = True) -> str:
    """The columns a `Summary` is read from, on the engine `sql`; without `lead` the
    document is not opened (its opening paragraphs are the costly column)."""
    return (
        "a.id, a.title, a.site, a.author, a.source, a.published, a.language,"
        f" {sql.OPENING if lead else 'NULL'}, a.channel, a.page_time, a.added_at, a.best_time"
    )


_WIDTH = 12  # the number of columns above


def summary(
    row: Sequence[Any], *, snippet: str | None = None, score: float | None = None
) -> Summary:
    """A `Summary` from a row starting with `summary_columns`."""
    aid, title, site, author, source, published, language, first, channel, page, added, best = row[
        :_WIDTH
    ]
    opening = json_value(first)
    lead = stored.clean(leads.lead(opening if isinstance(opening, list) else []))
    if len(lead) > LEAD_CHARS:
        lead = lead[:LEAD_CHARS].rstrip() + "…"
    return Summary(
        id=aid,
        title=title,
        site=site,
        author=author,
        source=source,
        published=_datetime(published),
        language=language,
        lead=lead,
        channel=channel,
        page_time=_datetime(page),
        stored=_datetime(added),
        best_time=_datetime(best),
        snippet=snippet,
        score=score,
    )


def _datetime(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def latest(
    con: Connection,
    *,
    limit: int = 20,
    offset: int = 0,
    site: str | None = None,
    channel: str | None = None,
) -> Page[Summary]:
    """The newest news (see `ordering`: by the best time known of each, news pages
    only), of one site or channel.

    One walk down the partial index `articles_latest` (`best_time, seq` of the news):
    the first page costs the same however many articles are stored.
    """
    limit, offset = bounded(limit, offset)
    where, args = filters(site=site, channel=channel)
    cond = ("AND " + where) if where else ""
    rows = con.execute(
        f"SELECT a.seq FROM articles a WHERE {ordering.NEWS} {cond}"
        " ORDER BY a.best_time DESC, a.seq DESC LIMIT ? OFFSET ?",
        [*args, limit + 1, offset],
    ).fetchall()
    seqs = [seq for (seq,) in rows]
    params = {"site": site, "channel": channel}
    return Page(
        by_seq(con, seqs[:limit]), limit, offset, len(seqs) > limit, "/api/articles", params
    )


def by_seq(con: Connection, seqs: Sequence[int]) -> list[Summary]:
    """Summaries of articles by `seq`, in the given order."""
    sql = engine(con)
    if not seqs:
        return []
    rows = con.execute(
        f"SELECT a.seq, {summary_columns(sql)} FROM articles a WHERE a.seq IN {sql.IN_INTS}",
        (sql.values(seqs),),
    ).fetchall()
    found = {r[0]: summary(r[1:]) for r in rows}
    return marked(con, [found[s] for s in seqs if s in found])


def summaries(con: Connection, ids: Sequence[str], *, bare: bool = False) -> list[Summary]:
    """Summaries of the given ids, in the given order; unknown ids are left out.

    `bare` ones have no lead and no reprint mark: a list of one article's copies,
    whose lead is the article's own and whose original is named once on its page."""
    sql = engine(con)
    if not ids:
        return []
    rows = con.execute(
        f"SELECT {summary_columns(sql, lead=not bare)} FROM articles a WHERE a.id IN {sql.IN_LIST}",
        (sql.values(ids),),
    ).fetchall()
    found = {r[0]: summary(r) for r in rows}
    listed = [found[i] for i in ids if i in found]
    return listed if bare else marked(con, listed)


def originals(con: Connection, ids: Sequence[str]) -> dict[str, Original]:
    """The article each of `ids` is a copy of, for those that are copies (the canonical
    of their reprint group, as the stories step chose it): one query for a whole list."""
    sql = engine(con)
    if not ids:
        return {}
    rows = con.execute(
        "SELECT s.article_id, a.id, a.title, COALESCE(a.site, a.source) FROM story_articles s"
        " JOIN reprint_groups g ON g.id = s.reprint_group"
        " JOIN articles a ON a.id = g.canonical"
        f" WHERE s.article_id IN {sql.IN_LIST} AND g.canonical <> s.article_id",
        (sql.values(list(dict.fromkeys(ids))),),
    )
    return {copy: Original(aid, title, site) for copy, aid, title, site in rows}


def marked(con: Connection, items: list[Summary]) -> list[Summary]:
    """`items` with each copy's `reprint_of` set: the one place lists learn of reprints."""
    found = originals(con, [s.id for s in items])
    return [replace(s, reprint_of=found[s.id]) if s.id in found else s for s in items]


def article(con: Connection, article_id: str) -> Article | None:
    """The latest version of one article, None when there is no such id."""
    return stored.get(con, article_id)


def version_count(con: Connection, article_id: str) -> int:
    row = con.execute("SELECT count(*) FROM versions WHERE article_id = ?", (article_id,))
    return int(row.fetchone()[0])


def search(con: Connection, query: SearchQuery) -> SearchResults:
    """Articles matching every term of `query.q` and every filter, one page of them.

    Terms are separated by white space; each matches as a phrase.  Any string is a
    valid query: operators and punctuation are not interpreted, and a query with
    nothing to match finds nothing.
    """
    sql = engine(con)
    limit, offset = bounded(query.limit, query.offset)
    expression = sql.match(query.q)
    terms = tokenize.needles(query.q)
    if expression is None or limit == 0:
        return SearchResults([], False, query, terms)
    where, args = filters(
        site=query.site,
        channel=query.channel,
        language=query.language,
        date_from=query.date_from,
        date_to=query.date_to,
    )
    order = "score DESC" if query.sort == "relevance" else f"{sql.WHEN} DESC, a.seq DESC"
    if where or query.sort != "relevance":
        # Filters and time order need each match's article row.
        ranked = (
            f"SELECT a.seq AS seq, {sql.SCORE} AS score"
            f" FROM {sql.MATCHES} JOIN articles a ON a.seq = {sql.MATCH_ROWID}"
            f" WHERE {sql.MATCH_CONDITION} AND {where or 'TRUE'}"
            f" ORDER BY {order} LIMIT ? OFFSET ?"
        )
    else:
        # Relevance alone is ranked inside the index and only the page is joined: on
        # 100,000 articles 1.4 ms instead of 3.8 ms on average over the benchmark's
        # queries, and 56 ms instead of 97 ms for 中国 (22,000 matches).
        ranked = (
            f"SELECT {sql.MATCH_ROWID} AS seq, {sql.SCORE} AS score FROM {sql.MATCHES}"
            f" WHERE {sql.MATCH_CONDITION} ORDER BY score DESC LIMIT ? OFFSET ?"
        )
    # Rank only the seqs first, so the sorter carries small rows, and read the
    # documents of the one page that is shown.
    statement = (
        f"WITH hit AS ({ranked})"
        f" SELECT {summary_columns(sql)}, {sql.BODY}, {sql.CAPTIONS}, hit.score"
        f" FROM hit JOIN articles a ON a.seq = hit.seq ORDER BY {order.replace('score', 'hit.score')}"
    )
    rows = con.execute(statement, [expression, *args, limit + 1, offset]).fetchall()
    hits = [
        summary(r, snippet=snippet(r[_WIDTH], r[_WIDTH + 1], query.q), score=r[_WIDTH + 2])
        for r in rows[:limit]
    ]
    return SearchResults(marked(con, hits), len(rows) > limit, query, terms)


def snippet(body: str | None, captions: str | None, q: str) -> str:
    """The store's snippet, from the two fields it reads rather than the whole document
    (an enriched article's JSON is mostly entities and events)."""
    doc = {"body": json_list(body), "captions": json_list(captions)}
    return store_search.snippet(doc, q)


def with_snippets(con: Connection, items: list[Summary], q: str) -> list[Summary]:
    """`items` with a snippet around `q` each."""
    sql = engine(con)
    rows = con.execute(
        f"SELECT a.id, {sql.BODY}, {sql.CAPTIONS} FROM articles a WHERE a.id IN {sql.IN_LIST}",
        (sql.values([s.id for s in items]),),
    )
    found = {aid: (body, captions) for aid, body, captions in rows}
    return [replace(s, snippet=snippet(*found[s.id], q)) for s in items if s.id in found]


def filters(
    *,
    site: str | None = None,
    channel: str | None = None,
    language: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[str, list[Any]]:
    """A condition over `articles a` (empty for none) and its arguments."""
    parts: list[str] = []
    args: list[Any] = []
    if site:
        parts.append("a.site = ?")
        args.append(site)
    if language:
        # `zh` matches `zh-Hant` and `zh-Hans` too: the tag's primary language.
        parts.append("(a.language = ? OR a.language LIKE ? || '-%')")
        args += [language, language]
    if date_from:
        parts.append("a.published >= ?")
        args.append(date_from.isoformat())
    if date_to:
        parts.append("a.published < ?")
        args.append((date_to + timedelta(days=1)).isoformat())
    if channel:
        parts.append("a.channel = ?")
        args.append(channel)
    return " AND ".join(parts), args


_SOURCES = (
    "SELECT site, count(*) FROM articles WHERE site IS NOT NULL"
    " GROUP BY site ORDER BY count(*) DESC, site"
)


def all_sources(con: Connection) -> list[SourceCount]:
    """Every site with its number of articles, largest first."""
    return [SourceCount(s, n) for s, n in con.execute(_SOURCES)]


def sources(con: Connection, *, limit: int = MAX_PAGE_SIZE, offset: int = 0) -> Page[SourceCount]:
    """One page of the sites, largest first."""
    limit, offset = bounded(limit, offset)
    rows = con.execute(_SOURCES + " LIMIT ? OFFSET ?", (limit + 1, offset))
    return page(
        [SourceCount(s, n) for s, n in rows], limit=limit, offset=offset, path="/api/sources"
    )


def languages(con: Connection) -> list[str]:
    """The languages articles are in, most common first."""
    rows = con.execute(
        "SELECT language FROM articles WHERE language IS NOT NULL"
        " GROUP BY language ORDER BY count(*) DESC, language"
    )
    return [r[0] for r in rows]


def channels(con: Connection) -> list[str]:
    """Channel ids present among recent articles, most common first."""
    rows = con.execute(
        "SELECT channel FROM (SELECT channel FROM articles ORDER BY seq DESC LIMIT ?) AS recent"
        " WHERE channel IS NOT NULL GROUP BY channel ORDER BY count(*) DESC, channel",
        (RECENT_WINDOW,),
    )
    return [r[0] for r in rows]


def count(con: Connection) -> int:
    return stored.count(con)
