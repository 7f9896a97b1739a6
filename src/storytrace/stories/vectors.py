"""Incremental document frequencies and the weighted sparse vectors compared by the clusterer."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

SparseVector = dict[str, float]


class DocumentFrequencies:
    """Document frequencies that grow as articles arrive; IDF is smoothed so unseen terms count most."""

    __slots__ = ("documents", "counts", "next_pass")

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()
        self.next_pass = 0  # the table size that allows the next pass of keep_within

    def add(self, keys: Mapping[str, float]) -> None:
        self.documents += 1
        self.counts.update(keys.keys())

    def keep_within(self, max_keys: int) -> None:
        """Past ``max_keys`` keys (and twice what the last pass left), forgets the keys seen in one
        article only: they then weigh as unseen ones (IDF a little higher). Passes are spaced so
        that their cost stays constant an article even when most keys are in use."""
        if len(self.counts) <= max(max_keys, self.next_pass):
            return
        self.counts = Counter({key: count for key, count in self.counts.items() if count > 1})
        self.next_pass = 2 * len(self.counts)

    def idf(self, key: str) -> float:
        return math.log((self.documents + 1) / (self.counts.get(key, 0) + 1)) + 1.0


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
