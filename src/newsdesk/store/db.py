"""Connections, transactions and migrations, the same on both engines.

Migrations are the numbered `NNNN_name.sql` files shipped in the package, one folder
per engine (`migrations/` for SQLite, `migrations/postgresql/`), with the same
numbers and names: a store is at the same version whatever it runs on.
Each pending one runs inside one transaction together with its row in
`schema_version`, so a store is always at a whole version.  The write lock is
taken before the current version is read, so two processes opening a fresh store
at once do not both migrate it.  A store from a newer newsdesk (a version this
code has no file for) is refused rather than written with the wrong schema.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from newsdesk.errors import StoreError
from newsdesk.store.engines import Connection, engine
from newsdesk.store.engines import connect as connect

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def now() -> str:
    """The current time as stored: UTC, ISO 8601, microseconds."""
    return datetime.now(UTC).isoformat()


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """One write transaction: everything in the block is written, or nothing.

    The engine's BEGIN takes the write lock up front, so a concurrent writer waits
    instead of failing half-way.  Database errors become `StoreError`; any other
    exception is re-raised as is after the rollback.
    """
    kind = engine(con)
    try:
        con.execute(kind.BEGIN)
    except kind.Error as exc:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise StoreError(f"cannot write to the store: {_why(exc)}") from exc
    try:
        yield con
    except kind.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"store write failed, batch rolled back: {_why(exc)}") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    try:
        con.execute("COMMIT")
    except kind.Error as exc:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise StoreError(f"store commit failed, batch rolled back: {_why(exc)}") from exc
    try:
        kind.settle(con)
    except kind.Error as exc:  # the batch is stored; the log is emptied another time
        log.warning("could not empty the store's log: %s", exc)


def _why(exc: Exception) -> str:
    """The database's message, with the likely cause when it is the disk."""
    text = str(exc)
    if "disk i/o error" in text.lower() or "disk is full" in text.lower():
        return f"{text} (is the disk full? batches before this one are stored)"
    return text


def migrations(folder: str = "migrations") -> list[Migration]:
    """The schema files of one engine's `folder` in the package, in version order."""
    found = []
    for entry in (resources.files("newsdesk.store") / folder).iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {[m.name for m in found]}")
    return found


def schema_version(con: Connection) -> int:
    """The newest migration applied to this store (0 for a new one)."""
    if not engine(con).has_table(con, "schema_version"):
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: Connection, available: list[Migration] | None = None) -> list[int]:
    """Apply the pending migrations in order; returns the versions applied."""
    kind = engine(con)
    available = migrations(kind.MIGRATIONS) if available is None else available
    latest = max((m.version for m in available), default=0)
    applied: list[int] = []
    try:
        if schema_version(con) == latest:  # the common case: no write lock needed
            return applied
    except kind.Error as exc:
        raise StoreError(f"not a newsdesk store: {exc}") from exc
    with transaction(con):
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = schema_version(con)
        if current > latest:
            raise StoreError(
                f"the store is at schema version {current}, newer than this newsdesk "
                f"knows ({latest}); upgrade newsdesk"
            )
        for mig in available:
            if mig.version > current:
                for statement in split_statements(mig.sql):
                    con.execute(statement)
                con.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (mig.version, mig.name, now()),
                )
                applied.append(mig.version)
                log.info("applied migration %s", mig.name)
    return applied


def split_statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one at a time.

    `executescript` would commit the open transaction first, so the runner executes
    statement by statement; `sqlite3.complete_statement` decides where one ends, so
    semicolons inside strings or trigger bodies are handled by SQLite's own rules.
    """
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if _strip_comments(pending).strip(" \t\r\n;"):
                yield pending
            pending = ""
    if _strip_comments(pending).strip(" \t\r\n;"):
        raise StoreError(f"incomplete statement at the end of a migration: {pending[:80]!r}")


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)
