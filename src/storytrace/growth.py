"""Growth curves: one generated stream through fingerprinting (the reuse index) and online story
clustering, with the cost and the memory read at checkpoints (10k, 100k, 1M articles), and an SVG
plot of both curves.

The articles come from the two stages' own generators (``reuse.bench.synthetic_articles``: texts with
spun copies; ``stories.benchmark``: dated story features), so no spaCy pass is needed: the curves show
what grows with the corpus, not the per-article model cost (``storytrace bench`` shows that).
"""

from __future__ import annotations

import math
import resource
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from storytrace.engine.local import PipelineOptions
from storytrace.reuse.bench import synthetic_articles
from storytrace.reuse.index import LinkIndex
from storytrace.stories.benchmark import FeatureGenerator
from storytrace.stories.clusterer import ClusterOptions, StoryClusterer

ARTICLES_PER_DAY = 20_000  # a large monitor's daily intake, so 1M articles span 50 days
ARTICLES_PER_EVENT = 4


@dataclass(slots=True)
class Checkpoint:
    articles: int
    fingerprint_seconds: float
    cluster_seconds: float
    rss_mb: float  # resident now
    peak_rss_mb: float
    index_mb: float
    indexed_articles: int  # in the reuse index's window
    frequency_keys: int  # terms and entities with a document frequency
    open_stories: int
    kept_stories: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / max(self.fingerprint_seconds + self.cluster_seconds, 1e-9)


def run_growth(checkpoints: list[int], words: int = 400, seed: int = 7, on_checkpoint=None,
               reuse_window: int | None = PipelineOptions().reuse_window) -> list[Checkpoint]:
    """Streams ``max(checkpoints)`` articles; CPU seconds of each stage, cumulative, at each checkpoint.
    The reuse index keeps ``reuse_window`` articles, as the ingest pipeline does by default."""
    index, clusterer, features = LinkIndex(window=reuse_window), _dated_clusterer(), FeatureGenerator(seed)
    start, wanted, reached = datetime(2024, 1, 1), sorted(set(checkpoints)), []
    fingerprint_seconds = cluster_seconds = 0.0
    for number, text in enumerate(synthetic_articles(wanted[-1], words, seed)):
        when = start + timedelta(days=number / ARTICLES_PER_DAY)
        article = features.article(f"a{number}", features.event(number // ARTICLES_PER_EVENT), when)
        began = time.process_time()
        index.add(f"a{number}", text)
        middle = time.process_time()
        clusterer.place(article)
        fingerprint_seconds += middle - began
        cluster_seconds += time.process_time() - middle
        if number + 1 in wanted:
            reached.append(_checkpoint(number + 1, fingerprint_seconds, cluster_seconds, index, clusterer))
            if on_checkpoint:
                on_checkpoint(reached[-1])
    return reached


def _dated_clusterer() -> StoryClusterer:
    return StoryClusterer(ClusterOptions(quiet_period=timedelta(days=2), forget_after=timedelta(days=5)))


def _checkpoint(articles: int, fingerprint: float, cluster: float, index: LinkIndex, clusterer: StoryClusterer) -> Checkpoint:
    stories = list(clusterer.live_stories())
    return Checkpoint(
        articles=articles,
        fingerprint_seconds=round(fingerprint, 2),
        cluster_seconds=round(cluster, 2),
        rss_mb=round(_resident_mb(), 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        index_mb=round(index.index.memory_bytes() / 2**20, 1),
        indexed_articles=len(index.ids),
        frequency_keys=len(clusterer.terms_df.counts) + len(clusterer.entities_df.counts),
        open_stories=sum(1 for story in stories if not story.closed),
        kept_stories=len(stories),
    )


def _resident_mb() -> float:
    """Resident memory now (``ru_maxrss`` is the peak, which a passing spike sets for good)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pages * resource.getpagesize() / 2**20


def as_rows(checkpoints: list[Checkpoint]) -> list[dict]:
    return [asdict(point) | {"articles_per_second": round(point.articles_per_second, 1)} for point in checkpoints]


def write_svg(checkpoints: list[Checkpoint], path: Path) -> None:
    """Two panels on log-log axes: CPU seconds of each stage, and memory (peak RSS, index)."""
    panels = [
        ("CPU seconds", {"fingerprint + lookup": [p.fingerprint_seconds for p in checkpoints],
                         "story clustering": [p.cluster_seconds for p in checkpoints]}),
        ("memory (MB)", {"resident": [p.rss_mb for p in checkpoints],
                         "reuse index": [p.index_mb for p in checkpoints]}),
    ]
    counts = [p.articles for p in checkpoints]
    body = "".join(_panel(title, series, counts, 20 + 400 * number) for number, (title, series) in enumerate(panels))
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="820" height="340" font-family="sans-serif" font-size="12">{body}</svg>\n')


COLOURS = ("#1f6feb", "#d1242f")


def _panel(title: str, series: dict[str, list[float]], counts: list[int], left: int) -> str:
    width, height, top = 340, 240, 40
    values = [value for line in series.values() for value in line if value > 0] or [1.0]
    low, high = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2
    first, last = math.log10(counts[0]), math.log10(counts[-1]) if counts[-1] > counts[0] else math.log10(counts[0]) + 1

    def x(count: int) -> float:
        return left + 40 + (math.log10(count) - first) / (last - first) * width

    def y(value: float) -> float:
        return top + height - (math.log10(max(value, 1e-3)) - low) / (high - low) * height

    parts = [f'<text x="{left + 40}" y="24" font-weight="bold">{title} vs articles (log-log)</text>',
             f'<rect x="{left + 40}" y="{top}" width="{width}" height="{height}" fill="none" stroke="#888"/>']
    for count in counts:
        parts.append(f'<text x="{x(count):.0f}" y="{top + height + 16}" text-anchor="middle">{count:,}</text>')
    for number, (name, line) in enumerate(series.items()):
        points = " ".join(f"{x(c):.1f},{y(v):.1f}" for c, v in zip(counts, line))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{COLOURS[number]}" stroke-width="2"/>')
        for count, value in zip(counts, line):
            parts.append(f'<text x="{x(count) + 4:.0f}" y="{y(value) - 4:.0f}" fill="{COLOURS[number]}">{value:g}</text>')
        parts.append(f'<text x="{left + 50}" y="{top + 16 + 16 * number}" fill="{COLOURS[number]}">{name}</text>')
    return "".join(parts)
