"""When the article was published (and updated), from markup, bylines and the URL.

Sources, most trusted first: JSON-LD `datePublished`, publish-time `<meta>` tags,
JSON-LD `dateCreated`, microdata `datePublished` and `<time pubdate>` in the body, a
plain `date` tag (unless it gives the update day and the header shows an earlier
time), a time shown near the headline (`发布时间：…`, the date line under the title, a
`<time datetime>` there), a time labelled as the publish time anywhere in the
article's container (`发表于…` in a post's footer, `本贴由X于…发表`; the first one), a
time closing the article or over the headline, the date in the URL, and last an
update time the header shows when it shows no other (`Updated March 9, 2024`).  Times
in related or hot lists are never looked at: only lines of the header zone and the
article's own container are read.  A relative time (`3小时前`) is used only against
the fetch time.  A time given in UTC is put in the page's own offset when the page
states the same instant with one (the calendar day is the page's).  Every parse goes
through `newsdesk.extract.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from newsdesk.extract import dates, measure
from newsdesk.extract.html.meta import HeadMeta

# Meta tags naming the publish time, in the order they are trusted.
PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "og:published_time",
    "og:release_date",
    "release_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.created",
    "created",
    "weibo:article:create_at",
)
# Tags that give a date without saying which: a page may put its update time there.
PLAIN_DATE_METAS = ("dc.date", "dcterms.date", "date")
UPDATED_METAS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
)
# `<time>` elements at the top of the page looked at when a tag gives the update time.
PAGE_TIMES_LOOKED = 3
# How far each source is trusted (Article.published_confidence).
CONFIDENCE = {
    "jsonld": 0.95,
    "meta": 0.9,
    "text": 0.8,
    "time": 0.7,
    "url": 0.5,
    "updated": 0.4,  # only an update time is shown: the article is no younger
    "page-time": 0.3,
}
# Dates in URLs: /2024/05/20/, /2024-05-20/, /20240520/.
_URL_DATE = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
# Labels placed right before a time (`更新时间：…`, `发布时间：…`, `Posted on …`).
_UPDATED_BEFORE = re.compile(
    r"(更新时间|更新於|更新于|最后更新|修改时间|Updated|Last modified)\s*(?:on|at)?\s*[:：]?\s*$",
    re.I,
)
_PUBLISHED_BEFORE = re.compile(
    r"(?:" + dates.PUBLISHED_LABEL.pattern + r"|发表|发布|發表|發佈|刊登|Posted on|Published on|"
    r"由\S{1,20}于)\s*$",  # 本贴由X于<time>…发表
    re.I,
)
# Or right after it: `…于2005年8月12日16:12:21在〖版面〗发表`.
_PUBLISHED_AFTER = re.compile(r"^\s*(?:在\S{0,30}?)?(?:发表|發表|发布|發佈)")
# How far before a time its label may start.
LABEL_REACH = 12
# A time joined to another into a span (`Mar 6–Apr 18, 2026`, `5月1日至3日`) is an
# event's, as an events list shows it: never a publish time.
_JOINER = r"(?:[–—~～]|-|至|到|to|until|bis)"
_SPAN_BEFORE = re.compile(r"(?:\d|日|号)\s*" + _JOINER + r"\s*$", re.I)
_SPAN_AFTER = re.compile(
    r"^\s*"
    + _JOINER
    + r"\s*(?:\d(?!\d?[:：]\d)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d)",
    re.I,
)


@dataclass(slots=True)
class Times:
    published: datetime | None = None
    source: str | None = None
    confidence: float | None = None
    assumed: bool = False  # the zone was assumed, not stated
    updated: datetime | None = None


def read_times(
    head: HeadMeta,
    *,
    header: list[str],
    datelines: list[str],
    after: list[str],
    before: list[str],
    container: Callable[[], Iterable[str]] = tuple,
    body_times: Iterable[str],
    url: str | None,
    tz: str,
    fetched: datetime | None,
) -> Times:
    """The publish and update times.

    `header` are the lines from the headline to the first paragraphs, `datelines` the
    lines of the article's container that give a time and little else, `after` the lines
    closing the article, `before` the few lines over the headline, `container` gives
    every line of the article's container (read for a labelled publish time only, and
    only when nothing before it gave a time).
    """
    out = Times()
    body_times = list(body_times)
    updated = _first([_jsonld(head, "dateModified"), *(head.get(n) for n in UPDATED_METAS)], tz)
    if updated:
        out.updated = updated.value
    shown, upd = _in_lines(header, tz, fetched)
    if upd and not out.updated:
        out.updated = upd.value
    # `dateCreated` (a draft's first save, often in UTC) only when no publish time is
    # stated; microdata's `datePublished` and `<time pubdate>` after the tags.
    for source, values in (
        ("jsonld", [_jsonld(head, "datePublished")]),
        ("meta", [head.get(n) for n in PUBLISHED_METAS]),
        ("jsonld", [_jsonld(head, "dateCreated")]),
        ("meta", head.marks.published),
        ("plain", [head.get(n) for n in PLAIN_DATE_METAS]),
    ):
        found = _first(values, tz)
        if found and source == "plain":
            marked = [*body_times, *head.times[:PAGE_TIMES_LOOKED]]
            found = _shown_before_update(found, out.updated, shown, marked, tz) or found
            return _set(out, found, "meta")
        if found:
            return _set(out, _in_own_offset(found, head, body_times, tz), source)
    if shown:
        return _set(out, shown, "text")
    found = _first(list(body_times), tz)
    if found:
        return _set(out, found, "time")
    found, _ = _in_lines(datelines, tz, None)
    if found:
        return _set(out, found, "text")
    # A time labelled as the publish time anywhere in the article's container (a
    # post's footer, `发布时间 … by X` under a forum post): the first is the article's.
    found = _labelled(container(), tz)
    if found:
        return _set(out, found, "text")
    # Old portals print the time under the text, or in a line over the headline.
    for lines in (after, before):
        found, _ = _in_lines(lines, tz, None)
        if found:
            return _set(out, found, "page-time")
    if url:
        found = _url_date(url, tz)
        if found:
            return _set(out, found, "url")
    if upd:
        return _set(out, upd, "updated")  # the page shows when it was updated, no more
    return out


def _shown_before_update(
    found: dates.FoundTime,
    updated: datetime | None,
    shown: dates.FoundTime | None,
    marked: list[str],
    tz: str,
) -> dates.FoundTime | None:
    """An earlier time the header shows (or a `<time>` of the header, or among the
    page's first), when the tag taken for the publish time gives the update day
    (`DC.date` equal to `og:updated_time`): the tag was the update."""
    if updated is None or found.value.date() != updated.date():
        return None  # (a page published and updated on one day shows no earlier time)
    for hit in [shown, *(dates.parse_time(t, tz=tz) for t in marked)]:
        if hit is not None and hit.value.date() < found.value.date():
            return hit
    return None


def _set(out: Times, found: dates.FoundTime, source: str) -> Times:
    out.published = found.value
    out.source = source
    out.confidence = CONFIDENCE[source]
    out.assumed = not found.tz_stated
    return out


def _jsonld(head: HeadMeta, key: str) -> str | None:
    value = head.jsonld_value(key)
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _in_own_offset(
    found: dates.FoundTime, head: HeadMeta, body_times: Iterable[str], tz: str
) -> dates.FoundTime:
    """`found` in the page's own offset when it was given in UTC and the page states the
    same instant elsewhere with its local offset (JSON-LD in `Z`, `article:published_time`
    or a `<time>` in `-08:00`): the calendar day is the page's, the instant unchanged."""
    value = found.value
    if not found.tz_stated or value.utcoffset():
        return found
    others = [head.get(n) for n in PUBLISHED_METAS] + [*head.marks.published, *head.times]
    for other in _stated([*others, *body_times], tz):
        offset = other.value.utcoffset()
        if offset and other.value == value:
            return replace(found, value=value.astimezone(other.value.tzinfo))
    return found


def _stated(values: Iterable[str | None], tz: str) -> Iterable[dates.FoundTime]:
    for value in values:
        hit = dates.parse_time(value, tz=tz) if value else None
        if hit is not None and hit.tz_stated:
            yield hit


def _first(values: Iterable[str | None], tz: str) -> dates.FoundTime | None:
    for value in values:
        if value:
            found = dates.parse_time(value, tz=tz)
            if found:
                return found
    return None


def _in_lines(
    lines: Iterable[str], tz: str, fetched: datetime | None
) -> tuple[dates.FoundTime | None, dates.FoundTime | None]:
    """The publish time among `lines`, and an update time if one is labelled.

    A time behind a publish label (`发布时间：`, `发表于`, `Posted`) wins over the first
    unlabelled one, which a blog's sidebar (`建立于…`) can put first.
    """
    labelled: dates.FoundTime | None = None
    first: dates.FoundTime | None = None
    updated: dates.FoundTime | None = None
    relative: dates.FoundTime | None = None
    for text in lines:
        for hit in dates.find_times(text, tz=tz):
            before = text[max(0, hit.start - LABEL_REACH) : hit.start]
            if _UPDATED_BEFORE.search(before):
                updated = updated or hit
            elif _is_labelled(text, hit):
                labelled = labelled or hit
            elif first is None and not _in_span(text, hit):
                first = hit
        if relative is None and fetched is not None and len(text) < 80:
            relative = dates.parse_relative(text, fetched)
        if labelled is not None:
            break
    return labelled or first or relative, updated


def _in_span(text: str, hit: dates.FoundTime) -> bool:
    """`hit` is one end of a span of days in `text` (an event's dates)."""
    before = text[max(0, hit.start - LABEL_REACH) : hit.start]
    return bool(_SPAN_BEFORE.search(before) or _SPAN_AFTER.match(text[hit.end : hit.end + 16]))


def _is_labelled(text: str, hit: dates.FoundTime) -> bool:
    """The time `hit` in `text` is labelled as a publish time, before or after it."""
    before = text[max(0, hit.start - LABEL_REACH) : hit.start]
    if _PUBLISHED_BEFORE.search(before):
        return True
    return _PUBLISHED_AFTER.match(text[hit.end : hit.end + LABEL_REACH * 3]) is not None


# Lines read for a labelled time (a thread's first post is near the top of its container).
MAX_CONTAINER_LINES = 400


def _labelled(lines: Iterable[str], tz: str) -> dates.FoundTime | None:
    """The first time labelled as a publish time in `lines`."""
    for k, text in enumerate(lines):
        if k >= MAX_CONTAINER_LINES:
            break
        if not measure.has_digit(text):
            continue
        for hit in dates.find_times(text, tz=tz):
            if not _UPDATED_BEFORE.search(text[max(0, hit.start - LABEL_REACH) : hit.start]) and (
                _is_labelled(text, hit)
            ):
                return hit
    return None


def _url_date(url: str, tz: str) -> dates.FoundTime | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    return dates.parse_time(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", tz=tz)
