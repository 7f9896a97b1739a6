"""Attribution forms beside cue verbs: "according to X", cue nouns ("Trump's claim that ..."),
attitude adjectives ("voters are angry about ..."), "make clear", colons ('Trump: "..."', headlines
'Sanders: I'm Not ...') and quotations carried over from the previous paragraph."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

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


ATTITUDE_VERBS = frozenset({"be", "remain", "seem", "become", "feel", "grow", "appear", "sound", "look", "stay"})
ATTITUDE_TOPICS = frozenset({
    "about", "of", "on", "over", "with", "at", "in", "toward", "towards", "against", "by", "for",
})
CLAUSE_MARKS = frozenset({"that", "whether", "if", "to"})


def attitude(adjective: Token, text: str, regions: list[Span]) -> list[Found]:
    """"Some Democrats are concerned that ...", "Republicans have been critical of Clinton’s use of
    email", "his supporters are optimistic that ...": an attitude adjective completing "be" (or
    "remain", "seem", ...) with a clause or a topic; the subject holds the attitude."""
    verb = adjective.head
    if adjective.dep_ != "acomp" or verb.lemma_.lower() not in ATTITUDE_VERBS or verb.i > adjective.i:
        return []
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ == "it":
        return []
    end, content = adjective, None
    clause = next((c for c in adjective.rights if c.dep_ in ("ccomp", "xcomp", "advcl") and _marked(c)), None)
    clause = clause or next((c for c in verb.rights if c.dep_ == "ccomp" and c.i > adjective.i and _marked(c)), None)
    if clause is not None:
        content = subtree_span(clause, text, exclude=None)
    else:
        topic = next((c for c in adjective.rights if c.dep_ == "prep" and c.lower_ in ATTITUDE_TOPICS), None)
        objects = [g for g in topic.children if g.dep_ in ("pobj", "pcomp")] if topic is not None else []
        if objects:
            content, end = subtree_span(objects[0], text, exclude=None), topic
    if content is None:
        return []
    return _held_by(subject, verb, end, content, text, regions)


def made_clear(verb: Token, text: str, regions: list[Span]) -> list[Found]:
    """"Obama made clear over the weekend that ...", "He made it clear that ...", "The poll makes
    clear the headwinds ahead": "make clear" (or "plain") is a cue of its own. Like the attitude
    adjectives, it is looked for only in paragraphs parsed for another cue or a quotation."""
    clear = next((c for c in verb.rights if c.lower_ in ("clear", "plain") and c.i <= verb.i + 2), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if clear is None or subject is None:
        return []
    clause = next((c for c in clear.rights if c.dep_ in ("ccomp", "advcl") and _marked(c)), None)
    clause = clause or next((c for c in verb.rights if c.dep_ == "ccomp" and c.i > clear.i and _marked(c)), None)
    if clause is not None:
        content = subtree_span(clause, text, exclude=None)
    elif clear.i + 1 < len(clear.doc) and clear.right_edge.i > clear.i and clear.doc[clear.i + 1].head.i == clear.i:
        last = clear.right_edge
        content = trimmed(text, clear.doc[clear.i + 1].left_edge.idx, last.idx + len(last))
    else:
        obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i > clear.i), None)
        content = subtree_span(obj, text, exclude=None) if obj is not None else None
    if content is None:
        return []
    return _held_by(subject, verb, clear, content, text, regions)


def _held_by(subject: Token, verb: Token, last: Token, content: Span, text: str, regions: list[Span]) -> list[Found]:
    """The attribution of ``content`` to ``subject``, the cue running from the verb (with its
    auxiliaries and "not") to ``last``."""
    first = min((c for c in verb.lefts if c.dep_ in ("aux", "neg") and c.i > subject.i), key=lambda c: c.i, default=verb)
    source = trimmed(text, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
    content = snap_to_regions(content, regions, text)
    cue = Span(first.idx, last.idx + len(last))
    return [Found(content=content, cue=cue, source=source, kind=quote_kind(content, regions))]


def _marked(clause: Token) -> bool:
    """A clause opened by "that", "whether", "if" or "to", or a bare finite clause ("is sure she can ...")."""
    first = clause.left_edge
    return first.lower_ in CLAUSE_MARKS or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


HEADLINE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "as"})


def title_case_headline(doc: Doc, text: str, is_strong_form: Callable[[str], bool]) -> list[Found]:
    """'Conservative Icon Morton Blackwell Endorses Ted Cruz.': in a headline written in title case
    the parser reads every word as a name; a capitalized cue verb in the present tense ("Endorses",
    "Praises", "Blasts") splits it into the speaker and what is said."""
    if len(text) > 200 or not _title_case(text.split()):  # cheap tests on the text before the tokens
        return []
    words = [token for token in doc if token.is_alpha]
    if not 3 <= len(words) <= 20 or not _title_case([word.text for word in words]):
        return []
    for token in words[1:-1]:
        if not (token.text[0].isupper() and token.lower_.endswith("s") and is_strong_form(token.lower_)):
            continue
        before = [t for t in doc[: token.i] if not t.is_space]
        if not before or any(t.is_punct and t.text not in ("’", "'", "-") for t in before):
            return []
        source = trimmed(text, before[0].idx, token.idx)
        content = trimmed(text, token.idx + len(token), len(text.rstrip()))
        if source is None or content is None:
            return []
        return [Found(content=content, cue=Span(token.idx, token.idx + len(token)), source=source, kind="indirect")]
    return []


def _title_case(words: list[str]) -> bool:
    """All words but one capitalized, short function words aside."""
    lowered = [word for word in words if word[:1].isalpha() and not word[0].isupper() and word.lower() not in HEADLINE_SMALL_WORDS]
    return len(words) >= 3 and len(lowered) <= 1


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
        clause_start = max(_after(text.rfind(mark, 0, colon), mark) for mark in (". ", "? ", "! ", "”", "\"", " - ", " — "))
        source = trimmed(text, clause_start, colon)
        if source is not None and 0 < word_count(source.of(text)) <= 6 and not _label(source.of(text)):
            results.append(Found(content=region, cue=Span(colon, colon + 1), source=source, kind="direct"))
    return results


def _after(position: int, mark: str) -> int:
    """Where the text after a mark found at ``position`` starts (the paragraph start if none was found)."""
    return position + len(mark) if position >= 0 else 0


SPEAKER_LINKS = frozenset({"to", "at", "of", "on", "in", "the", "and", "for"})


NOT_SPEAKERS = frozenset({
    "contributing", "correction", "corrections", "editor's note", "editor’s note", "editors' note", "paid notice",
    "update", "updated", "related", "photo", "photos", "video", "watch", "read more", "see also", "email",
    "developing", "the latest", "breaking", "breaking news", "just in", "exclusive", "wow", "boom", "look",
})


def _label(words: str) -> bool:
    """'Contributing:', 'Correction:', 'by Times' Michael Paulson:': a page label or byline, no speaker."""
    lowered = words.strip().lower()
    return lowered in NOT_SPEAKERS or lowered.startswith(("by ", "follow "))


def headline_speaker_end(text: str) -> int | None:
    """Where the speaker of 'Bernie Sanders: I'm Not Much Of A Socialist.' ends (its colon), if any."""
    colon = text.find(": ")
    if colon < 0 or colon > 50:
        return None
    words = text[:colon].split()
    if not 1 <= len(words) <= 7 or not words[0][:1].isupper() or _label(text[:colon]):
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
