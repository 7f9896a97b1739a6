"""Throughput of fingerprinting + candidate lookup + indexing, on synthetic articles.

The lead can wire ``run_reuse_bench`` into ``storytrace bench``. Articles are random word sequences
over a Zipf-like vocabulary; every tenth one is a spun copy (a quarter of the words swapped) of a
recent article, so lookups find real candidates, not only empty buckets. Only the index's own work
is timed (generating the texts is not).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np

from storytrace.reuse.index import LinkIndex


def synthetic_articles(count: int, words: int = 400, seed: int = 7, vocabulary_size: int = 50_000) -> Iterator[str]:
    generator = np.random.default_rng(seed)
    vocabulary = np.array([f"w{n:x}" for n in range(vocabulary_size)])
    weights = 1.0 / np.arange(1, vocabulary_size + 1) ** 0.8
    cumulative = np.cumsum(weights / weights.sum())
    recent: list[np.ndarray] = []
    for number in range(count):
        if number % 10 == 9 and recent:
            picked = recent[int(generator.integers(len(recent)))].copy()
            swapped = generator.random(picked.size) < 0.25
            picked[swapped] = np.searchsorted(cumulative, generator.random(int(swapped.sum())))
        else:
            picked = np.minimum(np.searchsorted(cumulative, generator.random(words)), vocabulary_size - 1)
            recent = (recent + [picked])[-1000:]
        yield " ".join(vocabulary[picked].tolist())


def run_reuse_bench(count: int = 10_000, words: int = 400, report_every: int = 0,
                    on_report: Callable[[dict], None] | None = None) -> dict:
    index = LinkIndex()
    rss_before = _peak_rss_mb()
    seconds = cpu_seconds = 0.0
    found = 0
    for number, text in enumerate(synthetic_articles(count, words)):
        started, cpu_started = time.perf_counter(), time.process_time()
        _, candidates = index.add(f"a{number}", text)
        seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
        found += bool(candidates)
        if on_report and report_every and (number + 1) % report_every == 0:
            on_report(_summary(index, number + 1, words, seconds, cpu_seconds, found, rss_before))
    return _summary(index, count, words, seconds, cpu_seconds, found, rss_before)


def _summary(index: LinkIndex, count: int, words: int, seconds: float, cpu_seconds: float, found: int, rss_before: float) -> dict:
    return {
        "articles": count,
        "words_per_article": words,
        "seconds": round(seconds, 2),
        "articles_per_second": round(count / max(seconds, 1e-9), 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "articles_per_cpu_second": round(count / max(cpu_seconds, 1e-9), 1),
        "articles_with_candidates": found,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_growth_mb": round(_peak_rss_mb() - rss_before, 1),
        "index_megabytes": round(index.index.memory_bytes() / 2**20, 1),
        "index_stats": index.index.stats.as_dict(),
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    print(json.dumps(run_reuse_bench(total, report_every=every, on_report=lambda r: print(json.dumps(r), flush=True))))
