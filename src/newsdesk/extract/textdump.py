"""Read an article out of a plain-text page dump (what a browser's innerText gives).

A dump has lost its markup, so the article has to be found by shape.  The reader:

1. classifies every line once (time, metadata, caption, widget, list heading,
   statement, disclaimer, breadcrumb, footer, author-card counts, or text), using
   `patterns`, `lists` and `dates`;
2. finds the author card (a counts line like `914文章数 1542关注度` and the name and
   tagline above it) so its lines are never taken for a title or a list item;
3. finds the body as the heaviest run of paragraph-shaped lines (long, or ending a
   sentence) that no hard break interrupts, joined with neighbouring runs that only
   subheadings keep apart; runs that open right under a list heading are teasers or
   comments, used only when nothing else is there.  The first run right under a
   headline and its time line wins over a heavier one further down (a teaser list, the
   next post of a blog's front page); a page of posts each under its time line (a
   forum thread, reviews) gives all of them, unless they sit under a comments heading
   below an article; a page with no prose gives the lines under its time line;
4. takes the title from above the body (the headline over the time or source line,
   else the nearest substantial headline-shaped line; a leading 原创 badge stripped)
   and reads the metadata block between the two: author or account, publish time,
   source, counters, the badge;
5. walks what follows the body into statement, disclaimers and typed list blocks.

The publish time comes only from the metadata block around the title (or, failing
that, a time explicitly labelled as the publish time right after the body).  A time
standing alone elsewhere (beside the author card, between lists) is `page_time`; a
list item's time never becomes the article's.  Where the page shows no publish time
the article says None rather than guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from newsdesk.article import Article, AuthorCard, Block
from newsdesk.errors import EmptyInput
from newsdesk.extract import lists, patterns
from newsdesk.extract.dates import (
    DEFAULT_TZ,
    PUBLISHED_LABEL,
    UPDATED_LABEL,
    FoundTime,
    find_times,
    zone,
)
from newsdesk.extract.language import detect_language
from newsdesk.text.zones import page_zone

# Paragraph shapes.  A line this heavy is prose whatever it ends with.
LONG_PARA_WEIGHT = 50
# A line ending in a full stop is prose from this weight on (shorter: a caption or label).
SHORT_PARA_WEIGHT = 10
# A long line of this many space-parted pieces with no clause mark is a row of links.
LINK_LIST_MIN_PIECES = 6
_CLAUSE_MARK = re.compile(r"[，。；！？、]|[,.;!?:](?=\s|$)")
# Headlines end in ? and ! too; only longer lines ending so are taken for prose.
QUESTION_PARA_WEIGHT = 40
# Hard-wrapped prose: runs of at least this many lines this heavy, each with
# punctuation inside, are paragraphs however their lines end.
WRAPPED_MIN_WEIGHT = 20
WRAPPED_MIN_LINES = 3
# ...and most of them broken at one width: within this share of the median width.
WRAP_WIDTH_SLACK = 0.1
WRAP_SAME_WIDTH_SHARE = 0.7
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_INNER_PUNCT = re.compile(r"[，。；、“”！？,;]")
# Captions and subheadings sit between paragraphs; more non-paragraph lines than this
# in a row mean the article has ended.
MAX_GAP_LINES = 4
# Prose within this many lines under a related, hot or comments heading is that list's
# (teasers, comments under their user names), not the article.
LIST_LEAD_LINES = 1
# A run of prose starting within this many short lines under a headline's time line is
# the article (past a share bar, counters, image alts)...
ANCHOR_LINES = 8
# ...when it says this much at least (less is a caption or a kicker).
ANCHOR_MIN_WEIGHT = 20
# Prose after a stretch of short lines this many times heavier than the stretch
# continues the article.
OUTWEIGH_RATIO = 2
# A thread: at least this many posts, each under a time line, with at most this many
# lines from one time line to the next.
THREAD_MIN_POSTS = 4
POST_MAX_LINES = 8
# A box of related headlines set inside an article holds at most this many lines.
INSET_MAX_LINES = 12
# ...and at least this many headlines: a heading over a headline or two and then
# prose is a teaser list.
INSET_MIN_ITEMS = 3
# Two runs of paragraphs this close, with only short text between, are one article.
MAX_MERGE_GAP_LINES = 8
# Headline sizes: shorter is a site name or button, longer is a paragraph.
TITLE_MIN_WEIGHT = 4
TITLE_MAX_WEIGHT = 90
# A headline at least this heavy is "substantial": the first such line is the title.
TITLE_GOOD_WEIGHT = 10
# An author or account name beside the headline is a few words.
AUTHOR_MAX_WEIGHT = 16
# Names of accounts and outlets are this short; a short headline usually says more.
NAME_MAX_WEIGHT = 8
_PUNCT = re.compile(r"[，,。！？!?：:；;、“”\"]")
# At most this many unlabelled lines between a headline and its time line are names.
AUTHOR_LINES = 2
# The metadata block under a headline is a few lines; a time further down is not its.
META_WINDOW = 8
# Some layouts put the time (or source) just above the headline.
PRE_TITLE_WINDOW = 2
# How far above the body the headline (or the time line under it) is looked for.
TITLE_SEARCH_LINES = 20
# Between a headline and its time line: an author line or two, a badge, a counter.
PRE_META_LINES = 4
# A line holding a time is a metadata line if little else is on it.
METATIME_REST_MAX_WEIGHT = 30
# Times are never longer than this; longer lines are not tried as time-only.
TIME_LINE_MAX_CHARS = 48
# Bylines are looked for in the first and last few lines of the body only.
BYLINE_PARAS = 3
# Author cards show a name and a tagline above the counts, each one short line.
CARD_MAX_LINES = 3
CARD_LINE_MAX_WEIGHT = 30

# How far to trust a publish time, by where it was found.
CONF_LABELLED = 0.95  # `发布时间: …` in the metadata block
CONF_META = 0.9  # a time in the metadata block under the headline
CONF_BEFORE_TITLE = 0.8  # a time just above the headline
CONF_AFTER_BODY = 0.6  # a labelled publish time right after the body
CONF_DATE_ONLY = 0.1  # taken off when only the day is shown
CONF_RELATIVE = 0.5  # `3小时前` resolved against the fetch time

# Zones assumed for unmarked times, by page language (Asia/Shanghai otherwise).

# Words beside a time that say what the time is (`2005-04-05 06:40 更新`).
_TIME_WORDS = frozenset({"更新", "发布", "发表", "编辑", "首发", "时间", "日期", "by", "By"})
# Labels that make a time the publish time (not only "a time").
_PUBLISH_LABEL = re.compile(
    r"发布时间|发布于|发表时间|发表于|发布日期|首发|Published|Posted|公開日|配信|掲載", re.I
)

BLANK, TIME, METATIME, META, COUNTER, WIDGET = "blank", "time", "metatime", "meta", "count", "w"
CRUMB, MENU, STATEMENT, DISCLAIMER, CAPTION = "crumb", "menu", "statement", "disclaimer", "cap"
HEADING, FOOTER, CARD, END, TEXT = "heading", "footer", "card", "end", "text"
# Lines that end a run of paragraphs: the article never continues across them.
_HARD_BREAKS = frozenset({TIME, METATIME, HEADING, STATEMENT, DISCLAIMER, CARD, FOOTER, CRUMB, END})
# Lines that end a list block after the article.
_BLOCK_ENDS = frozenset({STATEMENT, DISCLAIMER, CARD, FOOTER})
# Lists whose items come with prose (teasers, snippets, comments).
_TEASER_LISTS = frozenset({"related", "hot", "comments"})
# Lines a list block never holds as items.
_NOT_ITEMS = frozenset({BLANK, WIDGET, COUNTER, END, CRUMB, MENU})


# The body as (first line, last line) indexes, or None when no prose was found.
Span = tuple[int, int] | None


@dataclass(slots=True)
class _Line:
    text: str
    kind: str
    weight: int = 0
    time: FoundTime | None = None
    block: str | None = None  # the list kind, for a heading
    para: bool = False


@dataclass(slots=True)
class _Reading:
    """What has been read so far, gathered as the passes go."""

    lines: list[_Line]
    tz: str = DEFAULT_TZ
    ref: datetime | None = None
    taken: set[int] = field(default_factory=set)  # lines of the author card
    fields: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    page_times: list[datetime] = field(default_factory=list)
    statement: str | None = None
    disclaimers: list[str] = field(default_factory=list)
    published: tuple[datetime, float, bool] | None = None
    counters: dict[str, int] = field(default_factory=dict)
    original: bool = False
    card: AuthorCard | None = None


def read_dump(
    text: str,
    *,
    id: str,
    origin: str,
    url: str | None = None,
    fetched: datetime | None = None,
) -> Article:
    """Read one plain-text page dump into an `Article` (`extractor="text"`).

    Raises `EmptyInput` when the dump holds no text at all.
    """
    lines = [_classify(raw.strip()) for raw in text.splitlines()]
    if all(line.kind == BLANK for line in lines):
        raise EmptyInput("no text in the dump", origin)
    _mark_wrapped(lines)
    _mark_duplicates(lines)
    _demote_names(lines)
    r = _Reading(lines, ref=fetched)
    _find_card(r)
    span = _find_body(r)
    title_at, span = _find_title(r, span)
    span = _thread(r, span) or span or _short_body(r, title_at)
    span = _extend_start(r, span, title_at)
    body, captions = _read_body(r, span)
    title = lines[title_at].text if title_at is not None else None
    if title is not None:
        title, badge = patterns.strip_badge(patterns.clean_headline(title))
        r.original = r.original or badge
    language = detect_language(" ".join(filter(None, [title, *body[:5]])))
    r.tz = page_zone(url, language)
    body_start = span[0] if span else len(lines)
    _read_meta(r, title_at, body_start)
    after = span[1] + 1 if span else (title_at + 1 if title_at is not None else 0)
    blocks = _walk_blocks(r, after, len(lines), publish_ok=True)
    before = [b for b in _walk_blocks(r, 0, title_at or 0) if _strong(b)]
    article = Article(id=id, origin=origin, url=url, title=title, extractor="text")
    article.body, article.captions, article.language = body, captions, language
    article.lists = before + blocks
    _finish(article, r)
    return article


# --- pass 1: what each line is ------------------------------------------------------------------


def _classify(text: str) -> _Line:
    if not text:
        return _Line(text, BLANK)
    return _Line(text, *_shape(text))


# What a line is does not depend on its page: chrome, headings and list items recur
# on every page of a site, so the answers are kept.
_Shape = tuple[str, int, FoundTime | None, str | None, bool]


@lru_cache(maxsize=16384)
def _shape(text: str) -> _Shape:
    """(kind, weight, time, list kind, paragraph-shaped) of one non-blank line."""
    w = patterns.weight(text)
    has_digit = patterns.has_digit(text)
    times = find_times(text) if has_digit and w <= patterns.META_MAX_WEIGHT else []
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
    if w <= patterns.WIDGET_MAX_WEIGHT:
        kind = _small_kind(text, bool(times) or patterns.has_digit(text))
        if kind is not None:
            return kind, None, None
    for kind, test in _SHAPES:
        if test(text):
            return kind, None, None
    if patterns.is_menu_line(text):
        return MENU, None, None
    if w > patterns.META_MAX_WEIGHT or patterns.ends_full_stop(text):
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
    return patterns.weight(rest) <= METATIME_REST_MAX_WEIGHT


def _para_shaped(text: str, w: int) -> bool:
    if patterns.is_truncated(text):
        return False
    if w >= LONG_PARA_WEIGHT:
        return not _link_list(text)
    if patterns.ends_full_stop(text):
        return w >= SHORT_PARA_WEIGHT
    return patterns.ends_sentence(text) and w >= QUESTION_PARA_WEIGHT


def _link_list(text: str) -> bool:
    """A long line of names or addresses side by side (`外交部 国防部 教育部 …`, a row
    of sister sites with their URLs): many pieces and not one mark ending a clause."""
    if _CLAUSE_MARK.search(text):
        return False
    return len(text.split()) >= LINK_LIST_MIN_PIECES


def _mark_wrapped(lines: list[_Line]) -> None:
    """Hard-wrapped prose (old pages break a paragraph every 30-odd characters): a run
    of long text lines with sentence punctuation inside is paragraphs, wherever each
    line happens to end."""
    run: list[_Line] = []
    for line in [*lines, _Line("", BLANK)]:
        wrapped = (
            line.kind == TEXT
            and line.weight >= WRAPPED_MIN_WEIGHT
            and _INNER_PUNCT.search(line.text) is not None
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


def _typeset(run: list[_Line]) -> bool:
    """Lines broken at one width (most within a tenth of the median), as a fixed-width
    page wraps them; a column of headlines varies more."""
    widths = sorted(_width(line.text) for line in run)
    median = widths[len(widths) // 2]
    near = sum(1 for w in widths if abs(w - median) <= median * WRAP_WIDTH_SLACK)
    return near >= len(widths) * WRAP_SAME_WIDTH_SHARE


def _width(text: str) -> int:
    """Display columns: CJK characters take two."""
    return len(text) + len(_WIDE.findall(text))


def _mark_duplicates(lines: list[_Line]) -> None:
    """A paragraph-shaped line shown twice is a teaser (list title and image alt)."""
    seen = Counter(line.text for line in lines if line.para)
    for line in lines:
        if line.para and seen[line.text] > 1:
            line.para = False


def _demote_names(lines: list[_Line]) -> None:
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


# --- pass 2: the author card -------------------------------------------------------------------


def _find_card(r: _Reading) -> None:
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


def _card_lines_above(lines: list[_Line], at: int) -> list[int]:
    found: list[int] = []
    j = at - 1
    while j >= 0 and len(found) < CARD_MAX_LINES:
        line = lines[j]
        if line.kind == BLANK and not found:
            j -= 1
            continue
        if line.kind not in (TEXT, MENU) or line.weight > CARD_LINE_MAX_WEIGHT:
            break
        if patterns.ends_sentence(line.text):
            break
        found.append(j)
        j -= 1
    return found[::-1]


def _icon_twin(texts: list[str], k: int) -> bool:
    """`盘观前沿 incentive-icons` above `盘观前沿`: the name twice, once with an icon's alt."""
    return texts[k] != texts[k + 1] and texts[k].startswith(texts[k + 1] + " ")


# --- pass 3: the body -------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    start: int
    end: int
    weight: int
    under_heading: bool


def _find_body(r: _Reading) -> Span:
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


def _anchored(r: _Reading, runs: list[_Run], heaviest: _Run) -> _Run | None:
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


def _under_stamp(r: _Reading, start: int) -> bool:
    """Only short lines (buttons, counters, image alts) between a headline's metadata
    line and `start`; the headline itself may stand under its time line."""
    headline = False
    for j in _lines_up(r.lines, start, ANCHOR_LINES):
        line = r.lines[j]
        if line.kind in (TIME, METATIME, META):
            return j not in r.taken and (headline or _titled(r, j))
        if j in r.taken or line.kind in _HARD_BREAKS or line.para:
            return False
        if line.kind == TEXT and line.weight >= TITLE_GOOD_WEIGHT:
            if headline or not _headline_shaped(line):
                return False
            headline = True
    return False


def _titled(r: _Reading, at: int) -> bool:
    """A substantial headline stands over this metadata line (not a site's name over
    the date in its masthead)."""
    above = _headline_above(r, at)
    return above is not None and r.lines[above].weight >= TITLE_GOOD_WEIGHT


def _quiet_gap(lines: list[_Line], end: int, start: int) -> bool:
    """Between two runs only short text and captions (subheadings, a signature line):
    one article whose paragraphs a few headings or images keep apart."""
    gap = [line for line in lines[end + 1 : start] if line.kind != BLANK]
    return len(gap) <= MAX_MERGE_GAP_LINES and all(x.kind in (TEXT, CAPTION) for x in gap)


def _outweighed_gap(lines: list[_Line], end: int, run: _Run) -> bool:
    """A long stretch of short lines (a table of contents, image credits, a ratings
    box) inside a long article: the prose after it says more than the stretch does,
    and nothing in it ends an article."""
    gap = [line for line in lines[end + 1 : run.start] if line.kind != BLANK]
    if any(x.kind not in (TEXT, CAPTION, COUNTER) for x in gap):
        return False
    return run.weight >= OUTWEIGH_RATIO * sum(x.weight for x in gap)


def _inset_gap(lines: list[_Line], end: int, start: int) -> bool:
    """Between two runs a boxed list of a few headlines (`推荐阅读` and its links) that
    the page sets inside the article: the article goes on under it."""
    gap = [line for line in lines[end + 1 : start] if line.kind != BLANK]
    if not gap or len(gap) > INSET_MAX_LINES or gap[0].kind != HEADING:
        return False
    if gap[0].block not in _TEASER_LISTS or len(gap) <= INSET_MIN_ITEMS:
        return False
    return all(x.kind in (TEXT, MENU, WIDGET) and not x.para for x in gap[1:])


def _runs(lines: list[_Line]) -> list[_Run]:
    runs: list[_Run] = []
    run: _Run | None = None
    gap = 0
    since_heading = LIST_LEAD_LINES + 1
    for i, line in enumerate(lines):
        if line.kind == BLANK:
            continue
        if line.kind in _HARD_BREAKS:
            run = None
        elif line.para:
            if run is None or gap > MAX_GAP_LINES:
                run = _Run(i, i, 0, since_heading <= LIST_LEAD_LINES)
                runs.append(run)
            run.end, run.weight, gap = i, run.weight + line.weight, 0
        else:
            gap += 1
        teasers = line.block in _TEASER_LISTS and not patterns.is_widget(line.text)
        since_heading = 0 if teasers else since_heading + 1
    return runs


def _find_title(r: _Reading, span: Span) -> tuple[int | None, Span]:
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


def _title_near(r: _Reading, stop: int) -> int | None:
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


def _headline_above(r: _Reading, at: int) -> int | None:
    """The headline over a metadata line, past a byline or a short account name."""
    short: list[int] = []
    for j in _lines_up(r.lines, at, PRE_META_LINES):
        line = r.lines[j]
        if line.kind in (COUNTER, WIDGET, META, TIME, METATIME) or j in r.taken:
            continue
        if line.kind == TEXT and patterns.byline(line.text):
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


def _name_like(line: _Line) -> bool:
    """A short line without punctuation: an account or outlet name."""
    return line.weight <= NAME_MAX_WEIGHT and not _PUNCT.search(line.text)


def _lines_up(lines: list[_Line], stop: int, count: int) -> list[int]:
    """Up to `count` non-blank line indexes above `stop`, nearest first."""
    found: list[int] = []
    j = stop - 1
    while j >= 0 and len(found) < count:
        if lines[j].kind != BLANK:
            found.append(j)
        j -= 1
    return found


def _extend_start(r: _Reading, span: Span, title_at: int | None) -> Span:
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
        prose = patterns.ends_sentence(line.text) or patterns.is_truncated(line.text)
        if line.kind != TEXT or line.weight < SHORT_PARA_WEIGHT or not prose:
            break
        start = j
    return start, span[1]


def _thread(r: _Reading, span: Span) -> Span:
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


def _before_comments(lines: list[_Line], heading: int) -> Span:
    """The posts are the comments under an article: the article is the heaviest run of
    prose above their heading."""
    runs = [run for run in _runs(lines[:heading]) if not run.under_heading]
    if not runs:
        return None
    best = max(runs, key=lambda run: run.weight)
    return best.start, best.end


def _gap_lines(lines: list[_Line], a: int, b: int) -> int:
    return sum(1 for line in lines[a + 1 : b] if line.kind != BLANK)


def _breaks(r: _Reading, a: int, b: int) -> bool:
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


def _post_end(r: _Reading, at: int) -> int:
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


def _short_body(r: _Reading, title_at: int | None) -> Span:
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
        if i in r.taken or line.kind in _HARD_BREAKS or line.kind in (WIDGET, COUNTER):
            break
        if line.kind in (TEXT, MENU, CAPTION):
            start = i if start is None else start
            end = i
    return (start, end) if start is not None and end is not None else None


def _stamps_post(r: _Reading, i: int) -> bool:
    """A time line under a headline or a poster's name, or labelled as the publish time."""
    line = r.lines[i]
    if line.kind not in (TIME, METATIME) or i in r.taken:
        return False
    return _PUBLISH_LABEL.search(line.text) is not None or _headline_above(r, i) is not None


def _headline_shaped(line: _Line) -> bool:
    if line.kind != TEXT or patterns.ends_full_stop(line.text):
        return False
    if not TITLE_MIN_WEIGHT <= line.weight <= TITLE_MAX_WEIGHT or line.text.startswith("—"):
        return False
    return patterns.byline(line.text) is None


def _first_of(lines: list[_Line], kinds: set[str], default: int) -> int:
    return next((i for i, line in enumerate(lines) if line.kind in kinds), default)


def _after_last(lines: list[_Line], kind: str, stop: int) -> int:
    last = max((i for i in range(stop) if lines[i].kind == kind), default=-1)
    return last + 1


def _read_body(r: _Reading, span: Span) -> tuple[list[str], list[str]]:
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
            _take_fields(r, line.text, labelled_only=True)
    return body, captions


def _byline_in_body(r: _Reading, line: _Line, near_edge: bool) -> None:
    """Reporters credited at the top or bottom of the body (`本报记者 张三`, `（记者 张三）`,
    `（袁源）`, `新华日报·交汇点记者 徐睿翔`), and a forum post's `本贴由X于…发表`."""
    if "posted_by" not in r.fields:
        poster = patterns.posted_by(line.text)
        if poster:
            r.fields["posted_by"] = poster
    if "body_byline" in r.fields or not near_edge:
        return
    names = patterns.body_credit(line.text, paragraph=line.para)
    if names:
        r.fields["body_byline"] = names


def _extend_captions(lines: list[_Line], end: int) -> int:
    """A caption under the last paragraph (the article's last image) is still the article's."""
    j = end + 1
    while j < len(lines) and lines[j].kind in (BLANK, CAPTION, META):
        if lines[j].kind != BLANK:
            end = j
        j += 1
    return end


# --- pass 4: the metadata block around the title --------------------------------------------------


def _read_meta(r: _Reading, title_at: int | None, body_start: int) -> None:
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
    for line in lines[: max(anchor, 0)]:
        if line.kind == TIME and line.time is not None and not _is_published(r, line.time):
            r.page_times.append(_localize(line.time, r.tz))


def _author_slots(lines: list[_Line], after: list[int]) -> set[int]:
    """Where an unlabelled account name may stand: between the headline and its time line.

    (`标题 / 创始人 / 2025-06-04 22:04`).  Without a time line only the line right under
    the headline qualifies; short lines further down are kickers and buttons.
    """
    stamp = next((k for k, i in enumerate(after) if lines[i].kind in (TIME, METATIME, META)), None)
    limit = 1 if stamp is None else min(stamp, AUTHOR_LINES)
    return set(after[:limit])


def _meta_line(r: _Reading, line: _Line, confidence: float, *, standalone_author: bool) -> None:
    if line.kind in (TIME, METATIME, META):
        _take_time(r, line, confidence)
        if line.kind != TIME:
            _take_fields(r, _without_time(line), labelled_only=False)
    elif line.kind == COUNTER:
        r.counters.update(patterns.counters(line.text) or {})
    elif line.kind == TEXT and not line.para and standalone_author:
        names = patterns.byline(line.text)
        if names:
            r.fields.setdefault("byline", names)
        else:
            _take_name(r, line.text)


def _take_time(r: _Reading, line: _Line, confidence: float, *, trust_label: bool = True) -> None:
    if r.published is not None:
        return
    found = line.time
    if found is None:
        value = lists.item_time(line.text, ref=r.ref, tz=r.tz)[1]
        if value is not None:
            r.published = (value, CONF_RELATIVE, True)
        return
    if trust_label and _PUBLISH_LABEL.search(line.text[: found.start + 1]):
        confidence = max(confidence, CONF_LABELLED)
    if not found.has_time:
        confidence -= CONF_DATE_ONLY
    r.published = (_localize(found, r.tz), confidence, not found.tz_stated)


def _without_time(line: _Line) -> str:
    if line.time is None:
        return line.text
    return line.text[: line.time.start] + " | " + line.text[line.time.end :]


def _take_name(r: _Reading, text: str) -> None:
    """A short line beside the headline: the 原创 badge, or the author's account name."""
    name, badge = patterns.strip_badge(text)
    if text == patterns.ORIGINAL_BADGE or badge:
        r.original = True
        if text == patterns.ORIGINAL_BADGE:
            return
    if patterns.weight(name) > AUTHOR_MAX_WEIGHT or patterns.is_place_note(name):
        return
    if patterns.looks_like_outlet(name):
        r.fields.setdefault("source", name)
    else:
        r.authors.append(name)


def _take_fields(r: _Reading, text: str, *, labelled_only: bool) -> None:
    found, pieces = patterns.split_meta(text)
    for name, value in found:
        key = "labelled_author" if name == "author" else name
        r.fields.setdefault(key, value)
    if labelled_only:
        return
    for piece in pieces:
        _take_piece(r, piece)


def _take_piece(r: _Reading, piece: str) -> None:
    if piece == patterns.ORIGINAL_BADGE:
        r.original = True
        return
    label = piece.rstrip(":：")
    if patterns.is_place_note(piece) or _PUBLISH_LABEL.fullmatch(label):
        return
    if UPDATED_LABEL.fullmatch(label) or label in _TIME_WORDS:
        return
    if patterns.is_widget(piece) or patterns.counters(piece) is not None or piece.isdigit():
        return
    if patterns.weight(piece) > AUTHOR_MAX_WEIGHT or len(piece) < 2 or patterns.is_address(piece):
        return
    if patterns.looks_like_outlet(piece):
        r.fields.setdefault("source", piece)
    else:
        r.authors.append(piece)


def _localize(found: FoundTime, tz: str) -> datetime:
    if found.tz_stated or tz == DEFAULT_TZ:
        return found.value
    return found.value.replace(tzinfo=zone(tz))


def _is_published(r: _Reading, found: FoundTime) -> bool:
    return r.published is not None and r.published[0] == _localize(found, r.tz)


# --- pass 5: what follows the body -----------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    kind: str
    heading: str | None
    lines: list[str] = field(default_factory=list)
    stamps: list[lists.Stamp] = field(default_factory=list)


def _walk_blocks(r: _Reading, start: int, stop: int, *, publish_ok: bool = False) -> list[Block]:
    blocks: list[Block] = []
    current: _Open | None = None
    lines = r.lines
    i = start
    while i < stop:
        line = lines[i]
        if i in r.taken or line.kind in _BLOCK_ENDS or line.kind == HEADING:
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
            if line.kind not in _NOT_ITEMS:
                current.lines.append(line.text)
                current.stamps.append(_stamp(r, line))
        else:
            _loose_line(r, line, publish_ok)
        i += 1
    _close(r, blocks, current)
    return blocks


def _notice(r: _Reading, line: _Line) -> None:
    if line.kind == STATEMENT and r.statement is None:
        r.statement = line.text
    elif line.kind == DISCLAIMER:
        r.disclaimers.append(line.text)


def _loose_line(r: _Reading, line: _Line, publish_ok: bool) -> None:
    """A line after the body that belongs to no list: metadata, or a time of the page."""
    if line.kind in (META, METATIME):
        _take_fields(r, _without_time(line), labelled_only=True)
    if line.kind not in (TIME, METATIME) or line.time is None:
        return
    if publish_ok and r.published is None and _PUBLISH_LABEL.search(line.text):
        _take_time(r, line, CONF_AFTER_BODY, trust_label=False)
    elif line.kind == TIME:
        r.page_times.append(_localize(line.time, r.tz))


def _close(r: _Reading, blocks: list[Block], current: _Open | None) -> None:
    if current is None:
        return
    parsed = lists.parse_list(
        current.lines, kind=current.kind, ref=r.ref, tz=r.tz, stamps=current.stamps
    )
    blocks.append(Block(current.kind, current.heading, parsed.items))
    r.page_times.extend(parsed.orphan_times)


def _stamp(r: _Reading, line: _Line) -> lists.Stamp:
    if line.kind != TIME:
        return False, None
    if line.time is not None:
        return True, _localize(line.time, r.tz)
    return True, lists.loose_time(line.text, ref=r.ref, tz=r.tz)[1]


def _nav_heading(lines: list[_Line], i: int, stop: int) -> bool:
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


def _nav_run(lines: list[_Line], i: int, stop: int) -> bool:
    return _skip_run(lines, i, stop) - i >= lists.NAV_MIN_ITEMS


def _skip_run(lines: list[_Line], i: int, stop: int) -> int:
    j = i
    while j < stop and _menu_entry(lines[j]):
        j += 1
    return j


def _menu_entry(line: _Line) -> bool:
    small = line.kind == TEXT and line.weight <= lists.NAV_ITEM_MAX_WEIGHT
    return small and lists.is_nav_item(line.text)


def _strong(block: Block) -> bool:
    """Above the headline only clearly named lists with items count; menus there are chrome."""
    return block.kind in ("related", "hot", "comments") and bool(block.items)


# --- assembling -----------------------------------------------------------------------------------


def _finish(article: Article, r: _Reading) -> None:
    f = r.fields
    first_name = r.authors[0] if r.authors else None
    card_name = r.card.name if r.card is not None else None
    ranked = (
        _name_value(f.get("labelled_author")),
        f.get("byline"),
        _name_value(first_name),
        f.get("body_byline"),
        f.get("posted_by"),
    )
    article.author = next((a for a in ranked if a), card_name)
    article.source, article.editor = f.get("source"), f.get("editor")
    article.original_title = f.get("original_title")
    article.statement, article.disclaimers = r.statement, r.disclaimers
    article.site = _site(r.lines)
    article.original, article.counters, article.author_card = r.original, r.counters, r.card
    if r.published is not None:
        value, confidence, assumed = r.published
        article.published, article.published_confidence = value, round(confidence, 2)
        article.published_source, article.timezone_assumed = "text", assumed
    others = [t for t in r.page_times if t != article.published]
    article.page_time = others[0] if others else None


# Where a labelled name stops (`赵 培：北京物资学院`, `赵婕 出自[人民文学出版社]`).
_NAME_STOP = re.compile(r"[:：，,;；【\[(（]|出自|来自")
# Characters no author's name has.
_NOT_NAME = re.compile(r"[=\"<>{}@#$%^*_+\\/|《》“”。！？!?\d]")


def _name_value(value: str | None) -> str | None:
    """`value` cut to the names it gives, if it reads like names at all (a metadata
    line's leftovers are often a page number or a headline)."""
    if not value:
        return None
    m = _NAME_STOP.search(value)
    value = (value[: m.start()] if m else value).strip()
    if not value or _NOT_NAME.search(value) or patterns.weight(value) > AUTHOR_MAX_WEIGHT:
        return None
    if patterns.weight(value) == len(value.replace(" ", "").replace("、", "")):
        # CJK only: names, not a word of the page's chrome
        return (
            patterns.clean_names(value) if patterns.plausible_names(value, strict=False) else None
        )
    return value


def _site(lines: list[_Line]) -> str | None:
    for line in lines:
        if line.kind == CRUMB:
            crumbs = patterns.breadcrumb(line.text)
            if crumbs:
                return patterns.site_from_crumbs(crumbs)
    return None
