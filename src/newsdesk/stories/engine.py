"""The online step: an article's copies first, then its story.

`StoryEngine.process` takes one article's `Features` (in time order) and returns where
it went.  Its state is what the store loads for a run (`store.py`): the reprint index
over the last `REPRINT_WINDOW` of articles and the stories still open.  Both windows
bound the memory: an engine over a year of news holds a month of signatures and a few
days of stories, and forgets the rest with `expire`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdesk.stories.cluster import Assignment, StoryClusterer, StoryState
from newsdesk.stories.dedup import (
    Facts,
    Match,
    ReprintGroups,
    ReprintIndex,
    Signature,
    known_by,
    needs_signature,
    rank,
    signature,
)
from newsdesk.stories.features import Features

# Copies are looked for among the articles of this last stretch of time: wire copies
# come within days, but content farms re-run articles weeks later.
REPRINT_WINDOW = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Processed:
    """What `process` decided for one article."""

    features: Features
    vector: dict[str, float]  # headline and lead, for the story
    text_vector: dict[str, float]  # more of the text, for related articles (weights now)
    signature: Signature | None
    assignment: Assignment
    copies: tuple[Match, ...]
    group: int | None  # its reprint group, if it has copies


class StoryEngine:
    """Reprint index, reprint groups and story clusterer, run together."""

    def __init__(
        self,
        clusterer: StoryClusterer | None = None,
        groups: ReprintGroups | None = None,
        *,
        reopen: Callable[[int], StoryState | None] | None = None,
    ) -> None:
        self.index = ReprintIndex()
        self.groups = groups or ReprintGroups()
        self.clusterer = clusterer or StoryClusterer()
        self.story_of: dict[str, int] = {}  # articles in the reprint window -> story
        self._reopen = reopen

    def remember(self, f: Features, sig: Signature | None, story_id: int) -> None:
        """Index a stored article as a possible original of later copies."""
        if f.text:
            self.index.add(f.id, f.key, sig, facts(f), known_by(f.time, f.day_only), f.length)
        self.story_of[f.id] = story_id

    def process(self, f: Features) -> Processed:
        """Find the article's copies, then place it in a story."""
        sig = signature(f.text) if needs_signature(f.text) else None
        copies = tuple(self.index.match(f.key, sig, facts(f))) if f.text else ()
        group = None
        story_of_copy = None
        if copies:
            ranks = {m.id: self.index.rank(m.id) for m in copies}
            known = known_by(f.time, f.day_only)
            g = self.groups.link(f.id, rank(known, f.length, f.id), ranks)
            group = g.id
            story_of_copy = self._story_of_copies(copies)
        self.clusterer.observe(f.text_terms or f.terms)
        vector = self.clusterer.vector(f.terms)
        assignment = self.clusterer.add(f, vector, story_of_copy=story_of_copy)
        self.remember(f, sig, assignment.story_id)
        text_vector = self.clusterer.vector(f.text_terms) if f.text_terms else vector
        return Processed(f, vector, text_vector, sig, assignment, copies, group)

    def _story_of_copies(self, copies: tuple[Match, ...]) -> int | None:
        """The story of the best copy found, reopened from the store if it was closed."""
        for m in copies:
            sid = self.story_of.get(m.id)
            if sid is None:
                continue
            if sid not in self.clusterer.stories and self._reopen is not None:
                story = self._reopen(sid)
                if story is not None:
                    self.clusterer.load(story)
            if sid in self.clusterer.stories:
                return sid
        return None

    def expire(self, now: datetime) -> None:
        """Forget what is out of both windows as of `now`."""
        from newsdesk.stories.cluster import STORY_WINDOW

        for aid in self.index.expire(now - REPRINT_WINDOW):
            self.story_of.pop(aid, None)
        self.clusterer.expire(now - STORY_WINDOW)


def facts(f: Features) -> Facts:
    return Facts(f.figures, f.numbers)
