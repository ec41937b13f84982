"""Pass 5: what follows the body, walked into statement, disclaimers and typed list blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.article import Block
from newsdesk.extract import lists
from newsdesk.extract.textdump.meta import localize, take_fields, take_time, without_time
from newsdesk.extract.textdump.model import (
    BLANK,
    BLOCK_ENDS,
    CONF_AFTER_BODY,
    DISCLAIMER,
    HEADING,
    META,
    METATIME,
    NOT_ITEMS,
    PUBLISH_LABEL,
    STATEMENT,
    TEXT,
    TIME,
    Line,
    Reading,
)


@dataclass(slots=True)
class _Open:
    kind: str
    heading: str | None
    lines: list[str] = field(default_factory=list)
    stamps: list[lists.Stamp] = field(default_factory=list)


def walk_blocks(r: Reading, start: int, stop: int, *, publish_ok: bool = False) -> list[Block]:
    blocks: list[Block] = []
    current: _Open | None = None
    lines = r.lines
    i = start
    while i < stop:
        line = lines[i]
        if i in r.taken or line.kind in BLOCK_ENDS or line.kind == HEADING:
            _close(r, blocks, current)
            _notice(r, line)
            opens = line.kind == HEADING and i not in r.taken
            current = _Open(line.block or "other", line.text) if opens else None
        elif line.kind == TEXT and _nav_heading(lines, i, stop):
            _close(r, blocks, current)
            current = _Open("nav", line.text)
        elif _menu_inside(current) and line.kind == TEXT and _nav_run(lines, i, stop):
            _close(r, blocks, current)
            current, i = None, _skip_run(lines, i, stop)
            continue
        elif current is not None:
            if line.kind not in NOT_ITEMS:
                current.lines.append(line.text)
                current.stamps.append(_stamp(r, line))
        else:
            _loose_line(r, line, publish_ok)
        i += 1
    _close(r, blocks, current)
    return blocks


def _notice(r: Reading, line: Line) -> None:
    if line.kind == STATEMENT and r.statement is None:
        r.statement = line.text
    elif line.kind == DISCLAIMER:
        r.disclaimers.append(line.text)


def _loose_line(r: Reading, line: Line, publish_ok: bool) -> None:
    """A line after the body that belongs to no list: metadata, or a time of the page."""
    if line.kind in (META, METATIME):
        take_fields(r, without_time(line), labelled_only=True)
    if line.kind not in (TIME, METATIME) or line.time is None:
        return
    if publish_ok and r.published is None and PUBLISH_LABEL.search(line.text):
        take_time(r, line, CONF_AFTER_BODY, trust_label=False)
    elif line.kind == TIME:
        r.page_times.append(localize(line.time, r.tz))


def _close(r: Reading, blocks: list[Block], current: _Open | None) -> None:
    if current is None:
        return
    parsed = lists.parse_list(
        current.lines, kind=current.kind, ref=r.ref, tz=r.tz, stamps=current.stamps
    )
    blocks.append(Block(current.kind, current.heading, parsed.items))
    r.page_times.extend(parsed.orphan_times)


def _stamp(r: Reading, line: Line) -> lists.Stamp:
    if line.kind != TIME:
        return False, None
    if line.time is not None:
        return True, localize(line.time, r.tz)
    return True, lists.loose_time(line.text, ref=r.ref, tz=r.tz)[1]


def _nav_heading(lines: list[Line], i: int, stop: int) -> bool:
    """A short label over a run of menu entries (`态度原创` over `艺术 / 本地 / 旅游`)."""
    line = lines[i]
    if line.weight > lists.HEADING_MAX_WEIGHT or line.para:
        return False
    j = i + 1
    if j < stop and lines[j].kind not in (BLANK, TEXT):
        return False
    while j < stop and lines[j].kind == BLANK:
        j += 1
    separated = j > i + 1 or not lists.is_nav_item(line.text)
    return separated and _nav_run(lines, j, stop)


def _menu_inside(current: _Open | None) -> bool:
    """A run of menu entries inside a list of headlines ends it (a menu with no label)."""
    return current is not None and current.kind != "nav" and bool(current.lines)


def _nav_run(lines: list[Line], i: int, stop: int) -> bool:
    return _skip_run(lines, i, stop) - i >= lists.NAV_MIN_ITEMS


def _skip_run(lines: list[Line], i: int, stop: int) -> int:
    j = i
    while j < stop and _menu_entry(lines[j]):
        j += 1
    return j


def _menu_entry(line: Line) -> bool:
    small = line.kind == TEXT and line.weight <= lists.NAV_ITEM_MAX_WEIGHT
    return small and lists.is_nav_item(line.text)


def strong(block: Block) -> bool:
    """Above the headline only clearly named lists with items count; menus there are chrome."""
    return block.kind in ("related", "hot", "comments") and bool(block.items)
