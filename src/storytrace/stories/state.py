"""The clusterer's memory of one story: summed term and entity weights, members, time span."""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime

from storytrace.stories.index import ENTITY_PREFIX
from storytrace.stories.vectors import DocumentFrequencies, SparseVector, add_into, norm, top_keys

RECENT_MEMBERS = 20  # members whose own vectors a story keeps, for member-level comparison
MEMBER_TERMS = 50


@dataclass(slots=True)
class DocumentView:
    """An article as the clusterer weighs it (IDF-weighted at arrival)."""

    terms: SparseVector
    entities: SparseVector
    term_norm: float
    entity_norm: float
    title_terms: frozenset[str]
    years: frozenset[int]
    published: datetime | None = None
    lead_entities: frozenset[str] = frozenset()
    lead_dates: frozenset[str] = frozenset()  # years, months, weekdays named in the lead
    lead_amounts: frozenset[float] = frozenset()  # sums in millions named in the lead
    kinds: dict[tuple[str, ...], dict[str, float]] = field(default_factory=dict)  # entities_of, remembered
    reweighted: dict[int, tuple[int, SparseVector]] = field(default_factory=dict)  # weighted_by, remembered
    number_terms: list[str] | None = None  # numbers, remembered

    def entities_of(self, prefixes: tuple[str, ...]) -> dict[str, float]:
        """The entities of the kinds these prefixes name (computed once a view: views do not change)."""
        found = self.kinds.get(prefixes)
        if found is None:
            found = self.kinds[prefixes] = {key: value for key, value in self.entities.items() if key.startswith(prefixes)}
        return found

    def numbers(self) -> list[str]:
        """The number terms ("#"-prefixed) of the article."""
        if self.number_terms is None:
            self.number_terms = [key for key in self.terms if key.startswith("#")]
        return self.number_terms

    def weighted_by(self, vector: SparseVector, df: DocumentFrequencies) -> SparseVector:
        """``vector`` (its terms or its entities) weighted once more by today's IDF, remembered while
        the frequencies stand still (they change only as articles arrive: ``documents`` dates them)."""
        stamp = df.documents
        known = self.reweighted.get(id(vector))
        if known is None or known[0] != stamp:
            known = self.reweighted[id(vector)] = (stamp, {key: value * df.idf(key) for key, value in vector.items()})
        return known[1]

    def trimmed(self, keep: int) -> DocumentView:
        """A smaller copy (the ``keep`` heaviest terms) to remember as a recent member."""
        terms = {key: self.terms[key] for key in top_keys(self.terms, keep)}
        return DocumentView(terms, self.entities, norm(terms), self.entity_norm, frozenset(), self.years)


@dataclass(slots=True)
class StoryState:
    id: str
    terms: SparseVector = field(default_factory=dict)  # sum of the members' sublinear tf
    entities: SparseVector = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    arrivals: list[int] = field(default_factory=list)  # the members' arrival numbers in the stream, ascending
    titles: list[str] = field(default_factory=list)
    years: Counter[int] = field(default_factory=Counter)
    title_terms: Counter[str] = field(default_factory=Counter)
    leads: Counter[str] = field(default_factory=Counter)  # lead entity -> members naming it in their lead
    lead_dates: Counter[str] = field(default_factory=Counter)  # lead date word -> members naming it there
    lead_amounts: set[float] = field(default_factory=set)  # sums in millions the members' leads name
    recent: deque[DocumentView] = field(default_factory=lambda: deque(maxlen=RECENT_MEMBERS))
    start: datetime | None = None
    end: datetime | None = None
    term_norm: float = 0.0  # of the IDF-weighted terms, as of the last update
    entity_norm: float = 0.0
    closed: bool = False
    settled: bool = False  # a one-member story that has had its last look (``StoryClusterer.settle``)
    born_at: int = 0  # articles the clusterer had counted when the story began
    indexed: set[str] = field(default_factory=set)  # the keys the story is indexed under
    kinds: dict[tuple[str, ...], dict[str, float]] = field(default_factory=dict)  # entities_of, until they change
    numbered: bool | None = None  # names_numbers, until the terms change

    def entities_of(self, prefixes: tuple[str, ...]) -> dict[str, float]:
        """The story's entities of the kinds these prefixes name (remembered until a member joins)."""
        found = self.kinds.get(prefixes)
        if found is None:
            found = self.kinds[prefixes] = {key: value for key, value in self.entities.items() if key.startswith(prefixes)}
        return found

    def subject(self, prefixes: tuple[str, ...], least_per_member: float) -> str | None:
        """Whom (of the kinds these prefixes name) the story is about: its most-named entity, when
        that one weighs ``least_per_member`` (summed sublinear counts) for each member at least."""
        named = self.entities_of(prefixes)
        if not named:
            return None
        key, weight = max(named.items(), key=lambda item: (item[1], item[0]))
        return key if weight >= least_per_member * len(self.members) else None

    def names_numbers(self) -> bool:
        """Whether a member named a number (a "#" term); remembered until the terms change."""
        if self.numbered is None:
            self.numbered = any(key.startswith("#") for key in self.terms)
        return self.numbered

    def absorb(
        self,
        article_id: str,
        title: str,
        terms: SparseVector,
        entities: SparseVector,
        frequencies: tuple[DocumentFrequencies, DocumentFrequencies],
    ) -> None:
        """Adds a member; the norms are updated for the keys it touches (IDF as of now)."""
        self.members.append(article_id)
        self.titles.append(title)
        self.term_norm = _grown_norm(self.term_norm, self.terms, terms, frequencies[0])
        self.entity_norm = _grown_norm(self.entity_norm, self.entities, entities, frequencies[1])
        add_into(self.terms, terms)
        add_into(self.entities, entities)
        self.kinds.clear()
        self.numbered = None

    def absorb_story(self, other: StoryState) -> None:
        self.members.extend(other.members)
        self.arrivals = sorted(self.arrivals + other.arrivals)
        self.titles.extend(other.titles)
        add_into(self.terms, other.terms)
        add_into(self.entities, other.entities)
        self.kinds.clear()
        self.numbered = None
        self.years.update(other.years)
        self.title_terms.update(other.title_terms)
        self.leads.update(other.leads)
        self.lead_dates.update(other.lead_dates)
        self.lead_amounts |= other.lead_amounts
        self.recent.extend(other.recent)
        self.indexed |= other.indexed
        self.stretch(other.start)
        self.stretch(other.end)

    def year_agreement(self, years: frozenset[int]) -> float | None:
        """The share of ``years`` the story's members also name; None when either side names none."""
        if not years or not self.years:
            return None
        return sum(1 for year in years if year in self.years) / len(years)

    def stretch(self, when: datetime | None) -> None:
        if when is None:
            return
        self.start = when if self.start is None else min(self.start, when)
        self.end = when if self.end is None else max(self.end, when)

    def refresh_norms(self, terms_df: DocumentFrequencies, entities_df: DocumentFrequencies) -> None:
        self.term_norm = norm({key: value * terms_df.idf(key) for key, value in self.terms.items()})
        self.entity_norm = norm({key: value * entities_df.idf(key) for key, value in self.entities.items()})

    def cut_terms(self, keep: int) -> None:
        self.terms = {key: self.terms[key] for key in top_keys(self.terms, keep)}
        self.numbered = None

    def compact(self, keep: int) -> None:
        """Keeps only the ``keep`` heaviest terms and entities: what a closed story needs for late
        joins; it is then indexed under those alone."""
        self.cut_terms(keep)
        self.entities = {key: self.entities[key] for key in top_keys(self.entities, keep)}
        self.kinds.clear()
        self.recent.clear()
        self.indexed = set(self.terms) | {ENTITY_PREFIX + key for key in self.entities}

    def gap_days(self, when: datetime | None) -> float:
        """Days between ``when`` and the story's span; 0 inside it or when either date is unknown."""
        if when is None or self.start is None or self.end is None:
            return 0.0
        if self.start <= when <= self.end:
            return 0.0
        nearest = self.start if when < self.start else self.end
        return abs((when - nearest).total_seconds()) / 86400.0


def _grown_norm(current: float, total: SparseVector, added: SparseVector, df: DocumentFrequencies) -> float:
    """The IDF-weighted norm of ``total + added``, updating only the keys ``added`` touches."""
    square = current * current
    for key, value in added.items():
        old = total.get(key, 0.0)
        square += ((old + value) ** 2 - old * old) * df.idf(key) ** 2
    return math.sqrt(max(square, 0.0))
