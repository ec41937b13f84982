"""Last checks on the cascade's spans: what an entity page must not list.

The tagger and the rules find spans; these checks drop or retype the ones that are no
named entity of their type, as a reader of an entity page sees them:

* an ambiguous one-character abbreviation (新, 加, 以, 马) that nothing around it makes
  a place: in 中俄新时代 the 新 opens 新时代 and is no 新加坡;
* a bare generic organisation noun with no modifier that picks one organisation out
  (中心, 市委, 检察院, 维和部队): a kind of organisation, not a named one, unless the
  page quotes it as a name (“志愿者联盟”);
* a "person" whose last character ends place or organisation names and never a
  person's in the annotated corpora (张家界, 田独镇, 某某厂 are places and companies).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsdesk.enrich.gazetteer import abbreviations, default_gazetteer, words
from newsdesk.enrich.ner.corpus import Span
from newsdesk.enrich.ner.features import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    dictionary_frequency,
    dictionary_tag,
    segment,
)

# Abbreviations that stand for a place wherever the tagger finds them (see `rules`).
UNAMBIGUOUS = frozenset("俄美乌英德日韩朝欧越菲澳叙中华")
# What after an abbreviation shows it is a place: a relation (中新两国, 中新关系), a
# title or side (新总理, 新方), a place list's separator.
SUPPORT_AFTER = re.compile(
    r"(?:[两三四五多各等方军籍、，,；;：:。）)」”\s]|关系|双方|合作|建交|边境|边界|之间|外长|总统|总理"
    r"|首相|大使|领导人|贸易|经贸|友好|会谈|峰会|冲突|战争|谈判|对话|元首|军演|协议|争端|交往|往来|$)"
)
# Last characters that end at least ten place or organisation names and no person's in
# the annotated People's Daily and Weibo sentences (counted over their PER, LOC and ORG
# spans): 张家界 and 范阳郡 are places, 昆明电机厂 a company, whatever the tagger says.
PLACE_ENDINGS = frozenset("省市县区镇村岛港湾庄郡界")
ORGANISATION_ENDINGS = frozenset("厂社院局部委司")
# A retyped "person" must be longer than a surname and one given-name character.
MIN_RETYPED = 3
# Words that only say which level or which one of a kind (市委, 全省城市医院, 该中心):
# they pick no organisation out.
LEVEL_WORDS = frozenset(
    [
        "市",
        "省",
        "县",
        "区",
        "镇",
        "乡",
        "村",
        "州",
        "全",
        "该",
        "本",
        "各",
        "我",
        "其",
        "此",
        "这",
        "那",
        "全省",
        "全市",
        "全县",
        "全国",
        "全区",
        "地方",
        "基层",
        "当地",
        "国家",
    ]
)
# Dictionary frequency above which a whole name that is a word of the dictionary (海军,
# 国会) is a common noun; 思科 and 联想 are rarer.
COMMON_NOUN = 1000
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]")


def check_spans(text: str, spans: list[Span]) -> list[Span]:
    """The spans without unsupported abbreviations and generic nouns, persons retyped."""
    out: list[Span] = []
    for start, end, kind in spans:
        surface = text[start:end]
        if kind == "LOC" and end - start == 1 and not _supported(text, start, spans):
            continue
        if kind == "ORG" and not _quoted(text, start, end) and is_generic_organisation(surface):
            continue
        if kind == "PER":
            kind = person_or_other(surface)
        out.append((start, end, kind))
    return out


def _quoted(text: str, start: int, end: int) -> bool:
    """“志愿者联盟”: quotes make a name of common words."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in QUOTES_OPEN
        and text[end] in QUOTES_CLOSE
    )


def _supported(text: str, at: int, spans: list[Span]) -> bool:
    """Whether a one-character place at `at` is one: an unambiguous abbreviation, or
    an ambiguous one that the next place or the words after it make a place."""
    char = text[at]
    if char in UNAMBIGUOUS or char not in abbreviations():
        return True
    if any(s == at + 1 and k == "LOC" for s, _, k in spans):
        return True
    return SUPPORT_AFTER.match(text, at + 1) is not None


def person_or_other(surface: str) -> str:
    """PER, or the type a name's last character shows it to be (张家界 → LOC)."""
    if len(surface) < MIN_RETYPED or default_gazetteer().get(surface) is not None:
        return "PER"
    if surface[-1] in PLACE_ENDINGS:
        return "LOC"
    if surface[-1] in ORGANISATION_ENDINGS:
        return "ORG"
    return "PER"


@lru_cache(maxsize=4096)
def is_generic_organisation(surface: str) -> bool:
    """A bare kind of organisation: an organisation's head with nothing that picks one
    organisation out.

    中心 (a head alone), 市委 and 该中心 (a level or a determiner before a head) and 海军
    (a common word of the dictionary that ends like an organisation) are kinds; 国务院
    is listed, 智利队 holds a place, 新华社 is a name word, BBC中文网 has Latin letters.
    A field before the head is kept (农业部, 卫生局): bare, a ministry is the country's
    own, and news names it so.
    """
    gazetteer = default_gazetteer()
    if gazetteer.get(surface) is not None or LATIN_OR_DIGIT.search(surface):
        return False
    head = next((h for h in _organisation_heads() if surface.endswith(h)), None)
    if head is None or any(e - s >= 2 for s, e, _ in gazetteer.scan(surface)):
        return False
    if dictionary_tag(surface) is None and dictionary_frequency(surface) >= COMMON_NOUN:
        return True
    return all(word in LEVEL_WORDS for word in segment(surface[: -len(head)]))


@cache
def _organisation_heads() -> tuple[str, ...]:
    """Words that end an organisation's name (`org_suffixes.txt`), longest first."""
    return tuple(sorted(words("org_suffixes.txt"), key=len, reverse=True))
