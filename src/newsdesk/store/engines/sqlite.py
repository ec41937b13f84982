"""SQLite, the embedded engine: its connection settings and what its SQL says
differently (FTS5 MATCH and bm25, JSON id lists, time arithmetic, table checks).

Every query builds its SQL from these names; `postgres` has the same names.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store import tokenize
from newsdesk.store.engines import json_list as json_list
from newsdesk.store.engines import json_value as json_value
from newsdesk.store.engines import values as values
from newsdesk.store.search import BODY_WEIGHT, CAPTIONS_WEIGHT, TITLE_WEIGHT

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another one before giving up
CACHE_KIB = 32 * 1024  # page cache; large enough that one ingest batch stays in memory
# A reader's own cache holds the index roots and hot pages; the rest come from the
# system's file cache.  No memory map: each of the portal's threads would map the
# file anew, and its resident memory would grow toward threads × map size.
READ_CACHE_KIB = 2 * 1024
# Past this size a writer waits for the readers in flight to finish and starts the
# write-ahead log over (see `settle`); a portal's steady readers would otherwise keep
# it growing for as long as an ingest runs, and every read would get slower.
WAL_RESTART_BYTES = 32 * 1024 * 1024
MIGRATIONS = "migrations"  # the folder of this engine's schema files, in the package
# Taking the write lock up front, so a concurrent writer waits (busy timeout)
# instead of failing half-way, and a batch is planned under the lock.
BEGIN = "BEGIN IMMEDIATE"
Error: type[Exception] = sqlite3.Error


def connect(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with WAL, NORMAL sync and transactions left to `db.transaction`.

    `read_only` is a reader's connection (the portal's, one per thread): it cannot
    write and keeps a smaller cache.  It may be closed
    from another thread than the one using it (at shutdown), hence no thread check.
    """
    target = str(path)
    try:
        con = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL lets readers (the web app, a search) run while an ingest writes, and
        # with synchronous=NORMAL a commit does not wait for the disk: a power cut can
        # lose the last batches but never corrupts the store.
        if target != ":memory:" and not target.startswith("file::memory:"):
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB if read_only else CACHE_KIB}")
        if read_only:
            refuse_writes(con)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {target}: {exc}") from exc
    return con


def refuse_writes(con: sqlite3.Connection) -> None:
    """Make `con` read-only for the rest of its life (the read commands, the portal)."""
    con.execute("PRAGMA query_only = ON")


def optimize(con: sqlite3.Connection) -> None:
    """Cheap upkeep when a writer closes: keeps query plans good."""
    con.execute("PRAGMA optimize")


def settle(con: sqlite3.Connection) -> None:
    """After a commit: copy the log back into the store and empty it once it is big.

    SQLite's own checkpoints copy pages but cannot start the log over while any reader
    still reads from it, and a busy portal always has one.  A TRUNCATE checkpoint waits
    (the busy timeout) for those reads to end; readers that start meanwhile read the
    store file, so the wait is one request long.  A copy left unfinished is safe and
    is tried again after the next commit.
    """
    path = name(con)
    try:
        size = os.stat(path + "-wal").st_size if path else 0
    except OSError:  # no log yet
        return
    if size > WAL_RESTART_BYTES:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def has_table(con: sqlite3.Connection, name: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def fingerprint(con: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever anything commits to the store: the files' sizes and times."""
    path = con.execute("PRAGMA database_list").fetchone()[2]
    out: list[Any] = [path]
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
            out += [st.st_mtime_ns, st.st_size]
        except (FileNotFoundError, TypeError):  # no WAL yet; in-memory store
            out += [0, 0]
    return tuple(out)


def name(con: sqlite3.Connection) -> str:
    """Which store `con` is on ("" for an in-memory one), as a cache key."""
    return str(con.execute("PRAGMA database_list").fetchone()[2] or "")


def size_bytes(con: sqlite3.Connection) -> int:
    row = con.execute("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
    return int(row.fetchone()[0] or 0)


# --- the full-text index ---------------------------------------------------------------
# A contentless FTS5 table over pre-segmented tokens (see `tokenize`), rowid = seq.

CONTENTLESS = True  # removing a row takes the values it indexed
_COLUMNS = "rowid, title, body, captions"


def index_rows(con: sqlite3.Connection, rows: list[tuple[int, str, str, str]]) -> None:
    """Add (seq, title, body, captions) token rows to the index."""
    con.executemany(f"INSERT INTO search_index ({_COLUMNS}) VALUES (?, ?, ?, ?)", rows)


def unindex_rows(con: sqlite3.Connection, rows: list[tuple[int, str, str, str]]) -> None:
    """Remove rows: a contentless index needs the values it indexed to forget them."""
    con.executemany(
        f"INSERT INTO search_index (search_index, {_COLUMNS}) VALUES ('delete', ?, ?, ?, ?)", rows
    )


def clear_index(con: sqlite3.Connection) -> None:
    con.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")


def match(text: str) -> str | None:
    """The index's MATCH expression for a query (None when nothing can match)."""
    return tokenize.match_expression(text)


# Relevance of a row of `search_index`, higher is better.
SCORE = f"-bm25(search_index, {TITLE_WEIGHT}, {BODY_WEIGHT}, {CAPTIONS_WEIGHT})"
# Matching seqs of the full-text index, as a FROM item, its seq, and the condition
# (one parameter: the expression `match` made).
MATCHES = "search_index"
MATCH_ROWID = "search_index.rowid"
MATCH_CONDITION = "search_index MATCH ?"

# --- the rest of the queries -----------------------------------------------------------

# The time an article is ordered by: its best known time (`store.ordering`), which
# ends with when it was stored, so nothing is lost from a list.
WHEN = "a.best_time"
MONTH = f"substr({WHEN}, 1, 7)"  # YYYY-MM of the time above
# Parts of the stored JSON, as JSON text (read with `json_value`/`json_list`): a
# stored lone surrogate stays an escape instead of text SQLite cannot decode.
OPENING = "json_extract(a.doc, '$.body[0]', '$.body[1]', '$.body[2]')"  # a list's lead
BODY = "a.doc -> '$.body'"
CAPTIONS = "a.doc -> '$.captions'"

# A list passed as one parameter (`values`), for `column IN {IN_LIST}`: text values,
# or integers with `IN_INTS`.
IN_LIST = "(SELECT value FROM json_each(?))"
IN_INTS = IN_LIST
# A bytes parameter where its type cannot be inferred (a SELECT list, NULL).
BYTES_PARAM = "?"
# A {term: weight} object passed as one parameter (JSON), as rows (key, value).
WEIGHTS = "json_each(?)"


def time_distance(column: str) -> str:
    """Days between the ISO time in `column` and the parameter, for ORDER BY."""
    return f"abs(julianday({column}) - julianday(?))"


def event_names(column: str) -> str:
    """A condition: the JSON array `column` holds the parameter."""
    return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"
