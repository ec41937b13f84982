"""Weekdays in Chinese prose: which week a `星期一` belongs to, and which day it is.

A weekday is often named apart from its week: `马克龙下星期将出访，星期一抵达柏林`
means next week's Monday, and `下周三和周五` means next week's Friday too; a
paper's digest writes `马克龙下星期访问莫斯科和基辅。报纸说，马克龙星期一在莫斯科…`.
So a week reference (`下星期`, `下周`, `上个礼拜`, `本周`, or a weekday that carries
one) governs the weekdays named after it in its sentence and the next one of the same
paragraph, until another week reference.

Chinese weeks start on Monday: `本周一` from a Sunday is six days back, `下周一` from a
Sunday is the next day.  A weekday without a week is the nearest one on the side the
clause's tense says (past when unmarked, as news is written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

# `下星期`, `下个周`, `上一个礼拜`, `本周末`: a week named without a weekday.  Not
# `下周期` (next cycle), `周边`, `周年`, `周刊`.
_WEEK_ONLY = re.compile(
    r"(?P<rel>上|下|本|这)一?个?(?:星期|礼拜|周)(?![一二三四五六日天期边围刊年岁])"
)
_SENTENCE_END = re.compile(r"[。！!？?]")
# How many sentence ends may lie between a week reference and the weekday it governs.
CARRY_SENTENCES = 1
_WEEK_SHIFT = {"上": -1, "下": 1}


class WeekdayPoint(Protocol):
    """What this module reads and sets on a parsed time point."""

    span: tuple[int, int]
    weekday: int | None
    week_rel: str | None


def carry_week_references(text: str, points: Sequence[WeekdayPoint]) -> None:
    """Give each weekday without a week the week named before it in its sentence."""
    marks: list[tuple[int, str]] = [(m.start(), m.group("rel")) for m in _WEEK_ONLY.finditer(text)]
    marks += [(p.span[0], p.week_rel) for p in points if p.weekday is not None and p.week_rel]
    marks.sort()
    for p in points:
        if p.weekday is None or p.week_rel:
            continue
        before = [(pos, rel) for pos, rel in marks if pos < p.span[0]]
        if before and _governs(text[before[-1][0] : p.span[0]]):
            p.week_rel = before[-1][1]


def _governs(between: str) -> bool:
    """A week reference reaches a weekday this far after it: same paragraph, one sentence on."""
    return "\n" not in between and len(_SENTENCE_END.findall(between)) <= CARRY_SENTENCES


def weekday_date(ref: date, weekday: int, week_rel: str | None, future: bool) -> date:
    """The day `weekday` (0 = Monday) names, read on `ref`.

    With a week (`上`, `下`, `本`, `这`) it is that week's day; without one, the nearest
    such day on or after `ref` when `future`, else on or before it.
    """
    monday = ref - timedelta(days=ref.weekday())
    day = monday + timedelta(weeks=_WEEK_SHIFT.get(week_rel or "", 0), days=weekday)
    if not week_rel:
        if future and day < ref:
            day += timedelta(weeks=1)
        elif not future and day > ref:
            day -= timedelta(weeks=1)
    return day
