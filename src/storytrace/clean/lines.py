"""The non-empty lines of a text as spans, and the shape tests the cleaning rules share.

A line's span never includes its surrounding whitespace, so a kept line maps back to exactly the
characters it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storytrace.model import Span

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_DIGITS = re.compile(r"\d+")
_TYPOGRAPHIC = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))


@dataclass(slots=True, frozen=True)
class Line:
    span: Span
    text: str


def split_lines(text: str) -> list[Line]:
    """Every non-empty line of ``text``, stripped, with its span into ``text``."""
    lines: list[Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.strip()
        if content:
            start = position + len(raw) - len(raw.lstrip())
            lines.append(Line(Span(start, start + len(content)), content))
        position += len(raw)
    return lines


def line_at(text: str, span: Span) -> Line | None:
    """The stripped part of ``text`` inside ``span``, or None when it is only whitespace."""
    piece = span.of(text)
    content = piece.strip()
    if not content:
        return None
    start = span.start + len(piece) - len(piece.lstrip())
    return Line(Span(start, start + len(content)), content)


def normalise(text: str, mask_digits: bool = True) -> str:
    """Lower case, typographic quotes folded, whitespace collapsed, digit runs masked (optional).

    Masked digits make a footer with a date the same line every day; within one document they stay,
    so that "rose 2%" and "rose 3%" remain different sentences.
    """
    for typographic, plain in _TYPOGRAPHIC:
        text = text.replace(typographic, plain)
    collapsed = " ".join(text.casefold().split())
    return _DIGITS.sub("0", collapsed) if mask_digits else collapsed


def word_count(text: str) -> int:
    return len(text.split())


def ends_like_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def has_lowercase_word(text: str) -> bool:
    return any(word[:1].islower() for word in text.split())


def is_prose(text: str, min_words: int = 4, long_words: int = 20) -> bool:
    """True for lines shaped like story text: a sentence, or a line too long to be a label.

    "Share this:", "New tools", "Our Standards: Thomson Reuters Trust Principles." are not prose;
    "“There are no coded messages here,” Hornung said." is.
    """
    words = word_count(text)
    if words >= long_words:
        return True
    return words >= min_words and ends_like_sentence(text) and has_lowercase_word(text)
