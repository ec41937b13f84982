"""Read connections for the web app: one connection per worker thread.

Why per thread: a connection must not be shared between threads that use it at the
same time, and opening one per request costs more than the query.  The ASGI server
runs the (synchronous) page and API handlers in a pool of threads, so each thread
keeps its own connection for the life of the app.

Why read-only: the portal never writes through these connections, so a bug in a
page cannot change the store.  Readers see the latest committed data and never wait
for a writer (SQLite's WAL, PostgreSQL's snapshots), which is what lets
`newsdesk ingest` run beside the portal.  Uploads (`POST /api/pages`) open their own
writable `Store` for the one request.
"""

from __future__ import annotations

import threading
from pathlib import Path

from newsdesk.store import engines
from newsdesk.store.engines import Connection


class ReadPool:
    """Hands each thread its own read-only connection to the store at `path`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._all: list[Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> Connection:
        """This thread's connection, opened on first use."""
        con: Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = engines.connect(self.path, read_only=True)
            self._local.con = con
            with self._lock:
                self._all.append(con)
        return con

    def close(self) -> None:
        """Close every connection handed out (at shutdown, when no request runs)."""
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()
        self._local = threading.local()
