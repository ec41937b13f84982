"""The `newsdesk` command line: thin commands over the library (see `app`)."""

from newsdesk.cli import ingest, read, tools  # noqa: F401  (registers the commands)
from newsdesk.cli.app import main, run

__all__ = ["main", "run"]
