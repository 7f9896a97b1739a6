"""Scorer for the article-body extraction benchmark (Scrapinghub's article-extraction-benchmark).

Corpus layout: ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {articleBody, url}}``).
Both texts are split into word tokens (``\\w+``) and compared as multisets of word 4-grams
("shingles"). Per page, tp/fp/fn come from the shingle counts; precision and recall are averaged
over pages (a page without predicted shingles is skipped for precision, one without true shingles
for recall), and F1 is computed from the two means.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storytrace.ingest.charset import decode_html
from storytrace.ingest.html import HtmlPage, extract_html

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")

PageExtractor = Callable[..., HtmlPage | None]


@dataclass(slots=True, frozen=True)
class PageScore:
    """Shingle agreement on one page; tp + fp + fn == 1 unless all three are 0."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        true = self.tp + self.fn
        return self.tp / true if true else None


@dataclass(slots=True, frozen=True)
class Aggregate:
    precision: float
    recall: float
    f1: float


@dataclass(slots=True, frozen=True)
class BenchmarkPage:
    id: str
    url: str | None
    html: str
    true_text: str


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Word n-grams of ``text`` with their multiplicity."""
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def score_page(predicted: str, true: str, size: int = SHINGLE_SIZE) -> PageScore:
    """Compare one predicted body against the true one, normalised so tp + fp + fn == 1."""
    predicted_counts, true_counts = shingles(predicted, size), shingles(true, size)
    tp = sum((predicted_counts & true_counts).values())
    fp = sum((predicted_counts - true_counts).values())
    fn = sum((true_counts - predicted_counts).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def _mean(values: Iterable[float | None]) -> float:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else 0.0


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def aggregate(scores: list[PageScore]) -> Aggregate:
    """Macro precision and recall over pages, and the F1 of those two means."""
    precision = _mean(score.precision for score in scores)
    recall = _mean(score.recall for score in scores)
    return Aggregate(precision, recall, f1_score(precision, recall))


def load_benchmark(corpus_dir: Path) -> Iterator[BenchmarkPage]:
    """Yield the benchmark pages that have both an HTML file and a ground truth, in id order."""
    truth = json.loads((corpus_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = corpus_dir / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        entry = truth[page_id]
        html = decode_html(gzip.decompress(path.read_bytes()))
        yield BenchmarkPage(page_id, entry.get("url"), html, entry.get("articleBody") or "")


def _predict(extractor: PageExtractor, page: BenchmarkPage) -> str | None:
    """The extracted body text, or None when the extractor gave nothing or raised."""
    try:
        result = extractor(page.html, url=page.url)
    except Exception:  # a crashing extractor is scored as a failed page, not a failed run
        return None
    return result.text if result is not None else None


def evaluate_extraction(corpus_dir: Path, extractor: PageExtractor = extract_html) -> dict[str, float | int]:
    """Score ``extractor`` on a benchmark folder; failed pages count as empty predictions."""
    started = time.perf_counter()
    scores: list[PageScore] = []
    failed = 0
    for page in load_benchmark(Path(corpus_dir)):
        predicted = _predict(extractor, page)
        failed += predicted is None
        scores.append(score_page(predicted or "", page.true_text))
    seconds = time.perf_counter() - started
    result = aggregate(scores)
    return {
        "precision": result.precision,
        "recall": result.recall,
        "f1": result.f1,
        "pages": len(scores),
        "pages_failed": failed,
        "seconds": seconds,
        "pages_per_second": len(scores) / seconds if seconds else 0.0,
    }
