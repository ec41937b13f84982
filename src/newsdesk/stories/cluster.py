"""Online story clustering: each new article joins the best story or opens one.

Nothing is recomputed when an article arrives.  The clusterer keeps, for the stories
still open (their latest article is within `STORY_WINDOW` of the new one), the sum of
their articles' tf-idf vectors (the centroid) and an inverted index from each story's
heaviest terms to the story.  A new article is looked up by its own heaviest terms,
the few stories found are scored exactly, and it joins the best if the score clears
`JOIN_TEXT` (text alone) or `JOIN_WITH_ENTITIES` (text backed by shared people,
places and organisations).  A copy found by the reprint step joins its original's
story outright.

IDF is online too: document frequencies grow with every article, and an article is
weighed with the counts of the moment it arrives (its vector is not revisited later).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import repeat
from operator import mul

from newsdesk.stories.features import TF, TF_KNOWN, Features, overlap, unit_top

# A story stays open for new articles this long after its latest one: news of one
# happening comes within days (GUIDE.md rule 3 allows about a week of reactions; most
# come within three days, and a wider window lets look-alike events merge).
STORY_WINDOW = timedelta(days=3)
# Join thresholds on the cosine of an article with a story's centroid (bigram vectors
# of headline and lead; articles of one story typically score 0.1 to 0.4, of different
# stories below 0.1).  Text alone must be clearly similar; text that is only somewhat
# similar joins when at least `ENTITY_OVERLAP` of the smaller entity list is shared
# (the same people and places).  Chosen on the dev half of the story set
# (benchmarks/stories.py): lower thresholds merge different events of one topic.
JOIN_TEXT = 0.22
JOIN_WITH_ENTITIES = 0.18
ENTITY_OVERLAP = 0.5
QUERY_TERMS = 24  # an article looks stories up by this many of its heaviest terms
INDEX_TERMS = 24  # a story is found by this many of its centroid's heaviest terms
CENTROID_TERMS = 120  # terms kept in a centroid; the tail holds little weight
CANDIDATES = 16  # stories scored exactly per article (the best by shared index terms)
# A term posted by more open stories than this says nothing about which one to join
# (a stop-bigram such as 记者); it is skipped when looking stories up.
MAX_POSTINGS = 2000
STORY_ENTITIES = 10  # entities a story is compared by (its most frequent)


@dataclass(slots=True)
class StoryState:
    """What the clusterer keeps of an open story."""

    id: int
    first: datetime
    last: datetime
    size: int = 0
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    indexed: tuple[str, ...] = ()
    title: str | None = None
    title_rank: tuple[datetime, str] | None = None
    norm2: float = -1.0  # squared length of the centroid, kept up to date; -1 = unknown

    @property
    def squared(self) -> float:
        if self.norm2 < 0:
            self.norm2 = sum(w * w for w in self.centroid.values())
        return self.norm2

    @property
    def norm(self) -> float:
        return math.sqrt(self.squared) or 1.0

    def top_entities(self) -> list[str]:
        return [e for e, _ in self.entities.most_common(STORY_ENTITIES)]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its story, how similar it was, and why."""

    article_id: str
    story_id: int
    score: float
    reason: str  # "opened", "joined" or "reprint"


class StoryClusterer:
    """The open stories, their index, and the document frequencies of terms."""

    def __init__(self, *, df: Counter[str] | None = None, docs: int = 0, next_id: int = 1):
        self.df: Counter[str] = df if df is not None else Counter()
        self.docs = docs
        self.next_id = next_id
        self.stories: dict[int, StoryState] = {}
        # term -> open stories indexed under it (lists: most hold one or two stories,
        # and a list costs a third of a set)
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        self.touched: set[int] = set()
        self.df_delta: Counter[str] = Counter()

    # --- weights --------------------------------------------------------------

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency at this moment."""
        return math.log((self.docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def observe(self, terms: Counter[str]) -> None:
        """Count an article's terms into the document frequencies."""
        self.docs += 1
        self.df.update(terms.keys())  # each term once per document
        self.df_delta.update(terms.keys())

    def vector(self, terms: Counter[str]) -> dict[str, float]:
        """The tf-idf vector of some terms, with the frequencies of this moment
        (`weigh` with `idf`, written out: it runs twice for every article)."""
        log, df, n, tf = math.log, self.df.get, self.docs + 1, TF
        weights = {
            t: (tf[c] if c < TF_KNOWN else 1.0 + log(c)) * (log(n / (df(t, 0) + 1)) + 1.0)
            for t, c in terms.items()
        }
        return unit_top(weights)

    # --- clustering -----------------------------------------------------------

    def add(
        self, f: Features, vector: dict[str, float], *, story_of_copy: int | None = None
    ) -> Assignment:
        """Place one article: with its original's story, the best open story, or a new one."""
        if story_of_copy is not None and story_of_copy in self.stories:
            self._grow(self.stories[story_of_copy], f, vector)
            return Assignment(f.id, story_of_copy, 1.0, "reprint")
        best, score = self.best(f, vector)
        if best is None:
            story = self._open(f)
            self._grow(story, f, vector)
            return Assignment(f.id, story.id, score, "opened")
        self._grow(best, f, vector)
        return Assignment(f.id, best.id, score, "joined")

    def best(self, f: Features, vector: dict[str, float]) -> tuple[StoryState | None, float]:
        """The open story this article should join, if any, and the cosine with it."""
        top: tuple[float, int] | None = None
        for story in self._candidates(f.time, vector):
            cos = _cosine_with(vector, story)
            if self._joins(cos, f.entities, story) and (top is None or (cos, -story.id) > top):
                top = (cos, -story.id)
        if top is None:
            return None, 0.0
        return self.stories[-top[1]], top[0]

    @staticmethod
    def _joins(cos: float, entities: list[str], story: StoryState) -> bool:
        if cos >= JOIN_TEXT:
            return True
        if cos < JOIN_WITH_ENTITIES:
            return False
        return overlap(entities, story.top_entities()) >= ENTITY_OVERLAP

    def _candidates(self, time: datetime, vector: dict[str, float]) -> list[StoryState]:
        """Open stories sharing heavy terms with the article, most shared weight first."""
        scores: defaultdict[int, float] = defaultdict(float)
        for term, weight in heapq.nlargest(QUERY_TERMS, vector.items(), key=lambda kv: kv[1]):
            posted = self.postings.get(term)
            if posted and len(posted) <= MAX_POSTINGS:
                for sid in posted:
                    scores[sid] += weight
        # Ties go to the older story, so that a run is the same every time.
        best = heapq.nlargest(CANDIDATES, scores.items(), key=lambda kv: (kv[1], -kv[0]))
        out = []
        for sid, _ in best:
            story = self.stories[sid]
            if story.last >= time - STORY_WINDOW and story.first <= time + STORY_WINDOW:
                out.append(story)
        return out

    def _open(self, f: Features) -> StoryState:
        story = StoryState(self.next_id, f.time, f.time)
        self.next_id += 1
        self.stories[story.id] = story
        return story

    def _grow(self, story: StoryState, f: Features, vector: dict[str, float]) -> None:
        """Add an article to a story: centroid, span, entities, headline, index."""
        centroid = story.centroid
        norm2 = story.squared
        for term, w in vector.items():
            old = centroid.get(term, 0.0)
            centroid[term] = old + w
            norm2 += 2 * old * w + w * w
        story.norm2 = norm2
        if len(centroid) > 2 * CENTROID_TERMS:
            story.centroid = dict(
                heapq.nlargest(CENTROID_TERMS, centroid.items(), key=lambda kv: kv[1])
            )
            story.norm2 = -1.0
        story.size += 1
        story.first, story.last = min(story.first, f.time), max(story.last, f.time)
        story.entities.update(f.entities)
        rank = (f.time, f.id)
        if f.title and (story.title_rank is None or rank < story.title_rank):
            story.title, story.title_rank = f.title, rank
        self._reindex(story)
        self.touched.add(story.id)

    def _reindex(self, story: StoryState) -> None:
        top = heapq.nlargest(INDEX_TERMS, story.centroid.items(), key=lambda kv: kv[1])
        terms = tuple(t for t, _ in top)
        before = set(story.indexed)
        for term in before - set(terms):
            self._unpost(term, story.id)
        for term in terms:
            if term not in before:
                self.postings[term].append(story.id)
        story.indexed = terms

    def _unpost(self, term: str, sid: int) -> None:
        posted = self.postings.get(term)
        if posted is not None:
            if sid in posted:
                posted.remove(sid)
            if not posted:
                del self.postings[term]

    # --- state ----------------------------------------------------------------

    def load(self, story: StoryState) -> None:
        """Take in a stored open story (its index terms are recomputed)."""
        story.indexed = ()
        self.stories[story.id] = story
        self.next_id = max(self.next_id, story.id + 1)
        self._reindex(story)

    def remove(self, story_id: int, vector: dict[str, float], entities: list[str]) -> None:
        """Take an article's contribution out of a story (re-clustering a changed article)."""
        story = self.stories.get(story_id)
        if story is None:
            return
        for term, w in vector.items():
            left = story.centroid.get(term, 0.0) - w
            if left > 1e-9:
                story.centroid[term] = left
            else:
                story.centroid.pop(term, None)
        story.norm2 = -1.0
        story.entities.subtract(entities)
        story.entities += Counter()  # drop the counts that reached zero
        story.size = max(0, story.size - 1)
        self._reindex(story)
        self.touched.add(story_id)

    def expire(self, before: datetime) -> int:
        """Close stories whose latest article is older than `before`; returns how many."""
        old = [
            sid for sid, s in self.stories.items() if s.last < before and sid not in self.touched
        ]
        for sid in old:
            for term in self.stories.pop(sid).indexed:
                self._unpost(term, sid)
        return len(old)


def _cosine_with(vector: dict[str, float], story: StoryState) -> float:
    # sum(w * centroid.get(t, 0.0) for t, w in vector.items()), the loop run in C
    dot = sum(map(mul, vector.values(), map(story.centroid.get, vector, repeat(0.0))))
    return dot / story.norm
