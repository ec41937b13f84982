"""The metric of the extraction benchmark, as the evaluation data's README defines it.

Body: extracted and gold text are compared as bags of tokens, per page.  Each CJK
ideograph, kana or hangul syllable is one token; any other maximal run of letters and
digits is one lower-cased token; punctuation and white space are not tokens.
Precision = |pred ∩ gold| / |pred|, recall = |pred ∩ gold| / |gold| (multiset
intersection), F1 their harmonic mean.  An empty or failed extraction scores 0 and
still counts; pages are averaged with equal weight (macro).

Metadata: a title is right when equal after white-space normalisation; an author is
right when the sets of names are equal after removing a leading "作者:"/"By" and
splitting on `、`, `,`, `，` and spaces (on the readability pages, whose bylines are
free text, when either holds the other, case-insensitive, as the issue that added them
measured the peers); a date is right when its calendar day equals the gold day, and only
pages whose gold is a full calendar date are scored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

# One token per character for scripts written without spaces between words.
_CJK_RANGES = (
    "\u3005\u3007"  # 々 (iteration mark), 〇 (ideographic zero)
    "\u3041-\u3096\u309d-\u309f"  # hiragana
    "\u30a1-\u30fa\u30fc-\u30ff"  # katakana and ー (not the ・ punctuation)
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width katakana
    "\uac00-\ud7af"  # hangul syllables
    "\U00020000-\U0003134f"  # CJK extensions B..G
)
_CJK_CHAR = f"[{_CJK_RANGES}]"
# A run of letters and digits that are not CJK: \w minus the underscore and the CJK ranges.
_WORD_RUN = rf"[^\W_{_CJK_RANGES}]+"
_TOKEN = re.compile(rf"{_CJK_CHAR}|{_WORD_RUN}")


def tokens(text: str | None) -> list[str]:
    """The tokens of `text`: CJK characters one by one, other letter/digit runs lower-cased."""
    if not text:
        return []
    return [t.lower() for t in _TOKEN.findall(text)]


@dataclass(frozen=True, slots=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


ZERO = BodyScore(0.0, 0.0, 0.0)


def body_score(predicted: str | None, gold: str | None) -> BodyScore:
    """Token-bag precision, recall and F1 of one page; nothing predicted scores 0."""
    pred = Counter(tokens(predicted))
    ref = Counter(tokens(gold))
    if not pred or not ref:
        return ZERO
    common = sum((pred & ref).values())
    if common == 0:
        return ZERO
    precision = common / sum(pred.values())
    recall = common / sum(ref.values())
    return BodyScore(precision, recall, 2 * precision * recall / (precision + recall))


def macro_average(scores: Iterable[BodyScore]) -> BodyScore:
    """The mean of per-page scores, every page weighing the same (failed pages included)."""
    items = list(scores)
    if not items:
        return ZERO
    n = len(items)
    return BodyScore(
        sum(s.precision for s in items) / n,
        sum(s.recall for s in items) / n,
        sum(s.f1 for s in items) / n,
    )


# --- titles ---------------------------------------------------------------------------


def normalize_title(title: str | None) -> str:
    return " ".join((title or "").split())


def title_correct(predicted: str | None, gold: str) -> bool:
    return normalize_title(predicted) == normalize_title(gold)


# --- authors --------------------------------------------------------------------------

_AUTHOR_PREFIX = re.compile(r"^\s*(?:作者\s*[:：]|by\b)\s*", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"[、,，\s]+")


def author_names(author: str | None) -> frozenset[str]:
    """The set of names an author string holds, without a leading "作者:" or "By"."""
    if not author:
        return frozenset()
    text = _AUTHOR_PREFIX.sub("", unicodedata.normalize("NFC", author))
    return frozenset(name for name in _AUTHOR_SPLIT.split(text) if name)


def author_correct(predicted: str | None, gold: str) -> bool:
    expected = author_names(gold)
    return bool(expected) and author_names(predicted) == expected


def _folded(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def author_contained(predicted: str | None, gold: str) -> bool:
    """A free-text byline is right when either string holds the other."""
    ours, theirs = _folded(predicted), _folded(gold)
    return bool(ours and theirs) and (ours in theirs or theirs in ours)


# --- dates ----------------------------------------------------------------------------

# A full calendar date at the start of a gold value: 2005-5-7, 2005-05-07 21:23:57.
_GOLD_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# A calendar day inside a tool's date string: 2005-05-07, 2005/5/7, 2005.5.7, 2005年5月7日.
_ANY_DAY = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def _day(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def gold_day(value: str | None) -> date | None:
    """The calendar day of a gold date, or None when the gold is not a full date."""
    return _day(_GOLD_DAY.match(value)) if value else None


def predicted_day(value: str | date | datetime | None) -> date | None:
    """The calendar day a tool gave, as written (no time-zone conversion)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _day(_ANY_DAY.search(value))


def date_correct(predicted: str | date | datetime | None, gold: str) -> bool:
    expected = gold_day(gold)
    return expected is not None and predicted_day(predicted) == expected
