"""Text units for alignment: word tokens with offsets, crude stems, and sentences."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n(?=[A-Z\"“])")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t don said says say mr mrs ms one two new""".split()
)

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


@dataclass(slots=True, frozen=True)
class Token:
    start: int
    end: int
    norm: str  # lowercased surface
    stem: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    terms: Counter = field(default_factory=Counter)  # content stems


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in WORD.finditer(text):
        norm = match.group().lower().replace("’", "'")
        tokens.append(Token(match.start(), match.end(), norm, stem(norm)))
    return tokens


@lru_cache(maxsize=64)
def token_index(text: str) -> tuple[list[Token], list[int]]:
    """The text's tokens and their start offsets, cached: an arriving article is compared with each
    of its candidates, and a candidate with each of its arrivals (read-only after this)."""
    tokens = tokenize(text)
    return tokens, [token.start for token in tokens]


def tokens_within(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text`` lying inside ``[start, end)``."""
    tokens, starts = token_index(text)
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end, first)
    while last > first and tokens[last - 1].end > end:
        last -= 1
    return tokens[first:last]


def content_stems_of(text: str) -> list[str]:
    """The content stems of a text, without building tokens (the fingerprinting fast path)."""
    words = WORD.findall(text.lower().replace("’", "'"))
    return [stem(word) for word in words if word not in STOP_WORDS]


def content_stems(tokens: list[Token]) -> list[str]:
    return [token.stem for token in tokens if token.norm not in STOP_WORDS]


def split_sentences(text: str, min_terms: int = 3) -> list[Sentence]:
    """Sentences with their content stems; ones with fewer than ``min_terms`` join the next."""
    sentences: list[Sentence] = []
    pending: Sentence | None = None
    for start, end in _raw_sentence_bounds(text):
        terms = Counter(content_stems(tokens_within(text, start, end)))
        if not terms:
            continue
        if pending is not None:
            pending.end, pending.terms = end, pending.terms + terms
        else:
            pending = Sentence(start, end, terms)
        if sum(pending.terms.values()) >= min_terms:
            sentences.append(pending)
            pending = None
    if pending is not None:
        _append_tail(sentences, pending)
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
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, len(text))


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
