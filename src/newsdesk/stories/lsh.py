"""LSH over MinHash signatures, kept in numpy arrays.

The banding is datasketch's (`MinHashLSH`): a signature of `NUM_PERM` values is cut
into `BANDS` bands of `ROWS` values; two signatures are candidates when any band is
equal.  `BANDS` x `ROWS` = 37 x 3 is what `datasketch.lsh._optimal_param` picks for a
Jaccard threshold of 0.3 at 128 permutations (false positives and negatives weighed
alike).

The storage is not datasketch's: its in-memory `MinHashLSH` keeps a Python set per
bucket and a list of band keys per article, about 15 KB an article (1.5 GB for the
100,000 articles of a month's reprint window, measured).  Here the bands are one sorted
array of (band key, slot) pairs plus a small dict of the latest insertions, merged into
the array from time to time: about 0.6 KB an article, and a lookup is one vectorised
binary search.  Removed slots are skipped, and dropped at the next merge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

BANDS, ROWS = 37, 3  # datasketch's optimum for threshold 0.3 at 128 permutations
MERGE_AT = 2048  # insertions kept in a dict before they are merged into the array...
MERGE_SHARE = 16  # ...or this fraction of the indexed ones, whichever is more
_PRIME = np.uint64(0x100000001B3)


class BandIndex:
    """Slots (small integers) findable by the bands of their signatures.

    All bands share one sorted array: a band's hash is mixed with its number, so a
    lookup of all bands is one vectorised binary search.
    """

    def __init__(self, bands: int = BANDS, rows: int = ROWS) -> None:
        self.bands, self.rows = bands, rows
        self._keys = np.zeros(0, np.uint64)  # sorted band keys
        self._slots = np.zeros(0, np.int64)  # the slot of each key
        self._recent: dict[int, list[int]] = {}  # band key -> slots, not merged yet
        self._pending = 0
        self._alive: set[int] = set()
        self._salt = (np.arange(bands, dtype=np.uint64) + np.uint64(1)) * np.uint64(
            0x9E3779B97F4A7C15
        )

    def __len__(self) -> int:
        return len(self._alive)

    def band_keys(self, hashvalues: NDArray[np.uint32]) -> NDArray[np.uint64]:
        """One 64-bit key per band: a polynomial over the band's values, salted by band."""
        values = hashvalues[: self.bands * self.rows].astype(np.uint64)
        values = values.reshape(self.bands, self.rows)
        h = self._salt.copy()
        with np.errstate(over="ignore"):
            for k in range(self.rows):
                h = h * _PRIME + values[:, k]
        return h

    def insert(self, slot: int, hashvalues: NDArray[np.uint32]) -> None:
        for key in self.band_keys(hashvalues).tolist():
            self._recent.setdefault(key, []).append(slot)
        self._alive.add(slot)
        self._pending += 1
        if self._pending >= max(MERGE_AT, len(self._alive) // MERGE_SHARE):
            self._merge()

    def remove(self, slot: int) -> None:
        self._alive.discard(slot)

    def query(self, hashvalues: NDArray[np.uint32]) -> set[int]:
        """Live slots sharing at least one band with the signature."""
        keys = self.band_keys(hashvalues)
        found: set[int] = set()
        recent = self._recent
        for key in keys.tolist():
            hit = recent.get(key)
            if hit:
                found.update(hit)
        if len(self._keys):
            lo = np.searchsorted(self._keys, keys, side="left")
            hi = np.searchsorted(self._keys, keys, side="right")
            for a, b in zip(lo[hi > lo].tolist(), hi[hi > lo].tolist(), strict=True):
                found.update(self._slots[a:b].tolist())
        return found & self._alive

    def _merge(self) -> None:
        """Fold the recent insertions into the sorted array; drop removed slots."""
        extra_k = np.fromiter(
            (k for k, slots in self._recent.items() for _ in slots), dtype=np.uint64
        )
        extra_s = np.fromiter((s for slots in self._recent.values() for s in slots), np.int64)
        keys = np.concatenate([self._keys, extra_k])
        slots = np.concatenate([self._slots, extra_s])
        alive = np.fromiter(self._alive, dtype=np.int64, count=len(self._alive))
        keep = np.isin(slots, alive)
        keys, slots = keys[keep], slots[keep]
        order = np.argsort(keys, kind="stable")
        self._keys, self._slots = keys[order], slots[order]
        self._recent.clear()
        self._pending = 0
