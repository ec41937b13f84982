"""The input as parts: pieces of work that are read, processed and recorded done whole.

A part is one file, or a range of a WARC's records or of a JSON Lines dump's lines
(`part_records` of them), or a path that names nothing (its rejection).  Parts are
what executors hand out (a Ray task reads its part itself, so one archive is read by
many workers) and what a run records as done, in the transaction that stores the
part's articles, so a killed run resumes at the first part not done.

A part's `key` names the input by its real path, size and modification time, and
the range in it: a changed file is a new input, read again in full.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsdesk import settings
from newsdesk.article import Page
from newsdesk.errors import Rejection, Skipped
from newsdesk.readers import read_file
from newsdesk.readers.files import expand_paths
from newsdesk.readers.jsonl import line_offsets, read_jsonl_range
from newsdesk.readers.warc import read_warc_range, record_offsets

PartKind = Literal["file", "warc", "jsonl", "rejected"]
Item = Page | Rejection | Skipped

_WARC = (".warc", ".warc.gz")
_JSONL = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of the input; `read` gives its items as `read_paths` would."""

    key: str
    kind: PartKind
    path: str
    start: int = 0
    stop: int | None = None
    first: int = 1  # number of the range's first record or line in the whole file
    size: int = 1  # pages it may hold, roughly: how executors weigh it
    reason: str = ""  # a rejected path's reason

    def read(self, max_bytes: int) -> Iterator[Item]:
        path = Path(self.path)
        if self.kind == "rejected":
            yield Rejection(self.path, self.reason)
        elif self.kind == "warc":
            yield from read_warc_range(
                path, self.start, self.stop, first=self.first, max_bytes=max_bytes
            )
        elif self.kind == "jsonl":
            yield from read_jsonl_range(
                path, self.start, self.stop, first=self.first, max_bytes=max_bytes
            )
        else:
            yield from read_file(path, max_bytes)


@dataclass(frozen=True, slots=True)
class PartDone:
    """The marker that follows a part's last item through the run: all of it is out."""

    key: str


def plan_parts(paths: Iterable[str | Path], *, per_part: int | None = None) -> Iterator[Part]:
    """The parts of every file under `paths`, in reading order (lazily, file by file).

    `per_part` (default: the `part_records` setting) is the records or lines a
    WARC or JSON Lines part holds.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    every = per_part or settings.get_int("part_records")
    for path in expand_paths(paths):
        if isinstance(path, Rejection):
            yield Part(f"{path.origin}|missing", "rejected", path.origin, reason=path.reason)
        else:
            yield from _file_parts(path, every)


def _file_parts(path: Path, every: int) -> Iterator[Part]:
    origin = str(path)
    try:
        info = os.stat(path)
        identity = f"{os.path.realpath(path)}|{info.st_size}|{info.st_mtime_ns}"
    except OSError:
        identity = f"{origin}|unreadable"  # the whole-file read words the reason
    name = path.name.lower()
    starts: list[int] | None = None
    kind: PartKind = "file"
    try:
        if name.endswith(_WARC):
            starts, kind = record_offsets(path), "warc"
            starts = starts[::every] if starts and len(starts) > every else None
        elif name.endswith(_JSONL):
            starts, kind = line_offsets(path, every), "jsonl"
    except OSError:
        starts = None
    if not starts:
        yield Part(identity, "file", origin, size=_whole_size(name, every))
        return
    ends: list[int | None] = [*starts[1:], None]
    for n, (start, stop) in enumerate(zip(starts, ends, strict=True)):
        yield Part(
            f"{identity}|{kind}:{start}-{'' if stop is None else stop}",
            kind,
            origin,
            start=start,
            stop=stop,
            first=1 + n * every,
            size=every,
        )


def _whole_size(name: str, every: int) -> int:
    """A whole archive or dump counts as a full part; a page file as one page."""
    return every if name.endswith((*_WARC, *_JSONL, ".gz", ".arc")) else 1
