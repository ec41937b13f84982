"""The enrichment step: every article gets its language, entities, events, keywords,
summary, channel and headline score, in `article.extra`.

Entities are recognised once per article and handed to the parts that use them
(events, keywords, summary), so the costliest part runs once.  The channel prefers a
label the portal itself gave (a headline listed under "军事要闻") only for list items;
the article's own channel comes from the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.article import Article

# Mentions kept per article in `extra["mentions"]`: enough for highlighting and
# offsets; counts in `extra["entities"]` always cover every mention.
MAX_MENTIONS = 500


@dataclass(slots=True)
class Enrich:
    """Article -> the same Article with `extra` filled in."""

    name: str = "enrich"

    def __call__(self, article: Article) -> Article:
        enrich_article(article)
        return article


def enrich_article(article: Article) -> Article:
    """Fill `article.extra` with every enrichment; returns the article."""
    from newsdesk.enrich import channel, clickbait, events, keywords, language, normalize, summary

    text = article.text
    lang = language.detect((article.title or "") + "\n" + text[:2000])
    article.language = article.language or lang
    mentions = _mentions(text)
    extra: dict[str, Any] = {"language": lang}
    title_form = normalize.normal_form(article.title or "", language=lang)
    if title_form != (article.title or "").casefold():
        extra["title_normal_form"] = title_form
    extra["entities"] = _counts(mentions)
    extra["mentions"] = [_mention_dict(m) for m in mentions[:MAX_MENTIONS]]
    extra |= events.enrich(article, entities=mentions)
    if lang.startswith("zh"):
        extra |= keywords.enrich(text, title=article.title, entities=mentions)
        extra |= summary.enrich(text, title=article.title, entities=mentions)
        extra |= channel.enrich(article.title, text)
    extra |= clickbait.enrich(article.title)
    article.extra.update(extra)
    return article


def warm_up() -> None:
    """Load every model and dictionary now rather than in each worker on first use."""
    probe = Article(
        id="warm-up",
        origin="<warm-up>",
        title="测试标题",
        body=["北京时间6月2日，新华社记者报道。"],
    )
    enrich_article(probe)


def _mentions(text: str) -> list[Any]:
    try:
        from newsdesk.enrich.entities import recognize
    except ImportError:  # pragma: no cover - the recogniser ships with the package
        return []
    return recognize(text) if text else []


def _counts(mentions: list[Any]) -> list[dict[str, Any]]:
    counts: dict[tuple[str, str], int] = {}
    surfaces: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        key = (m.type, m.canonical)
        counts[key] = counts.get(key, 0) + 1
        surfaces.setdefault(key, set()).add(m.text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"name": name, "type": kind, "count": n, "surfaces": sorted(surfaces[(kind, name)])}
        for (kind, name), n in ranked
    ]


def _mention_dict(m: Any) -> dict[str, Any]:
    return {"text": m.text, "type": m.type, "start": m.start, "end": m.end, "name": m.canonical}
