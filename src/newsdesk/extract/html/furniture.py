"""Page furniture: the elements around the article that are never its text.

Furniture is what the tag or class/id names so (`classes`), any block a list heading
opens (相关新闻, Related stories), and teaser lists (`records.teaser_records`).  A name
can be the page's mistake, so an element holding most of the page's prose, or the
page's `<h1>` with real prose, is excused when its tag or class says it is the article.
"""

from __future__ import annotations

from newsdesk.extract import lists
from newsdesk.extract.html import classes, records
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.walk import PageModel
from newsdesk.extract.html.worth import prose

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
CONTENT_TAGS = frozenset(("article", "main", "body", "html"))


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
    headline = [False] * n  # the page's <h1> inside (its first: a promotion's own
    for line in model.lines:  # <h1> further down makes no headline of it)
        if line.heading == 1:
            if line.elem >= 0:
                headline[line.elem] = True
            break
    for i in range(n - 1, -1, -1):
        e = elems[i]
        if headline[i] and e.parent >= 0:
            headline[e.parent] = True
        if not e.furniture and (e.tag in CONTENT_TAGS or (e.hint and classes.is_content(e.hint))):
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
        headed |= records.teaser_records(model, amount, total, kinds)
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
        banner = e.tag not in CONTENT_TAGS and (
            classes.is_consent(e.hint) or (discussion and classes.is_weak_banner(e.hint))
        )
        excused = not banner and (
            (e.furniture == classes.WEAK and amount[i] >= WEAK_FURNITURE_MAX_PROSE)
            or (headline[i] and amount[i] >= HEADLINE_FURNITURE_MIN_PROSE)
            or (
                amount[i] >= total * FURNITURE_EXCUSE_SHARE
                and not (first_h1 < e.first and classes.is_recirculation(e.hint))
                and (
                    e.tag in CONTENT_TAGS
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
