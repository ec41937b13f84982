"""What one line of page text is, by its wording: a metadata line, a statement, a
platform notice, a footer, a widget row, the site's interface (`interface`), a caption, a list heading, a dateline, or prose.

The vocabulary lives in the shared modules (`newsdesk.extract.patterns` for metadata,
notices, widgets, captions and footers; `newsdesk.extract.lists` for list headings;
`newsdesk.extract.dates` for times): the text-dump reader classifies its lines with the
same functions.  This module only orders the questions for the HTML reader and adds the
shapes that need markup to matter (date lines inside a container, rows of tags).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from newsdesk.extract import dates, lists, measure, patterns
from newsdesk.extract.html import byline, interface


class Kind(Enum):
    PROSE = "prose"
    DISCLAIMER = "disclaimer"  # the platform's notice about what it hosts
    FOOTER = "footer"  # the site's copyright, licences and links
    STATEMENT = "statement"  # the author's own 声明
    META = "meta"  # 来源：… 作者：… 责任编辑：… 原标题：…
    FURNITURE = "furniture"  # share bars, counters, breadcrumbs, print/close, prev/next
    CAPTION = "caption"  # …(资料图), 图为…, Photo: …
    LIST_HEADING = "list_heading"  # 相关新闻, Related stories…
    DATELINE = "dateline"  # a time with at most a source or a label: 2024-05-20 来源：新华社


# A dateline leaves at most this much once times and labels are gone (a source's name).
DATELINE_RESIDUE = 12
_DATELINE_WORDS = re.compile(
    r"来源|來源|作者|编辑|責任編輯|责任编辑|发布时间|發佈時間|发布于|发布|发表于|发表|更新|时间|時間|日期|"
    r"浏览|瀏覽|阅读|閱讀|点击|點擊|次数|次|字号|楼主|by|posted|published|updated|on|at|"
    r"[\s|｜/·•:：()（）\[\]【】<>,，\-—_]|\d",
    re.IGNORECASE,
)
# Tag rows: short words separated by 、 or commas.
_TAG_SEP = re.compile(r"\s*[、,，]\s*")
TAG_ROW_MIN = 5
TAG_MAX_WEIGHT = 6
# (and this many characters, for scripts the weight does not count)
TAG_MAX_CHARS = 24
# Lines longer than this are prose whatever they start with (bar notices).
LABEL_MAX_CHARS = 80
# A post's age shown alone on its line (`10月前`) is this short.
RELATIVE_LINE_MAX_CHARS = 16
# A byline on a line of its own is a few names and labels.
BYLINE_MAX_CHARS = 30


@lru_cache(maxsize=8192)
def kind(text: str) -> Kind:
    """What the line `text` is, by its wording alone.

    (Cached: a page repeats its menus and labels, and a site its chrome across pages.)
    """
    if patterns.is_statement(text):
        return Kind.STATEMENT
    if patterns.is_disclaimer(text):
        return Kind.DISCLAIMER
    if patterns.is_footer(text):
        return Kind.FOOTER
    if patterns.is_consent_notice(text) or interface.is_interface(text):
        return Kind.FURNITURE
    if _is_tag_row(text):
        return Kind.FURNITURE
    if len(text) > LABEL_MAX_CHARS * 2:
        return Kind.PROSE
    if patterns.is_caption(text):
        return Kind.CAPTION
    if len(text) > LABEL_MAX_CHARS:
        return Kind.PROSE
    if measure.has_digit(text) and (is_dateline(text) or _is_relative_time(text)):
        return Kind.DATELINE
    if patterns.is_meta_line(text) or (len(text) <= BYLINE_MAX_CHARS and byline.is_byline(text)):
        return Kind.META
    if starts_as_furniture(text) or patterns.is_widget(text) or patterns.counters(text) is not None:
        return Kind.FURNITURE
    if patterns.breadcrumb(text) is not None or patterns.is_menu_line(text):
        return Kind.FURNITURE
    if lists.classify_heading(text) is not None:
        return Kind.LIST_HEADING
    return Kind.PROSE


def _is_tag_row(text: str) -> bool:
    """`蔡英文 、 民進黨 、 國民黨 、 …`: a row of tags, five or more short words in a list."""
    seps = text.count("、") + text.count(",") + text.count("，")
    if seps < TAG_ROW_MIN - 1 or len(text) > (seps + 1) * TAG_MAX_CHARS:
        return False  # (cheap: most lines have few commas, or long parts between them)
    parts = [p for p in _TAG_SEP.split(text) if p]
    return len(parts) >= TAG_ROW_MIN and all(
        len(p) <= TAG_MAX_CHARS and measure.weight(p) <= TAG_MAX_WEIGHT for p in parts
    )


def _is_relative_time(text: str) -> bool:
    """`10月前`, `(楼主)3小时前`, `• 12d ago`: a post's age, a short line and nothing more."""
    if len(text) > RELATIVE_LINE_MAX_CHARS:
        return False
    return lists.loose_time(text.strip(" •·|()（）[]【】楼主"))[0]


def starts_as_furniture(text: str) -> bool:
    """A share button, print link or prev/next link, by its first words."""
    return patterns.starts_as_widget(text)


def is_dateline(text: str) -> bool:
    """A line giving a time and little else (a source, a view count, labels)."""
    hits = dates.find_times(text)
    if not hits:
        return False
    rest = text
    for hit in reversed(hits):
        rest = rest[: hit.start] + rest[hit.end :]
    return len(_DATELINE_WORDS.sub("", rest)) <= DATELINE_RESIDUE
