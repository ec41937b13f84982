"""What the line model sees of each line: the rules' own findings (the line's kind, the
body span, the headline they chose) and the line's shape, with its neighbours'.

The rules stay the features: the model learns where to trust them on a layout and
where the line just above or below says more (a credit line over the headline, a bare
date between the headline and the body).  Features are strings, one per fact, as the
line-chain CRF (`linemodel`) takes them; the training script calls the same function.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from newsdesk.extract import credits, measure, patterns
from newsdesk.extract.dates import PUBLISHED_LABEL, UPDATED_LABEL, find_times
from newsdesk.extract.textdump.bylines import latin_byline
from newsdesk.extract.textdump.model import BLANK, WIDE, Line, Reading, Span

_WEIGHTS = (0, 3, 9, 19, 49, 89)
_OFFSETS = (0, 1, 2, 3, 5, 8, 13, 21, 40)
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[\u4e00-\u9fff]|[^\W_]+")
_SEPARATOR = re.compile(r"\s[|/·•●—–-]\s|[|｜丨]")
_BULLET = re.compile(r"[•·●▪◦■□◆◇★☆*>»›-]\s")
_LAST_WORD = re.compile(r"(?:[\u4e00-\u9fff]+|[^\W\d_]+)$")
_BY = re.compile(r"(?:^|\s)(?:by|von|par|por|di)\s+\S", re.IGNORECASE)
# A person's name alone on a line: two to four capitalised words.
_NAME_SHAPED = re.compile(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]*){1,3}")
# Dates and names are looked for in lines this short (metadata lines are short).
META_LOOK_CHARS = 160
# How many lines of the body's start the headline's words are looked for in.
BODY_LOOK_LINES = 3
# The model reads the lines above the body, this many of its first lines and this many
# after it (a credit or editor line closing the article).
BODY_INTO_LINES = 4
AFTER_BODY_LINES = 8


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return "more"


def _shape(line: Line) -> list[str]:
    """The line's own facts, independent of the page."""
    text = line.text
    f = [f"k={line.kind}", f"w={_bucket(line.weight, _WEIGHTS)}"]
    if line.block:
        f.append(f"block={line.block}")
    if line.para:
        f.append("para")
    if line.time is not None:
        f.append("time" + ("+clock" if line.time.has_time else ""))
        rest = text[: line.time.start] + text[line.time.end :]
        f.append(f"time_rest={_bucket(measure.weight(rest), _WEIGHTS)}")
        f.append(f"time_pre={_word_before(text[: line.time.start])}")
    f.extend(_text_facts(text, line.time is not None))
    return f


@lru_cache(maxsize=16384)
def _text_facts(text: str, has_time: bool) -> tuple[str, ...]:
    """What the text alone says (chrome recurs on every page of a site: kept)."""
    f: list[str] = []
    wide = len(WIDE.findall(text))
    f.append("cjk" if wide * 2 >= len(text) else "latin")
    if not has_time and measure.has_digit(text):
        found = find_times(text[:META_LOOK_CHARS]) if len(text) <= META_LOOK_CHARS else []
        f.append("date_inside" + ("+clock" if found[0].has_time else "") if found else "digit")
    if PUBLISHED_LABEL.search(text):
        f.append("published_label")
    if UPDATED_LABEL.search(text):
        f.append("updated_label")
    if measure.ends_full_stop(text):
        f.append("full_stop")
    elif measure.ends_sentence(text):
        f.append("sentence_end")
    if text.endswith((":", "：")):
        f.append("colon_end")
    f.extend(_credit(text))
    words = _WORD.findall(text)
    if words and wide == 0:
        capital = sum(w[0].isupper() for w in words) / len(words)
        f.append(f"caps={round(capital * 4)}")
        f.append(f"words={_bucket(len(words), _WEIGHTS)}")
        if text.isupper():
            f.append("upper")
    if _SEPARATOR.search(text):
        f.append("separator")
    if _BULLET.match(text):
        f.append("bullet")
    return tuple(f)


def _word_before(head: str) -> str:
    """What stands right before a time: its label (`发表于`, `建立于:`, `Updated`), cut to
    two ideographs or one lower-cased word, so a label the model has seen is known again
    in any line."""
    found = _LAST_WORD.search(head.rstrip(" :：\t\xa0(（[【"))
    if found is None:
        return "none"
    word = found.group()
    return word[-2:] if WIDE.match(word) else word.lower()[:12]


def _credit(text: str) -> list[str]:
    f: list[str] = []
    if len(text) <= 200:
        fields, _ = patterns.split_meta(text)
        f.extend(f"label={name}" for name, _ in fields[:3])
        if credits.credit_line(text):
            f.append("credit")
        if latin_byline(text):
            f.append("latin_byline")
        if credits.looks_like_outlet(text):
            f.append("outlet")
        if credits.bare_names(text):
            f.append("bare_names")
        if _NAME_SHAPED.fullmatch(text):
            f.append("name_shaped")
    if _BY.search(text[:60]):
        f.append("by")
    return f


def window(every: list[int], span: Span) -> list[int]:
    """Which of the non-blank lines (positions in `every`) the model reads: all above the
    body, its first lines and the lines right after it.  Headlines, bylines and publish
    times sit there; the rest of a long page (the body's middle, related lists, footers)
    costs time and says nothing about them."""
    if span is None:
        return list(range(len(every)))
    start = bisect_left(every, span[0])
    end = bisect_right(every, span[1])
    head = range(min(end, start + BODY_INTO_LINES))
    return [*head, *range(max(end, len(head)), min(len(every), end + AFTER_BODY_LINES))]


def line_features(
    r: Reading, title_at: int | None, span: Span
) -> tuple[list[int], list[list[str]]]:
    """The indexes of the lines the model reads (`window`) and each one's features, in
    page order."""
    lines = r.lines
    every = [i for i, line in enumerate(lines) if line.kind != BLANK]
    seen: dict[str, int] = {}
    for i in every:
        seen[lines[i].text] = seen.get(lines[i].text, 0) + 1
    shapes: dict[int, list[str]] = {}

    def shape(k: int) -> list[str]:
        if k not in shapes:
            shapes[k] = _shape(lines[every[k]])
        return shapes[k]

    body_words = _body_words(lines, span)
    title_k = every.index(title_at) if title_at is not None and title_at in every else None
    picked = window(every, span)
    rows: list[list[str]] = []
    n = len(every)
    for k in picked:
        i = every[k]
        f = ["bias", *shape(k)]
        f.append(f"pos={_bucket(k, _OFFSETS)}")
        f.append(f"rpos={min(9, 10 * k // max(n, 1))}")
        f.extend(_placement(k, i, title_k, span, every))
        if seen[lines[i].text] > 1:
            f.append("repeated")
        if i in r.taken:
            f.append("card")
        f.append(f"in_body_words={_overlap(lines[i].text, body_words)}")
        for d, tag in ((-2, "p2"), (-1, "p"), (1, "n"), (2, "n2")):
            if 0 <= k + d < n:
                f.extend(f"{tag}:{x}" for x in shape(k + d) if not x.startswith("w="))
            else:
                f.append(f"{tag}:none")
        rows.append(f)
    return [every[k] for k in picked], rows


def _placement(k: int, i: int, title_k: int | None, span: Span, at: list[int]) -> list[str]:
    """Where the line sits against the rules' headline and body."""
    f = []
    if title_k is None:
        f.append("no_rule_title")
    else:
        d = k - title_k
        f.append(
            "rule_title"
            if d == 0
            else f"from_title={'-' if d < 0 else '+'}{_bucket(abs(d), _OFFSETS)}"
        )
    if span is None:
        f.append("no_body")
    elif i < span[0]:
        gap = bisect_left(at, span[0]) - k - 1
        f.append(f"above_body={_bucket(gap, _OFFSETS)}")
    elif i > span[1]:
        gap = k - bisect_right(at, span[1])
        f.append(f"below_body={_bucket(gap, _OFFSETS)}")
    else:
        f.append("in_body" + ("_first" if i == span[0] else ""))
    return f


def _body_words(lines: list[Line], span: Span) -> set[str]:
    if span is None:
        return set()
    texts = [line.text for line in lines[span[0] : span[1] + 1] if line.para][:BODY_LOOK_LINES]
    return {t.lower() for text in texts for t in _TOKEN.findall(text)}


def _overlap(text: str, words: set[str]) -> str:
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if not tokens or not words:
        return "none"
    return str(round(4 * sum(t in words for t in tokens) / len(tokens)))
