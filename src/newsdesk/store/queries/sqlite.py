"""What the queries say differently on SQLite: FTS5 MATCH and bm25, JSON id lists,
month and time expressions, table checks.

Every query module builds its SQL from these pieces, so a second engine is one more
module of the same names, not a copy of every query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from newsdesk.store import tokenize
from newsdesk.store.search import BODY_WEIGHT, CAPTIONS_WEIGHT, TITLE_WEIGHT

# Relevance of a row of `search_index`, higher is better.
SCORE = f"-bm25(search_index, {TITLE_WEIGHT}, {BODY_WEIGHT}, {CAPTIONS_WEIGHT})"
# The time an article is shown and ordered by: published, else the page's own time,
# else (so that nothing is lost from a list) when it was stored.
WHEN = "COALESCE(a.published, a.page_time, a.added_at)"
MONTH = f"substr({WHEN}, 1, 7)"  # YYYY-MM of the time above
# Parts of the stored JSON, as JSON text (read with `json_value`/`json_list`): a
# stored lone surrogate stays an escape instead of text SQLite cannot decode.
FIRST_PARAGRAPH = "a.doc -> '$.body[0]'"
BODY = "a.doc -> '$.body'"
CAPTIONS = "a.doc -> '$.captions'"
# Matching seqs (the article's `seq`) of the full-text index, as a FROM item.
MATCHES = "search_index"
MATCH_ROWID = "search_index.rowid"
MATCH_CONDITION = "search_index MATCH ?"


# The articles that show only a time of their own, walked newest first down their
# index (migration 0005); left to itself the planner picks the `published` index
# (published IS NULL) and sorts every undated article.
PAGE_TIME_WALK = "articles a INDEXED BY articles_page_time"


def values(items: Sequence[Any]) -> str:
    """A parameter for `IN (SELECT value FROM json_each(?))`: a list as one argument."""
    return json.dumps(list(items), ensure_ascii=False)


IN_LIST = "(SELECT value FROM json_each(?))"


def match(text: str) -> str | None:
    """The index's MATCH expression for a query (None when nothing can match)."""
    return tokenize.match_expression(text)


def json_list(raw: str | None) -> list[Any]:
    """A JSON array column as a list (an empty list for NULL or damage)."""
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def json_value(raw: str | None) -> Any:
    """A JSON text column as a value (None for NULL or damage)."""
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def has_table(con: sqlite3.Connection, name: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def event_names(column: str) -> str:
    """A condition: the JSON array `column` holds the parameter."""
    return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"
