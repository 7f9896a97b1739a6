"""The issue's seed checks for attributions: each quote with its speaker, and the broken one."""

from pathlib import Path

import pytest

from storytrace.model import Article
from storytrace.nlp.registry import EntityRegistry

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"


@pytest.fixture(scope="module")
def seed_quotes(analyzer):
    from storytrace.nlp.quotes import QuoteExtractor

    registry = EntityRegistry()
    extractor = QuoteExtractor(analyzer.parse)
    found = {}
    for name in ("000_86b96b84a695d559.txt", "003_1508c65b7f82f917.txt"):
        text = (SEEDS / name).read_text(encoding="utf-8")
        article = Article(id=name[:3], origin=name, fmt="text", text=text)
        analyzer.analyze([article], registry)
        found[name[:3]] = (text, extractor.extract(article, registry))
    return found


def _quote_holding(seed_quotes, seed: str, phrase: str):
    text, quotes = seed_quotes[seed]
    holding = [quote for quote in quotes if quote.content and phrase in quote.content.of(text)]
    assert holding, f"no attribution holds {phrase!r}"
    return holding[0]


@pytest.mark.parametrize(
    ("phrase", "speaker_id"),
    [
        ("There are no coded messages here", "person:jeffrey-hornung"),
        ("China is the challenge and they said it just as much", "person:jeffrey-hornung"),
        ("must not only strengthen the tools we have, but also develop new ones", "person:anthony-blinken"),
        ("“provocative”", "person:anthony-blinken"),
        ("all options including the acquisition", "person:fumio-kishida"),
        ("the two countries would sign a new defense cooperation agreement", "person:anthony-blinken"),
        ("Tokyo had made clear its plan to review the National Security Strategy", "person:yoshimasa-hayashi"),
    ],
)
def test_003_people_quotes_resolve_to_their_speakers(seed_quotes, phrase, speaker_id):
    assert _quote_holding(seed_quotes, "003", phrase).speaker_id == speaker_id


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [
        ("They are resolved to work together to deter", "the statement"),
        ("undermine the rules-based order", "The joint statement"),
        ("serious and persistent concerns", "The ministers"),
    ],
)
def test_003_statement_quotes_name_their_source(seed_quotes, phrase, speaker):
    assert _quote_holding(seed_quotes, "003", phrase).speaker == speaker


def test_003_indirect_speech_is_indirect(seed_quotes):
    assert _quote_holding(seed_quotes, "003", "Tokyo had made clear its plan").kind == "indirect"
    assert _quote_holding(seed_quotes, "003", "There are no coded messages here").kind == "direct"


def test_003_russell_attribution_is_flagged_broken(seed_quotes):
    text, quotes = seed_quotes["003"]
    broken = [quote for quote in quotes if quote.broken]
    assert [quote.speaker_id for quote in broken] == ["person:daniel-russell"]
    assert broken[0].content is None and broken[0].cue.of(text) == "said"


@pytest.mark.parametrize(
    ("phrase", "speaker", "speaker_id"),
    [
        ("constantly modernize the Alliance", "the nations", None),
        ("fundamentally reinforce its defense capabilities", "Japan", "country:JPN"),
        ("its unwavering commitment to the defense of Japan", "United States", "country:USA"),
    ],
)
def test_000_quoted_phrases_are_attributed_to_the_nations(seed_quotes, phrase, speaker, speaker_id):
    quote = _quote_holding(seed_quotes, "000", phrase)
    assert speaker in quote.speaker
    assert quote.speaker_id == speaker_id
