"""Rules added for PLOVER coding: actors without a country word, withdrawals, obligations, sectors."""

import pytest

from storytrace.eval.events import GoldRecord, split_records



@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Ethopia has agreed to reopen its borders to aid convoys.", "ETH"),  # misspelt
        ("Ethnic Albanians in Macedonia protested against the new law.", "MKD"),  # "ethnic" names no country
        ("The Pentagon deployed two aircraft carriers to the Mediterranean.", "USA"),
        ("Hamas fired dozens of rockets at southern Israel.", "PSE"),
        ("Doctors from two American aid groups donated medicine to a hospital in Baghdad.", "USA"),
        ("Vladimir Putin, the Russian president, threatened to cut gas supplies.", "RUS"),
        ("The London-based rights group accused the government of torture.", "NGO"),  # not British
        ("Arafat appealed to the international community to protect civilians.", "PSE"),  # a known leader
    ],
)
def test_actor_country_without_a_plain_country_word(coded, sentence, actor):
    assert coded(sentence).actor.code == actor


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("Russia said on Tuesday that Sudan must return the captured helicopter.", "REQUEST"),
        ("Germany withdrew its diplomats from Kabul.", "SANCTION"),
        ("Egypt expelled three foreign journalists.", "COERCE"),
        ("The army will withdraw its troops from the border region.", "AGREE"),
        ("The Macedonian army prepared to resume shelling rebel positions.", "MOBILIZE"),
        ("Ethnic Albanians have sworn to fight until they gain control of the villages.", "THREATEN"),
        ("The coalition launched air strikes on rebel positions.", "ASSAULT"),
        ("The prime minister resigned after the scandal.", "RETREAT"),
        ("The government ordered the opposition newspaper to suspend publication.", "COERCE"),
        ("Sudan broke off diplomatic relations with Uganda.", "SANCTION"),  # the particle decides
        ("The delegation walked out of the talks.", "SANCTION"),
        ("The junta banned all political parties.", "COERCE"),  # "banned" passes the candidate filter
        ("The Prime Minister of Israel met King Hussein of Jordan in Amman.", "CONSULT"),  # irregular "met"
    ],
)
def test_event_type_from_the_clause(coded, sentence, type_):
    assert coded(sentence).type == type_


def test_free_as_an_adjective_is_no_release(coder, coded):
    assert coder.code_sentence("The opposition wants free elections next year.") is None
    assert coded("The government freed 30 political prisoners.").type == "RETREAT"


def test_reported_obligation_is_the_speakers_request_of_the_subject(coded):
    event = coded("Russia said on Tuesday that Sudan must return the captured helicopter.")
    assert (event.actor.code, event.recipient.code) == ("RUS", "SDN")


def test_one_actor_naming_two_countries_is_not_split_without_a_conjunction(coded):
    event = coded("The Bosnian Serb leadership agreed to the peace plan.")
    assert event.actor.code == "BIH" and (event.recipient is None or event.recipient.text != event.actor.text)


def test_agentless_passive_makes_the_subject_the_recipient(coded):
    event = coded("Three civilians were killed in a car bombing.")
    assert event.recipient.text == "Three civilians" and event.actor.text == ""


def test_recipient_prefers_a_phrase_that_names_an_actor(coded):
    event = coded("Swiss doctors handed over 700 kg of medicine to the Red Crescent.")
    assert (event.recipient.code, event.recipient.sector) == ("IGO", "MED")


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        ("Afghan rebel leaders rejected the peace plan.", "REB"),  # "leaders" takes the modifier's sector
        ("U.N. Secretary-General Kofi Annan condemned the attack.", "GOV"),  # not MIL from "General"
        ("Beirut rejected a United Nations appeal.", "GOV"),  # a capital standing for its government
        ("Thousands of Nigerians protested in Lagos.", "CVL"),
        ("Former president Carlos Menem rejected the charges.", "ELI"),
        ("Security forces in Guinea arrested dozens of refugees.", "COP"),
    ],
)
def test_actor_sector(coded, sentence, sector):
    assert coded(sentence).actor.sector == sector


def test_fixed_split_halves_the_records_without_overlap():
    records = [GoldRecord(str(index), "AGREE", (), (), (), ()) for index in range(5)]
    tune, held_out = split_records(records, "tune"), split_records(records, "held-out")
    assert [r.text for r in tune] == ["0", "2", "4"] and [r.text for r in held_out] == ["1", "3"]
    with pytest.raises(ValueError):
        split_records(records, "test")


def test_actor_without_a_country_in_its_sentence_takes_the_articles(coder):
    from storytrace.model import Article, Mention, Span

    text = "Japan and the United States held talks. The ministry later condemned the missile test."
    mentions = [Mention(Span(0, 5), "Japan", "GPE", "country:JPN"),
                Mention(Span(14, 27), "United States", "GPE", "country:USA")]
    article = Article(id="a", origin="", fmt="text", text=text, sentences=[Span(0, 39), Span(40, len(text))],
                      mentions=mentions + [Mention(Span(0, 5), "Japan", "GPE", "country:JPN")])
    condemned = next(event for event in coder.code(article) if event.type == "ACCUSE")
    assert condemned.actor.code == "JPN"


def _parsed_for_events(sentences, separator=" "):
    from storytrace.model import Article, Span
    from storytrace.nlp.events import EventCoder
    from storytrace.nlp.quotes import load_parser

    parser, parsed = load_parser(), []

    def parse(texts):
        texts = list(texts)
        parsed.extend(texts)
        return parser(texts)

    text = separator.join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence)))
        start += len(sentence) + len(separator)
    events = EventCoder(parse).code(Article(id="a", origin="", fmt="text", text=text, sentences=spans))
    return parsed, events


def test_only_sentences_that_can_hold_an_event_are_parsed():
    sentences = ["The bank's profits rose.", "Troops withdrew from the town.", "The junta banned the party.",
                 "The delegation walked out of the talks.", "They walked to the station."]
    parsed, _ = _parsed_for_events(sentences, separator="\n")
    assert parsed == [sentences[1], sentences[2], sentences[3]]


def test_a_line_the_quote_rules_parse_is_parsed_whole_and_coded_sentence_by_sentence():
    sentences = ["The bank said profits rose.", "Troops withdrew from the town.", "They walked to the station."]
    parsed, events = _parsed_for_events(sentences)
    assert parsed == [" ".join(sentences)]  # the text the quote rules parse: one parse serves both
    assert [event.type for event in events] == ["RETREAT"]
