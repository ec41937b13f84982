"""Pass 3: the body, as the heaviest run of paragraph-shaped lines, and the title above it."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.extract import credits, measure, patterns
from newsdesk.extract.textdump.meta import take_fields
from newsdesk.extract.textdump.model import (
    ANCHOR_LINES,
    ANCHOR_MIN_WEIGHT,
    BLANK,
    BYLINE_PARAS,
    CAPTION,
    CARD,
    COUNTER,
    CRUMB,
    DISCLAIMER,
    FOOTER,
    HARD_BREAKS,
    HEADING,
    INSET_MAX_LINES,
    INSET_MIN_ITEMS,
    LIST_LEAD_LINES,
    MAX_GAP_LINES,
    MAX_MERGE_GAP_LINES,
    MENU,
    META,
    METATIME,
    NAME_MAX_WEIGHT,
    OUTWEIGH_RATIO,
    POST_MAX_LINES,
    PRE_META_LINES,
    PUBLISH_LABEL,
    PUNCT,
    SHORT_PARA_WEIGHT,
    STATEMENT,
    TEASER_LISTS,
    TEXT,
    THREAD_MIN_POSTS,
    TIME,
    TITLE_GOOD_WEIGHT,
    TITLE_MAX_WEIGHT,
    TITLE_MIN_WEIGHT,
    TITLE_SEARCH_LINES,
    WIDGET,
    Line,
    Reading,
    Span,
)


@dataclass(slots=True)
class _Run:
    start: int
    end: int
    weight: int
    under_heading: bool


def find_body(r: Reading) -> Span:
    lines = r.lines
    runs = _runs(lines)
    if not runs:
        return None
    free = [run for run in runs if not run.under_heading] or runs
    heaviest = max(free, key=lambda run: run.weight)
    best = _anchored(r, free, heaviest) or heaviest
    at = runs.index(best)
    start, end = best.start, best.end
    for run in runs[at + 1 :]:
        if run.under_heading or not (
            _quiet_gap(lines, end, run.start)
            or _inset_gap(lines, end, run.start)
            or _outweighed_gap(lines, end, run)
        ):
            break
        end = run.end
    for run in reversed(runs[:at]):
        if best.under_heading or not _quiet_gap(lines, run.end, start):
            break
        start = run.start
    return start, end


def _anchored(r: Reading, runs: list[_Run], heaviest: _Run) -> _Run | None:
    """The first run of prose right under a headline and its time (or source) line,
    when it comes before the heaviest run.

    That is where an article starts; a heavier run further down is a teaser list or
    the next post of a blog's front page.  Comments come after the article, each
    under its poster's name and time: a run under a time line past the heaviest
    run is not preferred.
    """
    for run in runs:
        if run.start > heaviest.start:
            return None
        if run.weight >= ANCHOR_MIN_WEIGHT and _under_stamp(r, run.start):
            return run
    return None


def _under_stamp(r: Reading, start: int) -> bool:
    """Only short lines (buttons, counters, image alts) between a headline's metadata
    line and `start`; the headline itself may stand under its time line."""
    headline = False
    for j in _lines_up(r.lines, start, ANCHOR_LINES):
        line = r.lines[j]
        if line.kind in (TIME, METATIME, META):
            return j not in r.taken and (headline or _titled(r, j))
        if j in r.taken or line.kind in HARD_BREAKS or line.para:
            return False
        if line.kind == TEXT and line.weight >= TITLE_GOOD_WEIGHT:
            if headline or not _headline_shaped(line):
                return False
            headline = True
    return False


def _titled(r: Reading, at: int) -> bool:
    """A substantial headline stands over this metadata line (not a site's name over
    the date in its masthead)."""
    above = _headline_above(r, at)
    return above is not None and r.lines[above].weight >= TITLE_GOOD_WEIGHT


def _quiet_gap(lines: list[Line], end: int, start: int) -> bool:
    """Between two runs only short text and captions (subheadings, a signature line):
    one article whose paragraphs a few headings or images keep apart."""
    gap = [line for line in lines[end + 1 : start] if line.kind != BLANK]
    return len(gap) <= MAX_MERGE_GAP_LINES and all(x.kind in (TEXT, CAPTION) for x in gap)


def _outweighed_gap(lines: list[Line], end: int, run: _Run) -> bool:
    """A long stretch of short lines (a table of contents, image credits, a ratings
    box) inside a long article: the prose after it says more than the stretch does,
    and nothing in it ends an article."""
    gap = [line for line in lines[end + 1 : run.start] if line.kind != BLANK]
    if any(x.kind not in (TEXT, CAPTION, COUNTER) for x in gap):
        return False
    return run.weight >= OUTWEIGH_RATIO * sum(x.weight for x in gap)


def _inset_gap(lines: list[Line], end: int, start: int) -> bool:
    """Between two runs a boxed list of a few headlines (`推荐阅读` and its links) that
    the page sets inside the article: the article goes on under it."""
    gap = [line for line in lines[end + 1 : start] if line.kind != BLANK]
    if not gap or len(gap) > INSET_MAX_LINES or gap[0].kind != HEADING:
        return False
    if gap[0].block not in TEASER_LISTS or len(gap) <= INSET_MIN_ITEMS:
        return False
    return all(x.kind in (TEXT, MENU, WIDGET) and not x.para for x in gap[1:])


def _runs(lines: list[Line]) -> list[_Run]:
    runs: list[_Run] = []
    run: _Run | None = None
    gap = 0
    since_heading = LIST_LEAD_LINES + 1
    for i, line in enumerate(lines):
        if line.kind == BLANK:
            continue
        if line.kind in HARD_BREAKS:
            run = None
        elif line.para:
            if run is None or gap > MAX_GAP_LINES:
                run = _Run(i, i, 0, since_heading <= LIST_LEAD_LINES)
                runs.append(run)
            run.end, run.weight, gap = i, run.weight + line.weight, 0
        else:
            gap += 1
        teasers = line.block in TEASER_LISTS and not patterns.is_widget(line.text)
        since_heading = 0 if teasers else since_heading + 1
    return runs


def find_title(r: Reading, span: Span) -> tuple[int | None, Span]:
    """The headline's line index, and the body span (moved on if it held the headline)."""
    lines = r.lines
    stop = span[0] if span else _first_of(lines, {HEADING, STATEMENT, DISCLAIMER}, len(lines))
    near = _title_near(r, stop)
    if near is not None:
        return near, span
    start = _after_last(lines, CRUMB, stop)
    candidates = [i for i in range(start, stop) if _headline_shaped(lines[i]) and i not in r.taken]
    if not candidates and start:
        candidates = [i for i in range(stop) if _headline_shaped(lines[i]) and i not in r.taken]
    if candidates:
        good = [i for i in candidates if lines[i].weight >= TITLE_GOOD_WEIGHT]
        return (good[0] if good else max(candidates, key=lambda i: lines[i].weight)), span
    first = lines[span[0]] if span else None
    if span and first and _headline_shaped(first) and span[0] < span[1]:
        nxt = next(i for i in range(span[0] + 1, span[1] + 1) if lines[i].para)
        return span[0], (nxt, span[1])
    return None, span


def _title_near(r: Reading, stop: int) -> int | None:
    """Walk up from the body through the metadata block to the headline.

    The headline sits right above the time (or source) line when there is one, past
    an author line or two, even when teasers sit between that line and the body;
    otherwise it is the nearest substantial headline-shaped line above the body.
    """
    nearest: int | None = None
    for j in _lines_up(r.lines, stop, TITLE_SEARCH_LINES):
        line = r.lines[j]
        if j in r.taken or line.kind in (WIDGET, COUNTER):
            continue
        if line.kind in (TIME, METATIME, META):
            above = _headline_above(r, j)
            if above is not None or nearest is not None:
                return above if above is not None else nearest
        elif line.kind in (HEADING, STATEMENT, DISCLAIMER, FOOTER):
            break
        elif nearest is None and _headline_shaped(line) and line.weight >= TITLE_GOOD_WEIGHT:
            nearest = j
    return nearest


def _headline_above(r: Reading, at: int) -> int | None:
    """The headline over a metadata line, past a byline or a short account name."""
    short: list[int] = []
    for j in _lines_up(r.lines, at, PRE_META_LINES):
        line = r.lines[j]
        if line.kind in (COUNTER, WIDGET, META, TIME, METATIME) or j in r.taken:
            continue
        if line.kind == TEXT and credits.byline(line.text):
            continue
        if not _headline_shaped(line):
            break
        if line.weight >= TITLE_GOOD_WEIGHT:
            return j
        short.append(j)
        if len(short) == 2:
            break
    if len(short) == 2 and _name_like(r.lines[short[0]]):
        return short[1]  # `标题 / 新华社 / 2025-06-04`: the name sits under the headline
    return short[0] if short else None


def _name_like(line: Line) -> bool:
    """A short line without punctuation: an account or outlet name."""
    return line.weight <= NAME_MAX_WEIGHT and not PUNCT.search(line.text)


def _lines_up(lines: list[Line], stop: int, count: int) -> list[int]:
    """Up to `count` non-blank line indexes above `stop`, nearest first."""
    found: list[int] = []
    j = stop - 1
    while j >= 0 and len(found) < count:
        if lines[j].kind != BLANK:
            found.append(j)
        j -= 1
    return found


def extend_start(r: Reading, span: Span, title_at: int | None) -> Span:
    """Take in a lede above the first full paragraph (`他是……的开拓者……`) up to the headline."""
    if span is None:
        return span
    start = span[0]
    for j in _lines_up(r.lines, span[0], MAX_GAP_LINES):
        line = r.lines[j]
        if (title_at is not None and j <= title_at) or j in r.taken:
            break
        if line.kind == CAPTION:
            continue
        prose = measure.ends_sentence(line.text) or measure.is_truncated(line.text)
        if line.kind != TEXT or line.weight < SHORT_PARA_WEIGHT or not prose:
            break
        start = j
    return start, span[1]


def find_thread(r: Reading, span: Span) -> Span:
    """A forum thread or a page of reviews: post after post, each under its poster's
    time line, from the top of the page down.  The posts are the page's text, so when
    the body found lies among them (or none was found) all of them are taken.  A
    news article's comments come after the article, which is the body found there."""
    lines = r.lines
    stamps = [i for i, line in enumerate(lines) if line.kind in (TIME, METATIME)]
    stamps = [i for i in stamps if i not in r.taken]
    best: list[int] = []
    series: list[int] = []
    for i in stamps:
        if series and (
            _gap_lines(lines, series[-1], i) > POST_MAX_LINES or _breaks(r, series[-1], i)
        ):
            series = []
        series.append(i)
        if len(series) > len(best):
            best = list(series)
    if len(best) < THREAD_MIN_POSTS:
        return None
    start, stop = best[0] + 1, _post_end(r, best[-1])
    if span is not None and not (start <= span[0] and span[1] <= stop):
        return None
    heading = next((j for j in _lines_up(lines, best[0], 2) if lines[j].kind == HEADING), None)
    if heading is not None and lines[heading].block == "comments":
        return _before_comments(lines, heading)
    texts = [i for i in range(start, stop + 1) if lines[i].kind == TEXT]
    return (texts[0], texts[-1]) if texts else None


def _before_comments(lines: list[Line], heading: int) -> Span:
    """The posts are the comments under an article: the article is the heaviest run of
    prose above their heading."""
    runs = [run for run in _runs(lines[:heading]) if not run.under_heading]
    if not runs:
        return None
    best = max(runs, key=lambda run: run.weight)
    return best.start, best.end


def _gap_lines(lines: list[Line], a: int, b: int) -> int:
    return sum(1 for line in lines[a + 1 : b] if line.kind != BLANK)


def _breaks(r: Reading, a: int, b: int) -> bool:
    """No post between two time lines (a list of dated headlines), or a line that ends
    an article or opens another list."""
    between = [i for i in range(a + 1, b) if r.lines[i].kind != BLANK]
    if not any(r.lines[i].kind == TEXT for i in between):
        return True
    ends = (FOOTER, STATEMENT, DISCLAIMER, CRUMB, CARD)
    for i in between:
        line = r.lines[i]
        if line.kind in ends or i in r.taken:
            return True
        if line.kind == HEADING and line.block != "comments":
            return True
    return False


def _post_end(r: Reading, at: int) -> int:
    """The last text line of the post under the time line at `at`."""
    end, seen = at, 0
    for i in range(at + 1, len(r.lines)):
        line = r.lines[i]
        if line.kind == BLANK:
            continue
        seen += 1
        if seen > POST_MAX_LINES or line.kind not in (TEXT, MENU, CAPTION, WIDGET, COUNTER):
            break
        if line.kind == TEXT:
            end = i
    return end


def short_body(r: Reading, title_at: int | None) -> Span:
    """No prose on the page (a table of contents, an agenda, a two-line forum post):
    the lines right under the headline's time line (else under the headline), up to
    the first button, counter or line that ends an article."""
    lines = r.lines
    stamp = next((i for i, line in enumerate(lines) if _stamps_post(r, i)), None)
    at = stamp if stamp is not None else title_at
    if at is None:
        return None
    start = end = None
    for i in range(at + 1, len(lines)):
        line = lines[i]
        if line.kind == BLANK or (start is None and line.kind in (WIDGET, COUNTER, META)):
            continue
        if i in r.taken or line.kind in HARD_BREAKS or line.kind in (WIDGET, COUNTER):
            break
        if line.kind in (TEXT, MENU, CAPTION):
            start = i if start is None else start
            end = i
    return (start, end) if start is not None and end is not None else None


def _stamps_post(r: Reading, i: int) -> bool:
    """A time line under a headline or a poster's name, or labelled as the publish time."""
    line = r.lines[i]
    if line.kind not in (TIME, METATIME) or i in r.taken:
        return False
    return PUBLISH_LABEL.search(line.text) is not None or _headline_above(r, i) is not None


def _headline_shaped(line: Line) -> bool:
    if line.kind != TEXT or measure.ends_full_stop(line.text):
        return False
    if not TITLE_MIN_WEIGHT <= line.weight <= TITLE_MAX_WEIGHT or line.text.startswith("—"):
        return False
    return credits.byline(line.text) is None


def _first_of(lines: list[Line], kinds: set[str], default: int) -> int:
    return next((i for i, line in enumerate(lines) if line.kind in kinds), default)


def _after_last(lines: list[Line], kind: str, stop: int) -> int:
    last = max((i for i in range(stop) if lines[i].kind == kind), default=-1)
    return last + 1


def read_body(r: Reading, span: Span) -> tuple[list[str], list[str]]:
    if span is None:
        return [], []
    body: list[str] = []
    captions: list[str] = []
    end = _extend_captions(r.lines, span[1])
    boxed = False  # inside a box of headlines the article is set around
    for i in range(span[0], end + 1):
        line = r.lines[i]
        inset = line.kind == HEADING and line.block != "comments"  # a thread's `评论` buttons
        boxed = inset or (boxed and not line.para)
        if boxed:
            continue
        if line.kind in (TEXT, MENU):
            body.append(line.text)
            _byline_in_body(r, line, len(body) <= BYLINE_PARAS or i > end - BYLINE_PARAS)
        elif line.kind == CAPTION:
            captions.append(line.text)
        elif line.kind == META:
            take_fields(r, line.text, labelled_only=True)
    return body, captions


def _byline_in_body(r: Reading, line: Line, near_edge: bool) -> None:
    """Reporters credited at the top or bottom of the body (`本报记者 张三`, `（记者 张三）`,
    `（袁源）`, `新华日报·交汇点记者 徐睿翔`), and a forum post's `本贴由X于…发表`."""
    if "posted_by" not in r.fields:
        poster = credits.posted_by(line.text)
        if poster:
            r.fields["posted_by"] = poster
    if "body_byline" in r.fields or not near_edge:
        return
    names = credits.body_credit(line.text, paragraph=line.para)
    if names:
        r.fields["body_byline"] = names


def _extend_captions(lines: list[Line], end: int) -> int:
    """A caption under the last paragraph (the article's last image) is still the article's."""
    j = end + 1
    while j < len(lines) and lines[j].kind in (BLANK, CAPTION, META):
        if lines[j].kind != BLANK:
            end = j
        j += 1
    return end
