"""Resolves candidate mentions to shared entities: countries, places, organisations."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storytrace.model import Entity
from storytrace.nlp.candidates import Candidate
from storytrace.nlp.countries import GPE_LABEL_ONLY, AliasKind, CountryAlias, CountryTable
from storytrace.nlp.metonymy import stands_for_government
from storytrace.nlp.people_pass import resolve_people
from storytrace.nlp.registry import EntityRegistry
from storytrace.nlp.text import alias_key

COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
_JOB_TITLE_HEADS = frozenset({"secretary", "minister", "secretaries", "ministers"})


class EntityResolver:
    """Gives each candidate its entity id, creating or updating entities in the registry."""

    def __init__(self, table: CountryTable):
        self._table = table

    def resolve(self, doc: Doc, candidates: list[Candidate], registry: EntityRegistry) -> list[Candidate]:
        candidates = resolve_people(doc, candidates, registry)
        for candidate in candidates:
            if candidate.entity_id is None:
                self._resolve_one(candidate, registry)
        return candidates

    def _resolve_one(self, candidate: Candidate, registry: EntityRegistry) -> None:
        entity = self._entity_for(candidate, registry)
        if entity is not None:
            registry.record(entity, candidate.spelling)
            candidate.entity_id = entity.id

    def _entity_for(self, candidate: Candidate, registry: EntityRegistry) -> Entity | None:
        alias = self._country_alias(candidate)
        if alias is not None:
            return self._country_or_place(candidate, alias, registry)
        if candidate.label in PLACE_LABELS:
            return registry.place(candidate.spelling)
        if candidate.label == "ORG" and not _part_of_job_title(candidate.span):
            return registry.org(candidate.spelling)
        return None

    def _country_alias(self, candidate: Candidate) -> CountryAlias | None:
        if candidate.label not in COUNTRY_LABELS:
            return None
        alias = self._table.lookup(candidate.text)
        if alias is not None and alias_key(alias.spelling) in GPE_LABEL_ONLY and candidate.label != "GPE":
            return None
        if alias is not None and alias.kind is AliasKind.CITY and candidate.label not in PLACE_LABELS:
            return None  # "Chicago" the team (ORG), "Houston" the surname: no place
        return alias

    def _country_or_place(self, candidate: Candidate, alias: CountryAlias, registry: EntityRegistry) -> Entity:
        """A city is always the place; a capital is the place unless it stands for its government."""
        stands_for_place = alias.kind is AliasKind.CAPITAL and not stands_for_government(candidate.span)
        if alias.kind is AliasKind.CITY or stands_for_place:
            return _place_in(registry, alias)
        return registry.country(alias.code, self._table.display_name(alias.code))


def _place_in(registry: EntityRegistry, alias: CountryAlias) -> Entity:
    """The place entity with its country code, given also to one stored before it had one."""
    place = registry.place(alias.spelling, alias.code)
    if place.code is None:
        place.code = alias.code
    return place


def _part_of_job_title(span: Span) -> bool:
    """ "State" in "Secretary of State Anthony Blinken" is no organisation of its own."""
    before = span.doc[max(span.start - 2, 0) : span.start]
    return len(before) == 2 and before[0].lower_ in _JOB_TITLE_HEADS and before[1].lower_ == "of"
