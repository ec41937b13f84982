"""The lists a page shows around its article: what kind each is, and its items.

Portals surround an article with related headlines, hot lists, channel headline
boxes, comments and menus.  They matter twice: a reader must keep them out of the
body (and keep their timestamps away from the publish time), and the lists are
themselves data (what the site relates to the story, what is hot).

The API is deliberately independent of how the page was read: the text-dump reader
hands over the lines under a heading, the HTML reader the texts of a list's
elements; both get back `ListItem`s.

    classify_heading(text)        -> "related" | "hot" | "channel" | ... | None
    is_nav_item(text)             -> a menu entry (`艺术`, `本地`)?
    parse_items(lines)            -> [ListItem, ...]
    parse_list(lines)             -> ParsedList(items, orphan_times)
    parse_item_line(text)         -> ListItem of a one-line item
    item_time(text, ref=...)      -> is the line a timestamp, and its value
    loose_time(text, ref=...)     -> the same for year-less stamps (`06-04 10:30`, `3小时前`)
    source_stamp(text)            -> (time, source) of a `新京报 · 2025-06-03 21:10` line
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from newsdesk.article import ListItem
from newsdesk.extract.dates import DEFAULT_TZ, find_times, is_time_only, parse_relative, zone
from newsdesk.extract.measure import ends_sentence, has_digit, is_truncated, lower_pattern, weight
from newsdesk.extract.patterns import counters, is_widget

# A list heading is a label of a few words; a longer line is a headline or prose.
HEADING_MAX_WEIGHT = 12
# A menu entry is a channel name of a word or two (`艺术`, `本地`, `World`).
NAV_ITEM_MAX_WEIGHT = 4
# Fewer than this many short lines in a row is a pair of buttons, not a menu.
NAV_MIN_ITEMS = 3
# An item's source (an outlet or account name) is short and is not a sentence.
SOURCE_MAX_WEIGHT = 16
# An item spans at most a title, a snippet and a source line; more lines before one
# timestamp are separate untimed items followed by one timed item.
MAX_ITEM_LINES = 3
# A year-less `06-04` more than this far after the reference is last year's.
_FUTURE_SLACK = timedelta(days=1)

_HEADINGS: tuple[tuple[str, str], ...] = (
    (
        "comments",
        r"(?:网友|網友|热门|熱門|最新|精彩|全部|用户|用戶|读者|讀者)?(?:评论|評論|跟帖|留言)"
        r"(?:区|區|列表)?|(?:Reader |Latest |Top )?Comments?|Join the conversation|コメント|"
        # ru, pl, el, de, fr, es, it
        r"комментарии|komentarze|σχόλια|kommentare|commentaires|comentarios|commenti",
    ),
    (
        "related",
        r"相关(?:推荐|内容|阅读|文章|新闻|资讯|链接|报道|专题|话题|视频|稿件)?|延伸阅读|扩展阅读|推荐阅读|"
        r"相關(?:推薦|內容|閱讀|文章|新聞|資訊|連結|鏈接|報導|報道|專題|話題|影音|視頻)?|延伸閱讀|"
        r"推薦閱讀|猜你喜欢|猜你喜歡|为你推荐|為你推薦|你可能(?:还|還)?(?:喜欢|喜歡|感兴趣|感興趣)|"
        r"精彩推荐|精彩推薦|更多推荐|更多推薦|"
        r"(?:其他人|大家|网友|網友|读者|讀者|他们|他們)(?:都|也|还|還)?在(?:看|读|讀)|"
        r"(?:People|Readers|Others) also (?:read|viewed|watched|liked)|"
        r"Related(?: \w+)?|Read (?:more|next|also)|See also|Recommended(?: for you)?|"
        r"You (?:may|might) also like|More on this (?:story|topic)|関連(?:記事|ニュース)|あわせて読みたい|"
        r"читайте (?:также|еще|ещё)|также читайте|похожие (?:новости|статьи|материалы)|новости по теме|по теме|"
        r"(?:zobacz|czytaj) (?:też|także|również)|polecamy|powiązane(?: artykuły)?|"
        r"διαβάστε (?:επίσης|ακόμα|ακόμη)|σχετικά(?: άρθρα| θέματα| νέα)?|"
        r"lesen sie auch|mehr zum thema|das könnte sie auch interessieren|"
        r"(?:à )?lire aussi|sur le même sujet|noticias relacionadas|te puede interesar|"
        r"leggi anche|articoli correlati",
    ),
    (
        "hot",
        r"热(?:点|门|闻)(?:推荐|资讯|新闻|文章|排行|话题|阅读|榜|精选)?|热榜|热搜|热读|(?:点击|阅读)?排行榜?|"
        r"熱(?:點|門|聞)(?:推薦|資訊|新聞|文章|排行|話題|閱讀|榜|精選)?|熱榜|熱搜|(?:點擊|閱讀)?排行榜?|"
        r"24小时\S{0,4}|24小時\S{0,4}|今日(?:热点|最热|熱點|最熱)|"
        r"Most (?:read|popular|viewed|shared)|Trending(?: now)?|"
        r"Popular(?: now)?|Top stories|人気(?:記事|ニュース)?|アクセスランキング|ランキング|"
        r"популярное|самое (?:читаемое|популярное)|najczęściej czytane|najpopularniejsze|"
        r"δημοφιλή|τα πιο δημοφιλή|meistgelesen|les plus lus|lo más leído|i più letti",
    ),
    (
        "more",
        r"更多(?:精彩|新闻|内容|文章|资讯|新聞|內容|資訊)?|往期(?:推荐|精选|推薦|精選)|"
        r"最新(?:文章|资讯|新闻|发布|資訊|新聞|發佈)?|"
        r"More (?:from|stories|news)(?: \w+)?|Latest(?: news| stories)?|最新ニュース|"
        r"другие новости|последние новости|więcej(?: wiadomości)?|najnowsze|"
        r"περισσότερα|τελευταία νέα|weitere nachrichten|dernières actualités|últimas noticias",
    ),
    ("channel", r"\S{0,6}要闻|\S{0,6}要聞|\S{1,6}新闻|\S{1,6}新聞|头条|頭條"),
    ("nav", r"(?:频道|頻道|网站|網站|站点|站點)?(?:导航|導航)|栏目|欄目|Sections|Menu"),
)
# One pattern, a named group per kind, matched against the lower-cased heading.
_HEADING_RE = re.compile("|".join(f"(?P<{kind}>{lower_pattern(p)})" for kind, p in _HEADINGS))
_HEADING_LEAD = re.compile(r"^[\s【\[#■▌▍|｜>»·•◆●]+")
# Decorations after a heading: `:`, `>>`, `更多>`, a count `(12)`.  One token per step
# (no nested repetition), so a long line of spaces cannot make the match explode.
_HEADING_TAIL = re.compile(
    r"(?:[\s】\]:：>»›|｜]|更多|More|全部|All|[(（]\d+[)）])+$", re.IGNORECASE
)
# A heading is a few words; longer lines are not tried at all.
_HEADING_MAX_CHARS = 40


def classify_heading(text: str) -> str | None:
    """The kind of list a heading introduces (one of `BLOCK_KINDS`), or None.

    `相关推荐` -> related, `热点推荐` -> hot, `军事要闻` -> channel, `网友评论` -> comments.
    """
    t = text.strip()
    if not t or len(t) > _HEADING_MAX_CHARS or weight(t) > HEADING_MAX_WEIGHT:
        return None
    core = _HEADING_TAIL.sub("", _HEADING_LEAD.sub("", t)) or t.rstrip(" >»›:：")
    m = _HEADING_RE.fullmatch(core.lower())
    return m.lastgroup if m is not None else None


def is_nav_item(text: str) -> bool:
    """A menu entry: a channel name of a word or two, not a number or a sentence."""
    t = text.strip()
    if not t or t.isdigit() or weight(t) > NAV_ITEM_MAX_WEIGHT or ends_sentence(t):
        return False
    return item_time(t)[0] is False


# --- timestamps of items ---------------------------------------------------------------

# `06-04`, `6月4日`, `06-04 10:30`, `10:30`.  `6-4` and `6/4` only with a clock time
# after them (alone they are a score or a page number); never `4.5` (a rating).
_SHORT_DATE = re.compile(
    r"^(?:(?:(?P<mo>\d{2})-(?P<d>\d{2})|(?P<mo2>\d{1,2})月(?P<d2>\d{1,2})日?"
    r"|(?P<mo3>\d{1,2})[-/](?P<d3>\d{1,2})(?=\s+\d{1,2}[:：])))?\s*"
    r"(?:(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:[:：]\d{2})?)?$"
)
_DAY_WORD = re.compile(
    r"^(?P<w>刚刚|今天|昨天|前天|just now|today|yesterday)\s*"
    r"(?:(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2}))?$",
    re.IGNORECASE,
)
_DAYS_BACK = {"刚刚": 0, "今天": 0, "昨天": 1, "前天": 2, "just now": 0, "today": 0, "yesterday": 1}


# Timestamps are short; longer lines are headlines that mention a date.
ITEM_TIME_MAX_CHARS = 40


@lru_cache(maxsize=4096)
def item_time(
    text: str, *, ref: datetime | None = None, tz: str = DEFAULT_TZ
) -> tuple[bool, datetime | None]:
    """Whether `text` is nothing but a timestamp, and its value when it can be known.

    Full dates resolve on their own; `06-04 10:30`, `昨天 10:30` and `3小时前` are
    recognised as timestamps (so they end items) but resolve only against `ref`.
    (Cached: the same stamps and chrome recur on every page of a site.)
    """
    t = text.strip()
    if not t or len(t) > ITEM_TIME_MAX_CHARS:
        return False, None
    found = is_time_only(t, tz=tz) if has_digit(t) else None
    if found is not None:
        return True, found.value
    return loose_time(t, ref=ref, tz=tz)


def loose_time(
    text: str, *, ref: datetime | None = None, tz: str = DEFAULT_TZ
) -> tuple[bool, datetime | None]:
    """`item_time` for the stamps without a year: `06-04 10:30`, `昨天`, `3小时前`."""
    t = text.strip()
    if not t or len(t) > ITEM_TIME_MAX_CHARS:
        return False, None
    m = _SHORT_DATE.match(t) if has_digit(t) else None
    if m and (_month_day(m) or m.group("H")) and _plausible(m):
        return True, _resolve_short(m, ref, tz)
    day = _DAY_WORD.match(t)
    if day:
        return True, _resolve_day(day, ref, tz)
    if not _AGO.search(t):
        return False, None
    # Without a reference the shape is still worth knowing: resolve against any
    # date and keep only the answer "it is a timestamp".
    rel = parse_relative(t, ref or datetime(2000, 1, 1, tzinfo=zone(tz)))
    if rel is not None and rel.end - rel.start >= len(t) - 1:
        return True, rel.value if ref is not None else None
    return False, None


_AGO = re.compile(r"前|ago", re.IGNORECASE)


def _month_day(m: re.Match[str]) -> tuple[int, int] | None:
    for mo, d in (("mo", "d"), ("mo2", "d2"), ("mo3", "d3")):
        if m.group(mo):
            return int(m.group(mo)), int(m.group(d))
    return None


def _plausible(m: re.Match[str]) -> bool:
    md = _month_day(m)
    if md and not (1 <= md[0] <= 12 and 1 <= md[1] <= 31):
        return False
    return not m.group("H") or (int(m.group("H")) < 24 and int(m.group("M")) < 60)


def _resolve_short(m: re.Match[str], ref: datetime | None, tz: str) -> datetime | None:
    if ref is None:
        return None
    ref = ref if ref.tzinfo else ref.replace(tzinfo=zone(tz))
    local = ref.astimezone(zone(tz))
    hour, minute = int(m.group("H") or 0), int(m.group("M") or 0)
    month, day = _month_day(m) or (local.month, local.day)
    try:
        value = local.replace(month=month, day=day, hour=hour, minute=minute, second=0)
        if value - local > _FUTURE_SLACK:
            value = value.replace(year=value.year - 1)
    except ValueError:
        return None
    return value.replace(microsecond=0)


def _resolve_day(m: re.Match[str], ref: datetime | None, tz: str) -> datetime | None:
    if ref is None:
        return None
    ref = ref if ref.tzinfo else ref.replace(tzinfo=zone(tz))
    local = ref.astimezone(zone(tz)) - timedelta(days=_DAYS_BACK[m.group("w").lower()])
    if m.group("H"):
        local = local.replace(hour=int(m.group("H")), minute=int(m.group("M")), second=0)
    return local.replace(microsecond=0)


# --- items -----------------------------------------------------------------------------------


# Whether a line is a timestamp, and its value when known.
Stamp = tuple[bool, datetime | None]


@dataclass(slots=True)
class ParsedList:
    """A list's items, and the timestamps in it that belong to no item."""

    items: list[ListItem] = field(default_factory=list)
    orphan_times: list[datetime] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    text: str
    is_time: bool
    time: datetime | None
    source: str | None = None  # on a `source · time` line closing an item


def parse_items(
    lines: Sequence[str],
    *,
    kind: str | None = None,
    ref: datetime | None = None,
    tz: str = DEFAULT_TZ,
) -> list[ListItem]:
    """The items of a list from the texts under its heading (see `parse_list`)."""
    return parse_list(lines, kind=kind, ref=ref, tz=tz).items


def parse_list(
    lines: Sequence[str],
    *,
    kind: str | None = None,
    ref: datetime | None = None,
    tz: str = DEFAULT_TZ,
    stamps: Sequence[Stamp] | None = None,
) -> ParsedList:
    """Group the texts of a list into items.

    Layouts handled: one item per line (`title... snippet...` split at the first
    ellipsis, an inline time or ` | source` peeled off); and items of several lines
    closed (or opened) by a timestamp line: `title / title again / source / time`,
    `title... / snippet... / time`.  A timestamp with no text of its own is an orphan
    (a page or card time), reported apart and never given to an item.

    `stamps`, when given, says for each line whether it is a timestamp and its value:
    a reader that has classified its lines already (and dropped widgets and counters)
    passes them and saves the work.
    """
    rows = _rows(lines, ref, tz) if stamps is None else _known_rows(lines, stamps)
    _mark_source_stamps(rows, ref, tz)
    out = ParsedList()
    if not any(r.is_time for r in rows):
        out.items = [parse_item_line(r.text, ref=ref, tz=tz) for r in rows]
        return out
    leading = rows[0].is_time
    texts: list[str] = []
    stamp: _Row | None = None
    for row in rows:
        if not row.is_time:
            texts.append(row.text)
            continue
        if leading:
            _close(out, texts, stamp, kind, ref, tz)
            texts, stamp = [], row
        else:
            _close(out, texts, row, kind, ref, tz)
            texts = []
    _close(out, texts, stamp if leading else None, kind, ref, tz)
    return out


def _known_rows(lines: Sequence[str], stamps: Sequence[Stamp]) -> list[_Row]:
    rows: list[_Row] = []
    for text, (is_time, value) in zip(lines, stamps, strict=True):
        if rows and not is_time and not rows[-1].is_time and rows[-1].text == text:
            continue
        if text:
            rows.append(_Row(text, is_time, value))
    return rows


def _rows(lines: Sequence[str], ref: datetime | None, tz: str) -> list[_Row]:
    rows: list[_Row] = []
    for line in lines:
        text = line.strip()
        if not text or counters(text) is not None or is_widget(text):
            continue
        if rows and not rows[-1].is_time and rows[-1].text == text:
            continue  # a title rendered twice (link text and image alt)
        is_time, value = item_time(text, ref=ref, tz=tz)
        rows.append(_Row(text, is_time, value))
    return rows


def _mark_source_stamps(rows: list[_Row], ref: datetime | None, tz: str) -> None:
    """`北京青年报 · 2025-06-03 21:10` under a headline closes its item as a stamp would."""
    for k in range(1, len(rows)):
        row, previous = rows[k], rows[k - 1]
        if row.is_time or previous.is_time or not has_digit(row.text):
            continue
        if _peel_time(previous.text, ref, tz)[0] != previous.text:
            continue  # the headline above carries its own time: this is a sibling item
        found = source_stamp(row.text, ref=ref, tz=tz)
        if found is not None and weight(found[1]) * 2 <= weight(previous.text):
            row.is_time, row.time, row.source = True, found[0], found[1]


def source_stamp(
    text: str, *, ref: datetime | None = None, tz: str = DEFAULT_TZ
) -> tuple[datetime | None, str] | None:
    """(time, source) of a line that is a short source name and a time, else None."""
    rest, time = _peel_time(text.strip(), ref, tz)
    if rest == text.strip():
        return None
    rest = rest.strip(" \t|·•-—")
    return (time, rest) if rest and _source_like(rest) else None


def _close(
    out: ParsedList,
    texts: list[str],
    stamp: _Row | None,
    kind: str | None,
    ref: datetime | None,
    tz: str,
) -> None:
    unique = list(dict.fromkeys(texts))
    if not unique:
        if stamp is not None and stamp.time is not None:
            out.orphan_times.append(stamp.time)
        return
    if stamp is None:
        out.items.extend(parse_item_line(t, ref=ref, tz=tz) for t in unique)
        return
    if len(unique) > MAX_ITEM_LINES:
        head, unique = unique[:-1], unique[-1:]
        out.items.extend(parse_item_line(t, ref=ref, tz=tz) for t in head)
    while len(unique) > 1 and _peel_time(unique[0], ref, tz)[0] != unique[0]:
        # a headline with its own time is an item of its own, not this stamp's title
        out.items.append(parse_item_line(unique.pop(0), ref=ref, tz=tz))
    item = _item_of(unique, stamp.time, kind, ref, tz)
    if stamp.source and item.source is None:
        item.source = stamp.source
    out.items.append(item)


def _item_of(
    texts: list[str], time: datetime | None, kind: str | None, ref: datetime | None, tz: str
) -> ListItem:
    if len(texts) == 1:
        item = parse_item_line(texts[0], ref=ref, tz=tz)
        item.time = time or item.time
        return item
    if kind == "comments" and _source_like(texts[0]) and not _source_like(texts[1]):
        texts = [texts[1], texts[0], *texts[2:]]
    item = ListItem(title=texts[0], time=time)
    for extra in texts[1:]:
        if item.source is None and _source_like(extra):
            item.source = extra
        elif item.snippet is None:
            item.snippet = extra
    return item


def _source_like(text: str) -> bool:
    return weight(text) <= SOURCE_MAX_WEIGHT and not ends_sentence(text) and not is_truncated(text)


# `title... snippet...`: a teaser title cut with an ellipsis, then its snippet.
_TEASER = re.compile(r"^(?P<title>.+?(?:\.{3}|…+))\s+(?P<snippet>\S.*)$")
# `title | source`, `title · source`, `title  source`.
_SOURCE_SPLIT = re.compile(r"\s+[|｜丨·•]\s+|\s{2,}|\t")
_EDGE_TIME = re.compile(
    r"^[\[(（【]?(?P<a>\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2})?)[\])）】]?\s+"
    r"|\s+[\[(（【]?(?P<b>\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2})?)[\])）】]?$"
)


def parse_item_line(text: str, *, ref: datetime | None = None, tz: str = DEFAULT_TZ) -> ListItem:
    """One item written on one line: a headline, perhaps with snippet, time or source."""
    title, time = _peel_time(text.strip(), ref, tz)
    teaser = _TEASER.match(title)
    if teaser is not None:
        return ListItem(title=teaser.group("title"), snippet=teaser.group("snippet"), time=time)
    parts = _SOURCE_SPLIT.split(title)
    if len(parts) == 2 and _source_like(parts[1]) and weight(parts[0]) > weight(parts[1]):
        return ListItem(title=parts[0].strip(), source=parts[1].strip(), time=time)
    return ListItem(title=title, time=time)


def _peel_time(text: str, ref: datetime | None, tz: str) -> tuple[str, datetime | None]:
    if has_digit(text):
        for hit in find_times(text, tz=tz):
            if hit.start == 0 or hit.end >= len(text.rstrip()):
                rest = (text[: hit.start] + " " + text[hit.end :]).strip(" \t|·•-—[]()（）【】")
                if rest:
                    return rest, hit.value
        m = _EDGE_TIME.search(text)
        if m is not None:
            is_time, value = item_time(m.group("a") or m.group("b"), ref=ref, tz=tz)
            rest = (text[: m.start()] + " " + text[m.end() :]).strip()
            if rest and is_time:
                return rest, value
    return text, None
