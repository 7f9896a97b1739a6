import numpy as np

from storytrace.reuse.index import CandidateIndex, Fingerprint, LinkIndex, Segment, SlotDirectory, _merged
from storytrace.reuse.minhash import SCHEME, MinHasher, estimated_jaccard
from storytrace.store.reuse import load_link_index, save_fingerprints
from storytrace.store.sqlite import Store
from tests.reuse.synthetic import article, spin, vocabulary

WORDS = vocabulary(5000, seed=21)


def corpus(count: int, seed: int) -> list[str]:
    return [article(400, seed=seed + n, vocabulary_words=WORDS) for n in range(count)]


def filled_index(texts: list[str], index: LinkIndex | None = None) -> LinkIndex:
    index = index or LinkIndex()
    for number, text in enumerate(texts):
        index.add(f"a{number}", text)
    return index


def test_signature_is_stable_and_estimates_similarity():
    hasher = MinHasher()
    text = article(300, seed=1, vocabulary_words=WORDS)
    first, second = hasher.signature(text), MinHasher().signature(text)
    assert np.array_equal(first, second)
    other = hasher.signature(article(300, seed=2, vocabulary_words=WORDS))
    assert estimated_jaccard(first, second) == 1.0
    assert estimated_jaccard(first, other) < 0.1


def test_spun_copy_is_a_candidate():
    texts = corpus(200, seed=100)
    index = filled_index(texts, LinkIndex(index=CandidateIndex(flush_every=64)))  # most in the merged tier
    assert index.index.keys.size > 0
    spun = spin(texts[37], 0.25, seed=3, vocabulary_words=WORDS)
    _, candidates = index.add("spun", spun)
    assert candidates[0] == "a37"


def test_partial_reuse_of_a_third_is_a_candidate():
    texts = corpus(200, seed=300)
    index = filled_index(texts)
    third = texts[80][: len(texts[80]) // 3]
    derived = article(400, seed=999, vocabulary_words=WORDS) + " " + third
    _, candidates = index.add("partial", derived)
    assert "a80" in candidates[:3]


def test_unrelated_article_finds_few_candidates():
    index = filled_index(corpus(200, seed=500))
    _, candidates = index.add("new", article(400, seed=7777, vocabulary_words=WORDS))
    assert len(candidates) <= 2


def test_thousands_of_copies_are_capped_and_counted():
    index = LinkIndex(index=CandidateIndex(bucket_cap=50, max_candidates=10))
    text = article(200, seed=42, vocabulary_words=WORDS)
    for number in range(300):
        index.add(f"copy{number}", text)
    _, candidates = index.add("one-more", text)
    assert len(candidates) == 10
    assert index.index.stats.full_buckets_skipped > 0
    assert index.index.stats.candidates_dropped > 0
    index.index.flush()
    assert max(index.index.bucket_sizes().values()) <= 50


def test_empty_and_huge_articles():
    index = LinkIndex()
    assert index.add("empty", "")[1] == []
    assert index.index.stats.empty_articles == 1
    huge = article(200_000, seed=5, vocabulary_words=WORDS)  # about 1.5 MB
    fingerprint, _ = index.add("huge", huge)
    assert fingerprint.keys.size == index.hasher.params.bands


def test_index_survives_a_restart_without_rehashing(tmp_path):
    texts = corpus(30, seed=700)
    with Store(tmp_path / "db.sqlite") as store:
        index = LinkIndex()
        fingerprints = [index.add(f"a{n}", text)[0] for n, text in enumerate(texts)]
        save_fingerprints(store.connection, fingerprints)
    with Store(tmp_path / "db.sqlite") as store:
        restored = load_link_index(store.connection)
    assert restored.ids == index.ids
    spun = spin(texts[12], 0.2, seed=1, vocabulary_words=WORDS)
    assert restored.add("spun", spun)[1] == index.add("spun", spun)[1]
    assert restored.add("spun", spun)[1] == []  # already indexed: not compared again


def test_bulk_restore_gives_the_same_candidates_and_caps(tmp_path):
    texts = corpus(60, seed=900) + [article(200, seed=1, vocabulary_words=WORDS)] * 30
    incremental = filled_index(texts, LinkIndex(index=CandidateIndex(bucket_cap=10)))
    bulk = LinkIndex(index=CandidateIndex(bucket_cap=10))
    bulk.restore_many([incremental.fingerprint(f"a{n}", text) for n, text in enumerate(texts)])
    incremental.index.flush()
    assert incremental.index.bucket_sizes() == bulk.index.bucket_sizes()
    probe = spin(texts[5], 0.2, seed=2, vocabulary_words=WORDS)
    assert bulk.add("probe", probe)[1] == incremental.add("probe", probe)[1]


def test_segments_merge_so_their_count_stays_logarithmic():
    texts = corpus(300, seed=1300)
    index = filled_index(texts, LinkIndex(index=CandidateIndex(flush_every=4)))  # 75 flushes
    assert len(index.index.segments) <= 8
    assert index.index.keys.size == sum(segment.keys.size for segment in index.index.segments)
    assert all(np.all(np.diff(segment.keys) >= 0) for segment in index.index.segments)
    spun = spin(texts[3], 0.25, seed=4, vocabulary_words=WORDS)  # among the oldest: in the biggest segment
    assert index.add("spun", spun)[1][0] == "a3"


def test_fingerprints_of_an_older_scheme_are_reported_on_restore(tmp_path, caplog):
    fingerprint = LinkIndex().fingerprint("new", article(200, seed=3, vocabulary_words=WORDS))
    old_keys = fingerprint.keys & np.int64(0xFFFF_FFFF_FFFF)  # scheme 0: the keys made before schemes
    with Store(tmp_path / "db.sqlite") as store:
        save_fingerprints(store.connection, [fingerprint, Fingerprint("old", old_keys)])
        with caplog.at_level("WARNING", logger="storytrace.store.reuse"):
            restored = load_link_index(store.connection)
    assert restored.ids == ["new", "old"]
    assert any("1 stored fingerprints" in record.message for record in caplog.records)


def test_merging_two_segments_equals_a_stable_sort_of_both():
    generator = np.random.default_rng(1)
    older = Segment(np.sort(generator.integers(0, 30, 200)), np.arange(200, dtype=np.uint32))
    newer = Segment(np.sort(generator.integers(0, 30, 100)), np.arange(200, 300, dtype=np.uint32))
    keys, members = np.concatenate([older.keys, newer.keys]), np.concatenate([older.members, newer.members])
    merged = _merged(older, newer)  # consumes the older segment
    order = np.argsort(keys, kind="stable")  # equal keys: older members first
    assert np.array_equal(merged.keys, keys[order])
    assert np.array_equal(merged.members, members[order])


def test_slot_directory_finds_the_same_ranges_as_a_binary_search():
    generator = np.random.default_rng(5)
    values = np.minimum(generator.exponential(2**32 / 300, 300_000), 2**32 - 1).astype(np.int64)  # minima crowd low
    band_keys = (np.int64(SCHEME) << 48) | (generator.integers(0, 64, 300_000) << 32) | values
    copies = np.repeat(band_keys[:40], generator.integers(1, 150, 40))  # full buckets: long runs of one key
    keys = np.sort(np.concatenate([band_keys, copies]))
    directory = SlotDirectory.of(keys)
    slot_sizes = np.diff(directory.starts.astype(np.int64))
    assert np.percentile(slot_sizes, 99) <= 16  # the quantile cuts keep slots small
    older = Segment(keys[::2], np.arange(0, keys.size, 2, dtype=np.uint32), SlotDirectory.of(keys[::2]))
    newer = Segment(keys[1::2], np.arange(1, keys.size, 2, dtype=np.uint32))
    segment = _merged(older, newer)  # the older segment's slots, shifted by the newer keys before them
    assert segment.directory.knots is older.directory.knots and np.array_equal(segment.keys, keys)
    queries = np.concatenate([keys[generator.integers(0, keys.size, 500)], band_keys[:40], keys[:1] - 1, keys[-1:] + 1,
                              keys[:1], keys[-1:], (np.int64(SCHEME) << 48) | generator.integers(0, 64 << 32, 500)])
    starts, stops = segment.ranges(queries)
    left, right = np.searchsorted(keys, queries, "left"), np.searchsorted(keys, queries, "right")
    assert np.array_equal(stops - starts, right - left)
    assert np.array_equal(starts[right > left], left[right > left])


def test_a_full_buffer_becomes_a_segment_and_lookups_find_both_tiers():
    texts = corpus(50, seed=1500)
    index = filled_index(texts, LinkIndex(index=CandidateIndex(flush_every=16)))
    assert index.index.buffered == 50 % 16 and sum(s.keys.size for s in index.index.segments) == 48 * 64
    for number in (2, 49):  # one merged into a segment, one still buffered
        spun = spin(texts[number], 0.25, seed=number, vocabulary_words=WORDS)
        assert index.index.query(index.fingerprint("q", spun).keys)[0][0] == number


def test_a_window_keeps_only_the_latest_articles_as_candidates():
    texts = corpus(60, seed=1100)
    index = LinkIndex(index=CandidateIndex(flush_every=8), window=20)
    filled_index(texts, index)
    assert 20 < len(index.ids) <= 26 and len(index.numbers) == len(index.ids)  # forgets a quarter late
    assert index.index.stats.articles_forgotten == 60 - len(index.ids)
    remembered = {int(key[1:]) for key in index.numbers}
    assert min(remembered) >= 35 and max(remembered) == 59
    old_copy, recent_copy = (spin(texts[n], 0.1, seed=3, vocabulary_words=WORDS) for n in (5, 50))
    assert index.candidates(index.fingerprint("x", old_copy)) == []  # its source left the window
    assert index.candidates(index.fingerprint("y", recent_copy)) == ["a50"]
    assert all(int(segment.members.min()) >= min(remembered) for segment in index.index.segments)


def test_a_windowed_index_memory_stops_growing_with_the_stream():
    texts = corpus(40, seed=1300)
    index = LinkIndex(index=CandidateIndex(flush_every=16), window=100)
    sizes = []
    for number in range(600):  # the corpus over and over, as new articles
        index.add(f"a{number}", texts[number % 40])
        sizes.append(index.index.memory_bytes())
    assert max(sizes[300:]) <= 1.3 * max(sizes[100:300]) and len(index.ids) <= 125


def test_restoring_a_windowed_index_loads_only_the_window(tmp_path):
    texts = corpus(30, seed=1500)
    with Store(tmp_path / "db.sqlite") as store:
        full = LinkIndex()
        save_fingerprints(store.connection, [full.add(f"a{n}", text)[0] for n, text in enumerate(texts)])
    with Store(tmp_path / "db.sqlite") as store:
        windowed = load_link_index(store.connection, LinkIndex(window=10))
    assert sorted(windowed.numbers, key=lambda key: int(key[1:])) == [f"a{n}" for n in range(20, 30)]
    assert windowed.candidates(windowed.fingerprint("x", spin(texts[25], 0.1, seed=4, vocabulary_words=WORDS))) == ["a25"]
    assert windowed.candidates(windowed.fingerprint("y", spin(texts[3], 0.1, seed=4, vocabulary_words=WORDS))) == []
