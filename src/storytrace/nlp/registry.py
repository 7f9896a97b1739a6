"""The entities known so far, shared across articles: loaded from the store, saved back when changed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storytrace.model import Entity
from storytrace.nlp.people import PersonName, given_names_match, person_name
from storytrace.nlp.text import slugify

RENAMED_BY_USE = frozenset({"person", "org"})  # kinds whose display name follows the commonest spelling


class _PeopleIndex:
    """Person entities by surname, with the full names seen for each."""

    def __init__(self) -> None:
        self._by_surname: dict[str, list[str]] = {}
        self._full_names: dict[str, list[PersonName]] = {}

    def add(self, entity_id: str, spelling: str) -> None:
        name = person_name(spelling)
        if name is None or not name.is_full:
            return
        known = self._full_names.setdefault(entity_id, [])
        if all(existing.given != name.given for existing in known):
            known.append(name)
        ids = self._by_surname.setdefault(name.surname, [])
        if entity_id not in ids:
            ids.append(entity_id)

    def with_surname(self, surname: str) -> list[str]:
        return self._by_surname.get(surname, [])

    def compatible(self, entity_id: str, name: PersonName) -> bool:
        return any(
            known.surname == name.surname and given_names_match(known.given or "", name.given or "")
            for known in self._full_names.get(entity_id, [])
        )


class EntityRegistry:
    def __init__(self, entities: Iterable[Entity] = ()):
        self._entities: dict[str, Entity] = {}
        self._changed: dict[str, None] = {}  # ordered set of ids
        self._people = _PeopleIndex()
        for entity in entities:
            self._add(entity)

    def get(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def changed(self) -> list[Entity]:
        """Entities created or updated since construction, in order of first change."""
        return [self._entities[entity_id] for entity_id in self._changed]

    def mark_saved(self) -> None:
        """Forgets the changes reported so far (the caller has stored them)."""
        self._changed.clear()

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __len__(self) -> int:
        return len(self._entities)

    def country(self, code: str, name: str) -> Entity:
        return self._get_or_create(f"country:{code}", "country", name, code)

    def place(self, name: str, code: str | None = None) -> Entity:
        return self._get_or_create(f"place:{slugify(name)}", "place", name, code)

    def org(self, name: str) -> Entity:
        return self._get_or_create(f"org:{slugify(name)}", "org", name)

    def find_person(self, name: PersonName) -> Entity | None:
        """The known person this full name belongs to (same surname, near-identical given name)."""
        fitting = [
            self._entities[entity_id]
            for entity_id in self._people.with_surname(name.surname)
            if self._people.compatible(entity_id, name)
        ]
        return max(fitting, key=lambda entity: sum(entity.variants.values()), default=None)

    def person_with_surname(self, surname: str) -> Entity | None:
        """The known person with this surname, if there is exactly one."""
        ids = self._people.with_surname(surname)
        return self._entities[ids[0]] if len(ids) == 1 else None

    def new_person(self, name: PersonName) -> Entity:
        entity_id = self._free_id(f"person:{slugify(name.text)}")
        entity = self._get_or_create(entity_id, "person", name.text)
        self._people.add(entity_id, name.text)
        return entity

    def record(self, entity: Entity, spelling: str) -> None:
        """Counts one more use of ``spelling`` for ``entity``."""
        is_new = spelling not in entity.variants
        entity.variants[spelling] = entity.variants.get(spelling, 0) + 1
        if is_new and entity.kind == "person":
            self._people.add(entity.id, spelling)
        if entity.kind in RENAMED_BY_USE:
            entity.name = _commonest_spelling(entity)
        self._changed[entity.id] = None

    def _get_or_create(self, entity_id: str, kind: str, name: str, code: str | None = None) -> Entity:
        entity = self._entities.get(entity_id)
        if entity is None:
            entity = Entity(id=entity_id, kind=kind, name=name, code=code)
            self._entities[entity_id] = entity
            self._changed[entity_id] = None
        return entity

    def _add(self, entity: Entity) -> None:
        self._entities[entity.id] = entity
        if entity.kind == "person":
            for spelling in [entity.name, *entity.variants]:
                self._people.add(entity.id, spelling)

    def _free_id(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self._entities:
            number += 1
            candidate = f"{wanted}-{number}"
        return candidate


def _commonest_spelling(entity: Entity) -> str:
    spellings = entity.variants
    if entity.kind == "person":  # a lone surname never becomes the display name
        spellings = {spelling: count for spelling, count in spellings.items() if len(spelling.split()) > 1}
    return max(spellings, key=lambda spelling: spellings[spelling], default=entity.name)
