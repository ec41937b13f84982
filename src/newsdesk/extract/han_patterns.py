"""Patterns that can only match text holding Han characters, compiled when first needed.

A character class over the CJK range costs about a millisecond to compile (Python's
`re` walks the range code point by code point), and the Chinese credit patterns hold
several each: compiling them at import is a large share of a process's start-up.  Yet
a line with no character at or past U+4E00 cannot match them, and most lines of a
Latin-script page have none.  `HanPattern` answers such lines at once and compiles its
pattern on the first line that could match.

Only patterns that need at least one character of U+4E00 or above to match (a Han
literal such as 记者, or a `[\\u4e00-\\u9fff]` class that must match at least once) may
be written this way; that is what makes the early answer the same as the pattern's.
"""

from __future__ import annotations

import re

# The first code point of the CJK Unified Ideographs block.
HAN_FIRST = "\u4e00"


class HanPattern:
    """A `re` pattern (search, match, fullmatch) that needs a Han character to match."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text) if _has_han_range(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text) if _has_han_range(text) else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled().fullmatch(text) if _has_han_range(text) else None


def _has_han_range(text: str) -> bool:
    """Whether `text` holds any character at or past U+4E00 (cheap: one pass in C)."""
    return bool(text) and max(text) >= HAN_FIRST
