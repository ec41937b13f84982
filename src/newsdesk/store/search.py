"""Full-text search: the index over pre-segmented text, its weights, snippets.

The index holds title, body and captions as tokens (see `tokenize`), keyed by
`articles.seq`; each engine keeps them its own way (`engines`: a contentless FTS5
table, a `tsvector`).  A contentless index does not store the text twice; the price
is that removing a row needs its indexed values again, which `unindex` recomputes
from the stored article (the tokenizer is deterministic, and a store indexed by
another tokenizer version is rebuilt on open by `ensure_tokenizer`).

Snippets are cut from the original body, not from the token soup, around the first
place a query term occurs.  The queries that read the index are in `queries`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from newsdesk.store import tokenize
from newsdesk.store.db import transaction
from newsdesk.store.engines import Connection, engine
from newsdesk.text.normal import fold

log = logging.getLogger(__name__)

# bm25 column weights: a term in the headline says far more about what an article is
# about than one in a long body; captions are short and descriptive, in between.
TITLE_WEIGHT, BODY_WEIGHT, CAPTIONS_WEIGHT = 5.0, 1.0, 2.0
SNIPPET_CHARS = 120  # about two lines of Chinese in a terminal or a result list
SNIPPET_LEAD = 30  # characters shown before the match, for context

_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- the index ------------------------------------------------------------------------


def index_values(doc: dict[str, Any]) -> tuple[str, str, str]:
    """The indexed (title, body, captions) of an article in its JSON form."""
    return (
        tokenize.index_text(doc.get("title") or ""),
        tokenize.index_text("\n".join(doc.get("body", []))),
        tokenize.index_text("\n".join(doc.get("captions", []))),
    )


def index(con: Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Add (seq, article JSON) rows to the index."""
    engine(con).index_rows(con, [(seq, *index_values(doc)) for seq, doc in rows])


def unindex(con: Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Remove (seq, article JSON as indexed) rows from the index."""
    kind = engine(con)
    if kind.CONTENTLESS:
        kind.unindex_rows(con, [(seq, *index_values(doc)) for seq, doc in rows])
    else:
        kind.unindex_rows(con, [(seq, "", "", "") for seq, _ in rows])


def rebuild(con: Connection) -> int:
    """Re-index every article from scratch (call inside a transaction); returns the count."""
    engine(con).clear_index(con)
    n = 0
    last = 0
    while True:
        rows = con.execute(
            "SELECT seq, doc FROM articles WHERE seq > ? ORDER BY seq LIMIT 500", (last,)
        ).fetchall()
        if not rows:
            break
        index(con, [(seq, json.loads(doc)) for seq, doc in rows])
        n += len(rows)
        last = rows[-1][0]
    con.execute(
        "INSERT INTO meta (name, value) VALUES ('tokenizer', ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (tokenize.TOKENIZER,),
    )
    return n


def ensure_tokenizer(con: Connection) -> None:
    """Rebuild the index if it was built by another tokenizer (or never recorded one).

    Queries are tokenized by today's code, so an index built with other tokens
    would silently miss; a rebuild once, on open, is the price of changing them.
    """
    if indexed_with(con) == tokenize.TOKENIZER:
        return
    with transaction(con):
        if indexed_with(con) != tokenize.TOKENIZER:  # another process may have done it
            n = rebuild(con)
            if n:
                log.info("re-indexed %d articles with tokenizer %s", n, tokenize.TOKENIZER)


def indexed_with(con: Connection) -> str | None:
    """The tokenizer the index was built with, as recorded."""
    row = con.execute("SELECT value FROM meta WHERE name = 'tokenizer'").fetchone()
    return row[0] if row else None


# --- snippets --------------------------------------------------------------------------


def snippet(doc: dict[str, Any], query: str) -> str:
    """A short plain-text excerpt around the first match in the body (or captions).

    Falls back to the start of the body when the match was in the title only.
    """
    keys = _needles(query)
    paragraphs = [p for p in [*doc.get("body", []), *doc.get("captions", [])] if p.strip()]
    for text in paragraphs:
        pos = _first(text, keys)
        if pos is not None:
            return _window(text, pos)
    return _window(paragraphs[0], 0) if paragraphs else ""


@lru_cache(maxsize=1024)
def _needles(query: str) -> tuple[str, ...]:
    """The query's needles, worked out once per query rather than once per result."""
    return tuple(tokenize.needles(query))


def _first(text: str, keys: Sequence[str]) -> int | None:
    """Where in `text` the earliest key occurs, compared after normalization."""
    norm, offsets = normalized(text)
    found = [p for p in (norm.find(k) for k in keys) if p >= 0]
    if not found:
        return None
    pos = min(found)
    return offsets[pos] if offsets is not None else pos


def normalized(text: str) -> tuple[str, list[int] | None]:
    """`text` in the index's normal form, and for each of its characters the position
    in `text` it came from (None when every position carries over one to one).

    When normalization changes the length (`…` becomes `...`, `ß` becomes `ss`; every
    snippet holds an ellipsis), the text is mapped character by character, through a
    cache: a result page has thousands of characters but few distinct ones.
    """
    norm = fold(text)
    if len(norm) == len(text):
        return norm, None
    parts = [_normal_char(c) for c in text]
    return "".join(parts), [i for i, part in enumerate(parts) for _ in part]


@lru_cache(maxsize=1 << 16)
def _normal_char(char: str) -> str:
    return fold(char)


def _window(text: str, pos: int) -> str:
    start = max(0, pos - SNIPPET_LEAD)
    end = min(len(text), start + SNIPPET_CHARS)
    start = max(0, end - SNIPPET_CHARS)
    excerpt = _SPACES.sub(" ", text[start:end]).strip()
    excerpt = _SURROGATE.sub("\ufffd", excerpt)
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")
