"""WARC and ARC archives: one page per HTTP response that holds HTML or plain text.

Records stream through warcio one at a time; a payload is read only up to the size
guard, and not at all when its declared length is already over it.

What becomes what:
- `response` (and `resource`) records with an HTML or plain-text payload and a 2xx
  status -> `Page` (URL from `WARC-Target-URI`, fetch time from `WARC-Date`,
  charset from the HTTP `Content-Type`, origin `path#<WARC-Record-ID>`);
- the same records with any other payload (images, scripts, redirects, errors)
  -> `Skipped`, one per record, so the run's counts show what the archive held;
- `request`, `metadata`, `warcinfo`, `revisit` and `conversion` records are
  bookkeeping, never pages: passed over without a trace (an archive of nothing
  else is one `Skipped`, so every input shows in the run's counts).

Compressed archives are decompressed with the standard library, whose gzip reader
notices a stream cut short (warcio's does not): a truncated archive yields every
complete record, then one `Rejection` saying which record was cut.

An archive can be read in pieces: `record_offsets` lists where each record starts
(one pass, payloads skipped), and `read_warc_range` reads the records of one byte
range, numbered as in the whole file, so pieces read apart (by other processes or
machines) give exactly the items one whole read gives.  Only plain WARCs and gzip
WARCs with one member per record can be split; `record_offsets` says None otherwise.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdesk.article import Page, PageKind
from newsdesk.errors import Rejection, Skipped
from newsdesk.readers.charset import binary_reason, sniff_charset
from newsdesk.readers.files import (
    decoded,
    is_gzip,
    open_container,
    open_range,
    parse_fetched,
    too_large,
)

logger = logging.getLogger(__name__)

_PAGE_RECORDS = frozenset({"response", "resource"})
_KINDS: dict[str, PageKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
# Types servers send when they do not know; the payload itself is looked at.
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "unknown/unknown"})
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<!--)", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:\-]+)", re.IGNORECASE)
_DRAIN_CHUNK = 1 << 16
_ARC = (".arc", ".arc.gz")


def read_warc(path: Path, *, max_bytes: int) -> Iterator[Page | Rejection | Skipped]:
    """Every page of a WARC/ARC file (gzip or not), with rejections and skips."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    with open_container(path) as opened:
        if isinstance(opened, Rejection):
            yield opened
            return
        fh, gzipped = opened
        stream = _Stream(fh, gzipped=gzipped)
        try:
            head = stream.peek().lstrip()
        except (OSError, zlib.error) as exc:  # gzip that is broken from its first member
            yield Rejection(origin, f"corrupt gzip at record 1: {exc}")
            return
        # ARC files may start with any record; WARC files start with a version line.
        if head and not head.startswith(b"WARC/") and not origin.lower().endswith(_ARC):
            yield Rejection(origin, "not an archive: no WARC or ARC records")
            return
        archive = ArchiveIterator(stream, arc2warc=True)
        found = False
        for item in _read_records(archive, stream, origin, max_bytes):
            found = True
            yield item
        if not found:  # requests, metadata and the like only: say so rather than nothing
            yield Skipped(origin, "not a page: no responses in the archive")


def record_offsets(path: Path) -> list[int] | None:
    """Where every record of a WARC starts, or None when it cannot be split
    (an ARC, a gzip of the whole file, anything unusual: it is then read whole)."""
    from warcio.archiveiterator import ArchiveIterator

    if str(path).lower().endswith(_ARC):
        return None
    offsets: list[int] = []
    try:
        with path.open("rb") as fh:
            head = fh.peek(5)[:5]
            if not (head.startswith(b"WARC/") or is_gzip(head)):
                return None
            archive = ArchiveIterator(fh)
            for _ in archive:
                offsets.append(archive.get_record_offset())
    except Exception:  # an archive that does not list cleanly is read whole, as ever
        logger.debug("%s: not split", path, exc_info=True)
        return None
    return offsets


def read_warc_range(
    path: Path, start: int, stop: int | None, *, first: int, max_bytes: int
) -> Iterator[Page | Rejection | Skipped]:
    """The items of the records from byte `start` to `stop` (None: the end), the
    first of them being record number `first` of the archive."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    with path.open("rb") as raw:
        gzipped = is_gzip(raw.peek(2)[:2])
        fh = open_range(raw, start, stop)
        stream = _Stream(fh, gzipped=gzipped)
        archive = ArchiveIterator(stream, arc2warc=True)
        yield from _read_records(archive, stream, origin, max_bytes, first=first)


def _read_records(
    archive: Any, stream: _Stream, origin: str, max_bytes: int, *, first: int = 1
) -> Iterator[Page | Rejection | Skipped]:
    records = iter(archive)
    done = first - 1
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            if not _valid_length(record):  # a header block cut short parses as a stub
                yield Rejection(origin, _broken_reason(None, stream, done + 1))
                return
            item = _record_item(record, origin, done + 1, max_bytes)
            cut = _drain(record)
        # warcio raises assorted exception types on malformed input (even
        # AttributeError on a header block cut short); none may stop the run.
        except Exception as exc:
            logger.debug("%s: stopped at record %d", origin, done + 1, exc_info=True)
            yield Rejection(origin, _broken_reason(exc, stream, done + 1))
            return
        if cut:
            yield Rejection(origin, _cut_reason(stream, done + 1))
            return
        done += 1
        if item is not None:
            yield item
    end = _end_reason(archive, stream, done, first)
    if end:
        yield Rejection(origin, end)


def _valid_length(record: Any) -> bool:
    length = record.rec_headers.get_header("Content-Length")
    return record.length is not None and bool(length) and length.strip().isdigit()


def _end_reason(archive: Any, stream: _Stream, done: int, first: int = 1) -> str | None:
    """What was wrong with the end of an archive warcio finished without complaint.

    warcio takes an input that stops inside a record's header block for a clean
    end; it has then kept that record's first line (`next_line`) unparsed.
    """
    if getattr(archive, "next_line", None):
        return _cut_reason(stream, done + 1)
    if stream.cut:
        return f"truncated gzip: the archive ends after {done} complete records"
    if done == first - 1:
        return _cut_reason(stream, first)
    return None


class _Stream:
    """The archive's bytes for warcio, decompressed here when gzipped.

    warcio takes an `EOFError` from its input for a clean end of the archive, and a
    buffered read would drop the records decompressed before a cut; this hands
    warcio everything that could be decompressed, then an ordinary end, and keeps
    a note (`cut`) that the end came too early.
    """

    def __init__(self, raw: io.BufferedReader, *, gzipped: bool) -> None:
        self._source: io.BufferedReader | gzip.GzipFile = (
            gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
        )
        self._pos = 0
        self._pending = b""
        self.cut = False

    def peek(self) -> bytes:
        """The first bytes of the archive, without consuming them."""
        if not self._pos and not self._pending:
            self._pending = self._read1(_DRAIN_CHUNK)
        return self._pending[:16]

    def read(self, size: int = -1) -> bytes:
        size = size if size > 0 else _DRAIN_CHUNK
        if self._pending:
            data, self._pending = self._pending[:size], self._pending[size:]
        else:
            data = self._read1(size)
        self._pos += len(data)
        return data

    def _read1(self, size: int) -> bytes:
        if self.cut:
            return b""
        try:
            return self._source.read1(size)
        except EOFError:
            self.cut = True
            return b""

    def tell(self) -> int:
        return self._pos


def _record_item(
    record: Any, origin: str, number: int, max_bytes: int
) -> Page | Rejection | Skipped | None:
    """The page a record holds; None for bookkeeping records."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    headers = record.rec_headers
    where = f"{origin}#{_record_name(origin, headers, number)}"
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else record.content_type) or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    status = (http.get_statuscode() or "") if http is not None else "200"
    if not status.startswith("2"):
        return Skipped(where, f"not a page: HTTP status {status or 'missing'}")
    if mime not in _KINDS and mime not in _UNKNOWN_TYPES:
        return Skipped(where, f"not a page: {mime}")
    data = _payload(record, max_bytes)
    if isinstance(data, str):
        return Rejection(where, data)
    kind = _KINDS.get(mime) or _sniff_kind(data)
    if kind is None:
        return Skipped(where, f"not a page: {mime or 'no content type'}")
    declared = _CHARSET_PARAM.search(content_type)
    page = Page(
        origin=where,
        kind=kind,
        data=data,
        url=headers.get_header("WARC-Target-URI"),
        fetched=parse_fetched(headers.get_header("WARC-Date")),
        charset=declared.group(1).lower() if declared else sniff_charset(data),
    )
    return decoded(page)


def _payload(record: Any, max_bytes: int) -> bytes | str:
    """The payload (transfer and content encodings undone), or why it is refused.

    A payload declared over the limit is not read at all; a compressed one is read
    only up to the limit, since its declared length says nothing of its real size.
    """
    size = record.payload_length if record.payload_length >= 0 else record.length
    encoded = bool(record.http_headers and record.http_headers.get_header("Content-Encoding"))
    if not encoded and size is not None and size > max_bytes:
        return too_large(size, max_bytes)
    data: bytes = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return too_large(None, max_bytes)
    if not data.strip():
        return "empty page"
    return binary_reason(data) or data


def _record_name(origin: str, headers: Any, number: int) -> str:
    """The record's WARC-Record-ID; ARC records have none (warcio makes up a random
    one), so they, and WARC records lacking one, are named by their position."""
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    if record_id and not origin.lower().endswith(_ARC):
        return record_id
    return f"record-{number}"


def _sniff_kind(data: bytes) -> PageKind | None:
    return "html" if _HTML_START.match(data[:1024]) else None


def _drain(record: Any) -> bool:
    """Read the rest of the record; True if the archive ended before the record did."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0


def _cut_reason(stream: _Stream, number: int) -> str:
    if stream.cut:
        return f"truncated gzip: the archive ends inside record {number}"
    return f"truncated archive: the file ends inside record {number}"


def _broken_reason(exc: Exception | None, stream: _Stream, number: int) -> str:
    """Why reading stopped at record `number`: the file ended early, or it is corrupt."""
    if _at_end(stream):
        return _cut_reason(stream, number)
    if exc is None:
        return f"corrupt archive at record {number}: no Content-Length"
    text = str(exc).strip()
    detail = text.splitlines()[0][:120] if text else type(exc).__name__
    return f"corrupt archive at record {number}: {detail}"


def _at_end(stream: _Stream) -> bool:
    try:
        return stream.read(1) == b""
    except Exception:
        return False
