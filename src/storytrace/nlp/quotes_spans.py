"""Spans and records shared by the attribution rules: ``Found``, trimming, quote kinds."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storytrace.model import Span

TRAILING = " \t\n,.;:—–-"


@dataclass(slots=True)
class Found:
    """An attribution found in one paragraph (local offsets)."""

    content: Span | None
    cue: Span | None
    source: Span | None
    kind: str
    broken: bool = False
    continues: bool = False  # a quotation carried over from the previous paragraph's speaker


def trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in TRAILING:
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return Span(start, end) if end > start else None


def overlaps(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def snap_to_regions(span: Span, regions: list[Span], text: str) -> Span:
    start, end = span.start, span.end
    for region in regions:
        if region.start < end and start < region.end:
            start, end = min(start, region.start), max(end, region.end)
    return Span(start, end)


def quote_kind(content: Span, regions: list[Span]) -> str:
    inside = [region for region in regions if region.start < content.end and content.start < region.end]
    if not inside:
        return "indirect"
    starts_quoted = inside[0].start <= content.start + 1
    ends_quoted = inside[-1].end >= content.end - 1
    return "direct" if starts_quoted and ends_quoted else "mixed"


def subtree_span(head: Token, text: str, exclude: Token | None) -> Span | None:
    tokens = [token for token in head.subtree if exclude is None or token not in set(exclude.subtree)]
    if not tokens:
        return None
    return trimmed(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
