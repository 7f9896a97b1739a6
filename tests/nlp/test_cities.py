"""Cities with the real model: a place entity carrying its country's code, never the country."""

import pytest

from storytrace.model import Article, OffsetMap
from storytrace.nlp.registry import EntityRegistry

TEXTS = [
    "Police in Karachi arrested three men on Tuesday after a bombing near the port.",
    "Heavy snow closed schools in Calgary, officials in Alberta said.",
    "Protesters gathered in Birmingham on Saturday to oppose the plan.",
]


@pytest.fixture(scope="module")
def analysed(analyzer):
    articles = []
    for number, text in enumerate(TEXTS):
        offsets = OffsetMap.identity(text)
        articles.append(Article(id=f"c{number}", origin="test", fmt="text", text=text,
                                clean_text=offsets.build_clean_text(text), offsets=offsets))
    registry = EntityRegistry()
    analyzer.analyze(articles, registry)
    return articles, registry


def _entity_ids(article, phrase):
    return [mention.entity_id for mention in article.mentions if mention.text == phrase]


@pytest.mark.parametrize(("index", "phrase", "code"), [(0, "Karachi", "PAK"), (1, "Calgary", "CAN"), (1, "Alberta", "CAN")])
def test_city_mention_is_a_place_with_its_country_code(analysed, index, phrase, code):
    articles, registry = analysed
    (entity_id,) = _entity_ids(articles[index], phrase)
    entity = registry.get(entity_id)
    assert (entity.kind, entity.code) == ("place", code)


def test_a_city_never_makes_its_country_an_entity(analysed):
    articles, registry = analysed
    ids = {mention.entity_id for article in articles for mention in article.mentions}
    assert not {"country:PAK", "country:CAN"} & ids
    assert registry.get("country:PAK") is None and registry.get("country:CAN") is None


def test_an_ambiguous_city_name_is_a_place_without_a_country(analysed):
    articles, registry = analysed
    (entity_id,) = _entity_ids(articles[2], "Birmingham")
    assert registry.get(entity_id).code is None
