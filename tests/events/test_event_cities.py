"""PLOVER actors and recipients whose phrase names only a city take its country (sentences written
for these tests)."""

import pytest


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("An aid worker from Calgary was detained in Syria on Monday.", "SYR", "CAN"),
        ("A militant group based in Waziristan attacked an army post in Afghanistan.", "PAK", "AFG"),
        ("Students from Calgary protested against the war.", "CAN", None),
        ("Police in Erbil arrested two suspected bombers.", "IRQ", None),
    ],
)
def test_a_city_in_the_phrase_gives_its_country(coded, sentence, actor, recipient):
    event = coded(sentence)
    assert event.actor.code == actor
    if recipient is not None:
        assert event.recipient.code == recipient


def test_a_phrase_naming_only_a_city_gets_its_country_and_no_sector(coded):
    event = coded("Rebels fired rockets at Rawalpindi on Sunday.")
    assert (event.recipient.text, event.recipient.code, event.recipient.sector) == ("Rawalpindi", "PAK", None)


def test_an_ambiguous_city_name_gives_no_country(coded):
    event = coded("A missionary from Birmingham was arrested in Lebanon.")
    assert event.recipient.code not in ("GBR", "USA")


def test_a_city_inside_a_longer_name_gives_no_country(coded):
    assert coded("The Chicago Tribune accused the mayor of lying.").actor.code is None
    assert coded("Whitney Houston praised the president.").actor.code is None
