"""Text units for alignment: word tokens with offsets, crude stems, and sentences."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

# Possessive: the same matches as greedy ones (what follows each repeat is optional), without the
# backtracking bookkeeping.
WORD = re.compile(r"[^\W_]++(?:['’][^\W_]++)*+", re.UNICODE)
# A sentence ends after its punctuation (group 1 starts there) or at a line break (group 2); the
# punctuation is matched, not looked behind at, so the scan tries only where one of these stands.
SENTENCE_END = re.compile(r"[.!?]([\"'”’)\]]*\s+)|(\n\s*\n|\n(?=[A-Z\"“]))")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t don said says say mr mrs ms one two new""".split()
)

# Texts whose tokens (and, in align, sentences and term matrices: ~0.2 MB a text in all) are kept:
# an earlier article recurs as a candidate of later arrivals well after the last 64.
TEXTS_CACHED = 256

_SUFFIXES = (
    "ational", "ization", "fulness", "iveness", "ousness", "ations", "ement", "ments", "ities", "ation",
    "ingly", "ness", "ment", "ings", "ably", "ibly", "ives", "ies", "ied", "ing", "ers", "est", "ive",
    "ity", "ous", "ful", "ed", "ly", "er", "es", "s",
)


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light suffix stripper: enough to join "reported"/"reports"/"reporting"."""
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class Token(NamedTuple):
    start: int
    end: int
    norm: str  # lowercased surface
    stem: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    terms: Counter = field(default_factory=Counter)  # content stems


@dataclass(slots=True, frozen=True)
class TokenIndex:
    """A text's tokens as parallel lists (no object per word); ``content`` holds the stem of each
    content word and None for a stop word."""

    starts: list[int]
    ends: list[int]
    norms: list[str]
    stems: list[str]
    content: list[str | None]

    @classmethod
    def of(cls, text: str) -> TokenIndex:
        matches = list(WORD.finditer(text))
        starts, ends = list(map(re.Match.start, matches)), list(map(re.Match.end, matches))
        lowered = text.lower()
        if len(lowered) == len(text) and "Σ" not in text:  # each character lowered alone: cut the words from it
            norms = list(map(lowered.replace("’", "'").__getitem__, map(slice, starts, ends)))
        else:  # a final sigma, or a character lowered into two ("İ")
            norms = [word.lower().replace("’", "'") for word in map(re.Match.group, matches)]
        stems = list(map(stem, norms))
        content = [None if norm in STOP_WORDS else word_stem for norm, word_stem in zip(norms, stems)]
        return cls(starts, ends, norms, stems, content)

    def bounds_within(self, start: int, end: int) -> tuple[int, int]:
        """The token positions ``[first, last)`` lying inside the characters ``[start, end)``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, first)
        while last > first and self.ends[last - 1] > end:
            last -= 1
        return first, last

    def token(self, position: int) -> Token:
        return Token(self.starts[position], self.ends[position], self.norms[position], self.stems[position])


@lru_cache(maxsize=TEXTS_CACHED)
def token_index(text: str) -> TokenIndex:
    """The text's tokens, cached: an arriving article is compared with each of its candidates, and a
    candidate with each of its arrivals (read-only after this)."""
    return TokenIndex.of(text)


def split_sentences(text: str, min_terms: int = 3) -> list[Sentence]:
    """Sentences with their content stems; ones with fewer than ``min_terms`` join the next."""
    sentences: list[Sentence] = []
    pending_start, pending_end, pending_terms = -1, -1, []  # a sentence short of terms, waiting for the next
    index = token_index(text)
    for start, end in _raw_sentence_bounds(text):
        first, last = index.bounds_within(start, end)
        terms = [term for term in index.content[first:last] if term is not None]
        if not terms:
            continue
        if not pending_terms:
            pending_start = start
        pending_end = end
        pending_terms += terms
        if len(pending_terms) >= min_terms:
            sentences.append(Sentence(pending_start, end, Counter(pending_terms)))
            pending_terms = []
    if pending_terms:
        _append_tail(sentences, Sentence(pending_start, pending_end, Counter(pending_terms)))
    return sentences


def _append_tail(sentences: list[Sentence], tail: Sentence) -> None:
    if sentences:
        last = sentences[-1]
        last.end, last.terms = tail.end, last.terms + tail.terms
    else:
        sentences.append(tail)


def _raw_sentence_bounds(text: str):
    position = 0
    for match in SENTENCE_END.finditer(text):
        yield from _trimmed(text, position, match.start(match.lastindex))
        position = match.end()
    yield from _trimmed(text, position, len(text))


def _trimmed(text: str, start: int, end: int):
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        yield start, start + len(kept)
