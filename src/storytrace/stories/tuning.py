"""Fitting the pair model on a labelled stream (e.g. ECB+ train): oracle stories, logistic regression.

The stream is replayed with every article put in its gold story; each candidate the clusterer would
have scored becomes one training pair (features, same event?); pairs with a term cosine under
``min_text`` are left out, so the fit concentrates on the hard cases (same topic, maybe not the
same event). Features are standardised for the
fit and the weights mapped back, so the model applies to raw features.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storytrace.stories.clusterer import Assignment, ClusterOptions, StoryClusterer
from storytrace.stories.features import ArticleFeatures
from storytrace.stories.pairs import PairModel, with_products


def oracle_pairs(
    articles: Sequence[ArticleFeatures],
    gold: Sequence[str],
    options: ClusterOptions | None = None,
    min_text: float = 0.1,
) -> tuple[list[list[float]], list[int]]:
    clusterer = StoryClusterer(options)
    story_of_event: dict[str, str] = {}
    rows, labels = [], []
    for article, event in zip(articles, gold):
        view = clusterer.observe(article)
        for candidate in clusterer.candidates(view):
            if candidate.features[0] < min_text:
                continue
            rows.append(candidate.features)
            labels.append(int(story_of_event.get(event) == candidate.story.id))
        placed = clusterer.add(article, Assignment(story_of_event.get(event, ""), 0.0, "oracle"), view)
        story_of_event[event] = placed.story_id
    return rows, labels


def fit_pair_model(
    rows: list[list[float]], labels: list[int], l2: float = 1e-3, steps: int = 3000, crossed: bool = False
) -> PairModel:
    """Plain logistic regression by gradient descent, classes weighted to balance."""
    inputs = [with_products(row) for row in rows] if crossed else rows
    x, y = np.asarray(inputs, dtype=float), np.asarray(labels, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    positive = max(y.mean(), 1e-9)
    sample_weight = np.where(y == 1, 0.5 / positive, 0.5 / max(1 - positive, 1e-9))
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        predicted = 1.0 / (1.0 + np.exp(-(z @ weights + bias)))
        error = (predicted - y) * sample_weight
        weights -= 0.5 * (z.T @ error / len(y) + l2 * weights)
        bias -= 0.5 * error.mean()
    raw_weights = weights / scale
    bias = float(bias - raw_weights @ mean)
    return PairModel(tuple(round(float(w), 4) for w in raw_weights), round(bias, 4), crossed)
