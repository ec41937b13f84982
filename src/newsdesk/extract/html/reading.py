"""Reading the chosen container: its lines sorted into body and captions.

Inside the container, what enclosing furniture, a line's kind (metadata, notices,
list headings) or its link density says is no paragraph is left out; short captions
and caption-named lines go to the captions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extract.html import records
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.walk import PageModel
from newsdesk.extract.html.worth import NOT_BODY

# A caption-named element with more text than this is an article with an unlucky class.
CAPTION_MAX_CHARS = 300
# A lead paragraph sits this close under the headline, is this long and reads as
# sentences (this share of it counted as prose).
LEAD_GAP_LINES = 6
LEAD_MIN_CHARS = 40
LEAD_PROSE_SHARE = 0.9
# Inside the article, a line whose text is mostly links is a list, not a paragraph.
MAX_LINK_DENSITY = 0.5


@dataclass(slots=True)
class Extracted:
    """What the content step read from the page."""

    container: int = -1  # index of the chosen element, -1 if none
    loose: bool = False  # no article-sized prose: read as a listing
    kinds: list[Kind] = field(default_factory=list)  # per line
    furniture: list[int] = field(default_factory=list)  # per element: enclosing furniture
    body: list[int] = field(default_factory=list)  # indexes of body lines
    captions: list[int] = field(default_factory=list)


def read_lead(model: PageModel, index: int, out: Extracted, values: list[float]) -> None:
    """Add to the body the lead paragraph set between the page's `<h1>` and the container
    `index`, beside it (`<article><h1/><p class=lead/><div class=text/></article>`):
    sentences that link nowhere, within a few lines under the headline.  A dek inside
    a header block of its own (a hero, a title box) is the header's, not the text's."""
    first = model.elems[index].first
    lines = model.lines
    top = max(0, first - LEAD_GAP_LINES)
    h1 = next((i for i in range(first - 1, top - 1, -1) if lines[i].heading == 1), -1)
    if h1 < 0:
        return
    ancestors = set()
    parent = model.elems[index].parent
    while parent >= 0:
        ancestors.add(parent)
        parent = model.elems[parent].parent
    lead = []
    for i in range(h1 + 1, first):
        line = lines[i]
        if (
            line.elem >= 0
            and model.elems[line.elem].parent in ancestors
            and out.kinds[i] is Kind.PROSE
            and not line.heading
            and not line.links
            and len(line.text) >= LEAD_MIN_CHARS
            and values[i] >= len(line.text) * LEAD_PROSE_SHARE
            and out.furniture[line.elem] < 0
        ):
            lead.append(i)
    # A summary repeating the text's first paragraph is not a lead of its own.
    opening = " ".join(lines[i].text for i in out.body[:LEAD_GAP_LINES])
    out.body[:0] = [i for i in lead if lines[i].text.rstrip("。.!！") not in opening]


def read(model: PageModel, index: int, out: Extracted, span: range | None = None) -> None:
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
