"""Clean-text spans back to original-text spans, never across a removed piece."""

from __future__ import annotations

import bisect

from storytrace.model import OffsetMap, Span


def raw_parts(offsets: OffsetMap, start: int, end: int) -> list[Span]:
    """The original-text spans that clean-text ``[start, end)`` covers, one per kept piece it touches.

    Each part slices exactly the same characters as the clean text does, so a span never swallows
    text that cleaning removed between two pieces.
    """
    parts = []
    first = max(bisect.bisect_right(offsets.clean_starts, start) - 1, 0)
    for piece, clean_start in zip(offsets.pieces[first:], offsets.clean_starts[first:]):
        if clean_start >= end:
            break
        part_start = piece.start + max(start - clean_start, 0)
        part_end = piece.start + min(end - clean_start, len(piece))
        if part_end > part_start:
            parts.append(Span(part_start, part_end))
    return parts


def strip_span(text: str, span: Span) -> Span | None:
    """``span`` without surrounding whitespace; None when nothing else is left."""
    piece = span.of(text)
    stripped = piece.strip()
    if not stripped:
        return None
    start = span.start + len(piece) - len(piece.lstrip())
    return Span(start, start + len(stripped))
