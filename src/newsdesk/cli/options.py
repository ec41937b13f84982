"""What every command shares: the consoles, option decorators and small printers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from newsdesk import settings

err = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


class StoreTarget(click.ParamType):
    """A SQLite file, or a `postgresql://` URL (kept as text: a path would fold `//`)."""

    name = "store"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from newsdesk.store.engines import is_url

        text = str(value)
        if is_url(text):
            return text
        if Path(text).is_dir():
            self.fail(f"{text!r} is a folder, not a store file", param, ctx)
        return Path(text)


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        type=StoreTarget(),
        default=lambda: settings.get("db"),
        show_default=settings.get("db"),
        help="The store: a SQLite file, or a postgresql:// URL.",
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


class Time(click.ParamType):
    """An ISO 8601 time (`2025-06-04`, `2025-06-04T22:00`, `…+08:00`); naive means UTC."""

    name = "time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 time (e.g. 2025-06-04T22:00)", param, ctx)


def dump(rows: Any) -> None:
    """JSON on stdout, as every `--json` prints it."""
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def esc(text: str) -> str:
    """Crawled text made safe for rich markup."""
    from rich.markup import escape

    return escape(text)
