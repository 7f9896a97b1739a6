"""The model runs its layers on numpy's BLAS, one thread, and gives what spaCy's default load gives."""

from pathlib import Path

import numpy

import spacy
from threadpoolctl import threadpool_info

from storytrace.nlp.spacy_model import DEFAULT_MODEL, load_model

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"


def _annotations(nlp, texts):
    return [
        ([(e.start_char, e.end_char, e.label_) for e in doc.ents], [(t.tag_, t.dep_, t.head.i) for t in doc])
        for doc in nlp.pipe(texts)
    ]


def test_token_layers_multiply_with_numpy_not_blis():
    nlp = load_model()
    encoder_layers = [layer for layer in nlp.get_pipe("ner").model.walk() if layer.name in ("maxout", "hashembed")]
    assert encoder_layers and all(layer.ops.use_blis is False for layer in encoder_layers)


def test_blas_keeps_to_one_thread():
    load_model()
    assert [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] == [1]


def test_entities_and_parse_are_those_of_the_default_load():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert _annotations(load_model(), texts) == _annotations(spacy.load(DEFAULT_MODEL), texts)


def test_tokens_are_those_of_the_default_load_whatever_the_whitespace():
    text = "Tokyo  (Reuters) -\tJapan's\u00a0minister\n\nsaid on Friday.\n \nU.S. talks  \t resume\r\n\"Mr. Blinken,\" he added. \n"
    tokens = lambda nlp: [(t.text, t.whitespace_, t.norm_) for t in nlp.make_doc(text)]  # noqa: E731
    assert tokens(load_model()) == tokens(spacy.load(DEFAULT_MODEL))


def test_a_line_break_is_no_longer_a_special_case_but_a_non_breaking_space_keeps_its_norm():
    rules = load_model().tokenizer.rules
    assert "\n" in spacy.load(DEFAULT_MODEL).tokenizer.rules and "\n" not in rules
    assert rules["\u00a0"]


def test_verbs_keep_their_silent_e_in_the_lemma():
    # The event and quote rules look verbs up by lemma; spaCy 3.8.18 gave "hop" for "hoped".
    doc = load_model()("Officials hoped the talks would help; ministers were coping with rated risks.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert (lemmas["hoped"], lemmas["coping"], lemmas["rated"]) == ("hope", "cope", "rate")


def test_numpy_takes_small_pages_in_a_process_with_the_model():
    load_model()
    set_hugepage = numpy._core.multiarray._set_madvise_hugepage
    assert set_hugepage(False) is False  # returns the setting it replaces
