"""PLOVER lexicons (``data/plover_*.tsv``) and actor coding: country code and sector of a phrase."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from storytrace.model import Actor
from storytrace.nlp.countries import CountryTable

LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
MAX_ALIAS_WORDS = 4


@dataclass(slots=True, frozen=True)
class EventCue:
    type: str
    mode: str | None


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storytrace").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def event_cues() -> dict[str, EventCue]:
    return {row[0]: EventCue(row[1], (row[2].strip() or None) if len(row) > 2 else None) for row in _rows("plover_verbs.tsv")}


@functools.cache
def sector_words() -> dict[str, str]:
    return {row[0]: row[1].strip() for row in _rows("plover_sectors.tsv")}


@functools.cache
def organisation_codes() -> dict[str, str]:
    return {row[0]: row[1].strip() for row in _rows("plover_igos.tsv")}


def normalise_label(label: str) -> str:
    """A PLOVER 0.5b1 label in the later ontology's name (``DEMAND`` -> ``REQUEST``)."""
    return OLD_LABELS.get(label.upper(), label.upper())


def normalise_code(code: str | None) -> str | None:
    return LEGACY_CODES.get(code, code) if code else None


class ActorCoder:
    """Codes a phrase (a list of tokens) as an ``Actor``: its country or organisation, and sector."""

    def __init__(self, table: CountryTable | None = None):
        self._table = table or CountryTable.load()

    def code(self, tokens: list[Token]) -> Actor | None:
        if not tokens:
            return None
        text = tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        return Actor(text=text, code=self.country(tokens), sector=sector_of(tokens))

    def country(self, tokens: list[Token]) -> str | None:
        """The first country or organisation named, left to right, longest alias first."""
        for start in range(len(tokens)):
            for size in range(min(MAX_ALIAS_WORDS, len(tokens) - start), 0, -1):
                code = self._lookup(tokens[start : start + size])
                if code:
                    return code
        return None

    def _lookup(self, tokens: list[Token]) -> str | None:
        phrase = tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        organisation = organisation_codes().get(phrase.lower())
        if organisation and (phrase.lower() != "who" or phrase == "WHO"):
            return organisation
        if len(tokens) == 1 and tokens[0].text in ("'s", "’s"):
            return None
        alias = self._table.lookup(phrase.removesuffix("'s").removesuffix("’s"))
        return alias.code if alias else None


def sector_of(tokens: list[Token]) -> str | None:
    """The sector of the phrase's head-most sector word ("Defence Secretary" -> GOV)."""
    words = sector_words()
    found = [(token, words[token.lemma_.lower()]) for token in tokens if token.lemma_.lower() in words]
    if not found:
        found = [(token, words[token.lower_]) for token in tokens if token.lower_ in words]
    if not found:
        return None
    heads = [sector for token, sector in found if token.dep_ not in ("compound", "amod")]
    return heads[-1] if heads else found[-1][1]
