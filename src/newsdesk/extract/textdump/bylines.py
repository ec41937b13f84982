"""The names an author line gives, once the line model has said which line that is.

Chinese credits are parsed by `credits` and `patterns` (`作者：张三`, `本报记者 张三`);
Latin-script bylines here: `By Jane Doe and John Roe`, `Written by: Jane Doe, MD`,
`Posted on May 1, 2024 by jdoe`, or a bare `Jane Doe | Senior Writer | July 2, 2025`.
Names run to the first separator, date or role; `and`, `&`, `with` and commas part them.
"""

from __future__ import annotations

import re

from newsdesk.extract import credits, measure, patterns

_BY = re.compile(
    r"(?:^|(?<=[\s\d.,:;|/]))(?:(?:written|posted|reported|reviewed|words|story|text|"
    r"started|posts)\s+)?by\s*[:：]?\s*(?=\S)|^by(?=[A-Z])",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
# Where a byline's names stop: a separator, a bracket, a date, a label after them.
_STOP = re.compile(
    r"\s+[|/·•●—–-]\s*|[|｜丨•●(\[;]|\s{2,}|\t|\d|\s+(?:on|in|at|for|from)\s+"
    rf"|(?:{_MONTH})|(?:Updated|Published|Posted|Last)\b",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*(?:,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
# Job titles that follow a name after a comma (`Jane Doe, Staff Writer`).
_ROLE = re.compile(
    r"\b(?:writer|editor|columnist|correspondent|reporter|contributor|producer|"
    r"journalist|author|staff writer|freelance)s?\b",
    re.IGNORECASE,
)
# Particles a name may hold in lower case (`Ursula von der Leyen`, `Vincent van Gogh`).
_PARTICLES = frozenset(
    {"von", "van", "der", "de", "da", "del", "di", "la", "le", "du", "bin", "al"}
)
_CJK = re.compile(r"[\u3040-\u9fff\uac00-\ud7af]")
# Words of a page's buttons, labels and sentences, never of a person's name (`Share this`,
# `published on`, `See Pricing`, `Posted in News Release`) and of an organisation's.
_NOT_NAME_TEXT = (
    "a an the this that these our your my we you all more here now or of on in to for "
    "share shares shared see view read click tap print email save follow subscribe sign log "
    "login logout register search menu home back next previous top contact about help "
    "posted published updated edited filed tagged tags tag category categories comments "
    "comment reply replies related latest popular trending recommended sponsored "
    "advertisement cookie cookies privacy terms newsletter news release article articles "
    "story stories blog post posts page photo photos image images video videos watch listen "
    "download buy shop cart sale pricing price tips guide book call learn get started "
    "continue reading min mins minute minutes ago today yesterday report content website "
    "design marketing services service products product packages bundle event events "
    "university college institute center centre department company inc ltd llc"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
MAX_NAME_WORDS = 4
MAX_NAMES = 6


def latin_byline(text: str) -> str | None:
    """The names after `By` in a Latin-script line, or None without that word."""
    m = _BY.search(text[:80])
    if m is None:
        return None
    return _names(text[m.end() :])


def tidy_names(author: str) -> str:
    """A Latin-script author string as its names (`By Jane Doe and John Roe ●` ->
    `Jane Doe, John Roe`); Chinese ones as they are."""
    if _CJK.search(author):
        return author
    return latin_byline(author) or _names(author) or author


def line_names(text: str) -> str | None:
    """The names an author line gives, whatever its script and shape."""
    names = _line_names(text.strip())
    return names if names and not _NOT_NAMES.search(names) else None


# What names never hold: digits, labels' colons, addresses, sentence marks.
_NOT_NAMES = re.compile(r"[\d:：/()（）《》“”。！？!?@]|http|www\.")


def _line_names(text: str) -> str | None:
    fields, _ = patterns.split_meta(text)
    labelled = next((v for name, v in fields if name == "author"), None)
    if labelled and measure.weight(labelled) == len(labelled.replace(" ", "")):
        return (
            credits.clean_names(labelled)
            if credits.plausible_names(labelled, strict=False)
            else None
        )
    found = credits.credit_line(text) or latin_byline(text)
    if found:
        return found
    if labelled:
        return _names(labelled)
    if measure.weight(text) == len(text.replace(" ", "")):  # CJK only
        return credits.bare_names(text)
    return _names(text)


def latin_names(text: str) -> str | None:
    """A Latin-script line read as names alone (`Jane Doe, John Roe`), or None when it
    holds words no name has."""
    return _names(text)


def _names(text: str) -> str | None:
    if _CJK.search(text):
        return None  # Chinese credits are `credits`' to read
    stop = _STOP.search(text)
    head = text[: stop.start()] if stop else text
    names = []
    for part in _PARTS.split(head.strip(" ,:;")):
        words = part.split()
        if not words or _ROLE.search(part):
            continue
        if len(words) > MAX_NAME_WORDS or not all(_name_word(w) for w in words):
            return None
        cased = any(w[0].islower() for w in words)  # scripts without case pass
        if len(words) > 1 and cased and not any(w[0].isupper() for w in words):
            return None  # `by the time`: words, not a name (a user name is one word)
        names.append(" ".join(words))
    return ", ".join(names) if 0 < len(names) <= MAX_NAMES else None


def _name_word(word: str) -> bool:
    if word.lower().strip(".") in _NOT_NAME_WORDS:
        return False
    return word[0].isupper() or word in _PARTICLES or (word[0].isalnum() and len(word) > 2)
