"""The two database engines a store runs on: SQLite (embedded, the default) and
PostgreSQL (a server, for several machines and processes).

Everything above this package writes one SQL text with `?` parameters and asks the
connection's engine for the few pieces the engines say differently: the full-text
index and its ranking, lists passed as one parameter, JSON paths, time arithmetic,
how a write transaction starts, where the migrations are.  `engine(con)` gives that
module for a connection; `connect(target)` opens one from a path or a URL.

    from newsdesk.store import engines

    con = engines.connect("postgresql://newsdesk@db/news")   # or "newsdesk.db"
    sql = engines.engine(con)
    con.execute(f"SELECT title FROM articles WHERE id IN {sql.IN_LIST}", (sql.values(ids),))
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

URL_SCHEMES = ("postgresql://", "postgres://")


class Connection(Protocol):
    """The part of a DB-API connection the store uses: `?` parameters on both engines."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any: ...

    def close(self) -> None: ...


def is_url(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL database rather than a SQLite file."""
    return str(target).startswith(URL_SCHEMES)


def connect(target: str | Path, *, read_only: bool = False) -> Connection:
    """A connection to the store at `target`: a SQLite file (or ":memory:") or a URL."""
    if is_url(target):
        try:
            from newsdesk.store.engines import postgres
        except ImportError as exc:
            from newsdesk.errors import MissingDependency

            raise MissingDependency("psycopg", "postgresql") from exc
        return postgres.connect(str(target), read_only=read_only)
    from newsdesk.store.engines import sqlite

    return sqlite.connect(target, read_only=read_only)


def engine(con: Connection) -> Any:
    """The engine module of `con` (`sqlite` or `postgres`), which the SQL is built from."""
    if isinstance(con, sqlite3.Connection):
        from newsdesk.store.engines import sqlite

        return sqlite
    from newsdesk.store.engines import postgres

    return postgres


def values(items: Sequence[Any]) -> str:
    """The parameter for `IN_LIST`/`IN_INTS`: a list as one argument (JSON)."""
    return json.dumps(list(items), ensure_ascii=False)


def json_list(raw: str | None) -> list[Any]:
    """A JSON array column as a list (an empty list for NULL or damage)."""
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def json_value(raw: str | None) -> Any:
    """A JSON text column as a value (None for NULL or damage)."""
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None
