"""Who an event's participant is: named actors (``data/plover_actors.tsv``), misspelt country names,
and the sector a phrase's words give it.

Country names in wire copy are often misspelt ("Ethopia", "Quatar", "Phillippines"): a capitalised
word one edit away from a country name or demonym of six letters or more, with the same first
letter, names that country. Sectors come from role words; a role that says little by itself
("leader", "official", "member") takes the sector of a stronger word beside it ("rebel leaders" are
REB, "army officers" MIL).
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Token

from storytrace.nlp.countries import AliasKind, CountryTable
from storytrace.nlp.text import alias_key

MIN_FUZZY_LENGTH = 6
WEAK_ROLES = {"leader": "GOV", "official": "GOV", "member": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
              "spokesperson": "GOV", "representative": "GOV", "chief": "GOV", "officer": "MIL", "source": None,
              "group": None, "commander": "MIL", "delegation": "GOV", "head": "GOV"}
HYPHENATED_ROLES = {"secretary-general": "GOV", "attorney-general": "JUD", "governor-general": "GOV",
                    "vice-president": "GOV", "prime-minister": "GOV"}
COMPOUND_ROLES = {("security", "force"): "COP", ("security", "forces"): "COP", ("riot", "police"): "COP"}
CROWDS = frozenset({"people", "thousand", "hundred", "crowd", "resident", "citizen", "youth", "villager"})
ELITE_MARKERS = frozenset({"former", "ex"})


@functools.cache
def named_actors() -> dict[str, tuple[str, str | None]]:
    """Alias (lower case) -> (code, sector or None)."""
    rows = data_rows("plover_actors.tsv")
    return {row[0].lower(): (row[1].strip(), (row[2].strip() or None) if len(row) > 2 else None) for row in rows}


@functools.cache
def organisation_codes() -> dict[str, str]:
    """Alias (lower case) -> IGO or NGO."""
    return {row[0].lower(): row[1].strip() for row in data_rows("plover_igos.tsv")}


@functools.cache
def cased_aliases() -> dict[str, str]:
    """Aliases of both tables written there with capitals, which name their actor only when written
    so: lower case -> as written ("gia" -> "GIA", "bush" -> "Bush")."""
    rows = [row for name in ("plover_actors.tsv", "plover_igos.tsv") for row in data_rows(name)]
    return {row[0].lower(): row[0] for row in rows if row[0] != row[0].lower()}


def as_written(alias: str, written: str) -> bool:
    """Whether ``written`` (an alias found by its lower case) may stand for the alias's actor: an
    alias with capitals only as written ("GIA", not the given name "Gia"; "Bush", not "bush")."""
    cased = cased_aliases().get(alias)
    return cased is None or written == cased


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a shipped data file, comment and blank lines left out."""
    text = resources.files("storytrace").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


class FuzzyCountries:
    """Country names and demonyms within one edit (insert, delete, substitute, swap) of a word."""

    def __init__(self, table: CountryTable):
        self._by_variant: dict[str, set[str]] = {}
        for alias in table.aliases():
            key = alias_key(alias.spelling)
            if alias.kind not in (AliasKind.CAPITAL, AliasKind.CITY) and len(key) >= MIN_FUZZY_LENGTH and key.isalpha():
                for variant in _deletions(key) | {key}:
                    self._by_variant.setdefault(variant, set()).add(alias.code)

    def lookup(self, word: str) -> str | None:
        key = alias_key(word)
        if len(key) < MIN_FUZZY_LENGTH - 1 or not key.isalpha() or not word[:1].isupper():
            return None
        codes = set().union(*(self._by_variant.get(variant, set()) for variant in _deletions(key) | {key}))
        return next(iter(codes)) if len(codes) == 1 else None


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(1, len(word))}


@functools.cache
def fuzzy_countries() -> FuzzyCountries:
    return FuzzyCountries(CountryTable.load())


def role_sector(tokens: list[Token], words: dict[str, str]) -> str | None:
    """The sector of the phrase's head-most strong role word, else of its weak role word."""
    strong: list[tuple[Token, str]] = []
    weak: list[tuple[Token, str | None]] = []
    for index, token in enumerate(tokens):
        lemma = token.lemma_.lower()
        if _after_hyphen(tokens, index) or (token.lower_ == "general" and token.dep_ == "amod"):
            continue  # "general strike", "general election" name no general
        sector = _special_sector(tokens, index)
        if sector is not None:
            strong.append((token, sector))
        elif lemma in WEAK_ROLES or token.lower_ in WEAK_ROLES:
            weak.append((token, WEAK_ROLES.get(lemma, WEAK_ROLES.get(token.lower_))))
        elif lemma in words or token.lower_ in words:
            strong.append((token, words.get(lemma) or words[token.lower_]))
    chosen = _head_most(strong) or _head_most(weak)
    if chosen is None:
        return None
    token, sector = chosen
    return "ELI" if sector == "GOV" and _former(token) else sector


def _special_sector(tokens: list[Token], index: int) -> str | None:
    token = tokens[index]
    if index + 2 < len(tokens) and tokens[index + 1].text == "-":
        hyphenated = f"{token.lower_}-{tokens[index + 2].lower_}"
        if hyphenated in HYPHENATED_ROLES:
            return HYPHENATED_ROLES[hyphenated]
    if index + 1 < len(tokens):
        return COMPOUND_ROLES.get((token.lower_, tokens[index + 1].lower_))
    return None


def _after_hyphen(tokens: list[Token], index: int) -> bool:
    """The second half of "Secretary-General" or "security forces", already read with the first."""
    if index >= 2 and tokens[index - 1].text == "-":
        return f"{tokens[index - 2].lower_}-{tokens[index].lower_}" in HYPHENATED_ROLES
    return index >= 1 and (tokens[index - 1].lower_, tokens[index].lower_) in COMPOUND_ROLES


def _head_most(found: list[tuple[Token, str | None]]) -> tuple[Token, str] | None:
    valued = [(token, sector) for token, sector in found if sector]
    if not valued:
        return None
    heads = [item for item in valued if item[0].dep_ not in ("compound", "amod", "npadvmod", "conj")]
    return (heads or valued)[-1]  # "the Angolan government and UNITA rebels": the first conjunct


def _former(token: Token) -> bool:
    return any(child.lower_ in ELITE_MARKERS for child in token.children) or (
        token.i > 0 and token.doc[token.i - 1].lower_ in ELITE_MARKERS)


def is_crowd(tokens: list[Token]) -> bool:
    """"Thousands of Nigerians", "Palestinians", "ethnic Albanians": ordinary people of a country."""
    if not tokens:
        return False
    head = _phrase_head(tokens)
    if head.lemma_.lower() in CROWDS or head.lower_ in CROWDS:
        return True
    alias = CountryTable.load().lookup(head.text) if head.tag_ in ("NNPS", "NNS") else None
    return alias is not None and alias.kind is AliasKind.DEMONYM


def _phrase_head(tokens: list[Token]) -> Token:
    ids = {token.i for token in tokens}
    heads = [token for token in tokens if token.head.i not in ids or token.head.i == token.i]
    return heads[0] if heads else tokens[0]


NAME_PARTICLES = frozenset({"dos", "da", "de", "do", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du", "del",
                            "der"})
LOCATING = frozenset({"in", "near", "inside", "outside", "across", "around", "throughout", "through"})
PLACE_NOUNS = frozenset({"street", "city", "capital", "town", "village", "province", "region", "area", "district",
                         "square", "suburb", "camp", "enclave", "neighbourhood", "neighborhood", "port", "state"})


def name_before(tokens: list[Token]) -> list[Token]:
    """"Angolan President Jose Eduardo dos Santos" parsed apart: the capitalised words (and name
    particles) just before the phrase belong to its name."""
    if not tokens:
        return []
    doc, index, before = tokens[0].doc, tokens[0].i - 1, []
    while index >= 0 and ((doc[index].text[:1].isupper() and doc[index].pos_ in ("PROPN", "ADJ"))
                          or doc[index].lower_ in NAME_PARTICLES):
        before.insert(0, doc[index])
        index -= 1
    return before


def places(trigger: Token) -> list[list[Token]]:
    """Where the event happens: places ("in Hong Kong", "near the town of X") hanging from the
    trigger, its verb or the verb's object."""
    verb = trigger if trigger.pos_ == "VERB" else (governing_verb(trigger) or trigger)
    holders = [verb, trigger, *(child for child in verb.children if child.dep_ in ("dobj", "nsubjpass"))]
    return [list(place.subtree) for holder in holders for child in holder.children
            if child.dep_ == "prep" and child.lower_ in LOCATING for place in child.children
            if place.dep_ == "pobj" and (place.pos_ == "PROPN" or place.lemma_.lower() in PLACE_NOUNS)]


def governing_verb(token: Token) -> Token | None:
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None
