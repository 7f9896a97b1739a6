"""The attribution cue lexicon (``data/cues.txt``, ``data/cues_weak.txt``) and a cheap pre-filter."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

from storytrace.nlp.quotes_forms import POLL_NOUNS

_IRREGULAR = {
    "said", "told", "wrote", "written", "thought", "knew", "known", "felt", "found", "shown",
    "heard", "learnt", "swore", "sworn", "according", "read", "understood", "foresaw",
}
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(slots=True, frozen=True)
class CueLexicon:
    lemmas: frozenset[str]
    weak: frozenset[str]  # cues that need clausal content: "believe", "think", "show"
    forms: frozenset[str]  # inflected spellings, lower case, for the pre-filter
    nouns: frozenset[str] = frozenset()  # cue nouns: "claim", "remark", "call"
    verb_forms: Mapping[str, str] = field(default_factory=dict, compare=False)  # inflected form -> cue lemma
    adjectives: frozenset[str] = frozenset()  # attitude adjectives: "confident", "critical", "worried"

    def lemma_of(self, lemma: str, form: str) -> str:
        """The cue lemma of a verb, mending the lemmatizer's slips ("hoped" -> "hop")."""
        if lemma.lower() in self.lemmas:
            return lemma
        return self.verb_forms.get(form.lower(), lemma)

    def is_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.lemmas

    def is_strong(self, lemma: str) -> bool:
        return self.is_cue(lemma) and lemma.lower() not in self.weak

    def is_cue_noun(self, lemma: str) -> bool:
        return lemma.lower() in self.nouns

    def is_cue_adjective(self, word: str) -> bool:
        return word.lower() in self.adjectives

    def may_hold_cue(self, text: str) -> bool:
        return any(word.lower() in self.forms for word in _WORD.findall(text))


def _read_words(name: str) -> frozenset[str]:
    lines = resources.files("storytrace").joinpath(f"data/{name}").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", stem + "ing", stem + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "admitted", "quipping"
    return forms


@functools.cache
def load_cues() -> CueLexicon:
    lemmas, nouns = _read_words("cues.txt"), _read_words("cues_nouns.txt")
    forms = set(_IRREGULAR)
    for lemma in lemmas | nouns:
        forms |= _inflections(lemma)
    forms |= {form for noun in POLL_NOUNS for form in (noun, noun + "s")}  # "In a new poll, ..."
    verb_forms = MappingProxyType({form: lemma for lemma in sorted(lemmas) for form in _inflections(lemma)})
    return CueLexicon(
        lemmas=lemmas, weak=_read_words("cues_weak.txt"), forms=frozenset(forms), nouns=nouns, verb_forms=verb_forms,
        adjectives=_read_words("cues_adjectives.txt"),
    )
