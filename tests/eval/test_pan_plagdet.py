"""PAN plagdet on hand-made cases whose scores can be worked out by hand."""

import math
from pathlib import Path

import pytest

from storytrace.eval.pan import Case, evaluate_pan, plagdet

PAIR = ("susp-1.txt", "src-1.txt")
OTHER_PAIR = ("susp-2.txt", "src-2.txt")


def case(this_start, this_end, source_start, source_end, pair=PAIR) -> Case:
    return Case(pair, range(this_start, this_end), range(source_start, source_end))


def test_exact_detection_scores_one():
    scores = plagdet([case(0, 100, 0, 100)], [case(0, 100, 0, 100)])
    assert (scores.precision, scores.recall, scores.granularity, scores.plagdet) == (1.0, 1.0, 1.0, 1.0)


def test_half_detection_counts_characters_on_both_sides():
    # the detection covers 50 of 100 suspicious and 100 of 100 source characters: recall 150/200
    scores = plagdet([case(0, 100, 0, 100)], [case(0, 50, 0, 100)])
    assert scores.recall == pytest.approx(0.75)
    assert scores.precision == pytest.approx(1.0)
    assert scores.plagdet == pytest.approx(2 * 0.75 / 1.75)


def test_split_detection_is_penalised_by_granularity():
    scores = plagdet([case(0, 100, 0, 100)], [case(0, 50, 0, 50), case(50, 100, 50, 100)])
    assert scores.recall == pytest.approx(1.0) and scores.precision == pytest.approx(1.0)
    assert scores.granularity == pytest.approx(2.0)
    assert scores.plagdet == pytest.approx(1 / math.log2(3))


def test_detection_must_overlap_on_both_sides_and_in_the_same_pair():
    wrong_source = case(0, 100, 500, 600)
    wrong_pair = case(0, 100, 0, 100, pair=OTHER_PAIR)
    scores = plagdet([case(0, 100, 0, 100)], [wrong_source, wrong_pair])
    assert scores.recall == 0.0 and scores.precision == 0.0 and scores.plagdet == 0.0


def test_false_positive_halves_precision():
    scores = plagdet([case(0, 100, 0, 100)], [case(0, 100, 0, 100), case(300, 400, 300, 400)])
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1.0)


def test_no_cases_and_no_detections_is_perfect():
    scores = plagdet([], [])
    assert scores.plagdet == 1.0


def test_overlapping_detections_are_not_double_counted():
    scores = plagdet([case(0, 100, 0, 100)], [case(0, 60, 0, 60), case(40, 100, 40, 100)])
    assert scores.recall == pytest.approx(1.0)
    assert scores.granularity == pytest.approx(2.0)


SOURCE = (
    "The harbour authority said on Monday that the northern pier would close for repairs until spring. "
    "Engineers found cracks in the concrete supports after the winter storms battered the coast. "
    "Ferry operators will move their departures to the southern terminal during the works. "
    "Local traders fear the closure will cut the number of visitors to the old market square. "
)
FILLER = "Completely unrelated sentences about gardening tomatoes and watering roses in summer evenings. " * 4


def write_corpus(root: Path) -> None:
    (root / "src").mkdir(parents=True)
    (root / "susp").mkdir()
    (root / "src" / "source-document00001.txt").write_text(SOURCE)
    (root / "susp" / "suspicious-document00001.txt").write_text(FILLER + SOURCE + FILLER)
    (root / "susp" / "suspicious-document00002.txt").write_text(FILLER)
    plagiarised = root / "02-no-obfuscation"
    plagiarised.mkdir()
    (plagiarised / "pairs").write_text("suspicious-document00001.txt source-document00001.txt\n")
    feature = (f'<feature name="plagiarism" obfuscation="none" this_offset="{len(FILLER)}" this_length="{len(SOURCE.strip())}" '
               f'source_reference="source-document00001.txt" source_offset="0" source_length="{len(SOURCE.strip())}" />')
    (plagiarised / "suspicious-document00001-source-document00001.xml").write_text(f"<document>\n{feature}\n</document>\n")
    clean = root / "01-no-plagiarism"
    clean.mkdir()
    (clean / "pairs").write_text("suspicious-document00002.txt source-document00001.txt\n")
    (clean / "suspicious-document00002-source-document00001.xml").write_text("<document>\n</document>\n")
    (root / "pairs").write_text((clean / "pairs").read_text() + (plagiarised / "pairs").read_text())


def test_evaluate_pan_on_a_tiny_corpus(tmp_path):
    write_corpus(tmp_path)
    result = evaluate_pan(tmp_path)
    assert set(result["by_obfuscation"]) == {"01-no-plagiarism", "02-no-obfuscation"}
    copied = result["by_obfuscation"]["02-no-obfuscation"]
    assert copied["recall"] > 0.95 and copied["precision"] > 0.95 and copied["granularity"] == 1.0
    assert result["by_obfuscation"]["01-no-plagiarism"]["detections"] == 0
    assert result["overall"]["plagdet"] > 0.95
    assert result["docs_per_second"] > 0
    for scores in [result["overall"], *result["by_obfuscation"].values()]:
        assert {"plagdet", "precision", "recall", "granularity"} <= set(scores) and scores["docs_per_second"] > 0
