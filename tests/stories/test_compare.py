"""The cross-source comparison: aligned facts, single-source facts, differing names and numbers, quotes."""

from __future__ import annotations

from pathlib import Path

from storytrace.clean import CleanOptions, LineStats, clean_article
from storytrace.ingest.extract import to_article
from storytrace.model import Article, Mention, Quote, RawDoc, Span
from storytrace.stories.compare import compare_story

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"


def make(article_id: str, text: str, site: str | None = None) -> Article:
    return Article(id=article_id, origin=article_id, fmt="text", text=text, clean_text=text, site=site)


LEFT = make(
    "a",
    "Secretary of State Antony Blinken met his Japanese counterpart on Friday.\n"
    "The earthquake killed 40 people in the northern province, officials said.\n"
    "The weather was mild.",
    site="left.example",
)
RIGHT = make(
    "b",
    "Secretary of State Anthony Blinken met his Japanese counterpart on Friday.\n"
    "Officials said the earthquake killed 45 people in the northern province.\n"
    "Markets rose sharply in Tokyo after the announcement.",
    site="right.example",
)


def test_facts_are_aligned_across_sources_and_single_source_facts_flagged():
    comparison = compare_story([LEFT, RIGHT])
    shared = comparison.carried_by_all()
    assert len(shared) == 2
    assert shared[0].sources == ["left.example", "right.example"]
    assert [fact.text for fact in comparison.only_in("b")] == ["Markets rose sharply in Tokyo after the announcement."]


def test_differing_spellings_and_numbers_are_reported():
    differences = compare_story([LEFT, RIGHT]).differences
    names = [d.values for d in differences if d.kind == "name"]
    assert {"a": ["Antony"], "b": ["Anthony"]} in names
    numbers = [d.values for d in differences if d.kind == "number"]
    assert numbers == [{"a": ["40"], "b": ["45"]}]


def test_one_entity_spelled_two_ways_is_a_name_difference():
    left = make("a", "Antony Blinken spoke.")
    right = make("b", "Anthony Blinken spoke.")
    left.mentions = [Mention(Span(0, 14), "Antony Blinken", "PERSON", "person:antony-blinken")]
    right.mentions = [Mention(Span(0, 15), "Anthony Blinken", "PERSON", "person:antony-blinken")]
    entity_differences = [d for d in compare_story([left, right]).differences if d.context == "person:antony-blinken"]
    assert entity_differences[0].values == {"a": ["Antony Blinken"], "b": ["Anthony Blinken"]}


def test_quotes_are_grouped_with_their_outlets_and_speaker_changes():
    text_a = '"We will respond to destabilizing activities," Blinken said.'
    text_b = 'Hayashi said: "We will respond to any destabilizing activities."'
    left, right = make("a", text_a, "left.example"), make("b", text_b, "right.example")
    quotes = [
        Quote("a", "direct", Span(1, text_a.index(",")), speaker="Blinken"),
        Quote("b", "direct", Span(text_b.index('"') + 1, len(text_b) - 2), speaker="Hayashi"),
    ]
    [coverage] = compare_story([left, right], quotes).quotes
    assert coverage.sources == ["left.example", "right.example"]
    assert coverage.speaker_differs and coverage.wording_differs


def _seed_articles() -> list[Article]:
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(to_article(RawDoc(origin=str(path), fmt="text", text=text, id=path.stem[:3])))
    stats = LineStats()
    for article in articles:
        stats.observe(article)
    for article in articles:
        clean_article(article, stats, CleanOptions())
    return articles


def test_seeds_share_the_joint_statement_and_only_003_has_russell_blinken_hornung():
    comparison = compare_story(_seed_articles())
    phrases = [phrase.text for phrase in comparison.shared_phrases if phrase.article_ids == ("000", "003")]
    assert "to undermine the rules-based order" in phrases
    assert any("technological challenges to the region and the world" in phrase for phrase in phrases)
    for name in ("Russell", "Blinken", "Hornung"):
        carrying = [fact for fact in comparison.facts if name in fact.text]
        assert carrying and all(fact.article_ids == ["003"] for fact in carrying)
    assert comparison.as_dict()["facts"][0]["article_ids"]


def test_shared_phrases_name_every_carrier_once_and_stop_where_the_carriers_change():
    common = "the ministers agreed to deepen cooperation on defence research"
    pair = "and to hold regular talks on emerging technologies"
    first = make("x", f"Today {common} {pair} in Tokyo.")
    second = make("y", f"On Friday {common} {pair} as expected.")
    third = make("z", f"Reports say {common} while critics objected.")
    phrases = {phrase.text: phrase.article_ids for phrase in compare_story([first, second, third]).shared_phrases}
    assert phrases[common] == ("x", "y", "z")
    assert any(text.endswith(pair) and ids == ("x", "y") for text, ids in phrases.items())
    assert not any("critics" in text or "Tokyo" in text for text in phrases)


def test_a_sentence_matching_two_facts_equally_joins_the_earliest_whatever_the_hash_seed():
    first = make("a", "Rescuers searched the collapsed textile factory.\nPolice closed the coastal harbour road.")
    second = make("b", "Rescuers searched the collapsed textile factory while police closed the coastal harbour road.")
    facts = compare_story([first, second]).facts
    assert [fact.article_ids for fact in facts] == [["a", "b"], ["a"]]
