"""Attribution shapes tuned on PolNeAR's conventions: stance verbs with their objects, inherited
subjects, headlines with a colon, parenthetical cues, quotations that carry on a lead-in."""

from storytrace.model import Article


def _one(extractor, text: str) -> tuple[str | None, str | None, str]:
    quotes = extractor.extract(Article(id="a", origin="a", fmt="text", text=text))
    assert len(quotes) == 1, quotes
    quote = quotes[0]
    source = quote.source.of(text) if quote.source else None
    cue = quote.cue.of(text) if quote.cue else None
    return source, cue, quote.content.of(text)


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
