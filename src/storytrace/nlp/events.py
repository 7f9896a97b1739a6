"""PLOVER events in articles: who did what to whom, when, from rules over the dependency parse.

Only sentences holding a cue word (or "must"/"should") are parsed. The event is the first cue
(``data/plover_verbs.tsv``, or a modifier pair such as "air strike", "broke off") met walking the
parse from the root, looking through reporting verbs ("X said they would boycott ..." is X's
THREATEN); "X said Y must ..." is X's REQUEST of Y. ``events_types`` decides cues their clause
makes ("established relations", "sent warships", "fired tear gas") and turns the cue into the type
in its clause (negation, intention, what is withdrawn, protests). Light verbs ("held talks") give
way to their object, promises to their hostile complement ("vowed to retaliate"). The actor is the
subject (or the noun a participle hangs from, or the agent of a passive; the parties inside "talks
between X and Y were postponed"; those moved in "peacekeepers were withdrawn"); the recipient the
first object or prepositional object that names an actor. Both are coded by ``ActorCoder``
(countries, organisations, leaders, sectors); one without a country takes one from the name words
before it, then from where the event happens, then from its sentence, else the article's
most-mentioned.
"""

from __future__ import annotations

import functools
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Doc, Span as SpacySpan, Token

from storytrace.model import Actor, Article, Event, Span
from storytrace.nlp.chunks import LruCache
from storytrace.nlp.events_actors import governing_verb, name_before, places
from storytrace.nlp.events_dates import resolve_date
from storytrace.nlp.events_types import (FILTER_LEMMAS, HOSTILE, INTENT_VERBS, NO_EVENT, OBLIGATION, PROTEST_CUE,
                                         as_protest, clause_cue, event_type, future, hypothetical, launches_nothing,
                                         negated, protesters_act, to_clause)
from storytrace.nlp.plover import ActorCoder, EventCue, event_cues
from storytrace.nlp.quotes import Parser, line_spans, load_parser, shipped_cues_may_attribute
from storytrace.nlp.quotes_marks import mask_dateline

REPORTING = frozenset({"say", "tell", "report", "add", "state", "claim", "quote", "announce", "declare", "note",
                       "conclude", "insist", "argue", "write"})
LIGHT_VERBS = frozenset({"order", "launch", "hold", "begin", "start", "issue", "resort", "conduct", "stage", "make",
                         "impose", "take", "reiterate", "express", "grant", "carry", "continue", "resume", "step",
                         "complete", "declare", "mount", "file", "accept"})
NOT_RECIPIENTS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                            "yesterday", "week", "month", "year", "time", "day", "night", "morning", "evening",
                            "january", "february", "march", "april", "may", "june", "july", "august", "september",
                            "october", "november", "december"})
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "against", "on", "from", "into", "at", "about", "for", "over"})
CONTINUES_EVENT = frozenset({"xcomp", "ccomp", "dobj", "conj", "advcl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
ACTING_NOUNS = frozenset({"nsubj", "nsubjpass", "ROOT", "appos"})
UNNAMED = Actor("")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "on", "across", "around", "inside", "outside"})
STOPPING = frozenset({"SANCTION", "COERCE"})
ABSENT = frozenset({"without"})
ELICITING = frozenset({"draw", "spark", "provoke", "prompt", "trigger", "bring", "meet", "attract"})
LEAVING = frozenset({"withdraw", "pull", "evacuate", "ship", "redeploy"})
EVENT_SUBJECTS = frozenset({"relation", "tie", "talk", "talks", "meeting", "visit", "summit", "negotiation",
                            "agreement", "accord", "treaty", "trip", "dialogue", "contact", "cooperation"})
REQUEST_CUE = EventCue("REQUEST", None)
OBLIGING = ("must", "should", "insist")  # words of a reported obligation (``_reported_obligation``)
IRREGULAR_FORMS = frozenset({"met", "fought", "shot", "sent", "struck", "gave", "given", "took", "held", "beat",
                             "froze", "frozen", "swore", "sworn", "sought", "withdrew", "withdrawn", "forgave",
                             "undertook", "overran", "lent", "blew", "blown", "spoke", "led", "broke", "broken",
                             "freed", "sank", "sunk", "slew", "slain", "drove", "driven", "threw", "thrown"})
COERCE_CUE = EventCue("COERCE", None)
COMPOUND_CUES: dict[tuple[str, str], EventCue | None] = {  # a modifier or particle that changes the cue word
    ("air", "strike"): EventCue("ASSAULT", None), ("missile", "strike"): EventCue("ASSAULT", None),
    ("drone", "strike"): EventCue("ASSAULT", None), ("hunger", "strike"): EventCue("PROTEST", "hunger"),
    ("peace", "talk"): EventCue("CONSULT", None),
    ("off", "break"): EventCue("SANCTION", "withdraw"), ("off", "call"): EventCue("SANCTION", "withdraw"),
    ("down", "step"): EventCue("RETREAT", None), ("down", "crack"): EventCue("COERCE", None),
    ("out", "walk"): EventCue("SANCTION", "withdraw"), ("down", "shoot"): EventCue("ASSAULT", None),
    ("out", "lash"): EventCue("ACCUSE", None), ("down", "turn"): EventCue("REJECT", None),
    ("out", "rule"): EventCue("REJECT", None), ("up", "round"): EventCue("COERCE", "arrest"),
    ("down", "gun"): EventCue("ASSAULT", None), ("up", "break"): EventCue("COERCE", "restrict"),
    ("off", "seal"): EventCue("COERCE", "restrict"), ("down", "back"): EventCue("CONCEDE", None),
    ("in", "give"): EventCue("CONCEDE", None), ("in", "sit"): EventCue("PROTEST", "demonstrate"),
    ("out", "ship"): EventCue("RETREAT", "withdraw"), ("air", "raid"): EventCue("ASSAULT", None),
    ("open", "fire"): EventCue("ASSAULT", None), ("green", "light"): EventCue("SUPPORT", None),
    ("martial", "law"): EventCue("COERCE", "restrict"), ("test", "fire"): EventCue("MOBILIZE", "weapons-test"),
    ("nuclear", "test"): EventCue("MOBILIZE", "weapons-test"),
    ("missile", "test"): EventCue("MOBILIZE", "weapons-test"),
    ("weapons", "test"): EventCue("MOBILIZE", "weapons-test"),
    ("out", "force"): COERCE_CUE, ("out", "drive"): COERCE_CUE, ("out", "kick"): COERCE_CUE,
    ("out", "throw"): COERCE_CUE, ("out", "push"): COERCE_CUE, ("out", "chase"): COERCE_CUE,
    ("press", "release"): None, ("news", "release"): None,  # a statement, not the release of prisoners
}
COMPOUND_CUE_WORDS = frozenset(word for _, word in COMPOUND_CUES)
PARTICLES = frozenset({"off", "down", "out", "up", "back", "in"})
MODIFIERS = frozenset({"compound", "amod", "prt", "advmod", "prep", "npadvmod"})
APPROVING = frozenset({"approve", "authorise", "authorize", "endorse"})
ACCUSE_CUE = EventCue("ACCUSE", None)
# Words of the clause rules that are no cue themselves.
FILTER_WORDS = ("streets", "emergency", "martial", "vote", "test", "return", "shipped", "move", "rush", "dispatch",
                "allow", "permit", "let", "admit", "hold", "insist")
VERB_ONLY_CUES = frozenset({"free", "mass", "storm", "pound", "sentence", "brand", "bow", "shelter",
                            "commute", "object", "quit", "tour", "drill", "propose", "compromise"})
NOUN_ONLY_CUES = frozenset({"exercise", "maneuver", "manoeuvre"})  # "military exercises", not "exercised restraint"


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
        self._coded: LruCache[tuple[str, bool], tuple[_Coded, ...]] = LruCache(1 << 16)

    def code(self, article: Article) -> list[Event]:
        return self.code_many([article])[0]

    def code_many(self, articles: list[Article]) -> list[list[Event]]:
        """The events of each article; one parse call for the chosen texts of them all."""
        chosen = [self._chosen(article) for article in articles]
        texts = _unit_texts(articles, chosen)
        parsed = iter(zip(texts, self._parse(texts)))
        return [self._events(article, [(unit, *next(parsed)) for unit in units]) for article, units in zip(articles, chosen)]

    def sentences_to_parse(self, articles: list[Article]) -> list[str]:
        """The texts ``code_many`` will parse (known once the articles have their sentences)."""
        return _unit_texts(articles, [self._chosen(article) for article in articles])

    def _chosen(self, article: Article) -> list[_Unit]:
        """The sentences that may hold an event, to parse alone; or, where the quote rules parse
        their whole line anyway, that line (one parse, kept by text, then serves both)."""
        if not article.sentences:
            whole = Span(0, len(article.text))
            return [_Unit(whole, False)] if _may_hold_event(article.text) else []
        may_hold = [span for span in article.sentences if _may_hold_event(span.of(article.text))]
        units, next_sentence = [], 0
        for line in line_spans(article.text):
            inside = []
            while next_sentence < len(may_hold) and may_hold[next_sentence].start < line.end:
                sentence = may_hold[next_sentence]
                if sentence.start >= line.start:
                    inside.append(sentence)
                else:  # begun before the line, in blank space: parsed alone
                    units.append(_Unit(sentence, False))
                next_sentence += 1
            if inside and shipped_cues_may_attribute(line.of(article.text)):
                units.append(_Unit(line, True))
            else:
                units.extend(_Unit(sentence, False) for sentence in inside)
        units.extend(_Unit(sentence, False) for sentence in may_hold[next_sentence:])
        return units

    def _events(self, article: Article, parsed: list[tuple[_Unit, str, Doc]]) -> list[Event]:
        context = _article_countries(article)
        published = article.published
        return [
            coded.in_article(article.id, unit.span.start, published, context)
            for unit, text, doc in parsed
            for coded in self._coded_units(unit.whole_line, text, doc)
        ]

    def code_sentence(self, text: str, article_id: str = "") -> Event | None:
        article = Article(id=article_id, origin="", fmt="text", text=text)
        events = self.code(article)
        return events[0] if events else None

    def _coded_units(self, whole_line: bool, text: str, doc: Doc) -> tuple[_Coded, ...]:
        """What the unit's sentences say (``doc`` is the parse of ``text``), remembered by the
        text: copies repeat their sources' sentences (about half the units of the generated stream)."""
        key = (text, whole_line)
        coded = self._coded.get(key)
        if coded is None:
            coded = tuple(self._coded_sentences(whole_line, text, doc))
            self._coded.put(key, coded)
        return coded

    def _coded_sentences(self, whole_line: bool, text: str, doc: Doc) -> Iterator[_Coded]:
        for sentence in doc.sents:
            words = text[sentence.start_char : sentence.end_char]  # Span.text would join its tokens again
            if whole_line and not _may_hold_event(words):
                continue  # a sentence of a line the quote rules parsed
            coded = self._coded_sentence(sentence, words)
            if coded is not None:
                yield coded

    def _coded_sentence(self, sentence: SpacySpan, text: str) -> _Coded | None:
        trigger = self._trigger(sentence, text)
        if trigger is None:
            return None
        actor_tokens, recipient_tokens, recipient = self._participants(trigger)
        trigger = _Trigger(trigger.token, as_protest(trigger.cue, trigger.token, trigger.reported, actor_tokens),
                           trigger.reported)
        if trigger.token.lemma_.lower() == "protest" and self._speaks_for_state(actor_tokens):
            trigger = _Trigger(trigger.token, ACCUSE_CUE, trigger.reported)  # a government's protest is a complaint
        actor = self._actors.code(actor_tokens) or (UNNAMED if _agentless_passive(trigger.token) else None)
        actor = self._with_apposition(actor, actor_tokens)
        actor = self._from_words(actor, [name_before(actor_tokens)])  # "... Jose Eduardo dos Santos"
        actor = self._from_words(actor, places(trigger.token))  # "people blocked streets in Hong Kong"
        actor, recipient = _fill_codes(actor, recipient, actor_tokens, self._actors, sentence)
        return _Coded(
            start=sentence.start_char, text=text, mode=trigger.cue.mode,
            type=event_type(trigger.token, trigger.cue.type, trigger.reported), actor=actor, recipient=recipient,
            negated=negated(trigger.token), future=future(trigger.token), hypothetical=hypothetical(trigger.token),
        )

    def _trigger(self, sentence: SpacySpan, text: str) -> _Trigger | None:
        lowered = text.lower()
        obligation = _reported_obligation(sentence) if any(word in lowered for word in OBLIGING) else None
        if obligation is not None and not self._said_while_protesting(obligation):
            return _Trigger(obligation, REQUEST_CUE, True)
        for token, reported in _walk(sentence.root):
            cue = self._cue(token)
            if cue is not None and token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ") and token.dep_ != "compound":
                found = self._through_intent(self._through_light_verb(_Trigger(token, cue, reported)))
                if found.token.i == token.i and launches_nothing(token):
                    continue  # "launched an appeal": not a show of force
                return found
        return _Trigger(sentence.root, PROTEST_CUE, False) if protesters_act(sentence.root) else None

    def _said_while_protesting(self, obligation: Token) -> bool:
        """"staged rallies against Abbas, saying he must resign": the protest is the event, the
        words its demand."""
        saying = obligation.head
        if saying.dep_ != "advcl":
            return False
        main = saying.head
        cues = [self._cue(token) for token in (main, *(child for child in main.children if child.dep_ == "dobj"))]
        return any(cue is not None and cue.type == "PROTEST" for cue in cues)

    def _through_intent(self, trigger: _Trigger) -> _Trigger:
        """"vowed to retaliate", "pledged to fight on": the promised act, not the promise, is the
        event (``event_type`` makes it a threat)."""
        if trigger.token.lemma_.lower() not in INTENT_VERBS:
            return trigger
        for child in trigger.token.children:
            if to_clause(child):
                cue = self._cue(child)
                if cue is not None and cue.type in HOSTILE:
                    return _Trigger(child, cue, trigger.reported)
        return trigger

    def _cue(self, token: Token) -> EventCue | None:
        lemma = token.lemma_.lower()
        if lemma in COMPOUND_CUE_WORDS:
            for child in token.children:
                if child.dep_ in MODIFIERS and (child.lower_, lemma) in COMPOUND_CUES:
                    return COMPOUND_CUES[(child.lower_, lemma)]  # None: no event ("a press release")
        decided = clause_cue(token)
        if decided is not None:
            return None if decided is NO_EVENT else decided
        if lemma in VERB_ONLY_CUES and token.pos_ != "VERB":
            return None  # "free elections", "mass graves"
        if lemma in NOUN_ONLY_CUES and token.pos_ != "NOUN":
            return None
        for form in (lemma, token.lower_, *_regular_stems(token)):
            if form in self._cues:
                return self._cues[form]
        return None

    def _through_light_verb(self, trigger: _Trigger) -> _Trigger:
        """"ordered patrols", "launched a mediation effort": the object names the event; "ordered
        the newspaper to suspend publication" is coercion."""
        lemmas = {trigger.token.lemma_.lower(), *_regular_stems(trigger.token)}
        if lemmas & APPROVING:
            return self._approved_aid(trigger)
        if not lemmas & LIGHT_VERBS:
            return trigger
        if trigger.token.lemma_.lower() == "order" and self._orders_a_stop(trigger.token):
            return _Trigger(trigger.token, COERCE_CUE, trigger.reported)
        for child in trigger.token.children:
            if child.dep_ == "dobj":
                for token in [child, *child.children]:
                    cue = self._cue(token)
                    if cue is not None and token.pos_ == "NOUN":
                        return _Trigger(token, cue, trigger.reported)
        return trigger

    def _approved_aid(self, trigger: _Trigger) -> _Trigger:
        """"approved a $100 million loan" gives the loan (AID); approving anything else is SUPPORT."""
        for child in trigger.token.children:
            cue = self._cue(child) if child.dep_ == "dobj" else None
            if cue is not None and cue.type == "AID":
                return _Trigger(child, cue, trigger.reported)
        return trigger

    def _participants(self, trigger: _Trigger) -> tuple[list[Token], list[Token], Actor | None]:
        """The actor phrase, the recipient phrase and the recipient coded."""
        token = trigger.token
        if trigger.cue is REQUEST_CUE:
            recipient = _subject_phrase(token)
            return _subject_phrase(token.head), recipient, self._actors.code(recipient)
        actor, candidates = _participants(token)
        if trigger.cue.type == "REQUEST":
            candidates = _addressed(token) + candidates
        return actor, *self._best_recipient(candidates)

    def _with_apposition(self, actor: Actor | None, tokens: list[Token]) -> Actor | None:
        """"Vladimir Putin, the Russian president": the apposition gives what the name lacks."""
        if actor is None or (actor.code and actor.sector) or not tokens:
            return actor
        appositions = [child for child in _top_noun(tokens[0]).head.children if child.dep_ == "appos"]
        appositions += [child for token in tokens for child in token.children if child.dep_ == "appos"]
        for apposition in appositions:
            described = self._actors.code(_phrase(apposition))
            if described is not None and (described.code or described.sector):
                code, sector = actor.code or described.code, actor.sector or described.sector
                return Actor(actor.text, code, sector, actor.entity_id)
        return actor

    def _speaks_for_state(self, tokens: list[Token]) -> bool:
        """A government, or states named as such ("Japan and Australia"), not a crowd of their people."""
        coded = self._actors.code(tokens)
        if coded is None or coded.sector == "GOV":
            return coded is not None
        return coded.sector is None and coded.code not in (None, "IGO", "NGO") and _headed_by_name(tokens)

    def _from_words(self, actor: Actor | None, phrases: list[list[Token]]) -> Actor | None:
        """An actor with no country of its own takes the first one the given phrases name."""
        if actor is None or actor.code is not None:
            return actor
        for phrase in phrases:
            codes = self._actors.countries(phrase) if phrase else []
            if codes:
                return Actor(actor.text, codes[0], actor.sector, actor.entity_id)
        return actor

    def _best_recipient(self, candidates: list[list[Token]]) -> tuple[list[Token], Actor | None]:
        """The first candidate that names an actor (a country, organisation, sector or a name), and
        it coded; "donated goods to the school", "refusing admittance to Ghanaians" pick the second."""
        first: Actor | None = None
        for index, phrase in enumerate(candidates):
            coded = self._actors.code(phrase)
            if index == 0:
                first = coded
            if coded is not None and (coded.sector or _headed_by_name(phrase) or self._named_outside_place(phrase)):
                return phrase, coded
        return (candidates[0], first) if candidates else ([], None)

    def _named_outside_place(self, phrase: list[Token]) -> bool:
        """"Iraqi civilians" names an actor; "roads in the capital city of Algiers" only a place."""
        places = {item.i for token in phrase if token.dep_ == "prep" and token.lower_ in PLACE_PREPOSITIONS
                  for item in token.subtree}
        return bool(self._actors.countries([token for token in phrase if token.i not in places]))

    def _orders_a_stop(self, order: Token) -> bool:
        commands = [child for child in order.children if child.dep_ in ("xcomp", "ccomp")]
        cues = [self._cue(command) for command in commands]
        return any(cue is not None and cue.type in STOPPING for cue in cues)


def _regular_stems(token: Token) -> list[str]:
    """The model's lemmatiser misses some regular forms ("unbanned" -> "unbanne", "staged" ->
    "stag"): the stems a regular -ed or -ing ending leaves."""
    word = token.lower_
    if token.pos_ != "VERB" or not word.endswith(("ed", "ing")):
        return []
    stem = word[:-2] if word.endswith("ed") else word[:-3]
    stems = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stems.append(stem[:-1])  # "unbann" -> "unban"
    return stems


def _reported_obligation(sentence: SpacySpan) -> Token | None:
    """"Russia said Sudan must return the helicopter", "Russia insisted that Ukraine withdraw its
    troops": a clause with "must" or "should", or in the subjunctive after "insist", reported by its
    speaker is the speaker's REQUEST of the clause's subject ("insisted that he was innocent" is none)."""
    for token in sentence:
        if token.dep_ != "ccomp" or token.head.lemma_.lower() not in REPORTING:
            continue
        modals = {child.lower_ for child in token.children if child.dep_ == "aux"}
        subjunctive = token.tag_ == "VB" or any(child.dep_ == "auxpass" and child.lower_ == "be"
                                                for child in token.children)
        mandated = not modals and subjunctive and token.head.lemma_.lower() == "insist"
        if (modals & OBLIGATION or mandated) and not negated(token) and _subject_phrase(token.head):
            return token
    return None


@functools.lru_cache(maxsize=1 << 16)
def _may_hold_event(text: str) -> bool:
    """The cheap test that decides which sentences are parsed; remembered by text, as the parse
    prefetch and the coding both ask it, and copies repeat their sources' sentences."""
    stems, whole, particles = _cue_words()
    words = {word.strip(".,;:“”\"'").lower() for word in text.split()}
    words |= {part for word in words if "-" in word for part in word.split("-")}  # "test-fired"
    for word in words:
        if word in whole or word[:5] in stems or word[:4] in stems:
            return True
        if particles.get(word[:4], frozenset()) & words:  # "walked out", "broke off"
            return True
    return False


@functools.cache
def _cue_words() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """What a sentence must contain to be worth parsing: a word starting with a cue lemma's stable
    stem (its first five letters, less a final "e" or "y": "withd", "seiz"), a whole inflected form
    of a short lemma ("banned", "met"), or a particle verb with its particle ("walked ... out")."""
    stems: set[str] = set()
    whole = set(IRREGULAR_FORMS) | {"must", "should"}
    for lemma in [*event_cues(), *FILTER_LEMMAS, *FILTER_WORDS]:
        if len(lemma) <= 4:
            whole |= _inflections(lemma)
        else:
            stems.add((lemma[:-1] if lemma[-1] in "ey" else lemma)[:5])
    particles: dict[str, set[str]] = {}
    for particle, lemma in COMPOUND_CUES:
        if particle in PARTICLES:
            particles.setdefault(lemma[:4], set()).add(particle)
    return frozenset(stems), frozenset(whole), {key: frozenset(value) for key, value in particles.items()}


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "d", lemma[:-1] + "ing", lemma + "es"}
    forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "banned", "cutting"
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    return forms


def _walk(root: Token) -> Iterator[tuple[Token, bool]]:
    """Tokens breadth-first from the root; clausal complements before other children."""
    queue: deque[tuple[Token, bool]] = deque([(root, False)])
    while queue:
        token, reported = queue.popleft()
        yield token, reported
        reporting = token.lemma_.lower() in REPORTING
        children = sorted(token.children, key=lambda child: (child.dep_ not in CONTINUES_EVENT, child.i))
        queue.extend((child, reported or reporting) for child in children
                     if child.dep_ not in ("punct",) and child.lower_ not in ABSENT)  # "without agreement"


def _participants(trigger: Token) -> tuple[list[Token], list[list[Token]]]:
    """The actor phrase and the candidate recipient phrases, best first."""
    elicited = _elicited(trigger)
    if elicited is not None:
        return elicited
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    actor = _subject_phrase(verb) if verb is not None else _possessor(trigger)
    candidates = _recipient_phrases(trigger)
    if verb is not None and verb.i != trigger.i:
        candidates += _recipient_phrases(verb)
    if verb is not None and any(child.dep_ == "nsubjpass" for child in verb.children) and not _taking_part(verb):
        agent = _agent_phrase(verb)
        if not agent and trigger.lemma_.lower() in LEAVING:
            # "peacekeepers were pulled out": those moved out are the ones leaving
            return _subject_phrase(verb), [phrase for phrase in candidates if phrase]
        actor, candidates = agent, [_subject_phrase(verb)] + ([] if agent else candidates)
        if not agent:
            inner = _parties_inside(verb)
            if inner is not None:
                actor, candidates = inner[0], inner[1] + candidates
    return actor, [phrase for phrase in candidates if phrase]


def _taking_part(verb: Token) -> bool:
    """"Serb forces were engaged in ethnic cleansing", "troops were involved in the clashes": no
    passive, the subject takes part."""
    return verb.lemma_.lower() in ("engage", "involve") and any(
        child.dep_ == "prep" and child.lower_ == "in" for child in verb.children)


def _elicited(trigger: Token) -> tuple[list[Token], list[list[Token]]] | None:
    """"The decision drew protests from Japan": those the object comes from act, against the subject."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "dobj" or trigger.head.lemma_.lower() not in ELICITING:
        return None
    for holder in (trigger, trigger.head):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                sources = [item for item in prep.children if item.dep_ == "pobj"]
                if sources:
                    return _phrase(sources[0]), [_subject_phrase(trigger.head)]
    return None


def _parties_inside(verb: Token) -> tuple[list[Token], list[list[Token]]] | None:
    """"Relations between Iran and Saudi Arabia were restored", "the visit by the Chinese premier to
    India was postponed": an agentless passive whose subject is itself an exchange names its parties."""
    subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
    if not subjects or subjects[0].lemma_.lower() not in EVENT_SUBJECTS:
        return None
    first, others = None, []
    for prep in subjects[0].children:
        if prep.dep_ != "prep":
            continue
        objects = [_phrase(item) for item in prep.children if item.dep_ == "pobj"]
        if prep.lower_ in ("between", "by", "of", "from") and first is None and objects:
            first = objects[0]
        elif prep.lower_ in ("to", "with") and objects:
            others.append(objects[0])
    return (first, others) if first else None


def _agentless_passive(trigger: Token) -> bool:
    """"Three civilians were killed": someone unnamed acted; the sentence may still say where."""
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    return verb is not None and any(child.dep_ == "nsubjpass" for child in verb.children) and not _agent_phrase(verb)


def _possessor(token: Token) -> list[Token]:
    owners = [child for child in token.children if child.dep_ == "poss"]
    return _phrase(owners[0]) if owners else []


def _subject_phrase(verb: Token) -> list[Token]:
    """The verb's subject, else that of the clause it hangs from; a verb modifying a noun
    ("Doctors from two American aid groups donated ...", "youths resorted to") has that noun."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            break
        subjects = [child for child in current.children if child.dep_ in SUBJECTS]
        if subjects and subjects[0].pos_ != "PRON":
            return _phrase(subjects[0])
        if current.dep_ in ("acl", "relcl"):
            noun = _top_noun(current.head)
            if noun.dep_ in ACTING_NOUNS:
                return [token for token in _phrase(noun) if token.i < current.i]
        current = current.head if current.head.i != current.i else None
    return []


def _top_noun(noun: Token) -> Token:
    """"groups" in "Doctors from two American aid groups" leads up to "Doctors"."""
    while noun.dep_ in ("pobj", "prep") and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _agent_phrase(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            return _phrase(objects[0]) if objects else []
    return []


def _recipient_phrases(token: Token, depth: int = 0) -> list[list[Token]]:
    """Objects first, then objects of recipient prepositions, then those of complement clauses."""
    found = [_phrase(child) for child in token.children if child.dep_ in ("dobj", "dative") and child.pos_ != "PRON"]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj" and grand.lower_ not in NOT_RECIPIENTS]
            found += [_phrase(item) for item in objects[:1] if not item.like_num and item.pos_ != "PRON"]
    for child in token.children:
        if child.dep_ in ("dobj", "dative"):
            found += [_phrase(item) for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "to"
                      for item in prep.children if item.dep_ == "pobj"]
    for child in token.children:
        if (child.dep_ == "ccomp" or to_clause(child)) and depth < 2:
            found += _recipient_phrases(child, depth + 1)
    return found


def _addressed(request: Token) -> list[list[Token]]:
    """"demanded that the US cancel the sale", "its demand that Israel ease restrictions": a demand
    made in a that-clause is addressed to the clause's subject."""
    holders = [request, request.head] if request.dep_ == "dobj" else [request]  # "reiterated its demand that"
    clauses = [child for holder in holders for child in holder.children if child.dep_ in ("ccomp", "acl")]
    return [
        _phrase(subject)
        for clause in clauses
        if any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in clause.children)
        for subject in clause.children
        if subject.dep_ == "nsubj" and subject.pos_ != "PRON"
    ][:1]


def _headed_by_name(phrase: list[Token]) -> bool:
    ids = {token.i for token in phrase}
    heads = [token for token in phrase if token.head.i not in ids or token.head.i == token.i]
    return bool(heads) and heads[0].pos_ == "PROPN"


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
    needs_country = (actor is not None and actor.code is None) or (recipient is not None and recipient.code is None)
    countries = _countries_in(list(sentence), coder) if needs_country else []
    if actor is not None and actor.code is None and countries:
        others = [code for code in countries if recipient is None or code != recipient.code]
        actor = Actor(actor.text, (others or countries)[0], actor.sector, actor.entity_id)
    coordinated = any(token.dep_ == "cc" for token in actor_tokens)
    if actor is not None and (recipient is None or recipient.code is None) and coordinated:
        in_actor = _countries_in(actor_tokens, coder)
        if len(in_actor) > 1:
            recipient = Actor(actor.text, in_actor[1], actor.sector)
    if recipient is not None and recipient.code is None:
        others = [code for code in countries if actor is None or code != actor.code]
        fallback = others[0] if others else (actor.code if actor else None)
        recipient = Actor(recipient.text, fallback, recipient.sector, recipient.entity_id)
    return actor, recipient


def _from_article(
    actor: Actor | None, recipient: Actor | None, context: list[str]
) -> tuple[Actor | None, Actor | None]:
    """A participant the sentence gives no country takes the article's most-mentioned one
    ("the ministry said ..." in a story about Japan)."""
    if actor is not None and actor.code is None and context:
        others = [code for code in context if recipient is None or code != recipient.code]
        actor = Actor(actor.text, (others or context)[0], actor.sector, actor.entity_id)
    if recipient is not None and recipient.code is None and context:
        others = [code for code in context if actor is None or code != actor.code]
        recipient = Actor(recipient.text, (others or context)[0], recipient.sector, recipient.entity_id)
    return actor, recipient


@dataclass(frozen=True, slots=True)
class _Coded:
    """An event as its sentence alone gives it; ``in_article`` adds what the article gives: its
    id, the date the sentence's words resolve to, and a country for a participant with none."""

    start: int  # of the sentence in its unit
    text: str
    type: str
    mode: str | None
    actor: Actor | None
    recipient: Actor | None
    negated: bool
    future: bool
    hypothetical: bool

    def in_article(self, article_id: str, unit_start: int, published: datetime | None, context: list[str]) -> Event:
        actor, recipient = _from_article(self.actor, self.recipient, context)
        start = unit_start + self.start
        return Event(
            article_id=article_id, mode=self.mode, type=self.type, evidence=Span(start, start + len(self.text)),
            actor=actor, recipient=recipient, date=resolve_date(self.text, published), negated=self.negated,
            future=self.future, hypothetical=self.hypothetical,
        )


@dataclass(frozen=True, slots=True)
class _Unit:
    """A text the event rules parse: one sentence, or a whole line (``whole_line``)."""

    span: Span
    whole_line: bool


def _unit_texts(articles: list[Article], chosen: list[list[_Unit]]) -> list[str]:
    return [mask_dateline(unit.span.of(article.text)) for article, units in zip(articles, chosen) for unit in units]


def _article_countries(article: Article) -> list[str]:
    """Country codes of the article's resolved mentions, most mentioned first."""
    counts = Counter(m.entity_id.removeprefix("country:") for m in article.mentions
                     if m.entity_id and m.entity_id.startswith("country:"))
    return [code for code, _ in counts.most_common()]


def _countries_in(tokens: list[Token], coder: ActorCoder) -> list[str]:
    """The countries and organisations the tokens name; a militant network (IMG) has no country to lend."""
    return [code for code in coder.countries(tokens) if code != "IMG"]
