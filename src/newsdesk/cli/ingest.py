"""Commands that write the store: ingest, extract, reextract, export, delete, rejections."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk import settings
from newsdesk.article import Article
from newsdesk.cli.app import main
from newsdesk.cli.options import db_option, err, out, workers_option
from newsdesk.errors import Rejection
from newsdesk.pipeline import Result, RunSummary, Stats

if TYPE_CHECKING:
    from newsdesk.ingestion import Engine


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
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Run the steps in local worker processes, or on Ray (extra newsdesk[ray]).",
)
@click.option("--address", default=None, help="Ray: join the cluster at ADDR (default: start one).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the run's articles as a Parquet lake (shards by day) in DIR.",
)
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Carry on a killed run of the same PATHS from the parts it stored.",
)
def ingest(
    paths: tuple[str, ...],
    db: Path,
    workers: int | None,
    strict: bool,
    quiet: bool,
    enrich: bool,
    engine: Engine,
    address: str | None,
    out: Path | None,
    resume: bool,
) -> None:
    """Read pages under PATHS (files, folders, globs, JSONL, WARC) into the store."""
    from newsdesk.ingestion import ingest as run_ingest
    from newsdesk.store import Store

    if address and engine != "ray":
        raise click.UsageError("--address goes with --engine ray")
    step_back()
    with Store.open(db) as store:
        with _progress(quiet) as hook:
            summary = run_ingest(
                paths,
                store,
                workers=workers,
                progress=hook,
                enrich=enrich,
                stories=False,
                engine=engine,
                address=address,
                out=out,
                resume=resume,
            )
        if enrich:
            _stories(store, summary, quiet)
        total = store.count()
    _print_summary(summary, db, total)
    finished_before = summary.resumed and summary.read == 0  # a killed run, ended here
    if summary.read == summary.rejected and not finished_before:
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
    from newsdesk.ingestion import run_pipeline
    from newsdesk.readers import read_paths

    sink = _StdoutSink(fmt)
    summary = run_pipeline(read_paths(paths), sink, enrich=enrich, workers=workers)
    err.print(_closing_line(summary), markup=False)
    if summary.articles == 0:
        sys.exit(1)


class _StdoutSink:
    """`newsdesk extract`'s sink: articles as JSON on stdout, rejections on stderr."""

    name = "stdout"

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.collected: list[dict[str, Any]] = []

    def put(self, result: Result) -> None:
        rec = result.record
        if isinstance(rec, Article):
            if self.fmt == "jsonl":
                sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            else:
                self.collected.append(rec.to_dict())
        elif isinstance(rec, Rejection):
            err.print(f"rejected {rec.origin}: {rec.reason}", markup=False)

    def close(self, summary: RunSummary) -> None:
        if self.fmt == "json":
            sys.stdout.write(json.dumps(self.collected, ensure_ascii=False, indent=1) + "\n")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
@click.option(
    "--partition-by",
    type=click.Choice(["day"]),
    default=None,
    help="Parquet only: a lake folder (articles, lists, entities, events) split by day.",
)
@db_option
def export(fmt: str, output: Path | None, partition_by: str | None, db: Path) -> None:
    """Export every stored article (latest versions) as JSONL, a Parquet file, or a
    Parquet lake folder (`--partition-by day`) that DuckDB and Polars read directly."""
    from newsdesk.export import write_jsonl, write_parquet
    from newsdesk.store import Store

    if partition_by and fmt != "parquet":
        raise click.UsageError("--partition-by goes with --format parquet")
    if fmt == "parquet" and output is None:
        raise click.UsageError("--output is required for parquet")
    with Store.open(db, read_only=True) as store:
        if fmt == "jsonl":
            n = write_jsonl(store.iter_articles(), output)
        elif partition_by:
            from newsdesk.lake import write_lake

            assert output is not None
            rows = write_lake(store.iter_articles(), output)
            n = rows["articles"]
            err.print(", ".join(f"{k}: {v} rows" for k, v in rows.items()), markup=False)
        else:
            assert output is not None
            n = write_parquet(store.iter_articles(), output)
    err.print(f"exported {n} articles" + (f" to {output}" if output else ""), markup=False)


@main.command()
@click.argument("article_id", required=False)
@click.option("--site", help="Remove every article of this site.")
@db_option
def delete(article_id: str | None, site: str | None, db: Path) -> None:
    """Remove an article (or a whole site) from the store and the search index."""
    from newsdesk.store import Store

    if bool(article_id) == bool(site):
        raise click.UsageError("give either an ARTICLE_ID or --site SITE")
    with Store.open(db, create=False) as store:
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

    step_back()
    with Store.open(db, create=False) as store:
        summary = run_reextract(store, workers=workers, enrich=enrich)
    err.print(
        f"re-extracted {summary.replaced} articles ({summary.rejected} failed) "
        f"in {summary.seconds:.1f}s"
    )
    if summary.stories is not None:
        err.print(_stories_line(summary), markup=False)


def step_back() -> None:
    """Lower this process's CPU priority by `batch_niceness` (its workers inherit it).

    Enrichment takes every core it is given; a portal serving from the same machine
    then answers in seconds instead of milliseconds.  A lower priority costs nothing
    when nothing else wants the CPU."""
    niceness = settings.get_int("batch_niceness")
    if niceness > 0 and hasattr(os, "nice"):
        try:
            os.nice(niceness)
        except OSError as exc:  # not permitted here: run at the usual priority
            err.print(f"[yellow]could not lower the priority: {exc}[/yellow]")


def _stories(store: Any, summary: RunSummary, quiet: bool) -> None:
    """The stories step after an ingest, with a spinner on stderr unless quiet."""
    from newsdesk.ingestion import stories_step

    if quiet:
        stories_step(store, summary)
        return
    with err.status("stories: reprints, stories, hot…"):
        stories_step(store, summary)


def _stories_line(summary: RunSummary) -> str:
    s = summary.stories
    if s is None:
        return "stories: not updated (--no-enrich; any story command catches up)"
    return (
        f"stories: {s.processed} articles processed ({s.opened} opened a story, {s.joined} "
        f"joined one, {s.reprints} reprints), {s.removed} taken out, {s.seconds:.1f}s"
    )


def _closing_line(summary: RunSummary) -> str:
    """`newsdesk extract`'s last line, from the run's summary."""
    reasons = ", ".join(f"{k}: {v}" for k, v in summary.reasons.items())
    return (
        f"{summary.articles} articles from {summary.read} pages, {summary.rejected} rejected"
        + (f" ({reasons})" if reasons else "")
        + f", {summary.skipped} skipped, {summary.seconds:.1f}s"
        + f" [{_step_times(summary)}]"
    )


def _step_times(summary: RunSummary) -> str:
    return ", ".join(f"{name} {st.seconds:.1f}s" for name, st in summary.steps.items())


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
def rejections(db: Path, limit: int) -> None:
    """List what was turned away, with the reasons."""
    from newsdesk.store import Store

    with Store.open(db, read_only=True) as store:
        rows = store.rejections()[-limit:]
    table = Table("when", "origin", "reason", box=None)
    for r in rows:
        table.add_row(r.at.strftime("%Y-%m-%d %H:%M:%S"), r.origin, r.reason)
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


def _print_summary(s: RunSummary, db: Path, total: int) -> None:
    table = Table(title=f"ingest into {db}", box=None, show_header=False)
    table.add_row("pages read", str(s.read))
    table.add_row("articles added", str(s.added))
    table.add_row("new versions", str(s.new_versions))
    table.add_row("unchanged (already stored)", str(s.unchanged))
    table.add_row("rejected", str(s.rejected))
    for reason, n in sorted(s.reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {reason}", str(n))
    table.add_row("skipped (not pages)", str(s.skipped))
    if s.resumed:
        table.add_row("resumed (parts stored before)", str(s.resumed))
    table.add_row("articles in store", str(total))
    table.add_row("time", f"{s.seconds:.1f}s ({s.rate:.0f} pages/s)")
    table.add_row("  by step", _step_times(s))
    table.add_row("stories updated", _stories_line(s).removeprefix("stories: "))
    err.print(table)
