"""Pass 1: what each line is (time, metadata, caption, widget, list heading, statement,
disclaimer, breadcrumb, footer, author-card counts, or text), classified once."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsdesk.extract import lists, measure, patterns
from newsdesk.extract.dates import (
    PUBLISHED_LABEL,
    FoundTime,
    find_times,
)
from newsdesk.extract.textdump.model import (
    BLANK,
    CAPTION,
    CARD,
    CLAUSE_MARK,
    COUNTER,
    CRUMB,
    DISCLAIMER,
    END,
    FOOTER,
    HEADING,
    INNER_PUNCT,
    LINK_LIST_MIN_PIECES,
    LONG_PARA_WEIGHT,
    MENU,
    META,
    METATIME,
    METATIME_REST_MAX_WEIGHT,
    QUESTION_PARA_WEIGHT,
    SHORT_PARA_WEIGHT,
    STATEMENT,
    TEXT,
    TIME,
    TIME_LINE_MAX_CHARS,
    WIDE,
    WIDGET,
    WRAP_SAME_WIDTH_SHARE,
    WRAP_WIDTH_SLACK,
    WRAPPED_MIN_LINES,
    WRAPPED_MIN_WEIGHT,
    Line,
)


def classify(text: str) -> Line:
    if not text:
        return Line(text, BLANK)
    return Line(text, *_shape(text))


# What a line is does not depend on its page: chrome, headings and list items recur
# on every page of a site, so the answers are kept.
_Shape = tuple[str, int, FoundTime | None, str | None, bool]


@lru_cache(maxsize=16384)
def _shape(text: str) -> _Shape:
    """(kind, weight, time, list kind, paragraph-shaped) of one non-blank line."""
    w = measure.weight(text)
    has_digit = measure.has_digit(text)
    times = find_times(text) if has_digit and w <= measure.META_MAX_WEIGHT else []
    if len(times) == 1 and _only_time(text, times[0]):
        return TIME, w, times[0], None, False
    if has_digit and not times and lists.loose_time(text)[0]:
        return TIME, w, None, None, False
    kind, found, block = _kind_of(text, w, times)
    return kind, w, found, block, kind == TEXT and _para_shaped(text, w)


def _only_time(text: str, hit: FoundTime) -> bool:
    """Nothing but the time (and perhaps a `发布时间:` label) is on the line."""
    if len(text) > TIME_LINE_MAX_CHARS:
        return False
    rest = PUBLISHED_LABEL.sub("", text[: hit.start] + text[hit.end :], count=1)
    return not rest.strip(_TIME_PUNCT)


_TIME_PUNCT = " \t|·•-—:：()（）[]【】"


def _kind_of(text: str, w: int, times: list[FoundTime]) -> tuple[str, FoundTime | None, str | None]:
    """What a line is; the size of the line decides which shapes are worth trying."""
    if patterns.is_statement(text):
        return STATEMENT, None, None
    if patterns.is_disclaimer(text):
        return DISCLAIMER, None, None
    if w <= lists.HEADING_MAX_WEIGHT:
        block = lists.classify_heading(text)
        if block is not None:
            return HEADING, None, block
    if w <= measure.WIDGET_MAX_WEIGHT:
        kind = _small_kind(text, bool(times) or measure.has_digit(text))
        if kind is not None:
            return kind, None, None
    for kind, test in _SHAPES:
        if test(text):
            return kind, None, None
    if patterns.is_menu_line(text):
        return MENU, None, None
    if w > measure.META_MAX_WEIGHT or measure.ends_full_stop(text):
        return TEXT, None, None
    if times and _dominant(text, times[0]) and not _PROSE_CLAUSE.search(text):
        return METATIME, times[0], None
    if patterns.is_meta_line(text):
        return META, (times[0] if times else None), None
    return TEXT, None, None


def _small_kind(text: str, has_digit: bool) -> str | None:
    """The shapes only a short line can have: buttons, counters, card counts, `(完)`."""
    if has_digit and patterns.card_counts(text) is not None:
        return CARD
    if patterns.is_widget(text):
        return WIDGET
    if has_digit and patterns.counters(text) is not None:
        return COUNTER
    if patterns.is_end_mark(text):
        return END
    return None


# Shapes a line of any size can have, tried in this order.
_SHAPES = (
    (CRUMB, lambda t: patterns.breadcrumb(t) is not None),
    (FOOTER, patterns.is_footer),
    (CAPTION, patterns.is_caption),
)


# Clause marks a metadata line does not have: `2010年12月21日发生的月全食，不是我拍的……`
# is a caption, not the time line of an article.
_PROSE_CLAUSE = re.compile(r"[，。]")


def _dominant(text: str, hit: FoundTime) -> bool:
    """A short line that is mostly its time (`新京报 2025-06-04 10:30`)."""
    rest = text[: hit.start] + " " + text[hit.end :]
    return measure.weight(rest) <= METATIME_REST_MAX_WEIGHT


def _para_shaped(text: str, w: int) -> bool:
    if measure.is_truncated(text):
        return False
    if w >= LONG_PARA_WEIGHT:
        return not _link_list(text)
    if measure.ends_full_stop(text):
        return w >= SHORT_PARA_WEIGHT
    return measure.ends_sentence(text) and w >= QUESTION_PARA_WEIGHT


def _link_list(text: str) -> bool:
    """A long line of names or addresses side by side (`外交部 国防部 教育部 …`, a row
    of sister sites with their URLs): many pieces and not one mark ending a clause."""
    if CLAUSE_MARK.search(text):
        return False
    return len(text.split()) >= LINK_LIST_MIN_PIECES


def mark_wrapped(lines: list[Line]) -> None:
    """Hard-wrapped prose (old pages break a paragraph every 30-odd characters): a run
    of long text lines with sentence punctuation inside is paragraphs, wherever each
    line happens to end."""
    run: list[Line] = []
    for line in [*lines, Line("", BLANK)]:
        wrapped = (
            line.kind == TEXT
            and line.weight >= WRAPPED_MIN_WEIGHT
            and INNER_PUNCT.search(line.text) is not None
        )
        if wrapped:
            run.append(line)
            continue
        if line.kind == BLANK and run and len(run) < WRAPPED_MIN_LINES:
            continue  # a blank line may part two wrapped lines of one paragraph
        if len(run) >= WRAPPED_MIN_LINES and _typeset(run):
            for item in run:
                item.para = True
        run = []


def _typeset(run: list[Line]) -> bool:
    """Lines broken at one width (most within a tenth of the median), as a fixed-width
    page wraps them; a column of headlines varies more."""
    widths = sorted(_width(line.text) for line in run)
    median = widths[len(widths) // 2]
    near = sum(1 for w in widths if abs(w - median) <= median * WRAP_WIDTH_SLACK)
    return near >= len(widths) * WRAP_SAME_WIDTH_SHARE


def _width(text: str) -> int:
    """Display columns: CJK characters take two."""
    return len(text) + len(WIDE.findall(text))


def mark_duplicates(lines: list[Line]) -> None:
    """A paragraph-shaped line shown twice is a teaser (list title and image alt)."""
    seen = Counter(line.text for line in lines if line.para)
    for line in lines:
        if line.para and seen[line.text] > 1:
            line.para = False


def demote_names(lines: list[Line]) -> None:
    """`极目新闻` over a time (or a follow button, or prose) is an outlet's name, not a
    `XX新闻` channel heading: a channel heading stands over a headline."""
    for i, line in enumerate(lines):
        if line.kind != HEADING or line.block != "channel":
            continue
        j = i + 1
        while j < len(lines) and lines[j].kind == BLANK:
            j += 1
        nxt = lines[j] if j < len(lines) else None
        if nxt is not None and (nxt.kind in (TIME, METATIME, WIDGET, COUNTER) or nxt.para):
            line.kind, line.block = TEXT, None
