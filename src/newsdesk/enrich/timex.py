"""Chinese time expressions in running text, normalised against a reference date.

News prose rarely writes full dates: `3月27日`, `3月31日至4月2日`, `6月20日至30日`,
`今年2月`, `当地时间6月2日`, `2日晚间`, `本月底`.  Each is found here and turned into
the interval of days it means, against the article's reference date (its publish
time, else another time the page shows; `events.reference_date` chooses).

Why the year of `3月27日` is not simply the reference year: an article read on a page
stamped 2026-02-05 that reports a summit "3月27日" in the past tense means 2025-03-27,
not a day seven weeks ahead.  So a date without a year takes the candidate year that
agrees with the tense of its clause: the latest one not after the reference for past
(and unmarked) statements, the earliest one not before it for planned ones (`将于`,
`提议于`, `可能举行`).  Unmarked clauses count as past, because that is how news is
written: the future is marked.

What is not a date: a four-digit number without `年` (`美国1945军事网站`), a model
number (`歼10CE`), a duration (`近3日`, `3日内`, `80周年`).  Absolute dates in other
shapes (`2025-06-04`, `June 4, 2025`) come from the shared parser in
`newsdesk.extract.dates`, so both read them the same way.

Longer than most modules: one grammar of time expressions and its resolution, which
change together; split, each half would only make sense beside the other.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from newsdesk.enrich.weeks import carry_week_references, weekday_date
from newsdesk.extract.dates import find_times
from newsdesk.text import cjk

Tense = Literal["past", "future", "unknown"]
Granularity = Literal["day", "span", "month", "part-of-month", "year"]

# --- the grammar ---------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零一二两三四五六七八九十"

_YEAR = r"(?:(?P<Y>\d{4}|[〇零一二三四五六七八九]{4})\s*年|(?P<YR>今年|去年|明年|前年|后年|同年|当年|本年))"
_MONTH = (
    r"(?:(?P<M>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?"
    r"|(?P<MR>本月|上个?月|下个?月|当月|同月|次月))"
)
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DAY = rf"(?:(?P<D>{_DAYNUM})(?:\s*[-–—~～至到]\s*(?P<D2>{_DAYNUM}))?\s*[日号](?!本|元|军|报|产|语|系|韩|方|籍|式|圆))"
_PART = r"(?P<P>初|上旬|中旬|下旬|底|末)"
_REL_DAY = r"(?P<R>今天|今日|昨天|昨日|前天|明天|明日|后天|当天|当日|次日|翌日)"
_WEEKDAY = r"(?:(?P<WP>上|下|本|这)一?个?)?(?:周|星期|礼拜)(?P<W>[一二三四五六日天])"
_DAYTIME = (
    r"(?:\s*(?:凌晨|清晨|早晨|早上|早间|上午|中午|下午|傍晚|晚间|晚上|夜间|深夜|当晚|晚|早))?"
)
_CLOCK = r"(?:\s*\d{1,2}\s*[时点:：](?:\s*\d{1,2}\s*分?)?许?)?"

_EXPRESSION = re.compile(
    rf"(?P<local>当地时间|北京时间)?\s*(?:{_REL_DAY}|{_WEEKDAY}"
    rf"|(?:{_YEAR}\s*)?(?:{_MONTH}\s*)?(?:{_DAY}|{_PART})?)" + _DAYTIME + _CLOCK
)
# Cheap gate before the big pattern: every expression starts with one of these.
_START = re.compile(rf"[\d{_CN_NUM}今去明前后同当本上下次昨翌周星礼]")

# The rest of a day range after a full date: `2010年10月15` + `-17日`.
_DAY_RANGE_TAIL = re.compile(r"日?\s*[-–—~～至到]\s*(\d{1,2})\s*[日号]")
# Two points joined by one of these make a span: `3月31日至4月2日`.
_CONNECTOR = re.compile(r"\s*(?:至|到|~|～|-|—|–|－|−)\s*")

# A number just before a bare day or month makes it part of something else (`第2日`,
# `近3日`, `2个月`); a word just after makes it a duration (`3日内`, `2日以来`).
_NOT_BEFORE_BARE = re.compile(r"[\d第每近前后个这那数几多约达共期时续长余逾超近满周]$")
_NOT_AFTER_BARE = re.compile(r"^(?:内|以内|之内|后|之后|以后|前|之前|以前|左右|多|余|间)")
# A month or day in Chinese numerals right after another word is part of it (`统一月饼`),
# except after these, which introduce times.
_CN_NUMERAL_MAY_FOLLOW = frozenset("年于在至到从自的和及、")
# A month in Chinese numerals followed by another word is a name (`五月天`, `十月围城`),
# unless the word is one of these, which go with months.
_CN_MONTH_MAY_PRECEDE = frozenset("份初中底末上下旬的里间以前后至到")
# Names that start with a relative day or a weekday are not dates: programmes and
# outlets (`今日头条`, `今日俄罗斯`, `明日之星`), newspapers (`星期天报`,
# `星期日泰晤士报`, `周日邮报`; not `周日报道`, a day and a verb).
_TIME_WORD_NAMES = re.compile(
    r"^(?:头条|俄罗斯|美国|中国|说法|关注|视点|焦点|之星|之后|周刊|杂志|画报|剧场|频道"
    r"|(?:泰晤士|电讯|邮|镜|快|晚|早|日|时|画|商|体育|新闻)?报(?![道告警名案价复送到出]))"
)

# --- tense ---------------------------------------------------------------------------

# Marks right before a date that make it a plan: `将于6月20日`, `提议于6月20日至30日`.
_FUTURE_BEFORE = re.compile(
    r"(?:将于|将在|将|拟于|拟在|拟|定于|计划于|计划在|计划|提议于|提议在|提议|预计于|预计|"
    r"预定|即将|有望|准备|打算|或于|或将|将要)\s*$"
)
# Marks after a date, first one wins: `3月31日至4月2日…进行了访问`, `本月底可能举行`.
_TENSE_AFTER = re.compile(
    r"(?P<past>了(?!解)|已经|已|曾经|曾|过(?!程|去)|没有|未能|以来)"
    r"|(?P<future>将(?![军领士])|可能|或将|有望|拟|计划|预计|即将|准备|打算|届时|要)"
)
_PAST_BEFORE = re.compile(r"(?:此前|之前|早在|曾于|曾在|曾|已于|已在|已|回顾|去年|上月)\s*\S{0,3}$")
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
_SENTENCE_END = re.compile(r"[。！!？?\n]")
# An unmarked date this close ahead of a *certain* reference (a publish time) is a
# schedule (`2月14日正式开学`, published on the 13th), not last year's day.
NEAR_FUTURE_DAYS = 14
# A weekday this close after a date (`4月12日(周一)`) glosses that date.
WEEKDAY_GLOSS_GAP = 2
# How far a mark may sit before the date and still govern it, in characters.
FUTURE_BEFORE_WINDOW = 6
PAST_BEFORE_WINDOW = 8


@dataclass(slots=True, frozen=True)
class TimeExpression:
    """One time expression: where it is, what interval it means, how sure we are.

    `value` is ISO 8601 as the gold files write it: `2025-03-27`, `2025-02`, `2024`,
    or `2025-03-31/2025-04-02` for a span; `XXXX-03-27` when no reference date was
    known to supply the year.  `start`/`end` are the first and last day covered
    (None when unresolved).
    """

    text: str
    offset: int
    end_offset: int
    value: str
    start: date | None
    end: date | None
    granularity: Granularity
    tense: Tense
    local: bool = False  # written as `当地时间`: the date is the place's own


@dataclass(slots=True)
class _Point:
    """A parsed, not yet resolved, point in time."""

    span: tuple[int, int]
    year: int | None = None
    year_rel: str | None = None
    month: int | None = None
    month_rel: str | None = None
    day: int | None = None
    day2: int | None = None
    part: str | None = None
    rel_day: str | None = None
    weekday: int | None = None
    week_rel: str | None = None
    local: bool = False
    absolute: date | None = None  # from the shared parser: already a full date

    @property
    def bare_day(self) -> bool:
        return self.day is not None and self.month is None and self.month_rel is None


def _cn_int(text: str) -> int:
    """`27`, `二十七`, `十二`, `二〇二五` → int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _point(m: re.Match[str], text: str) -> _Point | None:
    """The point `m` names, or None when it is not a time (a count, a name, a number)."""
    g = m.groupdict()
    p = _Point(span=(m.start(), m.end()), local=bool(g["local"]))
    p.year = _cn_int(g["Y"]) if g["Y"] else None
    p.year_rel = g["YR"]
    p.month = _cn_int(g["M"]) if g["M"] else None
    p.month_rel = g["MR"]
    p.day = _cn_int(g["D"]) if g["D"] else None
    p.day2 = _cn_int(g["D2"]) if g["D2"] else None
    p.part = g["P"]
    p.rel_day = g["R"]
    p.weekday = _WEEKDAYS[g["W"]] if g["W"] else None
    p.week_rel = g["WP"]
    has_month = p.month is not None or p.month_rel is not None
    if p.part and not has_month:
        return None  # `底`, `末` alone are not times
    if not any((p.year, p.year_rel, has_month, p.day, p.rel_day, p.weekday is not None)):
        return None
    return None if _not_a_time(p, m, text) else p


def _not_a_time(p: _Point, m: re.Match[str], text: str) -> bool:
    """The guards that tell counts, names and numbers from times (see the module doc)."""
    g = m.groupdict()
    core_start = _core_start(m)
    before = text[core_start - 1] if core_start else ""
    if before.isdigit():
        return True  # the tail of a longer number
    cn_month = bool(g["M"]) and not g["M"].isdigit()
    cn_bare_day = bool(g["D"]) and not g["D"].isdigit() and not g["M"]
    after_word = bool(before) and _is_han(before) and before not in _CN_NUMERAL_MAY_FOLLOW
    if after_word and p.year is None and (cn_month or cn_bare_day):
        return True  # `统一月饼`
    if p.bare_day or (p.month is not None and p.year is None and not p.day):
        # A bare number + 日/月 is a date only where nothing makes it a count or a name.
        if _NOT_BEFORE_BARE.search(text[max(0, core_start - 1) : core_start]):
            return True
        if not p.local and _NOT_AFTER_BARE.match(text[m.end() : m.end() + 2]):
            return True
        if p.bare_day and not g["D"].isdigit():
            return True  # `三日` is nearly always a count of days
    if p.rel_day or p.weekday is not None:
        word_end = m.end("R") if p.rel_day else m.end("W")
        if _TIME_WORD_NAMES.match(text[word_end : word_end + 4]) or _in_title_marks(
            text, core_start
        ):
            return True  # `法国星期天报`, `《今日说法》`: a name, not a day
    if p.bare_day and text[m.end("D") : m.end("D") + 1] == "号":
        return True  # `海德公园1号`, `10号线`: a bare number + 号 is an address or a name
    if cn_month and not (p.year or p.day or p.part):
        after = text[m.end("M") + 1 : m.end("M") + 2]
        if after and _is_han(after) and after not in _CN_MONTH_MAY_PRECEDE:
            return True  # `五月天`
    if p.weekday is not None:
        around = text[core_start - 1 : core_start] + text[m.end("W") : m.end("W") + 1]
        if any(ch.isdigit() or ch in _CN_DIGITS or ch == "天" for ch in around):
            return True  # `一周五天制`: a count of days, not Friday
    return False


def _in_title_marks(text: str, pos: int) -> bool:
    """`pos` lies between `《` and `》`: in the title of a paper, a programme, a book."""
    opened = text.rfind("《", 0, pos)
    if opened < 0 or text.rfind("》", 0, pos) > opened:
        return False
    closed = text.find("》", pos)
    return closed >= 0 and "《" not in text[pos:closed]


def _is_han(ch: str) -> bool:
    return cjk.is_han_basic(ch)


def _core_start(m: re.Match[str]) -> int:
    """Where the expression proper starts, after `当地时间` and spaces."""
    start = m.end("local") if m.group("local") else m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    return start


def _points(text: str) -> list[_Point]:
    points: list[_Point] = []
    taken: list[tuple[int, int]] = []
    for found in find_times(text):
        day = found.value.date()
        tail = _DAY_RANGE_TAIL.match(text, found.end)
        if tail and not found.has_time and int(tail.group(1)) > day.day:
            # `2010年10月15-17日`: the shared parser reads the first day only
            point = _Point(span=(found.start, tail.end()), year=day.year, month=day.month)
            point.day, point.day2 = day.day, int(tail.group(1))
        else:
            point = _Point(span=(found.start, found.end), absolute=day)
        points.append(point)
        taken.append(point.span)
    pos = 0
    while True:
        gate = _START.search(text, pos)
        if gate is None:
            break
        start = gate.start()
        if start >= 4 and text[start - 4 : start] in ("当地时间", "北京时间"):
            start -= 4
        m = _EXPRESSION.match(text, start)
        if m is None or m.end() == m.start() or not m.group(0).strip():
            pos = gate.end()
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            pos = max(gate.end(), m.end())
            continue
        parsed = _point(m, text)
        if parsed is not None:
            points.append(parsed)
            pos = m.end()
        else:
            pos = gate.end()
    points.sort(key=lambda p: p.span[0])
    return points


# --- tense and resolution ------------------------------------------------------------


def clause_tense(text: str, start: int, end: int) -> Tense:
    """The tense of the clause around `text[start:end]`, read from its marks."""
    before = text[max(0, start - FUTURE_BEFORE_WINDOW) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    if _FUTURE_BEFORE.search(before[cut:]):
        return "future"
    stop = _CLAUSE_END.search(text, end)
    after = text[end : stop.start() if stop else len(text)]
    mark = _TENSE_AFTER.search(after)
    if mark is not None:
        return "past" if mark.group("past") else "future"
    before = text[max(0, start - PAST_BEFORE_WINDOW) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    if _PAST_BEFORE.search(before[cut:]):
        return "past"
    return "unknown"


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_PART_DAYS = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_PART_DAYS |= {"底": (21, 31), "末": (21, 31)}
_YEAR_REL = {"今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2}
_MONTH_REL = {"本月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1, "次月": 1}
_DAY_REL = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
_DAY_REL |= {"后天": 2}
_ANAPHORIC_DAY = {"当天": 0, "当日": 0, "次日": 1, "翌日": 1}


def _interval(p: _Point, year: int, month: int | None) -> tuple[date, date] | None:
    """The days `p` covers once its year (and month) are fixed."""
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        last = _last_day(year, month)
        if p.day is not None:
            first = date(year, month, p.day)
            final = date(year, month, p.day2) if p.day2 else first
            return (first, final) if final >= first else None
        if p.part:
            lo, hi = _PART_DAYS[p.part]
            return date(year, month, lo), date(year, month, min(hi, last))
        return date(year, month, 1), date(year, month, last)
    except ValueError:
        return None


def _choose(
    candidates: list[tuple[date, date]], ref: date, tense: Tense, near_future: bool = False
) -> tuple[date, date] | None:
    """The candidate interval that agrees with the tense; past when unmarked."""
    if not candidates:
        return None
    if tense == "unknown" and near_future:
        soon = [c for c in candidates if ref < c[0] <= ref + timedelta(days=NEAR_FUTURE_DAYS)]
        if soon:
            return min(soon)
    if tense == "future":
        ahead = [c for c in candidates if c[1] >= ref]
        return min(ahead) if ahead else max(candidates)
    behind = [c for c in candidates if c[0] <= ref]
    return max(behind) if behind else min(candidates)


def _nearest(
    candidates: list[tuple[date, date]],
    around: date,
    ref: date,
    tense: Tense,
    near_future: bool = False,
) -> tuple[date, date] | None:
    """The candidate nearest `around` among those on the side of `ref` the tense allows."""
    if tense == "unknown" and near_future:
        soon = [c for c in candidates if ref < c[0] <= ref + timedelta(days=NEAR_FUTURE_DAYS)]
        if soon:
            return min(soon)
    if tense == "future":
        allowed = [c for c in candidates if c[1] >= ref]
    else:
        allowed = [c for c in candidates if c[0] <= ref]
    pool = allowed or candidates
    return min(pool, key=lambda c: abs((c[0] - around).days)) if pool else None


def _resolve(
    p: _Point,
    ref: date | None,
    anchor: date | None,
    tense: Tense,
    *,
    near_future: bool = False,
    sentence_year: int | None = None,
    last_year: int | None = None,
) -> tuple[date, date] | None:
    """The interval `p` means, against the reference date and the last date mentioned."""
    if p.absolute is not None:
        return p.absolute, p.absolute
    base = anchor or ref
    if p.rel_day in _ANAPHORIC_DAY:
        if base is None:
            return None
        day = base + timedelta(days=_ANAPHORIC_DAY[p.rel_day])
        return day, day
    if ref is None:
        written = p.year if p.year is not None else sentence_year
        if written is not None and (p.month is not None or p.year is not None):
            return _interval(p, written, p.month)
        return None
    if p.rel_day:
        day = ref + timedelta(days=_DAY_REL[p.rel_day])
        return day, day
    if p.weekday is not None:
        day = weekday_date(ref, p.weekday, p.week_rel, tense == "future")
        return day, day
    year: int | None = p.year
    if p.year_rel in _YEAR_REL:
        year = ref.year + _YEAR_REL[p.year_rel]
    elif p.year_rel:  # 同年, 当年: the year last mentioned, if one was
        if last_year is None:
            return None
        year = last_year
    if p.month_rel:
        if p.month_rel in ("当月", "同月"):
            y, m = (base.year, base.month) if base else (ref.year, ref.month)
        else:
            y, m = _month_shift(ref.year, ref.month, _MONTH_REL[p.month_rel])
        return _interval(p, year if year is not None else y, m)
    if p.month is not None:
        if year is None:
            year = sentence_year  # `2004年9月…10月初`: the sentence's year carries on
        if year is not None:
            return _interval(p, year, p.month)
        months = [_interval(p, ref.year + d, p.month) for d in (-1, 0, 1)]
        return _choose([o for o in months if o], ref, tense, near_future)
    if p.bare_day:
        # `2日晚间`: a day of the month last mentioned, else of the reference month.
        around = base or ref
        options: list[tuple[date, date]] = []
        for delta in (-1, 0, 1):
            y, m = _month_shift(around.year, around.month, delta)
            found = _interval(p, y, m)
            if found:
                options.append(found)
        return _nearest(options, around, ref, tense, near_future)
    if year is not None:
        return _interval(p, year, None)
    return None


def _granularity(p: _Point, first: date, last: date) -> Granularity:
    if first != last and (p.day2 or p.day is not None or p.absolute or p.rel_day):
        return "span"
    if p.part:
        return "part-of-month"
    if p.day is not None or p.absolute or p.rel_day or p.weekday is not None:
        return "day"
    if p.month is not None or p.month_rel:
        return "month"
    return "year"


def _value(granularity: Granularity, first: date, last: date) -> str:
    if granularity == "day":
        return first.isoformat()
    if granularity == "month":
        return first.isoformat()[:7]
    if granularity == "year":
        return str(first.year)
    return f"{first.isoformat()}/{last.isoformat()}"


def _unresolved_value(p: _Point) -> str:
    month = f"{p.month:02d}" if p.month else "XX"
    day = f"-{p.day:02d}" if p.day else ""
    return f"XXXX-{month}{day}"


def _merge_spans(text: str, points: list[_Point]) -> list[tuple[_Point, _Point | None]]:
    """Pair `A至B` points; B inherits the fields it leaves out from A."""
    out: list[tuple[_Point, _Point | None]] = []
    i = 0
    while i < len(points):
        a = points[i]
        b = points[i + 1] if i + 1 < len(points) else None
        if (
            b is not None
            and _CONNECTOR.fullmatch(text[a.span[1] : b.span[0]])
            and (a.day is not None or a.absolute)
            and (b.day is not None or b.absolute)
        ):
            if b.absolute is None and b.month is None and b.month_rel is None:
                if a.absolute is not None:
                    b.year, b.month = a.absolute.year, a.absolute.month
                else:
                    b.year, b.year_rel = a.year, a.year_rel
                    b.month, b.month_rel = a.month, a.month_rel
            out.append((a, b))
            i += 2
        else:
            out.append((a, None))
            i += 1
    return out


def _span_end(
    b: _Point,
    first: tuple[date, date] | None,
    ref: date | None,
    anchor: date | None,
    tense: Tense,
) -> tuple[date, date] | None:
    """The end of `A至B`: B's own year if written, else the first year that is not before A."""
    if first is None or b.absolute is not None or b.year is not None or b.year_rel:
        return _resolve(b, ref, first[0] if first else anchor, tense)
    for year in (first[0].year, first[0].year + 1):
        if b.month is not None:
            found = _interval(b, year, b.month)
        elif b.month_rel is not None:
            found = _resolve(b, ref, first[0], tense)
        else:
            found = _interval(b, year, first[0].month)
        if found and found[0] >= first[0]:
            return found
    return None


def find_expressions(
    text: str,
    ref: date | None,
    *,
    anchor_first: date | None = None,
    near_future: bool = False,
) -> list[TimeExpression]:
    """Every time expression in `text`, resolved against `ref` (None: year unknown).

    A bare day (`2日`) or `当天` reads the month or day last mentioned before it,
    starting from `anchor_first` when given; a month-day without a year takes the year
    written earlier in the same sentence, if any.  `near_future` says `ref` is a
    publish time, so an unmarked date just ahead of it is a schedule.
    """
    found: list[TimeExpression] = []
    anchor = anchor_first
    sentence_year: int | None = None
    last_year: int | None = None
    last_end = -WEEKDAY_GLOSS_GAP - 1
    glossing = False  # the last point was a date or a weekday that glosses one
    points = _points(text)
    carry_week_references(text, points)
    for a, b in _merge_spans(text, points):
        start, end = a.span[0], (b or a).span[1]
        if _SENTENCE_END.search(text, max(last_end, 0), start):
            sentence_year = None
        between = text[max(last_end, 0) : start]
        glosses_previous = a.weekday is not None and (
            (glossing and start - last_end <= WEEKDAY_GLOSS_GAP)
            or bool(_CONNECTOR.fullmatch(between))  # `周一至周五`: the rest of a range
        )
        glossing = a.weekday is None or glosses_previous
        last_end = end
        if glosses_previous:
            continue  # `10月29日-30日(周六和周日)`: the weekdays name days already given
        tense = clause_tense(text, start, end)
        first = _resolve(
            a,
            ref,
            anchor,
            tense,
            near_future=near_future,
            sentence_year=sentence_year,
            last_year=last_year,
        )
        last = _span_end(b, first, ref, anchor, tense) if b else first
        written_year = a.year or (a.absolute.year if a.absolute else None)
        if written_year:
            sentence_year = written_year
        surface = text[start:end].strip()
        if (first is None or last is None) and (a.year_rel or a.rel_day or a.month_rel):
            continue  # `当年`, `当天` with nothing to refer to: no date to give
        if first is None or last is None:
            value = _unresolved_value(a)
            found.append(
                TimeExpression(surface, start, end, value, None, None, "day", tense, a.local)
            )
            continue
        lo, hi = first[0], last[1]
        gran = _granularity(a, lo, hi) if b is None else "span"
        found.append(
            TimeExpression(surface, start, end, _value(gran, lo, hi), lo, hi, gran, tense, a.local)
        )
        if gran in ("day", "span"):
            anchor = lo
        last_year = lo.year
    return found
