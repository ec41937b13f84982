"""Chinese-aware tokens for the full-text index: CJK character bigrams and Latin words.

SQLite's own FTS5 tokenizers do not fit Chinese: `unicode61` takes a whole run of
CJK characters between two punctuation marks as one token (so 普京 only matches a
clause that is exactly 普京), and `trigram` cannot match queries under three
characters (普京 finds nothing).  So text is segmented here, in Python, into
space-separated tokens, and the FTS5 table only splits on spaces (`ascii`).

The scheme (same for text and queries, after NFKC and case folding):
* a run of non-CJK letters and digits is one word (`Ukraine` -> `ukraine`, `G20` -> `g20`);
* a run of CJK characters (Han, kana, hangul) gives its overlapping bigrams, then its
  last character alone: 普京会 -> `普京 京会 会`.  Every character thus starts exactly
  one token, so a query is an exact phrase of bigrams (泽连斯基 -> "泽连 连斯 斯基"),
  a one-character query is a prefix search ("京"*), and a phrase across a run
  boundary (峰会G20) stays contiguous.

Chosen by measurement (`benchmarks/search_tokenization.py`): the Chinese gold bodies
of the evaluation data plus the seeds (346 documents, 0.65 M characters) indexed 10x
into a contentless FTS5 table; 395 queries: the seed names and 特朗普 普京, 150
entity words and 150 headline words cut by jieba from the titles, 30 single
characters, 30 Latin words, 30 two-term queries.  CPU time of one process:

    tokenizer      recall  complete  precision  index s  index MB  p50 ms  p95 ms
    bigram (this)  1.000   100.0%    1.000        3.7      26.9    0.11    0.51
    unigram        1.000   100.0%    0.999        1.6      13.4    0.25    0.86
    jieba          0.850    64.6%    1.000       21.5      11.7    0.09    0.32
    jieba+bigram   1.000   100.0%    1.000       28.0      35.2    0.17    0.63
    trigram        0.306    30.6%    0.968        5.4      50.5    0.01    0.18
    unicode61      0.138    10.1%    1.000        1.4      10.4    0.02    0.07

`recall`: share of the documents holding the query (as a substring; Latin as a
word) that it finds; `complete`: queries that find all of them.  Bigrams are exact
(every substring, no false hit) and need no dependency.  jieba words miss one
entity in nine and most single characters, because segmentation changes with
context (马克龙 is cut differently in different sentences), and index 6x slower;
adding bigrams to jieba restores recall but costs 7.5x the index time and 1.3x the
size for nothing more found.  Single characters are exact too, with half the index,
but their long postings make queries slower, and more so as the store grows: at 30x
(10,380 documents) bigram queries take 0.19 / 1.15 ms (p50 / p95), unigram ones
0.57 / 2.47 ms.  Hence bigrams.  Any change to the output of this module must bump
`TOKENIZER`: the store re-indexes when the recorded name differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import add

from newsdesk.text import cjk
from newsdesk.text.normal import fold

# Recorded in the store; a different value makes the store rebuild its index.
TOKENIZER = "cjk-bigram-simplified/2"

# Han (with extension A, compatibility forms and the supplementary planes), the
# iteration marks 々 and 〇, kana and hangul syllables: scripts written without spaces
# between words, so indexed by character bigrams.
_CJK = cjk.CJK
# A CJK run (group 1) or a run of any other letters and digits (group 2).
_PIECE = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def index_text(text: str) -> str:
    """The tokens of `text` as one space-separated string, ready for the FTS5 table."""
    out: list[str] = []
    for m in _PIECE.finditer(fold(text)):
        run = m.group(1)
        if run is None:
            out.append(m.group(2))
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(map(add, run, run[1:]))
            out.append(run[-1])
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Phrase:
    """The tokens one query term must match in sequence; `prefix` if the last is open."""

    tokens: tuple[str, ...]
    prefix: bool = False

    def fts(self) -> str:
        # Tokens hold only letters and digits, so quoting cannot be escaped; the
        # doubling of quotes is kept so the function stays safe on its own.
        quoted = '"' + " ".join(self.tokens).replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


def query_phrases(query: str) -> list[Phrase]:
    """One phrase per white-space separated term of `query`; terms without tokens drop."""
    phrases = []
    for term in fold(query).split():
        phrase = _term_phrase(term)
        if phrase is not None:
            phrases.append(phrase)
    return phrases


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression requiring every term of `query`; None when nothing to match.

    Any input is safe: only tokens reach the expression, each term quoted as a phrase,
    so FTS5 operators (AND, NEAR, *, column filters) in the input are plain words.
    """
    phrases = query_phrases(query)
    return " AND ".join(p.fts() for p in phrases) or None


def _term_phrase(term: str) -> Phrase | None:
    """Tokens of one query term, contiguous in the index wherever the term occurs.

    A CJK run inside the term ends where the text's run ends, so it is followed by
    its last character as in `index_text`; the term's final run may continue in the
    text, so it gives its bigrams only (or, one character long, an open prefix).
    """
    pieces = list(_PIECE.finditer(term))
    tokens: list[str] = []
    prefix = False
    for i, m in enumerate(pieces):
        run = m.group(1)
        if run is None:
            tokens.append(m.group(2))
        elif i < len(pieces) - 1:
            tokens.extend(map(add, run, run[1:]))
            tokens.append(run[-1])
        elif len(run) == 1:
            tokens.append(run)
            prefix = True
        else:
            tokens.extend(map(add, run, run[1:]))
    return Phrase(tuple(tokens), prefix) if tokens else None


def needles(query: str) -> list[str]:
    """Strings to look for in the original text when cutting a snippet, best first.

    The whole terms first, then their CJK runs and words (a term like `covid-19`
    matches `COVID 19`, which only its pieces find).
    """
    terms = fold(query).split()
    pieces = [m.group(0) for t in terms for m in _PIECE.finditer(t)]
    seen: dict[str, None] = {}
    for s in sorted(terms, key=len, reverse=True) + sorted(pieces, key=len, reverse=True):
        if _PIECE.search(s):
            seen.setdefault(s, None)
    return list(seen)
