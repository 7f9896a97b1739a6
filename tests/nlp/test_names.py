"""Person names: titles, surnames, and which spellings are one person (no model needed)."""

import pytest

from storytrace.nlp.people import (
    group_for_lone_name,
    group_full_names,
    given_names_match,
    names_an_institution,
    parse_person_name,
    person_name,
)


@pytest.mark.parametrize(
    ("written", "name", "surname", "given"),
    [
        ("US Secretary of State Anthony Blinken", "Anthony Blinken", "blinken", "anthony"),
        ("Prime Minister Fumio Kishida", "Fumio Kishida", "kishida", "fumio"),
        ("Japanese Foreign Minister Yoshimasa Hayashi", "Yoshimasa Hayashi", "hayashi", "yoshimasa"),
        ("Prime Minister John Major", "John Major", "major", "john"),
        ("President Charles de Gaulle", "Charles de Gaulle", "gaulle", "charles"),
        ("Martin Luther King Jr.", "Martin Luther King Jr.", "king", "martin"),
        ("Mr. Blinken's", "Blinken", "blinken", None),
        ("Chargers WR Jackson", "Jackson", "jackson", None),  # a player's position is no given name
        ("quarterback Philip Rivers", "Philip Rivers", "rivers", "philip"),
    ],
)
def test_titles_are_stripped_and_the_surname_found(written, name, surname, given):
    parsed = person_name(written)
    assert (parsed.text, parsed.surname, parsed.given) == (name, surname, given)


def test_lowercase_words_are_not_names():
    assert person_name("the spokesman") is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("antony", "anthony", True),
        ("jon", "john", True),
        ("j", "john", True),
        ("mark", "mary", False),
        ("jill", "joe", False),
    ],
)
def test_given_names_match_only_when_near_identical(first, second, same):
    assert given_names_match(first, second) is same


def _names(*texts):
    return [person_name(text) for text in texts]


def test_full_names_group_by_surname_and_similar_given_name():
    names = _names("Anthony Blinken", "Fumio Kishida", "Antony Blinken", "Jill Biden", "Joe Biden")
    groups = group_full_names(names)
    assert [[name.text for name in group.names] for group in groups] == [
        ["Anthony Blinken", "Antony Blinken"],
        ["Fumio Kishida"],
        ["Jill Biden"],
        ["Joe Biden"],
    ]


def test_lone_name_takes_the_only_group_with_that_surname():
    groups = group_full_names(_names("Anthony Blinken", "Fumio Kishida"))
    assert group_for_lone_name(groups, person_name("Kishida")) is groups[1]
    assert group_for_lone_name(groups, person_name("Hayashi")) is None


def test_lone_name_is_ambiguous_between_two_people_with_one_surname():
    groups = group_full_names(_names("Jill Biden", "Joe Biden"))
    assert group_for_lone_name(groups, person_name("Biden")) is None


def test_lone_name_falls_back_to_a_surname_first_given_name():
    groups = group_full_names(_names("Xi Jinping"))
    assert group_for_lone_name(groups, person_name("Xi")) is groups[0]


@pytest.mark.parametrize(
    ("words", "opens_sentence", "expected"),
    [
        (["Having", "Jackman"], True, "Jackman"),
        (["Comedian", "Ellen", "DeGeneres"], True, "Ellen DeGeneres"),
        (["Will", "Smith"], True, "Will Smith"),
        (["Hugh", "Jackman"], True, "Hugh Jackman"),
        (["Having", "Jackman"], False, "Having Jackman"),
        (["INS", "Mysore"], False, None),
        (["Sgt"], False, None),
    ],
)
def test_sentence_openers_vessels_and_bare_titles(words, opens_sentence, expected):
    parsed = parse_person_name(words, opens_sentence)
    assert (parsed[1].text if parsed else None) == expected


@pytest.mark.parametrize(
    ("words", "institution"),
    [
        (["Betty", "Ford", "Center"], True),
        (["Promises", "Treatment", "Centre's"], True),
        (["Harvard", "University"], True),
        (["Frank", "Church"], False),  # a surname that is also a building
        (["Margaret", "Court"], False),
        (["Betty", "Ford"], False),
        ([], False),
    ],
)
def test_institution_heads_end_no_person_name(words, institution):
    assert names_an_institution(words) is institution
