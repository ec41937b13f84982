"""Exceptions and the records of what was turned away.

    NewsdeskError
    ├── RejectedInput        a page (or file, or record) that cannot be read; carries the reason
    │   ├── DecodeError      bytes that are no text in any plausible charset
    │   ├── TooLarge         over the size guard
    │   └── EmptyInput       nothing to read
    ├── StoreError           the store is missing, locked or from a newer schema
    └── MissingDependency    an optional extra is not installed; says what to install

Readers never stop a run for one bad input: they yield a `Rejection` (origin, reason)
in the stream, the pipeline records it in the store's `rejections` table and the run
goes on.  Files that are simply not pages (a `.json` beside the dumps) are `Skipped`,
counted but not rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class RejectedInput(NewsdeskError):
    """An input that cannot be read; `reason` is short and says why."""

    def __init__(self, reason: str, origin: str | None = None) -> None:
        super().__init__(reason if origin is None else f"{origin}: {reason}")
        self.reason = reason
        self.origin = origin


class DecodeError(RejectedInput):
    """Bytes that decode as text in no plausible charset (binary junk)."""


class TooLarge(RejectedInput):
    """An input over the size guard."""


class EmptyInput(RejectedInput):
    """An input with nothing in it."""


class StoreError(NewsdeskError):
    """The store cannot be opened or written."""


class MissingDependency(NewsdeskError):
    """A dependency is missing; the message says what to install: the extra that brings
    it (`extra`, one of pyproject's optional dependencies), else the module itself (a
    core dependency missing means a broken install)."""

    def __init__(self, module: str, extra: str | None = None) -> None:
        what = f"'newsdesk[{extra}]'" if extra else module
        super().__init__(f"{module} is needed for this; install it with: pip install {what}")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input turned away, with the reason; stored in the `rejections` table."""

    origin: str
    reason: str
    at: datetime = field(default_factory=_now)


@dataclass(slots=True, frozen=True)
class Skipped:
    """A file that is not a page (wrong type); counted, not rejected."""

    origin: str
    reason: str
