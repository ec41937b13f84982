"""Date and time handling shared by every reader: the one place that parses a time.

Portals write times in a handful of shapes (`2025-06-04 22:04:14`, `2025/6/4 22:04`,
`2025年6月4日 22:04`, ISO 8601 with an offset, `June 4, 2025`, `9/17/2004 5:54:13 AM`,
`06.01.2012`, `3小时前`).  Each found
time becomes a timezone-aware datetime: a stated offset is kept; otherwise the site's
locale is assumed (Asia/Shanghai unless told otherwise) and the result says it was
assumed.  Relative times are resolved only against a known reference time, never
against the clock of the machine reading the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"

# Years outside this window are not publish times of web pages (and keep
# "美国1945军事网站"-style numbers from ever looking like a date).
MIN_YEAR, MAX_YEAR = 1990, 2100

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}

# `22:04`, `22:04:14`, `22时04分`, `10時30分15秒` (Japanese writes 時), `3:30 pm`, with an offset.
_TIME = (
    r"(?:[T\s]*(?P<H>\d{1,2})\s*[:：时時点點]\s*(?P<M>\d{2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{2})(?:\.\d+)?\s*秒?|\s*分)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
# A weekday written between the day and the clock time: `星期三`, `周三`, `（水）`.
_WEEKDAY = r"(?:\s*[(（]?(?:星期|礼拜|周)[一二三四五六日天][)）]?|\s*[(（][月火水木金土日][)）])?"
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    + _WEEKDAY
    + _TIME,
    re.IGNORECASE,
)
_MONTH_NAME = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ENGLISH_MDY = re.compile(
    r"\b" + _MONTH_NAME + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b,?" + _TIME,
    re.IGNORECASE,
)
_ENGLISH_DMY = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r",?\s+(?P<y>\d{4})\b,?" + _TIME,
    re.IGNORECASE,
)
# Year first with a month name, as citation tags write it: `2023 Jan 7`.
_ENGLISH_YMD = re.compile(
    r"\b(?P<y>\d{4})\s+" + _MONTH_NAME + r"\s+(?P<d>\d{1,2})\b" + _TIME, re.IGNORECASE
)
# Year last, as Western sites write it: `9/17/2004 5:54:13 AM` (slashes: month first,
# the US order .NET and many CMSs print, unless the first number cannot be a month) and
# `06.01.2012`, `06-01-2012` (dots or dashes: day first, the European order).
_SLASHED_MDY = re.compile(
    r"(?<![A-Za-z\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])" + _TIME, re.IGNORECASE
)
_DOTTED_DMY = re.compile(
    r"(?<![A-Za-z\d.\-])(?P<d>\d{1,2})(?P<sep>[.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d.\-]\d)"
    + _TIME,
    re.IGNORECASE,
)
# Year-last dates are only looked for where one could be (a 4-digit run after a separator).
_YEAR_LAST_HINT = re.compile(r"\d[/.\-]\d{4}(?!\d)")
# English dates are only looked for where a month name could be (case-insensitive
# matching of the long patterns is the slowest part of reading a page otherwise).
_MONTH_HINT = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_RELATIVE = re.compile(
    r"(?P<n>\d+)\s*(?P<unit>秒|分钟|小时|天|周|个月|月|年|seconds?|minutes?|mins?|hours?|hrs?|days?|"
    r"weeks?|months?|years?)\s*(?:前|ago)",
    re.IGNORECASE,
)
_RELATIVE_UNITS = {
    "秒": "seconds",
    "分钟": "minutes",
    "小时": "hours",
    "天": "days",
    "周": "weeks",
    "sec": "seconds",
    "min": "minutes",
    "hou": "hours",
    "hrs": "hours",
    "hr": "hours",
    "day": "days",
    "wee": "weeks",
}
# Months and years are counted in days (a month ago is a calendar day or two either
# side of 30 days; these stamps say little more precisely).
_DAYS_PER_UNIT = {"个月": 30, "月": 30, "mon": 30, "年": 365, "yea": 365}

# Labels that introduce a publish time on a page, in the languages we read.
PUBLISHED_LABEL = re.compile(
    r"(发布时间|发布于|发表时间|发表于|发布日期|时间|日期|Published|Posted|Date|公開日|配信)\s*[:：]?\s*",
    re.IGNORECASE,
)
UPDATED_LABEL = re.compile(
    r"(更新时间|更新于|最后更新|修改时间|Updated|Last modified|更新日)", re.I
)


@dataclass(slots=True, frozen=True)
class FoundTime:
    """A time found in text: where it was, what it means, how sure we are of it."""

    value: datetime  # always aware
    start: int
    end: int
    has_time: bool  # a clock time was given, not only a day
    tz_stated: bool  # the offset was written on the page; else the site's zone was assumed


@cache
def zone(name: str = DEFAULT_TZ) -> tzinfo:
    return ZoneInfo(name)


def find_times(text: str, *, tz: str = DEFAULT_TZ) -> list[FoundTime]:
    """Every absolute date or date-time written in `text`, in order of appearance."""
    found: list[FoundTime] = []
    taken: list[tuple[int, int]] = []
    patterns = [_NUMERIC]
    if _MONTH_HINT.search(text.lower()) is not None:
        patterns += (_ENGLISH_MDY, _ENGLISH_DMY, _ENGLISH_YMD)
    if _YEAR_LAST_HINT.search(text) is not None:
        patterns += (_SLASHED_MDY, _DOTTED_DMY)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            hit = _build(m, tz)
            if hit is not None:
                found.append(hit)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def without_times(text: str, *, joiner: str = "", tz: str = DEFAULT_TZ) -> str:
    """`text` with every time in it replaced by `joiner` (what a line says besides)."""
    for hit in reversed(find_times(text, tz=tz)):
        text = f"{text[: hit.start]}{joiner}{text[hit.end :]}"
    return text


def parse_time(text: str, *, tz: str = DEFAULT_TZ, ref: datetime | None = None) -> FoundTime | None:
    """The first time in `text`, absolute or (given `ref`) relative; None if there is none."""
    times = find_times(text, tz=tz)
    if times:
        return times[0]
    if ref is not None:
        return parse_relative(text, ref)
    return None


def parse_relative(text: str, ref: datetime) -> FoundTime | None:
    """Resolve `3小时前` / `2 hours ago` against `ref`; never against the machine's clock."""
    m = _RELATIVE.search(text)
    if not m:
        return None
    unit = m.group("unit").lower()
    key = unit if unit in _RELATIVE_UNITS or unit in _DAYS_PER_UNIT else unit[:3]
    try:
        if key in _DAYS_PER_UNIT:
            delta = timedelta(days=_DAYS_PER_UNIT[key] * int(m.group("n")))
        else:
            delta = timedelta(**{_RELATIVE_UNITS.get(key, "days"): int(m.group("n"))})
        value = ref - delta
    except (OverflowError, ValueError):
        return None  # `100000000年前` is no time a page was written
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone())
    return FoundTime(value, m.start(), m.end(), True, ref.tzinfo is not None)


def is_time_only(line: str, *, tz: str = DEFAULT_TZ) -> FoundTime | None:
    """The time if `line` says nothing but a date-time (perhaps behind a label)."""
    stripped = PUBLISHED_LABEL.sub("", line.strip(), count=1) if line else line
    times = find_times(stripped, tz=tz)
    if len(times) == 1 and _only_time(stripped, times[0]):
        return times[0]
    return None


def _only_time(text: str, hit: FoundTime) -> bool:
    rest = (text[: hit.start] + text[hit.end :]).strip(" \t|·•-—:：()（）[]")
    return not rest


def _build(m: re.Match[str], tz: str) -> FoundTime | None:
    g = m.groupdict()
    try:
        year = int(g["y"])
        month = _MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
        day = int(g["d"])
        if month > 12 and day <= 12:  # `17/9/2004`: the day came first
            month, day = day, month
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        hour = int(g["H"]) if g.get("H") else 0
        minute = int(g["M"]) if g.get("M") else 0
        second = int(g["S"]) if g.get("S") else 0
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        naive = datetime(year, month, day, hour, minute, second)
    except (ValueError, KeyError):
        return None
    offset = g.get("tz")
    if offset:
        try:
            info: tzinfo = _offset(offset)
        except ValueError:  # `+99:99`: no clock is that far off, so no time either
            return None
        stated = True
    else:
        info = zone(tz)
        stated = False
    end = m.end() if g.get("H") else m.start() + len(m.group(0).rstrip())
    return FoundTime(naive.replace(tzinfo=info), m.start(), end, bool(g.get("H")), stated)


def _offset(text: str) -> tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
