"""The lead a list shows under a headline: the article's first line that is text.

Portals open many bodies with what stood beside a player or a picture: `音频 04:29`,
`视频加载中`, `资料图`, `图片来源：视觉中国`.  The extractor keeps them (they are
the page's words), but as the first lines under a headline in a list they say
nothing, so the lead is the first paragraph that is not such a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LABEL_CHARS = 30  # longer than this, a line is text even when it starts like a label
# A media word opening a line, then nothing or what follows a label (a separator, a
# bracket, a duration, 来源, 加载): `图书市场…` is not a label.
_LABEL = re.compile(
    r"^[\s【\[（(]*(?:音频|视频|资料图片?|资料照片|图片|组图|图集|配图|图源|摄影|点击播放"
    r"|audio|video|photo|image)(?=$|[\s:：|丨/\-—)）】\]\d]|来源|加载|说明)",
    re.I,
)
_DURATION = re.compile(r"^[\s\d:：'\".]*$")  # `04:29` alone
# A page's own time stamps, kept at the top of a body: `Updated Nov 19, 9:41 AM;Posted
# Nov 18`, `发布时间：2024-03-09`.  Longer than a label, but never a lead.
STAMP_CHARS = 80
_STAMP = re.compile(
    r"^\s*(?:(?:last\s+)?(?:updated|modified|posted|published)(?:\s+on)?\s*[:：]?\s*"
    r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\.?\s+\d)|(?:更新|发布|发表|修改)(?:时间|日期|于)[\s:：]?\s*\d)",
    re.I,
)
_SENTENCE_END = re.compile(r"[。！？!?]")


def is_label(line: str) -> bool:
    """Whether `line` is a media label (a player's or a picture's) or a time stamp,
    not text."""
    text = line.strip()
    if len(text) <= STAMP_CHARS and _STAMP.match(text) and not _SENTENCE_END.search(text):
        return True
    if len(text) > LABEL_CHARS or _SENTENCE_END.search(text):
        return False
    return bool(_LABEL.match(text) or _DURATION.match(text))


def lead(paragraphs: Iterable[object]) -> str:
    """The first paragraph that is text (stripped); empty when there is none."""
    for p in paragraphs:
        if isinstance(p, str) and p.strip() and not is_label(p):
            return p.strip()
    return ""
