"""Pass 4: the metadata block around the title: author or account, publish time,
source, counters, the badge."""

from __future__ import annotations

from datetime import datetime

from newsdesk.extract import credits, lists, measure, patterns
from newsdesk.extract.dates import (
    DEFAULT_TZ,
    UPDATED_LABEL,
    FoundTime,
    zone,
)
from newsdesk.extract.textdump.model import (
    AUTHOR_LINES,
    AUTHOR_MAX_WEIGHT,
    BLANK,
    CONF_BEFORE_TITLE,
    CONF_DATE_ONLY,
    CONF_LABELLED,
    CONF_META,
    CONF_RELATIVE,
    COUNTER,
    META,
    META_WINDOW,
    METATIME,
    PRE_TITLE_WINDOW,
    PUBLISH_LABEL,
    TEXT,
    TIME,
    TIME_WORDS,
    Line,
    Reading,
)


def read_meta(r: Reading, title_at: int | None, body_start: int) -> None:
    lines = r.lines
    anchor = title_at if title_at is not None else -1
    before = [i for i in range(max(anchor, 0)) if lines[i].kind != BLANK][-PRE_TITLE_WINDOW:]
    after = [i for i in range(anchor + 1, body_start) if lines[i].kind != BLANK][:META_WINDOW]
    named = _author_slots(lines, after)
    for i in after:
        if i not in r.taken:
            _meta_line(r, lines[i], CONF_META, standalone_author=i in named)
    for i in before if title_at is not None else []:
        if lines[i].kind in (TIME, METATIME, META):
            _meta_line(r, lines[i], CONF_BEFORE_TITLE, standalone_author=False)
        elif lines[i].text == patterns.ORIGINAL_BADGE:
            r.original = True  # the badge rendered on a line of its own above the headline
        elif lines[i].kind == TEXT and (names := credits.credit_line(lines[i].text)):
            r.fields.setdefault("byline", names)  # `聯合報 / 記者王小明／台北報導` over it
    for line in lines[: max(anchor, 0)]:
        if line.kind == TIME and line.time is not None and not _is_published(r, line.time):
            r.page_times.append(localize(line.time, r.tz))


def _author_slots(lines: list[Line], after: list[int]) -> set[int]:
    """Where an unlabelled account name may stand: between the headline and its time line.

    (`标题 / 创始人 / 2025-06-04 22:04`).  Without a time line only the line right under
    the headline qualifies; short lines further down are kickers and buttons.
    """
    stamp = next((k for k, i in enumerate(after) if lines[i].kind in (TIME, METATIME, META)), None)
    limit = 1 if stamp is None else min(stamp, AUTHOR_LINES)
    return set(after[:limit])


def _meta_line(r: Reading, line: Line, confidence: float, *, standalone_author: bool) -> None:
    if line.kind in (TIME, METATIME, META):
        take_time(r, line, confidence)
        if line.kind != TIME:
            take_fields(r, without_time(line), labelled_only=False)
    elif line.kind == COUNTER:
        r.counters.update(patterns.counters(line.text) or {})
    elif line.kind == TEXT and not line.para and standalone_author:
        names = credits.byline(line.text)
        if names:
            r.fields.setdefault("byline", names)
        else:
            _take_name(r, line.text)


def take_time(r: Reading, line: Line, confidence: float, *, trust_label: bool = True) -> None:
    if r.published is not None:
        return
    found = line.time
    if found is None:
        value = lists.item_time(line.text, ref=r.ref, tz=r.tz)[1]
        if value is not None:
            r.published = (value, CONF_RELATIVE, True)
        return
    if trust_label and PUBLISH_LABEL.search(line.text[: found.start + 1]):
        confidence = max(confidence, CONF_LABELLED)
    if not found.has_time:
        confidence -= CONF_DATE_ONLY
    r.published = (localize(found, r.tz), confidence, not found.tz_stated)


def without_time(line: Line) -> str:
    if line.time is None:
        return line.text
    return line.text[: line.time.start] + " | " + line.text[line.time.end :]


def _take_name(r: Reading, text: str) -> None:
    """A short line beside the headline: the 原创 badge, or the author's account name."""
    name, badge = patterns.strip_badge(text)
    if text == patterns.ORIGINAL_BADGE or badge:
        r.original = True
        if text == patterns.ORIGINAL_BADGE:
            return
    if measure.weight(name) > AUTHOR_MAX_WEIGHT or credits.is_place_note(name):
        return
    if credits.looks_like_outlet(name):
        r.fields.setdefault("source", name)
    else:
        r.authors.append(name)


def take_fields(r: Reading, text: str, *, labelled_only: bool) -> None:
    found, pieces = patterns.split_meta(text)
    for name, value in found:
        key = "labelled_author" if name == "author" else name
        r.fields.setdefault(key, value)
    if labelled_only:
        return
    for piece in pieces:
        _take_piece(r, piece)


def _take_piece(r: Reading, piece: str) -> None:
    if piece == patterns.ORIGINAL_BADGE:
        r.original = True
        return
    label = piece.rstrip(":：")
    if credits.is_place_note(piece) or PUBLISH_LABEL.fullmatch(label):
        return
    if UPDATED_LABEL.fullmatch(label) or label in TIME_WORDS:
        return
    if patterns.is_widget(piece) or patterns.counters(piece) is not None or piece.isdigit():
        return
    if measure.weight(piece) > AUTHOR_MAX_WEIGHT or len(piece) < 2 or credits.is_address(piece):
        return
    if credits.looks_like_outlet(piece):
        r.fields.setdefault("source", piece)
    else:
        r.authors.append(piece)


def localize(found: FoundTime, tz: str) -> datetime:
    if found.tz_stated or tz == DEFAULT_TZ:
        return found.value
    return found.value.replace(tzinfo=zone(tz))


def _is_published(r: Reading, found: FoundTime) -> bool:
    return r.published is not None and r.published[0] == localize(found, r.tz)
