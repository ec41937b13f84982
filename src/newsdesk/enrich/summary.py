"""A short extractive summary: the two or three sentences that carry the article.

Why extractive and this simple: a summary here must be true to the text (it is shown
as the article's own words) and cost next to nothing.  Each sentence is scored by the
keyword weights it contains (`keywords`, which already knows what is common in news),
divided by the square root of its length so long sentences do not win by length
alone, times a lead bonus because news puts the facts first, plus the share of title
words it repeats.  The best ones are
returned in reading order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsdesk.article import Mention
from newsdesk.enrich.keywords import is_candidate, keywords, segment
from newsdesk.text.sentences import sentences

DEFAULT_SENTENCES = 3
# Sentences shorter than this are captions, datelines or fragments; longer than this
# are run-ons a summary should not quote.
MIN_CHARS, MAX_CHARS = 12, 220
# Lead bonus (a factor 1 + LEAD_BONUS for the first sentence, shrinking with position):
# news states the facts first.
LEAD_BONUS = 1.0
# Weight of the title overlap (share of title words a sentence repeats).
TITLE_WEIGHT = 0.5
# Keywords consulted when scoring sentences.
SCORING_KEYWORDS = 30


def summarize(
    text: str,
    *,
    title: str | None = None,
    n: int = DEFAULT_SENTENCES,
    entities: Sequence[Mention] | None = None,
) -> list[str]:
    """Up to `n` sentences of `text`, in reading order (`entities`: as for `keywords`)."""
    spans = [(s, e) for s, e in sentences(text) if MIN_CHARS <= len(text[s:e].strip()) <= MAX_CHARS]
    if not spans:
        return []
    weights = dict(keywords(text, title=title, top=SCORING_KEYWORDS, entities=entities))
    top = max(weights.values(), default=1.0)
    title_words = {w for w in segment(title)} if title else set()
    title_words = {w for w in title_words if is_candidate(w)}
    scored: list[tuple[float, int]] = []
    for rank, (start, end) in enumerate(spans):
        sentence = text[start:end]
        mass = sum(w / top for k, w in weights.items() if k in sentence)
        score = mass / math.sqrt(max(len(sentence), 1)) * (1 + LEAD_BONUS / (1 + rank))
        if title_words:
            score += TITLE_WEIGHT * sum(w in sentence for w in title_words) / len(title_words)
        scored.append((score, rank))
    best = sorted(rank for _, rank in sorted(scored, reverse=True)[:n])
    return [text[spans[i][0] : spans[i][1]].strip() for i in best]
