"""Story records: roles from links, the headline from the most original member, span, entities."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from storytrace.model import Article, Mention, ReuseLink, Span
from storytrace.stories.clusterer import StoryClusterer
from storytrace.stories.features import ArticleFeatures
from storytrace.stories.records import build_stories, build_story


def make(article_id: str, title: str, day: int | None = None, people: tuple[str, ...] = ()) -> Article:
    article = Article(id=article_id, origin=article_id, fmt="text", text=title, title=title)
    article.published = datetime(2024, 3, day) if day else None
    article.mentions = [Mention(Span(0, 1), p, "PERSON", f"person:{p}") for p in people]
    return article


def test_roles_come_from_links_and_the_headline_from_the_original():
    copy, original, other = make("c", "Copied headline", 3), make("o", "Original headline", 4), make("i", "Own", 2)
    story = build_story("s1", [copy, original, other], [ReuseLink("o", "c", "copy", 0.9)])
    assert {m.article_id: m.role for m in story.members} == {"c": "copy", "o": "original", "i": "independent"}
    assert story.headline == "Original headline"
    assert (story.start, story.end) == (datetime(2024, 3, 2), datetime(2024, 3, 4))


def test_without_links_the_earliest_article_is_the_original():
    story = build_story("s1", [make("late", "Late", 9), make("early", "Early", 1), make("undated", "Undated")])
    assert story.headline == "Early"
    assert [m.role for m in story.members] == ["independent", "original", "independent"]


def test_entities_are_ranked_by_mentions():
    story = build_story("s1", [make("a", "A", people=("reid", "lohan")), make("b", "B", people=("reid",))])
    assert story.entity_ids == ["person:reid", "person:lohan"]


def test_build_stories_covers_the_clusterers_live_stories():
    clusterer = StoryClusterer()
    articles = {i: make(i, f"Title {i}") for i in ("a", "b")}
    for article_id in articles:
        clusterer.assign(ArticleFeatures(article_id, Counter({article_id * 3: 1}), Counter()))
    stories = build_stories(clusterer, articles)
    assert sorted(m.article_id for s in stories for m in s.members) == ["a", "b"]
