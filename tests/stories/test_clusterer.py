"""Online clustering: joining, new stories, derivation links, closing, late joins, merges."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures, text_terms, tokens
from storytrace.stories.index import StoryIndex
from storytrace.stories.pairs import FEATURE_NAMES, PairModel

# Joins when the term cosine is at least 0.4: makes the arithmetic of these tests checkable by hand.
TEXT_ONLY = PairModel(tuple(10.0 if name == "text" else 0.0 for name in FEATURE_NAMES), -4.0)
DAY = datetime(2024, 3, 1)


def article(article_id: str, words: str, when: datetime | None = None, source: str | None = None) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(words.split()), Counter(), when, source, title=words)


def clusterer(**options) -> StoryClusterer:
    options.setdefault("model", TEXT_ONLY)
    options.setdefault("merge_threshold", 2.0)
    return StoryClusterer(ClusterOptions(**options))


def test_similar_articles_share_a_story_and_others_start_one():
    stories = clusterer()
    first = stories.assign(article("a", "quake lima peru magnitude dead"))
    second = stories.assign(article("b", "quake lima peru magnitude rescue"))
    third = stories.assign(article("c", "rehab singer clinic malibu"))
    assert first == second != third
    assert stories.story_for("b") == first


def test_a_copy_joins_its_source_story_whatever_its_words():
    stories = clusterer()
    source = stories.assign(article("a", "quake lima peru magnitude dead"))
    placed = stories.place(article("b", "completely different words here", source="a"))
    assert (placed.story_id, placed.via) == (source, "derivation")


def test_a_quiet_story_closes_and_a_late_article_can_still_join():
    stories = clusterer(quiet_period=timedelta(days=2), forget_after=timedelta(days=30))
    old = stories.assign(article("a", "quake lima peru magnitude dead", DAY))
    stories.assign(article("b", "rehab singer clinic malibu", DAY + timedelta(days=5)))
    assert stories.stories[old].closed
    late = stories.place(article("c", "quake lima peru magnitude rescue", DAY + timedelta(hours=6)))
    assert (late.story_id, late.via) == (old, "late")
    assert not stories.stories[old].closed


def test_a_closed_story_is_not_joined_by_a_current_article_and_is_forgotten_later():
    stories = clusterer(quiet_period=timedelta(days=2), forget_after=timedelta(days=10))
    old = stories.assign(article("a", "quake lima peru magnitude dead", DAY))
    new = stories.assign(article("b", "quake lima peru magnitude dead", DAY + timedelta(days=5)))
    assert new != old
    stories.assign(article("c", "rehab singer clinic malibu", DAY + timedelta(days=40)))
    assert old not in stories.stories and stories.story_for("a") is None


def test_an_article_bridging_two_stories_merges_them_and_the_merge_is_recorded():
    stories = clusterer(merge_threshold=0.5)
    left = stories.assign(article("a", "alpha beta"))
    right = stories.assign(article("b", "gamma delta"))
    assert left != right
    stories.assign(article("c", "alpha beta gamma delta"))
    assert len(stories.merges) == 1
    merge = stories.merges[0]
    assert {merge.absorbed, merge.into} == {left, right}
    assert stories.story_for("a") == stories.story_for("b") == stories.resolve(merge.absorbed) == merge.into
    assert len(list(stories.live_stories())) == 1


def test_time_gap_lowers_the_score():
    near, far = clusterer(), clusterer()
    for stories in (near, far):
        stories.assign(article("a", "quake lima peru magnitude dead", DAY))
    close = near.place(article("b", "quake lima peru magnitude rescue", DAY + timedelta(hours=1)))
    distant = far.place(article("b", "quake lima peru magnitude rescue", DAY - timedelta(days=1)))
    assert close.score > distant.score


def test_index_ranks_only_stories_that_share_keys():
    index = StoryIndex()
    index.add("s1", ["quake", "lima"])
    index.add("s2", ["quake"])
    index.add("s3", ["rehab"])
    assert index.candidates({"quake": 1.0, "lima": 2.0}, limit=5) == ["s1", "s2"]
    index.remove("s1", ["quake", "lima"])
    assert index.candidates({"lima": 1.0}, limit=5) == []


def test_terms_are_stems_and_numbers_with_the_title_counted_twice():
    assert tokens("The earthquakes killed 1,200 people in 2008") == ["earthquak", "kill", "#1200", "people", "#2008"]
    terms = text_terms("Quake", "quake hits")
    assert terms["quake"] == 2 and terms["hits"] == 1
