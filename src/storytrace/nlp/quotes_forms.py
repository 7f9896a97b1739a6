"""Attribution forms beside cue verbs: "according to X", cue nouns ("Trump's claim that ..."),
colons ('Trump: "..."', headlines 'Sanders: I'm Not ...') and quotations carried over from the
previous paragraph."""

from __future__ import annotations

from spacy.tokens import Token

from storytrace.model import Span
from storytrace.nlp.quotes_marks import word_count
from storytrace.nlp.quotes_spans import Found, overlaps, quote_kind, snap_to_regions, subtree_span, trimmed

NOMINAL_TOPICS = frozenset({"about", "on", "of", "for", "to", "against", "over"})  # "support for", "opposition to"
MIN_QUOTE_WORDS = 4  # a shorter quotation is a scare quote or a cited phrase, not speech on its own


def nominal(cue: Token, text: str, regions: list[Span]) -> list[Found]:
    """"Trump's claim that ...", "his recent call to ban ...": a possessor and a clause or topic."""
    owners = [child for child in cue.children if child.dep_ == "poss"] or _light_verb_subject(cue)
    clauses = [child for child in cue.rights if child.dep_ in ("acl", "ccomp", "relcl") and _is_that_or_to(child)]
    topics = [child for child in cue.rights if child.dep_ == "prep" and child.lower_ in NOMINAL_TOPICS]
    if not owners or not (clauses or topics):
        return []
    head = clauses[0] if clauses else topics[0]
    span = subtree_span(head, text, exclude=None)
    if span is None:
        return []
    if not clauses:
        span = trimmed(text, span.start + len(head), span.end) or span
    source = trimmed(text, owners[0].left_edge.idx, owners[0].right_edge.idx + len(owners[0].right_edge))
    content = snap_to_regions(span, regions, text)
    return [Found(content=content, cue=Span(cue.idx, cue.idx + len(cue)), source=source, kind=quote_kind(content, regions))]


def _light_verb_subject(noun: Token) -> list[Token]:
    """"The president gave an endorsement of Clinton": the subject of the verb the noun completes."""
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return []
    return [child for child in noun.head.children if child.dep_ == "nsubj"][:1]


def _is_that_or_to(clause: Token) -> bool:
    return any(child.lower_ in ("that", "to") and child.dep_ in ("mark", "aux") for child in clause.children)


def according_to(according: Token, text: str) -> list[Found]:
    sentence = according.sent
    to = according.doc[according.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if not objects:
        return []
    source = trimmed(text, objects[0].left_edge.idx, objects[0].right_edge.idx + len(objects[0].right_edge))
    phrase_end = max(source.end, to.idx + len(to))
    if according.idx - sentence.start_char < 3:
        content = trimmed(text, phrase_end, sentence.end_char)
    elif _interrupts(text[sentence.start_char : according.idx], text[phrase_end : sentence.end_char]):
        content = trimmed(text, sentence.start_char, sentence.end_char)  # "At the heart of it, according to X, is ..."
    else:
        content = trimmed(text, sentence.start_char, according.idx)
    if content is None or source is None or word_count(content.of(text)) < 2:
        return []
    return [Found(content=content, cue=Span(according.idx, to.idx + len(to)), source=source, kind="indirect")]


POLL_NOUNS = frozenset({"poll", "survey"})


def in_poll(preposition: Token, text: str) -> list[Found]:
    """"In a CNN/ORC poll released Monday, 31% of Republicans said ..." and "Clinton leads Trump by eight
    points in the latest Quinnipiac poll": the poll is the source of the finding in the rest of the sentence."""
    objects = [child for child in preposition.children if child.dep_ == "pobj" and child.lemma_.lower() in POLL_NOUNS]
    if not objects or preposition.dep_ != "prep":
        return []
    sentence = preposition.sent
    source = trimmed(text, objects[0].left_edge.idx, objects[0].right_edge.idx + len(objects[0].right_edge))
    if source is None:
        return []
    if preposition.i == sentence.start:
        content = trimmed(text, source.end, sentence.end_char)
    elif preposition.head.dep_ == "ROOT" and preposition.i > preposition.head.i:
        content = trimmed(text, sentence.start_char, preposition.idx)
    else:
        return []
    if content is None or word_count(content.of(text)) < 3:
        return []
    cue = Span(preposition.idx, preposition.idx + len(preposition))
    return [Found(content=content, cue=cue, source=source, kind="indirect")]


def _interrupts(before: str, after: str) -> bool:
    """An "according to" phrase set off by commas inside its sentence: the sentence goes on after it."""
    return before.rstrip().endswith(",") and after.lstrip().startswith(",") and word_count(after) >= 2


def colon_quotations(text: str, regions: list[Span], found: list[Found]) -> list[Found]:
    """'Trump: "..."' or 'The statement read in part: "..."' with no cue verb found."""
    results = []
    for region in regions:
        colon = text.rfind(":", 0, region.start)
        if colon < 0 or text[colon + 1 : region.start].strip() or _claimed(region, found):
            continue
        clause_start = max(text.rfind(mark, 0, colon) + len(mark) for mark in (". ", "? ", "! ", "”", "\"", " - ", " — "))
        source = trimmed(text, clause_start, colon)
        if source is not None and 0 < word_count(source.of(text)) <= 6:
            results.append(Found(content=region, cue=Span(colon, colon + 1), source=source, kind="direct"))
    return results


SPEAKER_LINKS = frozenset({"to", "at", "of", "on", "in", "the", "and", "for"})


def headline_speaker_end(text: str) -> int | None:
    """Where the speaker of 'Bernie Sanders: I'm Not Much Of A Socialist.' ends (its colon), if any."""
    colon = text.find(": ")
    if colon < 0 or colon > 50:
        return None
    words = text[:colon].split()
    if not 1 <= len(words) <= 7 or not words[0][:1].isupper():
        return None
    return colon if all(word[:1].isupper() or word in SPEAKER_LINKS for word in words) else None


def headline_colon(text: str, found: list[Found]) -> list[Found]:
    """'Bernie Sanders: I'm Not Much Of A Socialist.' and transcripts ('TAPPER: And obviously ...')."""
    colon = headline_speaker_end(text)
    if colon is None or any(item.cue is not None and item.cue.start < colon for item in found):
        return []
    speaker = text[:colon].strip()
    content = trimmed(text, colon + 1, len(text))
    if content is None or word_count(content.of(text)) < 3:
        return []
    return [Found(content=content, cue=Span(colon, colon + 1), source=Span(0, len(speaker)), kind="direct")]


def transcript_turn(text: str) -> list[Found]:
    """'TAPPER: And obviously, you're supporting Donald Trump, I think ...': the whole turn is the
    speaker's, whatever cues it holds."""
    colon = headline_speaker_end(text)
    if colon is None or not text[:colon].isupper():
        return []
    return headline_colon(text, [])


def _claimed(region: Span, found: list[Found]) -> bool:
    return any(item.content is not None and overlaps(item.content, region) for item in found)


def leftover_quotations(text: str, regions: list[Span], found: list[Found]) -> list[Found]:
    """A quotation that opens the paragraph and belongs to no cue continues the previous speaker."""
    if not regions or text[: regions[0].start].strip() or word_count(regions[0].of(text)) < MIN_QUOTE_WORDS:
        return []
    first = regions[0]
    if any(item.content is not None and overlaps(item.content, first) for item in found):
        return []
    end = _chain_forward(regions, text)
    return [Found(content=Span(first.start, end), cue=None, source=None, kind="direct", continues=True)]


def _chain_forward(regions: list[Span], text: str) -> int:
    end = regions[0].end
    for following in regions[1:]:
        if word_count(text[end : following.start]) > 0:
            break
        end = following.end
    return end
