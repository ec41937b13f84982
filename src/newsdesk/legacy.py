"""Reading articles stored in the first schema (`newsdesk.article/1`).

That schema kept what the enrichment step added, and two reader flags, in an untyped
`extra` object whose shape changed while enrichment grew: events keyed by `date`,
event entities by `canonical`, a channel written as a bare id.  This module is the one
place that knows those shapes; it turns an `extra` object into the `notes` list and the
`enrichment` object of the current schema, so `Article.from_dict` reads old stores and
old JSONL files and nothing else ever guesses a shape.
"""

from __future__ import annotations

from typing import Any

# The reader flags of the first schema and the notes they became.
_FLAGS = {"truncated": "truncated", "node_budget_exhausted": "node-budget"}


def read_extra(extra: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """(notes, enrichment in the current JSON form, or None when it was not enriched)."""
    notes = [note for flag, note in _FLAGS.items() if extra.get(flag)]
    if "language" not in extra:
        return notes, None
    return notes, {
        "language": extra["language"],
        "title_normal_form": extra.get("title_normal_form"),
        "entities": [_entity(e) for e in extra.get("entities") or [] if isinstance(e, dict)],
        "mentions": [_mention(m) for m in extra.get("mentions") or []],
        "events": [_event(e) for e in extra.get("events") or []],
        "time_reference": _time_reference(extra.get("time_reference")),
        "keywords": list(extra.get("keywords") or []),
        "summary": list(extra.get("summary") or []),
        "channel": _channel(extra.get("channel")),
        "clickbait": extra.get("clickbait") or None,
    }


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    name = e.get("name") or e.get("canonical") or e.get("text") or ""
    return {
        "name": name,
        "type": e.get("type") or "",
        "count": int(e.get("count") or 1),
        "surfaces": list(e.get("surfaces") or [name]),
    }


def _mention(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": m["text"],
        "type": m.get("type") or "",
        "start": m.get("start") or 0,
        "end": m.get("end") or 0,
        "name": m.get("name") or m.get("canonical") or m["text"],
    }


def _event(e: dict[str, Any]) -> dict[str, Any]:
    value = e.get("value") or e.get("date") or e.get("start") or ""
    return {
        "value": value,
        "start": e.get("start"),
        "end": e.get("end"),
        "granularity": e.get("granularity") or "day",
        "expression": e.get("expression") or "",
        "offset": e.get("offset") or 0,
        "text": e.get("text") or "",
        "tense": e.get("tense") or "unknown",
        "entities": [_mention(m) for m in e.get("entities") or []],
        "local_time": bool(e.get("local_time", False)),
    }


def _time_reference(ref: Any) -> dict[str, Any] | None:
    if not isinstance(ref, dict):
        return None
    return {
        "date": ref.get("date"),
        "source": ref.get("source"),
        "certain": bool(ref.get("certain")),
    }


def _channel(channel: Any) -> dict[str, Any] | None:
    if isinstance(channel, str) and channel:
        return {"id": channel, "confidence": 1.0}
    if isinstance(channel, dict) and channel.get("id"):
        return {"id": channel["id"], "confidence": float(channel.get("confidence", 1.0))}
    return None
