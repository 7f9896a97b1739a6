"""PLOVER lexicons (``data/plover_*.tsv``) and actor coding: country code and sector of a phrase."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storytrace.model import Actor
from storytrace.nlp.candidates import inside_longer_name
from storytrace.nlp.countries import AliasKind, CountryTable
from storytrace.nlp.events_actors import (
    PLACE_NOUNS, as_written, data_rows, fuzzy_countries, is_crowd, named_actors, organisation_codes, role_sector,
)
from storytrace.nlp.metonymy import stands_for_government

LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
MAX_ALIAS_WORDS = 6


@dataclass(slots=True, frozen=True)
class EventCue:
    type: str
    mode: str | None


@functools.cache
def event_cues() -> dict[str, EventCue]:
    return {row[0]: EventCue(row[1], (row[2].strip() or None) if len(row) > 2 else None) for row in data_rows("plover_verbs.tsv")}


@functools.cache
def sector_words() -> dict[str, str]:
    return {row[0]: row[1].strip() for row in data_rows("plover_sectors.tsv")}


def normalise_label(label: str) -> str:
    """A PLOVER 0.5b1 label in the later ontology's name (``DEMAND`` -> ``REQUEST``)."""
    return OLD_LABELS.get(label.upper(), label.upper())


def normalise_code(code: str | None) -> str | None:
    return LEGACY_CODES.get(code, code) if code else None


class ActorCoder:
    """Codes a phrase (a list of tokens) as an ``Actor``: its country or organisation, and sector."""

    def __init__(self, table: CountryTable | None = None):
        self._table = table or CountryTable.load()
        # Phrases recur (every "the United States", every sub-phrase tried for the longest alias).
        self._phrase_code = functools.lru_cache(maxsize=1 << 16)(self._lookup_phrase)
        self._may_open_alias = functools.lru_cache(maxsize=1 << 16)(self._opens_alias)

    def code(self, tokens: list[Token]) -> Actor | None:
        if not tokens:
            return None
        text = _text(tokens)
        code = self.country(tokens)
        return Actor(text=text, code=code, sector=self.sector(tokens, code))

    def country(self, tokens: list[Token]) -> str | None:
        """The first country or organisation named, left to right, longest alias first; an "ethnic"
        group names no country ("ethnic Albanians in Macedonia" are Macedonia's)."""
        codes = self.countries(tokens)
        return codes[0] if codes else _organisation_by_head(tokens)

    def countries(self, tokens: list[Token]) -> list[str]:
        codes: list[str] = []
        phrases = _Phrases(tokens)
        lower_case_starts = _lower_case_starts()
        start = 0
        while start < len(tokens):
            token = tokens[start]
            if not (token.text[:1].isupper() or token.lower_ in lower_case_starts):
                start += 1
                continue
            size, code = self._longest_match(tokens, start, phrases)
            if (code and code not in codes and not _ethnic(tokens[start]) and not _based(tokens[start + size - 1])
                    and not _partisan(tokens[start], tokens[start + size - 1])):
                codes.append(code)
            start += size
        return codes

    def sector(self, tokens: list[Token], code: str | None) -> str | None:
        """Role words first; then a named actor's sector, a crowd's CVL, a state or IGO's GOV."""
        found = role_sector(tokens, sector_words()) or self._named_sector(tokens)
        if found:
            return found
        if is_crowd(tokens):
            return "CVL"
        if code and (code == "IGO" or self._names_state(tokens)):
            return "GOV"
        return None

    def _longest_match(self, tokens: list[Token], start: int, phrases: _Phrases) -> tuple[int, str | None]:
        """The longest alias opening at ``start``, a capitalised token or a lexicon alias's first word."""
        longest = min(MAX_ALIAS_WORDS, len(tokens) - start) if self._may_open_alias(tokens[start].text) else 1
        for size in range(longest, 0, -1):
            single_name = size == 1 and tokens[start].pos_ == "PROPN"
            code, city = self._phrase_code(phrases.text(start, start + size), single_name)
            if code:
                return size, (None if city and _in_longer_name(tokens[start], tokens[start + size - 1]) else code)
        return 1, self._led_by(tokens[start])

    def _opens_alias(self, word: str) -> bool:
        """Whether a phrase of two or more tokens opening with ``word`` may be an alias: every key a
        lookup makes of it starts with the word's own key, less the possessive endings lookups strip."""
        if not word.isascii() or not word.isprintable() or " " in word or word.lower() == "the":
            return True
        core = word.rstrip("'`sS").lower()
        return core in _lexicon_prefixes() or core.replace(".", "") in self._table.key_prefixes()

    def _led_by(self, token: Token) -> str | None:
        """"U.S.-led forces", one token: the country leading them."""
        prefix, _, suffix = token.text.rpartition("-")
        if suffix.lower() != "led" or not prefix:
            return None
        alias = self._table.lookup(prefix)
        return alias.code if alias else None

    def _lookup_phrase(self, phrase: str, single_name: bool) -> tuple[str | None, bool]:
        """The code a phrase names, and whether it names it as one of its cities ("Karachi");
        ``single_name``: it is one proper-noun token (then a misspelt country name is looked for too)."""
        written = phrase.removesuffix("'s").removesuffix("’s")
        named = named_actors().get(written.lower())
        if named and as_written(written.lower(), written):
            return named[0], False
        organisation = organisation_codes().get(phrase.lower())
        if organisation and as_written(phrase.lower(), phrase):
            return organisation, False
        if phrase in ("'s", "’s"):
            return None, False
        alias = self._table.lookup(phrase.removesuffix("'s").removesuffix("’s"))
        if alias:
            return alias.code, alias.kind is AliasKind.CITY
        return (fuzzy_countries().lookup(phrase) if single_name else None), False

    def _named_sector(self, tokens: list[Token]) -> str | None:
        words = [token.lower_ for token in tokens]
        starts = _sector_name_starts()
        for start in range(len(words)):
            if words[start] not in starts:
                continue
            for size in range(min(MAX_ALIAS_WORDS, len(words) - start), 0, -1):
                alias = " ".join(words[start : start + size])
                named = named_actors().get(alias)
                if named and named[1] and as_written(alias, " ".join(t.text for t in tokens[start : start + size])):
                    return named[1]
        return None

    def _names_state(self, tokens: list[Token]) -> bool:
        """"Beirut", "Hungary", "the United States": the phrase is only a country's or capital's name."""
        words = [token for token in tokens if token.lower_ not in ("the", "'s", "’s")]
        if not words or len(words) > MAX_ALIAS_WORDS:
            return False
        alias = self._table.lookup(" ".join(token.text for token in words))
        if alias is None or alias.kind in (AliasKind.DEMONYM, AliasKind.CITY):
            return False  # a city is a place, never its country's state
        return alias.kind is not AliasKind.CAPITAL or stands_for_government(words[0].doc[words[0].i : words[-1].i + 1])


ORGANISATION_HEADS = frozenset({"association", "forum", "foundation", "federation", "institute", "committee",
                                "commission", "watch", "organization", "organisation", "league", "society"})


def _organisation_by_head(tokens: list[Token]) -> str | None:
    """A capitalised organisation with no country in its name ("the Association of African Jurists")."""
    named = [token for token in tokens if token.lower_ in ORGANISATION_HEADS and token.text[:1].isupper()]
    return "NGO" if named else None


@functools.cache
def _lower_case_starts() -> frozenset[str]:
    """First words of the lexicon aliases that are written in lower case ("peacekeepers")."""
    return frozenset(alias.split()[0] for alias in [*named_actors(), *organisation_codes()])


@functools.cache
def _lexicon_prefixes() -> frozenset[str]:
    """Every prefix of the lexicon aliases (lower case)."""
    return frozenset(alias[:end] for alias in [*named_actors(), *organisation_codes()] for end in range(len(alias) + 1))


@functools.cache
def _sector_name_starts() -> frozenset[str]:
    """First words of the named actors that carry a sector."""
    return frozenset(name.split(" ")[0] for name, (_, sector) in named_actors().items() if sector)


class _Phrases:
    """The text of any run of a token list, cut from the doc's text."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.whole: str | None = None

    def text(self, start: int, stop: int) -> str:
        if self.whole is None:
            self.whole = _doc_text(self.tokens[0].doc)
        first, last = self.tokens[start], self.tokens[stop - 1]
        return self.whole[first.idx : last.idx + len(last.text)]


_last_doc: tuple[Doc | None, str] = (None, "")


def _doc_text(doc: Doc) -> str:
    """``doc.text`` (which spaCy joins from every token on each call), kept for the last doc asked."""
    global _last_doc
    if _last_doc[0] is not doc:
        _last_doc = (doc, doc.text)
    return _last_doc[1]


def _text(tokens: list[Token]) -> str:
    """The text from the first token to the last."""
    last = tokens[-1]
    return _doc_text(last.doc)[tokens[0].idx : last.idx + len(last.text)]


NAME_PARTS_AFTER_CITY = PLACE_NOUNS | frozenset({"governorate", "oblast", "prefecture", "county", "valley", "island",
                                                 "islands", "peninsula", "airport", "police"})


def _in_longer_name(first: Token, last: Token) -> bool:
    """"Chicago Tribune", "Whitney Houston": a city's name inside a longer name names no place."""
    return inside_longer_name(first.doc[first.i : last.i + 1], NAME_PARTS_AFTER_CITY)


def _based(token: Token) -> bool:
    """"a London-based rights group" is not British."""
    following = token.doc[token.i + 1 : token.i + 3]
    return len(following) == 2 and following[0].text == "-" and following[1].lower_ == "based"


BACKING = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "allied", "aligned",
                     "installed", "controlled", "held", "occupied", "inspired", "leaning", "friendly", "born"})
LEANING = frozenset({"pro", "anti"})


def _partisan(first: Token, last: Token) -> bool:
    """"Pro-Iranian guerrillas", "anti-American protesters", "Syrian-backed militiamen" are none of
    that country's; "U.S.-led forces" are ("-led" and "-based" are read elsewhere)."""
    doc = first.doc
    before = doc[first.i - 2 : first.i] if first.i >= 2 else []
    if len(before) == 2 and before[1].text == "-" and before[0].lower_ in LEANING:
        return True
    if first.lower_.startswith(("pro-", "anti-")):
        return True
    after = doc[last.i + 1 : last.i + 3]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in BACKING:
        return True
    return "-" in last.text and last.text.rsplit("-", 1)[1].lower() in BACKING


def _ethnic(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ == "ethnic"
