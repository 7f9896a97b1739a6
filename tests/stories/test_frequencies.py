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


def test_passes_wait_for_the_table_to_double_when_most_keys_are_in_use():
    frequencies = DocumentFrequencies()
    frequencies.add({f"used{number}": 1.0 for number in range(40)})
    frequencies.add({f"used{number}": 1.0 for number in range(40)})
    frequencies.add({f"once{number}": 1.0 for number in range(20)})
    frequencies.keep_within(50)  # 60 keys: the 20 single uses go, 40 stay
    assert len(frequencies.counts) == 40 and frequencies.next_pass == 80
    frequencies.add({f"late{number}": 1.0 for number in range(30)})
    frequencies.keep_within(50)  # 70 keys, under the 80 the last pass set: no pass
    assert len(frequencies.counts) == 70


def test_a_stream_of_one_off_events_keeps_its_frequency_table_bounded():
    generator = FeatureGenerator(3)
    clusterer = StoryClusterer(ClusterOptions(max_frequency_keys=15_000))
    start = datetime(2024, 1, 1)
    sizes = []
    for number in range(4_000):  # one article an event: its event words are used once
        clusterer.place(generator.article(f"a{number}", generator.event(number), start + timedelta(hours=number)))
        sizes.append(len(clusterer.terms_df.counts))
    uncapped = _distinct_terms(FeatureGenerator(3), 4_000)  # what the table holds with no cap
    assert max(sizes) <= 30_000 < uncapped and clusterer.terms_df.documents == 4_000
    assert sizes[-1] < 0.5 * uncapped


def _distinct_terms(generator: FeatureGenerator, articles: int) -> int:
    start = datetime(2024, 1, 1)
    return len({term for number in range(articles)
                for term in generator.article(f"a{number}", generator.event(number), start).terms})
