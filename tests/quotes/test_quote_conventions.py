"""Attribution shapes tuned on PolNeAR's conventions: stance verbs with their objects, inherited
subjects, headlines with a colon, parenthetical cues, quotations that carry on a lead-in."""

import pytest

from storytrace.model import Article


def _all(extractor, text: str) -> list[tuple[str | None, str | None, str]]:
    """Each attribution as (source, cue, content) text."""
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    return [(q.source.of(text) if q.source else None, q.cue.of(text) if q.cue else None, q.content.of(text)) for q in quotes]


def _one(extractor, text: str) -> tuple[str | None, str | None, str]:
    found = _all(extractor, text)
    assert len(found) == 1, found
    return found[0]


def test_a_stance_verb_takes_its_object_as_content(extractor):
    assert _one(extractor, "Most voters in both states supported Sanders.") == (
        "Most voters in both states", "supported", "Sanders")


def test_what_is_said_of_the_object_goes_with_it(extractor):
    assert _one(extractor, "Viguerie sees Cruz as a uniter.") == ("Viguerie", "sees", "Cruz as a uniter")


def test_words_between_cue_and_quotation_belong_to_the_content(extractor):
    text = "Former Florida Gov. Jeb Bush called Trump “unhinged.”"
    assert _one(extractor, text) == ("Former Florida Gov. Jeb Bush", "called", "Trump “unhinged.”")


def test_a_colon_before_the_quotation_keeps_the_lead_in_out(extractor):
    text = "Trump told reporters: “We will win.”"
    assert _one(extractor, text)[2] == "“We will win.”"


def test_a_raised_cue_inherits_the_subject_of_its_clause(extractor):
    text = "Democratic voters are slightly more likely to say that Clinton represents their positions."
    source, _, content = _one(extractor, text)
    assert source == "Democratic voters" and content == "that Clinton represents their positions"


def test_a_parenthetical_cue_keeps_its_source_inside_the_content(extractor):
    text = "In the three years since the shootings, Barden says, far too little has changed."
    source, cue, content = _one(extractor, text)
    assert (source, cue) == ("Barden", "says") and content.endswith("far too little has changed")


def test_a_headline_with_a_colon_is_an_attribution_without_any_cue_word(extractor):
    text = "Elizabeth Warren: Donald Trump Is a Proven Failure in Business."
    assert _one(extractor, text) == ("Elizabeth Warren", ":", "Donald Trump Is a Proven Failure in Business")


def test_a_trailing_relative_clause_is_not_content(extractor):
    text = "Sanders said he would seek a recount in Kentucky, where he trailed Clinton."
    assert _one(extractor, text)[2] == "he would seek a recount in Kentucky"


def test_a_quotation_split_by_its_cue_is_one_attribution(extractor):
    text = (
        "“And while I’m at it, I hold in the highest esteem Sen. John McCain,” Trump said, "
        "“and I fully support and endorse his re-election.”"
    )
    assert _one(extractor, text) == ("Trump", "said", text)


def test_an_as_clause_attributes_the_main_clause(extractor):
    text = "As House Speaker Paul Ryan has pointed out, that is the textbook definition of racism."
    source, cue, content = _one(extractor, text)
    assert (source, content) == ("House Speaker Paul Ryan", "that is the textbook definition of racism")
    assert cue.startswith("has pointed")


def test_the_nyt_archives_doubled_apostrophes_quote_like_marks(extractor):
    text = "''It's embarrassing,'' Mr. Rubel said. ''The stock didn't do well.''"
    assert _one(extractor, text) == ("Mr. Rubel", "said", text)


def test_a_speaker_after_an_inverted_cue_is_the_source_though_parsed_as_its_object(extractor):
    text = "“Look, Hillary needed to split the first two primaries,” added a South Carolina Democrat."
    source, cue, content = _one(extractor, text)
    assert (source, cue) == ("a South Carolina Democrat", "added")
    assert content == "“Look, Hillary needed to split the first two primaries,”"


def test_a_closing_mark_hanging_on_an_apposed_speaker_is_not_part_of_the_source(extractor):
    text = "“Today’s speech shows that this is fine,” Adam Green, co-founder of the committee, said in a statement."
    assert _one(extractor, text)[:2] == ("Adam Green", "said")


def test_of_two_overlapping_attributions_the_one_with_a_speaker_is_kept(extractor):
    text = ("While it’s unclear how delegates are assigned, they are asked to rank their choices, and the group "
            "is less likely to be “overrun with social conservatives,” Hoover said.")
    source, cue, content = _one(extractor, text)
    assert (source, cue) == ("Hoover", "said") and content.endswith("“overrun with social conservatives,”")


def test_a_quotation_broken_by_its_cue_is_one_content_from_the_first_mark_to_the_last(extractor):
    text = ("“When I look at somebody like Hillary Clinton,” he said, “who sits there and tells everyone it was a "
            "video, they call that a lie.”")
    assert _one(extractor, text) == ("he", "said", text)


def test_a_question_before_the_cue_is_not_part_of_the_answer(extractor):
    text = '"Would you have told her?" He answered, "I have no idea."'
    assert _one(extractor, text)[2] == '"I have no idea."'


def test_a_cue_verb_the_lemmatizer_gets_wrong_is_still_a_cue(extractor):
    text = "Rubio hoped to emerge as the mainstream alternative to Trump and Cruz."  # lemma "hop"
    assert _one(extractor, text) == ("Rubio", "hoped", "to emerge as the mainstream alternative to Trump and Cruz")


def test_a_cue_after_a_preposition_inherits_the_subject_of_its_clause(extractor):
    text = "Clinton clearly erred in saying that the figure was from the State Department."
    assert _one(extractor, text) == ("Clinton", "saying", "that the figure was from the State Department")


def test_who_issues_a_statement_saying_something_is_its_source(extractor):
    text = "The campaign issued a statement saying it was postponing a Monday evening rally."
    assert _one(extractor, text) == ("The campaign", "saying", "it was postponing a Monday evening rally")


def test_a_passive_cue_is_reported_without_a_speaker(extractor):
    text = "Trump is expected to deliver a victory speech later tonight."
    assert _one(extractor, text) == (None, "is expected", text[:-1])


def test_a_quoted_title_before_the_cue_is_not_part_of_the_content(extractor):
    text = "Appearing on “Sunday Morning Futures,” Rep. Darrell Issa said Clinton’s judgment is in question."
    assert _one(extractor, text)[2] == "Clinton’s judgment is in question"


def test_a_participle_modifying_its_speaker_takes_the_noun_before_it_as_the_source(extractor):
    text = "Outside groups supporting New Jersey Gov. Chris Christie also have spent heavily in the state."
    assert _one(extractor, text) == ("Outside groups", "supporting", "New Jersey Gov. Chris Christie")


def test_a_subject_inside_the_quotation_gives_way_to_the_speaker_after_the_cue(extractor):
    text = '"Meh," wrote a Trump supporter who runs the Twitter account @WomenForTrump. "What does Ford know about it?"'
    assert _one(extractor, text)[:2] == ("a Trump supporter who runs the Twitter account @WomenForTrump", "wrote")


def test_as_someone_puts_it_attributes_the_main_clause(extractor):
    text = "As The Post's Ruth Marcus puts it, Obama is trying to make Republicans \"an offer they can't refuse.\""
    assert _one(extractor, text) == (
        "The Post's Ruth Marcus", "puts", "Obama is trying to make Republicans \"an offer they can't refuse.\"")


def test_a_reported_clause_before_the_cue_is_a_neighbouring_attribution_not_its_content(extractor):
    text = ("A strong majority of Democratic primary voters say they are paying at least some attention to the "
            "presidential campaign; 26 percent of Democrats say they have not been paying much attention.")
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    found = {(quote.source.of(text), quote.content.of(text)) for quote in quotes}
    assert ("26 percent of Democrats", "they have not been paying much attention") in found


def test_a_quotation_after_the_speakers_description_goes_on_with_the_content(extractor):
    text = ("''The most powerful tool available to the manager is communication,'' said Ron Geffner, a lawyer for "
            "hedge funds at Sadis & Goldberg. ''Being open - intelligent and thoughtful communication with investors.''")
    assert _one(extractor, text) == ("Ron Geffner", "said", text)


def test_a_cue_in_the_speakers_description_stands_beside_the_quotation_that_goes_on_after_it(extractor):
    text = ('"We will win this state easily," said Smith, who predicted that turnout would be high. '
            '"The voters are with us."')
    assert _all(extractor, text) == [("Smith", "said", text), ("who", "predicted", "that turnout would be high")]


def test_a_participle_clause_closing_the_content_is_an_attribution_of_its_own(extractor):
    text = "Trump has denounced supporters that level sexist attacks, saying his campaign does not want “that crap.”"
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    assert [quote.content.of(text) for quote in quotes] == [
        "supporters that level sexist attacks", "his campaign does not want “that crap.”"]


def test_an_apposition_closing_the_content_is_left_out(extractor):
    text = ("Clinton has vowed to work to repeal the Hyde Amendment, a longstanding federal provision that prohibits "
            "taxpayer funding of most abortions.")
    assert _one(extractor, text) == ("Clinton", "has vowed", "to work to repeal the Hyde Amendment")


def test_whom_a_cue_urges_goes_with_what_they_are_urged_to_do(extractor):
    text = "The group urged Democrats to moderate their stance on gun control."
    assert _one(extractor, text) == ("The group", "urged", "Democrats to moderate their stance on gun control")


def test_a_stance_noun_with_its_holder_takes_its_topic(extractor):
    text = "Curbelo has been vocal in his opposition to Trump's immigration plan."
    assert _one(extractor, text) == ("his", "opposition", "Trump's immigration plan")


def test_a_stance_noun_completing_a_verb_is_held_by_the_verbs_subject(extractor):
    text = "The president gave a ruminative endorsement of Hillary Clinton."
    assert _one(extractor, text) == ("The president", "endorsement", "Hillary Clinton")


def test_a_clause_after_say_misread_as_a_noun_phrase_is_still_the_content(extractor):
    text = "Stone says the increase in polarization that Bloomberg decries also makes his election even less likely."
    assert _one(extractor, text) == ("Stone", "says", text[11:-1])


def test_according_to_set_off_inside_its_sentence_attributes_the_whole_sentence(extractor):
    text = "At the heart of the trouble, according to officials, is a dispute over the budget."
    assert _one(extractor, text) == ("officials", "according to", text[:-1])


def test_an_attribution_holding_another_in_its_content_is_the_one_kept(extractor):
    text = "More than 6 in 10 voters said that Wall Street does more to hurt the economy than help, according to exit polls."
    assert _one(extractor, text) == ("exit polls", "according to", text[: text.index(", according")])


def test_a_relative_pronoun_object_stands_for_the_content(extractor):
    text = "The tax, which Clinton also supports, would raise billions."
    assert _one(extractor, text) == ("Clinton", "supports", "which")


def test_a_relative_clause_closing_the_object_is_left_out_even_when_its_pronoun_sits_lower(extractor):
    text = "He backed the plan, which critics say would raise taxes."
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    assert (quotes[0].cue.of(text), quotes[0].content.of(text)) == ("backed", "the plan")


def test_a_poll_opening_the_sentence_is_the_source_of_its_finding(extractor):
    text = "In a national CNN/ORC poll released Monday, 31% of Republicans were enthusiastic about voting."
    assert _one(extractor, text) == (
        "a national CNN/ORC poll released Monday", "In", "31% of Republicans were enthusiastic about voting")
    text = "Clinton leads Trump by eight points in the latest Quinnipiac poll."
    assert _one(extractor, text) == ("the latest Quinnipiac poll", "in", "Clinton leads Trump by eight points")


def test_a_topic_after_a_particle_is_the_content(extractor):
    assert _one(extractor, "Trump lashed out at Clinton on Monday.") == ("Trump", "lashed out at", "Clinton")


def test_where_a_speaker_spoke_is_no_content(extractor):
    text = "Speaking on the cable channel CNBC, Mr. Ubben defended the deal."
    assert _one(extractor, text) == ("Mr. Ubben", "defended", "the deal")
    for venue in ("Sanders spoke on CNN.", "He spoke on condition of anonymity."):
        assert _all(extractor, venue) == []


def test_a_name_misread_as_an_adverb_before_the_cue_is_the_speaker(extractor):
    text = "Jolly said he has worked with Republicans and Democrats on legislation."
    assert _one(extractor, text)[0] == "Jolly"


def test_long_tail_stance_verbs_and_nouns_are_cues(extractor):
    assert _one(extractor, "Clinton chided Trump for his remarks about the judge.")[:2] == ("Clinton", "chided")
    assert _one(extractor, "Sanders has repeatedly trashed the trade deal.")[2] == "the trade deal"
    assert _one(extractor, "Obama's decision to veto the bill angered Republicans.")[1:] == ("decision", "to veto the bill")


def test_a_cue_conjoined_inside_the_content_is_a_second_attribution_by_the_same_speaker(extractor):
    text = "Trump said he would win and added that Clinton was weak."
    assert _all(extractor, text) == [("Trump", "said", "he would win"), ("Trump", "added", "that Clinton was weak")]
    text = 'De Blasio said the city would recover and said, "We will rebuild."'
    assert _all(extractor, text) == [("De Blasio", "said", "the city would recover"), ("De Blasio", "said", '"We will rebuild."')]


def test_a_quotation_with_a_speech_verb_of_its_own_does_not_continue_the_previous_one(extractor):
    text = '"We need a change," Smith said. "I do not think anyone can win this way," said Greenberg, a pollster.'
    assert _all(extractor, text) == [
        ("Smith", "said", '"We need a change,"'),
        ("Greenberg", "said", '"I do not think anyone can win this way,"'),
    ]


def test_a_passive_cue_takes_its_subject_with_what_is_said_of_it(extractor):
    text = "Sanders was declared the winner in Rhode Island."
    assert _one(extractor, text) == (None, "was declared", "Sanders was declared the winner in Rhode Island")
    text = "The mayor's feud with the council is underscored by one exchange last spring."
    assert _one(extractor, text) == ("one exchange", "is underscored", "The mayor's feud with the council")


def test_a_passive_cue_with_a_topic_opens_its_content_with_the_subject(extractor):
    text = "The former aide was accused of a crime by two reporters."
    assert _one(extractor, text) == ("two reporters", "was accused of", "The former aide was accused of a crime")


def test_a_modifier_the_parser_left_on_the_cue_closes_the_content(extractor):
    text = "The mayor said the budget was balanced, because the city had cut spending on roads."
    assert _one(extractor, text)[2] == "the budget was balanced, because the city had cut spending on roads"


def test_a_that_clause_before_the_quotation_stays_in_the_content(extractor):
    text = "The governor said that once the session ends, “I will travel the state to campaign.”"
    assert _one(extractor, text)[2] == "that once the session ends, “I will travel the state to campaign.”"


def test_a_quotation_in_lower_case_goes_on_with_the_words_before_a_parenthetical_cue(extractor):
    text = "If the bill passes, she said, “it will change how schools are funded.”"
    assert _one(extractor, text) == ("she", "said", text)


def test_the_cues_preposition_is_not_content(extractor):
    text = 'The senator railed against the "reckless spending" of the administration.'
    assert _one(extractor, text)[1:] == ("railed against", 'the "reckless spending"')
    assert _one(extractor, "She spoke briefly about the cancellation of her show.") == (
        "She", "spoke briefly about", "the cancellation of her show")


@pytest.mark.parametrize("text", [
    'Correction: "An earlier version of this story misstated the date of the vote."',
    "The Latest: Sanders wins Minnesota Democratic caucuses",  # a live blog's label
    "Breaking: Senate passes the budget bill after a night of votes",
])
def test_a_page_label_before_a_colon_is_no_speaker(extractor, text):
    assert _all(extractor, text) == []


def test_a_colon_speaker_opening_the_paragraph_keeps_its_first_letters():
    from storytrace.nlp.quotes_forms import colon_quotations
    from storytrace.nlp.quotes_marks import quote_regions

    text = 'Kerry: "The president sets the number of refugees every year."'
    found = colon_quotations(text, quote_regions(text), [])
    assert [item.source.of(text) for item in found] == ["Kerry"]


def test_an_attitude_adjective_is_a_cue(extractor):
    text = "Some Democrats are concerned that the primary fight could make it harder to unite the party."
    assert _one(extractor, text) == (
        "Some Democrats", "are concerned", "that the primary fight could make it harder to unite the party")
    text = "Republicans have been critical of the governor's budget plan."
    assert _one(extractor, text) == ("Republicans", "have been critical of", "the governor's budget plan")


def test_make_clear_is_a_cue(extractor):
    text = "The governor made it clear that he expects to sign the law."
    assert _one(extractor, text) == ("The governor", "made it clear", "that he expects to sign the law")


def test_a_quotation_closing_the_sentence_before_is_not_the_next_cues_content(extractor):
    text = "The mayor called the plan “reckless.” The governor called the budget “a disaster for working families.”"
    assert _all(extractor, text) == [
        ("The mayor", "called", "the plan “reckless.”"),
        ("The governor", "called", "the budget “a disaster for working families.”"),
    ]


def test_a_time_or_a_listener_after_the_cues_preposition_is_no_topic(extractor):
    assert _all(extractor, "The governor responded on Sunday.") == []
    assert _one(extractor, "The minister denied to me any wrongdoing.") == ("The minister", "denied", "any wrongdoing")


def test_when_and_where_the_speaker_spoke_is_not_content(extractor):
    text = "The treasury secretary stressed those worries during a forum in Beijing."
    assert _one(extractor, text)[2] == "those worries"
    text = "The governor embraced the candidate after he clinched the nomination."
    assert _one(extractor, text)[2] == "the candidate"


def test_a_quotation_between_an_earlier_clause_and_the_cue_is_the_cues_content(extractor):
    text = 'The spokesman fired back: “As a veteran of three campaigns,” he wrote, “I know you are rooting for us, too.”'
    assert _all(extractor, text) == [
        ("he", "wrote", "“As a veteran of three campaigns,” he wrote, “I know you are rooting for us, too.”")]


def test_view_is_a_stance_cue_like_see(extractor):
    assert _one(extractor, "Many Republicans view the governor as a moderate.") == (
        "Many Republicans", "view", "the governor as a moderate")


def test_a_title_case_headline_splits_at_its_cue_verb(extractor):
    assert _one(extractor, "Party Elder Jane Roe Endorses John Smith.") == ("Party Elder Jane Roe", "Endorses", "John Smith")
    assert _one(extractor, "Senate Leader Praises Governor’s Budget Plan.") == (
        "Senate Leader", "Praises", "Governor’s Budget Plan")


def test_a_clause_before_a_semicolon_is_not_the_next_cues_content(extractor):
    text = "He calls for new spending on roads; she calls for lower taxes."
    assert _all(extractor, text) == [("He", "calls for", "new spending on roads"), ("she", "calls for", "lower taxes")]


def test_a_cue_with_its_own_clause_or_object_after_it_does_not_take_the_clause_before_it(extractor):
    text = "Morale has suffered, employees complain that the manager never listens."
    assert _one(extractor, text) == ("employees", "complain", "that the manager never listens")
    text = "The economy is slowing, the senator blamed the central bank."
    assert _one(extractor, text) == ("the senator", "blamed", "the central bank")


def test_the_topic_after_the_listener_is_the_content(extractor):
    text = "The senator apologized to his supporters for the delay."
    assert _one(extractor, text)[::2] == ("The senator", "the delay")


def test_an_object_relative_that_stands_for_the_noun_it_describes(extractor):
    text = "The plan is part of a larger package of tax cuts that the White House has been discussing."
    assert _one(extractor, text) == ("the White House", "has been discussing", "tax cuts")


def test_the_taker_of_a_step_is_the_speaker_of_the_participle_after_it(extractor):
    text = "The company took the unusual step of criticizing the regulators."
    assert _one(extractor, text) == ("The company", "criticizing", "the regulators")


def test_a_verb_of_thought_takes_what_it_is_about(extractor):
    assert _one(extractor, "Many voters worry about the cost of health care.") == (
        "Many voters", "worry about", "the cost of health care")
    assert _one(extractor, "She is hoping for a quick victory.")[2] == "a quick victory"


def test_a_clause_conjoined_after_the_content_goes_on_with_it_unless_it_reports_speech(extractor):
    text = "Trump said the time for politeness is over, and the nation has to act."
    assert _one(extractor, text)[2] == "the time for politeness is over, and the nation has to act"
    text = "Trump said the time for politeness is over, and Clinton said the nation has to act."
    assert _all(extractor, text) == [
        ("Trump", "said", "the time for politeness is over"), ("Clinton", "said", "the nation has to act")]


def test_a_finite_cue_conjoined_to_an_infinitive_shares_the_main_subject(extractor):
    text = (
        "During the last election, Mitt Romney largely ran on his ability to jolt the economic recovery "
        "into hyperdrive and accused Obama of bungling the rehabilitation."
    )
    assert _one(extractor, text) == ("Mitt Romney", "accused", "Obama of bungling the rehabilitation")


def test_a_participle_after_stopped_short_of_speaks_for_the_subject(extractor):
    text = "The senator praised the officers for pursuing charges in the case but stopped short of calling for the manager to be fired."
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    found = [(q.source.of(text) if q.source else None, q.content.of(text)) for q in quotes]
    assert ("The senator", "the manager to be fired") in found


def test_a_speaker_read_as_an_apposition_in_the_opening_phrase(extractor):
    text = (
        "In an interview with radio hosts Tom Baker and Lisa Grant, the Republican mayoral candidate stated "
        "that the council's “reckless” and “wasteful” budget does not fit the city."
    )
    assert _one(extractor, text) == (
        "the Republican mayoral candidate", "stated", "that the council's “reckless” and “wasteful” budget does not fit the city"
    )
