"""Name lists shipped with newsdesk, and longest-match lookup over them.

The model learns from a few thousand sentences of 1998 newspaper and 2014 Weibo text;
it has never seen 泽连斯基 or 志愿者联盟.  The lists in `data/` carry the world knowledge
it lacks (countries, places, leaders, organisations) plus the small closed classes the
rules need (one-character country abbreviations, titles, name suffixes, surnames,
characters of transliterated names).  Each list is a UTF-8 text file: `#` starts a
comment, a line is `canonical<TAB>alias<TAB>alias…`, and the character lists are
white-space separated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

KIND_FILES = {
    "LOC": ("countries.txt", "places.txt"),
    "PER": ("leaders.txt",),
    "ORG": ("organizations.txt",),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form of a known name."""

    surface: str
    kind: str
    canonical: str


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_words(name: str) -> frozenset[str]:
    """A white-space separated word list (titles, suffixes, surnames)."""
    return frozenset(word for line in _lines(name) for word in line.split())


@cache
def read_chars(name: str) -> frozenset[str]:
    """A character list: every character of the file's non-comment lines."""
    return frozenset("".join("".join(line.split()) for line in _lines(name)))


@cache
def abbreviations() -> dict[str, str]:
    """One-character place abbreviations (俄 → 俄罗斯); only the one-character ones."""
    pairs = (line.split("\t") for line in _lines("abbreviations.txt"))
    return {short: full for short, full in pairs if len(short) == 1}


@cache
def words(name: str) -> frozenset[str]:
    """Cached `read_words`."""
    return read_words(name)


class Gazetteer:
    """Known names with a longest-match scan.

    The scan indexes entries by first character and jumps from one position holding
    such a character to the next with a regular expression (in C), so positions that
    start no name cost nothing in Python.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self._entries: dict[str, Entry] = {}
        for entry in entries:
            # First list wins: a country's own name beats a city alias of the same form.
            self._entries.setdefault(entry.surface, entry)
        lengths: dict[str, set[int]] = {}
        for surface in self._entries:
            lengths.setdefault(surface[0], set()).add(len(surface))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        self._starts = re.compile("[" + re.escape("".join(sorted(lengths))) + "]")

    def get(self, surface: str) -> Entry | None:
        """The entry for exactly this surface form."""
        return self._entries.get(surface)

    def __contains__(self, surface: object) -> bool:
        return surface in self._entries

    def scan(self, text: str) -> list[tuple[int, int, Entry]]:
        """Non-overlapping longest matches, left to right."""
        found = []
        index, entries, search = self._lengths, self._entries, self._starts.search
        n = len(text)
        match = search(text) if index else None
        while match is not None:
            i = match.start()
            after = i + 1
            for length in index[text[i]]:
                if i + length > n:
                    continue
                entry = entries.get(text[i : i + length])
                if entry is not None:
                    found.append((i, i + length, entry))
                    after = i + length
                    break
            match = search(text, after)
        return found


@cache
def default_gazetteer() -> Gazetteer:
    """Countries, places, leaders and organisations from the shipped lists."""
    entries: list[Entry] = []
    for kind, files in KIND_FILES.items():
        for name in files:
            for line in _lines(name):
                names = [part.strip() for part in line.split("\t") if part.strip()]
                entries.extend(Entry(surface, kind, names[0]) for surface in names)
    return Gazetteer(entries)
