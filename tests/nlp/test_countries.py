"""The country table and the capital-as-government rule (no model needed)."""

from importlib import resources

import pycountry
import pytest
import spacy

from storytrace.nlp.countries import AliasKind, CountryTable
from storytrace.nlp.metonymy import stands_for_government


@pytest.fixture(scope="module")
def table():
    return CountryTable.load()


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("the United States’", "USA", AliasKind.COUNTRY),
        ("U.S.", "USA", AliasKind.COUNTRY),
        ("US", "USA", AliasKind.COUNTRY),
        ("America", "USA", AliasKind.COUNTRY),
        ("Americans", "USA", AliasKind.DEMONYM),
        ("Japanese", "JPN", AliasKind.DEMONYM),
        ("North Korea's", "PRK", AliasKind.COUNTRY),
        ("Taiwan", "TWN", AliasKind.COUNTRY),
        ("Pyongyang", "PRK", AliasKind.CAPITAL),
        ("the Kremlin", "RUS", AliasKind.CAPITAL),
        ("TOKYO", "JPN", AliasKind.CAPITAL),
        ("Côte d'Ivoire", "CIV", AliasKind.COUNTRY),
        ("Kinshasa", "COD", AliasKind.CAPITAL),  # capitals and former names the wires use
        ("Bonn", "DEU", AliasKind.CAPITAL),
        ("Rangoon", "MMR", AliasKind.CAPITAL),
        ("Rumanian", "ROU", AliasKind.DEMONYM),
        ("Czechoslovakia", "CZE", AliasKind.COUNTRY),
        ("Byelorussian", "BLR", AliasKind.DEMONYM),
        ("Zairian", "COD", AliasKind.DEMONYM),
        ("Kampuchean", "KHM", AliasKind.DEMONYM),
        ("West Germany", "DEU", AliasKind.COUNTRY),
        ("Upper Volta", "BFA", AliasKind.COUNTRY),
    ],
)
def test_aliases_resolve_to_iso3(table, text, code, kind):
    alias = table.lookup(text)
    assert (alias.code, alias.kind) == (code, kind)


def test_non_countries_have_no_alias(table):
    assert table.lookup("Xinjiang").kind is AliasKind.CITY  # a place in China, never China itself
    assert table.lookup("States") is None
    assert table.lookup("Us") is None  # the magazine, not "US"


@pytest.mark.parametrize(
    ("code", "name"),
    [("PRK", "North Korea"), ("RUS", "Russia"), ("USA", "United States"), ("TWN", "Taiwan"), ("JPN", "Japan")],
)
def test_display_names_are_readable(table, code, name):
    assert table.display_name(code) == name


def test_every_table_row_names_a_real_country_and_kind():
    text = resources.files("storytrace").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 400
    for alias, code, kind in rows:
        assert alias.strip() == alias and alias
        assert pycountry.countries.get(alpha_3=code) is not None, code
        AliasKind(kind)


def _city_rows() -> list[list[str]]:
    text = resources.files("storytrace").joinpath("data/cities.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_every_city_row_names_a_real_country_and_is_not_shadowed(table):
    rows = _city_rows()
    assert len(rows) > 400
    for alias, code, kind in rows:
        assert alias.strip() == alias and alias and kind == "city"
        assert pycountry.countries.get(alpha_3=code) is not None, code
        found = table.lookup(alias)  # a row spelt like a country's name or alias would be lost
        assert (found.code, found.kind) == (code, AliasKind.CITY), alias


@pytest.mark.parametrize(
    ("text", "code"),
    [("Calgary", "CAN"), ("KARACHI", "PAK"), ("Chechnya", "RUS"), ("Bavaria", "DEU"), ("Zürich", "CHE"),
     ("St. Petersburg", "RUS"), ("New York City", "USA"), ("Mosul", "IRQ")],
)
def test_cities_and_regions_resolve_to_their_country(table, text, code):
    alias = table.lookup(text)
    assert (alias.code, alias.kind, alias.names_country) == (code, AliasKind.CITY, False)


@pytest.mark.parametrize(
    "name", ["Birmingham", "Hyderabad", "Victoria", "Punjab", "Kashmir", "Crimea", "Nice", "Brussels", "Valencia"]
)
def test_ambiguous_or_contested_places_have_no_alias(table, name):
    assert table.lookup(name) is None


def test_a_city_row_never_shadows_a_country():
    assert CountryTable.load().lookup("Georgia").code == "GEO"  # the US state is left out


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


CAPITALS = {"Tokyo", "Beijing", "Washington", "Kremlin", "Moscow"}


def _first_capital(blank, text):
    doc = blank(text)
    start = next(token.i for token in doc if token.text in CAPITALS)
    return doc[start : start + 1]


@pytest.mark.parametrize(
    ("text", "government"),
    [
        ("Hayashi said Tokyo had made clear its plan.", True),
        ("Beijing’s “provocative” actions over Taiwan.", True),
        ("a possible move by Beijing against Taiwan", True),
        ("Washington warned on Friday.", True),
        ("The Kremlin has repeatedly denied it.", True),
        ("there is growing concern in Tokyo about a move", False),
        ("officials in Tokyo said on Friday", False),
        ("Tokyo is a big city.", False),
        ("He flew to Moscow on Tuesday.", False),
    ],
)
def test_capital_stands_for_government_only_with_a_cue(blank, text, government):
    assert stands_for_government(_first_capital(blank, text)) is government
