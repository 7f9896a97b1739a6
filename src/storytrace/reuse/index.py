"""The candidate index: LSH buckets from band key to the articles that hashed there.

Incremental (one article at a time) and bounded: a bucket stops taking members at ``bucket_cap``
(boilerplate pages and thousands of copies of one text would otherwise make every lookup slow), and a
lookup returns at most ``max_candidates`` articles, those sharing the most bands first. Both caps are
counted in ``stats`` so a report can say what was not compared.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from storytrace.reuse.minhash import MinHasher


@dataclass(slots=True)
class IndexStats:
    articles: int = 0
    empty_articles: int = 0  # no content words: not indexed
    full_buckets_skipped: int = 0  # members not added because their bucket was full
    candidates_dropped: int = 0  # candidates beyond max_candidates, not returned

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


class CandidateIndex:
    """Band key -> article numbers, in two tiers: recent insertions in a dict, older ones merged into
    two sorted numpy arrays (12 bytes a band entry), so memory and lookup cost stay flat as it grows."""

    def __init__(self, bucket_cap: int = 100, max_candidates: int = 20, min_shared_bands: int = 3,
                 flush_every: int = 5_000):
        self.bucket_cap = bucket_cap
        self.max_candidates = max_candidates
        self.min_shared_bands = min_shared_bands  # one shared minimum is chance; real reuse shares many
        self.flush_every = flush_every  # articles held in the dict tier before a merge
        self.stats = IndexStats()
        self.recent: dict[int, list[int]] = defaultdict(list)
        self.recent_articles = 0
        self.keys = np.empty(0, dtype=np.int64)
        self.members = np.empty(0, dtype=np.uint32)

    def add(self, number: int, keys: np.ndarray) -> list[tuple[int, int]]:
        """Query, then insert: the candidates of a new article among those added before it."""
        ranges = self._ranges(keys)
        found = self.query(keys, ranges)
        self.insert(number, keys, ranges)
        return found

    def query(self, keys: np.ndarray, ranges: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[int, int]]:
        """(article number, shared bands) of the best candidates, most shared bands first."""
        shared: Counter = Counter()
        starts, stops = ranges or self._ranges(keys)
        for start, stop in zip(starts.tolist(), stops.tolist()):
            if stop > start:
                shared.update(self.members[start : min(stop, start + self.bucket_cap)].tolist())
        for key in keys.tolist():
            members = self.recent.get(key)
            if members:
                shared.update(members)
        ranked = [(member, count) for member, count in shared.most_common() if count >= self.min_shared_bands]
        self.stats.candidates_dropped += max(len(ranked) - self.max_candidates, 0)
        return ranked[: self.max_candidates]

    def insert(self, number: int, keys: np.ndarray, ranges: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        self.stats.articles += 1
        starts, stops = ranges or self._ranges(keys)
        for key, merged in zip(keys.tolist(), (stops - starts).tolist()):
            members = self.recent[key]
            if merged + len(members) < self.bucket_cap:
                members.append(number)
            else:
                self.stats.full_buckets_skipped += 1
        self.recent_articles += 1
        if self.recent_articles >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Merge the dict tier into the sorted arrays; within a bucket older members stay first."""
        if not self.recent:
            return
        new_keys = np.fromiter((k for k, ms in self.recent.items() for _ in ms), dtype=np.int64)
        new_members = np.fromiter((m for ms in self.recent.values() for m in ms), dtype=np.uint32)
        order = np.argsort(new_keys, kind="stable")
        positions = np.searchsorted(self.keys, new_keys[order], side="right")
        self.keys = np.insert(self.keys, positions, new_keys[order])
        self.members = np.insert(self.members, positions, new_members[order])
        self.recent, self.recent_articles = defaultdict(list), 0

    def bulk_insert(self, numbers: np.ndarray, keys: np.ndarray) -> None:
        """Insert many articles at once (``keys``: one row of band keys each, in arrival order)."""
        self.flush()
        all_keys = np.concatenate([self.keys, keys.ravel()])
        all_members = np.concatenate([self.members, np.repeat(numbers.astype(np.uint32), keys.shape[1])])
        order = np.argsort(all_keys, kind="stable")
        all_keys, all_members = all_keys[order], all_members[order]
        keep = _rank_in_bucket(all_keys) < self.bucket_cap
        self.stats.articles += len(numbers)
        self.stats.full_buckets_skipped += int(keep.size - keep.sum())
        self.keys, self.members = all_keys[keep], all_members[keep]

    def bucket_sizes(self) -> dict[int, int]:
        sizes: Counter = Counter(self.keys.tolist())
        for key, members in self.recent.items():
            sizes[key] += len(members)
        return dict(sizes)

    def memory_bytes(self) -> int:
        recent_entries = sum(len(members) for members in self.recent.values())
        return self.keys.nbytes + self.members.nbytes + recent_entries * 8 + len(self.recent) * 100

    def _ranges(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")


def _rank_in_bucket(sorted_keys: np.ndarray) -> np.ndarray:
    """Position of each entry within its run of equal keys."""
    if sorted_keys.size == 0:
        return np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    lengths = np.diff(np.r_[starts, sorted_keys.size])
    return np.arange(sorted_keys.size) - np.repeat(starts, lengths)


@dataclass(slots=True, frozen=True)
class Fingerprint:
    article_id: str
    keys: np.ndarray  # LSH band keys (int64), empty for a text with no content words


class LinkIndex:
    """Article ids over a ``CandidateIndex``: ``add`` fingerprints an article, returns its candidates
    (earlier articles likely to share text with it) and then indexes it."""

    def __init__(self, hasher: MinHasher | None = None, index: CandidateIndex | None = None):
        self.hasher = hasher or MinHasher()
        self.index = index or CandidateIndex()
        self.ids: list[str] = []
        self.numbers: dict[str, int] = {}

    def fingerprint(self, article_id: str, text: str) -> Fingerprint:
        signature = self.hasher.signature(text)
        keys = self.hasher.band_keys(signature) if signature is not None else np.empty(0, dtype=np.int64)
        return Fingerprint(article_id, keys)

    def add(self, article_id: str, text: str) -> tuple[Fingerprint, list[str]]:
        fingerprint = self.fingerprint(article_id, text)
        return fingerprint, self.add_fingerprint(fingerprint)

    def add_fingerprint(self, fingerprint: Fingerprint) -> list[str]:
        if fingerprint.article_id in self.numbers:
            return []
        number = self._register(fingerprint.article_id)
        if not fingerprint.keys.size:
            self.index.stats.empty_articles += 1
            return []
        return [self.ids[member] for member, _ in self.index.add(number, fingerprint.keys)]

    def candidates(self, fingerprint: Fingerprint) -> list[str]:
        return [self.ids[number] for number, _ in self.index.query(fingerprint.keys)]

    def restore_many(self, fingerprints: list[Fingerprint]) -> None:
        """Index fingerprints loaded from the store, in one vectorised merge (no re-hashing)."""
        numbers, rows = [], []
        for fingerprint in fingerprints:
            if fingerprint.article_id in self.numbers:
                continue
            number = self._register(fingerprint.article_id)
            if fingerprint.keys.size:
                numbers.append(number)
                rows.append(fingerprint.keys)
            else:
                self.index.stats.empty_articles += 1
        if rows:
            self.index.bulk_insert(np.array(numbers), np.vstack(rows))

    def _register(self, article_id: str) -> int:
        number = len(self.ids)
        self.ids.append(article_id)
        self.numbers[article_id] = number
        return number

    def restore(self, fingerprint: Fingerprint) -> None:
        """Index a fingerprint computed earlier (loaded from the store) without re-hashing."""
        number = self._register(fingerprint.article_id)
        if fingerprint.keys.size:
            self.index.insert(number, fingerprint.keys)
        else:
            self.index.stats.empty_articles += 1
