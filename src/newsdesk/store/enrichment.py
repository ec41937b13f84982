"""Enrichment rows: who and where each article mentions, and its dated events.

They are derived from `Article.enrichment` (filled by the enrichment step) whenever an
article's latest extraction is indexed, and removed with it, so they never disagree
with the stored article.  Queries for `newsdesk entities` and `newsdesk timeline`
read them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsdesk.article import Enrichment


@dataclass(frozen=True, slots=True)
class EntityCount:
    name: str
    type: str
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "articles": self.articles,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    start: str
    end: str | None
    sentence: str
    entities: list[str]
    article_id: str
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "entities": self.entities,
            "article_id": self.article_id,
            "title": self.title,
        }


def index(con: sqlite3.Connection, docs: Iterable[tuple[int, dict[str, Any]]]) -> None:
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
        "INSERT INTO events (article_seq, start, end, sentence, entities) VALUES (?, ?, ?, ?, ?)",
        events,
    )


def unindex(con: sqlite3.Connection, seqs: list[tuple[int]]) -> None:
    con.executemany("DELETE FROM mentions WHERE article_seq = ?", seqs)
    con.executemany("DELETE FROM events WHERE article_seq = ?", seqs)


def entities(
    con: sqlite3.Connection, *, type: str | None = None, limit: int = 50
) -> list[EntityCount]:
    """The most mentioned entities, by the number of articles that mention them."""
    where, args = ("WHERE type = ?", [type]) if type else ("", [])
    rows = con.execute(
        f"SELECT name, type, count(DISTINCT article_seq), sum(count) FROM mentions {where}"
        " GROUP BY name, type ORDER BY 3 DESC, 4 DESC, name LIMIT ?",
        [*args, limit],
    )
    return [EntityCount(*row) for row in rows]


def timeline(con: sqlite3.Connection, name: str, *, limit: int = 200) -> list[TimelineEvent]:
    """Dated events whose sentence names `name` (canonical) or whose article mentions it."""
    rows = con.execute(
        "SELECT e.start, e.end, e.sentence, e.entities, a.id, a.title FROM events e"
        " JOIN articles a ON a.seq = e.article_seq"
        " WHERE EXISTS (SELECT 1 FROM json_each(e.entities) WHERE value = ?)"
        " ORDER BY e.start, a.seq LIMIT ?",
        (name, limit),
    )
    return [
        TimelineEvent(start, end, sentence, json.loads(names), aid, title)
        for start, end, sentence, names, aid, title in rows
    ]
