"""Attribution rules on small texts: direct, indirect, mixed, multi-sentence, broken, offsets."""

from storytrace.model import Article, Mention, OffsetMap, Span
from storytrace.nlp.quotes_marks import mask_dateline, quote_regions


def _article(text: str) -> Article:
    return Article(id="a", origin="a", fmt="text", text=text)


def _only(quotes, kind=None):
    found = [quote for quote in quotes if kind is None or quote.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_quote_regions_run_an_unclosed_quote_to_the_paragraph_end():
    text = 'He said “one thing” and then “another that goes on'
    regions = quote_regions(text)
    assert [region.of(text) for region in regions] == ["“one thing”", "“another that goes on"]


def test_quote_regions_read_two_apostrophes_as_a_quotation_mark():
    text = "''It's embarrassing,'' Mr. Rubel said of the ''rabbit patches'' in Florida."
    assert [region.of(text) for region in quote_regions(text)] == ["''It's embarrassing,''", "''rabbit patches''"]


def test_quote_regions_close_on_a_mismatched_mark():
    text = '"This would be on top,” she said. “Apparently not,“ he said.'
    assert [region.of(text) for region in quote_regions(text)] == ['"This would be on top,”', "“Apparently not,“"]


def test_mask_dateline_keeps_offsets():
    text = "TOKYO/WASHINGTON (Reuters) – The United States and Japan met."
    masked = mask_dateline(text)
    assert len(masked) == len(text) and masked.strip().startswith("The United States")


def test_direct_quote_with_the_source_after_it(extractor):
    text = "“There are no coded messages here,” Hornung said."
    quote = _only(extractor.extract(_article(text)))
    assert quote.kind == "direct"
    assert quote.content.of(text) == "“There are no coded messages here,”"
    assert quote.source.of(text) == "Hornung" and quote.cue.of(text) == "said"
    assert quote.speaker == "Hornung"


def test_indirect_speech_takes_the_clausal_complement(extractor):
    text = "Blinken said the two countries would sign a new defense agreement."
    quote = _only(extractor.extract(_article(text)))
    assert quote.kind == "indirect"
    assert quote.content.of(text) == "the two countries would sign a new defense agreement"
    assert quote.source.of(text) == "Blinken"


def test_mixed_quote(extractor):
    text = "The ministers also said they had “serious and persistent concerns” about human rights."
    quote = _only(extractor.extract(_article(text)))
    assert quote.kind == "mixed"
    assert "“serious and persistent concerns”" in quote.content.of(text)
    assert quote.source.of(text) == "The ministers"


def test_quote_over_several_sentences_joins_the_part_after_the_cue(extractor):
    text = "“We will not back down. Not now,” she said. “Not ever.”"
    quote = _only(extractor.extract(_article(text)))
    assert quote.content == Span(0, len(text))
    assert quote.source.of(text) == "she" and quote.kind == "direct"


def test_next_paragraph_quotation_extends_the_attribution_before_it(extractor):
    text = "“There are no coded messages here,” Hornung said.\n\n“China is the challenge and they said it.”"
    quote = _only(extractor.extract(_article(text)))
    assert quote.content == Span(0, len(text))
    assert quote.source.of(text) == "Hornung" and quote.kind == "direct"


def test_quotation_after_an_unrelated_paragraph_continues_the_speaker(extractor):
    text = (
        "“There are no coded messages here,” Hornung said.\n\nThe meeting ran long.\n\n"
        "“China is the challenge and they said it.”"
    )
    first, second = extractor.extract(_article(text))
    assert second.source is None and second.cue is None
    assert second.content.of(text) == "“China is the challenge and they said it.”"
    assert second.speaker == first.speaker == "Hornung"


def test_a_cue_without_content_is_a_broken_attribution(extractor):
    text = "said Daniel Russell, who served as Obama’s chief US diplomat for Asia."
    quote = _only(extractor.extract(_article(text)))
    assert quote.broken and quote.content is None
    assert quote.source.of(text) == "Daniel Russell"


def test_sentences_with_no_cue_or_quotation_give_nothing(extractor):
    assert extractor.extract(_article("The Kishida government approved record defense spending.")) == []


def test_spans_index_the_original_text_when_cleaning_removed_a_line(extractor):
    text = "Register now to get free access\n“We are ready,” the minister said."
    offsets = OffsetMap([Span(text.index("“"), len(text))])
    article = _article(text)
    article.clean_text, article.offsets = offsets.build_clean_text(text), offsets
    quote = _only(extractor.extract(article))
    assert quote.content.of(text) == "“We are ready,”"
    assert quote.source.of(text) == "the minister"


def test_a_paragraph_repeated_in_another_article_is_attributed_in_that_article(extractor):
    paragraph = '"We will not back down," Hornung said on Friday.'
    first = Article(id="a", origin="a", fmt="text", text=f"Tokyo talks\n{paragraph}",
                    mentions=[Mention(Span(37, 44), "Hornung", "PERSON", "person:jeffrey-hornung")])
    second = Article(id="b", origin="b", fmt="text", text=f"A longer headline for the copy\n\n{paragraph}")
    quotes = [_only(found) for found in extractor.extract_many([first, second])]
    assert [quote.content.of(article.text) for quote, article in zip(quotes, (first, second))] == ['"We will not back down,"'] * 2
    assert [quote.source.of(article.text) for quote, article in zip(quotes, (first, second))] == ["Hornung"] * 2
    assert [quote.speaker_id for quote in quotes] == ["person:jeffrey-hornung", None]


def test_a_speaker_is_the_overlapping_mention_of_the_best_label_in_the_article_s_order():
    from storytrace.nlp.quotes import _best_mention, _ResolvedMentions

    mentions = [
        Mention(Span(40, 52), "Rand Corp.", "ORG", "org:rand"),
        Mention(Span(0, 15), "Jeffrey Hornung", "PERSON", "person:hornung"),
        Mention(Span(8, 15), "Hornung", "PERSON", "person:hornung-2"),
        Mention(Span(30, 36), "Japan", "GPE", None),  # unresolved: never a speaker
        Mention(Span(300, 400), "a long name further on", "ORG", "org:far"),
    ]
    found = _ResolvedMentions(mentions)
    assert [m.entity_id for m in found.overlapping(Span(10, 45))] == ["org:rand", "person:hornung", "person:hornung-2"]
    assert _best_mention(found.overlapping(Span(10, 45))).entity_id == "person:hornung"
    assert found.overlapping(Span(16, 29)) == [] and found.overlapping(Span(31, 33)) == []
    assert [m.entity_id for m in found.overlapping(Span(399, 500))] == ["org:far"]
