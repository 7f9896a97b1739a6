"""Resolution rules on hand-labelled docs, so the model's own choices cannot hide a broken rule."""

import pytest
import spacy

from storytrace.model import Entity
from storytrace.nlp.candidates import AliasMatcher, Candidate, collect_candidates
from storytrace.nlp.countries import CountryTable
from storytrace.nlp.registry import EntityRegistry
from storytrace.nlp.resolve import EntityResolver


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def resolver():
    return EntityResolver(CountryTable.load())


def _labelled(blank, text, *labelled):
    """A doc whose entities are the (phrase, label) pairs, each found after the one before."""
    doc = blank(text)
    entities, position = [], 0
    for phrase, label in labelled:
        start_char = text.index(phrase, position)
        entities.append(doc.char_span(start_char, start_char + len(phrase), label=label))
        position = start_char + len(phrase)
    doc.ents = entities
    return doc


def _resolve(resolver, doc, registry):
    candidates = [Candidate(entity, entity.label_) for entity in doc.ents]
    return resolver.resolve(doc, candidates, registry)


def _found(candidates):
    return [(candidate.text, candidate.label, candidate.entity_id) for candidate in candidates]


def test_surname_tagged_org_is_the_person_of_the_article(blank, resolver):
    doc = _labelled(
        blank, "Jeffrey Hornung spoke. Hornung said so.", ("Jeffrey Hornung", "PERSON"), ("Hornung", "ORG")
    )
    found = _found(_resolve(resolver, doc, EntityRegistry()))
    assert found[1] == ("Hornung", "PERSON", "person:jeffrey-hornung")


def test_surname_missed_by_ner_is_found(blank, resolver):
    doc = _labelled(blank, "Anthony Blinken spoke. Later Blinken said so.", ("Anthony Blinken", "PERSON"))
    registry = EntityRegistry()
    found = _found(_resolve(resolver, doc, registry))
    assert found == [
        ("Anthony Blinken", "PERSON", "person:anthony-blinken"),
        ("Blinken", "PERSON", "person:anthony-blinken"),
    ]
    assert registry.get("person:anthony-blinken").variants == {"Anthony Blinken": 1, "Blinken": 1}


def test_dates_are_never_taken_for_surnames(blank, resolver):
    doc = _labelled(blank, "Theresa May spoke in May.", ("Theresa May", "PERSON"), ("May", "DATE"))
    assert _found(_resolve(resolver, doc, EntityRegistry()))[1] == ("May", "DATE", None)


def test_titles_are_trimmed_from_person_mentions(blank, resolver):
    doc = _labelled(blank, "Prime Minister Fumio Kishida spoke.", ("Prime Minister Fumio Kishida", "PERSON"))
    found = _found(_resolve(resolver, doc, EntityRegistry()))
    assert found == [("Fumio Kishida", "PERSON", "person:fumio-kishida")]


def test_lone_surname_resolves_across_articles_only_when_unambiguous(blank, resolver):
    registry = EntityRegistry()
    first = _labelled(
        blank, "Jill Biden and Jeffrey Hornung met.", ("Jill Biden", "PERSON"), ("Jeffrey Hornung", "PERSON")
    )
    _resolve(resolver, first, registry)
    _resolve(resolver, _labelled(blank, "Joe Biden spoke.", ("Joe Biden", "PERSON")), registry)
    later = _labelled(blank, "Hornung and Biden met.", ("Hornung", "PERSON"), ("Biden", "PERSON"))
    resolved = _resolve(resolver, later, registry)
    assert [candidate.entity_id for candidate in resolved] == ["person:jeffrey-hornung", None]


def test_lone_unknown_name_gets_no_entity(blank, resolver):
    doc = _labelled(blank, "Obama served.", ("Obama", "PERSON"))
    assert _found(_resolve(resolver, doc, EntityRegistry())) == [("Obama", "PERSON", None)]


def test_state_in_a_job_title_is_no_organisation(blank, resolver):
    doc = _labelled(
        blank, "Secretary of State Blinken and the State Council.", ("State", "ORG"), ("the State Council", "ORG")
    )
    found = _found(_resolve(resolver, doc, EntityRegistry()))
    assert found == [("State", "ORG", None), ("the State Council", "ORG", "org:state-council")]


def test_ambiguous_country_names_need_the_gpe_label(blank, resolver):
    doc = _labelled(blank, "Jordan Brand and Jordan agreed.", ("Jordan Brand", "ORG"), ("Jordan", "GPE"))
    org_only = _labelled(blank, "Jordan said.", ("Jordan", "ORG"))
    assert _found(_resolve(resolver, doc, EntityRegistry()))[1] == ("Jordan", "GPE", "country:JOR")
    assert _found(_resolve(resolver, org_only, EntityRegistry())) == [("Jordan", "ORG", "org:jordan")]


def test_locative_capital_is_a_place_with_its_country_code(blank, resolver):
    registry = EntityRegistry()
    doc = _labelled(blank, "Talks in Tokyo ended. Tokyo said no.", ("Tokyo", "GPE"), ("Tokyo", "GPE"))
    resolved = _resolve(resolver, doc, registry)
    assert [candidate.entity_id for candidate in resolved] == ["place:tokyo", "country:JPN"]
    assert registry.get("place:tokyo").code == "JPN"


def test_city_is_a_place_with_its_country_code_even_when_it_speaks(blank, resolver):
    registry = EntityRegistry()
    doc = _labelled(blank, "Talks in Karachi ended. Karachi said no.", ("Karachi", "GPE"), ("Karachi", "GPE"))
    resolved = _resolve(resolver, doc, registry)
    assert [candidate.entity_id for candidate in resolved] == ["place:karachi", "place:karachi"]
    assert registry.get("place:karachi").code == "PAK"
    assert registry.get("country:PAK") is None


def test_city_with_another_label_is_no_place(blank, resolver):
    doc = _labelled(blank, "Chicago beat Boston.", ("Chicago", "ORG"), ("Boston", "PERSON"))
    assert _found(_resolve(resolver, doc, EntityRegistry())) == [("Chicago", "ORG", "org:chicago"),
                                                                  ("Boston", "PERSON", None)]


def test_place_stored_without_a_code_gets_its_country(blank, resolver):
    registry = EntityRegistry([Entity(id="place:calgary", kind="place", name="Calgary")])
    _resolve(resolver, _labelled(blank, "Snow fell in Calgary.", ("Calgary", "GPE")), registry)
    assert registry.get("place:calgary").code == "CAN"
    assert "place:calgary" in {entity.id for entity in registry.changed()}


def test_alias_matcher_leaves_cities_to_the_model(blank):
    matcher = AliasMatcher(blank, CountryTable.load())
    doc = blank("Whitney Houston sang in Karachi and in Tokyo.")
    assert [candidate.text for candidate in collect_candidates(doc, matcher)] == ["Tokyo"]


def test_alias_matcher_fills_what_ner_missed_but_not_inside_longer_names(blank):
    matcher = AliasMatcher(blank, CountryTable.load())
    text = "TOKYO/WASHINGTON (Reuters) - The China Daily and Americans said."
    doc = _labelled(blank, text, ("TOKYO", "GPE"), ("Reuters", "ORG"))
    found = [(candidate.text, candidate.label) for candidate in collect_candidates(doc, matcher)]
    assert found == [("TOKYO", "GPE"), ("WASHINGTON", "GPE"), ("Reuters", "ORG"), ("Americans", "NORP")]


def test_full_name_with_another_label_is_a_person_the_registry_knows(blank, resolver):
    registry = EntityRegistry()
    _resolve(resolver, _labelled(blank, "Hugh Jackman hosts.", ("Hugh Jackman", "PERSON")), registry)
    text = "Hugh Jackman sang. Jackman danced in New York."
    later = _labelled(blank, text, ("Hugh Jackman", "GPE"), ("Jackman", "PERSON"), ("New York", "GPE"))
    assert _found(_resolve(resolver, later, registry)) == [
        ("Hugh Jackman", "PERSON", "person:hugh-jackman"),
        ("Jackman", "PERSON", "person:hugh-jackman"),
        ("New York", "GPE", "place:new-york"),
    ]


def test_alias_matcher_skips_words_of_an_all_capitals_phrase(blank):
    matcher = AliasMatcher(blank, CountryTable.load())
    doc = blank("TELL US WHAT YOU THINK. Then a US official spoke.")
    found = [(candidate.text, candidate.span.start) for candidate in collect_candidates(doc, matcher)]
    assert found == [("US", 8)]
