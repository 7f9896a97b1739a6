"""The clustering scores, on hand-computed examples, and the scorer end to end on a tiny file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.eval import clusters
from storytrace.eval.clusters import bcubed_scores, cluster_report, pairwise_scores, read_labelled

PREDICTED = ["a", "a", "b", "b"]
GOLD = ["x", "x", "x", "y"]


def test_pairwise_counts_unordered_pairs():
    scores = pairwise_scores(PREDICTED, GOLD)
    # predicted pairs (0,1) (2,3); gold pairs (0,1) (0,2) (1,2); both: (0,1)
    assert scores.precision == pytest.approx(1 / 2)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)


def test_bcubed_averages_over_items():
    scores = bcubed_scores(PREDICTED, GOLD)
    assert scores.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert scores.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_perfect_and_all_singletons():
    assert pairwise_scores(GOLD, GOLD).f1 == bcubed_scores(GOLD, GOLD).f1 == 1.0
    singletons = ["1", "2", "3", "4"]
    assert pairwise_scores(singletons, GOLD).recall == 0.0
    assert bcubed_scores(singletons, GOLD).precision == 1.0


def test_report_has_the_benchmark_keys():
    report = cluster_report(PREDICTED, GOLD)
    assert set(report["pairwise"]) == set(report["bcubed"]) == {"precision", "recall", "f1"}
    assert (report["clusters_predicted"], report["clusters_gold"]) == (2, 2)


def _write_corpus(path: Path) -> Path:
    quake = "A strong earthquake of magnitude {m} struck {p} on Monday, killing {k} people and destroying homes."
    rehab = "Singer {n} checked into a rehabilitation clinic in {p}, a spokesman for {n} said on Friday."
    records = [
        {"id": "q1", "title": "Quake hits Lima", "text": quake.format(m="7.1", p="Lima, Peru", k=40), "event": "q"},
        {"id": "r1", "title": "Star in rehab", "text": rehab.format(n="Tara Reid", p="Malibu"), "event": "r"},
        {"id": "q2", "title": "Lima quake", "text": quake.format(m="7.1", p="Lima, Peru", k=40), "event": "q"},
        {"id": "r2", "title": "Reid in rehab", "text": rehab.format(n="Tara Reid", p="Malibu"), "event": "r"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_read_labelled_hides_the_label_from_the_article(tmp_path):
    labelled = read_labelled(_write_corpus(tmp_path / "c.jsonl"))
    assert [item.event for item in labelled] == ["q", "r", "q", "r"]
    assert all("event" not in item.article.extra for item in labelled)


def test_evaluate_clusters_streams_and_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(clusters, "analyse", lambda articles, n_process=1: None)  # no NER: terms only
    report = clusters.evaluate_clusters(_write_corpus(tmp_path / "c.jsonl"))
    assert report["pairwise"]["f1"] == 1.0
    assert report["clusters_predicted"] == report["clusters_gold"] == 2
