"""The lists a page shows around its article, as typed `Block`s of `ListItem`s.

A list is the run of lines under a list heading (相关推荐, 热点推荐, Related stories,
Comments) outside the article's body, up to the next heading or the body.  Its kind and
its items come from the shared `newsdesk.extract.lists` (the text-dump reader parses
its lists with the same functions); when the heading's wording says nothing, the
class/id of the elements around it does.  Item times belong to the items, never to the
article.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.article import Block
from newsdesk.extract import lists, patterns
from newsdesk.extract.html import classes
from newsdesk.extract.html.content import Extracted
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.walk import PageModel
from newsdesk.text.urls import join_url

# Fewer items than this under a heading is not a list.
MIN_ITEMS = 2
# Lines read per list, and lists kept per page (a hostile page cannot make them huge).
MAX_LIST_LINES = 150
MAX_LISTS = 20
# Class/id words → block kind, when the heading's wording names none.
_CLASS_KINDS = (
    ("comments", ("comment", "reply", "pinglun")),
    ("hot", ("hot", "rank", "popular", "trending", "remen", "paihang")),
    ("related", ("related", "recommend", "xiangguan", "tuijian", "xgyd")),
    ("nav", ("nav", "menu", "breadcrumb")),
)
# Lines of a list that are no items: buttons, counters, footers.
_SKIP = frozenset((Kind.FURNITURE, Kind.FOOTER, Kind.DISCLAIMER, Kind.STATEMENT))


def read_lists(
    model: PageModel,
    found: Extracted,
    *,
    fetched: datetime | None,
    tz: str,
    base: str | None = None,
) -> list[Block]:
    """Every headed list outside the article's body, in page order."""
    body = set(found.body)
    kinds = found.kinds
    lines = model.lines
    out: list[Block] = []
    i, n = 0, len(lines)
    while i < n and len(out) < MAX_LISTS:
        if kinds[i] is not Kind.LIST_HEADING or i in body:
            i += 1
            continue
        heading = lines[i].text
        texts: list[str] = []
        links: dict[str, str] = {}
        j, stop = i + 1, _block_end(model, i)
        while j < stop and kinds[j] is not Kind.LIST_HEADING and j not in body:
            line = lines[j]
            wanted = kinds[j] not in _SKIP and len(texts) < MAX_LIST_LINES
            if wanted and not patterns.is_footer(line.text):
                texts.append(line.text)
                if line.href:
                    links.setdefault(line.text, join_url(base, line.href) if base else line.href)
            j += 1
        kind = lists.classify_heading(heading) or _class_kind(model, i) or "other"
        items = lists.parse_items(texts, kind=kind, ref=fetched, tz=tz)
        for item in items:
            item.url = item.url or _link_of(item.title, links)
        if len(items) >= MIN_ITEMS:
            out.append(Block(kind=kind, heading=heading, items=items))
        i = j
    return out


def _block_end(model: PageModel, index: int) -> int:
    """Where the list under heading line `index` ends: with the smallest element around
    the heading that holds more than the heading (its list box), else the page."""
    e = model.lines[index].elem
    while e >= 0:
        elem = model.elems[e]
        if elem.end > index + 1:
            return elem.end
        e = elem.parent
    return len(model.lines)


def _link_of(title: str, links: dict[str, str]) -> str | None:
    """The address of the link line an item's title came from."""
    if title in links:
        return links[title]
    return next((href for text, href in links.items() if text.startswith(title)), None)


def _class_kind(model: PageModel, index: int) -> str | None:
    """The kind the class/id words around a heading line name (its element and two up)."""
    e = model.lines[index].elem
    for _ in range(3):
        if e < 0:
            break
        words = classes.words(model.elems[e].hint)
        for kind, stems in _CLASS_KINDS:
            if any(w.startswith(stems) for w in words):
                return kind
        e = model.elems[e].parent
    return None
