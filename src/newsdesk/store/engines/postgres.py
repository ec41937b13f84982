"""PostgreSQL, the server engine: a psycopg connection that speaks the store's SQL, and
what PostgreSQL says differently (the search index, JSON lists, time arithmetic).

The names are the same as in `sqlite`, so every query runs on both.  Differences
worth knowing:

* Search keeps the same tokens (`tokenize`: CJK bigrams and Latin words) in a
  `tsvector` with a GIN index.  The vector is written as tsvector text, lexemes and
  positions given, so PostgreSQL's own parser (whose idea of a letter depends on the
  server's locale, and which would split Chinese badly) never sees the text.  A
  query is the same phrases as on SQLite, each a `<->` chain, `:*` for an open
  prefix.  Title, captions and body carry weights A, B and D for `ts_rank`.
* One writer at a time, as on SQLite: a write transaction takes an advisory lock
  first, so a batch is planned (which version comes next) with no other writer
  between its reads and its writes.
* Text cannot hold NUL or lone surrogates in PostgreSQL; parameters get U+FFFD in
  their place (the article's own JSON escapes them, so it keeps the exact text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq

from newsdesk.errors import StoreError
from newsdesk.store import tokenize
from newsdesk.store.engines import json_list as json_list
from newsdesk.store.engines import json_value as json_value
from newsdesk.store.engines import values as values
from newsdesk.store.search import BODY_WEIGHT, CAPTIONS_WEIGHT, TITLE_WEIGHT

MIGRATIONS = "migrations/postgresql"
# Any number would do, as long as every newsdesk writer uses the same one.
WRITE_LOCK = 0x6E657773  # "news"
BEGIN = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
Error: type[Exception] = psycopg.Error

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_QUESTION = re.compile(r"'(?:[^']|'')*'|\?|%")


class Connection:
    """A psycopg connection with `?` parameters and transactions left to
    `db.transaction` (autocommit outside them), like the SQLite connections."""

    def __init__(self, raw: psycopg.Connection[Any], url: str) -> None:
        self.raw = raw
        self.url = url

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        if not parameters:  # psycopg reads no placeholders then: the text goes as is
            return self.raw.execute(sql)
        return self.raw.execute(_translate(sql), [_storable(v) for v in parameters])

    def executemany(
        self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /
    ) -> psycopg.Cursor[Any]:
        cur = self.raw.cursor()
        rows = [[_storable(v) for v in row] for row in seq_of_parameters]
        if rows:
            cur.executemany(_translate(sql), rows)
        return cur

    def close(self) -> None:
        self.raw.close()


def connect(url: str, *, read_only: bool = False) -> Connection:
    """A connection to the database at `url`; `read_only` refuses every write."""
    try:
        raw = psycopg.connect(url, autocommit=True, application_name="newsdesk")
    except psycopg.Error as exc:
        raise StoreError(f"cannot open the store {_safe(url)}: {exc}") from exc
    con = Connection(raw, url)
    if read_only:
        refuse_writes(con)
    return con


def refuse_writes(con: Connection) -> None:
    con.execute("SET default_transaction_read_only = on")


def optimize(con: Connection) -> None:
    """Nothing to do on closing: the server's autovacuum keeps statistics."""


def settle(con: Connection) -> None:
    """After a commit: nothing to do, the server keeps its own log in check."""


def has_table(con: Connection, name: str) -> bool:
    return bool(_one(con, "SELECT to_regclass(?) IS NOT NULL", (name,)))


def fingerprint(con: Connection) -> tuple[Any, ...]:
    """Changes whenever anything commits: the server's write-ahead log position."""
    return (con.url, _one(con, "SELECT pg_current_wal_lsn()::text"))


def name(con: Connection) -> str:
    return con.url


def size_bytes(con: Connection) -> int:
    return int(_one(con, "SELECT pg_database_size(current_database())"))


def _one(con: Connection, sql: str, parameters: Sequence[Any] = ()) -> Any:
    """The first column of the one row `sql` gives."""
    row = con.execute(sql, parameters).fetchone()
    return row[0] if row is not None else None


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _storable(value: Any) -> Any:
    if isinstance(value, str) and _UNSTORABLE.search(value):
        return _UNSTORABLE.sub("\ufffd", value)
    return value


@lru_cache(maxsize=2048)
def _translate(sql: str) -> str:
    """`?` parameters become `%s`, a literal `%` becomes `%%`; string literals stay."""

    def one(m: re.Match[str]) -> str:
        token = m.group(0)
        return "%s" if token == "?" else "%%" if token == "%" else token

    return _QUESTION.sub(one, sql)


# --- the full-text index ---------------------------------------------------------------

CONTENTLESS = False  # rows are removed by seq alone
# PostgreSQL keeps positions up to 16383 and the first 256 positions of each lexeme,
# so a long text loses phrases near its end.  The text is therefore indexed in parts
# of at most PART_TOKENS tokens (one row each, the title in the first), overlapping
# by PART_OVERLAP so a phrase across the seam is found whole in one of them.
PART_TOKENS = 4096
PART_OVERLAP = 32
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2046  # a longer word is refused (and no one searches for it)
# A tsvector holds at most 1 MiB: lexemes, 4 bytes of entry each, 2 per position.
MAX_VECTOR_BYTES = 1_000_000
_GAP = 2  # positions between two fields, so a phrase never runs from one into the next


def parts(title: str, body: str, captions: str) -> list[str]:
    """The tsvector texts of an article's tokens, part by part: positions in order,
    title weighted A, captions B, body D (the default, written without a letter)."""
    head, text, tail = title.split(), body.split(), captions.split()
    stream = [*head, *[""] * _GAP, *text, *[""] * _GAP, *tail]
    tail_start = len(stream) - len(tail)
    step = PART_TOKENS - PART_OVERLAP
    return [
        vector(stream[start : start + PART_TOKENS], len(head) - start, tail_start - start)
        for start in range(0, len(stream), step)
    ]


def vector(tokens: list[str], title_end: int = 0, captions_start: int | None = None) -> str:
    """The tsvector text of tokens at positions 1, 2, … ("" is a gap): positions up to
    `title_end` weighted A, from `captions_start` on (0-based) B, the rest D."""
    at_of: dict[str, list[int]] = {}
    for at, token in enumerate(tokens, 1):
        if token:
            at_of.setdefault(token, []).append(at)
    b_from = len(tokens) + 1 if captions_start is None else captions_start + 1
    out = []
    size = 0
    for token, ats in at_of.items():
        # A token's UTF-8 width is at most 4 bytes a character: counted exactly only
        # when that bound could matter.
        width = len(token) * 4
        if width > MAX_LEXEME_BYTES:
            width = len(token.encode("utf-8"))
            if width > MAX_LEXEME_BYTES:
                continue
        kept = ats[:MAX_POSITIONS]
        size += width + 4 + 2 * len(kept)
        if size > MAX_VECTOR_BYTES:
            break
        if kept[0] > title_end and kept[-1] < b_from:
            where = ",".join(map(str, kept))
        else:
            where = ",".join(
                f"{at}A" if at <= title_end else f"{at}B" if at >= b_from else str(at)
                for at in kept
            )
        out.append(f"{_lexeme(token)}:{where}")
    return " ".join(out)


def index_rows(con: Connection, rows: list[tuple[int, str, str, str]]) -> None:
    """Add (seq, title, body, captions) token rows to the index, in parts."""
    con.executemany(
        "INSERT INTO search_index (seq, part, document) VALUES (?, ?, CAST(? AS tsvector))",
        [(seq, n, text) for seq, t, b, c in rows for n, text in enumerate(parts(t, b, c))],
    )


def unindex_rows(con: Connection, rows: list[tuple[int, str, str, str]]) -> None:
    con.executemany("DELETE FROM search_index WHERE seq = ?", [(r[0],) for r in rows])


def clear_index(con: Connection) -> None:
    con.execute("DELETE FROM search_index")


def match(text: str) -> str | None:
    """The query for `MATCHES`: a JSON list of tsquery texts, one per term (a phrase
    of `<->` steps, `:*` for an open prefix), every one of which must match."""
    phrases = tokenize.query_phrases(text)
    if not phrases:
        return None
    terms = []
    for p in phrases:
        chain = " <-> ".join(_lexeme(t) for t in p.tokens)
        terms.append(f"{chain}:*" if p.prefix else chain)
    return json.dumps(terms, ensure_ascii=False)


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# ts_rank's weights for D (body), C (unused), B (captions), A (title): the column
# weights SQLite's bm25 uses, scaled to at most 1.
RANK_WEIGHTS = (
    f"'{{{BODY_WEIGHT / TITLE_WEIGHT}, 0, {CAPTIONS_WEIGHT / TITLE_WEIGHT}, 1.0}}'::float4[]"
)
SCORE = "search_index.rank"
# An article matches when each term is found in one of its parts (a term in the
# title and another deep in the body are in different parts); its rank is the sum,
# over the terms, of the best part's rank for that term.
_TERMS = (
    "SELECT CAST(value AS tsquery) AS term, ordinality AS i, count(*) OVER () AS n"
    " FROM json_array_elements_text(CAST(? AS json)) WITH ORDINALITY"
)
MATCHES = (
    "(SELECT seq, sum(rank) AS rank FROM"
    f" (SELECT s.seq, t.i, t.n, max(ts_rank({RANK_WEIGHTS}, s.document, t.term, 1)) AS rank"
    f" FROM ({_TERMS}) AS t JOIN search_index s ON s.document @@ t.term"
    " GROUP BY s.seq, t.i, t.n) AS per_term"
    " GROUP BY seq, n HAVING count(*) = n) AS search_index"
)
MATCH_ROWID = "search_index.seq"
MATCH_CONDITION = "TRUE"  # the condition is inside `MATCHES`, with its parameter

# --- the rest of the queries -----------------------------------------------------------

WHEN = "a.best_time"
MONTH = f"substr({WHEN}, 1, 7)"
# The stored JSON as `json` (parsed lazily, unlike `jsonb`).  PostgreSQL refuses the
# escapes of NUL and of a lone surrogate, which the stored text keeps for an exact
# round trip (see `articles.serialize`), so those read as U+FFFD here.
_REFUSED = (
    r"\\u0000",
    r"\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])",  # a high surrogate alone
    r"(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}",  # a low one alone
)
DOC = (
    r"CAST(CASE WHEN strpos(a.doc, '\u0000') + strpos(a.doc, '\ud') > 0"
    rf" THEN regexp_replace(a.doc, '{'|'.join(_REFUSED)}', '\\ufffd', 'g')"
    " ELSE a.doc END AS json)"
)
OPENING = (  # the first paragraphs, a list's lead
    f"CAST((SELECT json_agg(p) FROM json_array_elements({DOC} -> 'body')"
    " WITH ORDINALITY AS e(p, n) WHERE n <= 3) AS text)"
)
BODY = f"CAST({DOC} -> 'body' AS text)"
CAPTIONS = f"CAST({DOC} -> 'captions' AS text)"
IN_LIST = "(SELECT json_array_elements_text(CAST(? AS json)))"
IN_INTS = "(SELECT CAST(json_array_elements_text(CAST(? AS json)) AS bigint))"
BYTES_PARAM = "CAST(? AS bytea)"
WEIGHTS = (
    "(SELECT key, CAST(value AS double precision) AS value FROM json_each_text(CAST(? AS json)))"
)


def time_distance(column: str) -> str:
    return f"abs(extract(epoch FROM CAST({column} AS timestamptz) - CAST(? AS timestamptz)))"


def event_names(column: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM json_array_elements_text(CAST({column} AS json)) AS v(value)"
        " WHERE v.value = ?)"
    )
