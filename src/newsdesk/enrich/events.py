"""Dated events: each time expression of the body, with its sentence and entities.

An event is what a reader asks a timeline for: when (a day, a span, a month), what
(the sentence that says it), who and where (the entities of that sentence).  The
dates come from `timex`, resolved against the article's reference date:

1. its publish time, the only certain one;
2. else a time the page shows that is not the article's (`page_time`), or the time
   it was fetched;
3. else the latest absolute date written in the body.

Why a second pass when the reference is uncertain: a page stamped 2026-02-05 may
carry an article written a year earlier (seed 000).  The month-days it reports in the
past tense are placed by that stamp (`3月27日` → 2025-03-27, the latest such day not
after it), and the latest of them is a better estimate of when the article was
written than the stamp itself.  Deictic words (`今年2月`, `本月底`, `2日`) are then
read against that estimate, so `今年2月` is February 2025, not 2026.  The estimate
is never later than the stamp, so no past-tense event moves past the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from newsdesk.article import Article, Event, Mention, TimeReference
from newsdesk.enrich.entities import mentions
from newsdesk.enrich.timex import TimeExpression, find_expressions
from newsdesk.extract.dates import find_times
from newsdesk.text.sentences import sentences

# Sentence ends in Chinese and Western prose; a newline always ends a paragraph.


@dataclass(slots=True, frozen=True)
class Reference:
    """The date events are read against, where it came from, and whether to trust it."""

    day: date | None
    source: str | None  # published, page_time, fetched, text
    certain: bool


def reference_date(article: Article, *, fetched: datetime | None = None) -> Reference:
    """The article's reference date: publish time, else page/fetch time, else the text."""
    if article.published is not None:
        return Reference(article.published.date(), "published", True)
    if article.page_time is not None:
        return Reference(article.page_time.date(), "page_time", False)
    if fetched is not None:
        return Reference(fetched.date(), "fetched", False)
    written = [t.value.date() for t in find_times(article.text)]
    if written:
        return Reference(max(written), "text", False)
    return Reference(None, None, False)


def resolve_times(text: str, ref: Reference) -> list[TimeExpression]:
    """The time expressions of `text`, with the second pass for uncertain references."""
    found = find_expressions(text, ref.day, near_future=ref.certain)
    if ref.certain or ref.day is None:
        return found
    reported = [
        e.end
        for e in found
        if e.end is not None and e.granularity in ("day", "span") and e.tense != "future"
    ]
    written = [d for d in reported if d <= ref.day]
    if not written or max(written) == ref.day:
        return found
    return find_expressions(text, max(written))


def find_events(
    article: Article,
    *,
    fetched: datetime | None = None,
    entities: Sequence[Mention] | None = None,
) -> list[Event]:
    """Every dated event of the article's body, in reading order.

    `entities` are the body's entity mentions if the caller has them (offsets into
    `article.text`); by default the entity recogniser reads the body.
    """
    text = article.text
    if not text:
        return []
    ref = reference_date(article, fetched=fetched)
    expressions = resolve_times(text, ref)
    if not expressions:
        return []
    found_entities = mentions(text) if entities is None else entities
    bounds = sentences(text)
    events: list[Event] = []
    seen: set[tuple[str, int]] = set()
    for expr in expressions:
        start, end = next(((s, e) for s, e in bounds if s <= expr.offset < e), (0, len(text)))
        if (expr.value, start) in seen:
            continue
        seen.add((expr.value, start))
        events.append(_event(expr, text, start, end, ref.day, found_entities))
    return events


def enrich(
    article: Article,
    *,
    fetched: datetime | None = None,
    entities: Sequence[Mention] | None = None,
) -> tuple[list[Event], TimeReference]:
    """The article's events and the reference day they were read against."""
    ref = reference_date(article, fetched=fetched)
    reference = TimeReference(ref.day.isoformat() if ref.day else None, ref.source, ref.certain)
    return find_events(article, fetched=fetched, entities=entities), reference


def _event(
    expr: TimeExpression,
    text: str,
    start: int,
    end: int,
    ref: date | None,
    entities: Sequence[Mention],
) -> Event:
    resolved = expr.start is not None and expr.end is not None
    return Event(
        value=expr.value,
        start=expr.start.isoformat() if resolved and expr.start else None,
        end=expr.end.isoformat() if resolved and expr.end else None,
        granularity=expr.granularity,
        expression=expr.text,
        offset=expr.offset,
        text=text[start:end].strip(),
        tense=_tense(expr, ref),
        entities=[e for e in entities if start <= e.start and e.end <= end],
        local_time=expr.local,
    )


def _tense(expr: TimeExpression, ref: date | None) -> str:
    """The marked tense; unmarked, where the interval lies against the reference."""
    if expr.tense != "unknown" or ref is None or expr.start is None or expr.end is None:
        return expr.tense
    if expr.end < ref:
        return "past"
    if expr.start > ref:
        return "future"
    return "present"
