"""What one line of page text is, by its wording: a metadata line, a statement, a
platform notice, a footer, a widget row, a caption, a list heading, a dateline, or prose.

The vocabulary lives in the shared modules (`newsdesk.extract.patterns` for metadata,
notices, widgets, captions and footers; `newsdesk.extract.lists` for list headings;
`newsdesk.extract.dates` for times): the text-dump reader classifies its lines with the
same functions.  This module only orders the questions for the HTML reader and adds the
few shapes it meets in markup that the shared patterns do not cover (copyright lines in
other languages, share buttons rendered as links).
"""

from __future__ import annotations

import re
from enum import Enum

from newsdesk.extract import dates, lists, patterns
from newsdesk.extract.html import byline


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
# Copyright lines the shared footer marks miss: other languages' "all rights reserved",
# and legal paragraphs of any length carrying the © sign.
# (Matched against the lower-cased line.)
_RIGHTS = re.compile(
    r"все права|wszelkie prawa|όλα τα δικαιώματα|todos os direitos|todos los derechos|"
    r"tous droits|alle rechte|tutti i diritti|registered trademarks?|trademarks? of|©"
)
# Rows of prev/next and share links start like this; whole rows of buttons are
# `patterns.is_widget`'s.
_FURNITURE_START = re.compile(
    r"^(?:分享到|分享至|上一篇|下一篇|上一页|下一页|【字号|\[\s*字号|字号[:：]|返回顶部|返回首页|"
    r"关闭窗口|關閉窗口|手机看|查看原文|阅读原文|阅读全文|展开全文|点击进入|"
    r"Share (?:this|on)\b|Advertisement\b|Skip Ad\b)",
    re.IGNORECASE,
)
# Reprint terms the shared disclaimer phrases miss (`转载并不代表本网赞同其观点`).
_NOTICE = re.compile(r"不代表本(?:网|網|站|平台|报|報)|凡注明|(?:转载|轉載)請?请?注明")
# Tag rows: short words separated by 、 or commas.
_TAG_SEP = re.compile(r"\s*[、,，]\s*")
TAG_ROW_MIN = 5
TAG_MAX_WEIGHT = 6
# Cookie and consent notices.  (Matched against the lower-cased line.)
_CONSENT = re.compile(
    r"\bcookies?\b.{0,80}\b(?:use|uses|accept|consent|policy|settings|preferences|experience)\b|"
    r"\b(?:we|this site) uses? cookies?\b"
)
# Lines longer than this are prose whatever they start with (bar notices).
LABEL_MAX_CHARS = 80
# A byline on a line of its own is a few names and labels.
BYLINE_MAX_CHARS = 30


def kind(text: str) -> Kind:
    """What the line `text` is, by its wording alone."""
    if patterns.is_statement(text):
        return Kind.STATEMENT
    if patterns.is_disclaimer(text) or _NOTICE.search(text):
        return Kind.DISCLAIMER
    if patterns.is_footer(text) or _RIGHTS.search(text.lower()):
        return Kind.FOOTER
    if (
        len(text) <= LABEL_MAX_CHARS * 3
        and "cookie" in text.lower()
        and _CONSENT.search(text.lower())
    ):
        return Kind.FURNITURE
    if len(text) > LABEL_MAX_CHARS * 2:
        return Kind.PROSE
    if patterns.is_caption(text):
        return Kind.CAPTION
    if len(text) > LABEL_MAX_CHARS:
        return Kind.PROSE
    if patterns.has_digit(text) and is_dateline(text):
        return Kind.DATELINE
    if patterns.is_meta_line(text) or (len(text) <= BYLINE_MAX_CHARS and byline.is_byline(text)):
        return Kind.META
    if starts_as_furniture(text) or patterns.is_widget(text) or patterns.counters(text) is not None:
        return Kind.FURNITURE
    if patterns.breadcrumb(text) is not None or patterns.is_menu_line(text) or _is_tag_row(text):
        return Kind.FURNITURE
    if lists.classify_heading(text) is not None:
        return Kind.LIST_HEADING
    return Kind.PROSE


def _is_tag_row(text: str) -> bool:
    """`蔡英文 、 民進黨 、 國民黨 、 …`: a row of tags, five or more short words in a list."""
    parts = [p for p in _TAG_SEP.split(text) if p]
    return len(parts) >= TAG_ROW_MIN and all(patterns.weight(p) <= TAG_MAX_WEIGHT for p in parts)


def starts_as_furniture(text: str) -> bool:
    """A share button, print link or prev/next link, by its first words."""
    return _FURNITURE_START.match(text) is not None


def is_dateline(text: str) -> bool:
    """A line giving a time and little else (a source, a view count, labels)."""
    hits = dates.find_times(text)
    if not hits:
        return False
    rest = text
    for hit in reversed(hits):
        rest = rest[: hit.start] + rest[hit.end :]
    return len(_DATELINE_WORDS.sub("", rest)) <= DATELINE_RESIDUE
