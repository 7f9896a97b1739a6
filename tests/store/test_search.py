"""Full-text search over title + clean text."""

from __future__ import annotations

import pytest

from storytrace.model import Removal, Span
from storytrace.store import Store
from storytrace.store.queries import match_expression

CHIPS = "Japan and the United States agreed to widen U.S.-Japan export curbs on advanced chips."
SANCTIONS = "The European Union announced new sanctions against shipping firms."
REGISTER = "Register now to get free unlimited access to the archive."


@pytest.fixture
def filled(store: Store, make_article) -> Store:
    chips_text = CHIPS + "\n" + REGISTER
    articles = [
        make_article(
            "chips",
            chips_text,
            clean_text=CHIPS,
            title="Allies tighten chip curbs",
            removals=[Removal(Span(len(CHIPS) + 1, len(chips_text)), "registration-wall", REGISTER)],
        ),
        make_article("sanctions", SANCTIONS, title="EU sanctions", site="eu.example"),
        make_article("weather", "Rain is expected across the region tomorrow.", title=None),
    ]
    store.save_batch(store.start_run([]), articles, [], [], [])
    return store


def ids(results: list[dict]) -> list[str]:
    return [result["id"] for result in results]


def test_search_finds_articles_by_words_of_their_clean_text(filled: Store) -> None:
    assert ids(filled.search("export curbs")) == ["chips"]
    assert ids(filled.search("shipping")) == ["sanctions"]
    assert ids(filled.search("rain tomorrow")) == ["weather"]


def test_every_word_must_match(filled: Store) -> None:
    assert filled.search("export sanctions") == []


def test_words_only_in_removed_text_are_not_found(filled: Store) -> None:
    assert filled.search("unlimited archive") == []


def test_search_matches_titles_and_word_forms(filled: Store) -> None:
    assert ids(filled.search("tighten")) == ["chips"]
    assert ids(filled.search("sanction")) == ["sanctions"]  # stemmed: "sanction" finds "sanctions"


def test_results_carry_title_site_score_and_a_marked_snippet(filled: Store) -> None:
    (result,) = filled.search("shipping")
    assert result["title"] == "EU sanctions" and result["site"] == "eu.example"
    assert "[shipping]" in result["snippet"]
    assert isinstance(result["score"], float)


def test_a_hyphenated_dotted_term_is_searched_as_a_phrase(filled: Store) -> None:
    (result,) = filled.search("U.S.-Japan")
    assert result["id"] == "chips"
    assert "[U.S.-Japan]" in result["snippet"]


@pytest.mark.parametrize(
    "hostile",
    ['"', '""', "AND OR", "NOT", "*", "chips*", "NEAR(", "NEAR(chips, curbs)", "(", ")", "title:chips",
     "-chips", "^chips", "'", 'a"b', "{title} : x", "+", "U.S.-Japan AND", "0\x00", "chips\x00curbs"],
)  # fmt: skip
def test_hostile_queries_never_raise(filled: Store, hostile: str) -> None:
    results = filled.search(hostile)
    assert isinstance(results, list)


def test_operator_words_are_plain_words(filled: Store) -> None:
    assert ids(filled.search("and united")) == ["chips"]  # "and" is a word of the text, not an operator
    assert filled.search("chips OR shipping") == []  # OR is a word too, and it is in neither text


def test_empty_and_punctuation_only_queries_return_nothing(filled: Store) -> None:
    assert filled.search("") == []
    assert filled.search("   ") == []
    assert filled.search('" * ( ) -') == []
    assert match_expression("  ") is None


def test_limit_caps_the_number_of_results(store: Store, make_article) -> None:
    texts = [f"Harbour report {i}: the harbour was busy" + " harbour" * (i % 5) for i in range(30)]
    many = [make_article(f"m{i}", text) for i, text in enumerate(texts)]
    store.save_batch(store.start_run([]), many, [], [], [])
    assert len(store.search("harbour")) == 20
    results = store.search("harbour", limit=5)
    assert len(results) == 5
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert store.search("harbour", limit=0) == []


def test_match_expression_quotes_every_term() -> None:
    assert match_expression('say "hello" NEAR(x') == '"say" """hello""" "NEAR(x"'
