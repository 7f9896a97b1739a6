"""Sums of money named in the lead tell two similar events apart: two jewel heists in one city, one of
85 million euros, one of 2 million, read alike but for the haul."""

from __future__ import annotations

import re
from collections import Counter

from storytrace.model import Article, Span
from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures, amounts, features_from_article
from storytrace.stories.pairs import FEATURE_NAMES, PairModel

# Joins when the term cosine is at least 0.4 (as in test_small_stories).
TEXT_ONLY = PairModel(tuple(10.0 if name == "text" else 0.0 for name in FEATURE_NAMES), -4.0)
HEIST = "paris jewellery heist robbers store diamonds"


def article(article_id: str, sums: set[float], words: str = HEIST) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(words.split()), Counter(), title=words, lead_amounts=frozenset(sums))


def clusterer(**options) -> StoryClusterer:
    options.setdefault("model", TEXT_ONLY)
    options.setdefault("merge_threshold", 2.0)
    return StoryClusterer(ClusterOptions(**options))


def test_sums_of_money_in_millions_and_billions_not_metres_or_head_counts():
    text = "Robbers steal 85 million euros ($108 million), a $2.6-million booty, £1.7m, US$ 3bn, 40 million yen"
    assert amounts(text) == {85e6, 108e6, 2.6e6, 1.7e6, 3e9, 40e6}
    assert amounts("a 5m wall, 2 million people, 1,200 million viewers, 2 p.m.") == frozenset()
    assert amounts("He told us 2 million people would come; EUR 40m") == {40e6}
    assert amounts("no sums at all, 85 percent, $85") == frozenset()


def test_lead_sums_come_from_the_headline_and_first_sentences_only():
    text = "Heist\nThieves took 2 million euros.\nIt is the latest.\nIn 2008 robbers took 85 million euros."
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    analysed = Article("a", "test", "text", text, title="Heist", sentences=sentences)
    assert features_from_article(analysed).lead_amounts == {2e6}


def test_an_article_whose_sum_is_another_order_of_size_does_not_join():
    for sums, joins in (({2e6}, False), ({108e6}, True), (set(), True)):
        stories = clusterer(small_threshold=0.6)
        first = stories.assign(article("a", {85e6, 74e6}))
        assert (stories.assign(article("b", sums)) == first) is joins


def test_stories_whose_sums_differ_do_not_merge():
    for sums, together in (({2e6}, False), ({90e6}, True)):
        stories = clusterer(threshold=0.95, small_threshold=0.95)
        stories.assign(article("a", {85e6}, "alpha beta gamma"))
        stories.assign(article("b", sums, "alpha beta delta"))
        stories.options.merge_threshold = 0.5
        stories.assign(article("bridge", set(), "alpha beta gamma delta"))
        assert (stories.story_for("a") == stories.story_for("b")) is together


def test_no_adoption_of_a_lone_article_whose_sum_differs():
    for sums, adopted in (({2e6}, False), ({85e6}, True)):
        stories = clusterer()
        for n in range(2):
            stories.assign(article(f"s{n}", {85e6}, "quake lima peru magnitude dead rescue"))
        stories.assign(article("x", set(), "rehab singer clinic malibu"))
        assert stories.place(article("lone", sums, "lima peru aftershock tents survivors")).via == "new"
        stories.assign(article("s2", {85e6}, "quake lima peru magnitude aftershock tents"))
        stories.assign(article("s3", set(), "quake lima peru dead aftershock survivors"))
        assert (stories.story_for("lone") == stories.story_for("s0")) is adopted
