"""What a line, and an element with the lines inside it, is worth as article text.

A line adds its prose (text outside links, counted in full when it reads like
sentences) and subtracts its link text and a small per-line cost, so menus and link
lists are negative and the element worth most is the one that takes in all the
article's paragraphs and as little around them as possible.  Two sets of `Weights`:
`ARTICLE` for pages with an article, `LOOSE` for listings and product pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract.html import lines, records
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
# A number alone (a year, an amount, a share), as a data table's cells hold them.
_FIGURE = re.compile(r"^[-+−~≈<>]?\s*[$€£¥]?\s*\d[\d\s.,:/]*(?:%|‰|[kKmMbB]n?)?$")
_CELL_TAGS = frozenset(("td", "th"))
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
    elems = model.elems
    for line in model.lines:
        if line.links * 2 > len(line.text):
            # Lines of links are costed as links; only share buttons are told apart
            # (cheaply, by how they start), since a share bar sits inside articles.
            out.append(Kind.FURNITURE if lines.starts_as_furniture(line.text) else Kind.PROSE)
            continue
        kind = lines.kind(line.text)
        # A figure in a table cell is the table's data, not a counter or a date line.
        if (
            kind is not Kind.PROSE
            and line.elem >= 0
            and elems[line.elem].tag in _CELL_TAGS
            and _FIGURE.match(line.text)
        ):
            kind = Kind.PROSE
        out.append(kind)
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
