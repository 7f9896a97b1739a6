"""The cross-article entity registry (no model needed)."""

from storytrace.model import Entity
from storytrace.nlp.people import person_name
from storytrace.nlp.registry import EntityRegistry


def _person(registry, text, times=1):
    name = person_name(text)
    entity = registry.find_person(name) or registry.new_person(name)
    for _ in range(times):
        registry.record(entity, name.text)
    return entity


def test_near_identical_given_names_are_one_person_with_both_spellings():
    registry = EntityRegistry()
    first = _person(registry, "Anthony Blinken")
    second = _person(registry, "Antony Blinken")
    assert second is first
    assert first.id == "person:anthony-blinken"
    assert first.variants == {"Anthony Blinken": 1, "Antony Blinken": 1}


def test_id_stays_while_display_name_follows_the_commonest_full_spelling():
    registry = EntityRegistry()
    entity = _person(registry, "Anthony Blinken")
    _person(registry, "Antony Blinken", times=3)
    registry.record(entity, "Blinken")
    registry.record(entity, "Blinken")
    registry.record(entity, "Blinken")
    registry.record(entity, "Blinken")
    assert entity.id == "person:anthony-blinken"
    assert entity.name == "Antony Blinken"


def test_different_given_names_are_different_people():
    registry = EntityRegistry()
    assert _person(registry, "Jill Biden") is not _person(registry, "Joe Biden")
    assert registry.person_with_surname("biden") is None


def test_lone_surname_finds_the_only_person_with_it():
    registry = EntityRegistry()
    hornung = _person(registry, "Jeffrey Hornung")
    assert registry.person_with_surname("hornung") is hornung
    assert registry.person_with_surname("russell") is None


def test_registry_loaded_from_the_store_finds_people_by_their_variants():
    stored = Entity(
        id="person:antony-blinken", kind="person", name="Antony Blinken",
        variants={"Antony Blinken": 4, "Tony Blinken": 1, "Blinken": 7},
    )
    registry = EntityRegistry([stored])
    assert registry.find_person(person_name("Anthony Blinken")) is stored
    assert registry.find_person(person_name("Tony Blinken")) is stored
    assert registry.changed() == []


def test_changed_lists_created_and_updated_entities_until_saved():
    untouched = Entity(id="org:reuters", kind="org", name="Reuters", variants={"Reuters": 2})
    updated = Entity(id="country:JPN", kind="country", name="Japan", code="JPN", variants={"Japan": 1})
    registry = EntityRegistry([untouched, updated])
    registry.record(registry.country("JPN", "Japan"), "Tokyo")
    created = registry.place("Tokyo", "JPN")
    assert [entity.id for entity in registry.changed()] == ["country:JPN", "place:tokyo"]
    assert created.code == "JPN" and updated.variants == {"Japan": 1, "Tokyo": 1}
    registry.mark_saved()
    assert registry.changed() == []


def test_org_ids_ignore_case_and_punctuation():
    registry = EntityRegistry()
    assert registry.org("Rand Corporation") is registry.org("RAND Corporation")
    assert registry.org("Rand Corporation").id == "org:rand-corporation"
