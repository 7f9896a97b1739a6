"""Cost of assigning one article with many articles in open stories, on synthetic features.

Events draw their words and entities from their own small vocabularies on top of a shared Zipf-like
background, so candidate lookup, scoring and merging see realistic posting-list lengths. The open
stories are filled with ``StoryClusterer.add`` (the gold story, no scoring) so that building the
state stays cheap; then ``measured`` new articles are placed with ``place`` and timed one by one.
"""

from __future__ import annotations

import itertools
import random
import resource
import statistics
import time
from collections import Counter
from datetime import datetime, timedelta

from storytrace.stories.clusterer import Assignment, ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures

BACKGROUND_WORDS = 30_000
EVENT_WORDS = 40
EVENT_ENTITIES = 6


class FeatureGenerator:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, BACKGROUND_WORDS + 1)))

    def event(self, number: int) -> tuple[list[str], list[str]]:
        words = [f"e{number}w{i}" for i in range(EVENT_WORDS)]
        entities = [f"person:e{number}p{i}" for i in range(EVENT_ENTITIES)]
        return words, entities

    def article(self, article_id: str, event: tuple[list[str], list[str]], when: datetime | None) -> ArticleFeatures:
        words, entities = event
        background = self.random.choices(range(BACKGROUND_WORDS), cum_weights=self.cumulative, k=180)
        terms = Counter(f"w{index}" for index in background)
        terms.update(self.random.sample(words, 20))
        mentioned = Counter(self.random.sample(entities, 4))
        title = frozenset(self.random.sample(words, 5))
        return ArticleFeatures(article_id, terms, mentioned, when, title=" ".join(title), title_terms=title)


def run_assignment_bench(
    open_articles: int = 100_000, per_story: int = 5, measured: int = 500, seed: int = 7
) -> dict:
    generator = FeatureGenerator(seed)
    clusterer = StoryClusterer(ClusterOptions())
    events = open_articles // per_story
    fill_started = time.perf_counter()
    for number in range(open_articles):
        event_number = number % events
        article = generator.article(f"a{number}", generator.event(event_number), None)
        view = clusterer.observe(article)
        story_id = clusterer.story_for(f"a{event_number}") or ""
        clusterer.add(article, Assignment(story_id, 0.0, "bench"), view)
    fill_seconds = time.perf_counter() - fill_started
    timings = []
    for number in range(measured):
        article = generator.article(f"m{number}", generator.event(generator.random.randrange(events * 2)), None)
        started = time.perf_counter()
        clusterer.place(article)
        timings.append((time.perf_counter() - started) * 1000.0)
    return {
        "open_articles": open_articles,
        "open_stories": sum(1 for _ in clusterer.live_stories()),
        "measured": measured,
        "assign_ms_median": round(statistics.median(timings), 2),
        "assign_ms_p95": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
        "fill_seconds": round(fill_seconds, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_closing_bench(articles: int = 20_000, per_day: int = 1_000, seed: int = 7) -> dict:
    """A dated stream: with stories closing and being forgotten, the live state stays bounded."""
    generator = FeatureGenerator(seed)
    options = ClusterOptions(quiet_period=timedelta(days=2), forget_after=timedelta(days=5))
    clusterer = StoryClusterer(options)
    start, live, kept = datetime(2024, 1, 1), [], []
    for number in range(articles):
        when = start + timedelta(days=number / per_day)
        clusterer.place(generator.article(f"a{number}", generator.event(number // 3), when))
        if number % per_day == per_day - 1:
            live.append(sum(1 for story in clusterer.live_stories() if not story.closed))
            kept.append(sum(1 for _ in clusterer.live_stories()))
    return {
        "articles": articles,
        "open_stories_per_day": live,
        "kept_stories_per_day": kept,
        "tracked_articles": len(clusterer.story_of),
    }
