import gzip
import json
from pathlib import Path

import pytest

from storytrace.eval.extraction import (
    PageScore,
    aggregate,
    evaluate_extraction,
    f1_score,
    load_benchmark,
    score_page,
    shingles,
)
from storytrace.ingest.html import HtmlPage

SIX_WORDS = "one two three four five six"


def test_shingles_are_word_4grams_with_multiplicity():
    counts = shingles("a b, c-d a b c d")
    assert counts[("a", "b", "c", "d")] == 2
    assert counts[("b", "c", "d", "a")] == 1
    assert sum(counts.values()) == 5


def test_text_shorter_than_a_shingle_has_none():
    assert not shingles("only three words")


def test_identical_texts_score_one():
    score = score_page(SIX_WORDS, SIX_WORDS)
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert score == PageScore(1.0, 0.0, 0.0)


def test_disjoint_texts_score_zero():
    score = score_page("alpha beta gamma delta epsilon", SIX_WORDS)
    assert (score.precision, score.recall) == (0.0, 0.0)


def test_missing_tail_loses_recall_only():
    score = score_page("one two three four five", SIX_WORDS)
    assert score.tp == pytest.approx(2 / 3)
    assert score.fn == pytest.approx(1 / 3)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)


def test_repeated_text_counts_each_repeat_as_a_false_positive():
    score = score_page("w1 w2 w3 w4 w1 w2 w3 w4", "w1 w2 w3 w4")
    assert score == PageScore(pytest.approx(0.2), pytest.approx(0.8), 0.0)
    assert score.precision == pytest.approx(0.2)
    assert score.recall == 1.0


def test_empty_prediction_has_no_precision_and_zero_recall():
    score = score_page("", SIX_WORDS)
    assert score.precision is None
    assert score.recall == 0.0


def test_empty_truth_has_no_recall():
    assert score_page(SIX_WORDS, "").recall is None


def test_aggregate_means_over_pages_skipping_undefined_precision():
    scores = [
        score_page("one two three four five", SIX_WORDS),  # P 1, R 2/3
        score_page("w1 w2 w3 w4 w1 w2 w3 w4", "w1 w2 w3 w4"),  # P 0.2, R 1
        score_page("", SIX_WORDS),  # P skipped, R 0
    ]
    result = aggregate(scores)
    assert result.precision == pytest.approx(0.6)
    assert result.recall == pytest.approx(5 / 9)
    assert result.f1 == pytest.approx(15 / 26)


def test_f1_of_zero_means_is_zero():
    assert f1_score(0.0, 0.0) == 0.0


TRUE_BODIES = {
    "page-a": "The harbour reopened on Monday after a storm damaged two piers and sank several boats.\n"
    "Repairs to the northern pier are expected to take until the end of the spring season.",
    "page-b": "Farmers in the valley reported the best apple harvest in a decade despite the dry summer.\n"
    "Prices at the weekly market fell as growers brought far more fruit than buyers wanted.",
    "page-c": "A small library in the old town will extend its opening hours during the winter months.\n"
    "Volunteers will staff the reading room on Sunday afternoons from the first week of December.",
}


def page_html(page_id: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return (
        f"<html><head><meta charset='windows-1252'><title>{page_id}</title></head><body>"
        "<nav><a href='/'>Home page link</a> <a href='/n'>News section link</a></nav>"
        f"<article>{paragraphs}</article>"
        "<footer>All rights reserved by the publisher of this site.</footer></body></html>"
    )


def write_corpus(root: Path, bodies: dict[str, str] = TRUE_BODIES) -> Path:
    """A benchmark folder: cp1252-encoded gzip pages and a ground truth with one page missing."""
    (root / "html").mkdir(parents=True)
    truth = {}
    for page_id, body in bodies.items():
        html_bytes = page_html(page_id, body).encode("cp1252")
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html_bytes))
        truth[page_id] = {"articleBody": body, "url": f"https://example.org/{page_id}"}
    truth["no-html-file"] = {"articleBody": "ignored", "url": None}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_load_benchmark_pairs_html_with_truth(tmp_path):
    pages = list(load_benchmark(write_corpus(tmp_path, {"café": "Café owners protested on Friday."})))
    assert [page.id for page in pages] == ["café"]
    assert "Café owners" in pages[0].html
    assert pages[0].url == "https://example.org/café"


def test_evaluate_with_the_real_extractor(tmp_path):
    result = evaluate_extraction(write_corpus(tmp_path))
    assert result["pages"] == 3
    assert result["pages_failed"] == 0
    assert result["f1"] == pytest.approx(1.0)
    assert result["seconds"] > 0


def test_failed_pages_are_counted_and_scored_as_empty(tmp_path):
    corpus = write_corpus(tmp_path)

    def flaky(html: str, url: str | None = None) -> HtmlPage | None:
        if url.endswith("page-a"):
            raise RuntimeError("parser crashed")
        if url.endswith("page-b"):
            return None
        return HtmlPage(text=TRUE_BODIES["page-c"])

    result = evaluate_extraction(corpus, extractor=flaky)
    assert result["pages"] == 3
    assert result["pages_failed"] == 2
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(0.5)
