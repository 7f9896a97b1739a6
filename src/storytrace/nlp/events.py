"""PLOVER events in articles: who did what to whom, when, from rules over the dependency parse.

The event is the first cue word (``data/plover_verbs.tsv``) met walking the parse from the root,
looking through reporting verbs ("X said they would boycott ..." is X's THREATEN). Its actor is the
subject, its recipient the object or prepositional object; both are coded with the NLP layer's
country table and the sector lexicon. A future positive act reported as intent is an AGREE, a
future hostile one a THREATEN, as PLOVER codes intentions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from storytrace.model import Actor, Article, Event, Span
from storytrace.nlp.events_dates import resolve_date
from storytrace.nlp.plover import ActorCoder, EventCue, event_cues
from storytrace.nlp.quotes import Parser, load_parser
from storytrace.nlp.quotes_marks import mask_dateline

REPORTING = frozenset({"say", "tell", "report", "add", "state", "claim", "quote", "announce", "declare", "note"})
COOPERATIVE = frozenset({"CONSULT", "CONCEDE", "AID", "COOPERATE", "SUPPORT"})
LIGHT_VERBS = frozenset({"order", "launch", "hold", "begin", "start", "issue", "resort", "conduct", "stage", "make", "impose", "take", "reiterate", "express"})
WILLING = frozenset({"willing", "ready", "prepared"})
OBLIGATION = frozenset({"must", "should"})
NOT_RECIPIENTS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                            "yesterday", "week", "month", "year", "time", "day", "night", "morning", "evening",
                            "january", "february", "march", "april", "may", "june", "july", "august", "september",
                            "october", "november", "december"})
INTENT_VERBS = frozenset({"swear", "vow", "pledge", "promise", "plan", "intend", "prepare"})
REFUSED_WHEN_NEGATED = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "CONSULT", "AID"})
HOSTILE = frozenset({"ASSAULT", "SANCTION", "COERCE", "PROTEST", "MOBILIZE"})
FUTURE_WORDS = frozenset({"will", "would", "shall", "'ll", "’ll"})
HYPOTHETICAL_WORDS = frozenset({"if", "unless", "could", "might", "may"})
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "against", "on", "from", "into", "at", "about", "for", "over"})
CONTINUES_EVENT = frozenset({"xcomp", "ccomp", "dobj", "conj", "advcl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True, frozen=True)
class _Trigger:
    token: Token
    cue: EventCue
    reported: bool  # reached through a reporting verb


class EventCoder:
    """``EventCoder(Analyzer().parse)`` or ``EventCoder()``; ``code`` one article, ``code_sentence`` one text."""

    def __init__(self, parse: Parser | None = None, actors: ActorCoder | None = None):
        self._parse = parse or load_parser()
        self._actors = actors or ActorCoder()
        self._cues = event_cues()

    def code(self, article: Article) -> list[Event]:
        spans = article.sentences or [Span(0, len(article.text))]
        chosen = [span for span in spans if self._may_hold_event(span.of(article.text))]
        docs = self._parse([mask_dateline(span.of(article.text)) for span in chosen])
        events = []
        for span, doc in zip(chosen, docs):
            for sentence in doc.sents:
                event = self._event_in(sentence, article, span)
                if event is not None:
                    events.append(event)
        return events

    def code_sentence(self, text: str, article_id: str = "") -> Event | None:
        article = Article(id=article_id, origin="", fmt="text", text=text)
        events = self.code(article)
        return events[0] if events else None

    def _may_hold_event(self, text: str) -> bool:
        return any(word.strip(".,;:“”\"'").lower()[:4] in _cue_prefixes() for word in text.split())

    def _event_in(self, sentence: SpacySpan, article: Article, span: Span) -> Event | None:
        trigger = self._trigger(sentence)
        if trigger is None:
            return None
        actor_tokens, recipient_tokens = _participants(trigger.token)
        actor = self._actors.code(actor_tokens)
        recipient = self._actors.code(recipient_tokens)
        actor, recipient = _fill_codes(actor, recipient, actor_tokens, self._actors, sentence)
        start = span.start + sentence.start_char
        return Event(
            article_id=article.id, type=_event_type(trigger), mode=trigger.cue.mode,
            evidence=Span(start, start + len(sentence.text)), actor=actor, recipient=recipient,
            date=resolve_date(sentence.text, article.published), negated=_negated(trigger.token),
            future=_future(trigger.token), hypothetical=_hypothetical(trigger.token),
        )

    def _trigger(self, sentence: SpacySpan) -> _Trigger | None:
        for token, reported in _walk(sentence.root):
            cue = self._cue(token)
            if cue is not None and token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ"):
                return self._through_light_verb(_Trigger(token, cue, reported))
        return None

    def _cue(self, token: Token) -> EventCue | None:
        return self._cues.get(token.lemma_.lower()) or self._cues.get(token.lower_)

    def _through_light_verb(self, trigger: _Trigger) -> _Trigger:
        """"ordered patrols", "launched a mediation effort": the object names the event."""
        if trigger.token.lemma_.lower() not in LIGHT_VERBS:
            return trigger
        for child in trigger.token.children:
            if child.dep_ == "dobj":
                for token in [child, *child.children]:
                    cue = self._cue(token)
                    if cue is not None and token.pos_ == "NOUN":
                        return _Trigger(token, cue, trigger.reported)
        return trigger


def _cue_prefixes() -> frozenset[str]:
    return frozenset(lemma[:4] for lemma in event_cues()) | {"sough"}


def _walk(root: Token) -> Iterator[tuple[Token, bool]]:
    """Tokens breadth-first from the root; clausal complements before other children."""
    queue: deque[tuple[Token, bool]] = deque([(root, False)])
    while queue:
        token, reported = queue.popleft()
        yield token, reported
        reporting = token.lemma_.lower() in REPORTING
        children = sorted(token.children, key=lambda child: (child.dep_ not in CONTINUES_EVENT, child.i))
        queue.extend((child, reported or reporting) for child in children if child.dep_ not in ("punct",))


def _event_type(trigger: _Trigger) -> str:
    """Intentions and demands: "will help" is AGREE, "will attack" or "will withdraw unless" THREATEN,
    "is willing to withdraw" AGREE, "said X must return" REQUEST."""
    token, kind = trigger.token, trigger.cue.type
    if _negated(token) and kind in REFUSED_WHEN_NEGATED:
        return "REJECT"  # "will not accept refugees"
    modals = _modal_words(token)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in INTENT_VERBS:
        modals.add("will")  # "sworn to fight" is an intention, coded like "will fight"
    if trigger.reported and modals & OBLIGATION:
        return "REQUEST"
    if _governed_by(token, WILLING):
        return "AGREE"
    if modals & FUTURE_WORDS:
        if _hypothetical(token) and kind not in COOPERATIVE | {"AGREE", "THREATEN"}:
            return "THREATEN"
        if kind in COOPERATIVE:
            return "AGREE"
        if kind in HOSTILE or kind == "RETREAT":  # "will withdraw its inspectors" is a threat
            return "THREATEN"
    return kind


def _modal_words(token: Token) -> set[str]:
    chain = [token, token.head, token.head.head]
    return {child.lower_ for item in chain for child in item.children if child.dep_ == "aux"}


def _governed_by(token: Token, words: frozenset[str]) -> bool:
    return token.head.lower_ in words or token.head.head.lower_ in words


def _participants(trigger: Token) -> tuple[list[Token], list[Token]]:
    verb = trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)
    actor = _subject_phrase(verb) if verb is not None else _possessor(trigger)
    recipient = _recipient_phrase(trigger) or (_recipient_phrase(verb) if verb is not None and verb.i != trigger.i else [])
    if verb is not None and any(child.dep_ == "nsubjpass" for child in verb.children):
        agent = _agent_phrase(verb)
        if agent:
            actor, recipient = agent, _subject_phrase(verb)
    return actor, recipient


def _governing_verb(token: Token) -> Token | None:
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _possessor(token: Token) -> list[Token]:
    owners = [child for child in token.children if child.dep_ == "poss"]
    return _phrase(owners[0]) if owners else []


def _subject_phrase(verb: Token) -> list[Token]:
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            break
        subjects = [child for child in current.children if child.dep_ in SUBJECTS]
        if subjects and subjects[0].pos_ != "PRON":
            return _phrase(subjects[0])
        current = current.head if current.head.i != current.i else None
    return []


def _agent_phrase(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            return _phrase(objects[0]) if objects else []
    return []


def _recipient_phrase(token: Token, depth: int = 0) -> list[Token]:
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ != "PRON":
            return _phrase(child)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj" and grand.lower_ not in NOT_RECIPIENTS]
            if objects and not objects[0].like_num:
                return _phrase(objects[0])
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and depth < 2:
            return _recipient_phrase(child, depth + 1)
    return []


def _phrase(head: Token) -> list[Token]:
    """The head's subtree up to a comma that opens an apposition or relative clause."""
    kept = []
    for token in head.subtree:
        if token.i > head.i and token.text == ",":
            break
        if not token.is_space:
            kept.append(token)
    return kept


def _fill_codes(
    actor: Actor | None, recipient: Actor | None, actor_tokens: list[Token], coder: ActorCoder, sentence: SpacySpan
) -> tuple[Actor | None, Actor | None]:
    """Codes a participant with no country of its own from the rest of the sentence; "X and Y met"
    makes Y the recipient."""
    countries = _countries_in(list(sentence), coder)
    if actor is not None and actor.code is None and countries:
        others = [code for code in countries if recipient is None or code != recipient.code]
        actor = Actor(actor.text, (others or countries)[0], actor.sector, actor.entity_id)
    in_actor = _countries_in(actor_tokens, coder)
    if actor is not None and recipient is None and len(in_actor) > 1:
        recipient = Actor(actor.text, in_actor[1], actor.sector)
    if recipient is not None and recipient.code is None:
        others = [code for code in countries if actor is None or code != actor.code]
        fallback = others[0] if others else (actor.code if actor else None)
        recipient = Actor(recipient.text, fallback, recipient.sector, recipient.entity_id)
    return actor, recipient


def _countries_in(tokens: list[Token], coder: ActorCoder) -> list[str]:
    codes: list[str] = []
    for index in range(len(tokens)):
        code = coder.country(tokens[index : index + 2]) or coder.country(tokens[index : index + 1])
        if code and code not in codes:
            codes.append(code)
    return codes


def _negated(token: Token) -> bool:
    chain = [token, token.head] if token.dep_ in ("xcomp", "dobj") else [token]
    return any(child.dep_ == "neg" for item in chain for child in item.children)


def _future(token: Token) -> bool:
    chain = [token, token.head, token.head.head]
    return any(child.lower_ in FUTURE_WORDS for item in chain for child in item.children if child.dep_ == "aux")


def _hypothetical(token: Token) -> bool:
    """A modal ("could", "might") on the event, or a condition ("if", "unless") in its clause."""
    chain = [token, token.head]
    modals = {child.lower_ for item in chain for child in item.children if child.dep_ == "aux"}
    conditions = {item.lower_ for item in token.subtree if item.dep_ == "mark"}
    return bool((modals | conditions) & HYPOTHETICAL_WORDS)
