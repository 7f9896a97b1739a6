"""Passage alignment of one source/derived pair: sentence seeds, extension into passages, filtering.

Seeds are sentence pairs whose content stems agree (tf-isf cosine and Dice both above a threshold),
so a swapped synonym or an inserted word lowers a seed's score without breaking it. Seeds are grown
into passages by clustering them in both texts at once with a gap tolerance (reordered sentences stay
in one passage); a passage is kept when its two sides, taken whole, are still similar, and long
enough. A summary reading looks for a short region of the derived text whose seeds reach across most
of the source (a condensing summary); when the one-to-one reading does not already explain that
region as a close copy, the region is aligned with the whole source.

The method follows the published design of Sanchez-Perez et al. (2014); the code is this project's.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from storytrace.model import Passage, Span
from storytrace.reuse.text import Sentence, split_sentences


@dataclass(slots=True, frozen=True)
class AlignParams:
    seed_cosine: float = 0.33
    seed_dice: float = 0.33
    max_gap: int = 4
    validate_cosine: float = 0.34
    min_chars: int = 150
    summary_ratio: float = 0.5  # derived/source length below which the summary reading is taken
    summary_derived_gap: int = 2
    summary_max_explained: float = 0.5
    summary_copy_similarity: float = 0.75  # normal-reading passages this close are copies, not summaries
    summary_min_sources: int = 3
    summary_min_spread: float = 0.4
    summary_cosine: float = 0.3


@dataclass(slots=True)
class PreparedText:
    text: str
    sentences: list[Sentence]


@dataclass(slots=True, frozen=True)
class Seed:
    source: int  # sentence index in the source
    derived: int  # sentence index in the derived text
    cosine: float = 0.0


@dataclass(slots=True)
class Fragment:
    source_first: int
    source_last: int
    derived_first: int
    derived_last: int
    similarity: float


@lru_cache(maxsize=64)
def prepare(text: str) -> PreparedText:
    """Sentences of a text, cached: an arriving article is aligned with each of its candidates, and a
    candidate with many arrivals (read-only after this)."""
    return PreparedText(text, split_sentences(text))


def align(source: str | PreparedText, derived: str | PreparedText, params: AlignParams = AlignParams()) -> list[Passage]:
    """All passages of ``derived`` reused from ``source``, with character offsets on both sides."""
    src = source if isinstance(source, PreparedText) else prepare(source)
    dst = derived if isinstance(derived, PreparedText) else prepare(derived)
    if not src.sentences or not dst.sentences:
        return []
    vectors = _Vectors(src.sentences, dst.sentences)
    seeds = _seeds(vectors, params)
    if not seeds:
        return []
    fragments = _extend(_best_seeds(seeds), vectors, params, params.max_gap, params.max_gap)
    fragments = _filter(fragments, src, dst, params)
    summary = _summary_reading(seeds, vectors, src, dst, params)
    if summary is not None and _explained_share(summary, fragments, dst, params) < params.summary_max_explained:
        fragments = [f for f in fragments if not _derived_overlap(f, summary)] + [summary]
    return [_to_passage(fragment, src, dst) for fragment in fragments]


class _Vectors:
    """tf-isf weighted sentence vectors over the sentences of both texts."""

    def __init__(self, source: list[Sentence], derived: list[Sentence]):
        frequency: Counter = Counter()
        for sentence in source + derived:
            frequency.update(sentence.terms.keys())
        total = len(source) + len(derived)
        self.isf = {term: math.log(total / count) + 1e-3 for term, count in frequency.items()}
        self.source = [self._weigh(sentence.terms) for sentence in source]
        self.derived = [self._weigh(sentence.terms) for sentence in derived]

    def _weigh(self, terms: Counter) -> dict[str, float]:
        return {term: count * self.isf[term] for term, count in terms.items()}

    def source_range(self, first: int, last: int) -> dict[str, float]:
        return _summed(self.source[first : last + 1])

    def derived_range(self, first: int, last: int) -> dict[str, float]:
        return _summed(self.derived[first : last + 1])


def _summed(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    return total


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    if dot == 0.0:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def _seeds(vectors: _Vectors, params: AlignParams) -> list[Seed]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors.derived):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    derived_norms = [math.sqrt(sum(w * w for w in v.values())) for v in vectors.derived]
    seeds = []
    for source_index, vector in enumerate(vectors.source):
        seeds.extend(_seeds_of_sentence(source_index, vector, postings, vectors, derived_norms, params))
    return seeds


def _seeds_of_sentence(
    source_index: int,
    vector: dict[str, float],
    postings: dict[str, list[tuple[int, float]]],
    vectors: _Vectors,
    derived_norms: list[float],
    params: AlignParams,
) -> list[Seed]:
    dots: dict[int, float] = defaultdict(float)
    shared: Counter = Counter()
    for term, weight in vector.items():
        for derived_index, other in postings.get(term, ()):
            dots[derived_index] += weight * other
            shared[derived_index] += 1
    norm = math.sqrt(sum(w * w for w in vector.values()))
    found = []
    for derived_index, dot in dots.items():
        cos = dot / (norm * derived_norms[derived_index])
        dice = 2 * shared[derived_index] / (len(vector) + len(vectors.derived[derived_index]))
        if cos > params.seed_cosine and dice > params.seed_dice:
            found.append(Seed(source_index, derived_index, cos))
    return found


def _best_seeds(seeds: list[Seed]) -> list[Seed]:
    """Mutual best matches: seeds that are the best match of both their derived and their source
    sentence. A stray second match of a sentence would stretch a passage over text not reused."""
    best_for_derived: dict[int, Seed] = {}
    best_for_source: dict[int, Seed] = {}
    for seed in seeds:
        if seed.cosine > best_for_derived.get(seed.derived, _NO_SEED).cosine:
            best_for_derived[seed.derived] = seed
        if seed.cosine > best_for_source.get(seed.source, _NO_SEED).cosine:
            best_for_source[seed.source] = seed
    kept = set(best_for_derived.values()) & set(best_for_source.values())
    return [seed for seed in seeds if seed in kept]


_NO_SEED = Seed(-1, -1, -1.0)


def _extend(seeds: list[Seed], vectors: _Vectors, params: AlignParams, derived_gap: int, source_gap: int) -> list[Fragment]:
    fragments = []
    for cluster in _clusters(seeds, derived_gap, source_gap):
        fragment = _fragment(cluster, vectors)
        if fragment.similarity >= params.validate_cosine:
            fragments.append(fragment)
        elif derived_gap > 0 and source_gap > 0 and len(cluster) > 1:
            fragments.extend(_extend(cluster, vectors, params, derived_gap - 1, source_gap - 1))
    return fragments


def _clusters(seeds: list[Seed], derived_gap: int, source_gap: int) -> list[list[Seed]]:
    """Splits seeds until every cluster is gap-connected in both texts."""
    clusters = [seeds]
    while True:
        split = []
        for cluster in clusters:
            by_derived = _split_on_gaps(cluster, lambda seed: seed.derived, derived_gap)
            for part in by_derived:
                split.extend(_split_on_gaps(part, lambda seed: seed.source, source_gap))
        if len(split) == len(clusters):
            return split
        clusters = split


def _split_on_gaps(seeds: list[Seed], position: Callable[[Seed], int], gap: int) -> list[list[Seed]]:
    ordered = sorted(seeds, key=lambda seed: (position(seed), seed.source, seed.derived))
    if not ordered:
        return []
    groups = [[ordered[0]]]
    for seed in ordered[1:]:
        if position(seed) - position(groups[-1][-1]) > gap + 1:
            groups.append([seed])
        else:
            groups[-1].append(seed)
    return groups


def _fragment(cluster: list[Seed], vectors: _Vectors) -> Fragment:
    source_first = min(seed.source for seed in cluster)
    source_last = max(seed.source for seed in cluster)
    derived_first = min(seed.derived for seed in cluster)
    derived_last = max(seed.derived for seed in cluster)
    similarity = cosine(vectors.source_range(source_first, source_last), vectors.derived_range(derived_first, derived_last))
    return Fragment(source_first, source_last, derived_first, derived_last, similarity)


def _filter(fragments: list[Fragment], src: PreparedText, dst: PreparedText, params: AlignParams) -> list[Fragment]:
    kept: list[Fragment] = []
    for fragment in sorted(fragments, key=lambda f: -f.similarity * _derived_chars(f, dst)):
        if not any(_derived_overlap(fragment, other) for other in kept):
            kept.append(fragment)
    return [f for f in kept if min(_derived_chars(f, dst), _source_chars(f, src)) >= params.min_chars]


def _derived_overlap(a: Fragment, b: Fragment) -> bool:
    return a.derived_first <= b.derived_last and b.derived_first <= a.derived_last


def _derived_chars(fragment: Fragment, dst: PreparedText) -> int:
    return dst.sentences[fragment.derived_last].end - dst.sentences[fragment.derived_first].start


def _source_chars(fragment: Fragment, src: PreparedText) -> int:
    return src.sentences[fragment.source_last].end - src.sentences[fragment.source_first].start


def _summary_reading(
    seeds: list[Seed], vectors: _Vectors, src: PreparedText, dst: PreparedText, params: AlignParams
) -> Fragment | None:
    """A short derived region whose seeds reach across most of the source: a summary of all of it."""
    best: Fragment | None = None
    last_source = len(src.sentences) - 1
    whole_source = vectors.source_range(0, last_source)
    for group in _split_on_gaps(seeds, lambda seed: seed.derived, params.summary_derived_gap):
        sources = sorted({seed.source for seed in group})
        spread = (sources[-1] - sources[0] + 1) / len(src.sentences)
        if len(sources) < params.summary_min_sources or spread < params.summary_min_spread:
            continue
        first, last = group[0].derived, group[-1].derived
        condensed = (dst.sentences[last].end - dst.sentences[first].start) / len(src.text)
        if condensed >= params.summary_ratio or sources[-1] - sources[0] < 2 * (last - first + 1):
            continue
        similarity = cosine(whole_source, vectors.derived_range(first, last))
        if similarity >= params.summary_cosine and (best is None or similarity > best.similarity):
            best = Fragment(0, last_source, first, last, similarity)
    if best is None or _derived_chars(best, dst) < params.min_chars:
        return None
    return best


def _explained_share(summary: Fragment, fragments: list[Fragment], dst: PreparedText, params: AlignParams) -> float:
    """How much of the summary's derived region the normal (one-to-one) reading already aligned."""
    region = range(dst.sentences[summary.derived_first].start, dst.sentences[summary.derived_last].end)
    covered = 0
    for fragment in fragments:
        if fragment.similarity < params.summary_copy_similarity:
            continue
        start = max(dst.sentences[fragment.derived_first].start, region.start)
        end = min(dst.sentences[fragment.derived_last].end, region.stop)
        covered += max(end - start, 0)
    return covered / max(len(region), 1)


def _to_passage(fragment: Fragment, src: PreparedText, dst: PreparedText) -> Passage:
    source = Span(src.sentences[fragment.source_first].start, src.sentences[fragment.source_last].end)
    derived = Span(dst.sentences[fragment.derived_first].start, dst.sentences[fragment.derived_last].end)
    return Passage(source, derived, round(fragment.similarity, 4))
