"""Quotation-mark regions in a paragraph: where direct speech starts and ends, marks included."""

from __future__ import annotations

import re

from storytrace.model import Span

OPENING = "“«„"
CLOSING = "”»“"
STRAIGHT = '"'
QUOTE_CHARS = OPENING + CLOSING + STRAIGHT
_WORD = re.compile(r"\w+")


def quote_regions(paragraph: str) -> list[Span]:
    """The quoted stretches of ``paragraph``, each from its opening to its closing mark.

    An opening mark with no closing one runs to the end of the paragraph: news style leaves a quote
    that continues into the next paragraph open.
    """
    regions: list[Span] = []
    position = 0
    while position < len(paragraph):
        start = _next_opening(paragraph, position)
        if start is None:
            break
        end = _closing_after(paragraph, start)
        regions.append(Span(start, end))
        position = end
    return regions


def _next_opening(paragraph: str, position: int) -> int | None:
    for index in range(position, len(paragraph)):
        char = paragraph[index]
        if char in "“«„" or char == STRAIGHT:
            return index
    return None


def _closing_after(paragraph: str, start: int) -> int:
    closers = STRAIGHT if paragraph[start] == STRAIGHT else "”»" if paragraph[start] != "„" else "“”"
    for index in range(start + 1, len(paragraph)):
        if paragraph[index] in closers:
            return index + 1
        if paragraph[index] in "“«" and closers != STRAIGHT:
            return _trim_right(paragraph, index)  # a new quote opens: the previous one never closed
    return _trim_right(paragraph, len(paragraph))


def _trim_right(paragraph: str, end: int) -> int:
    while end > 0 and paragraph[end - 1].isspace():
        end -= 1
    return end


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_open_ended(paragraph: str, region: Span) -> bool:
    """True when the region's quote never closes inside the paragraph."""
    return region.of(paragraph)[-1] not in "”»\"" or len(region) == 1


_DATELINE = re.compile(r"^[A-Z][A-Z/ ,.'-]{2,60}(?:, [A-Z][a-z]+\.?)?\s*(?:\([^)]{1,40}\))?\s*[–—-]{1,2}\s+")


def mask_dateline(paragraph: str) -> str:
    """Blanks a leading dateline ("TOKYO/WASHINGTON (Reuters) – ") so the parser does not take it
    for the subject; the length, hence every offset, stays the same."""
    match = _DATELINE.match(paragraph)
    return paragraph if match is None else " " * match.end() + paragraph[match.end() :]
