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
    """One title or text per line on stdin -> one channel id per line (politics, world, …)."""
    from newsdesk.enrich.channel import classify as channel_of

    for line in sys.stdin:
        text = line.rstrip("\n")
        sys.stdout.write((channel_of(text)[0] if text.strip() else "") + "\n")


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
