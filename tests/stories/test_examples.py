"""The examples through the real stages (extract, clean, analyse) and the clusterer."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.clean import CleanOptions, LineStats, clean_article
from storytrace.eval.clusters import analyse, cluster_in_order, cluster_report, read_labelled
from storytrace.ingest.extract import to_article
from storytrace.model import Article, RawDoc
from storytrace.stories import StoryClusterer, build_stories, compare_story, features_from_article

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    paths = sorted((EXAMPLES / "seeds").glob("*.txt"))
    raws = [RawDoc(origin=str(p), fmt="text", text=p.read_text(encoding="utf-8"), id=p.stem[:3]) for p in paths]
    articles = [to_article(raw) for raw in raws]
    stats = LineStats()
    for article in articles:
        stats.observe(article)
    for article in articles:
        clean_article(article, stats, CleanOptions())
    analyse(articles)
    return articles


def test_the_two_seeds_form_one_story(seeds):
    clusterer = StoryClusterer()
    story_ids = {clusterer.assign(features_from_article(article)) for article in seeds}
    assert len(story_ids) == 1
    [story] = build_stories(clusterer, {a.id: a for a in seeds})
    assert [m.article_id for m in story.members] == ["000", "003"]
    assert "country:JPN" in story.entity_ids
    assert compare_story(seeds).only_in("003")


def test_the_ecbplus_sample_forms_one_story_per_event():
    # Each topic holds two similar events (two rehab check-ins, ...): no story may take both, and
    # no event may split (a blog's roundup of three items joins its first item's story when the
    # stream ends: on the third article of a stream every word looks rare).
    labelled = read_labelled(EXAMPLES / "ecbplus" / "sample.jsonl")
    articles = [item.article for item in labelled]
    analyse(articles)
    report = cluster_report(cluster_in_order(map(features_from_article, articles)), [i.event for i in labelled])
    assert report["clusters_gold"] == 6
    assert report["pairwise"]["precision"] == report["bcubed"]["precision"] == 1.0
    assert report["pairwise"]["recall"] == report["bcubed"]["recall"] == 1.0
    assert report["clusters_predicted"] == 6
