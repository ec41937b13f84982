"""The `newsdesk` command group and its entry point.

Each subcommand is a thin wrapper over one library call and lives in the module of
its kind: `ingest` (what writes the store), `read` (what queries it), `tools` (models
on stdin, the portal, settings).  Output for machines (JSON, JSONL) goes to stdout;
progress, summaries and messages go to stderr, so `newsdesk extract ... > out.jsonl`
stays clean.
"""

from __future__ import annotations

import logging
import sys

import click

from newsdesk.cli.options import err, esc
from newsdesk.errors import NewsdeskError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """newsdesk: crawled news pages in, a clean searchable news store out."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # jieba announces its dictionary loading on stderr at DEBUG; keep that for -vv.
    logging.getLogger("jieba").setLevel(max(level, logging.INFO))


def run() -> None:
    """Entry point that turns our own errors into clean messages."""
    try:
        main()
    except NewsdeskError as exc:
        err.print(f"[red]error:[/red] {esc(str(exc))}")
        sys.exit(1)
