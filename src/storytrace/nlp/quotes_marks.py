"""Quotation-mark regions in a paragraph: where direct speech starts and ends, marks included."""

from __future__ import annotations

import re

from storytrace.model import Span

OPENING = "“«„"
CLOSING = "”»“"
STRAIGHT = '"'
QUOTE_CHARS = OPENING + CLOSING + STRAIGHT
DOUBLED = "''"  # two apostrophes standing for a double quotation mark
_WORD = re.compile(r"\w+")
_OPENING_MARK = re.compile(f"[{OPENING}{STRAIGHT}]|{DOUBLED}")
_ANY_MARK = re.compile(f"[{QUOTE_CHARS}]|{DOUBLED}")


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
    found = _OPENING_MARK.search(paragraph, position)
    return found.start() if found else None


def _closing_after(paragraph: str, start: int) -> int:
    if paragraph.startswith(DOUBLED, start):
        return _doubled_closing_after(paragraph, start)
    closers = STRAIGHT + "”" if paragraph[start] == STRAIGHT else "”»" + STRAIGHT if paragraph[start] != "„" else "“”"
    for index in range(start + 1, len(paragraph)):
        if paragraph[index] in closers or _misturned_closing(paragraph, index):
            return index + 1  # mixed marks ('"It will," she said') are common in scraped text
        if paragraph[index] in "“«" and paragraph[start] != STRAIGHT:
            return _trim_right(paragraph, index)  # a new quote opens: the previous one never closed
    return _trim_right(paragraph, len(paragraph))


def _misturned_closing(paragraph: str, index: int) -> bool:
    """'“Apparently not,“ he said': an opening mark after punctuation and before a space closes."""
    if paragraph[index] != "“" or index == 0 or paragraph[index - 1] not in ",.?!":
        return False
    return index + 1 == len(paragraph) or paragraph[index + 1].isspace()


def _doubled_closing_after(paragraph: str, start: int) -> int:
    """The New York Times archive writes quotation marks as two apostrophes: ''Like this,'' he said."""
    end = paragraph.find(DOUBLED, start + len(DOUBLED))
    return _trim_right(paragraph, len(paragraph)) if end < 0 else end + len(DOUBLED)


def has_quotation_mark(text: str) -> bool:
    return _ANY_MARK.search(text) is not None


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
