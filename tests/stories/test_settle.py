"""A one-member story's last look: early in a stream every word is rare, and an article the first
look left alone goes into the story it fits once the frequencies have grown up."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures
from storytrace.stories.pairs import FEATURE_NAMES, PairModel

# Joins when the term cosine is at least 0.44 (probability 0.6); settles at 0.36 (0.4).
TEXT_ONLY = PairModel(tuple(10.0 if name == "text" else 0.0 for name in FEATURE_NAMES), -4.0)
QUAKE = ("quake lima peru magnitude dead injured", "quake lima peru magnitude dead rescue")
LONE = "quake lima peru rubble night aftershock"  # scores 0.50 against the quake story on arrival
DAY0 = datetime(2024, 3, 1)


def article(article_id: str, words: str, when: datetime | None = None) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(words.split()), Counter(), when, title="")


def unrelated(count: int, when: datetime | None = None, first: int = 0) -> list[ArticleFeatures]:
    return [article(f"x{n}", f"rehab{n} singer{n} clinic{n} malibu{n}", when) for n in range(first, first + count)]


def lone_after(unrelated_count: int, **options) -> tuple[StoryClusterer, str]:
    """A quake story of two, an article on it left alone, then ``unrelated_count`` other articles."""
    stories = StoryClusterer(ClusterOptions(model=TEXT_ONLY, merge_threshold=2.0, **options))
    quake = stories.assign(article("a", QUAKE[0]))
    stories.assign(article("b", QUAKE[1]))
    assert stories.place(article("lone", LONE)).via == "new"
    for item in unrelated(unrelated_count):
        stories.place(item)
    return stories, quake


def test_a_lone_article_settles_into_the_story_it_fits_once_the_stream_has_grown():
    stories, quake = lone_after(40)
    lone_story = stories.story_for("lone")
    [merge] = stories.settle()
    assert (merge.absorbed, merge.into) == (lone_story, quake) and merge.score > 0.9  # 0.50 on arrival
    assert stories.story_for("lone") == quake and stories.merges[-1] == merge
    assert stories.settle() == []  # one last look each


def test_at_the_end_of_a_run_a_lone_article_waits_for_the_stream_to_double():
    stories, quake = lone_after(2)  # the lone article came third of five
    assert stories.settle() == [] and stories.story_for("lone") != quake
    stories.place(*unrelated(1, first=2))  # the sixth
    assert len(stories.settle()) == 1 and stories.story_for("lone") == quake


def closing_stream(before: int, after: int, lone: str = LONE) -> tuple[StoryClusterer, str]:
    """``before`` unrelated articles, a quake story of two and a lone article on it, ``after``
    unrelated ones and a third quake article (keeping the quake story open), then an article four
    days on: the lone article's quiet period is over and its story closes."""
    # adopt_growth: no adoption as the quake story grows; only the close may settle the lone story
    options = ClusterOptions(model=TEXT_ONLY, merge_threshold=2.0, adopt_growth=100, quiet_period=timedelta(days=3))
    stories = StoryClusterer(options)
    for item in unrelated(before, DAY0):
        stories.place(item)
    quake = stories.assign(article("a", QUAKE[0], DAY0))
    stories.assign(article("b", QUAKE[1], DAY0))
    stories.place(article("lone", lone, DAY0))
    for item in unrelated(after, DAY0 + timedelta(days=1), first=before):
        stories.place(item)
    stories.place(article("c", QUAKE[0] + " aftershock", DAY0 + timedelta(days=2)))
    assert stories.story_for("lone") != quake
    stories.place(article("later", "budget vote senate", DAY0 + timedelta(days=4)))
    assert not stories.stories[quake].closed
    return stories, quake


def test_a_lone_article_of_a_young_stream_has_its_last_look_when_its_story_closes():
    stories, quake = closing_stream(before=0, after=40)
    assert stories.story_for("lone") == quake


def test_in_a_mature_stream_a_closing_story_is_not_looked_at_again():
    # scores 0.53 with these frequencies: under the join threshold (0.6), over the look's (0.4)
    stories, quake = closing_stream(before=200, after=40, lone="quake lima peru rubble night aftershock hospital")
    assert stories.story_for("lone") != quake and stories.stories[stories.story_for("lone")].closed


def test_a_restored_story_counts_as_begun_where_its_first_member_stands_in_the_replay():
    stories = StoryClusterer(ClusterOptions(model=TEXT_ONLY, merge_threshold=2.0))
    stories.resume({}, highest_story_number=2)
    for item in unrelated(20):
        stories.restore(item, None)
    stories.restore(article("a", QUAKE[0]), "story-000001")
    stories.restore(article("b", QUAKE[1]), "story-000001")
    stories.restore(article("lone", LONE), "story-000002")
    assert stories.settle() == []  # begun at the 23rd article of 23
    for item in unrelated(30, first=20):
        stories.place(item)
    [merge] = stories.settle()
    assert (merge.absorbed, merge.into) == ("story-000002", "story-000001")
