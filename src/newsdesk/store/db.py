"""The SQLite connection: opening with the right settings, migrations, transactions.

Migrations are the numbered `migrations/NNNN_name.sql` files shipped in the package.
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
from pathlib import Path

from newsdesk.errors import StoreError

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another one before giving up
CACHE_KIB = 32 * 1024  # page cache; large enough that one ingest batch stays in memory


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def now() -> str:
    """The current time as stored: UTC, ISO 8601, microseconds."""
    return datetime.now(UTC).isoformat()


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection with WAL, NORMAL sync and transactions left to `transaction()`."""
    target = str(path)
    try:
        con = sqlite3.connect(target, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL lets readers (the web app, a search) run while an ingest writes, and
        # with synchronous=NORMAL a commit does not wait for the disk: a power cut can
        # lose the last batches but never corrupts the store.
        if target != ":memory:" and not target.startswith("file::memory:"):
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {target}: {exc}") from exc
    return con


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything in the block is written, or nothing.

    BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
    (busy timeout) instead of failing half-way.  SQLite errors become `StoreError`;
    any other exception is re-raised as is after the rollback.
    """
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot write to the store: {exc}") from exc
    try:
        yield con
    except sqlite3.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"store write failed, batch rolled back: {exc}") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    try:
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise StoreError(f"store commit failed: {exc}") from exc


def migrations() -> list[Migration]:
    """The schema files shipped in the package, in version order."""
    found = []
    for entry in (resources.files("newsdesk.store") / "migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {[m.name for m in found]}")
    return found


def schema_version(con: sqlite3.Connection) -> int:
    """The newest migration applied to this store (0 for a new one)."""
    row = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: sqlite3.Connection, available: list[Migration] | None = None) -> list[int]:
    """Apply the pending migrations in order; returns the versions applied."""
    available = migrations() if available is None else available
    latest = max((m.version for m in available), default=0)
    applied: list[int] = []
    try:
        if schema_version(con) == latest:  # the common case: no write lock needed
            return applied
    except sqlite3.DatabaseError as exc:
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
