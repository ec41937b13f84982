"""Read connections for the web app: one SQLite connection per worker thread.

Why per thread: a `sqlite3.Connection` must not be shared between threads that use
it at the same time, and opening one per request costs more than the query.  The
ASGI server runs the (synchronous) page and API handlers in a pool of threads, so
each thread keeps its own connection for the life of the app.

Why `query_only`: the portal never writes through these connections, so a bug in a
page cannot change the store.  Reads in WAL mode see the latest committed data and
never wait for a writer, which is what lets `newsdesk ingest` run beside the portal.
Uploads (`POST /api/pages`) open their own writable `Store` for the one request.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from newsdesk.store import db

# Pages each connection keeps: reads go through the memory map below, so this cache
# mostly holds the index roots; 8 MiB keeps forty threads' worth modest.
CACHE_KIB = 8 * 1024
# Memory-mapped reads skip a copy per page; readers only, so a crash cannot corrupt.
MMAP_BYTES = 256 * 1024 * 1024


class ReadPool:
    """Hands each thread its own read-only connection to the store at `path`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = self._open()
            self._local.con = con
            with self._lock:
                self._all.append(con)
        return con

    def _open(self) -> sqlite3.Connection:
        # check_same_thread=False only so that `close` may run on the shutdown thread;
        # each connection is used by the one thread that opened it.
        con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {db.BUSY_TIMEOUT_MS}")
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        con.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        con.execute("PRAGMA query_only = ON")
        return con

    def close(self) -> None:
        """Close every connection handed out (at shutdown, when no request runs)."""
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()
        self._local = threading.local()
