"""The analysis stage end to end with the real model, on the seeds and small texts."""

import json
from pathlib import Path

import pytest

from storytrace.model import Article, OffsetMap, Span
from storytrace.nlp.pipeline import Analyzer
from storytrace.nlp.registry import EntityRegistry
from tests.paths import ECB_SAMPLE

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"
HEADLINE_003 = "Sounding alarm on China, Japan and U.S. vow to collaborate more on defence"


def _article(text: str, article_id: str = "a", offsets: OffsetMap | None = None) -> Article:
    offsets = offsets or OffsetMap.identity(text)
    clean_text = offsets.build_clean_text(text)
    return Article(id=article_id, origin=article_id, fmt="text", text=text, clean_text=clean_text, offsets=offsets)


def _seed(name: str) -> Article:
    return _article((SEEDS / name).read_text(encoding="utf-8"), name)


def _analyzed(analyzer, *articles, registry=None):
    registry = registry if registry is not None else EntityRegistry()
    analyzer.analyze(list(articles), registry)
    return registry


def _entity_of(article: Article, phrase: str, following: str) -> str | None:
    """The entity id of the mention ``phrase`` that the text ``following`` comes right after."""
    start = article.text.index(phrase + following)
    mention = next(mention for mention in article.mentions if mention.span.start == start)
    assert mention.text == phrase
    return mention.entity_id


def _ids(article: Article) -> set[str]:
    return {mention.entity_id for mention in article.mentions if mention.entity_id}


def _people(article: Article) -> dict[str, str | None]:
    return {mention.text: mention.entity_id for mention in article.mentions if mention.label == "PERSON"}


@pytest.fixture(scope="module")
def seed_003(analyzer):
    article = _seed("003_1508c65b7f82f917.txt")
    registry = _analyzed(analyzer, article)
    return article, registry


def test_seed_003_countries(seed_003):
    article, _ = seed_003
    assert {"country:USA", "country:JPN", "country:CHN", "country:TWN", "country:PRK"} <= _ids(article)


def test_seed_003_people_are_one_entity_each(seed_003):
    article, registry = seed_003
    people = _people(article)
    assert people["Anthony Blinken"] == people["Blinken"] == "person:anthony-blinken"
    assert people["Fumio Kishida"] == people["Kishida"] == "person:fumio-kishida"
    assert people["Jeffrey Hornung"] == people["Hornung"] == "person:jeffrey-hornung"
    assert people["Yoshimasa Hayashi"] == "person:yoshimasa-hayashi"
    assert people["Daniel Russell"] == "person:daniel-russell"
    assert registry.get("person:anthony-blinken").name == "Anthony Blinken"


def test_seed_003_capitals_as_governments_and_as_places(seed_003):
    article, registry = seed_003
    assert _entity_of(article, "Tokyo", " had made clear") == "country:JPN"
    assert _entity_of(article, "Beijing", "’s “provocative” actions") == "country:CHN"
    assert _entity_of(article, "Tokyo", " about a possible move") == "place:tokyo"
    assert registry.get("place:tokyo").code == "JPN"
    assert registry.get("country:PRK").name == "North Korea"


def test_seed_003_mentions_and_sentences_slice_the_text(seed_003):
    article, _ = seed_003
    assert all(mention.span.of(article.text) == mention.text for mention in article.mentions)
    sentences = [sentence.of(article.text) for sentence in article.sentences]
    assert sentences[:3] == ["Digital Agency", HEADLINE_003, HEADLINE_003]
    assert "“There are no coded messages here,” Hornung said." in sentences
    assert article.tokens > 600


def test_seed_000_countries(analyzer):
    article = _seed("000_86b96b84a695d559.txt")
    _analyzed(analyzer, article)
    assert {"country:USA", "country:JPN", "country:CHN"} <= _ids(article)


def test_second_spelling_in_another_article_joins_the_same_person(analyzer):
    registry = EntityRegistry()
    first = _seed("003_1508c65b7f82f917.txt")
    second = _article("Antony Blinken said on Monday that the talks went well. Blinken added that more were planned.")
    _analyzed(analyzer, first, second, registry=registry)
    assert set(_people(second).values()) == {"person:anthony-blinken"}
    variants = registry.get("person:anthony-blinken").variants
    assert variants == {"Anthony Blinken": 1, "Blinken": 2, "Antony Blinken": 1}


def test_an_institution_the_model_tags_as_a_person_is_an_organisation(analyzer):
    # The model tags "Betty Ford Center" PERSON in this ECB+ headline and sentence; "Betty Ford" stays a person.
    record = next(json.loads(line) for line in ECB_SAMPLE.read_text(encoding="utf-8").splitlines() if '"1_10ecbplus"' in line)
    article = _article(record["text"])
    _analyzed(analyzer, article)
    centre = {m.entity_id for m in article.mentions if m.text.removeprefix("the ") == "Betty Ford Center"}
    assert centre == {"org:betty-ford-center"}
    assert "person:betty-ford" in _ids(article)


def test_offsets_map_back_to_the_original_around_removed_text(analyzer):
    lines = [
        "Ad: buy Japanese cars from Tokyo Motors now!",
        "US Secretary of State Anthony Blinken met Japanese Foreign Minister Yoshimasa Hayashi.",
        "Register now for China news",
        "Blinken said Tokyo had made clear its plan.",
    ]
    text = "\n".join(lines)
    kept = [Span(text.index(lines[index]), text.index(lines[index]) + len(lines[index])) for index in (1, 3)]
    article = _article(text, offsets=OffsetMap(kept))
    _analyzed(analyzer, article)
    for mention in article.mentions:
        assert mention.span.of(text) == mention.text
        assert any(piece.start <= mention.span.start and mention.span.end <= piece.end for piece in kept)
    people = _people(article)
    assert people["Blinken"] == people["Anthony Blinken"] == "person:anthony-blinken"
    assert _entity_of(article, "Tokyo", " had made clear") == "country:JPN"
    assert "China" not in {mention.text for mention in article.mentions}
    assert [sentence.of(text) for sentence in article.sentences] == [lines[1], lines[3]]


def test_article_without_offsets_is_analysed_as_given(analyzer):
    article = Article(id="d", origin="d", fmt="text", text="Fumio Kishida visited Washington on Friday.")
    _analyzed(analyzer, article)
    assert article.mentions[0].entity_id == "person:fumio-kishida"
    assert article.tokens == 7


def test_two_processes_give_the_same_result(analyzer):
    texts = ["Fumio Kishida met Anthony Blinken. Kishida said Tokyo had made clear its plan.", "Beijing warned Taiwan."]
    single = [_article(text, f"s{index}") for index, text in enumerate(texts * 3)]
    double = [_article(text, f"d{index}") for index, text in enumerate(texts * 3)]
    one_registry = _analyzed(analyzer, *single)
    two_registry = _analyzed(Analyzer(n_process=2, batch_words=10), *double)
    assert [article.mentions for article in single] == [article.mentions for article in double]
    assert [article.sentences for article in single] == [article.sentences for article in double]
    assert [(entity.id, entity.variants) for entity in one_registry] == [
        (entity.id, entity.variants) for entity in two_registry
    ]


def test_parse_gives_a_dependency_parse_on_request(analyzer):
    (doc,) = analyzer.parse(["Tokyo had made clear its plan."])
    assert {token.dep_ for token in doc} >= {"ROOT", "nsubj"}
    assert "parser" in analyzer.nlp.disabled


def test_prefetched_parses_are_parsed_once_and_match_a_parse_on_request(analyzer):
    texts = [f"Minister {name} said on Friday that Tokyo had made clear its plan." for name in
             ("Hayashi", "Kishida", "Blinken", "Austin", "Kishi", "Russell", "Hornung", "Biden", "Moon")]
    pooled = Analyzer(n_process=2, batch_words=30)
    pooled.parse_log = []
    try:
        pooled.prefetch_parse(texts)
        pooled.prefetch_parse(texts)  # already on its way: not sent again
        sent_ahead = list(pooled.parse_log)
        prefetched = pooled.parse(list(reversed(texts)))
    finally:
        pooled.close()
    assert sorted(sent_ahead) == sorted(texts)
    assert pooled.parse_log == sent_ahead  # the parse call took them, and parsed nothing itself
    on_request = analyzer.parse(list(reversed(texts)))
    assert [[(t.text, t.dep_, t.head.i, t.lemma_) for t in doc] for doc in prefetched] == [
        [(t.text, t.dep_, t.head.i, t.lemma_) for t in doc] for doc in on_request
    ]


def test_the_whole_model_floor_parses_and_finds_entities_then_the_analysis_pipeline_is_restored():
    from storytrace.nlp.pipeline import load_pipeline, whole_model_pipeline

    analysis_components = load_pipeline().pipe_names
    with whole_model_pipeline() as nlp:
        doc = nlp("Japan and the United States met in Washington on Friday.")
        assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
        assert doc[0].dep_ == "nsubj" and doc[5].lemma_ == "meet"
        assert "Washington" in {entity.text for entity in doc.ents}
    assert load_pipeline().pipe_names == analysis_components
