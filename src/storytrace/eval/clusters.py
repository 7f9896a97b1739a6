"""Scorer for event clustering on ECB+-style JSONL (``id``, ``title``, ``text``, gold ``event``).

The articles stream through the online ``StoryClusterer`` in file order (the corpus has no dates);
the gold label is never shown to it. Each article goes through the NLP stage (sentences, entities)
first; the corpus text is already clean, so extraction and cleaning are skipped. Scores: pairwise
precision/recall/F1 over unordered article pairs, BCubed precision/recall/F1 (per-article
averages), and the two cluster counts.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storytrace.model import Article
from storytrace.stories.clusterer import ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures, features_from_article
from storytrace.stories.pairs import PairModel
from storytrace.stories.tuning import fit_pair_model, oracle_pairs


@dataclass(slots=True, frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs_within(sizes: Iterable[int]) -> int:
    return sum(size * (size - 1) // 2 for size in sizes)


def pairwise_scores(predicted: Sequence[str], gold: Sequence[str]) -> Scores:
    """Precision/recall over unordered item pairs put together (labels aligned by position)."""
    together = _pairs_within(Counter(zip(predicted, gold)).values())
    predicted_pairs = _pairs_within(Counter(predicted).values())
    gold_pairs = _pairs_within(Counter(gold).values())
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, f1_score(precision, recall))


def bcubed_scores(predicted: Sequence[str], gold: Sequence[str]) -> Scores:
    """BCubed (Bagga & Baldwin 1998): per item, the share of its predicted cluster that shares its
    gold label (precision) and of its gold cluster that shares its predicted one (recall)."""
    if not predicted:
        return Scores(1.0, 1.0, 1.0)
    overlap = Counter(zip(predicted, gold))
    predicted_size, gold_size = Counter(predicted), Counter(gold)
    precision = sum(overlap[p, g] / predicted_size[p] for p, g in zip(predicted, gold)) / len(predicted)
    recall = sum(overlap[p, g] / gold_size[g] for p, g in zip(predicted, gold)) / len(predicted)
    return Scores(precision, recall, f1_score(precision, recall))


def cluster_report(predicted: Sequence[str], gold: Sequence[str]) -> dict:
    return {
        "pairwise": pairwise_scores(predicted, gold).as_dict(),
        "bcubed": bcubed_scores(predicted, gold).as_dict(),
        "clusters_predicted": len(set(predicted)),
        "clusters_gold": len(set(gold)),
        "articles": len(predicted),
    }


@dataclass(slots=True, frozen=True)
class LabelledArticle:
    article: Article
    event: str


def read_labelled(path: Path) -> list[LabelledArticle]:
    labelled = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                labelled.append(_labelled(json.loads(line), f"{path}:line {number}"))
    return labelled


def _labelled(record: Mapping, origin: str) -> LabelledArticle:
    article = Article(
        id=str(record["id"]), origin=origin, fmt="jsonl", text=record["text"], title=record.get("title")
    )
    return LabelledArticle(article, str(record["event"]))


def analyse(articles: list[Article], n_process: int = 1) -> None:
    """Entity mentions from the project's NLP stage (sentences + NER + entity resolution)."""
    from storytrace.nlp.pipeline import Analyzer
    from storytrace.nlp.registry import EntityRegistry

    Analyzer(n_process=n_process).analyze(articles, EntityRegistry())


def cluster_in_order(features: Iterable[ArticleFeatures], options: ClusterOptions | None = None) -> list[str]:
    """Streams the features through a fresh clusterer, settling it at the end of the stream; each
    article's final (post-merge) story."""
    clusterer = StoryClusterer(options)
    ids = [clusterer.place(item).story_id and item.article_id for item in features]
    clusterer.settle()
    return [clusterer.story_for(article_id) or "" for article_id in ids]


def evaluate_clusters(path: Path, options: ClusterOptions | None = None, n_process: int = 1) -> dict:
    labelled = read_labelled(Path(path))
    articles = [item.article for item in labelled]
    started = time.perf_counter()
    analyse(articles, n_process)
    analysed = time.perf_counter()
    predicted = cluster_in_order((features_from_article(article) for article in articles), options)
    clustered = time.perf_counter()
    report = cluster_report(predicted, [item.event for item in labelled])
    report["seconds"] = {"analysis": round(analysed - started, 2), "clustering": round(clustered - analysed, 2)}
    return report


def fit_model(path: Path, min_text: float = 0.1) -> PairModel:
    """Refits the clusterer's pair model on a labelled file (how ``clusterer.DEFAULT_MODEL`` was made,
    from ECB+ ``train.jsonl``); pass the result as ``ClusterOptions(model=...)``."""
    labelled = read_labelled(Path(path))
    articles = [item.article for item in labelled]
    analyse(articles)
    features = [features_from_article(article) for article in articles]
    rows, labels = oracle_pairs(features, [item.event for item in labelled], min_text=min_text)
    return fit_pair_model(rows, labels)
