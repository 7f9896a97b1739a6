"""The domain types every stage shares.

All character offsets (``Span``) index ``Article.text``: the article text exactly as it was given on
input (for HTML input, the body text extracted from the page). Cleaning never rewrites that text; it
records removals and builds ``clean_text`` with an ``OffsetMap`` back to the original.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True, frozen=True, order=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class RawDoc:
    """One input record as a reader found it, before any interpretation."""

    origin: str  # where it came from, for error messages: "path", "path:line 3", "path#record 7"
    fmt: str  # "text" | "html" | "jsonl" | "warc" | "feed"
    text: str | None = None
    html: str | None = None
    id: str | None = None  # an id given by the input (JSONL `id`)
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None  # as given (ISO 8601 or feed date); parsed later
    authors: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, kept verbatim


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input that could not be read or used; the batch goes on without it."""

    origin: str
    reason: str


@dataclass(slots=True, frozen=True)
class Dateline:
    span: Span
    places: tuple[str, ...]
    wire: str | None = None  # the claimed source, e.g. "Reuters"


@dataclass(slots=True, frozen=True)
class Removal:
    span: Span
    reason: str  # a short code, e.g. "repeated-in-document", "site-boilerplate", "registration-wall"
    text: str
    detail: str = ""  # a human-readable explanation


class OffsetMap:
    """Maps offsets in ``clean_text`` back to offsets in the original text.

    Built from the kept pieces of the original, in order; ``clean_text`` is those pieces joined with
    ``sep``.
    """

    __slots__ = ("pieces", "clean_starts", "sep")

    def __init__(self, pieces: list[Span], sep: str = "\n"):
        self.pieces = pieces
        self.sep = sep
        self.clean_starts: list[int] = []
        position = 0
        for piece in pieces:
            self.clean_starts.append(position)
            position += len(piece) + len(sep)

    def build_clean_text(self, text: str) -> str:
        return self.sep.join(piece.of(text) for piece in self.pieces)

    def to_raw(self, clean_offset: int) -> int:
        if not self.pieces:
            return 0
        index = max(bisect.bisect_right(self.clean_starts, clean_offset) - 1, 0)
        piece = self.pieces[index]
        return min(piece.start + clean_offset - self.clean_starts[index], piece.end)

    def span_to_raw(self, start: int, end: int) -> Span:
        raw_start = self.to_raw(start)
        raw_end = self.to_raw(end - 1) + 1 if end > start else raw_start
        return Span(raw_start, raw_end)

    @classmethod
    def identity(cls, text: str) -> OffsetMap:
        return cls([Span(0, len(text))])


@dataclass(slots=True)
class Entity:
    """A normalised real-world referent, shared across articles."""

    id: str  # "country:JPN", "person:antony-blinken", "org:rand-corporation"
    kind: str  # "country" | "person" | "org" | "place" | "other"
    name: str  # canonical display name
    code: str | None = None  # ISO 3166 alpha-3 for countries
    variants: dict[str, int] = field(default_factory=dict)  # spelling -> times seen


@dataclass(slots=True, frozen=True)
class Mention:
    span: Span  # into Article.text
    text: str
    label: str  # the NER label (GPE, NORP, PERSON, ORG, ...)
    entity_id: str | None = None


@dataclass(slots=True)
class Article:
    id: str
    origin: str
    fmt: str
    text: str  # as given on input; every Span indexes this
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_from: str | None = None  # "input" | "html" | "text": where the date was found
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: Dateline | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    clean_text: str = ""
    offsets: OffsetMap | None = None
    sentences: list[Span] = field(default_factory=list)
    tokens: int = 0
    mentions: list[Mention] = field(default_factory=list)

    @property
    def claimed_wire(self) -> str | None:
        return self.dateline.wire if self.dateline else None


# --- provenance (reuse/) ---------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Passage:
    """A reused passage: where it stands in the source and in the derived article."""

    source: Span
    derived: Span
    similarity: float = 1.0


@dataclass(slots=True, frozen=True)
class Artifact:
    """A trace of rewriting in a derived article (offsets into the derived article's text)."""

    type: str  # "substituted-word" | "garbled-name" | "lost-attribution" | "inserted-boilerplate" | ...
    derived: Span
    derived_text: str
    source_text: str = ""
    source: Span | None = None


@dataclass(slots=True, frozen=True)
class Evidence:
    """One reason for a link's kind or direction, as a reader would check it."""

    kind: str  # "publication-time" | "wire-credit" | "containment" | "artifacts" | ...
    detail: str
    favours: str = "direction"  # what it supports, e.g. "direction" or "kind"


@dataclass(slots=True)
class ReuseLink:
    source_id: str
    derived_id: str
    kind: str  # "duplicate" | "copy" | "spun" | "partial" | "rewrite" | "shared-quote"
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)


# --- stories (stories/) ----------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class StoryMember:
    article_id: str
    role: str  # "original" | "copy" | "independent"


@dataclass(slots=True)
class Story:
    id: str
    headline: str
    start: datetime | None = None
    end: datetime | None = None
    members: list[StoryMember] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    merged_into: str | None = None


# --- attributions and events (nlp/) ----------------------------------------------------------


@dataclass(slots=True)
class Quote:
    """An attribution: who (source) said (cue) what (content); spans index Article.text."""

    article_id: str
    kind: str  # "direct" | "indirect" | "mixed"
    content: Span | None
    cue: Span | None = None
    source: Span | None = None
    speaker_id: str | None = None  # an Entity id
    speaker: str | None = None  # the speaker as named (resolved display name when known)
    broken: bool = False  # a cue whose content is missing


@dataclass(slots=True, frozen=True)
class Actor:
    text: str
    code: str | None = None  # ISO 3166 alpha-3 or an IGO code
    sector: str | None = None  # GOV, MIL, ...
    entity_id: str | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER-coded political event mentioned in one article."""

    article_id: str
    type: str
    evidence: Span  # the sentence
    mode: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    date: datetime | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
