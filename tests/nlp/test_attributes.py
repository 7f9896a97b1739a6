"""The fast attribute ruler sets exactly what the model's own ruler sets."""

import json
from pathlib import Path

import pytest
import spacy

from storytrace.nlp.attributes import FAST_RULER, supports
from storytrace.nlp.pipeline import DEFAULT_MODEL, PARSE_PIPES, load_pipeline

EXAMPLES = Path(__file__).parents[2] / "examples"
TRICKY = ("Y'all gonna let's go, c'mon. It ain't nothin' but they ain't. There's a dog and there are two. "
          "I did it, you know, did you? He gets it; she got it. Whether or not that is the one he does have, "
          "those who don't can't say it to me or to you.")


@pytest.fixture(scope="module")
def both_rulers():
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe(FAST_RULER, after="attribute_ruler")
    return nlp


def test_the_model_rules_are_all_supported(both_rulers):
    assert supports(both_rulers.get_pipe("attribute_ruler"))


def test_fast_ruler_gives_the_same_tags_lemmas_and_morphology(both_rulers):
    texts = [path.read_text(encoding="utf-8") for path in sorted((EXAMPLES / "seeds").glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (EXAMPLES / "ecbplus" / "sample.jsonl").read_text().splitlines()]
    texts.append(TRICKY)

    def parsed(without: str) -> list[tuple]:
        with both_rulers.select_pipes(disable=["ner", without]):
            return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_)
                    for doc in both_rulers.pipe(texts) for t in doc]

    stock, fast = parsed(without=FAST_RULER), parsed(without="attribute_ruler")
    assert len(stock) > 5000
    assert fast == stock
    lemmas = {(token[0], token[4]) for token in fast}
    assert {("ai", "be"), ("na", "to"), ("nothin'", "nothing")} <= lemmas  # two-token and pattern rules applied


def test_the_analysis_pipeline_parses_with_the_fast_ruler():
    nlp = load_pipeline()
    assert FAST_RULER in nlp.component_names and "attribute_ruler" not in nlp.component_names
    assert FAST_RULER in PARSE_PIPES


def test_a_rule_it_cannot_run_keeps_the_model_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "a", "OP": "+"}]], {"LEMMA": "a"})
    assert not supports(ruler)
