"""Repairing text that was UTF-8, decoded once more as Windows-1252 or Latin-1, and
Chinese (GBK) text that was decoded as Windows-1251.

A page saved through a tool that took its UTF-8 bytes for Windows-1252 shows
`computerâ€™s` (or `computerâ\\x80\\x99s`, through Latin-1) for `computer’s`.  Each such
run is the UTF-8 encoding of one character spelt out as single-byte characters: a lead
(`Â`..`ô`, bytes C2..F4) and one to three continuations (bytes 80..BF).  Re-encoding a
run and decoding it as UTF-8 gives the character back; a run that does not decode is
left alone.  A page is repaired only when it has several such runs, so a lone `Ã©` in
genuine Latin text is never touched.

GBK read as Windows-1251 (or PT154) turns Chinese into Cyrillic (`ЎтЖ¬ЎЎГы` for `◎片　名`): GBK's
punctuation and full-width space all start with byte A1, which Windows-1251 reads as
`Ў`, a letter Russian never uses and Belarusian only inside words.  A page full of
them, every character of which Windows-1251 can encode, is decoded again as GBK.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache

# The leads of the runs that give a page away: `â` (quotes, dashes), `Ã` (accented
# letters), `Â` (no-break space, symbols).  Other leads are real letters too often.
_TELLING_LEADS = "âÃÂ"
# Below this many telling runs the page is taken as written (a name, a quoted string).
MIN_RUNS = 2


def _continuations() -> str:
    """The characters bytes 80..BF stand for, as Windows-1252 or as Latin-1."""
    chars = set()
    for b in range(0x80, 0xC0):
        chars.add(chr(b))  # Latin-1 (C1 controls for 80..9F)
        with contextlib.suppress(UnicodeDecodeError):  # five bytes are unassigned
            chars.add(bytes([b]).decode("cp1252"))
    return "".join(sorted(chars))


_CONT = re.escape(_continuations())
# The lead is matched first, alone, so the scan skips ahead to candidate leads in C; the
# look-behind then picks the run length its range takes (the ranges do not overlap).
_RUN = (
    rf"[\u00c2-\u00f4](?:(?<=[\u00c2-\u00df])[{_CONT}]|(?<=[\u00e0-\u00ef])[{_CONT}]{{2}}"
    rf"|(?<=[\u00f0-\u00f4])[{_CONT}]{{3}})"
)


@lru_cache(maxsize=1)
def _runs() -> re.Pattern[str]:
    """`_RUN`, compiled when a page first needs repairing (few ever do)."""
    return re.compile(_RUN)


# Continuations a telling lead takes: `â` starts three-byte runs, `Â` and `Ã` two-byte ones.
_TELLING_LENGTH = {"â": 2, "Ã": 1, "Â": 1}
_CONT_CHARS = frozenset(_continuations())


def _byte(char: str) -> int:
    code = ord(char)
    if code < 0x100:
        return code
    return char.encode("cp1252")[0]


def _decoded(run: str) -> str | None:
    try:
        return bytes(_byte(c) for c in run).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def _fix(match: re.Match[str]) -> str:
    run = match.group()
    fixed = _decoded(run)
    return run if fixed is None else fixed


def repair(text: str) -> str:
    """`text` with its double-decoded UTF-8 runs turned back into characters, when it
    has at least `MIN_RUNS` telling ones, or decoded as GBK when it is GBK read as
    Windows-1251; otherwise `text` unchanged."""
    if text.isascii():
        return text
    if text.count(_GBK_MARK) >= GBK_MIN_MARKS:
        return _gbk_again(text)
    if _telling_runs(text) < MIN_RUNS:
        return text
    return _runs().sub(_fix, text)


# `Ў` (byte A1 in Windows-1251), how GBK's punctuation and full-width space begin.
_GBK_MARK = "\u040e"
GBK_MIN_MARKS = 20


# Cyrillic code pages that read byte A1 as `Ў`: Windows-1251, and its Kazakh variant
# PT154 (which some converters take for it).
_CYRILLIC_PAGES = ("cp1251", "ptcp154")


def _gbk_again(text: str) -> str:
    """`text` decoded as GBK from its bytes in a Cyrillic code page, if one has them all."""
    for page in _CYRILLIC_PAGES:
        try:
            return text.encode(page).decode("gb18030", errors="replace")
        except UnicodeEncodeError:
            continue
    return text


def _telling_runs(text: str) -> int:
    """How many runs with a telling lead decode, counted up to `MIN_RUNS` (found with
    `str.find`: a pattern starting with a class of characters scans a page slowly)."""
    seen = 0
    for lead, length in _TELLING_LENGTH.items():
        at = text.find(lead)
        while at >= 0:
            run = text[at : at + 1 + length]
            whole = len(run) == 1 + length and all(c in _CONT_CHARS for c in run[1:])
            if whole and _decoded(run) is not None:
                seen += 1
                if seen >= MIN_RUNS:
                    return seen
            at = text.find(lead, at + 1)
    return seen
