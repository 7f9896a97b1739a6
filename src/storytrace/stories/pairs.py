"""How well one article fits one story, as a handful of features and a fitted logistic model.

The features separate *similar but different* events: beyond the cosine of terms and entities they
ask whether the article's own people, places, organisations, numbers and years are the story's.
A share is 0.5 ("no evidence") when either side has nothing of that kind.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from storytrace.stories.state import DocumentView, StoryState
from storytrace.stories.vectors import DocumentFrequencies, SparseVector, dot

FEATURE_NAMES = (
    "text", "entities", "title", "people", "places", "orgs", "numbers", "years", "size",
    "story_people", "story_places", "member_text_mean", "member_text_max", "member_people", "member_places",
    "lead_share", "story_lead_named", "lead_dates",
)
PLACE_KINDS = frozenset({"place", "country", "gpe", "loc", "fac", "norp"})
# Entity keys are "kind:name"; a kind is tested by prefix (one C call, where a split per key was slow).
PERSON, PLACES, ORG = ("person:",), tuple(f"{kind}:" for kind in sorted(PLACE_KINDS)), ("org:",)
NO_EVIDENCE = 0.5


@dataclass(slots=True, frozen=True)
class PairModel:
    """Logistic regression over the features, and over their pairwise products when ``crossed``."""

    weights: tuple[float, ...]
    bias: float
    crossed: bool = False

    def probability(self, features: Sequence[float]) -> float:
        inputs = with_products(features) if self.crossed else features
        z = self.bias + sum(w * x for w, x in zip(self.weights, inputs))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def with_products(features: Sequence[float]) -> list[float]:
    """The features followed by the product of every pair of them (i < j)."""
    products = [a * b for i, a in enumerate(features) for b in features[i + 1 :]]
    return [*features, *products]


def pair_features(
    doc: DocumentView, story: StoryState, terms_df: DocumentFrequencies, entities_df: DocumentFrequencies
) -> list[float]:
    return [
        _reweighted_cosine(doc.weighted_by(doc.terms, terms_df), doc.term_norm, story.terms, story.term_norm),
        _reweighted_cosine(doc.weighted_by(doc.entities, entities_df), doc.entity_norm, story.entities, story.entity_norm),
        _title_overlap(doc.title_terms, story),
        _kind_share(doc.entities_of(PERSON), story.entities_of(PERSON)),
        _kind_share(doc.entities_of(PLACES), story.entities_of(PLACES)),
        _kind_share(doc.entities_of(ORG), story.entities_of(ORG)),
        _number_share(doc.numbers(), story),
        _year_share(doc.years, story),
        math.log1p(len(story.members)),
        _kind_share(story.entities_of(PERSON), doc.entities_of(PERSON)),
        _kind_share(story.entities_of(PLACES), doc.entities_of(PLACES)),
        *_member_text(doc, story),
        _member_agreement(doc, story, PERSON),
        _member_agreement(doc, story, PLACES),
        _lead_share(doc.lead_entities, story),
        _story_lead_named(doc.entities, story),
        _lead_date_share(doc.lead_dates, story),
    ]


def _reweighted_cosine(doc: SparseVector, doc_norm: float, story: SparseVector, story_norm: float) -> float:
    """Cosine of an IDF-weighted article vector and a story's summed tf weighted by today's IDF; the
    article's side carries that second IDF already (``DocumentView.weighted_by``: once an article,
    not once a candidate story)."""
    if not doc_norm or not story_norm:
        return 0.0
    shared, weight_of = 0.0, story.get
    for key, value in doc.items():
        shared += value * weight_of(key, 0.0)
    return min(shared / (doc_norm * story_norm), 1.0)


def _title_overlap(title_terms: frozenset[str], story: StoryState) -> float:
    if not title_terms or not story.title_terms:
        return 0.0
    return sum(1 for term in title_terms if term in story.title_terms) / len(title_terms)


def _kind_share(mine: Mapping[str, float], theirs: Collection[str]) -> float:
    """The weighted share of one side's entities of a kind that the other side's of that kind hold."""
    if not mine or not theirs:
        return NO_EVIDENCE
    return sum(value for key, value in mine.items() if key in theirs) / sum(mine.values())


def _member_text(doc: DocumentView, story: StoryState) -> tuple[float, float]:
    """Mean and best term cosine of the article with the story's recent members."""
    if not story.recent or not doc.term_norm:
        return 0.0, 0.0
    similarities = [
        dot(doc.terms, member.terms) / (doc.term_norm * member.term_norm) if member.term_norm else 0.0
        for member in story.recent
    ]
    return sum(similarities) / len(similarities), max(similarities)


def _member_agreement(doc: DocumentView, story: StoryState, prefixes: tuple[str, ...]) -> float:
    """The share of recent members with entities of a kind that share one with the article."""
    mine = doc.entities_of(prefixes)
    theirs = [member.entities_of(prefixes) for member in story.recent]
    theirs = [keys for keys in theirs if keys]
    if not mine or not theirs:
        return NO_EVIDENCE
    return sum(1 for keys in theirs if not mine.keys().isdisjoint(keys)) / len(theirs)


def _lead_share(leads: frozenset[str], story: StoryState) -> float:
    """The share of the article's lead entities that lead some member of the story."""
    if not leads or not story.leads:
        return NO_EVIDENCE
    return sum(1 for key in leads if key in story.leads) / len(leads)


def _story_lead_named(entities: Mapping[str, float], story: StoryState) -> float:
    """Whether the article names the entity that leads most of the story's members."""
    if not story.leads or not entities:
        return NO_EVIDENCE
    top, _ = story.leads.most_common(1)[0]
    return 1.0 if top in entities else 0.0


def _lead_date_share(dates: frozenset[str], story: StoryState) -> float:
    """The share of the date words in the article's lead (years, months, weekdays) that some member
    of the story names in its lead: the same event is dated alike, a similar one often not."""
    if not dates or not story.lead_dates:
        return NO_EVIDENCE
    return sum(1 for word in dates if word in story.lead_dates) / len(dates)


def _number_share(numbers: list[str], story: StoryState) -> float:
    if not numbers or not story.names_numbers():
        return NO_EVIDENCE
    return sum(1 for key in numbers if key in story.terms) / len(numbers)


def _year_share(years: frozenset[int], story: StoryState) -> float:
    agreement = story.year_agreement(years)
    return NO_EVIDENCE if agreement is None else agreement
