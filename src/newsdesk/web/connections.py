"""Read connections for the web app: one connection per worker thread.

Why per thread: a connection must not be shared between threads that use it at the
same time, and opening one per request costs more than the query.  The ASGI server
runs the (synchronous) page and API handlers in a pool of threads, so each thread
keeps a connection while it lives, and hands it on to a later thread when it ends.

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


class _Lease:
    """A connection lent to one thread, given back to the pool when the thread ends
    (its thread-local storage is dropped then)."""

    __slots__ = ("con", "idle")

    def __init__(self, con: Connection, idle: list[Connection]) -> None:
        self.con, self.idle = con, idle

    def __del__(self) -> None:
        self.idle.append(self.con)  # atomic: no lock while a thread is torn down


class ReadPool:
    """Lends each thread its own read-only connection to the store at `path`.

    The server's threads come and go (an idle one stops after a few seconds), so a
    connection outlives its thread: the next new thread takes it, warm, instead of
    opening another.  The pool holds at most as many as ever ran at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._all: list[Connection] = []
        self._idle: list[Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> Connection:
        """This thread's connection: an idle one, else one opened now."""
        lease: _Lease | None = getattr(self._local, "lease", None)
        if lease is None:
            with self._lock:
                con = self._idle.pop() if self._idle else None
            if con is None:
                con = engines.connect(self.path, read_only=True)
                with self._lock:
                    self._all.append(con)
            lease = _Lease(con, self._idle)
            self._local.lease = lease
        return lease.con

    @property
    def size(self) -> int:
        """How many connections the pool has opened (and holds)."""
        return len(self._all)

    def close(self) -> None:
        """Close every connection (at shutdown, when no request runs)."""
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()
            self._idle = []
        self._local = threading.local()
