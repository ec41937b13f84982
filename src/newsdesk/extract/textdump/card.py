"""Pass 2: the author card (a counts line and the name and tagline above it), so its
lines are never taken for a title or a list item."""

from __future__ import annotations

from newsdesk.article import AuthorCard
from newsdesk.extract import measure, patterns
from newsdesk.extract.textdump.model import (
    BLANK,
    CARD,
    CARD_LINE_MAX_WEIGHT,
    CARD_MAX_LINES,
    MENU,
    TEXT,
    Line,
    Reading,
)


def find_card(r: Reading) -> None:
    at = next((i for i, line in enumerate(r.lines) if line.kind == CARD), None)
    if at is None:
        return
    above = _card_lines_above(r.lines, at)
    texts = [r.lines[i].text for i in above]
    keep = [i for k, i in enumerate(above) if k + 1 >= len(above) or not _icon_twin(texts, k)]
    keep = keep[-2:]
    if not keep:
        return
    counts = patterns.card_counts(r.lines[at].text) or {}
    name = r.lines[keep[0]].text
    tagline = r.lines[keep[1]].text if len(keep) > 1 else None
    r.card = AuthorCard(name, tagline, counts.get("articles"), counts.get("followers"))
    r.taken.update(range(above[0], at + 1))


def _card_lines_above(lines: list[Line], at: int) -> list[int]:
    found: list[int] = []
    j = at - 1
    while j >= 0 and len(found) < CARD_MAX_LINES:
        line = lines[j]
        if line.kind == BLANK and not found:
            j -= 1
            continue
        if line.kind not in (TEXT, MENU) or line.weight > CARD_LINE_MAX_WEIGHT:
            break
        if measure.ends_sentence(line.text):
            break
        found.append(j)
        j -= 1
    return found[::-1]


def _icon_twin(texts: list[str], k: int) -> bool:
    """`盘观前沿 incentive-icons` above `盘观前沿`: the name twice, once with an icon's alt."""
    return texts[k] != texts[k + 1] and texts[k].startswith(texts[k + 1] + " ")
