"""Enrichment rows: who and where each article mentions, and its dated events.

They are derived from `Article.enrichment` (filled by the enrichment step) whenever an
article's latest extraction is indexed, and removed with it, so they never disagree
with the stored article.  `queries.entities` reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsdesk.article import Enrichment
from newsdesk.store.engines import Connection


def index(con: Connection, docs: Iterable[tuple[int, dict[str, Any]]]) -> None:
    mentions: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for seq, doc in docs:
        if not doc.get("enrichment"):
            continue
        found = Enrichment.from_dict(doc["enrichment"])
        mentions += [(seq, e.name, e.type, e.count) for e in found.entities]
        for ev in found.events:
            names = sorted({m.name for m in ev.entities})
            end = ev.end if ev.end != ev.day else None
            events.append((seq, ev.day, end, ev.text, json.dumps(names, ensure_ascii=False)))
    con.executemany(
        "INSERT INTO mentions (article_seq, name, type, count) VALUES (?, ?, ?, ?)", mentions
    )
    con.executemany(
        'INSERT INTO events (article_seq, start, "end", sentence, entities) VALUES (?, ?, ?, ?, ?)',
        events,
    )


def unindex(con: Connection, seqs: list[tuple[int]]) -> None:
    con.executemany("DELETE FROM mentions WHERE article_seq = ?", seqs)
    con.executemany("DELETE FROM events WHERE article_seq = ?", seqs)
