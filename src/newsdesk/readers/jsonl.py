"""JSON Lines dumps: one page per line, `{"url", "html"}` or `{"url", "text"}`.

Read line by line (plain or gzip, told apart by the bytes, not the name), so a dump
of any size streams.  A bad line is rejected with its `path:LINE` origin and the
rest of the file is still read; a gzip stream that ends early yields the lines
before the cut, then one rejection saying where it was cut.  An optional `fetched`
(or `date`) field, ISO 8601 or epoch seconds, becomes the page's fetch time.

A plain (not gzip) dump can be read in pieces: `line_offsets` finds where every
n-th line starts, and `read_jsonl_range` reads the lines of one byte range with their
numbers in the whole file, so the pieces give what one whole read gives.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdesk.article import Page, PageKind
from newsdesk.errors import Rejection
from newsdesk.readers.charset import binary_reason
from newsdesk.readers.files import is_gzip, open_container, open_range, parse_fetched, too_large

logger = logging.getLogger(__name__)

_Stream = io.BufferedReader | gzip.GzipFile

_STREAM_ERRORS = (EOFError, OSError, zlib.error)
_FETCHED_FIELDS = ("fetched", "date")
# A line may be longer than the page it holds: JSON escapes a CJK character as
# \uXXXX, six bytes for UTF-8's three.  Lines past this are skipped unparsed.
_LINE_SLACK = 64 * 1024
_LINE_CHUNK = 1 << 20
_SNIFF_BYTES = 8192
# json.loads joins a valid pair of surrogate escapes into one character; what is
# left in this range is a lone half.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Page | Rejection]:
    """Every page of a JSON Lines file, and a `Rejection` for every bad line."""
    origin = str(path)
    with open_container(path) as opened:
        if isinstance(opened, Rejection):
            yield opened
            return
        fh, gzipped = opened
        stream: _Stream = gzip.GzipFile(fileobj=fh, mode="rb") if gzipped else fh
        try:
            reason = binary_reason(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
        except _STREAM_ERRORS as exc:
            yield Rejection(origin, _cut_reason(exc, 1))
            return
        if reason:
            yield Rejection(origin, reason)
            return
        yield from _read_lines(stream, origin, max_bytes)


def line_offsets(path: Path, every: int) -> list[int] | None:
    """Where lines 1, 1 + every, 1 + 2*every, ... start in a plain dump; None for a
    gzip or binary file (read whole), or one of `every` lines or fewer."""
    starts = [0]
    with path.open("rb") as fh:
        head = fh.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        if is_gzip(head) or binary_reason(head) or not head:
            return None
        pos = lines = 0
        while chunk := fh.read(_LINE_CHUNK):
            end = chunk.find(b"\n")
            while end >= 0:
                lines += 1
                if lines % every == 0:
                    starts.append(pos + end + 1)
                end = chunk.find(b"\n", end + 1)
            pos += len(chunk)
    if starts[-1] >= pos:
        starts.pop()  # the file ends with the last counted line
    return starts if len(starts) > 1 else None


def read_jsonl_range(
    path: Path, start: int, stop: int | None, *, first: int, max_bytes: int
) -> Iterator[Page | Rejection]:
    """The pages of the lines from byte `start` to `stop` (None: the end), the first
    being line number `first` of the file."""
    with path.open("rb") as raw:
        stream = open_range(raw, start, stop)
        yield from _read_lines(stream, str(path), max_bytes, first=first)


def _read_lines(
    stream: _Stream, origin: str, max_bytes: int, *, first: int | None = None
) -> Iterator[Page | Rejection]:
    """The pages of every line; `first` (a piece of a file) numbers them from there
    and leaves out the whole file's "empty file" verdict."""
    line_limit = 2 * max_bytes + _LINE_SLACK
    lineno = 0 if first is None else first - 1
    empty = first is None
    while True:
        lineno += 1
        try:
            line, size = _read_line(stream, line_limit)
            if not size:
                break
            if line is None:
                yield Rejection(f"{origin}:{lineno}", too_large(size, max_bytes))
                continue
            if not line.endswith(b"\n"):
                stream.read(1)  # a cut gzip stream raises here, after its last full line
        except _STREAM_ERRORS as exc:
            yield Rejection(origin, _cut_reason(exc, lineno))
            return
        item = parse_line(line, origin=f"{origin}:{lineno}", max_bytes=max_bytes)
        if item is not None:
            empty = False
            yield item
    if empty:  # a gzip of nothing, or blank lines only
        yield Rejection(origin, "empty file")


def _read_line(stream: _Stream, limit: int) -> tuple[bytes | None, int]:
    """The next line and its size; the line is None (and dropped as it is read,
    never held whole) when it is longer than `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.readline(_LINE_CHUNK)
        size += len(chunk)
        if size > limit:
            chunks.clear()
        else:
            chunks.append(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return (b"".join(chunks) if size <= limit else None), size


def _cut_reason(exc: BaseException, lineno: int) -> str:
    if isinstance(exc, EOFError):
        return f"truncated gzip: the stream ends inside line {lineno}"
    return f"corrupt gzip at line {lineno}: {exc}"


def parse_line(line: bytes, *, origin: str, max_bytes: int) -> Page | Rejection | None:
    """One JSON line as a page; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return Rejection(origin, "invalid UTF-8 in JSON line")
    except json.JSONDecodeError as exc:
        return Rejection(origin, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Rejection(origin, "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        return Rejection(origin, "not a JSON object")
    found = _body(record)
    if found is None:
        return Rejection(origin, "no 'html' or 'text' string field")
    kind, body = found
    body = without_lone_surrogates(body)
    if not body.strip():
        return Rejection(origin, "empty page")
    size = _utf8_size(body, max_bytes)
    if size > max_bytes:
        return Rejection(origin, too_large(size, max_bytes))
    url = record.get("url")
    return Page(
        origin=origin,
        kind=kind,
        text=body,
        url=without_lone_surrogates(url) if isinstance(url, str) and url else None,
        fetched=parse_fetched(next((record[f] for f in _FETCHED_FIELDS if f in record), None)),
    )


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate (`"\\ud800"` is valid JSON, but no character)
    replaced, as an undecodable byte is: no store, export or page can encode one."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _body(record: dict[str, Any]) -> tuple[PageKind, str] | None:
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str):
        return "html", html
    if isinstance(text, str):
        return "text", text
    return None


def _utf8_size(text: str, max_bytes: int) -> int:
    """The UTF-8 size of `text`; only its length (a lower bound) when even four
    bytes a character would fit, to spare encoding every page."""
    if 4 * len(text) <= max_bytes:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
