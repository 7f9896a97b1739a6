"""Person names: strip titles, find the surname, and tell whether two spellings are one person."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from storytrace.nlp.text import fold, strip_possessive

# Near-identical given names ("Antony"/"Anthony" 92, "Jon"/"John" 86) are the same person;
# "Mark"/"Mary" (75) are not. rapidfuzz's normalised Indel similarity, 0-100.
GIVEN_NAME_SIMILARITY = 85.0

TITLE_WORDS = frozenset(
    """president vice prime minister ministers secretary undersecretary foreign defense defence
    state treasury interior finance affairs home commerce trade energy health education justice
    labor labour security national chief deputy assistant senior acting former ex mr mrs ms miss
    dr sen senator rep representative congressman congresswoman gov governor gen general col
    colonel lt lieutenant maj capt captain adm admiral sgt sergeant cmdr commander king queen
    prince princess pope chancellor premier mayor judge chairman chairwoman chair sir dame lord
    lady rev reverend sheikh ambassador commissioner director professor prof speaker envoy
    spokesman spokeswoman spokesperson ceo cfo coach officer inspector detective supt constable
    sheriff trooper police attorney lawyer prosecutor comedian actor actress singer rapper star host
    producer writer author player striker pilot doctor nurse chef businessman businesswoman
    billionaire tycoon founder owner manager boss suspect victim witness veteran quarterback
    receiver linebacker pitcher catcher goalkeeper keeper midfielder defender qb wr rb lb cb""".split()
)
NAME_LIKE_STOP_WORDS = frozenset({"will", "may"})  # "Will Smith" opening a sentence
VESSEL_PREFIXES = frozenset("ins hms uss mv ms ss rms hmas hmcs hmnzs".split())
NAME_PARTICLES = frozenset("de da di del della der den van von bin ibn al el le la du dos das ter".split())
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Head nouns of institutions and buildings that the small model tags PERSON ("the Betty Ford
# Center"). Words that are also common surnames (Church, Court, Hall, Park, Street, House) are left out.
INSTITUTION_HEADS = frozenset(
    """center centre clinic hospital university college institute institution foundation
    corporation corp inc ltd llc plc company association council committee commission agency
    department ministry museum airport stadium arena hotel school academy bureau authority
    administration laboratory observatory cathedral mosque synagogue prison penitentiary tribunal
    organization organisation federation""".split()
)


@dataclass(slots=True, frozen=True)
class PersonName:
    text: str  # the name as written, titles stripped: "Anthony Blinken"
    surname: str  # folded: "blinken"
    given: str | None = None  # folded first given name; None for a lone name ("Blinken")

    @property
    def is_full(self) -> bool:
        return self.given is not None

    def same_person(self, other: PersonName) -> bool:
        """Full names only: same surname and a compatible given name."""
        if not (self.is_full and other.is_full) or self.surname != other.surname:
            return False
        return given_names_match(self.given or "", other.given or "")


def given_names_match(first: str, second: str) -> bool:
    if len(first) == 1 or len(second) == 1:  # an initial: "J." and "John"
        return first[:1] == second[:1]
    return fuzz.ratio(first, second) >= GIVEN_NAME_SIMILARITY


def parse_person_name(words: Sequence[str], opens_sentence: bool = False) -> tuple[int, PersonName] | None:
    """Finds the name at the end of ``words``; returns the index of its first word and the name.

    The surname is always part of the name (so "John Major" keeps "Major"); earlier words join
    it while they look like name words and are not titles ("US Secretary of State Anthony Blinken").
    When ``words`` open a sentence, a common first word is no given name ("Having Jackman host").
    None for no name at all, a bare title ("Sgt") or a vessel ("INS Mysore").
    """
    words = [strip_possessive(word) for word in words]
    last = len(words) - 1
    if last > 0 and _key(words[last]) in NAME_SUFFIXES:
        last -= 1
    if last < 0 or not _is_name_word(words[last]):
        return None
    start = last
    while start > 0 and _is_name_word(words[start - 1]) and not _is_title(words[start - 1]):
        start -= 1
    if start == 0 < last and opens_sentence and _is_common_word(words[0]):
        start = 1
    if _key(words[start]) in VESSEL_PREFIXES or (start == last and _is_title(words[last])):
        return None
    return start, _build_name(words[start:])


def names_an_institution(words: Sequence[str]) -> bool:
    """Whether a name-like phrase ends in an institution's head noun ("Betty Ford Center")."""
    return bool(words) and _key(strip_possessive(words[-1])) in INSTITUTION_HEADS


def person_name(text: str) -> PersonName | None:
    parsed = parse_person_name(text.split())
    return parsed[1] if parsed else None


def _build_name(words: list[str]) -> PersonName:
    core = _without_suffix(words)
    keys = [_key(word) for word in core]
    givens = [key for key in keys[:-1] if key not in NAME_PARTICLES]
    return PersonName(" ".join(words), keys[-1], givens[0] if givens else None)


def _without_suffix(words: list[str]) -> list[str]:
    if len(words) > 1 and _key(words[-1]) in NAME_SUFFIXES:
        return words[:-1]
    return words


def _key(word: str) -> str:
    return fold(word).replace(".", "").rstrip(",")


def _is_name_word(word: str) -> bool:
    if _key(word) in NAME_PARTICLES:
        return True
    return word[:1].isupper() and not any(char.isdigit() for char in word)


def _is_common_word(word: str) -> bool:
    key = _key(word)
    if key in STOP_WORDS and key not in NAME_LIKE_STOP_WORDS:
        return True
    return key in TITLE_WORDS or (len(key) > 5 and key.endswith("ing"))  # "Having", "Calling"


def _is_title(word: str) -> bool:
    return _key(word) in TITLE_WORDS


@dataclass(slots=True, eq=False)  # groups compare by identity
class PersonGroup:
    """The full names in one article that belong to one person."""

    names: list[PersonName] = field(default_factory=list)

    def accepts(self, name: PersonName) -> bool:
        return any(known.same_person(name) for known in self.names)

    @property
    def surnames(self) -> set[str]:
        return {name.surname for name in self.names}

    @property
    def givens(self) -> set[str]:
        return {name.given for name in self.names if name.given}


def group_full_names(names: Iterable[PersonName]) -> list[PersonGroup]:
    groups: list[PersonGroup] = []
    for name in names:
        home = next((group for group in groups if group.accepts(name)), None)
        if home is None:
            home = PersonGroup()
            groups.append(home)
        home.names.append(name)
    return groups


def group_for_lone_name(groups: list[PersonGroup], name: PersonName) -> PersonGroup | None:
    """The one group whose surname is ``name`` ("Blinken"); failing that, whose given name is
    ("Xi" for "Xi Jinping"). None when no group or several fit."""
    by_surname = [group for group in groups if name.surname in group.surnames]
    fitting = by_surname or [group for group in groups if name.surname in group.givens]
    return fitting[0] if len(fitting) == 1 else None
