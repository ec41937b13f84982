"""Enrichment rows: who and where each article mentions, and its dated events.

They are derived from `Article.enrichment` (filled by the enrichment step) whenever an
article's latest extraction is indexed, and removed with it, so they never disagree
with the stored article.  `queries.entities` reads them.

Names are keyed on `entity_name` (simplified characters), also for articles enriched
before the recogniser named entities that way, so 中國 and 中国 count as one entity; a
store whose rows were keyed otherwise is re-keyed once, on open (`ensure_names`).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsdesk.article import Enrichment
from newsdesk.store.db import transaction
from newsdesk.store.engines import Connection
from newsdesk.text.normal import entity_name

log = logging.getLogger(__name__)

# Recorded in the store's meta table: a different value re-keys the rows on open.
ENTITY_NAMES = "simplified/1"


def index(con: Connection, docs: Iterable[tuple[int, str | None, dict[str, Any]]]) -> None:
    """Rows for each (seq, best_time, doc): the article's time is kept with its
    mentions, so an entity's newest articles are one index walk."""
    mentions: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for seq, when, doc in docs:
        if not doc.get("enrichment"):
            continue
        found = Enrichment.from_dict(doc["enrichment"])
        counts: Counter[tuple[str, str]] = Counter()
        for e in found.entities:  # two spellings of one name become one row
            counts[(entity_name(e.name), e.type)] += e.count
        mentions += [(seq, name, kind, n, when) for (name, kind), n in counts.items()]
        for ev in found.events:
            names = sorted({entity_name(m.name) for m in ev.entities})
            end = ev.end if ev.end != ev.day else None
            events.append((seq, ev.day, end, ev.text, json.dumps(names, ensure_ascii=False)))
    con.executemany(
        "INSERT INTO mentions (article_seq, name, type, count, best_time) VALUES (?, ?, ?, ?, ?)",
        mentions,
    )
    con.executemany(
        'INSERT INTO events (article_seq, start, "end", sentence, entities) VALUES (?, ?, ?, ?, ?)',
        events,
    )


def unindex(con: Connection, seqs: list[tuple[int]]) -> None:
    con.executemany("DELETE FROM mentions WHERE article_seq = ?", seqs)
    con.executemany("DELETE FROM events WHERE article_seq = ?", seqs)


def ensure_names(con: Connection) -> None:
    """Re-key the rows of every stored article if they were keyed another way."""
    from newsdesk.store.articles import deep_clean  # it imports this module

    if _keyed_with(con) == ENTITY_NAMES:
        return
    with transaction(con):
        if _keyed_with(con) == ENTITY_NAMES:  # another process may have done it
            return
        con.execute("DELETE FROM mentions")
        con.execute("DELETE FROM events")
        last = 0
        while rows := con.execute(
            "SELECT seq, best_time, doc FROM articles WHERE seq > ? ORDER BY seq LIMIT 500",
            (last,),
        ).fetchall():
            index(con, [(seq, when, deep_clean(json.loads(doc))) for seq, when, doc in rows])
            last = rows[-1][0]
        con.execute(
            "INSERT INTO meta (name, value) VALUES ('entity_names', ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (ENTITY_NAMES,),
        )
        if last:
            log.info("re-keyed the entities of the stored articles as %s", ENTITY_NAMES)


def _keyed_with(con: Connection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE name = 'entity_names'").fetchone()
    return row[0] if row else None
