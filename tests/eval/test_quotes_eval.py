"""The PolNeAR scorer on a tiny brat file: parsing, exact and overlap matching, attributions."""

from pathlib import Path

from storytrace.eval.quotes import QuoteScorer, article_files, evaluate_quotes, read_ann
from storytrace.model import Quote, Span

TEXT = "“We will win,” Smith said. Jones said that taxes would fall."
ANN = (
    "T1\tContent 0 14\t“We will win,”\n"
    "T2\tSource 15 20\tSmith\n"
    "T3\tCue 21 25\tsaid\n"
    "E1\tAttribution:T9 Content:T1 Cue:T3 Source:T2\n"
    "T4\tSource 27 32\tJones\n"
    "T5\tCue 33 37\tsaid\n"
    "T6\tContent 38 49;50 59\tthat taxes would fall\n"
    "E2\tAttribution:T8 Content:T6 Cue:T5 Source:T4\n"
    "T7\tDiscard 0 2\tx\n"
)


def _layout(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_b222.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "doc_a111.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_read_ann_joins_roles_and_covers_discontinuous_spans(tmp_path):
    gold = read_ann(_write(tmp_path, ANN), TEXT)
    assert [(g.source.of(TEXT), g.cue.of(TEXT), g.direct) for g in gold] == [("Smith", "said", True), ("Jones", "said", False)]
    assert gold[1].content == Span(38, 59)


def _write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "x.ann"
    path.write_text(content, encoding="utf-8")
    return path


def test_the_first_annotators_file_of_an_article_is_used(tmp_path):
    pairs = list(article_files(_layout(tmp_path)))
    assert [(text.name, ann.name) for text, ann in pairs] == [("doc.txt", "doc_a111.ann")]


def test_exact_and_overlap_scores_differ_on_a_shifted_content(tmp_path):
    gold = read_ann(_write(tmp_path, ANN), TEXT)
    predicted = [
        Quote("doc", "direct", Span(0, 14), cue=Span(21, 25), source=Span(15, 20)),
        Quote("doc", "indirect", Span(43, 59), cue=Span(33, 37), source=Span(27, 32)),
        Quote("doc", "indirect", None, cue=Span(33, 37), source=Span(27, 32), broken=True),
    ]
    scorer = QuoteScorer()
    scorer.add(gold, predicted)
    report = scorer.report()
    assert report["content_exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["content_overlap"]["f1"] == 1.0
    assert report["attribution_overlap"]["f1"] == 1.0 and report["attribution_exact"]["f1"] == 0.5
    assert report["source"]["precision"] == 1.0


def test_a_wrong_source_fails_the_attribution_but_not_the_content(tmp_path):
    gold = read_ann(_write(tmp_path, ANN), TEXT)
    scorer = QuoteScorer()
    scorer.add(gold, [Quote("doc", "direct", Span(0, 14), source=Span(27, 32))])
    report = scorer.report()
    assert report["content_exact"]["precision"] == 1.0
    assert report["attribution_overlap"]["precision"] == 0.0


def test_evaluate_quotes_runs_a_given_extractor_over_the_layout(tmp_path):
    def extract(articles):
        return [[Quote(a.id, "direct", Span(0, 14), source=Span(15, 20))] for a in articles]

    report = evaluate_quotes(_layout(tmp_path), extract=extract)
    assert report["articles"] == 1 and report["gold_attributions"] == 2
    assert report["attribution_exact"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}


def test_two_apostrophes_make_a_gold_content_direct(tmp_path):
    text = "''We will win,'' Smith said."
    ann = "T1\tContent 0 16\t''We will win,''\nT2\tSource 17 22\tSmith\nE1\tAttribution:T9 Content:T1 Source:T2\n"
    assert read_ann(_write(tmp_path, ann), text)[0].direct
