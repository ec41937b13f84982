"""Files on disk: expanding the paths given, opening them safely, one page per file.

Also the plumbing every reader shares: opening a path without ever blocking or
following it into a device (`open_regular`), the size guard's wording, the
decoding step that turns a bad page into a `Rejection`, and fetch-time parsing.
"""

from __future__ import annotations

import errno
import glob
import io
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsdesk import settings
from newsdesk.article import Page, PageKind
from newsdesk.errors import RejectedInput, Rejection
from newsdesk.readers.charset import page_text, sniff_charset

logger = logging.getLogger(__name__)

# The first bytes of every gzip stream: how `.gz` dumps and gzipped uploads are told.
GZIP_MAGIC = b"\x1f\x8b"

_GLOB_CHARS = frozenset("*?[")
# Numbers above this are epoch milliseconds, not seconds (1e11 s is the year 5138).
_EPOCH_MILLIS = 1e11


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Rejection]:
    """Each file named by `paths`: globs expanded, folders walked (sorted, recursive).

    A file reached twice (listed and inside a listed folder) is read once.
    Paths that name nothing become `Rejection`s.
    """
    seen: set[str] = set()
    for given in paths:
        for path in _expand_one(Path(given)):
            if isinstance(path, Rejection):
                yield path
                continue
            key = os.path.realpath(path)
            if key in seen:
                logger.debug("%s: already read", path)
                continue
            seen.add(key)
            yield path


def _expand_one(path: Path) -> Iterator[Path | Rejection]:
    if path.is_dir():
        yield from _walk(path, set())
    elif os.path.lexists(path):
        yield path
    elif _GLOB_CHARS & set(str(path)):
        matches = _glob(path)
        if not matches:
            yield Rejection(str(path), "no files match this pattern")
        for match in matches:
            yield from _expand_one(match)
    else:
        yield Rejection(str(path), "no such file or directory")


def _glob(pattern: Path) -> list[Path]:
    return [Path(p) for p in sorted(glob.glob(str(pattern), recursive=True))]


def _walk(folder: Path, visited: set[str]) -> Iterator[Path | Rejection]:
    """Files under `folder`, depth first in name order; symlinked folders are
    followed once (a link back up the tree would otherwise loop forever)."""
    real = os.path.realpath(folder)
    if real in visited:
        return
    visited.add(real)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Rejection(str(folder), f"unreadable folder: {os_reason(exc, folder)}")
        return
    for entry in entries:
        path = folder / entry.name
        if _is_dir(entry):
            yield from _walk(path, visited)
        else:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def max_page_bytes(given: int | None = None) -> int:
    """The size guard for one page: `given`, else the `max_page_bytes` setting.

    Bigger pages are almost always dumps, feeds or binary blobs, and a page in memory
    costs several times its size once parsed.
    """
    limit = given if given is not None else settings.get_int("max_page_bytes")
    if limit <= 0:
        raise ValueError(f"max_bytes must be positive, not {limit}")
    return limit


def is_gzip(head: bytes) -> bool:
    return head[:2] == GZIP_MAGIC


@contextmanager
def open_container(path: Path) -> Iterator[tuple[io.BufferedReader, bool] | Rejection]:
    """A file that holds many pages (JSON Lines, WARC), open, with whether it is gzip.

    An unopenable or empty file comes out as a `Rejection` instead, so every
    multi-page reader words those cases alike.
    """
    opened = open_regular(path)
    if isinstance(opened, Rejection):
        yield opened
        return
    fh, size = opened
    with fh:
        if size == 0:
            yield Rejection(str(path), "empty file")
        else:
            yield fh, is_gzip(fh.peek(2))


def open_regular(path: Path) -> tuple[io.BufferedReader, int] | Rejection:
    """Open a regular file for reading, with its size; anything else is rejected.

    Opened non-blocking and checked after opening, so a FIFO or device named like a
    page cannot hang the run and cannot be swapped in between check and open.
    """
    origin = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Rejection(origin, os_reason(exc, path))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return Rejection(origin, f"not a regular file ({_file_type(info.st_mode)})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), info.st_size


def os_reason(exc: OSError, path: Path) -> str:
    """A short reason for an OS error, naming broken symlinks as such."""
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "broken symlink"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (exc.strerror or type(exc).__name__).lower()


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISDIR, "directory"),
    ):
        if test(mode):
            return name
    return "special file"


def too_large(size: int | None, limit: int) -> str:
    """The size guard's reason; `size` None when only a lower bound is known."""
    shown = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
    return f"too large: {shown} (limit {limit:,})"


def read_page_file(path: Path, kind: PageKind, *, max_bytes: int) -> Page | Rejection:
    """One `.txt` or `.html` file as one page, decoded; never reads past `max_bytes`."""
    opened = open_regular(path)
    if isinstance(opened, Rejection):
        return opened
    fh, size = opened
    origin = str(path)
    with fh:
        if size > max_bytes:
            return Rejection(origin, too_large(size, max_bytes))
        try:
            # Read one byte more than allowed: a file that grew, or a size the
            # file system does not report, still cannot get past the guard.
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            return Rejection(origin, os_reason(exc, path))
    if len(data) > max_bytes:
        return Rejection(origin, too_large(None, max_bytes))
    return page_from_bytes(data, kind=kind, origin=origin, max_bytes=max_bytes)


def page_from_bytes(
    data: bytes,
    *,
    kind: PageKind,
    origin: str,
    max_bytes: int,
    url: str | None = None,
    empty: str = "empty file",
) -> Page | Rejection:
    """One page's bytes (a file's or an upload's) as a decoded page, or why not.

    The one place the rules for a single page live: nothing in it, over the size
    guard, no text in any plausible charset.
    """
    if not data.strip():
        return Rejection(origin, empty)
    if len(data) > max_bytes:
        return Rejection(origin, too_large(len(data), max_bytes))
    return decoded(Page(origin=origin, kind=kind, data=data, url=url, charset=sniff_charset(data)))


def decoded(page: Page) -> Page | Rejection:
    """The page with its text filled in, or the reason it cannot be read as text.

    Readers decode so that junk is turned away in the stream, where the run counts
    it, rather than later; the bytes stay in `data` for hashing and the raw copy.
    """
    try:
        page.text = page_text(page)
    except RejectedInput as exc:
        return Rejection(page.origin, exc.reason)
    return page


def parse_fetched(value: object) -> datetime | None:
    """A fetch time as an aware datetime: ISO 8601 or HTTP-date text, or epoch
    seconds/milliseconds.

    Times without an offset are taken as UTC, the convention of crawlers' logs.
    Unparseable values give None (the page is still good).
    """
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            seconds = value / 1000 if value > _EPOCH_MILLIS else value
            return datetime.fromtimestamp(seconds, UTC)
        if isinstance(value, str) and value.strip():
            parsed = _parse_time_text(value.strip())
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, TypeError, OverflowError, OSError):
        pass
    logger.debug("unparseable fetch time %r", value)
    return None


def _parse_time_text(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text)  # "Tue, 04 Jun 2025 14:04:14 GMT"


class ByteRange(io.RawIOBase):
    """Bytes `start` to `stop` (None: the end) of an open file, as a file of their own:
    how a piece of an archive or dump is read apart from the rest."""

    def __init__(self, raw: io.BufferedReader, start: int, stop: int | None) -> None:
        super().__init__()
        raw.seek(start)
        self._raw = raw
        self._left = None if stop is None else max(0, stop - start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        size = len(buffer) if self._left is None else min(len(buffer), self._left)
        if size <= 0:
            return 0
        data = self._raw.read(size)
        buffer[: len(data)] = data
        if self._left is not None:
            self._left -= len(data)
        return len(data)


def open_range(raw: io.BufferedReader, start: int, stop: int | None) -> io.BufferedReader:
    """`ByteRange` buffered, as readers take a file."""
    buffered: io.BufferedReader = io.BufferedReader(ByteRange(raw, start, stop))  # type: ignore[arg-type]
    return buffered
