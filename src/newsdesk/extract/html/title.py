"""Choosing the headline among `og:title`, JSON-LD `headline`, `<h1>` and `<title>`.

`<title>` and often `og:title` carry the site's name (`…_网易订阅`, `…|新浪新闻`,
`… - BBC News`); `<h1>` is the headline as shown but is sometimes the site's logo.
Candidates are compared after cutting site parts off: the visible `<h1>` wins when a
tag agrees with it or when nothing else is there to agree; otherwise the candidate
that most sources agree on.
"""

from __future__ import annotations

import re

# Separators between a headline and the site name in <title> and og:title.
_SEPARATORS = re.compile(r"\s+[-–—|·•:»]\s+|\s*[|｜丨_]\s*|\s+::\s+|\s*--\s*|\s+-\s*$")
# A first part this many times shorter than another is the site's name, not the headline.
SITE_FIRST_RATIO = 3
_MARKS = re.compile(r"[¶#\u200b\u200c\u200d\ufeff]")
# An <h1> longer than this is a paragraph styled as a heading.
H1_MAX_CHARS = 300


def strip_site(title: str, site: str | None = None) -> str:
    """`title` without the site name before or after it."""
    title = " ".join(title.split())
    if site:
        for sep in _joined_forms(site):
            if title.endswith(sep) and len(title) > len(sep):
                return title[: -len(sep)].strip()
            if title.startswith(sep[::-1]) and len(title) > len(sep):
                return title[len(sep) :].strip()
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title
    # The headline comes first (`Headline - Section - Site`) unless a site name does
    # (`新浪网_Headline`), which shows as a first part much shorter than another.
    longest = max(parts, key=len)
    if len(parts[0]) * SITE_FIRST_RATIO < len(longest):
        return longest
    return parts[0]


def _joined_forms(site: str) -> list[str]:
    return [f"{sep}{site}" for sep in (" - ", " | ", "|", "_", " – ", " — ", "｜", "丨", " · ")]


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def clean(text: str) -> str:
    """Headline text without anchor marks and zero-width characters."""
    return " ".join(_MARKS.sub("", text).split())


def choose_title(
    *,
    h1s: list[str],
    og: str | None,
    jsonld: str | None,
    title: str | None,
    site: str | None,
) -> str | None:
    """The article's headline by agreement between the sources the page gives.

    The visible `<h1>` is the headline; when a tag says the same (letters compared,
    case and punctuation aside) the tag's wording is kept.  When the tags, cut of the
    site's name, agree among themselves but not with the `<h1>`, the `<h1>` is a
    section label or a slogan and the tags win; otherwise the `<h1>` does.
    """
    raw = [clean(t) for t in (og, jsonld, title) if t]
    tagged = [strip_site(t, site) for t in raw]
    site_norm = _norm(site) if site else ""
    heads = [clean(h) for h in h1s]
    heads = [h for h in heads if h and len(h) <= H1_MAX_CHARS and _norm(h) not in ("", site_norm)]
    for h in heads:
        n = _norm(h)
        for t in [*tagged, *raw]:
            if _norm(t) == n:
                return t
    counts: dict[str, int] = {}
    for t in tagged:
        counts[_norm(t)] = counts.get(_norm(t), 0) + 1
    agreed = max(tagged, key=lambda t: (counts[_norm(t)], -tagged.index(t)), default=None)
    if agreed is not None and counts[_norm(agreed)] > 1:
        return agreed
    if heads:
        return heads[0]
    return agreed
