"""Coverage over time by outlet: how many articles each site published per day or
per month, for one story or for the articles naming one entity (the charts of
those pages).

One query per chart, grouped in SQL by period and site (plain SQL both engines
read alike); the sites past the `SITES_SHOWN` largest are counted together, so a
wire story reprinted by hundreds of sites still makes a chart one can read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from newsdesk.store.engines import Connection, engine
from newsdesk.store.queries.records import Coverage, Series
from newsdesk.text.normal import entity_name

SITES_SHOWN = 6  # outlets charted apart; the rest are one series
DAYS_SHOWN = 62  # a story spanning longer is charted per month
MONTHS_SHOWN = 120  # longer coverage is charted per year
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")

Row = tuple[str | None, str | None, int]  # period, site, articles


def story_coverage(con: Connection, story_id: int) -> Coverage:
    """A story's articles per day (per month when it spans longer than `DAYS_SHOWN`)
    and site; a day is the article's own calendar day when it gave a publish time."""
    rows = con.execute(
        "SELECT substr(COALESCE(a.published, s.time), 1, 10) AS day, s.site, count(*)"
        " FROM story_articles s LEFT JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id = ? GROUP BY 1, 2",
        (story_id,),
    ).fetchall()
    days = [r for r in rows if r[0] and _DAY.fullmatch(r[0])]
    if days and _span(days) > DAYS_SHOWN:
        return coverage([(d[:7], site, n) for d, site, n in days], "month")
    return coverage(days, "day")


def entity_coverage(con: Connection, name: str) -> Coverage:
    """The articles naming `name` per month and site (by entity when the enrichment
    knows it, else by text, as `month_counts` counts them)."""
    name = entity_name(name)
    rows = con.execute(
        "SELECT substr(m.best_time, 1, 7) AS month, COALESCE(a.site, a.source),"
        " count(DISTINCT m.article_seq)"
        " FROM mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.name = ?"
        " GROUP BY 1, 2",
        (name,),
    ).fetchall()
    sql = engine(con)
    expression = None if rows else sql.match(name)
    if expression is not None:
        rows = con.execute(
            f"SELECT {sql.MONTH} AS month, COALESCE(a.site, a.source), count(*)"
            f" FROM {sql.MATCHES} JOIN articles a ON a.seq = {sql.MATCH_ROWID}"
            f" WHERE {sql.MATCH_CONDITION} GROUP BY 1, 2",
            (expression,),
        ).fetchall()
    return coverage([r for r in rows if r[0] and _MONTH.fullmatch(r[0])], "month")


def coverage(rows: Iterable[Row], unit: str) -> Coverage:
    """The chart's data from (period, site, articles) rows: every period from the first
    to the last (none skipped, so the time axis is even), the largest sites apart;
    more than `MONTHS_SHOWN` months are counted per year."""
    rows = list(rows)
    per_site: dict[str | None, Counter[str]] = {}
    for period, site, n in rows:
        if period:
            per_site.setdefault(site or None, Counter())[period] += n
    if not per_site:
        return Coverage(unit, [], [])
    totals = sorted(
        ((site, sum(c.values())) for site, c in per_site.items() if site is not None),
        key=lambda kv: (-kv[1], kv[0] or ""),
    )
    shown = [site for site, _ in totals[:SITES_SHOWN]]
    rest: Counter[str] = Counter()
    for site, counts in per_site.items():
        if site not in shown:
            rest.update(counts)
    found = {p for c in per_site.values() for p in c}
    periods = _every(min(found), max(found), unit)
    if unit == "month" and len(periods) > MONTHS_SHOWN:
        return coverage([(p[:4] if p else p, site, n) for p, site, n in rows], "year")
    series = [Series(site, [per_site[site][p] for p in periods]) for site in shown]
    if rest:
        series.append(Series(None, [rest[p] for p in periods]))
    return Coverage(unit, periods, series)


def _span(rows: list[Row]) -> int:
    found = [date.fromisoformat(r[0]) for r in rows if r[0]]
    return (max(found) - min(found)).days


def _every(first: str, last: str, unit: str) -> list[str]:
    """Every day (YYYY-MM-DD), month (YYYY-MM) or year from `first` to `last`."""
    if unit == "year":
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    if unit == "day":
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        return [(start + timedelta(days=k)).isoformat() for k in range((end - start).days + 1)]
    year, month = map(int, first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
