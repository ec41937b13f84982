"""Choosing the headline among `og:title`, JSON-LD `headline`, `<h1>` and `<title>`.

`<title>` and often `og:title` carry the site's name (`…_网易订阅`, `…|新浪新闻`,
`… - BBC News`); `<h1>` is the headline as shown but is sometimes the site's logo.
Candidates are compared after cutting site parts off.  The visible `<h1>` is the
headline (in a tag's wording when a tag says the same), unless it names the site, is a
cookie banner, or is one of several different `<h1>`s; a badge or an edit link stuck to
it is left off.  The tags win over it when they agree on a headline it shares few words
with (the `<h1>` is then a section label or a slogan).
"""

from __future__ import annotations

import re

from newsdesk.extract import credits, dates, measure, patterns
from newsdesk.text import cjk

# Words: each CJK character, or a run of letters and digits.
_SPACELESS = cjk.KANA + cjk.HAN_EXT_A + cjk.HAN_BASIC + cjk.HANGUL
_TOKEN = re.compile(f"[{_SPACELESS}]|[^\\W_{_SPACELESS}]+")
# Separators between a headline and the site name in <title> and og:title.
_SEPARATORS = re.compile(r"\s+[-–—|·•:»>]\s+|\s*[|｜丨_＞]\s*|\s+::\s+|\s*--\s*|\s+-\s*$")
# A first part this many times shorter than another is the site's name, not the headline.
SITE_FIRST_RATIO = 3
_MARKS = re.compile(r"[¶\u200b\u200c\u200d\ufeff]")
# A heading's anchor link (`#`) alone at either end, or glued to the end of a word
# longer than a letter: `C#`, `F#`, `#MeToo` and `No. #1` keep theirs.
_ANCHOR_MARK = re.compile(r"^#\s+|\s+#$|(?<=[^\W\d_]{2})#$|^#$")
# A path mark between crumbs: spaced, a full-width one, or `>` between ideographs (not
# the `>` of markup shown as text, `<br>`).
_PATH_MARK = re.compile(rf"\s[>»›→]\s|＞|(?<=[{_SPACELESS}])\s*>\s*(?=[{_SPACELESS}])")
# A section's name in a breadcrumb is this short (`国际频道`, `World News`); a path
# with a longer part is a headline before a site part (`Headline » Site`).
SECTION_MAX_WEIGHT = 6
# Titles quoted in guillemets (`«Vape Wave», «6 Days»`): their `»` is no path mark.
_QUOTED = re.compile(r"«[^«»]*»")
# What is left of a date header once its times are gone: weekdays, labels, punctuation.
_DATE_WORDS = re.compile(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|updated|"
    r"published|posted|星期.|礼拜.|周.|今天|昨天|更新|发布|[\W\d_]",
    re.IGNORECASE,
)
# Decoration around a headline in the tags: an empty pair of brackets a template left
# (`Clips ()`), pictographs before or after it (`🎤 Rode NT1`).
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\]|（\s*）|【\s*】)")
_PICTOGRAPHS = "\u2600-\u27bf\U0001f000-\U0001faff\ufe0f"
_EDGE_PICTOGRAPHS = re.compile(rf"^[{_PICTOGRAPHS}\s]+|[{_PICTOGRAPHS}\s]+$")
# An <h1> longer than this is a paragraph styled as a heading.
H1_MAX_CHARS = 300
# An <h1> sharing less than this share of its words with the headline the tags agree on
# is a section label or a slogan (`国内新闻`, `Top Products Launching Today`); one that
# shares more is the headline in the site's own wording (`Standing desks` under
# `Height Adjustable Standing Desks`), as shown to the reader.
H1_SHARED_MIN = 0.5
# Letters (case and punctuation aside) a badge or button label adds to a headline in an
# <h1> (`Question`, `播报文章`, `[duplicate]`); a longer addition is the headline's own.
BADGE_MAX_CHARS = 10
# A tag's headline is looked for inside an <h1> from this weight (four CJK characters,
# two Latin words).
MIN_HEADLINE_WEIGHT = 4


def strip_site(title: str, site: str | None = None) -> str:
    """`title` without the site name before or after it."""
    title = " ".join(title.split())
    if site:
        for sep in _joined_forms(site):
            if title.endswith(sep) and len(title) > len(sep):
                return title[: -len(sep)].strip()
            if title.startswith(sep[::-1]) and len(title) > len(sep):
                return title[len(sep) :].strip()
    parts = split_parts(title)
    if len(parts) > 1:
        parts = [p for p in parts if not credits.is_address(p)] or parts  # `blog.x.com`
    if len(parts) <= 1:
        return parts[0] if parts else title
    # The headline comes first (`Headline - Section - Site`) unless a site name does
    # (`新浪网_Headline`), which shows as a first part much shorter than another.
    longest = max(parts, key=len)
    if len(parts[0]) * SITE_FIRST_RATIO < len(longest):
        return longest
    return parts[0]


def split_parts(title: str) -> list[str]:
    """`title` cut at its separators: `Headline_Section_Site` → three parts."""
    return [p.strip() for p in _SEPARATORS.split(" ".join(title.split())) if p and p.strip()]


def _joined_forms(site: str) -> list[str]:
    return [f"{sep}{site}" for sep in (" - ", " | ", "|", "_", " – ", " — ", "｜", "丨", " · ")]


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def clean(text: str) -> str:
    """Headline text without anchor marks, zero-width characters and decoration."""
    text = _EDGE_PICTOGRAPHS.sub("", _EMPTY_BRACKETS.sub("", _MARKS.sub("", text)))
    return _ANCHOR_MARK.sub("", " ".join(text.split()))


def is_headline(text: str) -> bool:
    """Not a date header (`Tuesday, March 5, 2024`) nor a breadcrumb of sections
    (`Home > News > World`, `站名>栏目`): either can sit where the headline would."""
    if _PATH_MARK.search(text):
        crumbs = patterns.breadcrumb(_QUOTED.sub("", text)) or []
        if crumbs and all(measure.weight(c) <= SECTION_MAX_WEIGHT for c in crumbs):
            return False
    if not measure.has_digit(text):
        return True
    rest = dates.without_times(text)
    return rest == text or bool(_DATE_WORDS.sub("", rest))


# An edit link a wiki puts after each heading (`雄安新区[编辑]`, `History[edit]`).
_EDIT_LINK = re.compile(
    r"\s*[\[【](?:编辑|編輯|edit|modifier|bearbeiten|editar|править)[\]】]$", re.I
)


def _clean_h1(text: str) -> str:
    """An <h1>'s headline: without a wiki's edit link, or the path a breadcrumb set in
    the heading leads through (`站名 〉频道 〉标题`)."""
    text = _EDIT_LINK.sub("", clean(text))
    if not is_headline(text):
        return text  # sections alone (`Home > News > Local`): no headline to take
    if any(mark in text for mark in _CRUMB_MARKS):
        parts = [p.strip() for p in _CRUMB_SPLIT.split(text) if p.strip()]
        if len(parts) > 1:
            return parts[-1]
    return text


# Path marks between crumbs (`〉`, or an arrow with spaces round it).
_CRUMB_MARKS = ("〉", " > ", " » ", " › ")
_CRUMB_SPLIT = re.compile(r"\s*〉\s*|\s>\s|\s»\s|\s›\s")


def choose_title(
    *,
    h1s: list[str],
    og: str | None,
    jsonld: str | None,
    title: str | None,
    site: str | None,
    subheads: list[str] | None = None,
) -> str | None:
    """The article's headline by agreement between the sources the page gives.

    The visible `<h1>` is the headline, unless it is the site's name (the name, or a
    part of `<title>` that the headline is not), a cookie banner, or one of several
    different `<h1>`s (a listing's entries).  When a tag says the same (letters compared,
    case and punctuation aside), or starts with it before a site part, the tag's wording
    is kept.  When the tags, cut of the site's name, agree among themselves (or one of
    them is shown as a lower heading, `subheads`) on a headline that shares little with
    the `<h1>`, the `<h1>` is a section label or a slogan and the tags win; otherwise
    the `<h1>` does.  A date header or a breadcrumb is never the headline.
    """
    raw = [t for t in (clean(t) for t in (og, jsonld, title) if t) if is_headline(t)]
    tagged = [strip_site(t, site) for t in raw]
    headline_parts, site_parts = _parts(raw, site)
    heads = [_clean_h1(h) for h in h1s]
    heads = [
        h
        for h in heads
        if _norm(h)
        and len(h) <= H1_MAX_CHARS
        and (_norm(h) in headline_parts or _norm(h) not in site_parts)
        and not patterns.is_consent_notice(h)
        and is_headline(h)
    ]
    counts: dict[str, int] = {}
    for t in tagged:
        counts[_norm(t)] = counts.get(_norm(t), 0) + 1
    agreed = max(tagged, key=lambda t: (counts[_norm(t)], -tagged.index(t)), default=None)
    agree = agreed is not None and counts[_norm(agreed)] > 1
    if not agree and subheads:
        shown = {_norm(h) for h in subheads}
        agreed = next((t for t in tagged if _norm(t) in shown), agreed)
        agree = agreed is not None and _norm(agreed) in shown
    for h in heads:
        n = _norm(h)
        for t in [*tagged, *raw]:
            if _norm(t) == n:
                return t
        if n in headline_parts:
            return h
        for t in raw:
            prefix = _prefix_before_site(t, n)
            if prefix:
                return prefix
        if agree and agreed is not None and n in _norm(agreed):
            return agreed  # the tags agree on a fuller headline than the <h1> shows
        if any(n in _norm(t) for t in raw):
            return h  # the tag holds the whole <h1> and more (a site part cut badly)
        for t in tagged:
            if _glued_after(h, t):
                return t  # `Black EditionComplete high-protein powder meal`: a tagline
            # The <h1> is a tag's headline with a badge or a button's label stuck to
            # it (`Question …`, `… 播报文章`, `… [duplicate]`): the tag's wording.
            nt = _norm(t)
            badge = len(n) - len(nt) <= BADGE_MAX_CHARS
            if measure.weight(t) >= MIN_HEADLINE_WEIGHT and nt in n and badge:
                return t
    if heads and len({_norm(h) for h in heads}) > 1:
        # Several different <h1>s (a logo and the headline, a listing's entries): the
        # nearest that shares the tags' words, else the tags.
        if agreed is None:
            return heads[0]
        near = [
            h
            for h in heads
            if _shared(h, agreed, site) >= H1_SHARED_MIN
            and _shared(agreed, h, site) > H1_SHARED_MIN
        ]
        return near[0] if near else agreed
    if (
        heads
        and agreed is not None
        and agree
        and _shared(heads[0], agreed, site) < H1_SHARED_MIN
        and _norm(agreed) not in _norm(heads[0])  # not a tag cut short of the <h1>
    ):
        return agreed
    if heads:
        return heads[0]
    return agreed


def _glued_after(head: str, tag: str) -> bool:
    """The <h1> starts with the tag's headline and goes on, with no space, into a new
    capitalised word: a tagline in an inline element of the heading, run into it."""
    if len(head) <= len(tag) or not head.startswith(tag) or len(tag) < 2:
        return False
    return tag[-1].islower() and head[len(tag)].isupper()


def _parts(raw: list[str], site: str | None) -> tuple[set[str], set[str]]:
    """The parts of the tags, split at separators, that name the headline and those that
    name the site: a part equal to the site's name is the site's and the others the
    headline's; without the name, the first part and the one `strip_site` keeps may be
    the headline and the rest is the site's (`News | Some Accelerator`, `What is
    Ownership? - The Book`, `千龙网--千龙财富--标题`)."""
    site_norm = _norm(site) if site else ""
    heads: set[str] = set()
    sites: set[str] = {site_norm} if site_norm else set()
    for full in raw:
        parts = [n for n in (_norm(p) for p in _SEPARATORS.split(full) if p) if n]
        if len(parts) < 2:
            continue
        if site_norm in parts:
            heads.update(n for n in parts if n != site_norm)
            continue
        kept = {parts[0], _norm(strip_site(full, site))}
        heads |= kept
        sites.update(n for n in parts if n not in kept)
    return heads, sites


def _prefix_before_site(tag: str, head: str) -> str | None:
    """The start of `tag` that says `head` (letters compared), when only separators and
    a site part follow it: `Nintendo Switch – OLED Model - Nintendo` for the <h1>
    `Nintendo Switch - OLED Model`."""
    if not head:
        return None
    for m in _SEPARATORS.finditer(tag):
        prefix = tag[: m.start()].strip()
        n = _norm(prefix)
        if n == head:
            return prefix
        if len(n) > len(head):
            break
    return None


def _tokens(text: str) -> set[str]:
    """Words that say something: CJK characters, and Latin words past two letters."""
    return {t.casefold() for t in _TOKEN.findall(text) if len(t) > 2 or not t.isascii()}


def _shared(head: str, tag: str, site: str | None) -> float:
    """Share of the <h1>'s words (CJK characters) that the tag has too, the site's
    name aside."""
    words = _tokens(head) - (_tokens(site) if site else set())
    if not words:
        return 0.0
    return len(words & _tokens(tag)) / len(words)
