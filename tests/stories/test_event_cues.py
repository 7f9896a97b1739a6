"""Cues that tell two similar events apart: when the lead dates them, and who they are about."""

from __future__ import annotations

import re
from collections import Counter

from storytrace.model import Article, Mention, Span
from storytrace.stories.clusterer import DEFAULT_MODEL, ClusterOptions, StoryClusterer
from storytrace.stories.features import (
    ArticleFeatures,
    date_words,
    features_from_article,
    mention_entities,
    surname_key,
)
from storytrace.stories.pairs import FEATURE_NAMES, PairModel

# Joins on identical words unless the leads name different dates (then the score falls to 0.12).
TEXT_AND_DATES = PairModel(
    tuple({"text": 10.0, "lead_dates": 8.0}.get(name, 0.0) for name in FEATURE_NAMES), -12.0
)
COACH = "sixers coach maurice cheeks philadelphia head coach team season"


def article(article_id: str, lead_dates: set[str]) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(COACH.split()), Counter(), title=COACH, lead_dates=frozenset(lead_dates))


def test_date_words_are_years_months_and_weekdays_not_verbs():
    text = "WEDNESDAY, MARCH 4, 2009 / Protesters march on Sept. 26; you may go; May 4 and on Dec.14"
    assert date_words(text) == {"2009", "mar", "sep", "may", "dec", "wednesday"}
    assert date_words("The janitor made a decision at the market") == frozenset()


def test_lead_dates_come_from_the_headline_and_first_sentences_only():
    text = "Sixers fire Cheeks\nThe 76ers fired Cheeks on Saturday.\nHe was hired in 2005.\nOn Tuesday, more."
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    analysed = Article("a", "test", "text", text, title="Sixers fire Cheeks", sentences=sentences)
    assert features_from_article(analysed).lead_dates == {"saturday", "2005"}


def test_a_person_counts_under_the_surname_whether_resolved_or_not():
    mentions = [
        Mention(Span(0, 14), "Vincent Jackson", "PERSON", "person:vincent-jackson"),
        Mention(Span(20, 27), "Jackson", "PERSON"),
        Mention(Span(30, 37), "Chargers", "ORG", "org:san-diego-chargers"),
    ]
    assert mention_entities(mentions) == {"person:jackson": 2, "org:san-diego-chargers": 1}
    assert surname_key("person:a-j-smith") == "person:smith"
    assert surname_key("place:san-diego") == "place:san-diego"


def test_a_name_tagged_as_another_kind_counts_as_the_person_of_that_surname():
    mentions = [
        Mention(Span(0, 11), "Bettie Page", "ORG", "org:bettie-page"),
        Mention(Span(20, 24), "Page", "PERSON"),
        Mention(Span(30, 39), "Klitschko", "NORP"),
        Mention(Span(40, 50), "Washington", "GPE", "place:washington"),
        Mention(Span(60, 77), "George Washington", "PERSON"),
    ]
    expected = {"person:page": 2, "norp:klitschko": 1, "place:washington": 1, "person:washington": 1}
    assert mention_entities(mentions) == expected


def test_a_lead_takes_the_surnames_the_whole_article_names():
    text = "Bettie Page dies\nThe pinup Bettie Page died on Thursday.\nPage was 85."
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    mentions = [
        Mention(Span(27, 38), "Bettie Page", "ORG", "org:bettie-page"),
        Mention(Span(57, 61), "Page", "PERSON"),
    ]
    analysed = Article("a", "test", "text", text, title="Bettie Page dies", sentences=sentences, mentions=mentions)
    features = features_from_article(analysed)
    assert features.lead_entities == {"person:page"}
    assert features.entities == {"person:page": 2}


def test_an_event_dated_otherwise_in_the_lead_starts_its_own_story():
    stories = StoryClusterer(ClusterOptions(model=TEXT_AND_DATES, merge_threshold=2.0))
    fired = stories.assign(article("fired", {"2008", "saturday"}))
    hired = stories.assign(article("hired", {"2005", "tuesday"}))
    fired_again = stories.assign(article("fired-again", {"2008", "saturday"}))
    undated = stories.assign(article("undated", set()))
    assert hired != fired
    assert fired_again == fired
    assert undated in (fired, hired)  # no date: no evidence either way, the words decide


def test_the_default_model_has_a_weight_for_every_feature_and_trusts_lead_dates():
    assert len(DEFAULT_MODEL.weights) == len(FEATURE_NAMES)
    assert DEFAULT_MODEL.weights[FEATURE_NAMES.index("lead_dates")] > 0


def arrest(article_id: str, words: str, people: dict[str, int]) -> ArticleFeatures:
    return ArticleFeatures(article_id, Counter(words.split()), Counter(people), title=words)


def bridged_stories(first_person: str, second_person: str) -> StoryClusterer:
    """Two stories on alike words, each naming its person three times an article; then an article on
    the first person bridging them."""
    text_only = PairModel(tuple(10.0 if name == "text" else 0.0 for name in FEATURE_NAMES), -4.0)
    stories = StoryClusterer(ClusterOptions(model=text_only, merge_threshold=0.5))
    stories.assign(arrest("a", "chargers dui arrest highway", {first_person: 3}))
    stories.assign(arrest("b", "lineman drunk driving freeway", {second_person: 3}))
    stories.assign(arrest("c", "chargers dui arrest highway lineman drunk driving freeway", {first_person: 3}))
    return stories


def test_stories_about_different_people_do_not_merge():
    apart = bridged_stories("person:jackson", "person:williams")
    assert apart.merges == [] and apart.story_for("a") != apart.story_for("b")
    together = bridged_stories("person:jackson", "person:jackson")
    assert len(together.merges) == 1 and together.story_for("a") == together.story_for("b")


def test_a_story_is_about_a_person_only_when_named_often_enough():
    stories = bridged_stories("person:jackson", "person:williams")
    story = stories.stories[stories.story_for("a")]
    assert story.subject(("person:",), 2.0) == "person:jackson"  # 1 + ln 3 = 2.1 for each member
    assert story.subject(("person:",), 2.5) is None
