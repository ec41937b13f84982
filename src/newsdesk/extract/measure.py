"""Measuring lines by shape: weight (a CJK character or a Latin word counts one), digits,
the end of a sentence.  The size limits every vocabulary check works with live here too,
each with why it is what it is."""

from __future__ import annotations

import re
from functools import lru_cache

# Lengths are measured as a "weight": one per CJK character, two per Latin word, so
# a Chinese and an English line that say about as much weigh about the same.

# A labelled metadata line (来源:… 作者:… 2025-06-04) is short; a longer line that
# happens to start with 来源 is a sentence of the article.
META_MAX_WEIGHT = 60
# Captions are one or two sentences; a longer line is a paragraph that mentions a photo.
CAPTION_MAX_WEIGHT = 150
# Share bars and counters are a handful of buttons; past this they are prose.
WIDGET_MAX_WEIGHT = 30
# Footers are one line of links or a copyright notice, not a paragraph.
FOOTER_MAX_WEIGHT = 90
# Each crumb of a breadcrumb is a section name, never a sentence.
CRUMB_MAX_WEIGHT = 14
# A disclaimer or statement says at least a few words after its label.
NOTICE_MIN_WEIGHT = 4

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_NOT_CJK = re.compile(f"[^{_CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")

# Sentence-final punctuation, optionally closed by a quote or bracket.
_TERMINAL = re.compile(r"(?:[。！？!?；;]|(?<!\.)\.)[”’\"'」』）)]*$")
# A full stop only (no ! or ?): headlines end in ! and ? often, in 。 almost never.
_FULL_STOP = re.compile(r"(?:[。；;]|(?<!\.)\.)[”’\"'」』）)]*$")
# Cut-off teasers of lists end with an ellipsis; article paragraphs do not.
_TRUNCATED = re.compile(r"(?:\.{2,}|…+)[”’\"'」』）)]*$")


_DIGIT = re.compile(r"\d")
# Latin text weighs about a third of its length, CJK its length: a line longer than this
# many characters per unit of weight is over any limit, without counting.
_CHARS_PER_WEIGHT = 4


def lower_pattern(pattern: str) -> str:
    """A regex source lower-cased outside its escapes (`\\S` stays `\\S`).

    Matching a lower-cased line against a lower-cased pattern is several times faster
    than `re.IGNORECASE`.
    """
    return _ESCAPE_OR_UPPER.sub(
        lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern
    )


_ESCAPE_OR_UPPER = re.compile(r"\\.|[A-Z]")


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def over(text: str, max_weight: int) -> bool:
    """Whether `text` weighs more than `max_weight` (cheap for long lines)."""
    return too_long(text, max_weight) or weight(text) > max_weight


def too_long(text: str, max_weight: int) -> bool:
    """Whether `text` is over `max_weight` by its length alone (no weighing)."""
    return len(text) > _CHARS_PER_WEIGHT * max_weight


@lru_cache(maxsize=8192)
def weight(text: str) -> int:
    """How much a line says: CJK characters count one, Latin words two.

    (Cached: every classifier asks it of the same line, and chrome recurs across pages.)
    """
    cjk = len(_NOT_CJK.sub("", text))
    if cjk == len(text):
        return cjk
    return cjk + 2 * len(_LATIN_WORD.findall(text))


# Line endings are decided by the last few characters (searching the whole line for
# a `$`-anchored pattern costs time on long paragraphs).
_TAIL = 12


def ends_sentence(text: str) -> bool:
    """The line ends as a sentence does (。 ! ? . ;), perhaps inside closing quotes."""
    return _TERMINAL.search(text[-_TAIL:]) is not None


def ends_full_stop(text: str) -> bool:
    """The line ends with a full stop, the mark of prose rather than of a headline."""
    return _FULL_STOP.search(text[-_TAIL:]) is not None


def is_truncated(text: str) -> bool:
    """The line was cut off with an ellipsis, as list teasers are."""
    return _TRUNCATED.search(text[-_TAIL:]) is not None
