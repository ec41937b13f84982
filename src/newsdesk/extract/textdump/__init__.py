"""Read an article out of a plain-text page dump (what a browser's innerText gives).

A dump has lost its markup, so the article has to be found by shape.  The reader:

1. classifies every line once (time, metadata, caption, widget, list heading,
   statement, disclaimer, breadcrumb, footer, author-card counts, or text), using
   `patterns`, `lists` and `dates`;
2. finds the author card (a counts line like `914文章数 1542关注度` and the name and
   tagline above it) so its lines are never taken for a title or a list item;
3. finds the body as the heaviest run of paragraph-shaped lines (long, or ending a
   sentence) that no hard break interrupts, joined with neighbouring runs that only
   subheadings keep apart; runs that open right under a list heading are teasers or
   comments, used only when nothing else is there.  The first run right under a
   headline and its time line wins over a heavier one further down (a teaser list, the
   next post of a blog's front page); a page of posts each under its time line (a
   forum thread, reviews) gives all of them, unless they sit under a comments heading
   below an article; a page with no prose gives the lines under its time line;
4. takes the title from above the body (the headline over the time or source line,
   else the nearest substantial headline-shaped line; a leading 原创 badge stripped)
   and reads the metadata block between the two: author or account, publish time,
   source, counters, the badge;
5. walks what follows the body into statement, disclaimers and typed list blocks.

The publish time comes only from the metadata block around the title (or, failing
that, a time explicitly labelled as the publish time right after the body).  A time
standing alone elsewhere (beside the author card, between lists) is `page_time`; a
list item's time never becomes the article's.  Where the page shows no publish time
the article says None rather than guessing.

One module per pass: `lines`, `card`, `body`, `meta`, `after`, then `assemble`;
`model` holds what they share.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.article import Article
from newsdesk.errors import EmptyInput
from newsdesk.extract import patterns
from newsdesk.extract.language import detect_language
from newsdesk.extract.textdump import linemodel
from newsdesk.extract.textdump.after import strong, walk_blocks
from newsdesk.extract.textdump.assemble import finish
from newsdesk.extract.textdump.body import (
    extend_start,
    find_body,
    find_thread,
    find_title,
    read_body,
    short_body,
)
from newsdesk.extract.textdump.card import find_card
from newsdesk.extract.textdump.lines import (
    classify,
    demote_names,
    mark_duplicates,
    mark_wrapped,
)
from newsdesk.extract.textdump.meta import read_meta
from newsdesk.extract.textdump.model import BLANK, Reading, Span
from newsdesk.text.zones import page_zone


def read_dump(
    text: str,
    *,
    id: str,
    origin: str,
    url: str | None = None,
    fetched: datetime | None = None,
) -> Article:
    """Read one plain-text page dump into an `Article` (`extractor="text"`).

    Raises `EmptyInput` when the dump holds no text at all.
    """
    r, title_at, span = read_lines(text, origin=origin, fetched=fetched)
    guess = linemodel.guess(r, title_at, span)
    headline = guess.title_at(title_at, span)
    body, captions = read_body(r, span)
    title = r.lines[headline].text if headline is not None else None
    if title is not None:
        title, badge = patterns.strip_badge(patterns.clean_headline(title))
        r.original = r.original or badge
    language = detect_language(" ".join(filter(None, [title, *body[:5]])))
    r.tz = page_zone(url, language)
    body_start = span[0] if span else len(r.lines)
    read_meta(r, title_at, body_start)
    guess.apply_meta(r, span)
    after = span[1] + 1 if span else (title_at + 1 if title_at is not None else 0)
    blocks = walk_blocks(r, after, len(r.lines), publish_ok=True)
    before = [b for b in walk_blocks(r, 0, title_at or 0) if strong(b)]
    article = Article(id=id, origin=origin, url=url, title=title, extractor="text")
    article.body, article.captions, article.language = body, captions, language
    article.lists = before + blocks
    finish(article, r)
    return article


def read_lines(
    text: str, *, origin: str = "", fetched: datetime | None = None
) -> tuple[Reading, int | None, Span]:
    """The rules' reading of a dump: its classified lines, the headline and the body span
    they chose (what the line model takes as features)."""
    lines = [classify(raw.strip()) for raw in text.splitlines()]
    if all(line.kind == BLANK for line in lines):
        raise EmptyInput("no text in the dump", origin)
    mark_wrapped(lines)
    mark_duplicates(lines)
    demote_names(lines)
    r = Reading(lines, ref=fetched)
    find_card(r)
    span = find_body(r)
    title_at, span = find_title(r, span)
    span = find_thread(r, span) or span or short_body(r, title_at)
    return r, title_at, extend_start(r, span, title_at)


__all__ = ["read_dump", "read_lines"]
