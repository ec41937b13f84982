"""Choosing the article's container in the page model.

The article container is the element whose lines are worth most in total (`worth`):
a maximum-weight subtree, found in one pass from the leaves up, with the furniture
inside it weighing only a line's cost (`furniture`).  Its whole subtree is then read in
order, minus the furniture, link lists and metadata lines inside it (`reading`).

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

from newsdesk.extract.html import classes, records
from newsdesk.extract.html.furniture import furniture_map
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.reading import Extracted, read, read_lead
from newsdesk.extract.html.walk import PageModel
from newsdesk.extract.html.worth import (
    ARTICLE,
    LABEL_WEIGHT_OF_SNIPPETS,
    LOOSE,
    element_scores,
    line_kinds,
    line_value,
    prose,
)

__all__ = ["Extracted", "extract"]

# Below this best score there is no article-sized prose on the page...
MIN_ARTICLE_SCORE = 80.0
# ...unless an element worth a sentence opens within a few lines (a date line, a share
# bar) under the page's <h1>: a brief.
SHORT_ARTICLE_SCORE = 20.0
HEADLINE_GAP_LINES = 8

# Containers whose class/id says "article"/"content" win ties against their neighbours.
CONTENT_BONUS = 1.1
# Share of a paragraph's value its parent must keep to be taken instead.
PARAGRAPH_CLIMB = 0.6
# The page itself: its classes describe the page (`single-post`, `article-page`), not
# a container, and earn it no bonus over the article inside it.
_PAGE_TAGS = frozenset(("body", "html"))


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
            read(model, index, out)
        return out
    span = None if loose else _paragraph_run(model, best, score, furn, kinds)
    if span is None:
        read(model, best, out)
        if not loose:
            read_lead(model, best, out, values)
    else:
        read(model, model.elems[best].parent, out, span)
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
