"""Does a capital stand for its government ("Tokyo said") or for the place ("in Tokyo")?

Lexical cues around the mention, so no parser is needed: a possessive, a speech or decision verb
after it (allowing a few auxiliaries and adverbs in between), or a preposition before it that
makes it an actor ("by Beijing", "talks with Moscow"). A locative preposition before it ("in Tokyo",
"officials in Tokyo said") and anything else reads as the place.
"""

from __future__ import annotations

from spacy.tokens import Span

from storytrace.nlp.text import POSSESSIVE_TOKENS

_AUXILIARIES_AND_ADVERBS = frozenset(
    "has have had will would shall should could can may might must is was are were be been being "
    "did does do also again already not n't never then later still reportedly quickly repeatedly "
    "strongly firmly swiftly officially publicly previously recently now itself".split()
)
_ACTOR_PREPOSITIONS = frozenset("by with against between toward towards".split())
_PLACE_PREPOSITIONS = frozenset("in at near outside inside around across into from via to through within".split())

_REGULAR_VERBS = (
    "warn announce state declare claim insist accuse condemn criticise criticize urge demand call "
    "protest respond reply threaten vow pledge promise agree approve decide sign order impose "
    "sanction expel recall summon retaliate confirm acknowledge admit welcome support oppose back "
    "veto want hope plan propose offer refuse push press signal move consider view regard believe "
    "argue stress emphasise emphasize note express voice maintain launch deploy dispatch recognise "
    "recognize blame dismiss slam denounce reaffirm reiterate suspend halt resume allow block "
    "intend aim seek ask request complain object deny reject sanction accept endorse invite "
    "negotiate"
).split()
_IRREGULAR_FORMS = (
    "say says said saying tell tells told telling make makes made making see sees saw seen "
    "send sends sent sending seek seeks sought seeking hold holds held holding take takes took "
    "taken give gives gave given lead leads led leading keep keeps kept keeping "
    "speak speaks spoke spoken think thinks thought ban bans banned banning stop stops stopped "
    "stopping cut cuts cutting set sets setting"
).split()


def _inflections(verb: str) -> set[str]:
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    plural = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    return {verb, plural, verb + "ed", verb + "ing"}


GOVERNMENT_VERBS = frozenset(
    {form for verb in _REGULAR_VERBS for form in _inflections(verb)} | set(_IRREGULAR_FORMS)
)


def stands_for_government(mention: Span) -> bool:
    if _preceded_by(mention, _PLACE_PREPOSITIONS):
        return False
    return (
        _possessive_follows(mention)
        or _verb_follows(mention)
        or _preceded_by(mention, _ACTOR_PREPOSITIONS)
    )


def _possessive_follows(mention: Span) -> bool:
    doc = mention.doc
    return mention.end < len(doc) and doc[mention.end].text in POSSESSIVE_TOKENS


def _verb_follows(mention: Span, max_skipped: int = 3) -> bool:
    doc = mention.doc
    for token in doc[mention.end : mention.end + max_skipped + 1]:
        word = token.lower_
        if word in GOVERNMENT_VERBS:
            return True
        if word not in _AUXILIARIES_AND_ADVERBS:
            return False
    return False


def _preceded_by(mention: Span, words: frozenset[str]) -> bool:
    before = mention.start - 1
    if before >= 0 and mention.doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and mention.doc[before].lower_ in words
