"""Attribution rules over one parsed paragraph: cue verbs, their sources and their content.

Every span here is local to the paragraph text. The rules, in order: a cue verb's clausal
complement is its content ("X said that ..."); a cue standing beside a quotation takes the quotation
('"...," X said.' and 'X said: "..."'); "according to X" takes the rest of its sentence; a quotation
left over at the start of a paragraph continues the previous speaker; a strong cue with a source but
no content at all is a broken attribution. Stance verbs ("supported Sanders", "called Trump
“unhinged”", "sees Cruz as a uniter") take their object with what is said of it, as PolNeAR does.
A passive cue's content opens with its subject ("Sanders was declared the winner"). Of two
attributions whose contents overlap, the one whose content holds the other's is kept ("X said Y,
according to Z"), as PolNeAR marks the outer one, unless the inner one stands in the speaker's
description between two quotations of the outer ('"A," said X, who predicted Y. "B."').
"""

from __future__ import annotations

import itertools

from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from storytrace.model import Span
from storytrace.nlp.events_dates import MONTHS, WEEKDAYS
from storytrace.nlp.quotes_lexicon import CueLexicon
from storytrace.nlp.quotes_forms import (
    according_to, attitude, colon_quotations, headline_colon, in_poll, leftover_quotations, made_clear, nominal,
    title_case_headline, transcript_turn,
)
from storytrace.nlp.quotes_marks import has_quotation_mark, quote_regions, word_count
from storytrace.nlp.quotes_spans import (
    QUOTE_CLOSERS, Found, ends_in_comma, opens_sentence, overlaps, quote_kind, snap_to_regions, source_span, subtree_span,
    trimmed,
)

CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
TOPIC_PREPOSITIONS = frozenset({"for", "about", "on", "of", "against", "over", "to", "at"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "explain", "warn", "note", "comment", "insist", "argue"})
BROKEN_CUES = SPEECH_VERBS  # a speech verb with a speaker and nothing said is a broken attribution
NO_OBJECT_CONTENT = frozenset({"say", "tell", "ask", "add", "read"})
CLAUSE_REST_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "npadvmod", "advmod", "advcl", "dative", "pobj"})
SHORT_ANSWERS = frozenset({"yes", "no", "so", "that", "this"})  # "75 percent said yes"
VENUE_PREPOSITIONS = frozenset({"to", "on"})
AUDIENCE_CUES = frozenset({"speak", "talk", "write", "explain", "complain", "apologize", "email"})
QUOTE_ONLY_CUES = frozenset({"continue"})  # '"...," he continued.' but not "he continued to run"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MISREAD_NAME_DEPS = frozenset({"advmod", "npadvmod", "dep", "amod"})
NOT_NAMES = frozenset({*WEEKDAYS, "today", "yesterday"})
TIME_WORDS = frozenset({
    *WEEKDAYS, *MONTHS, "today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "day", "week",
    "weekend", "month", "year", "occasion",
})
INHERITS_SUBJECT = frozenset({"xcomp", "advcl", "conj", "ccomp", "acomp"})
PREPOSITION_HOLDERS = frozenset({"dobj", "advmod", "acomp"})  # "took the step of", "stopped short of"
CUE_PREFIX_DEPS = frozenset({"aux", "auxpass", "neg"})
MAKE_FORMS = frozenset({"make", "makes", "made", "making"})  # "made clear that ..."


def find_attributions(doc: Doc, lexicon: CueLexicon, text: str | None = None) -> list[Found]:
    """``text``: the doc's text, when the caller has it (``Doc.text`` joins the tokens again)."""
    text = doc.text if text is None else text
    regions = quote_regions(text)
    found: list[Found] = transcript_turn(text)
    for token in doc:
        pos, lower = token.pos, token.lower_  # read once: each attribute read is a lookup
        if pos == VERB and _is_cue(token, lexicon) and (not _inside(token.idx, regions) or _opens_quotation(token, regions)):
            attribution = _attribution_for_cue(token, text, regions, lexicon)
            if attribution is not None:
                found.append(attribution)
        elif lower == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            found.extend(according_to(token, text))
        elif lower == "in" and not _inside(token.idx, regions):
            found.extend(in_poll(token, text))
        elif pos == NOUN and lexicon.is_cue_noun(token.lemma_) and not _inside(token.idx, regions):
            found.extend(nominal(token, text, regions))
        elif pos == ADJ and lexicon.is_cue_adjective(lower) and not _inside(token.idx, regions):
            found.extend(attitude(token, text, regions))
        elif pos == VERB and lower in MAKE_FORMS and not _inside(token.idx, regions):
            found.extend(made_clear(token, text, regions))
    if not found:  # a title-case headline, which the parser reads as a string of names
        found.extend(title_case_headline(doc, text, lambda form: _is_strong_form(form, lexicon)))
    found.extend(colon_quotations(text, regions, found))
    found.extend(headline_colon(text, found))
    found.extend(leftover_quotations(text, regions, found))
    return _without_overlaps(found, regions)


NOT_CUES = frozenset({"be", "have", "do", "make", "let", "help", "see", "look", "seem", "appear", "mean", "get", "go", "become", "keep"})


def _is_strong_form(form: str, lexicon: CueLexicon) -> bool:
    lemma = lexicon.verb_forms.get(form)
    return lemma is not None and lexicon.is_strong(lemma)


def _is_cue(token: Token, lexicon: CueLexicon) -> bool:
    """A cue-lexicon verb, or any verb with a subject and a "that"-clause after it ("X reckons that ...")."""
    if token.pos_ != "VERB":
        return False
    lemma = lexicon.lemma_of(token.lemma_, token.lower_)
    return lexicon.is_cue(lemma) or (lemma.lower() not in NOT_CUES and _has_that_clause(token))


def _has_that_clause(token: Token) -> bool:
    has_subject = any(child.dep_ in SUBJECT_DEPS for child in token.children)
    clauses = [child for child in token.rights if child.dep_ == "ccomp"]
    return has_subject and any(any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) for c in clauses)


def _inside(position: int, regions: list[Span]) -> bool:
    return any(region.start < position < region.end - 1 for region in regions)


def _opens_quotation(token: Token, regions: list[Span]) -> bool:
    """'the United States "restated its commitment ..."': the quotation starts with the cue verb."""
    return any(region.start == token.idx - 1 for region in regions)


def _attribution_for_cue(cue: Token, text: str, regions: list[Span], lexicon: CueLexicon) -> Found | None:
    subject = _subject(cue.head.head) if _conjoined_cue(cue, lexicon) else _subject(cue)
    source = source_span(subject, text, cue if _modifies(cue, subject) else None) if subject is not None else None
    if cue.lemma_.lower() in QUOTE_ONLY_CUES:
        content = _adjacent_quotation(cue, subject, text, regions)
    else:
        content = (
            _clausal_content(cue, subject, text, regions, lexicon)
            or _adjacent_quotation(cue, subject, text, regions)
            or _parenthetical_content(cue, text, regions)
        )
    cue_span = _cue_span(cue)
    if content is None and lexicon.is_strong(lexicon.lemma_of(cue.lemma_, cue.lower_)):
        content, cue_span = _object_content(cue, text, regions, cue_span)
    elif content is None and lexicon.is_cue(lexicon.lemma_of(cue.lemma_, cue.lower_)):
        content, cue_span = _thought_topic(cue, text, cue_span)
    if content is None:
        content = _passive_content(cue, text, regions)
    if content is not None and content.end <= cue.idx:
        content = _continued_after_cue(content, cue, text, regions)
    elif content is not None and content.start > cue.idx:
        content = _with_passive_subject(_begun_before_cue(content, cue, subject, text, regions), cue)
    if content is not None and content.start <= cue.idx < content.end and _opens_quotation(cue, regions):
        content = trimmed(text, cue_span.end, content.end)
    if content is not None:
        content, cue_span = _without_topic_preposition(content, cue, cue_span, text)
        content = _without_comma_lead_in(content, regions, text, cue.doc)
        content = _without_closing_aside(content, cue, regions, text)
    if content is None:
        if source is None or cue.lemma_.lower() not in BROKEN_CUES or subject.pos_ == "PRON" or cue.tag_ == "VBN":
            return None
        return Found(content=None, cue=cue_span, source=source, kind="direct", broken=True)
    if source is not None and (_inside(source.start, regions) or _swallowed(source, content, cue_span, regions)):
        source = None
    passive = source is None and any(child.dep_ == "auxpass" for child in cue.lefts)
    return Found(content=content, cue=cue_span, source=source, kind=quote_kind(content, regions), unsourced=passive)


def _without_topic_preposition(content: Span, cue: Token, cue_span: Span, text: str) -> tuple[Span, Span]:
    """'rails against its "Great Wall of Protectionism"', 'asks for an investigation': the cue's own
    preposition opening the content belongs to the cue."""
    preposition = next((child for child in cue.rights if child.idx == content.start), None)
    if preposition is None or preposition.pos_ != "ADP" or preposition.dep_ != "prep":
        return content, cue_span
    if preposition.lower_ not in TOPIC_PREPOSITIONS:
        return content, cue_span
    rest = trimmed(text, preposition.idx + len(preposition), content.end)
    return (rest, Span(cue_span.start, preposition.idx + len(preposition))) if rest else (content, cue_span)


def _swallowed(source: Span, content: Span, cue: Span, regions: list[Span]) -> bool:
    """A source inside its own content, unless the cue is too ("The effect, X says, could ...")."""
    if not overlaps(source, content) or content.start <= cue.start < content.end:
        return False
    return not _between_quotes(source, regions)


def _without_comma_lead_in(content: Span, regions: list[Span], text: str, doc: Doc) -> Span:
    """'told host Matt Boyle, “Hillary’s slogan ...”': a quotation after a comma is the content."""
    inside = [region for region in regions if content.start < region.start < content.end]
    if not inside or inside[-1].end < content.end - 1 or _inside(content.start + 1, regions):
        return content
    lead_in = text[content.start : inside[0].start].rstrip()
    if not lead_in.endswith(",") or _reports_clause(content.start, inside[0].start, doc):
        return content
    return Span(inside[0].start, content.end)


def _reports_clause(start: int, end: int, doc: Doc) -> bool:
    """'said that once the Senate goes on recess, “I intend ...”': a lead-in opened by "that", or
    holding a verb of its own, is part of what is said (an addressee is not: 'told host X, “...”')."""
    words = doc.char_span(start, end, alignment_mode="contract") or ()
    return len(words) > 0 and (words[0].lower_ == "that" or any(token.pos_ in ("VERB", "AUX") for token in words))


def _without_closing_aside(content: Span, cue: Token, regions: list[Span], text: str) -> Span:
    """'denounced supporters that level sexist attacks, saying his campaign ...': a participle clause
    closing the content is an attribution (or an aside) of its own, as is ', according to X'; so is a
    closing apposition ('vowed to repeal the Hyde Amendment, a longstanding federal provision ...')."""
    inside = cue.doc.char_span(content.start, content.end, alignment_mode="expand")
    for token in inside if inside is not None else ():
        if not content.start < token.idx < content.end or token.i == cue.i:
            continue
        if not (_participle_clause(token) or _described(token)):
            continue
        first = token.left_edge
        comma = token.doc[first.i - 1] if first.i > 0 else None
        if comma is None or comma.text != "," or comma.idx <= content.start or _inside(token.idx, regions):
            continue
        if token.right_edge.idx + len(token.right_edge) >= content.end - 2:
            return trimmed(text, content.start, comma.idx) or content
    return content


def _participle_clause(token: Token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"
    return token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp") and token.left_edge.i == token.i


def _described(token: Token) -> bool:
    """An apposition of a few words opened by an article: ', a longstanding federal provision'."""
    if token.dep_ != "appos":
        return False
    first = token.left_edge
    return first.lower_ in ("a", "an", "the") and token.i - first.i >= 2


def _between_quotes(span: Span, regions: list[Span]) -> bool:
    return any(region.end <= span.start for region in regions) and any(region.start >= span.end for region in regions)


def _subject(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ == "agent":  # "was reported by X"
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    nearest_first = sorted(cue.children, key=lambda child: (child.dep_ in SUBJECT_DEPS and _quoted(child), abs(child.i - cue.i)))
    for child in nearest_first:  # '"..., McCain," Trump said'
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "nsubjpass":  # "Osman is believed to ...": the subject is part of the content
            return None
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):  # "Priebus, suggesting that ..."
        misattached = cue.tag_ == "VBG" and cue.head.dep_ == "pobj" and cue.head.pos_ == "NOUN"
        if cue.tag_ == "VBG" and cue.head.dep_ == "dobj" and cue.head.pos_ == "NOUN":
            return _clause_subject(cue.head)  # "X issued a statement saying ...": X speaks
        return (_clause_subject(cue.head) if misattached else None) or cue.head
    return (_inverted_subject(cue) or _inherited_subject(cue) or _finite_conjunct_subject(cue) or _misread_name(cue)
            or _apposed_to_opening_phrase(cue))


def _misread_name(cue: Token) -> Token | None:
    """"Jolly said he has worked ...": a capitalized name opening the sentence right before the cue,
    that the parser took for an adverb or modifier."""
    if cue.i == 0 or cue.tag_ not in ("VBD", "VBZ", "VBP"):  # not an opening participle ("Simply assuming ...")
        return None
    word = cue.doc[cue.i - 1]
    if word.head.i != cue.i or word.dep_ not in MISREAD_NAME_DEPS or not word.is_title:
        return None
    if word.is_stop or word.lower_ in NOT_NAMES:
        return None
    opening = word.i == word.sent.start or cue.doc[word.i - 1].dep_ in ("cc", "punct")
    return word if opening else None


def _quoted(token: Token) -> bool:
    """'"Meh," wrote a Trump supporter': the parser's other subject stands inside the quotation."""
    first = token.left_edge
    mark = token.doc[first.i - 1] if first.i > 0 else None
    return mark is not None and mark.is_quote and mark.idx + len(mark) == first.idx  # an opening mark: no space


def _inverted_subject(cue: Token) -> Token | None:
    """'"...," added a South Carolina Democrat.': after its content, the parser reads the speaker
    that follows the cue as the cue's object."""
    if not any(child.dep_ == "ccomp" and child.i < cue.i for child in cue.children):
        return None
    return next((child for child in cue.rights if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN")), None)


def _clause_subject(noun: Token) -> Token | None:
    """"Clinton spent the run-up to the caucuses portraying Sanders ...": a participle misattached to
    a noun in a prepositional phrase speaks for the subject of the clause holding it."""
    verb = next((ancestor for ancestor in noun.ancestors if ancestor.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    return None if subject is None or noun in subject.subtree else subject


def _inherited_subject(cue: Token) -> Token | None:
    """"Voters are more likely to say ...", "Trump, refusing to concede ...", "Clinton erred in saying
    that ...", "she stopped short of calling for ...": an ancestor's subject."""
    token = cue
    for _ in range(3):
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head
            if token.head.dep_ in PREPOSITION_HOLDERS and token.head.head.pos_ in ("VERB", "AUX"):
                token = token.head  # "took the unusual step of criticizing ...": the taker criticizes
        elif token.dep_ not in INHERITS_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
        subject = next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _finite_conjunct_subject(cue: Token) -> Token | None:
    """"Romney ran on his ability to jolt the recovery and accused Obama of ...": a finite cue the
    parser conjoined to an infinitive or participle inside the clause shares the subject of the
    nearest finite verb above it, in the same tense."""
    if cue.dep_ != "conj" or cue.tag_ not in FINITE_TAGS or cue.head.tag_ in FINITE_TAGS:
        return None
    for ancestor in list(cue.ancestors)[1:]:
        if ancestor.tag_ in FINITE_TAGS:
            if ancestor.tag_ != cue.tag_ or ancestor.i > cue.i:
                return None
            return next((child for child in ancestor.children if child.dep_ in SUBJECT_DEPS), None)
    return None


def _apposed_to_opening_phrase(cue: Token) -> Token | None:
    """"At Boca West, where ..., Jay DiPietro, the club's president, suggested that ...": the parser
    read the speaker right before the cue as an apposition inside the opening phrase."""
    if cue.tag_ not in FINITE_TAGS:
        return None
    found = None
    for phrase in cue.lefts:
        if phrase.dep_ != "prep":
            continue
        for token in phrase.subtree:
            gap = cue.doc[token.right_edge.i + 1 : cue.i]
            if token.dep_ == "appos" and token.pos_ in ("PROPN", "NOUN") and all(word.text == "," for word in gap):
                found = token  # the innermost: "with hosts A and B, the candidate, stated"
    return found


def _cue_span(cue: Token) -> Span:
    first = cue
    for child in cue.lefts:
        if child.dep_ in CUE_PREFIX_DEPS and child.i >= cue.i - 3:
            first = child if child.i < first.i else first
            break
    last = cue
    for child in cue.rights:
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    return Span(first.idx, last.idx + len(last))


def _modifies(cue: Token, subject: Token | None) -> bool:
    """"groups supporting Christie", "a statement saying ...": a participle modifying its speaker."""
    return subject is not None and cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.i == subject.i


def _conjoined_cue(token: Token, lexicon: CueLexicon) -> bool:
    """'Paul said A, and called him "..."': a cue verb without a subject of its own, that the parser
    conjoined inside another cue's content, is a second attribution by the same speaker."""
    if token.dep_ != "conj" or token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if any(child.dep_ in SUBJECT_DEPS or child.dep_ == "expl" for child in token.children):
        return False
    head = token.head
    if head.dep_ not in CONTENT_DEPS or head.head.i > head.i or head.head.pos_ != "VERB":
        return False
    return lexicon.is_strong(lexicon.lemma_of(token.lemma_, token.lower_)) and _is_cue(head.head, lexicon)


def _before_conjoined_cue(span: Span, clause: Token, text: str, lexicon: CueLexicon) -> Span:
    """The content of "said A, and called ..." ends before the conjoined cue (", and")."""
    cut = next((c for c in clause.rights if _conjoined_cue(c, lexicon)), None)
    if cut is None:
        return span
    last = next((t for t in reversed(clause.doc[clause.left_edge.i : cut.left_edge.i]) if t.dep_ not in ("cc", "punct")), None)
    if last is None or last.idx < span.start:
        return span
    return trimmed(text, span.start, last.idx + len(last)) or span


def _clausal_content(cue: Token, subject: Token | None, text: str, regions: list[Span], lexicon: CueLexicon) -> Span | None:
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS or (child.dep_ == "dobj" and _touches_quote(child, text)) or _is_question(child, cue):
            if child.i < cue.i and (
                child.dep_ != "ccomp" or _reported_before(child, regions) or _quoted_between(child, cue, regions)
                or _separate_clause_before(child, cue) or _own_clause_after(cue, regions)
            ):
                continue
            span = subtree_span(child, text, exclude=None if _modifies(cue, subject) else subject)
            passive = _passive_subject(cue)
            if span is not None and passive is not None and child.i > cue.i:
                span = Span(passive.left_edge.idx, span.end)
            addressee = next((c for c in cue.rights if c.dep_ == "dobj" and c.i < child.i), None)
            if span is not None and addressee is not None and child.dep_ == "xcomp":
                span = Span(addressee.left_edge.idx, span.end)  # "urged Democrats to moderate their stance"
            if span is not None and child.i < cue.i:
                span = _through_parenthetical(span, cue, text)
            elif span is not None:
                span = _before_conjoined_cue(span, child, text, lexicon)
                if child.dep_ == "ccomp":
                    span = _with_trailing_modifiers(span, cue, child, text, lexicon)
            return snap_to_regions(span, regions, text) if span else None
    return None


def _passive_subject(cue: Token) -> Token | None:
    return next((child for child in cue.lefts if child.dep_ == "nsubjpass"), None)


def _with_passive_subject(content: Span, cue: Token) -> Span:
    """"Roof is accused of a massacre ...", "who was nominated for his post": a passive cue's
    content opens with its subject, as for "is expected to"."""
    subject = _passive_subject(cue)
    if subject is None or content.start <= cue.idx:
        return content
    return Span(min(subject.left_edge.idx, content.start), content.end)


def _passive_content(cue: Token, text: str, regions: list[Span]) -> Span | None:
    """A passive cue's content is its subject with what is said of it ("Sanders was declared the
    winner", "Twitter is increasingly seen as a source of news"), or the subject alone when the
    speaker is named by "by" ("Their relationship is underscored by one exchange")."""
    subject = _passive_subject(cue)
    if subject is None:
        return None
    complements = [c for c in cue.rights if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")]
    if complements:
        last = complements[0].right_edge
        span = trimmed(text, subject.left_edge.idx, last.idx + len(last))
    elif any(child.dep_ == "agent" for child in cue.rights):
        span = subtree_span(subject, text, exclude=None)
    else:
        return None
    return snap_to_regions(span, regions, text) if span else None


TRAILING_DEPS = frozenset({"advcl", "prep", "npadvmod", "advmod"})


def _with_trailing_modifiers(span: Span, cue: Token, clause: Token, text: str, lexicon: CueLexicon) -> Span:
    """"said the budget was balanced, because the city cut spending": an adverbial the parser hung on
    the cue after its clause belongs to what was said, as does a clause of its own joined by "and" or
    "but" ("said idealism is nice, but realism takes over"); a participle clause ('..., saying ...'),
    "according to" and a clause reporting speech of its own do not."""
    last = None
    for sibling in cue.rights:
        if sibling.i <= clause.right_edge.i:
            continue
        if (sibling.dep_ == "punct" and sibling.text == ",") or (sibling.dep_ == "cc" and sibling.lower_ in JOINING):
            continue
        if sibling.dep_ in TRAILING_DEPS and not _participle_clause(sibling) and not _reported_before(sibling, regions=[]):
            last = sibling.right_edge
            continue
        if sibling.dep_ == "conj" and _joined_clause(sibling, lexicon):
            last = sibling.right_edge
            continue
        break
    if last is None:
        return span
    return trimmed(text, span.start, last.idx + len(last)) or span


CLAUSE_BREAKS = frozenset({";", "—", "--"})


def _separate_clause_before(clause: Token, cue: Token) -> bool:
    """"He calls for A; she calls for B": a clause before the cue that a semicolon (or a dash) parts
    from the cue's own clause is a sentence of its own that the parser hung on the cue, not its content."""
    return any(token.text in CLAUSE_BREAKS for token in cue.doc[clause.right_edge.i + 1 : cue.i])


def _own_clause_after(cue: Token, regions: list[Span]) -> bool:
    """"Morale has suffered, employees complain that ...", "The economy is slowing, the senator blamed
    the bank": a cue with an unquoted clause (or object) of its own after it does not take the clause
    the parser hung on it before it too."""
    objected = cue.lemma_.lower() not in NO_OBJECT_CONTENT  # '"...," he told reporters'
    own = (child for child in cue.rights if child.dep_ in CONTENT_DEPS or (objected and child.dep_ == "dobj"))
    return any(not _inside(child.idx, regions) for child in own)


JOINING = frozenset({"and", "but"})


def _joined_clause(verb: Token, lexicon: CueLexicon) -> bool:
    """A clause right after "and"/"but" with a subject of its own, whose verb is no cue (that would be
    a second attribution: "X said A, and Y said B")."""
    if verb.left_edge.i == 0 or verb.doc[verb.left_edge.i - 1].lower_ not in JOINING or _is_cue(verb, lexicon):
        return False
    return any(child.dep_ in SUBJECT_DEPS or child.dep_ == "expl" for child in verb.children)


def _quoted_between(clause: Token, cue: Token, regions: list[Span]) -> bool:
    """'... he didn't think it would last: "Once the cold winds blow, it won't make it," Roffman
    predicted.': a quotation standing between an unquoted clause and the cue is the cue's content."""
    end = clause.right_edge.idx + len(clause.right_edge)
    return any(end <= region.start and region.end <= cue.idx for region in regions) and not any(
        region.start < end and clause.left_edge.idx < region.end for region in regions)


def _reported_before(clause: Token, regions: list[Span]) -> bool:
    """"Most voters say they are paying attention; 26 percent say they have not": an unquoted clause
    before the cue that reports speech of its own is a neighbouring attribution, not this cue's content."""
    start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    if any(region.start < end and start < region.end for region in regions):
        return False
    deps = {child.dep_ for child in clause.children}
    return "nsubj" in deps and "ccomp" in deps


def _is_question(clause: Token, cue: Token) -> bool:
    """"asked the contender if he's been preparing ...": an embedded question parsed as an adverbial."""
    return clause.dep_ == "advcl" and clause.i > cue.i and clause.left_edge.lower_ in ("if", "whether")


def _through_parenthetical(span: Span, cue: Token, text: str) -> Span:
    """"The argument would be aided, Devine said, by the calendar": the content runs on past the cue."""
    clause_end = cue.right_edge.idx + len(cue.right_edge)
    sentence_end = cue.sent.end_char
    rest = text[clause_end:sentence_end].strip()
    if rest.startswith(",") and word_count(rest) >= 2 and not has_quotation_mark(rest[:2]):
        return trimmed(text, span.start, sentence_end) or span
    return span


def _object_content(cue: Token, text: str, regions: list[Span], cue_span: Span) -> tuple[Span | None, Span]:
    """A speech act's object ("announced his resignation") or topic ("called for a ban"), or the
    relative pronoun standing for it ("the tax, which Clinton supports")."""
    relative = next((child for child in cue.lefts if child.dep_ == "dobj" and child.tag_ in ("WDT", "WP")), None)
    if relative is not None and cue.dep_ == "relcl":
        if relative.lower_ == "that" and cue.head.i < relative.i:  # "the package that X has been discussing"
            return trimmed(text, cue.head.left_edge.idx, relative.idx), cue_span
        return Span(relative.idx, relative.idx + len(relative)), cue_span
    for child in cue.rights:
        if child.dep_ in ("dobj", "intj") and (
            cue.lemma_.lower() not in NO_OBJECT_CONTENT or child.lower_ in SHORT_ANSWERS or _misparsed_clause(child, cue)
        ):
            span = _with_predicate(_with_reason(subtree_span(child, text, exclude=None), child, text), child, text)
            return (snap_to_regions(span, regions, text) if span else None), cue_span
        topic = _preposition_object(child) if child.dep_ == "prep" and _is_topic(child, cue) else None
        if topic is not None:
            span = _extend_over_list(subtree_span(topic, text, exclude=None), topic, text)
            return span, Span(cue_span.start, child.idx + len(child))
        if child.dep_ == "advcl" and child.left_edge.lower_ == "for" and child.left_edge.i == cue.i + 1:
            span = trimmed(text, child.left_edge.idx + 3, child.right_edge.idx + len(child.right_edge))
            return span, Span(cue_span.start, child.left_edge.idx + 3)  # "calling for his rivals to drop out"
    return None, cue_span


def _preposition_object(preposition: Token) -> Token | None:
    return next((child for child in preposition.children if child.dep_ == "pobj"), None)


THOUGHT_TOPICS = frozenset({"about", "of", "for"})


def _thought_topic(cue: Token, text: str, cue_span: Span) -> tuple[Span | None, Span]:
    """"worried about her emails", "hoping for a win", "learned of the plan": a verb of thought or
    feeling takes no object as content, but what it is about."""
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in THOUGHT_TOPICS and _is_topic(child, cue):
            obj = _preposition_object(child)
            span = subtree_span(obj, text, exclude=None) if obj is not None else None
            if span is not None:
                return span, Span(cue_span.start, child.idx + len(child))
    return None, cue_span


def _misparsed_clause(obj: Token, cue: Token) -> bool:
    """"Stone says the increase in polarization that Bloomberg decries also makes his election less
    likely": a clause after "say" that the parser read as a noun phrase with a verb inside."""
    if cue.lemma_.lower() != "say" or obj.left_edge.i != cue.i + 1 or obj.pos_ == "PRON":
        return False
    return any(token.pos_ in ("VERB", "AUX") for token in obj.subtree)


def _is_topic(preposition: Token, cue: Token) -> bool:
    """"called for a ban", "talked about taxes", "lashed out at Obama"; but "spoke to reporters" names
    the audience, "spoke on CNN" or "on condition of anonymity" the venue."""
    after_particle = preposition.i == cue.i + 2 and preposition.doc[cue.i + 1].dep_ == "prt"
    after_adverb = preposition.i > cue.i + 1 and all(  # "spoke briefly about"
        token.dep_ == "advmod" and token.head.i == cue.i for token in preposition.doc[cue.i + 1 : preposition.i])
    adjacent = preposition.i == cue.i + 1 or after_particle or after_adverb or _after_listener(preposition, cue)
    if preposition.lower_ not in TOPIC_PREPOSITIONS or not adjacent or cue.lemma_ == "add":
        return False
    if preposition.lower_ == "at" and not after_particle:
        return False  # "spoke at a rally" is a place
    if _names_a_time_or_listener(preposition):
        return False  # "responded on Sunday", "denied to me"
    return not (preposition.lower_ in VENUE_PREPOSITIONS and cue.lemma_.lower() in AUDIENCE_CUES)


def _after_listener(preposition: Token, cue: Token) -> bool:
    """"apologized to his supporters for ...", "complained to reporters about ...": the topic comes
    right after the listener, who stands right after the cue."""
    listener = next((child for child in cue.rights if child.left_edge.i == cue.i + 1), None)
    if listener is None or listener.dep_ != "prep" or listener.lower_ != "to" or preposition.lower_ == "to":
        return False
    return listener.right_edge.i + 1 == preposition.i


def _names_a_time_or_listener(preposition: Token) -> bool:
    """"responded on Sunday", "denied to me": the preposition's object is a time or the listener."""
    obj = _preposition_object(preposition)
    if obj is None:
        return False
    if obj.lemma_.lower() in TIME_WORDS:
        return True
    return preposition.lower_ == "to" and obj.pos_ == "PRON" and obj.lower_ not in ("it", "this", "that", "what")


def _with_predicate(span: Span | None, obj: Token, text: str) -> Span | None:
    """"called Trump “unhinged”", "sees Cruz as a uniter": what is said of the object goes with it."""
    if span is None:
        return span
    last = None
    for sibling in obj.head.rights:
        if sibling.i <= obj.i:
            continue
        if sibling.dep_ not in CLAUSE_REST_DEPS or sibling.doc[sibling.left_edge.i - 1].text in ",;—–:":
            break
        if _circumstance(sibling):
            break
        last = sibling.right_edge
    return span if last is None else trimmed(text, span.start, max(span.end, last.idx + len(last))) or span


CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "after", "before", "since", "amid", "at"})
CIRCUMSTANCE_MARKS = frozenset({"when", "after", "before", "while", "as", "since"})


def _circumstance(modifier: Token) -> bool:
    """"stressed those worries on Sunday at a forum", "embraced the mogul after he clinched the
    nomination": when and where the speaker spoke is not what was said."""
    if modifier.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in modifier.children)
    if modifier.dep_ == "npadvmod":
        return True
    return modifier.dep_ == "prep" and modifier.lower_ in CIRCUMSTANCE_PREPOSITIONS


def _with_reason(span: Span | None, obj: Token, text: str) -> Span | None:
    """"accused Rubio of opposing ...", "criticized Clinton for ...": the charge goes with the object."""
    reasons = [c for c in obj.head.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "over", "as") and c.i > obj.i]
    if span is None or not reasons:
        return span
    last = reasons[0].right_edge
    return trimmed(text, span.start, last.idx + len(last)) or span


def _extend_over_list(span: Span | None, head: Token, text: str) -> Span | None:
    """"referring to X, Y's "provocative" actions and Z.": a verbless rest of the sentence continues the list."""
    sentence = head.sent
    rest = [token for token in sentence if token.idx >= (span.end if span else sentence.end_char)]
    if span is None or not rest or rest[0].text != "," or any(token.pos_ in ("VERB", "AUX") for token in rest):
        return span
    return trimmed(text, span.start, sentence.end_char) or span


def _touches_quote(token: Token, text: str) -> bool:
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return has_quotation_mark(text[max(start - 1, 0) : end + 1])


def _adjacent_quotation(cue: Token, subject: Token | None, text: str, regions: list[Span]) -> Span | None:
    own_subject = subject is not None and subject.head.i == cue.i
    clause_start = min(subject.left_edge.idx, cue.idx) if own_subject else cue.idx
    clause_end = cue.right_edge.idx + len(cue.right_edge)
    before = [region for region in regions if region.end <= clause_start]
    if (
        before and _only_punctuation(text[before[-1].end : clause_start])
        and not _ends_sentence_before(before[-1], cue, text)
    ):
        content = _chain_back(before, text)
        sentence_start = _first_non_space(text, cue.sent.start_char)
        if sentence_start < content.start and not any(r.start < sentence_start < r.end for r in regions):
            content = Span(sentence_start, content.end)  # 'America needs leaders "who ...," Clinton said.'
        return content
    following = next((region for region in regions if region.start >= cue.idx), None)
    if following is not None and (following.start <= clause_end + 2 or _only_punctuation(text[clause_end : following.start])):
        if following.start >= cue.sent.end_char and ":" not in text[cue.idx : following.start]:
            return None  # 'reading a statement. "Blink twice," one person tweeted.'
        if _claimed_by_next_cue(following, cue, text):
            return None  # 'Others agree. "I don't think ...," said Greenberg.'
        return _with_lead_in(cue, following, text)  # 'X told reporters: "..."'
    return None


def _ends_sentence_before(quotation: Span, cue: Token, text: str) -> bool:
    """'Bush called Trump “unhinged.” Rubio called the statement “offensive.”': a quotation closing its
    sentence with a full stop is not the content of a cue that has its own object after it."""
    if not quotation.of(text).rstrip(QUOTE_CLOSERS + " ").endswith("."):
        return False
    return any(child.dep_ in ("dobj", "ccomp", "xcomp", "oprd") and child.i > cue.i for child in cue.children)


def _claimed_by_next_cue(quotation: Span, cue: Token, text: str) -> bool:
    """A quotation broken off by a comma and followed by a speech verb of its own ('"...," said X',
    '"...," X said') belongs to that verb, not to a cue before it."""
    if quotation.start < cue.sent.end_char or not ends_in_comma(quotation, text):
        return False
    after = itertools.islice(itertools.dropwhile(lambda token: token.idx < quotation.end, cue.doc[cue.i + 1 :]), 4)
    return any(token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS for token in after)


def _with_lead_in(cue: Token, quotation: Span, text: str) -> Span:
    """'called Trump “unhinged”': words between the cue and its quotation belong to the content,
    unless they end in a colon or a comma ('told reporters: "..."', 'said, "..."')."""
    cue_end = _cue_span(cue).end
    gap = text[cue_end : quotation.start]
    if word_count(gap) == 0 or gap.rstrip().endswith((":", ",")) or "\n" in gap:
        return quotation
    return trimmed(text, cue_end, quotation.end) or quotation


def _continued_after_cue(content: Span, cue: Token, text: str, regions: list[Span]) -> Span:
    """'"A," X said. "B."': a quotation right after the cue's clause goes on with the same content."""
    if not any(region.end == content.end for region in regions):
        return content
    for clause_end in (cue.idx + len(cue), cue.right_edge.idx + len(cue.right_edge)):
        following = [region for region in regions if region.start >= clause_end]
        if following and _only_punctuation(text[clause_end : following[0].start]):
            if _claimed_by_next_cue(following[0], cue, text):
                return content
            return Span(content.start, following[0].end)  # 'Trump said, "and ..."' or 'X told reporters. "B."'
    following = [region for region in regions if region.start > cue.idx]
    if following and _speaker_tail(cue, following[0].start, text) and not _claimed_by_next_cue(following[0], cue, text):
        return Span(content.start, following[0].end)
    return content


def _speaker_tail(cue: Token, end: int, text: str) -> bool:
    """'"A," said Ron Geffner, a lawyer for hedge funds. "B."' and '"A," X said, referring to Y.
    "B."': the rest of the cue's sentence stands between the cue and the next quotation (an
    attribution in it stays beside the quote, see ``_aside``)."""
    return text[cue.idx : end].rstrip().endswith(".") and word_count(text[cue.sent.end_char : end]) == 0


def _begun_before_cue(content: Span, cue: Token, subject: Token | None, text: str, regions: list[Span]) -> Span:
    """'"A," he said, "B."': a quotation just before the cue's clause opens the content that follows it."""
    own_subject = subject is not None and subject.head.i == cue.i
    clause_start = min(subject.left_edge.idx, cue.idx) if own_subject else cue.idx
    before = [region for region in regions if region.end <= clause_start]
    if not before or not _only_punctuation(text[before[-1].end : clause_start]):
        return _opened_before_cue(content, cue, clause_start, text, regions)
    opening = _chain_back(before, text)
    if not ends_in_comma(before[-1], text) or not opens_sentence(opening.start, text):
        return content  # '"Q?" He answered, "A."', 'said on "This Week," that ...'
    return Span(opening.start, content.end)


def _opened_before_cue(content: Span, cue: Token, clause_start: int, text: str, regions: list[Span]) -> Span:
    """'That, the commission said, “would be helpful ...”': a quotation opening in lower case goes on
    with the sentence begun before the cue's clause, set off by commas."""
    if not any(region.start == content.start for region in regions) or not _opens_lower(content, text):
        return content
    sentence_start = _first_non_space(text, cue.sent.start_char)
    set_off = text[sentence_start:clause_start].rstrip().endswith(",") and text[_cue_span(cue).end : content.start].strip() == ","
    if not set_off:
        return content
    if any(region.start < clause_start and sentence_start < region.end for region in regions):
        return content
    return Span(sentence_start, content.end)


def _opens_lower(content: Span, text: str) -> bool:
    first = next((char for char in text[content.start : content.end] if char.isalnum()), "")
    return first.islower()


def _first_non_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _parenthetical_content(cue: Token, text: str, regions: list[Span]) -> Span | None:
    """"The effect, many economists say, could ripple ...": the content is the rest of the sentence;
    "As Ryan has pointed out, that's the textbook definition": the content is the main clause."""
    if cue.head.i == cue.i:
        return None
    sentence = cue.sent
    if cue.dep_ == "advcl" and cue.head.i > cue.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        span = trimmed(text, cue.right_edge.idx + len(cue.right_edge), sentence.end_char)
    elif cue.dep_ == "parataxis":
        span = trimmed(text, sentence.start_char, sentence.end_char)
    else:
        return None
    return snap_to_regions(span, regions, text) if span else None


def _chain_back(before: list[Span], text: str) -> Span:
    """The last quotation, joined with those before it when only a few words stand between them."""
    start = before[-1].start
    for previous in reversed(before[:-1]):
        gap = text[previous.end : start]
        if word_count(gap) > 0:
            break
        start = previous.start
    return Span(start, before[-1].end)


def _only_punctuation(gap: str) -> bool:
    return all(not char.isalnum() for char in gap)


def _without_overlaps(found: list[Found], regions: list[Span]) -> list[Found]:
    """Of two attributions whose contents overlap (one token, one role) keeps the earlier-found, unless
    the later one's content holds the other's ("X said Y, according to Z": PolNeAR marks the outer)."""
    kept: list[Found] = []
    for item in sorted(found, key=_rank):
        clashes = [
            other for other in kept
            if _clash(item, other) and not _aside(item, other, regions) and not _aside(other, item, regions)
        ]
        if clashes and all(_holds(item, other) for other in clashes):
            kept = [other for other in kept if other not in clashes]
            clashes = []
        if not clashes:
            kept.append(item)
    return sorted(kept, key=lambda item: (item.content or item.cue or Span(0, 0)).start)


def _aside(inner: Found, outer: Found, regions: list[Span]) -> bool:
    """'"A," said X, referring to Y. "B."': an attribution in the speaker's description, between
    two quotations of the same content, stands beside it."""
    content, around = inner.content, outer.content
    if content is None or around is None or not (around.start <= content.start and content.end <= around.end):
        return False
    if any(overlaps(region, content) for region in regions):
        return False
    before = any(around.start <= region.start and region.end <= content.start for region in regions)
    return before and any(content.end <= region.start and region.end <= around.end for region in regions)


def _clash(item: Found, other: Found) -> bool:
    return item.content is not None and other.content is not None and overlaps(item.content, other.content)


def _holds(outer: Found, inner: Found) -> bool:
    """The outer attribution's content strictly covers the inner's, and neither ranks above the other."""
    if _rank(outer) != _rank(inner) or outer.content == inner.content:
        return False
    return outer.content.start <= inner.content.start and inner.content.end <= outer.content.end


def _rank(item: Found) -> tuple[bool, bool, bool]:
    return item.broken, item.continues, item.source is None
