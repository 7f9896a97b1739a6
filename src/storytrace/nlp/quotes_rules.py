"""Attribution rules over one parsed paragraph: cue verbs, their sources and their content.

Every span here is local to the paragraph text. The rules, in order: a cue verb's clausal
complement is its content ("X said that ..."); a cue standing beside a quotation takes the quotation
('"...," X said.' and 'X said: "..."'); "according to X" takes the rest of its sentence; a quotation
left over at the start of a paragraph continues the previous speaker; a strong cue with a source but
no content at all is a broken attribution. Stance verbs ("supported Sanders", "called Trump
“unhinged”", "sees Cruz as a uniter") take their object with what is said of it, as PolNeAR does.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storytrace.model import Span
from storytrace.nlp.quotes_lexicon import CueLexicon
from storytrace.nlp.quotes_forms import (
    according_to, colon_quotations, headline_colon, leftover_quotations, nominal, transcript_turn,
)
from storytrace.nlp.quotes_marks import has_quotation_mark, quote_regions, word_count
from storytrace.nlp.quotes_spans import Found, overlaps, quote_kind, snap_to_regions, source_span, subtree_span, trimmed

CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
TOPIC_PREPOSITIONS = frozenset({"for", "about", "on", "of", "against", "over", "to"})
BROKEN_CUES = frozenset({"say", "tell", "add", "state", "explain", "warn", "note", "comment", "insist", "argue"})
NO_OBJECT_CONTENT = frozenset({"say", "tell", "ask", "add", "read"})
CLAUSE_REST_DEPS = frozenset({"oprd", "xcomp", "ccomp", "prep", "npadvmod", "advmod", "advcl", "dative", "pobj"})
SHORT_ANSWERS = frozenset({"yes", "no", "so", "that", "this"})  # "75 percent said yes"
AUDIENCE_CUES = frozenset({"speak", "talk", "write", "explain", "complain", "apologize", "email"})
QUOTE_ONLY_CUES = frozenset({"continue"})  # '"...," he continued.' but not "he continued to run"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
INHERITS_SUBJECT = frozenset({"xcomp", "advcl", "conj", "ccomp", "acomp"})
CUE_PREFIX_DEPS = frozenset({"aux", "auxpass", "neg"})


def find_attributions(doc: Doc, lexicon: CueLexicon) -> list[Found]:
    text = doc.text
    regions = quote_regions(text)
    found: list[Found] = transcript_turn(text)
    for token in doc:
        if _is_cue(token, lexicon) and (not _inside(token.idx, regions) or _opens_quotation(token, regions)):
            attribution = _attribution_for_cue(token, text, regions, lexicon)
            if attribution is not None:
                found.append(attribution)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            found.extend(according_to(token, text))
        elif token.pos_ == "NOUN" and lexicon.is_cue_noun(token.lemma_) and not _inside(token.idx, regions):
            found.extend(nominal(token, text, regions))
    found.extend(colon_quotations(text, regions, found))
    found.extend(headline_colon(text, found))
    found.extend(leftover_quotations(text, regions, found))
    return _without_overlaps(found)


NOT_CUES = frozenset({"be", "have", "do", "make", "let", "help", "see", "look", "seem", "appear", "mean", "get", "go", "become", "keep"})


def _is_cue(token: Token, lexicon: CueLexicon) -> bool:
    """A cue-lexicon verb, or any verb with a subject and a "that"-clause after it ("X reckons that ...")."""
    if token.pos_ != "VERB":
        return False
    return lexicon.is_cue(token.lemma_) or (token.lemma_.lower() not in NOT_CUES and _has_that_clause(token))


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
    subject = _subject(cue)
    source = source_span(subject, text) if subject is not None else None
    if cue.lemma_.lower() in QUOTE_ONLY_CUES:
        content = _adjacent_quotation(cue, subject, text, regions)
    else:
        content = (
            _clausal_content(cue, subject, text, regions)
            or _adjacent_quotation(cue, subject, text, regions)
            or _parenthetical_content(cue, text, regions)
        )
    cue_span = _cue_span(cue)
    if content is None and lexicon.is_strong(cue.lemma_):
        content, cue_span = _object_content(cue, text, regions, cue_span)
    if content is not None and content.end <= cue.idx:
        content = _continued_after_cue(content, cue, text, regions)
    if content is not None and content.start <= cue.idx < content.end and _opens_quotation(cue, regions):
        content = trimmed(text, cue_span.end, content.end)
    if content is not None:
        content = _without_comma_lead_in(content, regions, text)
    if content is None:
        if source is None or cue.lemma_.lower() not in BROKEN_CUES or subject.pos_ == "PRON" or cue.tag_ == "VBN":
            return None
        return Found(content=None, cue=cue_span, source=source, kind="direct", broken=True)
    if source is not None and (_inside(source.start, regions) or _swallowed(source, content, cue_span, regions)):
        source = None
    return Found(content=content, cue=cue_span, source=source, kind=quote_kind(content, regions))


def _swallowed(source: Span, content: Span, cue: Span, regions: list[Span]) -> bool:
    """A source inside its own content, unless the cue is too ("The effect, X says, could ...")."""
    if not overlaps(source, content) or content.start <= cue.start < content.end:
        return False
    return not _between_quotes(source, regions)


def _without_comma_lead_in(content: Span, regions: list[Span], text: str) -> Span:
    """'told host Matt Boyle, “Hillary’s slogan ...”': a quotation after a comma is the content."""
    inside = [region for region in regions if content.start < region.start < content.end]
    if not inside or inside[-1].end < content.end - 1 or _inside(content.start + 1, regions):
        return content
    lead_in = text[content.start : inside[0].start].rstrip()
    return Span(inside[0].start, content.end) if lead_in.endswith(",") else content


def _between_quotes(span: Span, regions: list[Span]) -> bool:
    return any(region.end <= span.start for region in regions) and any(region.start >= span.end for region in regions)


def _subject(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ == "agent":  # "was reported by X"
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in sorted(cue.children, key=lambda child: abs(child.i - cue.i)):  # '"..., McCain," Trump said'
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "nsubjpass":  # "Osman is believed to ...": the subject is part of the content
            return None
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):  # "Priebus, suggesting that ..."
        misattached = cue.tag_ == "VBG" and cue.head.dep_ == "pobj" and cue.head.pos_ == "NOUN"
        return (_clause_subject(cue.head) if misattached else None) or cue.head
    return _inverted_subject(cue) or _inherited_subject(cue)


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
    """"Voters are more likely to say ...", "Trump, refusing to concede ...": an ancestor's subject."""
    token = cue
    for _ in range(3):
        if token.dep_ not in INHERITS_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
        subject = next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


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


def _clausal_content(cue: Token, subject: Token | None, text: str, regions: list[Span]) -> Span | None:
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS or (child.dep_ == "dobj" and _touches_quote(child, text)) or _is_question(child, cue):
            if child.i < cue.i and child.dep_ != "ccomp":
                continue
            span = subtree_span(child, text, exclude=subject)
            passive = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
            if span is not None and passive is not None and child.i > cue.i:
                span = Span(passive.left_edge.idx, span.end)
            if span is not None and child.i < cue.i:
                span = _through_parenthetical(span, cue, text)
            return snap_to_regions(span, regions, text) if span else None
    return None


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
    """A speech act's object ("announced his resignation") or topic ("called for a ban")."""
    for child in cue.rights:
        if child.dep_ in ("dobj", "intj") and (cue.lemma_.lower() not in NO_OBJECT_CONTENT or child.lower_ in SHORT_ANSWERS):
            span = _with_predicate(_with_reason(subtree_span(child, text, exclude=None), child, text), child, text)
            return (snap_to_regions(span, regions, text) if span else None), cue_span
        if child.dep_ == "prep" and _is_topic(child, cue):
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                span = _extend_over_list(subtree_span(objects[0], text, exclude=None), objects[0], text)
                return span, Span(cue_span.start, child.idx + len(child))
        if child.dep_ == "advcl" and child.left_edge.lower_ == "for" and child.left_edge.i == cue.i + 1:
            span = trimmed(text, child.left_edge.idx + 3, child.right_edge.idx + len(child.right_edge))
            return span, Span(cue_span.start, child.left_edge.idx + 3)  # "calling for his rivals to drop out"
    return None, cue_span


def _is_topic(preposition: Token, cue: Token) -> bool:
    """"called for a ban", "talked about taxes"; but "spoke to reporters" names the audience."""
    if preposition.lower_ not in TOPIC_PREPOSITIONS or preposition.i != cue.i + 1 or cue.lemma_ == "add":
        return False
    return not (preposition.lower_ == "to" and cue.lemma_.lower() in AUDIENCE_CUES)


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
        last = sibling.right_edge
    return span if last is None else trimmed(text, span.start, max(span.end, last.idx + len(last))) or span


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
    if before and _only_punctuation(text[before[-1].end : clause_start]):
        content = _chain_back(before, text)
        sentence_start = _first_non_space(text, cue.sent.start_char)
        if sentence_start < content.start and not any(r.start < sentence_start < r.end for r in regions):
            content = Span(sentence_start, content.end)  # 'America needs leaders "who ...," Clinton said.'
        return content
    following = next((region for region in regions if region.start >= cue.idx), None)
    if following is not None and (following.start <= clause_end + 2 or _only_punctuation(text[clause_end : following.start])):
        if following.start >= cue.sent.end_char and ":" not in text[cue.idx : following.start]:
            return None  # 'reading a statement. "Blink twice," one person tweeted.'
        return _with_lead_in(cue, following, text)  # 'X told reporters: "..."'
    return None


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
            return Span(content.start, following[0].end)  # 'Trump said, "and ..."' or 'X told reporters. "B."'
    return content


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


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Keeps the earlier-found of two attributions whose contents overlap (one token, one role)."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda item: (item.broken, item.continues, item.source is None)):
        clash = item.content is not None and any(
            other.content is not None and overlaps(item.content, other.content) for other in kept
        )
        if not clash:
            kept.append(item)
    return sorted(kept, key=lambda item: (item.content or item.cue or Span(0, 0)).start)
