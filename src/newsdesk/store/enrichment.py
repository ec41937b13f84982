"""Enrichment rows: who and where each article mentions, and its dated events.

They are derived from `article.extra` (filled by the enrichment step) whenever an
article's latest extraction is indexed, and removed with it, so they never disagree
with the stored article.  `queries.entities` reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any


def index(con: sqlite3.Connection, docs: Iterable[tuple[int, dict[str, Any]]]) -> None:
    mentions: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for seq, doc in docs:
        extra = doc.get("extra") or {}
        for e in extra.get("entities") or []:
            mentions.append((seq, e["name"], e["type"], e["count"]))
        for ev in extra.get("events") or []:
            start = ev.get("start") or ev.get("date")
            if not start:
                continue
            names = sorted(
                {m.get("name") or m.get("canonical") or m["text"] for m in ev.get("entities", [])}
            )
            end = ev.get("end") if ev.get("end") != start else None
            events.append(
                (seq, start, end, ev.get("text", ""), json.dumps(names, ensure_ascii=False))
            )
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
