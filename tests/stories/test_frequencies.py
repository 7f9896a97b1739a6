"""Document frequencies stay bounded on a stream that keeps meeting new words."""

from datetime import datetime, timedelta

from storytrace.stories.benchmark import FeatureGenerator
from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.vectors import DocumentFrequencies


def test_words_seen_once_are_forgotten_past_the_cap_and_the_rest_kept():
    frequencies = DocumentFrequencies()
    for number in range(100):
        frequencies.add({"common": 1.0, f"once{number}": 1.0})
        frequencies.keep_within(50)
    assert len(frequencies.counts) <= 51
    assert frequencies.counts["common"] == 100 and frequencies.documents == 100
    assert frequencies.idf("once0") == frequencies.idf("never seen")


def test_past_the_cap_the_least_seen_keys_go_first_and_the_oldest_among_equals():
    frequencies = DocumentFrequencies()
    frequencies.add({f"thrice{number}": 1.0 for number in range(20)} | {f"twice{number}": 1.0 for number in range(20)})
    frequencies.add({f"thrice{number}": 1.0 for number in range(20)} | {f"twice{number}": 1.0 for number in range(20)})
    frequencies.add({f"thrice{number}": 1.0 for number in range(20)} | {f"once{number}": 1.0 for number in range(20)})
    frequencies.add({"new": 1.0})
    frequencies.keep_within(61)  # 61 keys: no pass
    assert len(frequencies.counts) == 61
    frequencies.keep_within(40)  # 30 stay: the 21 single uses go, then the 10 oldest double uses
    assert len(frequencies.counts) == 30
    assert all(frequencies.counts[f"thrice{number}"] == 3 for number in range(20))
    assert [key for key in frequencies.counts if key.startswith("twice")] == [f"twice{n}" for n in range(10, 20)]
    assert frequencies.idf("once0") == frequencies.idf("new") == frequencies.idf("never seen")


def test_a_table_whose_keys_are_all_in_use_still_stays_within_the_cap():
    frequencies = DocumentFrequencies()
    for number in range(1_000):
        frequencies.add({f"word{number}": 1.0, f"word{number + 1}": 1.0, "common": 1.0})  # each word twice
        frequencies.keep_within(100)
        assert len(frequencies.counts) <= 100
    assert frequencies.counts["common"] == 1_000


def test_a_stream_of_one_off_events_keeps_its_frequency_table_bounded():
    generator = FeatureGenerator(3)
    clusterer = StoryClusterer(ClusterOptions(max_frequency_keys=15_000))
    start = datetime(2024, 1, 1)
    sizes = []
    for number in range(4_000):  # one article an event: its event words are used once
        clusterer.place(generator.article(f"a{number}", generator.event(number), start + timedelta(hours=number)))
        sizes.append(len(clusterer.terms_df.counts))
    uncapped = _distinct_terms(FeatureGenerator(3), 4_000)  # what the table holds with no cap
    assert max(sizes) <= 15_000 < uncapped and clusterer.terms_df.documents == 4_000
    assert sizes[-1] < 0.5 * uncapped


def _distinct_terms(generator: FeatureGenerator, articles: int) -> int:
    start = datetime(2024, 1, 1)
    return len({term for number in range(articles)
                for term in generator.article(f"a{number}", generator.event(number), start).terms})
