"""The shared state of the text-dump reader: line kinds, the thresholds of every pass
(each with why it exists), a classified line and the reading in progress."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.article import AuthorCard
from newsdesk.extract.dates import (
    DEFAULT_TZ,
    FoundTime,
)

# Paragraph shapes.  A line this heavy is prose whatever it ends with.
LONG_PARA_WEIGHT = 50
# A line ending in a full stop is prose from this weight on (shorter: a caption or label).
SHORT_PARA_WEIGHT = 10
# A long line of this many space-parted pieces with no clause mark is a row of links.
LINK_LIST_MIN_PIECES = 6
CLAUSE_MARK = re.compile(r"[，。；！？、]|[,.;!?:](?=\s|$)")
# Headlines end in ? and ! too; only longer lines ending so are taken for prose.
QUESTION_PARA_WEIGHT = 40
# Hard-wrapped prose: runs of at least this many lines this heavy, each with
# punctuation inside, are paragraphs however their lines end.
WRAPPED_MIN_WEIGHT = 20
WRAPPED_MIN_LINES = 3
# ...and most of them broken at one width: within this share of the median width.
WRAP_WIDTH_SLACK = 0.1
WRAP_SAME_WIDTH_SHARE = 0.7
WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
INNER_PUNCT = re.compile(r"[，。；、“”！？,;]")
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
PUNCT = re.compile(r"[，,。！？!?：:；;、“”\"]")
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
TIME_WORDS = frozenset(
    {"更新", "发布", "发表", "编辑", "首发", "时间", "日期", "發布", "發佈", "發表", "編輯", "時間"}
    | {"by", "By"}
)
# Labels that make a time the publish time (not only "a time").
PUBLISH_LABEL = re.compile(
    r"发布时间|发布于|发表时间|发表于|发布日期|首发|發布時間|發佈時間|發表時間|發布日期|發佈日期|"
    r"發布於|發佈於|發表於|Published|Posted|公開日|配信|掲載",
    re.I,
)

BLANK, TIME, METATIME, META, COUNTER, WIDGET = "blank", "time", "metatime", "meta", "count", "w"
CRUMB, MENU, STATEMENT, DISCLAIMER, CAPTION = "crumb", "menu", "statement", "disclaimer", "cap"
HEADING, FOOTER, CARD, END, TEXT = "heading", "footer", "card", "end", "text"
# Lines that end a run of paragraphs: the article never continues across them.
HARD_BREAKS = frozenset({TIME, METATIME, HEADING, STATEMENT, DISCLAIMER, CARD, FOOTER, CRUMB, END})
# Lines that end a list block after the article.
BLOCK_ENDS = frozenset({STATEMENT, DISCLAIMER, CARD, FOOTER})
# Lists whose items come with prose (teasers, snippets, comments).
TEASER_LISTS = frozenset({"related", "hot", "comments"})
# Lines a list block never holds as items.
NOT_ITEMS = frozenset({BLANK, WIDGET, COUNTER, END, CRUMB, MENU})


# The body as (first line, last line) indexes, or None when no prose was found.
Span = tuple[int, int] | None


@dataclass(slots=True)
class Line:
    text: str
    kind: str
    weight: int = 0
    time: FoundTime | None = None
    block: str | None = None  # the list kind, for a heading
    para: bool = False


@dataclass(slots=True)
class Reading:
    """What has been read so far, gathered as the passes go."""

    lines: list[Line]
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
