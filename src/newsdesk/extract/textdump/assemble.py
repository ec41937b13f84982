"""Assembling the article from what the passes read."""

from __future__ import annotations

import re

from newsdesk.article import Article
from newsdesk.extract import credits, measure, outlet, patterns
from newsdesk.extract.textdump.bylines import latin_byline, latin_names, tidy_names
from newsdesk.extract.textdump.model import AUTHOR_MAX_WEIGHT, CRUMB, Line, Reading


def finish(article: Article, r: Reading) -> None:
    f = r.fields
    first_name = r.authors[0] if r.authors else None
    card_name = r.card.name if r.card is not None else None
    ranked = (  # labelled credits first, then the line model's, then names by position
        _name_value(f.get("labelled_author")),
        f.get("byline"),
        f.get("model_author"),
        _name_value(first_name),
        f.get("body_byline"),
        f.get("posted_by"),
    )
    author = next((a for a in ranked if a), card_name)
    article.author = tidy_names(author) if author else None
    article.source, article.editor = f.get("source"), f.get("editor")
    article.original_title = f.get("original_title")
    article.statement, article.disclaimers = r.statement, r.disclaimers
    article.original, article.counters, article.author_card = r.original, r.counters, r.card
    outlet.settle(article, crumb=_site(r.lines))
    if r.published is not None:
        value, confidence, assumed = r.published
        article.published, article.published_confidence = value, round(confidence, 2)
        article.published_source, article.timezone_assumed = "text", assumed
    others = [t for t in r.page_times if t != article.published]
    article.page_time = others[0] if others else None


# Where a labelled name stops (`赵 培：北京物资学院`, `赵婕 出自[人民文学出版社]`).
_NAME_STOP = re.compile(r"[:：，,;；【\[(（]|出自|来自")
_CJK = re.compile(r"[\u3040-\u9fff\uac00-\ud7af]")
# Characters no author's name has.
_NOT_NAME = re.compile(r"[=\"<>{}@#$%^*_+\\/|《》“”。！？!?\d]")


def _name_value(value: str | None) -> str | None:
    """`value` cut to the names it gives, if it reads like names at all (a metadata
    line's leftovers are often a page number or a headline)."""
    if not value:
        return None
    m = _NAME_STOP.search(value)
    value = (value[: m.start()] if m else value).strip()
    if not value or _NOT_NAME.search(value) or measure.weight(value) > AUTHOR_MAX_WEIGHT:
        return None
    if measure.weight(value) == len(value.replace(" ", "").replace("、", "")):
        # CJK only: names, not a word of the page's chrome
        return credits.clean_names(value) if credits.plausible_names(value, strict=False) else None
    if not _CJK.search(value):
        # names after a `by`, or names alone; not `Share this`, `published on`
        return value if latin_byline(value) or latin_names(value) else None
    return value


def _site(lines: list[Line]) -> str | None:
    for line in lines:
        if line.kind == CRUMB:
            crumbs = patterns.breadcrumb(line.text)
            if crumbs:
                return patterns.site_from_crumbs(crumbs)
    return None
