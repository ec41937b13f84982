"""The `newsdesk` command: each subcommand is a thin wrapper over one library call.

Output for machines (JSON, JSONL) goes to stdout; progress, summaries and messages
go to stderr, so `newsdesk extract ... > out.jsonl` stays clean.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsdesk import settings
from newsdesk.article import Article
from newsdesk.errors import NewsdeskError, Rejection
from newsdesk.ingestion import IngestSummary
from newsdesk.pipeline import Stats

err = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: settings.get("db"),
        show_default=settings.get("db"),
        help="SQLite store to use.",
    )(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (default: one per core).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """newsdesk: crawled news pages in, a clean searchable news store out."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # jieba announces its dictionary loading on stderr at DEBUG; keep that for -vv.
    logging.getLogger("jieba").setLevel(max(level, logging.INFO))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@workers_option
@click.option("--strict", is_flag=True, help="Exit non-zero if any page was rejected.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--enrich/--no-enrich",
    default=True,
    show_default=True,
    help="Add language, entities, dated events, keywords, channel; then update reprints, "
    "stories and hot (incrementally).",
)
def ingest(
    paths: tuple[str, ...], db: Path, workers: int | None, strict: bool, quiet: bool, enrich: bool
) -> None:
    """Read pages under PATHS (files, folders, globs, JSONL, WARC) into the store."""
    from newsdesk.ingestion import ingest as run_ingest
    from newsdesk.store import Store

    with Store.open(db) as store:
        with _progress(quiet) as hook:
            summary = run_ingest(
                paths, store, workers=workers, progress=hook, enrich=enrich, stories=False
            )
        if enrich:
            summary.stories = _refresh_stories(store, quiet)
        total = store.count()
    _print_summary(summary, db, total)
    if summary.read == 0 or summary.read == summary.rejected:
        err.print("[red]nothing could be read[/red]")
        sys.exit(1)
    if strict and summary.rejected:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl")
@click.option("--enrich", is_flag=True, help="Add entities, events, keywords, channel to `extra`.")
@workers_option
def extract(paths: tuple[str, ...], fmt: str, enrich: bool, workers: int | None) -> None:
    """Read pages without storing them: one JSON article per page on stdout, in input order."""
    from newsdesk.ingestion import default_steps
    from newsdesk.pipeline import Run
    from newsdesk.readers import read_paths

    source = read_paths(paths, max_bytes=settings.get_int("max_page_bytes"))
    run = Run(source, default_steps(enrich=enrich), workers=workers)
    collected: list[dict[str, Any]] = []
    for result in run:
        rec = result.record
        if isinstance(rec, Article):
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            else:
                collected.append(rec.to_dict())
        elif isinstance(rec, Rejection):
            err.print(f"rejected {rec.origin}: {rec.reason}", markup=False)
    if fmt == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    _print_stats(run.stats)
    if run.stats.articles == 0:
        sys.exit(1)


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
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@db_option
def export(fmt: str, output: Path | None, db: Path) -> None:
    """Export every stored article (latest versions) as JSONL or Parquet."""
    from newsdesk.export import write_jsonl, write_parquet
    from newsdesk.store import Store

    with Store.open(db) as store:
        if fmt == "jsonl":
            n = write_jsonl(store.iter_articles(), output)
        else:
            if output is None:
                raise click.UsageError("--output is required for parquet")
            n = write_parquet(store.iter_articles(), output)
    err.print(f"exported {n} articles" + (f" to {output}" if output else ""))


@main.command()
@click.argument("article_id", required=False)
@click.option("--site", help="Remove every article of this site.")
@db_option
def delete(article_id: str | None, site: str | None, db: Path) -> None:
    """Remove an article (or a whole site) from the store and the search index."""
    from newsdesk.store import Store

    if bool(article_id) == bool(site):
        raise click.UsageError("give either an ARTICLE_ID or --site SITE")
    with Store.open(db) as store:
        if article_id:
            if not store.delete(article_id):
                raise click.ClickException(f"no article {article_id!r} in {db}")
            err.print(f"deleted {article_id}")
        else:
            n = store.delete_site(site or "")
            err.print(f"deleted {n} articles of {site}")


@main.command()
@db_option
@workers_option
@click.option(
    "--enrich/--no-enrich",
    default=True,
    show_default=True,
    help="Enrich again, then rebuild reprints, stories and hot.",
)
def reextract(db: Path, workers: int | None, enrich: bool) -> None:
    """Rebuild every article from its kept raw page with the current extractor."""
    from newsdesk.ingestion import reextract as run_reextract
    from newsdesk.store import Store

    with Store.open(db) as store:
        summary = run_reextract(store, workers=workers, enrich=enrich)
    err.print(
        f"re-extracted {summary.added} articles ({summary.rejected} failed) "
        f"in {summary.seconds:.1f}s"
    )
    if summary.stories is not None:
        err.print(_stories_line(summary.stories), markup=False)


def _refresh_stories(store: Any, quiet: bool) -> Any:
    """The stories step after an ingest, with a spinner on stderr unless quiet."""
    from newsdesk.ingestion import refresh_stories

    if quiet:
        return refresh_stories(store)
    with err.status("stories: reprints, stories, hot…"):
        return refresh_stories(store)


def _stories_line(s: Any) -> str:
    return (
        f"stories: {s.processed} articles processed ({s.opened} opened a story, {s.joined} "
        f"joined one, {s.reprints} reprints), {s.removed} taken out, {s.seconds:.1f}s"
    )


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
        _dump([r.to_dict() for r in rows])
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
        _dump([r.to_dict() for r in rows])
        return
    if not rows:
        err.print(f"no dated events for {entity!r}", markup=False)
    for r in rows:
        when = r.start + (f" – {r.end}" if r.end else "")
        out.print(f"[bold]{when}[/bold]  {_esc(r.sentence)}  [dim]({r.article_id})[/dim]")


@main.command()
def ner() -> None:
    """Text lines on stdin -> one JSON list of {text, type, start, end} per line (PER/LOC/ORG)."""
    from newsdesk.enrich.entities import recognize

    for line in sys.stdin:
        text = line.rstrip("\n")
        found = [
            {"text": e.text, "type": e.type, "start": e.start, "end": e.end}
            for e in recognize(text)
        ]
        sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")


@main.command()
def classify() -> None:
    """One title or text per line on stdin -> one channel id per line (politics, world, …)."""
    from newsdesk.enrich.channel import classify as channel_of

    for line in sys.stdin:
        text = line.rstrip("\n")
        sys.stdout.write((channel_of(text)[0] if text.strip() else "") + "\n")


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
def rejections(db: Path, limit: int) -> None:
    """List what was turned away, with the reasons."""
    from newsdesk.store import Store

    with Store.open(db) as store:
        rows = store.rejections()[-limit:]
    table = Table("when", "origin", "reason", box=None)
    for r in rows:
        table.add_row(r.at.strftime("%Y-%m-%d %H:%M:%S"), r.origin, r.reason)
    out.print(table)


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
        _dump([r.to_dict() for r in rows] if rows is not None else found.to_dict())
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


class _Time(click.ParamType):
    """An ISO 8601 time (`2025-06-04`, `2025-06-04T22:00`, `…+08:00`); naive means UTC."""

    name = "time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 time (e.g. 2025-06-04T22:00)", param, ctx)


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
            f"[bold]{_esc(found.title or '')}[/bold]  {_day(found.first)} – {_day(found.last)}"
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
    type=_Time(),
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


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: Path, host: str, port: int) -> None:
    """Serve the portal (web reader and JSON API) over the store."""
    from newsdesk.web.app import serve as run_server

    shown = f"[{host}]" if ":" in host else host
    err.print(
        f"newsdesk portal on [bold]http://{shown}:{port}/[/bold] (store {db}); Ctrl+C stops it"
    )
    run_server(db, host=host, port=port)


@main.command(name="settings")
def show_settings() -> None:
    """List the settings, their environment variables and current values."""
    table = Table("setting", "environment", "value", "meaning", box=None)
    for s in settings.SETTINGS:
        table.add_row(s.name, s.env, s.value(), s.help)
    out.print(table)


class _progress:
    """A progress bar on stderr fed by pipeline stats (pages, rate, rejections)."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Progress | None = None
        if not quiet:
            self.bar = Progress(
                TextColumn("[bold]ingest"),
                BarColumn(bar_width=None),
                TextColumn("{task.completed} pages"),
                TextColumn("{task.fields[rate]:.0f}/s"),
                TextColumn("{task.fields[rejected]} rejected"),
                TimeElapsedColumn(),
                console=err,
                transient=False,
            )
        self.task: Any = None
        self.last: Stats | None = None

    def __enter__(self) -> Callable[[Stats], None] | None:
        if self.bar is None:
            return None
        self.bar.__enter__()
        self.task = self.bar.add_task("ingest", total=None, rate=0.0, rejected=0)
        return self.update

    def update(self, stats: Stats) -> None:
        self.last = stats
        if self.bar is not None and (stats.read + stats.skipped) % 50 == 0:
            self.bar.update(
                self.task, completed=stats.read, rate=stats.rate, rejected=stats.rejected
            )

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            if self.last is not None:
                self.update_final(self.last)
            self.bar.__exit__(None, None, None)

    def update_final(self, s: Stats) -> None:
        assert self.bar is not None
        self.bar.update(self.task, completed=s.read, rate=s.rate, rejected=s.rejected, total=s.read)


def _dump(rows: Any) -> None:
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def _print_summary(s: IngestSummary, db: Path, total: int) -> None:
    table = Table(title=f"ingest into {db}", box=None, show_header=False)
    table.add_row("pages read", str(s.read))
    table.add_row("articles added", str(s.added))
    table.add_row("new versions", str(s.new_versions))
    table.add_row("unchanged (already stored)", str(s.unchanged))
    table.add_row("rejected", str(s.rejected))
    for reason, n in sorted(s.reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {reason}", str(n))
    table.add_row("skipped (not pages)", str(s.skipped))
    table.add_row("articles in store", str(total))
    table.add_row("time", f"{s.seconds:.1f}s ({s.rate:.0f} pages/s)")
    if s.stories is not None:
        st = s.stories
        table.add_row(
            "stories updated",
            f"{st.processed} articles ({st.opened} new stories, {st.joined} joined, "
            f"{st.reprints} reprints) in {st.seconds:.1f}s",
        )
    else:
        table.add_row("stories updated", "no (--no-enrich; any story command catches up)")
    err.print(table)


def _print_stats(stats: Stats) -> None:
    reasons = ", ".join(f"{k}: {v}" for k, v in stats.reasons.most_common())
    err.print(
        f"{stats.articles} articles from {stats.read} pages, {stats.rejected} rejected"
        + (f" ({reasons})" if reasons else "")
        + f", {stats.skipped} skipped, {stats.elapsed:.1f}s",
        markup=False,
    )


def _print_article(a: Article) -> None:
    out.print(f"[bold]{_esc(a.title or '(no title)')}[/bold]")
    meta = [a.author, a.site, a.published.isoformat() if a.published else "no publish time"]
    out.print(" · ".join(_esc(m) for m in meta if m), style="dim")
    for para in a.body:
        out.print()
        out.print(para, markup=False)
    for cap in a.captions:
        out.print(f"[italic]  ▸ {_esc(cap)}[/italic]")
    for block in a.lists:
        out.print(
            f"\n[dim]{_esc(block.kind)}: {_esc(block.heading or '')} ({len(block.items)})[/dim]"
        )


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _hit_dict(hit: Any) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "site": hit.site,
        "published": hit.published.isoformat() if hit.published else None,
        "snippet": hit.snippet,
        "score": hit.score,
    }


def run() -> None:
    """Entry point that turns our own errors into clean messages."""
    try:
        main()
    except NewsdeskError as exc:
        err.print(f"[red]error:[/red] {_esc(str(exc))}")
        sys.exit(1)


__all__ = ["main", "run"]
