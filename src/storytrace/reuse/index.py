"""The candidate index: LSH buckets from band key to the articles that hashed there.

Incremental (one article at a time) and bounded: a bucket stops taking members at ``bucket_cap``
(boilerplate pages and thousands of copies of one text would otherwise make every lookup slow), and a
lookup returns at most ``max_candidates`` articles, those sharing the most bands first. Both caps are
counted in ``stats`` (and logged once, as a warning, when they first bite) so a report can say what
was not compared.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from storytrace.reuse.minhash import MinHasher


log = logging.getLogger(__name__)


@dataclass(slots=True)
class IndexStats:
    articles: int = 0
    empty_articles: int = 0  # no content words: not indexed
    full_buckets_skipped: int = 0  # members not added because their bucket was full
    candidates_dropped: int = 0  # candidates beyond max_candidates, not returned

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class Segment:
    """Band keys sorted, with the article number of each entry (12 bytes an entry)."""

    keys: np.ndarray
    members: np.ndarray

    def ranges(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")


class CandidateIndex:
    """Band key -> article numbers, in two tiers: recent insertions in a dict, older ones in sorted
    numpy segments (12 bytes a band entry). A flush turns the dict into a new segment; segments of
    similar size merge (as in a log-structured merge tree), so each entry is copied O(log n) times,
    a lookup searches O(log n) segments, and memory stays linear."""

    def __init__(self, bucket_cap: int = 100, max_candidates: int = 8, min_shared_bands: int = 3,
                 flush_every: int = 5_000, full_bucket_reads: int = 10):
        self.bucket_cap = bucket_cap
        # Each candidate costs an alignment. On a 400-article synthetic stream (reuse.synth_eval), 20
        # candidates found every gold link in 22 CPU-s; 8 found 99.2% of them in 12 CPU-s (the ones
        # left out are mostly further copies of a text already linked), 5 found 97.5%.
        self.max_candidates = max_candidates
        self.min_shared_bands = min_shared_bands  # one shared minimum is chance; real reuse shares many
        self.flush_every = flush_every  # articles held in the dict tier before it becomes a segment
        self.full_bucket_reads = full_bucket_reads
        self.stats = IndexStats()
        self.recent: dict[int, list[int]] = defaultdict(list)
        self.recent_articles = 0
        self.segments: list[Segment] = []  # oldest first

    @property
    def keys(self) -> np.ndarray:
        """Every merged band key (for inspection; lookups go segment by segment)."""
        return np.concatenate([segment.keys for segment in self.segments]) if self.segments else np.empty(0, np.int64)

    def add(self, number: int, keys: np.ndarray) -> list[tuple[int, int]]:
        """Query, then insert: the candidates of a new article among those added before it."""
        ranges = self._ranges(keys)
        found = self.query(keys, ranges)
        self.insert(number, keys, ranges)
        return found

    def query(self, keys: np.ndarray, ranges: list[tuple[np.ndarray, np.ndarray]] | None = None) -> list[tuple[int, int]]:
        """(article number, shared bands) of the best candidates, most shared bands first (then oldest)."""
        members = self._bucket_members(keys, ranges or self._ranges(keys))
        if members.size == 0:
            return []
        numbers, counts = np.unique(members, return_counts=True)
        wanted = counts >= self.min_shared_bands
        numbers, counts = numbers[wanted], counts[wanted]
        if numbers.size > self.max_candidates:
            self._drop_candidates(int(numbers.size) - self.max_candidates)
        best = np.lexsort((numbers, -counts))[: self.max_candidates]
        return list(zip(numbers[best].tolist(), counts[best].tolist()))

    def _bucket_members(self, keys: np.ndarray, ranges: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """The members of the key's buckets, one entry per shared band: all of a bucket that still
        takes members, the oldest ``full_bucket_reads`` of a full one (a text copied so often that it
        fills buckets has its original among the first; reading them all made lookups at 1M articles
        slow as common buckets filled)."""
        recent_sizes = np.array([len(self.recent.get(key, ())) for key in keys.tolist()], dtype=np.int64)
        full = self._merged_counts(keys, ranges) + recent_sizes >= self.bucket_cap
        caps = np.where(full, self.full_bucket_reads, self.bucket_cap)
        parts = [segment.members[_positions(starts, stops, caps)]
                 for segment, (starts, stops) in zip(self.segments, ranges)]
        reads = caps.tolist()
        recent = [member for key, cap in zip(keys.tolist(), reads) for member in self.recent.get(key, ())[:cap]]
        if recent:
            parts.append(np.array(recent, dtype=np.uint32))
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.uint32)

    def _drop_candidates(self, dropped: int) -> None:
        if not self.stats.candidates_dropped:
            log.warning("candidate index: more than %d candidates for one article; only the %d sharing "
                        "the most bands are compared (counted in stats.candidates_dropped)",
                        self.max_candidates, self.max_candidates)
        self.stats.candidates_dropped += dropped

    def insert(self, number: int, keys: np.ndarray, ranges: list[tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        self.stats.articles += 1
        merged = self._merged_counts(keys, ranges or self._ranges(keys))
        for key, count in zip(keys.tolist(), merged.tolist()):
            members = self.recent[key]
            if count + len(members) < self.bucket_cap:
                members.append(number)
            else:
                self._skip_full_bucket()
        self.recent_articles += 1
        if self.recent_articles >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Turn the dict tier into a segment; then merge segments of similar size."""
        if not self.recent:
            return
        keys = np.fromiter((k for k, ms in self.recent.items() for _ in ms), dtype=np.int64)
        members = np.fromiter((m for ms in self.recent.values() for m in ms), dtype=np.uint32)
        order = np.argsort(keys, kind="stable")
        self.segments.append(Segment(keys[order], members[order]))
        self.recent, self.recent_articles = defaultdict(list), 0
        while len(self.segments) > 1 and self.segments[-2].keys.size <= 2 * self.segments[-1].keys.size:
            newer = self.segments.pop()
            self.segments[-1] = _merged(self.segments[-1], newer)

    def bulk_insert(self, numbers: np.ndarray, keys: np.ndarray) -> None:
        """Insert many articles at once (``keys``: one row of band keys each, in arrival order)."""
        self.flush()
        new = Segment(keys.ravel(), np.repeat(numbers.astype(np.uint32), keys.shape[1]))
        every = _sorted(Segment(np.concatenate([self.keys, new.keys]), np.concatenate([self._all_members(), new.members])))
        keep = _rank_in_bucket(every.keys) < self.bucket_cap
        self.stats.articles += len(numbers)
        self.stats.full_buckets_skipped += int(keep.size - keep.sum())
        self.segments = [Segment(every.keys[keep], every.members[keep])]

    def bucket_sizes(self) -> dict[int, int]:
        sizes: Counter = Counter(self.keys.tolist())
        for key, members in self.recent.items():
            sizes[key] += len(members)
        return dict(sizes)

    def memory_bytes(self) -> int:
        recent_entries = sum(len(members) for members in self.recent.values())
        merged = sum(segment.keys.nbytes + segment.members.nbytes for segment in self.segments)
        return merged + recent_entries * 8 + len(self.recent) * 100

    def _skip_full_bucket(self) -> None:
        if not self.stats.full_buckets_skipped:
            log.warning("candidate index: a bucket reached its cap of %d articles (boilerplate or many copies "
                        "of one text); later members are not indexed there (counted in stats.full_buckets_skipped)",
                        self.bucket_cap)
        self.stats.full_buckets_skipped += 1

    def _ranges(self, keys: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        return [segment.ranges(keys) for segment in self.segments]

    def _merged_counts(self, keys: np.ndarray, ranges: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        counts = np.zeros(keys.size, dtype=np.int64)
        for starts, stops in ranges:
            counts += stops - starts
        return counts

    def _all_members(self) -> np.ndarray:
        if not self.segments:
            return np.empty(0, dtype=np.uint32)
        return np.concatenate([segment.members for segment in self.segments])


def _positions(starts: np.ndarray, stops: np.ndarray, cap: int | np.ndarray) -> np.ndarray:
    """Every position in the ranges [start, stop), each cut to its first ``cap`` (one for all, or one
    a range), in one array."""
    lengths = np.minimum(stops - starts, cap)
    hit = lengths > 0
    lengths, starts = lengths[hit], starts[hit]
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if ends.size else 0) + np.repeat(starts - (ends - lengths), lengths)


def _merged(older: Segment, newer: Segment) -> Segment:
    """Two sorted segments as one, in linear time and with no sort; within a bucket the older entries
    stay first."""
    size = older.keys.size + newer.keys.size
    newer_at = np.searchsorted(older.keys, newer.keys, side="right") + np.arange(newer.keys.size)
    older_mask = np.ones(size, dtype=bool)
    older_mask[newer_at] = False
    keys, members = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.uint32)
    keys[newer_at], members[newer_at] = newer.keys, newer.members
    keys[older_mask], members[older_mask] = older.keys, older.members
    return Segment(keys, members)


def _sorted(segment: Segment) -> Segment:
    """The entries sorted by key; entries of one key keep their order (older first)."""
    order = np.argsort(segment.keys, kind="stable")
    return Segment(segment.keys[order], segment.members[order])


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
