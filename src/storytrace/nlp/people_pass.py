"""Resolves the people of one article: within the article first, then against the registry.

Rules, in order:
1. PERSON mentions lose their titles ("Prime Minister Fumio Kishida" -> "Fumio Kishida"); one
   ending in an institution's head noun ("Betty Ford Center") is an organisation.
2. Full names that are one person (same surname, near-identical given name) form one group, which
   maps to a known person in the registry or to a new one.
3. The small model tags some names ORG or GPE. A mention with another name-like label is a person
   when all of it is a full name of a person of the article or of the registry ("Hugh Jackman"
   tagged GPE), or when it is a single token equal to the surname of a person with a full name in
   the article. So is a capitalised token equal to such a surname that NER missed altogether.
4. A lone name ("Blinken") takes the one group with that surname (or that given name, for
   surname-first names such as "Xi"); failing that, the one known person with that surname.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storytrace.model import Entity
from storytrace.nlp.candidates import Candidate, covered_tokens
from storytrace.nlp.people import (
    PersonGroup,
    PersonName,
    group_for_lone_name,
    group_full_names,
    names_an_institution,
    parse_person_name,
)
from storytrace.nlp.registry import EntityRegistry
from storytrace.nlp.text import fold

NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

Named = tuple[Candidate, PersonName]


def resolve_people(doc: Doc, candidates: list[Candidate], registry: EntityRegistry) -> list[Candidate]:
    people = [(candidate, name) for candidate in candidates if (name := _take_name(candidate))]
    people += _relabelled_full_names(candidates, [name for _, name in people if name.is_full], registry)
    groups = group_full_names(name for _, name in people if name.is_full)
    entities = [_entity_for_group(group, registry) for group in groups]
    people += _relabelled_surnames(candidates, groups)
    missed = _missed_surnames(doc, candidates, groups)
    for candidate, name in people + missed:
        entity = _entity_for_name(name, groups, entities, registry)
        if entity is not None:
            registry.record(entity, name.text)
            candidate.entity_id = entity.id
    return sorted(candidates + [candidate for candidate, _ in missed], key=lambda found: found.span.start)


def _take_name(candidate: Candidate) -> PersonName | None:
    """Parses a PERSON mention and trims its span to the name (titles off); a "person" named for an
    institution ("the Betty Ford Center") is relabelled ORG."""
    if candidate.label != "PERSON":
        return None
    words = [token.text for token in candidate.span]
    if names_an_institution(words):
        candidate.label = "ORG"
        return None
    parsed = parse_person_name(words, _opens_sentence(candidate))
    if parsed is None:
        return None
    start, name = parsed
    candidate.span = candidate.span[start:]
    return name


def _opens_sentence(candidate: Candidate) -> bool:
    return bool(candidate.span[0].is_sent_start)


def _whole_name(candidate: Candidate) -> PersonName | None:
    """The name a mention with another label would be, if all of it reads as a name."""
    if candidate.label == "PERSON" or candidate.label in NOT_NAMES:
        return None
    parsed = parse_person_name([token.text for token in candidate.span], _opens_sentence(candidate))
    return parsed[1] if parsed is not None and parsed[0] == 0 else None


def _relabelled_full_names(
    candidates: list[Candidate], article_names: list[PersonName], registry: EntityRegistry
) -> list[Named]:
    """ "Hugh Jackman" tagged GPE is a person the article or the registry already knows by that name."""
    relabelled = []
    for candidate in candidates:
        name = _whole_name(candidate)
        if name is None or not name.is_full:
            continue
        if any(known.same_person(name) for known in article_names) or registry.find_person(name):
            candidate.label = "PERSON"
            relabelled.append((candidate, name))
    return relabelled


def _relabelled_surnames(candidates: list[Candidate], groups: list[PersonGroup]) -> list[Named]:
    """A single-token mention with another label that is the surname of a person of the article."""
    surnames = {surname for group in groups for surname in group.surnames}
    relabelled = []
    for candidate in candidates:
        name = _whole_name(candidate) if len(candidate.span) == 1 else None
        if name is not None and name.surname in surnames:
            candidate.label = "PERSON"
            relabelled.append((candidate, name))
    return relabelled


def _entity_for_group(group: PersonGroup, registry: EntityRegistry) -> Entity:
    for name in group.names:
        known = registry.find_person(name)
        if known is not None:
            return known
    return registry.new_person(group.names[0])


def _missed_surnames(doc: Doc, candidates: list[Candidate], groups: list[PersonGroup]) -> list[Named]:
    surnames = {surname for group in groups for surname in group.surnames}
    if not surnames:
        return []
    taken = covered_tokens(candidates)
    title_case = doc.to_array("IS_TITLE").nonzero()[0]
    missed = []
    for index in (int(index) for index in title_case if index not in taken):
        word = doc[index].text
        if fold(word) in surnames and (parsed := parse_person_name([word])) is not None:
            missed.append((Candidate(doc[index : index + 1], "PERSON"), parsed[1]))
    return missed


def _entity_for_name(
    name: PersonName, groups: list[PersonGroup], entities: list[Entity], registry: EntityRegistry
) -> Entity | None:
    if name.is_full:
        home = next((index for index, group in enumerate(groups) if group.accepts(name)), None)
        return entities[home] if home is not None else None
    home_group = group_for_lone_name(groups, name)
    if home_group is not None:
        return entities[groups.index(home_group)]
    return registry.person_with_surname(name.surname)
