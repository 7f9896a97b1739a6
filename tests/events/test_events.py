"""PLOVER coding of single sentences, relative dates, label mapping, and the seeds' events."""

from datetime import datetime
from pathlib import Path

import pytest

from storytrace.model import Article, Mention, Span
from storytrace.nlp.events_dates import resolve_date
from storytrace.nlp.plover import normalise_code, normalise_label
from storytrace.nlp.quotes_match import group_events

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"
MONDAY = datetime(2022, 1, 10)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministers met on Friday.", datetime(2022, 1, 7)),
        ("They met this week.", MONDAY),
        ("They met yesterday.", datetime(2022, 1, 9)),
        ("They met on Monday.", MONDAY),
        ("They met on January 3.", datetime(2022, 1, 3)),
        ("They met on December 30.", datetime(2021, 12, 30)),
        ("They met last Monday.", datetime(2022, 1, 3)),
        ("On February 30, no; they met on Friday.", datetime(2022, 1, 7)),
        ("A February 30 meeting was held yesterday.", datetime(2022, 1, 9)),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(sentence, expected):
    assert resolve_date(sentence, MONDAY) == expected


def test_one_sentence_resolves_against_each_article_s_own_date():
    sentence = "The ministers met on Friday."
    assert resolve_date(sentence, MONDAY) == datetime(2022, 1, 7)
    assert resolve_date(sentence, datetime(2022, 1, 20)) == datetime(2022, 1, 14)
    assert resolve_date(sentence, None) is None


def test_old_labels_and_legacy_codes_map_to_the_current_ones():
    assert [normalise_label(label) for label in ("DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE", "AGREE")] == [
        "REQUEST", "ACCUSE", "ASSAULT", "ACCUSE", "AGREE"]
    assert normalise_code("JAP") == "JPN" and normalise_code("USA") == "USA"


@pytest.mark.parametrize(
    ("sentence", "type_", "actor", "recipient"),
    [
        ("Iran threatened to launch a new military offensive against Iraq.", "THREATEN", "IRN", "IRQ"),
        ("Zimbabwean Prime Minister Robert Mugabe accused the United States of blackmail.", "ACCUSE", "ZWE", "USA"),
        ("Serbia rejected an Australian ultimatum.", "REJECT", "SRB", "AUS"),
        ("Russian aircraft killed 46 Afghan civilians in an attack on a village.", "ASSAULT", "RUS", "AFG"),
    ],
)
def test_sentences_are_coded_with_type_and_countries(coder, sentence, type_, actor, recipient):
    event = coder.code_sentence(sentence)
    assert (event.type, event.actor.code, event.recipient.code) == (type_, actor, recipient)


def test_sector_comes_from_the_actor_phrase(coder):
    event = coder.code_sentence("Turkish police arrested dozens of students in Ankara.")
    assert event.actor.sector == "COP" and event.type == "COERCE"


def test_negation_and_future_are_flagged(coder):
    assert coder.code_sentence("Serbia did not accept the plan of the United Nations.").negated
    promised = coder.code_sentence("Japan will help the Philippines after the storm.")
    assert promised.future and promised.type == "AGREE"


def _seed_events(coder, name, article_id=None):
    text = (SEEDS / name).read_text(encoding="utf-8")
    article = Article(id=article_id or name[:3], origin=name, fmt="text", text=text, published=datetime(2022, 1, 7, 12))
    return text, coder.code(article)


def _has(events, type_, actor, recipient=None):
    return any(
        event.type == type_ and event.actor and event.actor.code == actor
        and (recipient is None or (event.recipient and event.recipient.code == recipient))
        for event in events
    )


def test_seed_000_consult_and_agree_between_the_us_and_japan(coder):
    text, events = _seed_events(coder, "000_86b96b84a695d559.txt")
    assert _has(events, "CONSULT", "USA", "JPN")
    consult = next(event for event in events if event.type == "CONSULT")
    assert consult.actor.sector == "GOV" and "virtual meeting" in consult.evidence.of(text)
    assert _has(events, "AGREE", "USA", "JPN")


def test_seed_003_accuse_china_and_the_missile_launch(coder):
    text, events = _seed_events(coder, "003_1508c65b7f82f917.txt")
    accuse = next(e for e in events if e.type == "ACCUSE" and e.actor and e.actor.code == "USA")
    assert accuse.recipient.code == "CHN" and accuse.date == datetime(2022, 1, 7, 12)
    launch = next(e for e in events if e.actor and e.actor.code == "PRK")
    assert launch.type == "MOBILIZE" and "hypersonic missile" in launch.evidence.of(text)


def test_copies_of_one_event_group_together(coder):
    _, first = _seed_events(coder, "003_1508c65b7f82f917.txt")
    _, second = _seed_events(coder, "003_1508c65b7f82f917.txt", article_id="copy")
    groups = group_events(first + second)
    assert len(groups) < len(first + second)
    assert all({event.article_id for event in group} == {"003", "copy"} for group in groups.values())


def test_a_sentence_repeated_in_another_article_takes_that_articles_offsets_date_and_countries(coder):
    sentence = "The ministry accused the opposition of fraud on Friday."
    first = Article(id="a", origin="", fmt="text", text=f"Tokyo.\n{sentence}", published=MONDAY,
                    mentions=[Mention(Span(0, 5), "Tokyo", "GPE", "country:JPN")])
    second = Article(id="b", origin="", fmt="text", text=f"A longer first line in Seoul.\n\n{sentence}",
                     published=datetime(2022, 2, 1), mentions=[Mention(Span(23, 28), "Seoul", "GPE", "country:KOR")])
    for article in (first, second):
        start = article.text.index(sentence)
        article.sentences = [Span(0, article.text.index("\n")), Span(start, start + len(sentence))]
    events = [events[0] for events in coder.code_many([first, second])]
    assert [event.article_id for event in events] == ["a", "b"]
    assert [event.evidence.of(article.text) for event, article in zip(events, (first, second))] == [sentence] * 2
    assert [event.date for event in events] == [datetime(2022, 1, 7), datetime(2022, 1, 28)]
    assert [event.actor.code for event in events] == ["JPN", "KOR"]
