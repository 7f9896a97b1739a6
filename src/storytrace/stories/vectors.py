"""Incremental document frequencies and the weighted sparse vectors compared by the clusterer."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

SparseVector = dict[str, float]


class DocumentFrequencies:
    """Document frequencies that grow as articles arrive; IDF is smoothed so unseen terms count most."""

    __slots__ = ("documents", "counts")

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def add(self, keys: Mapping[str, float]) -> None:
        self.documents += 1
        self.counts.update(keys.keys())

    def keep_within(self, max_keys: int) -> None:
        """Past ``max_keys`` keys, forgets the least-seen ones (seen in one article first, then in
        two, ...; the oldest first among equals) until three quarters of ``max_keys`` remain: they
        then weigh as unseen ones (IDF a little higher). A stream keeps meeting new names, numbers
        and event words, most of them seen a few times only, so a cap on single uses alone let the
        table grow without end. A pass reads the table once and comes after a quarter of
        ``max_keys`` new keys at the least, so its cost an article stays constant."""
        if len(self.counts) <= max_keys:
            return
        excess = len(self.counts) - max_keys * 3 // 4
        threshold, below = _least_seen(Counter(self.counts.values()), excess)
        dropped_at_threshold = excess - below
        kept: Counter[str] = Counter()
        for key, count in self.counts.items():
            if count < threshold:
                continue
            if count == threshold and dropped_at_threshold > 0:
                dropped_at_threshold -= 1
                continue
            kept[key] = count
        self.counts = kept

    def idf(self, key: str) -> float:
        return math.log((self.documents + 1) / (self.counts.get(key, 0) + 1)) + 1.0


def _least_seen(keys_by_count: Counter[int], excess: int) -> tuple[int, int]:
    """The count up to which keys go to drop ``excess`` of them, and how many are seen less often."""
    below = 0
    for count in sorted(keys_by_count):
        if below + keys_by_count[count] >= excess:
            return count, below
        below += keys_by_count[count]
    return max(keys_by_count, default=0), below


def sublinear(counts: Mapping[str, float]) -> SparseVector:
    return {key: 1.0 + math.log(count) for key, count in counts.items() if count > 0}


def norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(value * value for value in vector.values()))


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    if len(small) > len(large):
        small, large = large, small
    total, weight_of = 0.0, large.get  # a plain loop: a third faster than sum() over a generator here
    for key, value in small.items():
        total += value * weight_of(key, 0.0)
    return total


def top_keys(vector: Mapping[str, float], count: int) -> list[str]:
    return sorted(vector, key=vector.__getitem__, reverse=True)[:count]


def add_into(total: dict[str, float], vector: Mapping[str, float], scale: float = 1.0) -> None:
    for key, value in vector.items():
        total[key] = total.get(key, 0.0) + value * scale
