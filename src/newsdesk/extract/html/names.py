"""A person's name out of the text of a byline element or an author tag.

A byline element holds more than the name: a label before it (`By`, `Posted by`, `Par`,
`Von`, `Autor:`), a date or time glued after it (`Jane Doe March 3, 2024`, `Jane Doe
March` when the day sits in the next element), a separator and the outlet (`Jane Doe |
Reuters`), a handle or an address.  `person` cuts those off and says None when what is
left is no name: a sentence, a number, a link, a button's label, a site's keywords.
"""

from __future__ import annotations

import re

from newsdesk.extract import credits, dates
from newsdesk.text import cjk

# Labels before a name, in the languages of the pages we read.
_LEAD = re.compile(
    r"^(?:(?:(?i:(?:posted|written|published|reported|words|story|text|compiled|"
    r"edited)\s+by|by|author(?:s|ed by)?|writer|autor(?:in|ka|a)?|auteur|verfasst von)|"
    r"from|par|von|por|door|di|da|av|przez)\b\s*[:：]?\s*|(?:作者|文)\s*[:：/]\s*|作者\s+)"
)
# `by` inside a line, after a date or a label (`on March 3 by Jane Doe`); not a picture's
# credit (`Photo by …`).
_BY = re.compile(r"(?:^|(?<=\s))by\s*[:：]?\s+(?=\S)", re.IGNORECASE)
_PICTURE_CREDIT = re.compile(r"(?:photo|image|picture|illustration|graphic|video)s?\s*$", re.I)
_PICTURE_LABEL = re.compile(
    r"^(?:fot(?:o|\.)|photos?\b|image\b|credit\b|bild\b|zdj|摄影|攝影|图片|圖片)", re.I
)
# Where a name ends: a date, a separator, a bracket, a label of what follows.
_END = re.compile(
    r"\s+[|•·–—]\s*|\s*[|•·●⋅‧∙/\[<]|\s+-\s+|,\s*(?=\d)|\s+(?:on|at|le|am|el|il|op|updated|"
    r"published|posted|aktualisiert|mis à jour|před|vor|hace|il y a|ago)\b|\s+\d|@|https?:",
    re.IGNORECASE,
)
# Month and weekday names glued onto a name from the date beside it.
_TRAILING_CALENDAR = re.compile(
    r"(?:\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|yesterday)\.?)+$",
    re.IGNORECASE,
)
# Words that stand where a name would but are none: roles, buttons, generic accounts.
_NOT_NAME_TEXT = (
    "admin administrator author authors by editor editors staff team guest anonymous "
    "unknown share follow subscribe contact about more read posted comments comment "
    "webmaster newsroom redaktion rédaction redacción user"
)
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
# Characters no name has.
_NOT_NAME_CHARS = re.compile(r"[:：$%=<>{}\[\]#*+\\/?!？！]")
# A name is this many words at most (a few people joined by `and`, `,`).
NAME_MAX_WORDS = 12
NAME_MAX_CHARS = 80
_CJK = re.compile(f"[{cjk.HAN}]")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def person(text: str | None) -> str | None:
    """The name in an author mark or byline text, or None when there is none."""
    if not text:
        return None
    value = " ".join(text.split())
    value = dates.without_times(value, joiner=" | ")
    if _PICTURE_LABEL.match(value):
        return None  # `Fot. Shutterstock`: a picture's credit
    by = _BY.search(value)
    if by:
        if _PICTURE_CREDIT.search(value[: by.start()]):
            return None
        value = value[by.end() :]  # `on March 10, 2015 by Jane Doe`
    value = _LEAD.sub("", value.strip(" |"), count=1)
    m = _END.search(value)
    if m:
        value = value[: m.start()]
    value = _TRAILING_CALENDAR.sub("", value.strip(" ,;:.-–—"))
    value = value.strip(" ,;:-–—")
    if _CJK.search(value):  # `张三 李四`: names and nothing else, by the Chinese checks
        return credits.bare_names(value)
    return value if is_name(value) else None


def is_name(value: str) -> bool:
    """A short run of words that can be people's names (no digits, no sentence)."""
    if not value or len(value) > NAME_MAX_CHARS or credits.is_address(value):
        return False
    if _NOT_NAME_CHARS.search(value):
        return False
    words = value.split()
    if len(words) > NAME_MAX_WORDS or value.casefold() in _NOT_NAMES:
        return False
    if any(w.casefold() in _NOT_NAMES for w in words[:1]):
        return False
    if value.endswith(("。", ".", "!", "?", "！", "？")) and len(words) > 3:
        return False
    return any(_WORD.fullmatch(w) for w in words)


# A name printed alone: two to four capitalised words (particles and initials allowed).
_BARE_NAME = re.compile(
    r"[A-Z][^\W\d_]*[.'’]?(?:[\s-]+(?:(?:de|van|von|der|da|di|du|la|le|bin|al)\s+)*"
    r"[A-Z][^\W\d_]*[.'’]?){1,3}"
)


def bare_name(text: str) -> str | None:
    """`Adam Roberts`, `Horea Matei`: a line that is a person's name and nothing else."""
    text = text.strip()
    if len(text) > NAME_MAX_CHARS or not _BARE_NAME.fullmatch(text):
        return None
    if credits.is_organisation(text) or not is_name(text):
        return None
    return text
