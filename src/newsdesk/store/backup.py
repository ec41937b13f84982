"""Copies of a SQLite store taken while it is in use, and putting one back.

SQLite's online backup API copies the database inside one read transaction, so an
ingest or the portal goes on while the copy is made (WAL readers never block the
writer) and the copy is one consistent snapshot of the last commit.  The copy is
written beside its destination under a temporary name, checked, and only then
renamed into place: a failed or interrupted backup leaves no half-written file.

A restore copies a checked backup into the store through the same API, inside one
write transaction: readers see the old store or the restored one, never a mix.

PostgreSQL has its own tools for both (`pg_dump -Fc`, `pg_restore --clean`), which
the README shows; these functions refuse a server store with that advice.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import StoreError
from newsdesk.store import engines

SERVER_ADVICE = (
    "a PostgreSQL store is backed up with `pg_dump -Fc URL -f FILE` "
    "and restored with `pg_restore --clean --dbname URL FILE`"
)


@dataclass(frozen=True, slots=True)
class Copy:
    """What a backup or restore wrote: where, how many bytes and articles."""

    path: Path
    bytes: int
    articles: int


def backup(store: str | Path, destination: str | Path) -> Copy:
    """Copy the store at `store` to the file `destination` (replaced when it exists)."""
    source_path = _local(store)
    if not source_path.is_file():
        raise StoreError(f"no store at {source_path}")
    target = Path(destination)
    if target.resolve() == source_path.resolve():
        raise StoreError("the backup would overwrite the store itself; choose another path")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the backup a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with _open(source_path) as source, _open(partial) as copy:
            source.backup(copy)  # one step: one read transaction, one snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        _check(partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"backup to {target} failed: {exc}") from exc
    finally:
        _remove(partial)
    return Copy(target, target.stat().st_size, _articles(target))


def restore(backup_file: str | Path, store: str | Path) -> Copy:
    """Replace the store at `store` with the checked backup `backup_file`."""
    source_path = Path(backup_file)
    target = _local(store)
    if not source_path.is_file():
        raise StoreError(f"no backup at {source_path}")
    if target.exists() and target.resolve() == source_path.resolve():
        raise StoreError("the backup and the store are the same file")
    _check(source_path)
    try:
        with _open(source_path) as source, _open(target) as live:
            live.execute("PRAGMA journal_mode = WAL")
            source.backup(live)  # written in one transaction of the live store
    except sqlite3.Error as exc:
        raise StoreError(f"restore into {target} failed: {exc}") from exc
    return Copy(target, target.stat().st_size, _articles(target))


def _local(store: str | Path) -> Path:
    if engines.is_url(store):
        raise StoreError(f"not a SQLite store: {SERVER_ADVICE}")
    return Path(store)


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        yield con
    finally:
        con.close()


def _check(path: Path) -> None:
    """Refuse a file that is damaged or is not a newsdesk store."""
    try:
        with _open(path) as con:
            status = con.execute("PRAGMA integrity_check").fetchone()[0]
            is_store = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
            ).fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"{path} is not a readable store: {exc}") from exc
    if status != "ok":
        raise StoreError(f"{path} fails the integrity check: {status}")
    if is_store is None:
        raise StoreError(f"{path} is not a newsdesk store")


def _articles(path: Path) -> int:
    with _open(path) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def _remove(path: Path) -> None:
    for name in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()
