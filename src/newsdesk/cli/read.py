"""Commands that read the store: articles, search, entities, timelines, stories, hot."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from newsdesk.article import Article
from newsdesk.cli.app import main
from newsdesk.cli.options import Time, db_option, dump, err, esc, json_option, out


@main.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: Path, as_json: bool) -> None:
    """Show one stored article."""
    from newsdesk.store import Store

    with Store.open(db) as store:
        article = store.get(article_id)
    if article is None:
        raise click.ClickException(f"no article {article_id!r} in {db}")
    if as_json:
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    _print_article(article)


@main.command(name="list")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--site", help="Only articles of this site.")
@db_option
@json_option
def list_articles(limit: int, site: str | None, db: Path, as_json: bool) -> None:
    """The latest stored articles: what was read."""
    from newsdesk.store import Store

    with Store.open(db) as store:
        rows = store.latest(limit=limit, site=site)
    if as_json:
        sys.stdout.write(
            json.dumps([a.to_dict() for a in rows], ensure_ascii=False, indent=1) + "\n"
        )
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("site / author", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("title", overflow="fold")
    for a in rows:
        published = a.published.strftime("%Y-%m-%d %H:%M") if a.published else "—"
        table.add_row(a.id, published, a.site or a.author or "", a.title or "")
    out.print(table)


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@db_option
@json_option
def search(query: str, limit: int, db: Path, as_json: bool) -> None:
    """Full-text search (Chinese-aware) over the stored articles."""
    from newsdesk.store import Store

    with Store.open(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        rows = [_hit_dict(h) for h in hits]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if not hits:
        err.print(f"no match for {query!r}", markup=False)
        return
    table = Table("id", "published", "site", "title", "snippet", box=None)
    for h in hits:
        published = h.published.strftime("%Y-%m-%d %H:%M") if h.published else ""
        table.add_row(h.id, published, h.site or "", h.title or "", h.snippet or "")
    out.print(table)


@main.command()
@click.option("--type", "kind", type=click.Choice(["person", "place", "org"]), default=None)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@db_option
@json_option
def entities(kind: str | None, limit: int, db: Path, as_json: bool) -> None:
    """The people, places and organisations the stored articles mention most."""
    from newsdesk.store import Store

    types = {"person": "PER", "place": "LOC", "org": "ORG"}
    with Store.open(db) as store:
        rows = store.entities(type=types[kind] if kind else None, limit=limit)
    if as_json:
        dump([r.to_dict() for r in rows])
        return
    table = Table("entity", "type", "articles", "mentions", box=None)
    for r in rows:
        table.add_row(r.name, r.type, str(r.articles), str(r.mentions))
    out.print(table)


@main.command()
@click.argument("entity")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@db_option
@json_option
def timeline(entity: str, limit: int, db: Path, as_json: bool) -> None:
    """Dated events involving ENTITY (e.g. 普京), oldest first."""
    from newsdesk.enrich.entities import canonical_name
    from newsdesk.store import Store

    with Store.open(db) as store:
        rows = store.timeline(entity, limit=limit)
        if not rows:
            rows = store.timeline(canonical_name(entity, "PER"), limit=limit)
    if as_json:
        dump([r.to_dict() for r in rows])
        return
    if not rows:
        err.print(f"no dated events for {entity!r}", markup=False)
    for r in rows:
        when = r.start + (f" – {r.end}" if r.end else "")
        out.print(f"[bold]{when}[/bold]  {esc(r.sentence)}  [dim]({r.article_id})[/dim]")


# --- stories: one pattern for `stories`, `story`, `related`, `hot` ----------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a command's table: its heading and how a row shows in it."""

    name: str
    cell: Callable[[Any], str]


def _story_query(
    db: Path,
    as_json: bool,
    fetch: Callable[[Any], Any],
    *,
    columns: Sequence[Column] = (),
    show: Callable[[Any], None] | None = None,
    missing: str | None = None,
    empty: str | None = None,
) -> None:
    """Open the store, bring its stories up to date, run one query, print it.

    `fetch(store)` returns a record or a list of records (each with `to_dict()`);
    a list prints as a table of `columns`, a record through `show`.  `None` from
    `fetch` is an error saying `missing`; an empty list says `empty` on stderr.
    """
    from newsdesk import stories
    from newsdesk.store import Store

    with Store.open(db) as store:
        stories.update(store)  # cheap when ingest has kept them current
        found = fetch(store)
    if found is None:
        raise click.ClickException(missing or "not found")
    rows = found if isinstance(found, list) else None
    if as_json:
        dump([r.to_dict() for r in rows] if rows is not None else found.to_dict())
        return
    if rows is None:
        assert show is not None
        show(found)
        return
    if not rows and empty:
        err.print(empty, markup=False)
        return
    table = Table(*(c.name for c in columns), box=None)
    for r in rows:
        table.add_row(*(Text(c.cell(r)) for c in columns))  # crawled text is not markup
    out.print(table)


def _day(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d}" if value else "—"


@main.command(name="stories")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
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
    from newsdesk import stories

    _story_query(
        db,
        as_json,
        lambda store: stories.stories(store, limit=limit, offset=offset, min_size=min_size),
        columns=[
            Column("story", lambda s: str(s.id)),
            Column("articles", lambda s: str(s.size)),
            Column("sources", lambda s: str(len(s.sites))),
            Column("last", lambda s: _day(s.last)),
            Column("title", lambda s: s.title or ""),
        ],
        empty=f"no stories of {min_size} articles or more",
    )


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
def story(story_id: int, db: Path, as_json: bool) -> None:
    """One story with its articles (reprints folded under their canonical article)."""
    from newsdesk import stories

    def show(found: Any) -> None:
        out.print(
            f"[bold]{esc(found.title or '')}[/bold]  {_day(found.first)} – {_day(found.last)}"
        )
        for a in found.articles:
            mark = f"  ↳ reprint of {a.reprint_of}" if a.reprint_of else ""
            out.print(f"{a.id}  {a.site or ''}  {a.title or ''}{mark}", markup=False)

    _story_query(
        db,
        as_json,
        lambda store: stories.story(store, story_id),
        show=show,
        missing=f"no story {story_id} in {db}",
    )


@main.command()
@click.argument("article_id")
@click.option("-k", "k", type=click.IntRange(min=1), default=10, show_default=True)
@db_option
@json_option
def related(article_id: str, k: int, db: Path, as_json: bool) -> None:
    """Articles truly related to ARTICLE_ID (its own reprints excluded)."""
    from newsdesk import stories

    def fetch(store: Any) -> Any:
        if store.get(article_id) is None:
            return None
        return stories.related(store, article_id, k=k)

    _story_query(
        db,
        as_json,
        fetch,
        columns=[
            Column("id", lambda r: r.id),
            Column("score", lambda r: f"{r.score:.3f}"),
            Column("site", lambda r: r.site or ""),
            Column("title", lambda r: r.title or ""),
        ],
        missing=f"no article {article_id!r} in {db}",
        empty=f"nothing related to {article_id}",
    )


@main.command()
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--now",
    type=Time(),
    default=None,
    help="Rank as of this time (ISO 8601; default: the newest article's time).",
)
@db_option
@json_option
def hot(limit: int, now: datetime | None, db: Path, as_json: bool) -> None:
    """What is hot: stories scored by growth, sources, recency and portals' hot lists."""
    from newsdesk import stories

    _story_query(
        db,
        as_json,
        lambda store: stories.hot(store, limit=limit, now=now),
        columns=[
            Column("score", lambda h: f"{h.score:.3f}"),
            Column("story", lambda h: str(h.story.id)),
            Column("parts", lambda h: ", ".join(f"{k} {v:.2f}" for k, v in h.parts.items())),
            Column("title", lambda h: h.story.title or ""),
        ],
        empty="no stories in the last days of the store",
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


def _hit_dict(hit: Any) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "site": hit.site,
        "published": hit.published.isoformat() if hit.published else None,
        "snippet": hit.snippet,
        "score": hit.score,
    }
