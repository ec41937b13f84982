"""`POST /api/pages`: pages uploaded over HTTP, stored exactly as `newsdesk ingest` would.

The body is one page (HTML or a text dump) or an archive of pages (WARC, JSON
Lines).  It goes through the same pipeline as files on disk
(`newsdesk.ingestion.ingest_body`: the readers' rules, extraction, enrichment, the
store sink), so an uploaded page is stored as its file would be.  Archives are read
from a temporary file (the readers stream from files); their pages' origins are
renamed `upload:<name>` so no temporary path is ever stored.

The write uses its own `Store` for the one request: the portal's pooled
connections are read-only.  As after `newsdesk ingest`, the stories step
(`ingestion.stories_step`) then processes what was added (incrementally), but after
the answer, in a thread of its own (`StoriesRefresher`): on a large store its cost is
mostly loading the state of the open stories (seconds), which no upload should wait
for.  Uploads arriving meanwhile are taken in by the next run, one run at a time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

from newsdesk.readers import BodyKind
from newsdesk.readers.files import is_gzip
from newsdesk.store import Store

Kind = BodyKind
KINDS: tuple[Kind, ...] = ("html", "text", "warc", "jsonl")
_CONTENT_TYPES: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/warc": "warc",
    "application/x-warc": "warc",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
}
_NAME_JUNK = re.compile(r"[^\w.\-]+")


def detect_kind(content_type: str | None, data: bytes) -> Kind:
    """The kind of an upload from its Content-Type, else from its first bytes."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in _CONTENT_TYPES:
        return _CONTENT_TYPES[declared]
    head = data[:512].lstrip()
    if head.startswith(b"WARC/") or is_gzip(head):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    return "html" if head.startswith(b"<") else "text"


def label(name: str | None, data: bytes) -> str:
    """The origin recorded for an upload: the client's file name (cleaned) or the hash."""
    cleaned = _NAME_JUNK.sub("_", (name or "").strip())[:100].strip("._")
    return "upload:" + (cleaned or hashlib.sha256(data).hexdigest()[:16])


def ingest_upload(
    db_path: str, data: bytes, *, kind: Kind, url: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """Store the uploaded bytes read as `kind`; the answer is the run's summary
    (`RunSummary.to_dict()`), with `rejected` listing what was turned away (origin,
    reason) rather than counting it, and `articles` the ids and titles stored."""
    from newsdesk.ingestion import ingest_body

    with Store.open(db_path) as store:
        summary, sink = ingest_body(data, store, kind=kind, origin=label(name, data), url=url)
    answer = summary.to_dict()
    answer["rejected"] = [{"origin": r.origin, "reason": r.reason} for r in sink.rejections]
    answer["articles"] = [{"id": a.id, "title": a.title} for a in sink.stored]
    return answer


log = logging.getLogger(__name__)


class StoriesRefresher:
    """Runs the stories step over the store after uploads: off the request, one run at
    a time, and once more after a run if uploads came in while it ran."""

    def __init__(self, db_path: str, done: Callable[[], None] | None = None) -> None:
        self.db_path = db_path
        self.done = done  # called after each run (the portal drops its cached answers)
        self._lock = threading.Lock()
        self._pending = False
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def request(self) -> None:
        """Ask for a run (starts one unless one is running, which then runs again)."""
        with self._lock:
            self._pending = True
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="newsdesk-stories", daemon=True
                )
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no run is due; False if `timeout` seconds passed first."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        from newsdesk.ingestion import stories_step

        while True:
            with self._lock:
                if not self._pending:
                    self._thread = None
                    self._idle.set()
                    return
                self._pending = False
            try:
                with Store.open(self.db_path) as store:
                    stories_step(store)
            except Exception:  # a failed run must not stop later ones; the next catches up
                log.exception("stories step after an upload failed")
            if self.done is not None:
                self.done()
