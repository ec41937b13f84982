"""What the story code reads from an article: normal text, terms, figures, entities.

Reprints are compared on the **body**, folded so that what copies change does not
count: traditional characters become simplified, full-width forms fold (NFKC), case
folds, editor/source/author lines go, and every character that is not a letter or a
digit goes (punctuation and white space differ between copies, and some sites space
out every character).  Stories and related articles are compared on **terms** of the
headline and the lead: character bigrams of Chinese runs, whole words of other
scripts.  Bigrams need no segmenter and do not depend on how a segmenter happens to cut
a name in one sentence (LANDSCAPE.md: jieba cuts 马克龙 differently by context).
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from operator import add
from sys import intern
from typing import Any

from newsdesk.article import Article
from newsdesk.store.queries.records import date_only
from newsdesk.text import cjk
from newsdesk.text.normal import fold
from newsdesk.text.sentences import CLOSERS, TERMINALS, sentences

log = logging.getLogger(__name__)

# An editor, source or byline line: a short paragraph that starts with one of these
# labels.  Copies add or drop them ("责任编辑：王宁", "来源：新华社"), so they must not
# count as text; the length cap keeps a real sentence that starts with 记者 or 来源.
_LABELS = (
    "责任编辑|责编|编辑|编审|审核|审校|校对|监制|出品人?|撰文|作者|记者|通讯员|实习生|"
    "来源|本文来源|文章来源|新闻来源|稿源|图片来源|图源|原标题|原文标题|转载|转自|声明"
)
EDITOR_LINE = re.compile(rf"^[\s(（【\[〔<《]*(?:{_LABELS})\s*[:：|丨｜/\s)）】\]〕]")
EDITOR_LINE_MAX = 40  # characters; a byline never runs longer, a sentence may start alike
# Letters and digits stay; everything else goes from the reprint text.
_NOT_WORD = re.compile(r"[\W_]+")
# Chinese (and other unspaced scripts) runs become bigrams; other letter runs words.
_CJK = cjk.CJK
_PIECE = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
_DIGITS = re.compile(r"\d{2,}")

# A story is recognised by the headline and the lead: the first paragraph or two says
# which happening an article reports; further down, articles of one topic look alike.
LEAD_CHARS = 400
# Related articles are compared on more of the text: what an article is about, not
# only which happening it reports (most news articles are shorter than this).  With
# the lead alone, seed 000's first related article was a 2022 piece on Macron in Moscow
# (whose lead is closer to 000's lead) rather than seed 001, on the same 2025 talks.
TEXT_CHARS = 2000
TITLE_REPEAT = 2  # a headline term counts this many times: the headline names the event
VECTOR_TERMS = 80  # terms kept per article vector: enough mass, bounded storage
FIGURE_CHARS = 150  # the lead span whose figures (prices, scores, counts) a copy keeps
# ...which must appear in the other text's first `NUMBER_CHARS` (wider, so that a line
# added on top of a copy does not push the original's figures out of reach).
NUMBER_CHARS = 600
ENTITY_CHARS = 300  # text given to the entity recogniser when the article has none
ENTITIES_KEPT = 12  # most-mentioned entities kept per article
ENTITY_MAX_CHARS = 24  # a longer "name" is a recogniser's runaway span, not a name


def is_editor_line(paragraph: str) -> bool:
    """A byline, editor, source or original-title line rather than text."""
    line = paragraph.strip()
    return len(line) <= EDITOR_LINE_MAX and bool(EDITOR_LINE.match(fold(line)))


def body_paragraphs(article: Article) -> list[str]:
    """The body without editor, source and byline lines."""
    return [p for p in article.body if p.strip() and not is_editor_line(p)]


def reprint_text(article: Article) -> str:
    """The folded body, letters and digits only: what copies of one text share."""
    return _reprint_text(body_paragraphs(article))


def _reprint_text(paragraphs: list[str]) -> str:
    return _NOT_WORD.sub("", fold("".join(paragraphs)))


def content_key(text: str) -> str:
    """SHA-256 of the reprint text: equal keys are exact duplicates."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def figures(text: str, chars: int = FIGURE_CHARS) -> tuple[str, ...]:
    """The distinct numbers (two digits or more) in the first `chars` of a reprint text."""
    return tuple(sorted(set(_DIGITS.findall(text[:chars]))))


_SPACED = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def terms(text: str) -> Counter[str]:
    """Bigrams of the unspaced-script runs and words of the others, with counts.

    White space between two Chinese characters is dropped first: some sites space out
    every character of a headline or a whole article (港 鐵 多 條 路 綫).  Bare numbers
    are left out: prices, counts and dates say little about what an article is about,
    and as the most varied tokens of news they would fill the term counts.  Terms are
    interned, so the counts, vectors and centroids holding one term share one string.
    """
    pieces: list[str] = []
    for m in _PIECE.finditer(_SPACED.sub("", fold(text))):
        run = m.group(1)
        if run is None:
            word = m.group(2)
            if not word.isdigit():
                pieces.append(word)
        elif len(run) == 1:
            pieces.append(run)
        else:
            pieces.extend(map(add, run, run[1:]))  # the bigrams, made in C
    return Counter(map(intern, pieces))


def lead(article: Article, chars: int = LEAD_CHARS) -> str:
    """The first `chars` characters of the body (bylines left out)."""
    text = "\n".join(body_paragraphs(article))
    return text[:chars]


def story_terms(article: Article, chars: int = LEAD_CHARS) -> Counter[str]:
    """Term counts of the headline (counted `TITLE_REPEAT` times) and the first `chars`."""
    return _with_title(terms(lead(article, chars)), terms(article.title or ""))


def _with_title(counts: Counter[str], title: Counter[str]) -> Counter[str]:
    for term, n in title.items():
        counts[term] += n * TITLE_REPEAT
    return counts


def weigh(counts: Counter[str], idf: Callable[[str], float]) -> dict[str, float]:
    """Sublinear tf-idf, L2-normalised, the `VECTOR_TERMS` heaviest terms kept."""
    log = math.log
    return unit_top({t: (1.0 + log(n)) * idf(t) for t, n in counts.items()})


def unit_top(weights: dict[str, float]) -> dict[str, float]:
    """The `VECTOR_TERMS` heaviest of `weights` (ties by term), scaled to unit length.

    The cut is found on the bare values first, so only the kept terms are sorted
    with a key: the same terms in the same order as sorting them all.
    """
    if len(weights) > VECTOR_TERMS:
        cut = heapq.nlargest(VECTOR_TERMS, weights.values())[-1]
        top = [kv for kv in weights.items() if kv[1] >= cut]
    else:
        top = list(weights.items())
    top.sort(key=_heaviest_first)
    del top[VECTOR_TERMS:]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def _heaviest_first(kv: tuple[str, float]) -> tuple[float, str]:
    return (-kv[1], kv[0])


TF_KNOWN = 64
TF = [0.0] + [1.0 + math.log(n) for n in range(1, TF_KNOWN)]  # 1 + log(n), looked up


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors given as dicts (iterating the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


# --- entities -------------------------------------------------------------------


def entities(article: Article, body: str | None = None) -> list[str]:
    """The article's most-mentioned people, places and organisations (canonical names).

    Enrichment's entities are used when the article was enriched; otherwise the
    recogniser, when installed, reads the headline and the lead (of `body`, the
    paragraphs joined, when the caller has it).
    """
    counts: Counter[str] = Counter()
    if article.enrichment is not None:
        for e in article.enrichment.entities:
            counts[fold(e.name)] += e.count
    else:
        start = lead(article) if body is None else body[:LEAD_CHARS]
        lead_text = f"{article.title or ''}\n{start[:ENTITY_CHARS]}"
        counts.update(fold(n) for n in _recognize(lead_text))
    names = [n for n, _ in counts.most_common() if 2 <= len(n) <= ENTITY_MAX_CHARS]
    return names[:ENTITIES_KEPT]


def _recognize(text: str) -> list[str]:
    recognize = _recognizer()
    if recognize is None:
        return []
    try:
        return [e.canonical for e in recognize(text)]
    except Exception as exc:  # a recogniser bug must not stop clustering
        log.warning("entity recognition failed: %s", exc)
        return []


@cache
def _recognizer() -> Callable[[str], list[Any]] | None:
    try:
        from newsdesk.enrich.entities import recognize
    except ImportError:
        log.info("no entity recogniser: stories use text similarity alone")
        return None
    return recognize


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Shared entities over the smaller set (0 when either has none)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


# --- the record the story code works on --------------------------------------------


@dataclass(slots=True)
class Features:
    """Everything the reprint and story steps need from one article."""

    id: str
    time: datetime
    title: str | None
    site: str | None
    text: str  # the reprint text
    key: str  # content_key(text)
    figures: tuple[str, ...]  # numbers of the lead
    numbers: tuple[str, ...]  # numbers of the first `NUMBER_CHARS`
    terms: Counter[str]  # headline and lead: which happening it reports
    text_terms: Counter[str] = field(default_factory=Counter)  # more text: what it is about
    entities: list[str] = field(default_factory=list)
    dated: bool = True  # False when `time` is when it was stored, not its publish time
    # The page gave its publish date without a clock time: `time` is that day's
    # midnight, and the page may have appeared at any moment of the day.
    day_only: bool = False

    @property
    def length(self) -> int:
        return len(self.text)


def extract(article: Article, time: datetime, *, dated: bool = True) -> Features:
    """The features of `article`, placed at `time` (its publish time, else when stored).

    The paragraphs and the headline's terms are worked out once, not once per use.
    """
    paragraphs = body_paragraphs(article)
    body = "\n".join(paragraphs)
    text = _reprint_text(paragraphs)
    title = terms(article.title or "")
    return Features(
        id=article.id,
        time=time,
        title=article.title or _first_sentence(body),
        site=article.site or article.source,
        text=text,
        key=content_key(text),
        figures=figures(text),
        numbers=figures(text, NUMBER_CHARS),
        terms=_with_title(terms(body[:LEAD_CHARS]), title),
        text_terms=_with_title(terms(body[:TEXT_CHARS]), title),
        entities=entities(article, body),
        dated=dated,
        day_only=dated and article.published is not None and date_only(article.published),
    )


TITLE_FALLBACK_CHARS = 40  # a headline-less article is named by its first sentence


def _first_sentence(body: str) -> str | None:
    body = body.strip()
    if not body:
        return None
    start, end = sentences(body)[0]
    return body[start:end].rstrip(TERMINALS + CLOSERS + "\n")[:TITLE_FALLBACK_CHARS]
