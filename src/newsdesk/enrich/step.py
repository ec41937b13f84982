"""The enrichment step: every article gets its language, entities, events, keywords,
summary, channel and headline score, as one typed `Enrichment` record.

Entities are recognised once per article and handed to the parts that use them
(events, keywords, summary), so the costliest part runs once.  The channel prefers a
label the portal itself gave (a headline listed under "军事要闻") only for list items;
the article's own channel comes from the model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from newsdesk.article import Article, Enrichment, Entity, Mention

# Mentions kept per article in `Enrichment.mentions`: enough for highlighting and
# offsets; `Enrichment.entities` always counts every mention.
MAX_MENTIONS = 500
# Enrichment reads at most this much of a body.  A news article is a few thousand
# characters, and every part of enrichment takes time in proportion to the text: a
# page of megabytes read whole would hold a worker for minutes.
MAX_ENRICH_CHARS = 100_000


@dataclass(slots=True)
class Enrich:
    """Article -> the same Article with its `enrichment` filled in."""

    name: str = "enrich"

    def __call__(self, record: Article, /) -> Article:
        return enrich_article(record)


def enrich_article(article: Article) -> Article:
    """Fill `article.enrichment`; returns the article."""
    from newsdesk.enrich import channel, clickbait, events, keywords, language, summary
    from newsdesk.enrich.entities import mentions
    from newsdesk.text import normal

    read = bounded(article)
    text = read.text
    lang = language.detect((article.title or "") + "\n" + text[:2000])
    article.language = article.language or lang
    found = mentions(text) if text else []
    title_form = normal.normal_form(article.title or "", language=lang)
    dated, reference = events.enrich(read, entities=found)
    result = Enrichment(
        language=lang,
        title_normal_form=title_form if title_form != (article.title or "").casefold() else None,
        entities=tally(found),
        mentions=found[:MAX_MENTIONS],
        events=dated,
        time_reference=reference,
        clickbait=clickbait.enrich(article.title),
    )
    if lang.startswith("zh"):
        result.keywords = keywords.enrich(text, title=article.title, entities=found)
        result.summary = summary.summarize(text, title=article.title, entities=found)
        result.channel = channel.enrich(article.title, text)
    article.enrichment = result
    return article


def bounded(article: Article) -> Article:
    """The article, or a copy of it whose body stops after `MAX_ENRICH_CHARS`."""
    if len(article.body) + sum(map(len, article.body)) <= MAX_ENRICH_CHARS:
        return article
    body: list[str] = []
    left = MAX_ENRICH_CHARS
    for paragraph in article.body:
        body.append(paragraph[:left])
        left -= len(paragraph) + 1
        if left <= 0:
            break
    return replace(article, body=body)


def warm_up() -> None:
    """Load every model and dictionary now rather than in each worker on first use."""
    from newsdesk.enrich.ner import features

    probe = Article(
        id="warm-up",
        origin="<warm-up>",
        title="测试标题",
        body=["北京时间6月2日，新华社记者报道。"],
    )
    enrich_article(probe)
    features.warm_up()  # the word frequencies, which a probe may not reach


def tally(found: list[Mention]) -> list[Entity]:
    """Each (type, canonical name) with its mentions counted and its spellings, the most
    mentioned first."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in found:
        counts[(m.type, m.name)] += 1
        surfaces[(m.type, m.name)].add(m.text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Entity(name, kind, n, sorted(surfaces[(kind, name)])) for (kind, name), n in ranked]
