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

`read_bytes` reads one body given in memory (an upload) by the same rules: a single
page through `page_from_bytes`, as a file's bytes go; an archive through the same
archive readers, from a temporary file, its origins renamed to the one given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

from newsdesk.article import Page, PageKind
from newsdesk.errors import Rejection, Skipped

# The file, JSONL and WARC readers are imported where they are used: extracting one
# page (`newsdesk.readers.charset`) loads this package and should not pay for them.

__all__ = ["BodyKind", "read_bytes", "read_file", "read_paths"]

BodyKind = Literal["html", "text", "warc", "jsonl"]

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
    paths: Iterable[str | Path], *, max_bytes: int | None = None
) -> Iterator[Page | Rejection | Skipped]:
    """Every page under `paths` (files, folders, globs), with what was turned away.

    `max_bytes` (default: the `max_page_bytes` setting) bounds one page (a file, a
    JSON line's page, a WARC payload); larger ones are rejected without being read whole.
    """
    from newsdesk.readers.files import expand_paths, max_page_bytes

    if isinstance(paths, str | Path):
        paths = [paths]  # one path given bare, not a string of one-letter paths
    limit = max_page_bytes(max_bytes)
    for path in expand_paths(paths):
        if isinstance(path, Rejection):
            yield path
        else:
            yield from read_file(path, limit)


def read_bytes(
    data: bytes,
    *,
    kind: BodyKind,
    origin: str,
    url: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Page | Rejection | Skipped]:
    """The pages of one body held in memory, read as files of its kind are.

    A single page (`html`, `text`) gets `url`; an archive's pages carry their own
    URLs, and their origins name `origin` in place of the temporary file.
    """
    import shutil
    import tempfile

    from newsdesk.readers.files import is_gzip, max_page_bytes, page_from_bytes

    limit = max_page_bytes(max_bytes)
    if kind in ("html", "text"):
        single: PageKind = "html" if kind == "html" else "text"
        yield page_from_bytes(
            data, kind=single, origin=origin, url=url, max_bytes=limit, empty="empty upload"
        )
        return
    suffix = f".{kind}" + (".gz" if is_gzip(data) else "")
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-body-"))
    try:
        path = folder / ("body" + suffix)
        path.write_bytes(data)
        for item in read_file(path, limit):
            yield replace(item, origin=item.origin.replace(str(path), origin))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_file(path: Path, max_bytes: int) -> Iterator[Page | Rejection | Skipped]:
    """The items of one file, by its name's kind; never raises (a part read whole)."""
    from newsdesk.readers.files import read_page_file
    from newsdesk.readers.jsonl import read_jsonl
    from newsdesk.readers.warc import read_warc

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
