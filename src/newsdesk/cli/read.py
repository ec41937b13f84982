"""Commands that read the store: articles, search, entities, timelines, stories, hot.

Each reads through the store's query layer (`newsdesk.store.queries`), and its
`--json` is the record's `to_dict()`: the body of the matching `/api/` route, with the
same parameters.  None of them writes: stories and the hot ranking are what the
last ingest or upload stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from newsdesk.article import Article
from newsdesk.cli.app import main
from newsdesk.cli.options import Time, db_option, dump, err, esc, json_option, out

ENTITY_TYPES = {"person": "PER", "place": "LOC", "org": "ORG"}
RELATED_SHOWN = 8  # as the article page and `/api/related`
MAX_STORY_ID = 10**18 - 1  # as the API's (`queries.MAX_STORY_ID`)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a command's table: its heading and how a row shows in it."""

    name: str
    cell: Callable[[Any], str]
    whole: bool = False  # an id: never cut or wrapped, so it can be pasted into `show`


def _read(db: Path, fetch: Callable[[Any], Any], missing: str | None = None) -> Any:
    """Open the store, run one query on its connection, close it; `None` from `fetch`
    is an error saying `missing`."""
    from newsdesk.store import Store

    with Store.open(db, read_only=True) as store:
        found = fetch(store.connection)
    if found is None:
        raise click.ClickException(missing or "not found")
    return found


def _table(rows: Sequence[Any], columns: Sequence[Column], empty: str | None = None) -> None:
    """Rows as a table (crawled text is not markup), or `empty` on stderr."""
    if not rows and empty:
        err.print(empty, markup=False)
        return
    table = Table(box=None)
    for c in columns:
        if c.whole:
            width = max([len(c.name), *(len(c.cell(r)) for r in rows)])
            table.add_column(c.name, no_wrap=True, min_width=width)
        else:
            table.add_column(c.name)
    for r in rows:
        table.add_row(*(Text(c.cell(r)) for c in columns))
    out.print(table)


def _when(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A time in its own offset; a date without a clock time as the date alone."""
    from newsdesk.store.queries import date_only

    if value is not None and date_only(value):
        fmt = "%Y-%m-%d"
    return value.strftime(fmt) if value else "—"


def _day(value: datetime | None) -> str:
    return _when(value, "%Y-%m-%d")


limit_option = click.option(
    "--limit", type=click.IntRange(min=1, max=100), default=20, show_default=True
)
offset_option = click.option(
    "--offset", type=click.IntRange(min=0, max=10_000), default=0, show_default=True
)


@main.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: Path, as_json: bool) -> None:
    """Show one stored article."""
    from newsdesk.store import queries

    article = _read(
        db, lambda con: queries.article(con, article_id), f"no article {article_id!r} in {db}"
    )
    if as_json:
        dump(article.to_dict())
        return
    _print_article(article)


@main.command(name="list")
@limit_option
@offset_option
@click.option("--site", help="Only articles of this site.")
@click.option("--channel", help="Only articles of this channel.")
@db_option
@json_option
def list_articles(
    limit: int, offset: int, site: str | None, channel: str | None, db: Path, as_json: bool
) -> None:
    """The latest stored articles: what was read."""
    from newsdesk.store import queries

    page = _read(
        db, lambda con: queries.latest(con, limit=limit, offset=offset, site=site, channel=channel)
    )
    if as_json:
        dump(page.to_dict())
        return
    _table(
        page.items,
        [
            Column("id", lambda s: s.id, whole=True),
            Column("time", lambda s: _when(s.time)),
            Column("site / author", lambda s: s.site or s.author or ""),
            Column("title", lambda s: s.title or ""),
        ],
    )


@main.command()
@click.argument("query")
@limit_option
@offset_option
@click.option("--site", help="Only articles of this site.")
@click.option("--channel", help="Only articles of this channel.")
@click.option("--language", help="Only articles in this language (e.g. zh, en).")
@click.option(
    "--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after."
)
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option(
    "--sort", type=click.Choice(["relevance", "time"]), default="relevance", show_default=True
)
@db_option
@json_option
def search(
    query: str,
    limit: int,
    offset: int,
    site: str | None,
    channel: str | None,
    language: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    sort: str,
    db: Path,
    as_json: bool,
) -> None:
    """Full-text search (Chinese-aware) over the stored articles."""
    from newsdesk.store import queries

    asked = queries.SearchQuery(
        query,
        site,
        channel,
        language,
        _date(date_from),
        _date(date_to),
        "time" if sort == "time" else "relevance",
        limit,
        offset,
    )
    results = _read(db, lambda con: queries.search(con, asked))
    if as_json:
        dump(results.to_dict())
        return
    _table(
        results.hits,
        [
            Column("id", lambda h: h.id, whole=True),
            Column("time", lambda h: _when(h.time)),
            Column("site", lambda h: h.site or ""),
            Column("title", lambda h: h.title or ""),
            Column("snippet", lambda h: h.snippet or ""),
        ],
        empty=f"no match for {query!r}",
    )


def _date(value: datetime | None) -> date | None:
    return value.date() if value else None


@main.command()
@click.option("--type", "kind", type=click.Choice([*ENTITY_TYPES, *ENTITY_TYPES.values()]))
@click.option("--limit", type=click.IntRange(min=1, max=100), default=50, show_default=True)
@offset_option
@db_option
@json_option
def entities(kind: str | None, limit: int, offset: int, db: Path, as_json: bool) -> None:
    """The people, places and organisations the stored articles mention most."""
    from newsdesk.store import queries

    wanted = ENTITY_TYPES.get(kind, kind) if kind else None
    found = _read(db, lambda con: queries.entities(con, type=wanted, limit=limit, offset=offset))
    if as_json:
        dump(found.to_dict())
        return
    _table(
        found.items,
        [
            Column("entity", lambda r: r.name),
            Column("type", lambda r: r.type or ""),
            Column("articles", lambda r: str(r.articles)),
            Column("mentions", lambda r: str(r.mentions)),
        ],
    )


@main.command()
@click.argument("entity")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=200, show_default=True)
@offset_option
@db_option
@json_option
def timeline(entity: str, limit: int, offset: int, db: Path, as_json: bool) -> None:
    """Dated events involving ENTITY (e.g. 普京), oldest first."""
    from newsdesk.store import queries

    found = _read(db, lambda con: queries.timeline(con, entity, limit=limit, offset=offset))
    if as_json:
        dump(found.to_dict())
        return
    if not found.items:
        err.print(f"no dated events for {entity!r}", markup=False)
    for r in found.items:
        when = r.start + (f" – {r.end}" if r.end else "")
        out.print(f"[bold]{when}[/bold]  {esc(r.sentence)}  [dim]({esc(r.article_id)})[/dim]")


# --- stories, related, hot: what the last ingest stored --------------------------------


@main.command(name="stories")
@limit_option
@offset_option
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Only stories of at least this many articles (1 lists single articles too).",
)
@db_option
@json_option
def list_stories(limit: int, offset: int, min_size: int, db: Path, as_json: bool) -> None:
    """Stories: articles on the same event, across outlets and days, newest first."""
    from newsdesk.store import queries

    found = _read(
        db, lambda con: queries.stories(con, limit=limit, offset=offset, min_size=min_size)
    )
    if as_json:
        dump(found.to_dict())
        return
    _table(
        found.items,
        [
            Column("story", lambda s: str(s.id), whole=True),
            Column("articles", lambda s: str(s.size)),
            Column("sources", lambda s: str(len(s.sites))),
            Column("last", lambda s: _day(s.last)),
            Column("title", lambda s: s.title or ""),
        ],
        empty=f"no stories of {min_size} articles or more",
    )


@main.command()
@click.argument("story_id", type=click.IntRange(min=1, max=MAX_STORY_ID))
@db_option
@json_option
def story(story_id: int, db: Path, as_json: bool) -> None:
    """One story with its articles (reprints folded under their canonical article)."""
    from newsdesk.store import queries

    found = _read(db, lambda con: queries.story(con, story_id), f"no story {story_id} in {db}")
    if as_json:
        dump(found.to_dict())
        return
    out.print(f"[bold]{esc(found.title or '')}[/bold]  {_day(found.first)} – {_day(found.last)}")
    for a in found.articles:
        mark = f"  ↳ reprint of {a.reprint_of}" if a.reprint_of else ""
        out.print(f"{a.id}  {a.site or ''}  {a.title or ''}{mark}", markup=False)


@main.command()
@click.argument("article_id")
@click.option(
    "--limit",
    "-k",
    "limit",
    type=click.IntRange(min=1, max=100),
    default=RELATED_SHOWN,
    show_default=True,
)
@db_option
@json_option
def related(article_id: str, limit: int, db: Path, as_json: bool) -> None:
    """Articles truly related to ARTICLE_ID (its own reprints excluded)."""
    from newsdesk.store import queries

    def fetch(con: Any) -> Any:
        if queries.article(con, article_id) is None:
            return None
        return queries.related(con, article_id, limit=limit)

    found = _read(db, fetch, f"no article {article_id!r} in {db}")
    if as_json:
        dump(found.to_dict())
        return
    _table(
        found.items,
        [
            Column("id", lambda r: r.id, whole=True),
            Column("score", lambda r: f"{r.score or 0:.3f}"),
            Column("site", lambda r: r.site or ""),
            Column("title", lambda r: r.title or ""),
        ],
        empty=f"nothing related to {article_id}",
    )


@main.command()
@click.option("--limit", type=click.IntRange(min=1, max=100), default=10, show_default=True)
@offset_option
@click.option(
    "--now",
    type=Time(),
    default=None,
    help="Rank as of this time (ISO 8601), without storing it (default: the stored ranking).",
)
@db_option
@json_option
def hot(limit: int, offset: int, now: datetime | None, db: Path, as_json: bool) -> None:
    """What is hot: stories scored by growth, sources, recency and portals' hot lists."""
    from newsdesk.store import queries

    found = _read(db, lambda con: queries.hot(con, limit=limit, offset=offset, now=now))
    if as_json:
        dump(found.to_dict())
        return
    _table(
        found.items,
        [
            Column("score", lambda h: f"{h.score:.3f}"),
            Column("story", lambda h: str(h.story.id), whole=True),
            Column("parts", lambda h: ", ".join(f"{k} {v:.2f}" for k, v in h.parts.items())),
            Column("title", lambda h: h.story.title or ""),
        ],
        empty="no stories in the last days of the store",
    )


@main.command()
@click.option("--limit", type=click.IntRange(min=1, max=100), default=100, show_default=True)
@offset_option
@db_option
@json_option
def sources(limit: int, offset: int, db: Path, as_json: bool) -> None:
    """The sites of the stored articles, with their numbers of articles."""
    from newsdesk.store import queries

    found = _read(db, lambda con: queries.sources(con, limit=limit, offset=offset))
    if as_json:
        dump(found.to_dict())
        return
    _table(
        found.items,
        [Column("site", lambda s: s.site), Column("articles", lambda s: str(s.articles))],
        empty="no sites",
    )


def _print_article(a: Article) -> None:
    out.print(f"[bold]{esc(a.title or '(no title)')}[/bold]")
    meta = [a.author, a.site, a.published.isoformat() if a.published else "no publish time"]
    out.print(" · ".join(esc(m) for m in meta if m), style="dim")
    for para in a.body:
        out.print()
        out.print(para, markup=False)
    for cap in a.captions:
        out.print(f"[italic]  ▸ {esc(cap)}[/italic]")
    for block in a.lists:
        out.print(
            f"\n[dim]{esc(block.kind)}: {esc(block.heading or '')} ({len(block.items)})[/dim]"
        )
