"""One name for one entity: shortened forms counted under the form they shorten.

Two kinds of merging, both done where the entity's canonical name is made, so the store
keys every mention under one name and needs no alias table of its own:

* `contracted`: forms any page may use for the same entity, decided from the name
  alone: a company form or a generic tail (柯达公司 → 柯达, 格兰仕集团 → 格兰仕,
  BBC News / BBC广播电台 → BBC, then the listed name).  It sees one name, so it never
  needs the rest of the store and gives the same key whatever was stored before.
* `article_aliases`: forms that are one entity only where the article says so: a
  contraction after its full form (北大 after 北京大学, 质检总局 after 国家质检总局) or a
  place with and without its level (台北市 and 台北).  Out of context 北大 could be
  another school and 外交部 any country's ministry, so these merge within the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.enrich.ner.checks import is_generic_organisation

# Legal and group forms after a company's name, longest first.
COMPANY_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "控股有限公司",
    "集团有限公司",
    "集团股份公司",
    "集团公司",
    "有限公司",
    "股份公司",
    "控股公司",
    "公司",
    "集团",
)
# Generic words after a Latin name that say what kind of outlet or company it is.
LATIN_TAILS = re.compile(
    r"(?:\s+(?:News|Online|Group|Inc\.?|Ltd\.?|Corp\.?|Corporation|Co\.?|Company|Media"
    r"|Network|Limited|plc|LLC)"
    r"|新闻网|新闻|网站|广播电台|电视台|财经网站|中文网|网|公司|集团|电台)+$"
)
LATIN_HEAD = re.compile(r"^[A-Za-z][A-Za-z&.\- ]*[A-Za-z.]")
# A name shortened to less than this is no longer a name.
MIN_NAME = 2
# Levels a place is named with or without (台北市 and 台北 are one city).
PLACE_LEVELS = ("省", "市", "县")


def contracted(surface: str, kind: str) -> str:
    """The name without a company form or a Latin name's generic tail."""
    if kind != "ORG":
        return surface
    if LATIN_HEAD.match(surface) and (tail := LATIN_TAILS.search(surface)):
        head = surface[: tail.start()].strip()
        if LATIN_HEAD.fullmatch(head):
            return head
    for form in COMPANY_FORMS:
        if surface.endswith(form) and len(surface) - len(form) >= MIN_NAME:
            return surface[: -len(form)]
    return surface


def is_contraction(short: str, full: str) -> bool:
    """Whether `short` is `full` with characters left out, as Chinese shortens names.

    Its characters appear in `full` in order, and it keeps either the first character
    (北大 of 北京大学) or the end (质检总局 of 国家质检总局).  A start alone (北京大学 of
    北京大学出版社) names another, larger thing and is no contraction, and neither is an
    end that is only a kind of organisation (大学 of 北京大学).
    """
    if len(short) < MIN_NAME or len(short) >= len(full) or full.startswith(short):
        return False
    if is_generic_organisation(short):
        return False
    if not (full.endswith(short) or short[0] == full[0]):
        return False
    rest = iter(full)
    return all(char in rest for char in short)


def article_aliases(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(type, name) → the name it is counted under in this article.

    A contraction goes to its full form when the article holds exactly one (外交部 in an
    article naming both 中国外交部 and 俄罗斯外交部 stays as it is); a place written with
    its level goes to the form without it when the article uses both.
    """
    present = set(names)
    out: dict[tuple[str, str], str] = {}
    for kind, name in present:
        if kind == "LOC":
            for level in PLACE_LEVELS:
                bare = name.removesuffix(level)
                if bare != name and len(bare) >= MIN_NAME and ("LOC", bare) in present:
                    out[(kind, name)] = bare
            continue
        if kind != "ORG":
            continue
        fuller = [f for k, f in present if k == kind and is_contraction(name, f)]
        if len(fuller) == 1:
            out[(kind, name)] = fuller[0]
    return out
