"""`POST /api/pages`: pages uploaded over HTTP, read and stored like `newsdesk ingest`.

The body is one page (HTML or a text dump) or an archive of pages (WARC, JSON
Lines).  It goes through the same readers and extraction as files on disk, so
uploads get the same charset checks, size guard and rejections with reasons.
Archives are read from a temporary file (the readers stream from files); their
pages' origins are renamed `upload:<name>` so no temporary path is ever stored.

The write uses its own `Store` for the one request: the portal's pooled
connections are read-only.  As after `newsdesk ingest`, the stories step then
processes what was added (incrementally), but after the answer, in a thread of its
own (`StoriesRefresher`): on a large store its cost is mostly loading the state of
the open stories (seconds), which no upload should wait for.  Uploads arriving
meanwhile are taken in by the next run, one run at a time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from newsdesk import settings
from newsdesk.article import Article, Page
from newsdesk.errors import Rejection
from newsdesk.pipeline import Extract
from newsdesk.readers import read_paths
from newsdesk.readers.files import decoded
from newsdesk.store import Store

Kind = Literal["html", "text", "warc", "jsonl"]
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
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class UploadResult:
    """What an upload did, in the words of `newsdesk ingest`'s summary."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    new_versions: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "unchanged": self.unchanged,
            "new_versions": self.new_versions,
            "rejected": self.rejected,
            "articles": self.articles,
        }


def detect_kind(content_type: str | None, data: bytes) -> Kind:
    """The kind of an upload from its Content-Type, else from its first bytes."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in _CONTENT_TYPES:
        return _CONTENT_TYPES[declared]
    head = data[:512].lstrip()
    if head.startswith(b"WARC/") or head.startswith(GZIP_MAGIC):
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
) -> UploadResult:
    """Read the uploaded bytes as `kind` and store what was read."""
    origin = label(name, data)
    items = _pages(data, kind=kind, url=url, origin=origin)
    result = UploadResult()
    pairs: list[tuple[Page, Article]] = []
    rejections: list[Rejection] = []
    extract = Extract()
    for item in items:
        if isinstance(item, Page):
            result.read += 1
            record = extract(item)
            if isinstance(record, Article):
                pairs.append((item, record))
            else:
                rejections.append(record)
        elif isinstance(item, Rejection):
            result.read += 1
            rejections.append(item)
    with Store.open(db_path) as store:
        if pairs:
            added = store.add(pairs)
            result.added, result.unchanged = added.added, added.unchanged
            result.new_versions = added.new_versions
        if rejections:
            store.reject(rejections)
    result.rejected = [{"origin": r.origin, "reason": r.reason} for r in rejections]
    result.articles = [{"id": a.id, "title": a.title} for _, a in pairs]
    return result


def _pages(data: bytes, *, kind: Kind, url: str | None, origin: str) -> list[object]:
    limit = settings.get_int("max_page_bytes")
    if kind in ("html", "text"):
        if not data.strip():
            return [Rejection(origin, "empty upload")]
        if len(data) > limit:
            return [Rejection(origin, f"too large: {len(data):,} bytes (limit {limit:,})")]
        return [decoded(Page(origin=origin, kind=kind, data=data, url=url))]
    suffix = ".warc.gz" if kind == "warc" and data.startswith(GZIP_MAGIC) else f".{kind}"
    if kind == "jsonl" and data.startswith(GZIP_MAGIC):
        suffix = ".jsonl.gz"
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-upload-"))
    try:
        path = folder / ("upload" + suffix)
        path.write_bytes(data)
        items: list[object] = []
        for item in read_paths([path], max_bytes=limit):
            if isinstance(item, Page):
                item.origin = item.origin.replace(str(path), origin)
                items.append(item)
            elif isinstance(item, Rejection):
                items.append(replace(item, origin=item.origin.replace(str(path), origin)))
        return items
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
        from newsdesk.ingestion import refresh_stories

        while True:
            with self._lock:
                if not self._pending:
                    self._thread = None
                    self._idle.set()
                    return
                self._pending = False
            try:
                with Store.open(self.db_path) as store:
                    refresh_stories(store)
            except Exception:  # a failed run must not stop later ones; the next catches up
                log.exception("stories step after an upload failed")
            if self.done is not None:
                self.done()
