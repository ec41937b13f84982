"""The `newsdesk` command: each subcommand is a thin wrapper over one library call.

Output for machines (JSON, JSONL) goes to stdout; progress, summaries and messages
go to stderr, so `newsdesk extract ... > out.jsonl` stays clean.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

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
    help="Add language, entities, dated events, keywords, channel.",
)
def ingest(
    paths: tuple[str, ...], db: Path, workers: int | None, strict: bool, quiet: bool, enrich: bool
) -> None:
    """Read pages under PATHS (files, folders, globs, JSONL, WARC) into the store."""
    from newsdesk.ingestion import ingest as run_ingest
    from newsdesk.store import Store

    with Store.open(db) as store, _progress(quiet) as hook:
        summary = run_ingest(paths, store, workers=workers, progress=hook, enrich=enrich)
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
@click.option("--enrich/--no-enrich", default=True, show_default=True)
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


@main.command(name="stories")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@db_option
@json_option
def list_stories(limit: int, db: Path, as_json: bool) -> None:
    """Stories: articles on the same event, across outlets and days, newest first."""
    from newsdesk import stories
    from newsdesk.store import Store

    with Store.open(db) as store:
        stories.update(store)
        rows = stories.stories(store, limit=limit)
    if as_json:
        _dump([r.to_dict() for r in rows])
        return
    table = Table("story", "articles", "sources", "last", "title", box=None)
    for r in rows:
        table.add_row(
            str(r.id), str(r.size), str(len(r.sites)), f"{r.last:%Y-%m-%d}", r.title or ""
        )
    out.print(table)


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
def story(story_id: int, db: Path, as_json: bool) -> None:
    """One story with its articles (reprints folded under their canonical article)."""
    from newsdesk import stories
    from newsdesk.store import Store

    with Store.open(db) as store:
        stories.update(store)
        found = stories.story(store, story_id)
    if found is None:
        raise click.ClickException(f"no story {story_id} in {db}")
    if as_json:
        _dump(found.to_dict())
        return
    out.print(
        f"[bold]{_esc(found.title or '')}[/bold]  {found.first:%Y-%m-%d} – {found.last:%Y-%m-%d}"
    )
    for a in found.articles:
        mark = f"  ↳ reprint of {a.reprint_of}" if a.reprint_of else ""
        out.print(f"{a.id}  {a.site or ''}  {_esc(a.title or '')}{mark}")


@main.command()
@click.argument("article_id")
@click.option("-k", "k", type=click.IntRange(min=1), default=10, show_default=True)
@db_option
@json_option
def related(article_id: str, k: int, db: Path, as_json: bool) -> None:
    """Articles truly related to ARTICLE_ID (its own reprints excluded)."""
    from newsdesk import stories
    from newsdesk.store import Store

    with Store.open(db) as store:
        stories.update(store)
        rows = stories.related(store, article_id, k=k)
    if as_json:
        _dump([r.to_dict() for r in rows])
        return
    table = Table("id", "score", "site", "title", box=None)
    for r in rows:
        table.add_row(r.id, f"{r.score:.3f}", r.site or "", r.title or "")
    out.print(table)


@main.command()
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@db_option
@json_option
def hot(limit: int, db: Path, as_json: bool) -> None:
    """What is hot: stories scored by growth, sources, recency and portals' hot lists."""
    from newsdesk import stories
    from newsdesk.store import Store

    with Store.open(db) as store:
        stories.update(store)
        rows = stories.hot(store, limit=limit)
    if as_json:
        _dump([r.to_dict() for r in rows])
        return
    table = Table("score", "story", "parts", "title", box=None)
    for r in rows:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in r.parts.items())
        table.add_row(f"{r.score:.3f}", str(r.story.id), parts, r.story.title or "")
    out.print(table)


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
