"""Derivation links: is one article derived from another, which way, how, and on what evidence.

The pair is aligned; a word-level diff inside the passages measures how much was kept verbatim; the
share of each text covered by passages measures containment. Two texts that share only quoted words
(a third party's statement both reported) get ``shared-quote``: a story-level fact, not a derivation.
Direction is a vote of independent pieces of evidence, each recorded in the link.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from storytrace.model import Article, Artifact, Evidence, Passage, ReuseLink, Span
from storytrace.reuse import artifacts as traces
from storytrace.reuse.align import AlignParams, align
from storytrace.reuse.text import token_index



@dataclass(slots=True, frozen=True)
class DeriveParams:
    align: AlignParams = AlignParams()
    min_words_outside_quotes: int = 15  # fewer shared words outside quotes: shared-quote at most
    duplicate_share: float = 0.98
    copy_share: float = 0.9
    spun_share: float = 0.5  # verbatim share below this is a rewrite
    whole_coverage: float = 0.5  # source share reused, below which a copy or spin is partial
    max_chars: int = 300_000  # longer texts (a 5 MB page) are aligned on their first max_chars only
    max_fact_swaps: int = 1  # more names or numbers swapped for unrelated ones: a shared template, not a copy
    min_loose_share: float = 0.2  # a partial or rewrite must cover this share of one of the two texts
    min_partial_words: int = 40  # and share this many words outside quotes


@dataclass(slots=True, frozen=True)
class Vote:
    source_id: str
    weight: float
    evidence: Evidence


def derive(first: Article, second: Article, params: DeriveParams = DeriveParams()) -> ReuseLink | None:
    """The link between two articles, or None when they share no passage (or no derivation)."""
    truncated = max(len(first.text), len(second.text)) > params.max_chars
    first, second = _head(first, params.max_chars), _head(second, params.max_chars)
    passages = align(first.text, second.text, params.align)
    if not passages:
        return None
    votes = direction_votes(first, second, passages)
    source, derived = _decide(first, second, votes)
    if source is not first:
        passages = align(source.text, derived.text, params.align) or [_swapped(p) for p in passages]
    link = build_link(source, derived, passages, votes, params)
    if link is None:
        return None
    if truncated:
        link.evidence.append(Evidence("truncated", f"aligned on the first {params.max_chars} characters only", "kind"))
    return link


def _head(article: Article, max_chars: int) -> Article:
    """The article cut to its first ``max_chars`` (offsets stay valid: it is a prefix)."""
    return article if len(article.text) <= max_chars else replace(article, text=article.text[:max_chars])


def _swapped(passage: Passage) -> Passage:
    return Passage(passage.derived, passage.source, passage.similarity)


def build_link(source: Article, derived: Article, passages: list[Passage], votes: list[Vote],
               params: DeriveParams) -> ReuseLink | None:
    """The link, or None when the shared text does not show a derivation (too little of either
    text, or the same template told of other people and places)."""
    diff = traces.diff_passages(source.text, derived.text, passages)
    if len(traces.fact_swaps(source.text, derived.text, diff)) > params.max_fact_swaps:
        return None
    source_coverage = coverage(source.text, [p.source for p in passages])
    derived_coverage = coverage(derived.text, [p.derived for p in passages])
    kind = _kind(diff, source_coverage, derived_coverage, params)
    if kind is None:
        return None
    evidence = [_kind_evidence(kind, diff, source_coverage, derived_coverage)]
    if kind != "shared-quote":
        evidence += [vote.evidence for vote in votes]
    found = _artifacts(source, derived, diff) if kind != "shared-quote" else []
    score = round(max(source_coverage, derived_coverage) * (0.5 + 0.5 * diff.verbatim_share), 4)
    return ReuseLink(source.id, derived.id, kind, score, evidence, passages, found)


def coverage(text: str, spans: list[Span]) -> float:
    """Share of the text's words that fall inside the spans."""
    starts = _word_starts(text)
    if not starts:
        return 0.0
    covered = reach = 0  # words in the union of the spans' word ranges, counted left to right
    for first, last in sorted((bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)) for span in spans):
        first = max(first, reach)
        if last > first:
            covered, reach = covered + last - first, last
    return covered / len(starts)


def _word_starts(text: str) -> list[int]:
    return token_index(text).starts


def _kind(diff: traces.WordDiff, source_coverage: float, derived_coverage: float, params: DeriveParams) -> str | None:
    verbatim = diff.verbatim_share
    if diff.matched_outside_quotes < params.min_words_outside_quotes:
        return "shared-quote"
    if verbatim >= params.duplicate_share and min(source_coverage, derived_coverage) >= params.duplicate_share:
        return "duplicate"
    loose = verbatim < params.spun_share or source_coverage < params.whole_coverage
    if loose and not _enough_for_loose_reuse(diff, source_coverage, derived_coverage, params):
        return None
    if verbatim < params.spun_share:
        return "rewrite"
    if source_coverage < params.whole_coverage:
        return "partial"
    return "copy" if verbatim >= params.copy_share else "spun"


def _enough_for_loose_reuse(diff: traces.WordDiff, source_coverage: float, derived_coverage: float,
                            params: DeriveParams) -> bool:
    """A partial reuse or a rewrite must hold a real share of one text: a shared stock sentence or two
    between long articles is common phrasing, not a derivation."""
    share = max(source_coverage, derived_coverage)
    return share >= params.min_loose_share and diff.matched_outside_quotes >= params.min_partial_words


def _kind_evidence(kind: str, diff: traces.WordDiff, source_coverage: float, derived_coverage: float) -> Evidence:
    detail = (
        f"{kind}: {diff.verbatim_share:.0%} of the aligned derived words kept verbatim, "
        f"{len(diff.substitutions)} single-word substitutions, {diff.matched_outside_quotes} shared words outside quotes; "
        f"passages cover {source_coverage:.0%} of the source and {derived_coverage:.0%} of the derived text"
    )
    return Evidence("kind", detail, favours="kind")


def _artifacts(source: Article, derived: Article, diff: traces.WordDiff) -> list[Artifact]:
    found = traces.substitution_artifacts(source.text, derived.text, diff)
    found += traces.lost_attributions(source.text, derived.text)
    found += traces.inserted_boilerplate(source, derived)
    found += [a for a in traces.stray_tokens(derived.text) if a.derived_text not in source.text]
    found += traces.wire_credit_artifacts(source, derived)
    return sorted(found, key=lambda artifact: (artifact.derived.start, artifact.type))


# --- direction -------------------------------------------------------------------------------


def direction_votes(first: Article, second: Article, passages: list[Passage]) -> list[Vote]:
    votes = []
    for vote in (_time_vote(first, second), _wire_vote(first, second), _containment_vote(first, second, passages)):
        if vote is not None:
            votes.append(vote)
    votes.extend(_artifact_votes(first, second))
    return votes


def _decide(first: Article, second: Article, votes: list[Vote]) -> tuple[Article, Article]:
    balance = sum(vote.weight if vote.source_id == first.id else -vote.weight for vote in votes)
    if balance < 0:
        return second, first
    return first, second  # on a tie the article seen first is taken as the source


def _time_vote(first: Article, second: Article) -> Vote | None:
    if first.published is None or second.published is None or first.published == second.published:
        return None
    try:
        earlier, later = (first, second) if first.published < second.published else (second, first)
    except TypeError:  # naive against aware datetimes
        return None
    detail = f"{earlier.id} published {earlier.published.isoformat()}, before {later.id} ({later.published.isoformat()})"
    return Vote(earlier.id, 1.0, Evidence("publication-time", detail, favours=f"source:{earlier.id}"))


def _wire_vote(first: Article, second: Article) -> Vote | None:
    shared = _shared_foreign_wire(first, second)
    if shared:
        detail = f"both credit {shared} and neither is {shared}'s site: claims {shared}; original not seen (possibly siblings)"
        return Vote(first.id, 0.0, Evidence("wire-credit", detail, favours="none"))
    for claimant, other in ((first, second), (second, first)):
        wire = claimant.claimed_wire
        if wire and not traces.is_wire_site(wire, claimant.site):
            origin = "the wire's own site" if traces.is_wire_site(wire, other.site) else "not the wire's site"
            detail = f"{claimant.id} ({claimant.site}) credits {wire} in its dateline; {other.id} is {origin}"
            weight = 2.0 if origin == "the wire's own site" else 0.5
            return Vote(other.id, weight, Evidence("wire-credit", detail, favours=f"source:{other.id}"))
    return None


def _shared_foreign_wire(first: Article, second: Article) -> str | None:
    wire = first.claimed_wire
    if not wire or wire != second.claimed_wire:
        return None
    if traces.is_wire_site(wire, first.site) or traces.is_wire_site(wire, second.site):
        return None
    return wire


def _containment_vote(first: Article, second: Article, passages: list[Passage]) -> Vote | None:
    first_share = coverage(first.text, [p.source for p in passages])
    second_share = coverage(second.text, [p.derived for p in passages])
    if abs(first_share - second_share) < 0.05:
        return None
    contained, container = (first, second) if first_share > second_share else (second, first)
    detail = (f"{container.id} holds the reused text plus additions "
              f"({max(first_share, second_share):.0%} of {contained.id} is reused, {min(first_share, second_share):.0%} of {container.id})")
    return Vote(contained.id, 0.5, Evidence("containment", detail, favours=f"source:{contained.id}"))


def _artifact_votes(first: Article, second: Article) -> list[Vote]:
    """Lost attributions and stray tokens mark the copy: the side showing them is not the source."""
    votes = []
    for article, other in ((first, second), (second, first)):
        marks = traces.lost_attributions(other.text, article.text) + traces.stray_tokens(article.text)
        marks = [mark for mark in marks if mark.derived_text not in other.text or mark.type == "lost-attribution"]
        if marks:
            shown = ", ".join(repr(mark.derived_text) for mark in marks[:3])
            detail = f"{article.id} shows rewriting artifacts absent from {other.id}: {shown}"
            votes.append(Vote(other.id, 1.0, Evidence("artifacts", detail, favours=f"source:{other.id}")))
    return votes
