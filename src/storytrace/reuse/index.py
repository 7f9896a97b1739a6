"""The candidate index: LSH buckets from band key to the articles that hashed there.

Incremental (one article at a time) and bounded: a bucket stops taking members at ``bucket_cap``
(boilerplate pages and thousands of copies of one text would otherwise make every lookup slow), and a
lookup returns at most ``max_candidates`` articles, those sharing the most bands first. Both caps are
counted in ``stats`` (and logged once, as a warning, when they first bite) so a report can say what
was not compared.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from storytrace.reuse.minhash import MinHasher


log = logging.getLogger(__name__)

SKIPPED = np.iinfo(np.int64).min  # a buffered key left out of its full bucket: matches no band key
DIRECTORY_MIN_ENTRIES = 1 << 20  # below this a binary search is as fast (it stays in cache)
DIRECTORY_WINDOW = 16  # keys read from a slot's start before falling back to a binary search
ENTRIES_PER_SLOT = 4
KNOTS = 4096
MAX_DIRECTORY_BANDS = 1 << 12
_VALUE_MASK = np.int64(0xFFFF_FFFF)
_CHUNK = 1 << 19
_WINDOW = np.arange(DIRECTORY_WINDOW)
_WIDE_WINDOW = np.arange(256)


@dataclass(slots=True)
class IndexStats:
    articles: int = 0
    empty_articles: int = 0  # no content words: not indexed
    full_buckets_skipped: int = 0  # members not added because their bucket was full
    candidates_dropped: int = 0  # candidates beyond max_candidates, not returned
    articles_forgotten: int = 0  # older than the window: no longer candidates

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class SlotDirectory:
    """Where each slot of the key space starts in a large sorted segment, so that a lookup reads one
    slot (a few keys, one or two cache lines) instead of binary-searching tens of millions of keys
    (26 steps, most of them cache misses).

    A band key is the band's number over a MinHash value. Values are minima, so they crowd near zero;
    slots of equal width would be nearly all empty but a few. Slots are cut instead at the values'
    quantiles (``KNOTS`` of them, read from the segment, shared by all bands since every band is
    hashed alike), evenly between two quantiles, so each holds about ``ENTRIES_PER_SLOT`` keys."""

    low: int
    high: int
    first_band: int
    slots_per_band: int
    knots: np.ndarray  # value quantiles, from 0 up to 2**32 (float64, strictly increasing)
    starts: np.ndarray  # uint32, one per slot and one past the end
    laid_out_for: int  # entries when the slots were cut; past twice that, they are cut anew

    @classmethod
    def of(cls, keys: np.ndarray) -> SlotDirectory | None:
        """None for keys of many bands or of several fingerprint schemes: a binary search then."""
        low, high = int(keys[0]), int(keys[-1])
        bands = (high >> 32) - (low >> 32) + 1
        if bands > MAX_DIRECTORY_BANDS:
            return None
        sample = np.sort(keys[:: max(1, keys.size // (KNOTS * 16))] & _VALUE_MASK)
        inner = sample[np.linspace(0, sample.size - 1, KNOTS + 1).astype(np.int64)[1:-1]]
        knots = np.unique(np.concatenate([[0], inner, [2**32]])).astype(np.float64)
        slots_per_band = max(1, keys.size // bands // ENTRIES_PER_SLOT)
        empty = np.zeros(bands * slots_per_band + 1, dtype=np.uint32 if keys.size < 2**32 else np.int64)
        directory = cls(low, high, low >> 32, slots_per_band, knots, empty, keys.size)
        directory.add_keys(keys)
        return directory

    def add_keys(self, keys: np.ndarray) -> None:
        """In place, for sorted keys merged into the segment: each slot starts later by the number
        of added keys in the slots before it. Read in chunks, so the temporaries stay small (a
        count per slot would cost 2 bytes an entry of the segment), and in as many steps as there
        are added keys and slots (cutting the slots anew costs a pass over every key)."""
        updated = 0  # slots below this one have their counts added
        for begin in range(0, keys.size, _CHUNK):
            slots = self.slots(keys[begin:begin + _CHUNK])  # sorted, as the keys are
            last = int(slots[-1])
            below = begin + np.searchsorted(slots, np.arange(updated, last + 1), "left")
            self.starts[updated:last + 1] += below.astype(self.starts.dtype)
            updated = last + 1
        self.starts[updated:] += keys.size

    def holds_well(self, entries: int) -> bool:
        return entries <= 2 * self.laid_out_for

    def slots(self, keys: np.ndarray) -> np.ndarray:
        """The slot of each key: non-decreasing in the key, so a sorted segment's slots are contiguous."""
        keys = np.clip(keys, self.low, self.high)
        values = (keys & _VALUE_MASK).astype(np.float64)
        knot = np.minimum(np.searchsorted(self.knots, values, "right") - 1, self.knots.size - 2)
        below, above = self.knots[knot], self.knots[knot + 1]
        position = (knot + (values - below) / (above - below)) * (self.slots_per_band / (self.knots.size - 1))
        within = np.minimum(position.astype(np.int64), self.slots_per_band - 1)
        return ((keys >> 32) - self.first_band) * self.slots_per_band + within

    def ranges(self, keys: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """As two binary searches would: where each query's run of equal keys starts and stops. A key
        can only be in its own slot, so its run is among the keys read from the slot's start, unless
        the last key read is still <= the key: then a wider read, then (rarely) a binary search."""
        starts, stops, unsure = _scan(keys, self.starts[self.slots(queries)].astype(np.int64), queries, _WINDOW)
        if unsure.any():  # a slot holding full buckets: runs of up to ``bucket_cap`` equal keys
            wide = _scan(keys, starts[unsure], queries[unsure], _WIDE_WINDOW)
            starts[unsure], stops[unsure] = wide[0], wide[1]
            unsure[unsure] = wide[2]
        if unsure.any():
            starts[unsure] = np.searchsorted(keys, queries[unsure], "left")
            stops[unsure] = np.searchsorted(keys, queries[unsure], "right")
        return starts, stops

    @property
    def nbytes(self) -> int:
        return self.starts.nbytes + self.knots.nbytes


@dataclass(slots=True)
class Segment:
    """Band keys sorted, with the article number of each entry (12 bytes an entry); a large segment
    also has a slot directory (about 1 byte an entry) for fast lookups."""

    keys: np.ndarray
    members: np.ndarray
    directory: SlotDirectory | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.directory is None and self.keys.size >= DIRECTORY_MIN_ENTRIES:
            self.directory = SlotDirectory.of(self.keys)

    def ranges(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.directory is not None:
            return self.directory.ranges(self.keys, keys)
        return np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.members.nbytes + (self.directory.nbytes if self.directory else 0)


@dataclass(slots=True)
class Probe:
    """Where one article's band keys stand in the index: their range in each segment, which buffered
    articles share each band, and the size of each band's bucket."""

    keys: np.ndarray
    ranges: list[tuple[np.ndarray, np.ndarray]]
    buffered_hits: np.ndarray  # where the keys match buffered rows, as flat (row, band) positions
    sizes: np.ndarray


class CandidateIndex:
    """Band key -> article numbers, in two tiers. The newest articles wait in a buffer, one row of
    band keys each; as a key of band j only ever equals another key of band j, a lookup there is one
    comparison of the article's row with every buffered row. Full buffers become sorted numpy
    segments (12 bytes a band entry); segments of similar size merge (as in a log-structured merge
    tree), so each entry is copied O(log n) times, a lookup searches O(log n) segments, and memory
    stays linear."""

    def __init__(self, bucket_cap: int = 100, max_candidates: int = 8, min_shared_bands: int = 3,
                 flush_every: int = 512, full_bucket_reads: int = 10, merge_ratio: int = 8):
        self.bucket_cap = bucket_cap
        # Each candidate costs an alignment. On a 400-article synthetic stream (reuse.synth_eval), 20
        # candidates found every gold link in 22 CPU-s; 8 found 99.2% of them in 12 CPU-s (the ones
        # left out are mostly further copies of a text already linked), 5 found 97.5%.
        self.max_candidates = max_candidates
        self.min_shared_bands = min_shared_bands  # one shared minimum is chance; real reuse shares many
        # Articles held in the buffer before it becomes a segment: comparing a row with every buffered
        # row costs more as it grows, and each flush adds a segment to merge.
        self.flush_every = flush_every
        self.full_bucket_reads = full_bucket_reads
        # A segment absorbs newer ones until it is ``merge_ratio`` times their size: fewer segments to
        # search, at the cost of more copying. On a 100k synthetic stream, index work took 0.41 ms an
        # article at 8 (flush_every 512), 0.51 at 2 and 0.45 at 4 (flush_every 1,024).
        self.merge_ratio = merge_ratio
        self.stats = IndexStats()
        self.buffer = np.empty((flush_every, 0), dtype=np.int64)
        self.buffered_numbers = np.empty(flush_every, dtype=np.uint32)
        self.buffered = 0
        self.segments: list[Segment] = []  # oldest first

    @property
    def keys(self) -> np.ndarray:
        """Every merged band key (for inspection; lookups go segment by segment)."""
        return np.concatenate([segment.keys for segment in self.segments]) if self.segments else np.empty(0, np.int64)

    def add(self, number: int, keys: np.ndarray) -> list[tuple[int, int]]:
        """Query, then insert: the candidates of a new article among those added before it."""
        probe = self._probe(keys)
        found = self._candidates(probe)
        self._insert(number, probe)
        return found

    def query(self, keys: np.ndarray) -> list[tuple[int, int]]:
        """(article number, shared bands) of the best candidates, most shared bands first (then oldest)."""
        return self._candidates(self._probe(keys))

    def insert(self, number: int, keys: np.ndarray) -> None:
        self._insert(number, self._probe(keys))

    def _probe(self, keys: np.ndarray) -> Probe:
        if keys.size != self.buffer.shape[1]:
            self._reshape_buffer(keys.size)
        ranges = [segment.ranges(keys) for segment in self.segments]
        hits = np.flatnonzero(self.buffer[: self.buffered] == keys)  # np.nonzero and sum(axis=0) are slower
        sizes = np.bincount(hits % keys.size, minlength=keys.size)
        for starts, stops in ranges:
            sizes += stops - starts
        return Probe(keys, ranges, hits, sizes)

    def _candidates(self, probe: Probe) -> list[tuple[int, int]]:
        members = self._bucket_members(probe)
        if members.size == 0:
            return []
        numbers, counts = np.unique(members, return_counts=True)
        wanted = counts >= self.min_shared_bands
        numbers, counts = numbers[wanted], counts[wanted]
        if numbers.size > self.max_candidates:
            self._drop_candidates(int(numbers.size) - self.max_candidates)
        best = np.lexsort((numbers, -counts))[: self.max_candidates]
        return list(zip(numbers[best].tolist(), counts[best].tolist()))

    def _bucket_members(self, probe: Probe) -> np.ndarray:
        """The members of the key's buckets, one entry per shared band: all of a bucket that still
        takes members, the oldest ``full_bucket_reads`` of a full one in each tier (a text copied so
        often that it fills buckets has its original among the first; reading them all made lookups
        at 1M articles slow as common buckets filled)."""
        caps = np.where(probe.sizes >= self.bucket_cap, self.full_bucket_reads, self.bucket_cap)
        parts = [segment.members[_positions(starts, stops, caps)]
                 for segment, (starts, stops) in zip(self.segments, probe.ranges)]
        if probe.buffered_hits.size:
            rows, bands = np.divmod(probe.buffered_hits, probe.keys.size)
            by_band = np.argsort(bands, kind="stable")  # then oldest first
            rows, bands = rows[by_band], bands[by_band]
            parts.append(self.buffered_numbers[rows[_rank_in_bucket(bands) < caps[bands]]])
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.uint32)

    def _drop_candidates(self, dropped: int) -> None:
        if not self.stats.candidates_dropped:
            log.warning("candidate index: more than %d candidates for one article; only the %d sharing "
                        "the most bands are compared (counted in stats.candidates_dropped)",
                        self.max_candidates, self.max_candidates)
        self.stats.candidates_dropped += dropped

    def _insert(self, number: int, probe: Probe) -> None:
        self.stats.articles += 1
        full = probe.sizes >= self.bucket_cap
        if full.any():
            self._skip_full_buckets(int(full.sum()))
        self.buffer[self.buffered] = np.where(full, SKIPPED, probe.keys)
        self.buffered_numbers[self.buffered] = number
        self.buffered += 1
        if self.buffered >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Turn the buffer into a segment; then merge segments of similar size."""
        if not self.buffered:
            return
        keys = self.buffer[: self.buffered].ravel()
        members = np.repeat(self.buffered_numbers[: self.buffered], self.buffer.shape[1])
        kept = keys != SKIPPED
        self.buffered = 0
        self._append_segment(_sorted(keys[kept], members[kept]))

    def _append_segment(self, segment: Segment) -> None:
        self.segments.append(segment)
        while len(self.segments) > 1 and self.segments[-2].keys.size <= self.merge_ratio * self.segments[-1].keys.size:
            newer = self.segments.pop()
            self.segments[-1] = _merged(self.segments[-1], newer)

    def _reshape_buffer(self, width: int) -> None:
        """Keys of another width (fingerprints of another number of bands): flush, then rows of the new width."""
        self.flush()
        self.buffer = np.empty((self.flush_every, width), dtype=np.int64)

    def bulk_insert(self, numbers: np.ndarray, keys: np.ndarray) -> None:
        """Insert many articles at once (``keys``: one row of band keys each, in arrival order)."""
        self.flush()
        every_keys, every_members = _sorted_entries(
            np.concatenate([self.keys, keys.ravel()]),
            np.concatenate([self._all_members(), np.repeat(numbers.astype(np.uint32), keys.shape[1])]))
        keep = _rank_in_bucket(every_keys) < self.bucket_cap
        self.stats.articles += len(numbers)
        self.stats.full_buckets_skipped += int(keep.size - keep.sum())
        self.segments = [Segment(every_keys[keep], every_members[keep])]  # one directory, built once

    def forget_before(self, number: int) -> None:
        """Drops the entries of the articles numbered below ``number``. Numbers grow with arrival,
        so the oldest segments hold them; a segment is only filtered (and its directory cut anew)
        when it has some."""
        kept = []
        for segment in self.segments:
            if segment.members.size and int(segment.members.min()) < number:
                alive = segment.members >= number
                segment = Segment(segment.keys[alive], segment.members[alive])
            if segment.keys.size:
                kept.append(segment)
        self.segments = kept
        self.buffer[: self.buffered][self.buffered_numbers[: self.buffered] < number] = SKIPPED

    def bucket_sizes(self) -> dict[int, int]:
        buffered = self.buffer[: self.buffered].ravel()
        sizes: Counter = Counter(self.keys.tolist())
        sizes.update(buffered[buffered != SKIPPED].tolist())
        return dict(sizes)

    def memory_bytes(self) -> int:
        return sum(segment.nbytes for segment in self.segments) + self.buffer.nbytes + self.buffered_numbers.nbytes

    def _skip_full_buckets(self, count: int) -> None:
        if not self.stats.full_buckets_skipped:
            log.warning("candidate index: a bucket reached its cap of %d articles (boilerplate or many copies "
                        "of one text); later members are not indexed there (counted in stats.full_buckets_skipped)",
                        self.bucket_cap)
        self.stats.full_buckets_skipped += count

    def _all_members(self) -> np.ndarray:
        if not self.segments:
            return np.empty(0, dtype=np.uint32)
        return np.concatenate([segment.members for segment in self.segments])


def _scan(keys: np.ndarray, first: np.ndarray, queries: np.ndarray, window: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The run of each query among ``window`` keys from ``first`` on, and whether the run may go on
    past them (or the key be further on)."""
    read = keys.take(first[:, None] + window, mode="clip")  # past the end: the last key again
    hits = read == queries[:, None]
    starts = first + hits.argmax(axis=1)
    stops = np.minimum(starts + hits.sum(axis=1), keys.size)
    return starts, stops, read[:, -1] <= queries


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
    stay first. The older segment is consumed: its arrays grow in place (a large block is remapped,
    not copied) and its entries move up from the back, a chunk at a time, so the merge never holds
    two copies of the largest segment; its directory is updated in place too."""
    older_size, size = older.keys.size, older.keys.size + newer.keys.size
    inserted_at = np.searchsorted(older.keys, newer.keys, side="right")  # older entries before each newer one
    try:
        older.keys.resize(size, refcheck=False)
        older.members.resize(size, refcheck=False)
    except ValueError:  # arrays that do not own their memory: grow by copying
        older.keys, older.members = np.resize(older.keys, size), np.resize(older.members, size)
    keys, members = older.keys, older.members
    for stop in range(older_size, 0, -_CHUNK):  # from the back: no entry is overwritten before it moves
        start = max(0, stop - _CHUNK)
        moved_to = np.arange(start, stop) + np.searchsorted(inserted_at, np.arange(start, stop), side="right")
        keys[moved_to], members[moved_to] = keys[start:stop].copy(), members[start:stop].copy()
    newer_at = inserted_at + np.arange(newer.keys.size)
    keys[newer_at], members[newer_at] = newer.keys, newer.members
    directory = older.directory
    if directory is not None and directory.holds_well(size):
        directory.add_keys(newer.keys)
        return Segment(keys, members, directory)
    return Segment(keys, members)


def _sorted(keys: np.ndarray, members: np.ndarray) -> Segment:
    return Segment(*_sorted_entries(keys, members))


def _sorted_entries(keys: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries sorted by key; entries of one key keep their order (older first)."""
    order = np.argsort(keys, kind="stable")
    return keys[order], members[order]


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

    def __init__(self, hasher: MinHasher | None = None, index: CandidateIndex | None = None, window: int | None = None):
        self.hasher = hasher or MinHasher()
        self.index = index or CandidateIndex()
        # The latest ``window`` articles are candidates; older ones leave the index (not the store),
        # so that its memory stays bounded on an endless stream. None: every article stays.
        self.window = window
        self.ids: list[str] = []  # of the articles in the index, oldest first: number - forgotten
        self.numbers: dict[str, int] = {}
        self.added = 0  # articles registered so far: the next one's number
        self.forgotten = 0  # articles numbered below this have left the index

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
        self._forget_when_due()
        number = self._register(fingerprint.article_id)
        if not fingerprint.keys.size:
            self.index.stats.empty_articles += 1
            return []
        return [self.ids[member - self.forgotten] for member, _ in self.index.add(number, fingerprint.keys)]

    def candidates(self, fingerprint: Fingerprint) -> list[str]:
        return [self.ids[number - self.forgotten] for number, _ in self.index.query(fingerprint.keys)]

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
        first_kept = self.added - self.window if self.window is not None else 0
        recent = bisect.bisect_left(numbers, first_kept)  # numbers ascend: the window is their tail
        if rows[recent:]:
            self.index.bulk_insert(np.array(numbers[recent:]), np.vstack(rows[recent:]))
        self._forget_old()

    def _register(self, article_id: str) -> int:
        number = self.added
        self.added += 1
        self.ids.append(article_id)
        self.numbers[article_id] = number
        return number

    def _forget_when_due(self) -> None:
        """Forgets a quarter of the window late, so that a pass over the index is rare."""
        if self.window is not None and self.added - self.forgotten > self.window + max(1, self.window // 4):
            self._forget_old()

    def _forget_old(self) -> None:
        if self.window is None or self.added - self.forgotten <= self.window:
            return
        first_kept = self.added - self.window
        self.index.forget_before(first_kept)
        gone = first_kept - self.forgotten
        for article_id in self.ids[:gone]:
            del self.numbers[article_id]
        del self.ids[:gone]
        self.index.stats.articles_forgotten += gone
        self.forgotten = first_kept

    def restore(self, fingerprint: Fingerprint) -> None:
        """Index a fingerprint computed earlier (loaded from the store) without re-hashing."""
        self._forget_when_due()
        number = self._register(fingerprint.article_id)
        if fingerprint.keys.size:
            self.index.insert(number, fingerprint.keys)
        else:
            self.index.stats.empty_articles += 1
