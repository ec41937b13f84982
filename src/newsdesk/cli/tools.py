"""Commands around the store: models on stdin, the portal, the settings table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from newsdesk import settings
from newsdesk.cli.app import main
from newsdesk.cli.options import db_option, err, out


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
    """Articles on stdin, one per line -> one channel id per line (politics, world, …).

    \b
    A line is one of:
      TITLE<TAB>TEXT                        a title and the article's text
      {"title": "...", "text": "..."}       a JSON object with title and/or text
      TITLE                                 anything else: the whole line is a title
    Give the text when there is one: the model reads the start of the body as well
    as the title, and full articles are classified far better with it.  An empty
    line gives an empty line.
    """
    from newsdesk.enrich.channel import classify as channel_of

    for line in sys.stdin:
        title, text = classify_input(line.rstrip("\r\n"))
        found = channel_of(title, text)[0] if title.strip() or (text or "").strip() else ""
        sys.stdout.write(found + "\n")


def classify_input(line: str) -> tuple[str, str | None]:
    """(title, text) of one `classify` input line: JSON with `title` and/or `text`,
    else `title<TAB>text`, else the whole line as a title."""
    if line.lstrip().startswith("{"):
        try:
            parsed = json.loads(line)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            title, text = parsed.get("title"), parsed.get("text")
            if isinstance(title, str) or isinstance(text, str):
                return (
                    title if isinstance(title, str) else "",
                    text if isinstance(text, str) else None,
                )
    if "\t" in line:
        title, _, text = line.partition("\t")
        return title, text
    return line, None


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Server processes (more than one is for a PostgreSQL store on several cores).",
)
def serve(db: Path | str, host: str, port: int, workers: int) -> None:
    """Serve the portal (web reader and JSON API) over the store."""
    from newsdesk.web.app import serve as run_server
    from newsdesk.web.app import unusable

    shown = f"[{host}]" if ":" in host else host
    why = unusable(host, port)
    if why:
        raise click.ClickException(f"cannot serve on {shown}:{port}: {why}")
    err.print(
        f"newsdesk portal on [bold]http://{shown}:{port}/[/bold] (store {db}); Ctrl+C stops it"
    )
    run_server(db, host=host, port=port, workers=workers)


@main.command(name="settings")
def show_settings() -> None:
    """List the settings, their environment variables and current values."""
    table = Table("setting", "environment", "value", "meaning", box=None)
    for s in settings.SETTINGS:
        table.add_row(s.name, s.env, s.value(), s.help)
    out.print(table)


@main.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup(destination: Path, db: Path | str) -> None:
    """Copy the store to DESTINATION while it stays in use (ingest, portal)."""
    from newsdesk.store.backup import backup as copy_store

    with err.status(f"backing up {db}…"):
        copy = copy_store(db, destination)
    err.print(f"backup: {copy.articles:,} articles, {copy.bytes / 1e6:,.1f} MB in {copy.path}")


@main.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def restore(backup_file: Path, db: Path | str) -> None:
    """Replace the store with BACKUP_FILE (checked first; readers see one or the other)."""
    from newsdesk.store.backup import restore as put_back

    with err.status(f"restoring {backup_file} into {db}…"):
        copy = put_back(backup_file, db)
    err.print(f"restored: {copy.articles:,} articles in {copy.path}")
