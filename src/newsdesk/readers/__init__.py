"""Readers: files, folders, globs, JSON Lines dumps and WARC archives -> `Page`s.

`read_paths` is the one entry point.  It streams: one page is in memory at a time,
whatever the size of a dump or archive.  It never raises for bad input; the stream
carries three kinds of item:

- `Page` — a page to extract, already decoded (`text` set, `data` kept when the
  page came as bytes: `.txt`, `.html`, WARC; JSON Lines pages have `text` only);
- `Rejection(origin, reason)` — input that should have been a page and cannot be
  read: missing, unreadable, empty, binary, undecodable, too large, malformed,
  truncated;
- `Skipped(origin, reason)` — input that is not a page at all: a file of another
  type (`*.gold.json`, images) or a WARC response holding an image or a redirect.

By file name: `.txt` -> text page; `.html`/`.htm`/`.xhtml` -> HTML page;
`.jsonl`/`.ndjson` (gzip or not) -> one page per line; `.warc`/`.arc` (gzip or
not) -> one page per HTML or text response.  Folders are read recursively in name
order, so runs are reproducible.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.article import Page, PageKind
from newsdesk.errors import Rejection, Skipped
from newsdesk.readers.files import DEFAULT_MAX_BYTES, expand_paths, read_page_file
from newsdesk.readers.jsonl import read_jsonl
from newsdesk.readers.warc import read_warc

__all__ = ["DEFAULT_MAX_BYTES", "read_paths"]

logger = logging.getLogger(__name__)

_PAGE_SUFFIXES: dict[str, PageKind] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Page | Rejection | Skipped]:
    """Every page under `paths` (files, folders, globs), with what was turned away.

    `max_bytes` bounds one page (a file, a JSON line's page, a WARC payload);
    larger ones are rejected without being read whole.
    """
    if isinstance(paths, str | Path):
        paths = [paths]  # one path given bare, not a string of one-letter paths
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    for path in expand_paths(paths):
        if isinstance(path, Rejection):
            yield path
        else:
            yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Page | Rejection | Skipped]:
    name = path.name.lower()
    try:
        if name.endswith(_JSONL_SUFFIXES):
            yield from read_jsonl(path, max_bytes=max_bytes)
        elif name.endswith(_WARC_SUFFIXES):
            yield from read_warc(path, max_bytes=max_bytes)
        elif path.suffix.lower() in _PAGE_SUFFIXES:
            yield read_page_file(path, _PAGE_SUFFIXES[path.suffix.lower()], max_bytes=max_bytes)
        else:
            kind = f"{path.suffix.lower()} file" if path.suffix else "file without extension"
            yield Skipped(str(path), f"not a page: {kind}")
    # The last line of defence: one file's surprise must not end the run.
    except Exception as exc:
        logger.exception("%s: unexpected error while reading", path)
        yield Rejection(str(path), f"unreadable: {type(exc).__name__}: {exc}"[:200])
