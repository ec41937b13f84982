"""Repeated sibling structures: teaser lists around the article, posts of a thread.

Siblings of one tag and class (digits in ids aside: `post_53876`, `post_53885`) are
records of one list.  Led by a headline link they are a teaser list (related stories,
"more from") and count as furniture; holding prose and no headline they are the posts
of a forum thread or the entries of a Q&A page, and all of them are the content.  Each
opening with its own title and date and saying a paragraph, they are the articles of a
front page (a blog's latest posts), and the first is the page's article.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.extract.html import classes
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.walk import Line, PageModel

# Three or more sibling records led by a headline link are a teaser list.
MIN_RECORDS = 3
RECORD_HEADLINE_SHARE = 0.6
# A date or source line between a linked headline and its snippet is this short.
SNIPPET_GAP_CHARS = 30
# A line that is one link over this share of it (a date may follow) is a headline.
LONE_LINK_SHARE = 0.6
# "Read more" links are short.
READ_MORE_MAX_CHARS = 24
_READ_MORE = re.compile(
    r"read more|continue reading|more\b|»|›|>>|阅读全文|阅读更多|查看全文|全文|详细|更多|"
    r"czytaj|weiterlesen|lire la suite|leer más|leia mais|подробнее|далее|περισσότερα",
    re.IGNORECASE,
)
# Prose outside a teaser list that makes the page an article page.
ARTICLE_PROSE = 200.0
# Records worth this much prose each on average, holding this share of the page's, are
# the entries of a listicle (a paragraph each) rather than teasers (a cut sentence each).
TEASER_MAX_PROSE = 200.0
LIST_SHARE = 0.5
# A story's card shows its heading and date within this many lines.
CARD_LINES = 4
# A gallery's item is a picture and its caption line.
GALLERY_ITEM_LINES = 1
# A link this wide (CJK characters count double) is a headline, not a user name.
HEADLINE_MIN_WIDTH = 20
# A record is led by its headline (after at most a category or date label).
RECORD_LINES_LOOKED = 2
# Posts of a thread: at least this many siblings with this much prose each (a reply
# of one short sentence counts; a user card or a signature does not).
MIN_POSTS = 2
POST_MIN_PROSE = 10.0
# How far above the chosen container a post's own element may be (forum software
# nests a post's text eight or nine elements deep).
MAX_POST_CLIMB = 10
# Share of child signatures two posts have in common.
POST_SHAPE_OVERLAP = 0.5
# Posts carry no headline of their own: more than one <h1>/<h2> among them means a
# page of several articles (infinite scroll, a blog's front page), not a thread.
MAX_HEADED_POSTS = 1
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_DIGITS = re.compile(r"\d+")
# Elements that hold one paragraph or heading: never a record of a list.
LINE_TAGS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th"))
# Tags that are records by themselves, with or without a class.
RECORD_TAGS = frozenset(("li", "article"))


def signature(tag: str, hint: str) -> str:
    return f"{tag}|{_DIGITS.sub('', hint)}"


def teaser_records(
    model: PageModel, amount: list[float], total: float, kinds: list[Kind]
) -> set[int]:
    """Elements that are items of a teaser list or a picture gallery: three or more
    siblings of one tag and class, each led by a headline link (or showing a heading
    and a date: a story's card) and of two lines or more (related stories, "more
    from", channel lists), or each a picture and a line
    under it (a gallery set after the article).

    Forum posts and comments repeat too, but what they link is a short user name.
    A list is kept as content when the page has no article-sized prose outside it (a
    listing page, a channel front), or when its records say a paragraph each and most of
    what the page says (a listicle).
    """
    elems = model.elems
    pictured = _pictured_records(model)
    groups: dict[tuple[int, str, str], list[int]] = {}
    # A grid's rows hold a few records each: records of one tag and class in sibling
    # rows of one tag and class are one list too.
    rows: dict[tuple[int, str, str, str], list[tuple[int, int]]] = {}
    for i, e in enumerate(elems):
        if e.parent >= 0 and (e.end - e.first >= 2 or i in pictured) and e.tag not in LINE_TAGS:
            groups.setdefault((e.parent, e.tag, e.hint), []).append(i)
            row = elems[e.parent]
            if row.parent >= 0:
                key = (row.parent, row.tag, row.hint, e.tag + e.hint)
                rows.setdefault(key, []).append((i, e.parent))
    first_h1 = next((k for k, line in enumerate(model.lines) if line.heading == 1), -1)
    out: set[int] = set()
    for members in [*groups.values(), *map(_grid, rows.values())]:
        if len(members) < MIN_RECORDS:
            continue
        held = sum(amount[i] for i in members)
        if total - held < ARTICLE_PROSE:
            continue
        # A listicle's entries are records too, but each says a paragraph's worth and
        # together they are most of the page.
        if held >= total * LIST_SHARE and held >= len(members) * TEASER_MAX_PROSE:
            continue
        # (cards hold their stories' headings: one holding the page's <h1> is the
        # article, set out as a card among the lists around it)
        cards = not any(elems[i].first <= first_h1 < elems[i].end for i in members)
        headed = sum(
            1 for i in members if _has_headline_link(model, i) or (cards and _card(model, i, kinds))
        )
        if headed >= len(members) * RECORD_HEADLINE_SHARE or _gallery(model, members, pictured):
            out.update(members)
    return out


def _grid(records: list[tuple[int, int]]) -> list[int]:
    """Of records found in sibling rows, those in rows of two or more (a grid; one
    record a row is a row's own content)."""
    per_row = Counter(row for _, row in records)
    return [i for i, row in records if per_row[row] >= 2]


def _card(model: PageModel, index: int, kinds: list[Kind]) -> bool:
    """A story's card: a heading and a date line among its first lines (its category,
    title, date and a blurb; the link is on its picture)."""
    e = model.elems[index]
    stop = min(e.end, e.first + CARD_LINES)
    return any(model.lines[i].heading for i in range(e.first, stop)) and any(
        kinds[i] is Kind.DATELINE for i in range(e.first, stop)
    )


def _gallery(model: PageModel, members: list[int], pictured: set[int]) -> bool:
    """Captioned pictures one after another, with no paragraph between them (pictures
    set among an article's paragraphs illustrate it)."""
    if any(i not in pictured for i in members):
        return False
    elems = model.elems
    held = sum(elems[i].end - elems[i].first for i in members)
    return held == elems[members[-1]].end - elems[members[0]].first


def _pictured_records(model: PageModel) -> set[int]:
    """Elements that open with a picture of their own and hold one line under it
    (a gallery's items, a caption each).  A picture over a link is a teaser, costed
    as the link it is."""
    elems = model.elems
    out: set[int] = set()
    for pic in model.pictures:
        index = pic.elem
        # The picture's element and those around it that open with it.
        while index >= 0 and elems[index].first == pic.before:
            e = elems[index]
            if 0 < e.end - e.first <= GALLERY_ITEM_LINES and not model.lines[e.first].links:
                out.add(index)
            index = e.parent
    return out


def listing_entries(model: PageModel) -> list[bool]:
    """Per element, whether it is or sits in an entry of a listing: three or more
    siblings of one tag and class, most of them led by a headline link."""
    elems = model.elems
    merged: dict[tuple[int, str], list[int]] = {}
    for i, e in enumerate(elems):
        if e.parent >= 0 and e.end - e.first >= 2 and e.tag not in LINE_TAGS:
            merged.setdefault((e.parent, signature(e.tag, e.hint)), []).append(i)
    inside = [False] * len(elems)
    for members in merged.values():
        if len(members) < MIN_RECORDS:
            continue
        headed = sum(1 for i in members if _has_headline_link(model, i))
        if headed >= len(members) * RECORD_HEADLINE_SHARE:
            for i in members:
                inside[i] = True
    for i, e in enumerate(elems):  # parents come before their children
        if e.parent >= 0 and inside[e.parent]:
            inside[i] = True
    return inside


def _has_headline_link(model: PageModel, index: int) -> bool:
    e = model.elems[index]
    for line in model.lines[e.first : min(e.end, e.first + RECORD_LINES_LOOKED)]:
        if line.links >= len(line.text) * 0.8 and is_headline_wide(line.text):
            return True
    return False


def is_headline_wide(text: str) -> bool:
    """As wide as a headline or an item's name, not a menu entry or a button."""
    # (A line that long is that wide: CJK characters only add to its length.)
    return len(text) >= HEADLINE_MIN_WIDTH or _width(text) >= HEADLINE_MIN_WIDTH


def _width(text: str) -> int:
    """Display width: CJK characters count double, like a headline's length in print."""
    return len(text) + len(_WIDE.findall(text))


def thread_posts(
    model: PageModel, best: int, prose: list[float], kinds: list[Kind], furn: list[int]
) -> list[int]:
    """The posts of the thread `best` is one post of, in order; empty if it is none."""
    elems = model.elems
    children: dict[int, list[int]] = {}
    for i, e in enumerate(elems):
        children.setdefault(e.parent, []).append(i)
    a = best
    for _ in range(MAX_POST_CLIMB):
        parent = elems[a].parent
        if parent < 0:
            return []
        e = elems[a]
        if e.hint or e.tag in RECORD_TAGS:  # layout tables and bare divs are no posts
            sig = signature(e.tag, e.hint)
            shape = _shape(model, children, a)
            members = [
                i
                for i in children.get(parent, ())
                if furn[i] < 0
                and signature(elems[i].tag, elems[i].hint) == sig
                and _alike(shape, _shape(model, children, i))
            ]
            if _is_thread(model, members, prose, kinds):
                return members
        a = parent
    return []


def _shape(model: PageModel, children: dict[int, list[int]], index: int) -> set[str]:
    """What a record is made of: the signatures of its child elements."""
    elems = model.elems
    return {signature(elems[i].tag, elems[i].hint) for i in children.get(index, ())}


def _alike(a: set[str], b: set[str]) -> bool:
    """Posts are built alike (user card, text, buttons); layout wrappers are not."""
    if not a and not b:
        return True
    return len(a & b) >= len(a | b) * POST_SHAPE_OVERLAP


def _is_thread(model: PageModel, members: list[int], prose: list[float], kinds: list[Kind]) -> bool:
    """Two or more members with prose of their own, and (nearly) no headlines."""
    written = headed = 0
    for i in members:
        e = model.elems[i]
        pairs = zip(prose[e.first : e.end], kinds[e.first : e.end], strict=True)
        own = sum(v for v, k in pairs if k is Kind.PROSE)
        if own >= POST_MIN_PROSE:
            written += 1
        if any(0 < line.heading <= 2 for line in model.lines[e.first : e.end]):
            headed += 1
    return written >= MIN_POSTS and headed <= MAX_HEADED_POSTS


def mark_snippets(model: PageModel, values: list[float], weight: float) -> None:
    """Scale down, in `values`, the prose lines that are teaser snippets: lines right
    under a heading that is a link (a date or source line may sit between), or right
    before a "read more" link.  An article's paragraphs follow paragraphs and subheads
    that link nowhere."""
    lines = model.lines
    n = len(lines)
    for i in range(n):
        if values[i] <= 0:
            continue
        line = lines[i]
        if line.links:
            continue
        # (a date or source line may sit between; a heading of its own may not: the
        # paragraph is that heading's, whatever link came before it)
        after_headline = (i >= 1 and _is_linked_heading(lines[i - 1])) or (
            i >= 2
            and len(lines[i - 1].text) <= SNIPPET_GAP_CHARS
            and not lines[i - 1].heading
            and _is_linked_heading(lines[i - 2])
        )
        # (a feature's description under a heading of its own, with a "learn more"
        # link to its page, is what a product page says, not a teaser)
        before_more = (
            i + 1 < n
            and _is_read_more(lines[i + 1].text, lines[i + 1].links)
            and not (i >= 1 and lines[i - 1].heading and not lines[i - 1].links)
        )
        if after_headline or before_more:
            values[i] *= weight


def _is_linked_heading(line: Line) -> bool:
    """A headline that is a link: a heading that links, or a line that is one link and
    at most a date beside it.  Never an article's subhead, nor a row of buttons."""
    text = line.text
    if line.heading > 0:
        linked = line.links >= len(text) * 0.8
    else:
        linked = line.anchors == 1 and line.links >= len(text) * LONE_LINK_SHARE
    return linked and is_headline_wide(text)


def _is_read_more(text: str, links: int) -> bool:
    return (
        links >= len(text) * 0.8
        and len(text) <= READ_MORE_MAX_CHARS
        and bool(_READ_MORE.search(text))
    )


# A page of several dated articles (a blog's front page, an archive day): each entry
# opens with its title and shows its own date within its first lines.
MIN_ARTICLES = 2
ARTICLE_DATE_LINES = 3
# How deep under the container the entries are looked for (layout tables nest them).
MAX_ENTRY_DEPTH = 6
# Each entry says a paragraph (a teaser card's blurb is shorter), and the entries are
# most of the container (not a "more posts" strip under one article).
ENTRY_MIN_CHARS = 80
ENTRIES_SHARE = 0.6
_TITLE_WORDS = frozenset(("title", "subject", "headline", "heading"))


def first_of_several(model: PageModel, best: int, kinds: list[Kind]) -> int | None:
    """The first entry when the container `best` holds several dated articles one after
    another (each with a title line and a date line of its own), else None.

    A thread's posts open with a user name, an FAQ's entries carry no dates: neither is
    taken for a page of articles."""
    elems = model.elems
    e = elems[best]
    dated = headlines = 0
    for i in range(e.first, e.end):
        dated += kinds[i] is Kind.DATELINE
        headlines += model.lines[i].heading == 1
    if dated < MIN_ARTICLES and headlines < MIN_ARTICLES:
        return None  # (cheap: most containers show one date and one <h1>, or none)
    children: dict[int, list[int]] = {}
    for i in range(best + 1, elems[best].last + 1):
        children.setdefault(elems[i].parent, []).append(i)
    level = [best]
    for _ in range(MAX_ENTRY_DEPTH):
        nxt: list[int] = []
        for parent in level:
            kids = [k for k in children.get(parent, ()) if elems[k].end > elems[k].first]
            entries = [k for k in kids if _dated_entry(model, k, kinds)]
            if len(entries) >= MIN_ARTICLES and len(entries) * 2 >= len(kids):
                sigs = {signature(elems[k].tag, elems[k].hint) for k in entries}
                held = sum(elems[k].end - elems[k].first for k in entries)
                span = elems[best].end - elems[best].first
                if len(sigs) == 1 and held >= span * ENTRIES_SHARE:
                    return entries[0]
            nxt.extend(kids)
        level = nxt
    return None


def _dated_entry(model: PageModel, index: int, kinds: list[Kind]) -> bool:
    """An article among others: a title line, then a date line or (an article loaded
    under the page's own, as infinite scroll adds them) an `<h1>` of its own in an
    element that says it is an article; and a paragraph."""
    e = model.elems[index]
    if e.end - e.first < 3:
        return False
    first = model.lines[e.first]
    titled = 0 < first.heading <= 3 or any(
        w in _TITLE_WORDS for w in _hint_words(model.elems[first.elem].hint)
    )
    stop = min(e.end, e.first + ARTICLE_DATE_LINES)
    dated = any(kinds[i] is Kind.DATELINE for i in range(e.first + 1, stop)) or (
        first.heading == 1 and (e.tag == "article" or classes.is_content(e.hint))
    )
    written = any(
        kinds[i] is Kind.PROSE and len(model.lines[i].text) >= ENTRY_MIN_CHARS
        for i in range(e.first + 1, e.end)
    )
    return titled and dated and written


def _hint_words(hint: str) -> list[str]:
    return [w.lower() for w in re.split(r"[^A-Za-z]+", hint) if w]
