"""Finding the article in the page model and reading its paragraphs.

The article container is the element whose lines are worth most in total: every
line adds its prose (text outside links, counted in full when it reads like sentences)
and subtracts its link text and a small per-line cost.  Navigation and link lists are
negative, so the best element is the one that takes in all the article's paragraphs
and as little around them as possible: a maximum-weight subtree, found in one pass from
the leaves up.  Its whole subtree is then read in order, minus the furniture, link
lists and metadata lines inside it.

Steps, in order:
    1. each line's kind (`lines`) and prose worth; teaser snippets (prose under a linked
       headline or before "read more") worth little (`records.mark_snippets`);
    2. furniture: what tags and class/id names say, blocks a list heading opens, teaser
       lists (`records.teaser_records`) — with the excuses below for misnamed articles;
    3. the maximum-weight element with `ARTICLE` weights (a paragraph gives way to its
       parent); if it is a comment, the page is a discussion and the choice is made again
       (so is it when the page's <h1> sits in a block named a question or thread);
    4. if that element is one post of a thread, all the posts (`records.thread_posts`);
    5. if that element holds several dated articles one after another (a blog's front
       page), the first of them (`records.first_of_several`);
    6. if nothing on the page is worth `MIN_ARTICLE_SCORE` (and no brief of a sentence
       or two opens right under the page's <h1>), or the page says it is a catalogue,
       the choice again with `LOOSE` weights (listings, product pages), where the
       author and date links of a listing's entries cost nothing;
    7. if the element is a paragraph whose parent scores worse (markup left unclosed
       around the rest of the page), the run of its siblings worth most around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.extract import lists
from newsdesk.extract.html import classes, lines, records
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.walk import Line, PageModel

# Sentence punctuation, Chinese and Western; a line with some reads like prose.
_PUNCT = re.compile(r"[。，！？；、]|[,.!?;](?:\s|$)")
# How a paragraph ends: with a full stop, a question, an exclamation, or a quote after one.
_FINAL = re.compile(r"[。！？!?.…」』”\"')）)]\s*$")
# How a teaser ends: cut off, or with a "read more" link.
_TEASER_END = re.compile(r"(?:\.\.\.|…|\[详细\]|【详细】|\[全文\]|【全文】|详细>>|更多>>|>>|»)\s*$")
# Teasers in related lists are short; a long line ending in an ellipsis is prose.
TEASER_MAX_CHARS = 200
# A line shorter than this without punctuation is a label, not prose.
PROSE_MIN_CHARS = 10
# Long lines read like prose even without punctuation (poems, old pages).
PROSE_LONG_CHARS = 80


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of line is worth when choosing the container."""

    # Non-prose text (labels, bylines, short headings) counts for this much of its length.
    label: float = 0.3
    # A short sentence-like line that does not end like one (a cut snippet, a label
    # with a comma) counts for this much.
    unfinished: float = 0.5
    # Link text costs more than prose earns: a run of links is a menu or a list.
    link: float = 1.5
    # One line of links (a tag list, a one-line menu) costs at most this: it is many
    # lines of links that mark navigation.
    max_link_cost: float = 60.0
    # Every line costs this much, so runs of short items (menus, tag clouds) are negative.
    line_cost: float = 4.0
    # Whether a link as long as a headline is content (a listing's entries) rather
    # than a cost.
    headline_links: bool = False


ARTICLE = Weights()
# A teaser's snippet (prose under a linked headline, or before "read more") counts
# like a label.
LABEL_WEIGHT_OF_SNIPPETS = ARTICLE.label
# For pages without an article (listings, product pages): every line of text counts,
# and so do links as long as headlines; menu links still cost.
LOOSE = Weights(label=1.0, unfinished=1.0, link=1.0, line_cost=0.5, headline_links=True)
# Below this best score there is no article-sized prose on the page...
MIN_ARTICLE_SCORE = 80.0
# ...unless an element worth a sentence opens within a few lines (a date line, a share
# bar) under the page's <h1>: a brief.
SHORT_ARTICLE_SCORE = 20.0
HEADLINE_GAP_LINES = 8

# A furniture-named element holding this share of the page's prose is the article
# itself with an unlucky class (`article viewport_ads`), when its tag or class says so.
FURNITURE_EXCUSE_SHARE = 0.5
# A weakly furniture-named element (`ad`, `side`) with this much prose is the article;
# so is one around the page's <h1> with a short article's worth.
WEAK_FURNITURE_MAX_PROSE = 300
HEADLINE_FURNITURE_MIN_PROSE = 100
# A block a list of links opens (related, hot, more) holds at most this much prose (its
# teasers' snippets, marked down); more is article text set after the list.
HEADED_LIST_MAX_PROSE = 300.0
# Containers whose class/id says "article"/"content" win ties against their neighbours.
CONTENT_BONUS = 1.1
# Share of a paragraph's value its parent must keep to be taken instead.
PARAGRAPH_CLIMB = 0.6
# A caption-named element with more text than this is an article with an unlucky class.
CAPTION_MAX_CHARS = 300
# Inside the article, a line whose text is mostly links is a list, not a paragraph.
MAX_LINK_DENSITY = 0.5
_CONTENT_TAGS = frozenset(("article", "main", "body", "html"))
# The page itself: its classes describe the page (`single-post`, `article-page`), not
# a container, and earn it no bonus over the article inside it.
_PAGE_TAGS = frozenset(("body", "html"))
# Lines that are about the article or the page, never part of its text.
NOT_BODY = frozenset(
    (
        Kind.DISCLAIMER,
        Kind.FOOTER,
        Kind.STATEMENT,
        Kind.META,
        Kind.FURNITURE,
        Kind.LIST_HEADING,
        Kind.DATELINE,
    )
)


# Metadata lines that belong to an article where they stand (its date line, its credits).
_ARTICLE_META = frozenset((Kind.DATELINE, Kind.META))


@dataclass(slots=True)
class Extracted:
    """What the content step read from the page."""

    container: int = -1  # index of the chosen element, -1 if none
    loose: bool = False  # no article-sized prose: read as a listing
    kinds: list[Kind] = field(default_factory=list)  # per line
    furniture: list[int] = field(default_factory=list)  # per element: enclosing furniture
    body: list[int] = field(default_factory=list)  # indexes of body lines
    captions: list[int] = field(default_factory=list)


def prose(line: Line, w: Weights = ARTICLE) -> float:
    """What a line is worth as article text, before any cost."""
    text = line.text
    plain = len(text) - line.links
    if plain < PROSE_MIN_CHARS or (plain < PROSE_LONG_CHARS and not _PUNCT.search(text)):
        return plain * w.label
    if plain < TEASER_MAX_CHARS and _TEASER_END.search(text):
        return plain * w.label
    if plain < PROSE_LONG_CHARS * 2 and not _FINAL.search(text):
        return plain * w.unfinished
    return float(plain)


def line_value(
    line: Line, in_furniture: bool, kind: Kind, w: Weights = ARTICLE, worth: float | None = None
) -> float:
    """A line's worth to the container around it (`worth`: its prose, if known).

    Furniture and metadata lines are removed from whatever container is chosen, so they
    weigh only the per-line cost: a share bar inside the article must not push the
    choice away from it.
    """
    if in_furniture:
        return -w.line_cost
    if kind in NOT_BODY:
        # The article's own date line and credits sit in its container: they cost nothing.
        return 0.0 if kind in _ARTICLE_META else -w.line_cost
    if w.headline_links and records.is_headline_wide(line.text):
        return len(line.text) - w.line_cost
    if worth is None:
        worth = prose(line, w)
    return worth - min(line.links * w.link, w.max_link_cost) - w.line_cost


def line_kinds(model: PageModel) -> list[Kind]:
    """What each line is by its wording."""
    out = []
    for line in model.lines:
        if line.links * 2 > len(line.text):
            # Lines of links are costed as links; only share buttons are told apart
            # (cheaply, by how they start), since a share bar sits inside articles.
            out.append(Kind.FURNITURE if lines.starts_as_furniture(line.text) else Kind.PROSE)
        else:
            out.append(lines.kind(line.text))
    return out


def furniture_map(
    model: PageModel,
    kinds: list[Kind],
    values: list[float] | None = None,
    *,
    discussion: bool = False,
    teasers: bool = True,
) -> list[int]:
    """For each element, the innermost furniture element around it (itself included), or -1.

    Furniture is what the tag or class/id names so (comment sections not on a
    discussion page), and any block that opens with a
    list heading (相关新闻, Related stories).  A furniture name on an element holding
    most of the page's prose is a mistake of the page (a `breadcrumb` div left open
    around everything, `article viewport_ads`) when the element, or a content-named
    element inside it holding most of its prose, says it is the article: such an
    element is excused, as is a weakly named one (`ad`, `side`) or one holding the
    page's `<h1>`, when it holds real prose.
    """
    elems = model.elems
    n = len(elems)
    amount = [0.0] * n
    if values is None:
        values = [prose(line) for line in model.lines]
    for line, value in zip(model.lines, values, strict=True):
        if line.elem >= 0:
            amount[line.elem] += value
    inner = [0.0] * n  # prose of the largest content-named element inside, itself included
    headline = [False] * n  # an <h1> inside
    for line in model.lines:
        if line.heading == 1 and line.elem >= 0:
            headline[line.elem] = True
    for i in range(n - 1, -1, -1):
        e = elems[i]
        if headline[i] and e.parent >= 0:
            headline[e.parent] = True
        if not e.furniture and (e.tag in _CONTENT_TAGS or (e.hint and classes.is_content(e.hint))):
            inner[i] = amount[i]  # children (later in order) have already added theirs
        if e.parent >= 0:
            amount[e.parent] += amount[i]
            inner[e.parent] = max(inner[e.parent], inner[i])
    total = amount[0] if n else 0.0
    # A block of recommended stories set after the page's headline is what the page
    # recommends past its own article, however long its stories are (a short article
    # followed by a longer one it recommends): never excused by its share of the prose.
    first_h1 = next(
        (k for k, line in enumerate(model.lines) if line.heading == 1), len(model.lines)
    )
    headed = _headed_blocks(model, kinds, amount, total)
    if teasers:
        headed |= records.teaser_records(model, amount, total)
    furn = [-1] * n
    for i, e in enumerate(elems):
        inherited = furn[e.parent] if e.parent >= 0 else -1
        if i in headed:
            furn[i] = i
            continue
        if not e.furniture or (discussion and e.comments):
            furn[i] = inherited
            continue
        # Consent dialogs, and on a forum the notices over the thread (a survey, an
        # announcement with a headline of its own), are never the content.
        banner = e.tag not in _CONTENT_TAGS and (
            classes.is_consent(e.hint) or (discussion and classes.is_weak_banner(e.hint))
        )
        excused = not banner and (
            (e.furniture == classes.WEAK and amount[i] >= WEAK_FURNITURE_MAX_PROSE)
            or (headline[i] and amount[i] >= HEADLINE_FURNITURE_MIN_PROSE)
            or (
                amount[i] >= total * FURNITURE_EXCUSE_SHARE
                and not (first_h1 < e.first and classes.is_recirculation(e.hint))
                and (
                    e.tag in _CONTENT_TAGS
                    or classes.is_content(e.hint)
                    or inner[i] >= amount[i] * FURNITURE_EXCUSE_SHARE
                )
            )
        )
        furn[i] = inherited if excused else i
    return furn


def _headed_blocks(
    model: PageModel, kinds: list[Kind], amount: list[float], total: float
) -> set[int]:
    """The largest element each list heading opens, while it holds a minor share of prose
    (and, under a heading of links, no more prose than teasers carry: past that the
    element holds the article's paragraphs after a list set inside it)."""
    elems = model.elems
    out: set[int] = set()
    for index, kind in enumerate(kinds):
        if kind is not Kind.LIST_HEADING:
            continue
        cap = total * FURNITURE_EXCUSE_SHARE
        if lists.classify_heading(model.lines[index].text) != "comments":
            cap = min(cap, HEADED_LIST_MAX_PROSE)
        top, i = -1, model.lines[index].elem
        while i >= 0 and elems[i].first == index and amount[i] < cap:
            top, i = i, elems[i].parent
        if top >= 0:
            out.add(top)
    return out


def element_scores(
    model: PageModel,
    furn: list[int],
    kinds: list[Kind],
    w: Weights = ARTICLE,
    values: list[float] | None = None,
    records_in: list[bool] | None = None,
) -> list[float]:
    """Each element's total line value, its descendants' lines included (`records_in`:
    per element, whether it sits in an entry of a listing)."""
    elems = model.elems
    score = [0.0] * len(elems)
    for i, line in enumerate(model.lines):
        if line.elem >= 0:
            worth = values[i] if values is not None else None
            value = line_value(line, furn[line.elem] >= 0, kinds[i], w, worth)
            if records_in is not None and records_in[line.elem] and furn[line.elem] < 0:
                # A listing's entry names its author and date in short links: they are
                # the entry's fields, not a menu, and cost nothing.
                value = max(value, 0.0)
            score[line.elem] += value
    # Children come after their parent in document order: add each into its parent.
    for i in range(len(elems) - 1, 0, -1):
        parent = elems[i].parent
        if parent >= 0:
            score[parent] += score[i]
    return score


def choose_container(model: PageModel, score: list[float]) -> tuple[int, float]:
    """The element with the greatest total line value, and that value."""
    elems = model.elems
    if not elems:
        return -1, 0.0
    best, best_score = 0, float("-inf")
    for i, s in enumerate(score):
        e = elems[i]
        if s > 0 and e.hint and e.tag not in _PAGE_TAGS and classes.is_content(e.hint):
            s *= CONTENT_BONUS
        if s > best_score:
            best, best_score = i, s
    # A paragraph is never the article: its parent, holding the paragraphs around it,
    # is taken when it keeps a fair share of the paragraph's value.
    if elems[best].tag in records.LINE_TAGS:
        parent = elems[best].parent
        if parent >= 0 and score[parent] >= best_score * PARAGRAPH_CLIMB:
            best = parent
    return best, best_score


def extract(model: PageModel, *, discussion: bool = False, catalogue: bool = False) -> Extracted:
    """Choose the container and sort the lines inside it into body and captions.

    On a `discussion` (forum thread, Q&A page) comment sections are content; a
    `catalogue` (product page, listing) is read with `LOOSE` weights from the start.
    """
    kinds = line_kinds(model)
    discussion = discussion or _headline_of_thread(model)
    values = [prose(line, ARTICLE) for line in model.lines]
    records.mark_snippets(model, values, LABEL_WEIGHT_OF_SNIPPETS)
    furn = furniture_map(model, kinds, values, discussion=discussion)
    score = element_scores(model, furn, kinds, ARTICLE, values)
    best, value = choose_container(model, score)
    if not discussion and _in_comments(model, best):
        # The page's best prose is a comment: its own text is a line or two (a short
        # post, a question) and the replies are what it says, as on a forum.
        discussion = True
        furn = furniture_map(model, kinds, values, discussion=True)
        score = element_scores(model, furn, kinds, ARTICLE, values)
        best, value = choose_container(model, score)
    loose = catalogue or (value < MIN_ARTICLE_SCORE and not _under_headline(model, best, value))
    parts: list[int] = []
    if loose:
        # No article: the teaser lists, if any, are what the page is (a listing).
        furn = furniture_map(model, kinds, values, discussion=discussion, teasers=False)
        entries = records.listing_entries(model)
        score = element_scores(model, furn, kinds, LOOSE, records_in=entries)
        best, value = choose_container(model, score)
    elif best >= 0:
        parts = records.thread_posts(model, best, values, kinds, furn)
        if not parts and not discussion:
            first = records.first_of_several(model, best, kinds)
            best = first if first is not None else best
    out = Extracted(container=best, loose=loose, furniture=furn, kinds=kinds)
    if best < 0:
        return out
    if parts:
        out.container = model.elems[parts[0]].parent
        for index in parts:
            _read(model, index, out)
        return out
    span = None if loose else _paragraph_run(model, best, score, furn, kinds)
    if span is None:
        _read(model, best, out)
    else:
        _read(model, model.elems[best].parent, out, span)
    return out


def _paragraph_run(
    model: PageModel, best: int, score: list[float], furn: list[int], kinds: list[Kind]
) -> range | None:
    """When the chosen element is a paragraph (its parent, holding the rest of the
    page in markup left unclosed, scores worse), the run of its siblings around it worth
    most in total: the article's other paragraphs, up to where the menus and lists that
    the unclosed markup swallowed begin.  None when the paragraph is not such a case."""
    elems = model.elems
    e = elems[best]
    parent = e.parent
    if e.tag not in records.LINE_TAGS or parent < 0:
        return None
    # The parent's own lines and its child elements, in document order, with their value.
    items: list[tuple[int, int, float]] = []  # (first line, end line, value)
    i = elems[parent].first
    child = parent + 1
    while i < elems[parent].end:
        while child <= elems[parent].last and elems[child].parent != parent:
            child += 1
        if child <= elems[parent].last and elems[child].first <= i:
            c = elems[child]
            if c.end > c.first:
                items.append((c.first, c.end, score[child]))
            i = max(i + (c.end <= i), c.end)
            child = c.last + 1
            continue
        line = model.lines[i]
        items.append((i, i + 1, line_value(line, furn[line.elem] >= 0, kinds[i])))
        i += 1
    at = next((k for k, item in enumerate(items) if item[0] == e.first), -1)
    if at < 0:
        return None
    total = left = right = 0.0
    best_lo, best_hi = at, at
    for k in range(at - 1, -1, -1):  # the best extension to the left...
        left += items[k][2]
        if left > total:
            total, best_lo = left, k
    total = 0.0
    for k in range(at + 1, len(items)):  # ...and to the right
        right += items[k][2]
        if right > total:
            total, best_hi = right, k
    if best_lo == best_hi == at:
        return None
    return range(items[best_lo][0], items[best_hi][1])


def _headline_of_thread(model: PageModel) -> bool:
    """Whether the page's <h1> sits in a block named a question or a thread: the page
    is a discussion whatever its address says."""
    elems = model.elems
    for line in model.lines:
        if line.heading == 1:
            index = line.elem
            while index >= 0:
                if classes.names_thread(elems[index].hint):
                    return True
                index = elems[index].parent
            return False
    return False


def _in_comments(model: PageModel, index: int) -> bool:
    """Whether element `index` is, or sits in, a comment section."""
    elems = model.elems
    while index >= 0:
        if elems[index].comments:
            return True
        index = elems[index].parent
    return False


def _under_headline(model: PageModel, best: int, value: float) -> bool:
    """A short article: the best element is worth a sentence or two and opens right
    under the page's <h1> (a brief, a notice), so the page is no listing."""
    if best < 0 or value < SHORT_ARTICLE_SCORE or model.elems[best].tag == "header":
        return False  # (a <header> holds a listing's heading and blurb, not a brief)
    first = model.elems[best].first
    lines = model.lines
    for i in range(max(0, first - HEADLINE_GAP_LINES), first):
        if lines[i].heading == 1 and not lines[i].links:
            return True
    return False


def _read(model: PageModel, index: int, out: Extracted, span: range | None = None) -> None:
    """Sort the lines of element `index` (those in `span` only, if given) into body and
    captions."""
    elem = model.elems[index]
    furn, kinds = out.furniture, out.kinds
    for i in span or range(elem.first, elem.end):
        line = model.lines[i]
        if furn[line.elem] > index:
            continue
        if (line.caption >= 0 and _short(model, line.caption)) or kinds[i] is Kind.CAPTION:
            out.captions.append(i)
            continue
        if kinds[i] in NOT_BODY:
            continue
        if line.links > len(line.text) * MAX_LINK_DENSITY and not (
            out.loose and records.is_headline_wide(line.text)
        ):
            continue
        out.body.append(i)


def _short(model: PageModel, index: int) -> bool:
    e = model.elems[index]
    size = 0
    for line in model.lines[e.first : e.end]:
        size += len(line.text)
        if size > CAPTION_MAX_CHARS:
            return False
    return True
