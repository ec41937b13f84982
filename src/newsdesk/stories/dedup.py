"""Reprints: exact duplicates by content hash, near-duplicates by MinHash/LSH.

A copy of an article differs from it in ways `features.reprint_text` folds away
(characters, punctuation, bylines) and in ways it cannot: a new headline (ignored: only
the body is compared), a cut ending, a paragraph added or dropped.  So two bodies are
copies when most of the shorter one is in the longer one: the *containment* of their
character 5-gram shingles, estimated from MinHash signatures (datasketch) and found
through LSH bands (`lsh.py`) without comparing every pair.

One thing looks like a copy and is not: a template (the same camera blurb with a new
price, a daily market report with new figures).  Copies keep their facts, so a pair
whose leads each hold a number the other text lacks is not a reprint (GUIDE.md s. 3).

`ReprintIndex` is in memory and online: `match` an article, then `add` it.  Groups and
their canonical article (known earliest, then most complete) are kept by `ReprintGroups`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.errors import MissingDependency
from newsdesk.stories.lsh import BandIndex

if TYPE_CHECKING:
    from numpy.typing import NDArray

NUM_PERM = 128  # ~0.04 standard error on a Jaccard estimate: enough to tell 0.3 from 0.6
SEED = 1  # fixed: stored signatures must stay comparable across runs
SHINGLE = 5  # characters; 5-grams of Chinese text are rarely shared by chance
# LSH (`lsh.BandIndex`) finds pairs whose Jaccard is likely above 0.3.  A copy trimmed
# to half of the original has Jaccard 0.5; two copies cut differently (each keeping two
# thirds of the original) about 0.4; 0.3 leaves room for both and for estimate noise.
LSH_THRESHOLD = 0.3
# A reprint shares at least half of the shorter text (the guide's definition)...
REPRINT_CONTAINMENT = 0.5
# ...and enough of both: a one-paragraph brief quoted whole inside a long feature is
# contained in it but is not a copy of it.
REPRINT_JACCARD = 0.2
MIN_SHINGLE_TEXT = 30  # characters; shorter bodies are matched by exact hash only
_MASK32 = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime: mixes the code points


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature and the number of distinct shingles it summarises."""

    hashvalues: NDArray[np.uint32]
    size: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), size)


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed article that `match` judged a copy, with the evidence."""

    id: str
    containment: float
    jaccard: float
    exact: bool = False


def shingle_hashes(text: str) -> NDArray[np.uint64]:
    """32-bit hashes of the distinct `SHINGLE`-character shingles of `text`.

    Computed in numpy over code points (a polynomial hash, then folded to 32 bits);
    MinHash mixes them again (murmur finaliser), so a fast hash is enough here.
    """
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    points = points.astype(np.uint64)
    n = len(points) - SHINGLE + 1
    if n <= 0:
        return np.unique(points) if len(points) else np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            h = h * _PRIME + points[k : k + n]
        h = (h ^ (h >> np.uint64(32))) & _MASK32
    return np.unique(h)


def signature(text: str) -> Signature:
    """The MinHash signature of a reprint text.

    datasketch's `MinHash(scheme="affine32", hashfunc=int).update_batch`, done here in
    numpy on the shingle hashes as they are (it would turn them into Python ints and
    back, which cost more than the hashing): the murmur3 finaliser, then each affine
    permutation modulo 2**32, then the least value per permutation.  The same values
    (a test compares them with datasketch's), so stored signatures stay comparable.
    """
    hashes = shingle_hashes(text)
    if not len(hashes):
        return Signature(np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32), 0)
    a, b = _permutations()
    hv = hashes.astype(np.uint32)
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> _FMIX[0])
        hv = hv * _FMIX[1]
        hv = hv ^ (hv >> _FMIX[2])
        hv = hv * _FMIX[3]
        hv = hv ^ (hv >> _FMIX[4])
        values = (hv[:, None] * a + b).min(axis=0)
    return Signature(values.astype(np.uint32, copy=False), len(hashes))


# The murmur3 32-bit finaliser's shifts and multipliers (datasketch's `_fmix` at 32 bits).
_FMIX = tuple(np.uint32(v) for v in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))


def containment(a: Signature, b: Signature) -> tuple[float, float]:
    """(containment of the smaller set in the larger, Jaccard), both estimated."""
    j = float(np.mean(a.hashvalues == b.hashvalues))
    if j == 0.0:
        return 0.0, 0.0
    shared = j * (a.size + b.size) / (1.0 + j)
    return min(1.0, shared / max(1, min(a.size, b.size))), j


@dataclass(frozen=True, slots=True)
class Facts:
    """The numbers of a text's lead (`figures`) and of its opening (`numbers`)."""

    figures: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()


def same_facts(a: Facts, b: Facts) -> bool:
    """False when each lead holds a figure the other text lacks (a template, not a copy)."""
    return not (
        any(f not in b.numbers for f in a.figures) and any(f not in a.numbers for f in b.figures)
    )


class ReprintIndex:
    """Signatures of the articles seen, searchable for copies of a new one.

    Articles get slots (small integers); signatures live in one growing matrix and the
    LSH bands in `BandIndex`, so an indexed article costs about 1.5 KB, not a dict of
    Python objects.
    """

    def __init__(self) -> None:
        self._bands = BandIndex()
        self._sigs = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._sizes = np.zeros(1024, dtype=np.int64)
        self._facts: list[Facts | None] = []
        self._ids: list[str] = []
        self._slot_of: dict[str, int] = {}
        self._exact: dict[str, str] = {}  # content key -> first article id with it
        self._keys: dict[str, tuple[str, datetime, int]] = {}  # id -> (key, time, length)
        self._order: deque[tuple[datetime, str]] = deque()  # (time, id), mostly in time order

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._keys

    def match(self, key: str, sig: Signature | None, facts: Facts) -> list[Match]:
        """Indexed articles that are copies of this one, best first."""
        found: list[Match] = []
        exact = self._exact.get(key)
        if exact is not None:
            found.append(Match(exact, 1.0, 1.0, exact=True))
        if sig is None:
            return found
        for slot in sorted(self._bands.query(sig.hashvalues)):
            other = self._ids[slot]
            if other == exact:
                continue
            indexed = Signature(self._sigs[slot], int(self._sizes[slot]))
            c, j = containment(sig, indexed)
            copy = c >= REPRINT_CONTAINMENT and j >= REPRINT_JACCARD
            other_facts = self._facts[slot]
            if copy and other_facts is not None and same_facts(facts, other_facts):
                found.append(Match(other, c, j))
        found.sort(key=lambda m: (-m.exact, -m.containment, m.id))
        return found

    def add(
        self,
        article_id: str,
        key: str,
        sig: Signature | None,
        facts: Facts,
        time: datetime,
        length: int,
    ) -> None:
        """Index an article (after `match`); a second call for the same id is ignored.

        `key` is the content key of a non-empty text (an empty body matches nothing);
        `time` and `length` decide which copy of a group is canonical.
        """
        if article_id in self._keys:
            return
        self._keys[article_id] = (key, time, length)
        self._order.append((time, article_id))
        self._exact.setdefault(key, article_id)
        if sig is not None:
            slot = len(self._ids)
            self._ids.append(article_id)
            self._facts.append(facts)
            self._slot_of[article_id] = slot
            self._grow(slot)
            self._sigs[slot] = sig.hashvalues
            self._sizes[slot] = sig.size
            self._bands.insert(slot, sig.hashvalues)

    def _grow(self, slot: int) -> None:
        if slot >= len(self._sizes):
            self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])

    def rank(self, article_id: str) -> tuple[datetime, int, str] | None:
        """The canonical-order key of an indexed article."""
        known = self._keys.get(article_id)
        return None if known is None else rank(known[1], known[2], article_id)

    def remove(self, article_id: str) -> None:
        known = self._keys.pop(article_id, None)
        if known is not None and self._exact.get(known[0]) == article_id:
            del self._exact[known[0]]
        slot = self._slot_of.pop(article_id, None)
        if slot is not None:
            self._bands.remove(slot)
            self._facts[slot] = None

    def expire(self, before: datetime) -> list[str]:
        """Forget articles older than `before` (the reprint window); returns their ids.

        Articles arrive in time order, so the old ones are at the front of `_order`; one
        that arrived late (older than those before it) is forgotten a little later.
        (The signature matrix keeps its rows: 0.5 KB an article ever indexed in a run.)
        """
        old = []
        while self._order and self._order[0][0] < before:
            _, aid = self._order.popleft()
            if aid in self._keys:
                self.remove(aid)
                old.append(aid)
        return old


def needs_signature(text: str) -> bool:
    return len(text) >= MIN_SHINGLE_TEXT


# --- groups ------------------------------------------------------------------------


@dataclass(slots=True)
class Group:
    """A reprint group: its articles and the one shown for them (the canonical)."""

    id: int
    canonical: str
    members: set[str] = field(default_factory=set)


def rank(time: datetime, length: int, article_id: str) -> tuple[datetime, int, str]:
    """Canonical order: the earliest (`time` from `known_by`), then the most complete
    (longest), then by id."""
    return (time, -length, article_id)


def known_by(time: datetime, day_only: bool) -> datetime:
    """The latest moment a copy placed at `time` was surely out: what the canonical
    order compares.  A page dated without a clock time may have appeared at any moment
    of that day, so it is known by the day's end, not by its midnight: a copy timed
    06:14 that day is the earlier one as far as anyone can tell (an undated page's time
    is when it was fetched or stored, already a moment it was known by)."""
    return time + timedelta(days=1) if day_only else time


class ReprintGroups:
    """Union of copy links into groups, each with its canonical article."""

    def __init__(self, next_id: int = 1) -> None:
        self.groups: dict[int, Group] = {}
        self.group_of: dict[str, int] = {}
        self.ranks: dict[str, tuple[datetime, int, str]] = {}
        self.next_id = next_id
        self.touched: set[int] = set()
        self.dropped: set[int] = set()

    def load(self, group: Group, ranks: dict[str, tuple[datetime, int, str]]) -> None:
        self.groups[group.id] = group
        for aid in group.members:
            self.group_of[aid] = group.id
        self.ranks.update(ranks)
        self.next_id = max(self.next_id, group.id + 1)

    def link(
        self,
        article_id: str,
        rank_key: tuple[datetime, int, str],
        copies: dict[str, tuple[datetime, int, str] | None],
    ) -> Group:
        """Put `article_id` in one group with `copies` (merging their groups).

        `copies` maps each copy to its canonical-order key (None if unknown).
        """
        self.ranks[article_id] = rank_key
        for aid, key in copies.items():
            if key is not None:
                self.ranks.setdefault(aid, key)
        ids = {self.group_of[c] for c in copies if c in self.group_of}
        group = self.groups[min(ids)] if ids else self._new()
        for gid in sorted(ids - {group.id}):
            other = self.groups.pop(gid)
            group.members |= other.members
            for aid in other.members:
                self.group_of[aid] = group.id
            self.dropped.add(gid)
        for aid in (article_id, *copies):
            group.members.add(aid)
            self.group_of[aid] = group.id
        group.canonical = min(group.members, key=lambda a: self.ranks.get(a, _LAST))
        self.touched.add(group.id)
        return group

    def _new(self) -> Group:
        group = Group(self.next_id, "")
        self.next_id += 1
        self.groups[group.id] = group
        return group


_LAST = (datetime.max.replace(tzinfo=UTC), 0, "")


@cache
def _permutations() -> Any:
    """The permutations of `SEED` (the `a` and `b` rows, uint32), made once (drawing
    them costs as much as hashing)."""
    MinHash = _minhash()
    perms = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    return np.asarray(perms[0], dtype=np.uint32), np.asarray(perms[1], dtype=np.uint32)


def _minhash() -> Any:
    try:
        from datasketch import MinHash
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise MissingDependency("datasketch") from exc
    return MinHash
