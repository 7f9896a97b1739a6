"""Country aliases: pycountry's names plus the project table ``data/countries.tsv``; and cities,
regions and islands inside a country (``data/cities.tsv``), which name a place, never a country."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from importlib import resources

import pycountry

from storytrace.nlp.text import alias_key, surface_form


class AliasKind(Enum):
    NAME = "name"  # preferred display name, also an alias
    COUNTRY = "country"
    DEMONYM = "demonym"
    CAPITAL = "capital"  # capital city or seat of government
    CITY = "city"  # a place inside one country (city, state, province, island): never its government


@dataclass(slots=True, frozen=True)
class CountryAlias:
    spelling: str  # as written in the table or by pycountry: "Tokyo"
    code: str  # ISO 3166 alpha-3
    kind: AliasKind

    @property
    def names_country(self) -> bool:
        return self.kind in (AliasKind.NAME, AliasKind.COUNTRY)


# Aliases that are also common words or names elsewhere ("Georgia" the US state, "Jordan" the
# person, "turkey" the bird): trusted only when the NER model itself calls them a GPE.
GPE_LABEL_ONLY = frozenset({"georgia", "jordan", "chad", "jersey", "turkey", "guinea", "niger"})


class CountryTable:
    """Resolves a mention's text to the country it names, if any."""

    def __init__(self, aliases: list[CountryAlias]):
        self._by_key: dict[str, CountryAlias] = {}
        self._display: dict[str, str] = {}
        self._prefixes: frozenset[str] | None = None
        for alias in aliases:
            self._by_key.setdefault(alias_key(alias.spelling), alias)
            if alias.kind is AliasKind.NAME:
                self._display.setdefault(alias.code, alias.spelling)

    @classmethod
    def load(cls) -> CountryTable:
        return _default_table()

    def lookup(self, text: str) -> CountryAlias | None:
        key = alias_key(text)
        found = self._by_key.get(key)
        if found is None and key.endswith("s"):  # plural demonyms: "Americans"
            singular = self._by_key.get(key[:-1])
            found = singular if singular and singular.kind is AliasKind.DEMONYM else None
        if found is not None and _is_acronym(found.spelling) and not _is_acronym(surface_form(text)):
            return None  # "US" is the country, "Us" the magazine
        return found

    def display_name(self, code: str) -> str:
        if code in self._display:
            return self._display[code]
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            return code
        return getattr(country, "common_name", None) or country.name

    def key_prefixes(self) -> frozenset[str]:
        """Every prefix of the lookup keys, and of their plurals."""
        if self._prefixes is None:
            keys = [*self._by_key, *(key + "s" for key in self._by_key)]
            self._prefixes = frozenset(key[:end] for key in keys for end in range(len(key) + 1))
        return self._prefixes

    def aliases(self) -> list[CountryAlias]:
        return list(self._by_key.values())


def _is_acronym(spelling: str) -> bool:
    return spelling.replace(".", "").isupper()


@functools.cache
def _default_table() -> CountryTable:
    # Cities come last: a city row never shadows a country's name or alias ("Georgia").
    return CountryTable(_table_aliases() + _pycountry_aliases() + _table_aliases("cities.tsv"))


def _table_aliases(name: str = "countries.tsv") -> list[CountryAlias]:
    text = resources.files("storytrace").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [_parse_row(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _parse_row(line: str) -> CountryAlias:
    spelling, code, kind = line.rstrip("\n").split("\t")
    return CountryAlias(spelling, code, AliasKind(kind))


def _pycountry_aliases() -> list[CountryAlias]:
    aliases = []
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        aliases += [CountryAlias(name, country.alpha_3, AliasKind.COUNTRY) for name in names if name]
    return aliases
