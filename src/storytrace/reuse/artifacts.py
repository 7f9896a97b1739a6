"""Traces of rewriting: a word-level diff inside aligned passages, and the artifacts it reveals.

Substituted words and garbled names come from the diff (a replaced run of equal length on both sides,
paired word by word); lost attributions, inserted boilerplate, stray tokens and wire credits come
from the texts themselves, checked against the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from storytrace.model import Article, Artifact, Passage, Span
from storytrace.reuse.text import TEXTS_CACHED, Token, TokenIndex, token_index

MAX_DIFF_WORDS = 5000  # per passage: the diff is quadratic at worst
MAX_SUBSTITUTION_RUN = 3
GARBLED_NAME_MIN_RATIO = 60.0
RELATED_NAME_MIN_RATIO = 75.0  # "Brunnstrom"/"Bronstrom" are one name; "Tuesday"/"Saturday" are not
NAME_INFLECTIONS = frozenset({"s", "es", "'s", "ese", "ian", "an", "n", "ern", "ish"})
ATTRIBUTION_START = re.compile(r"(?m)(?:^|(?<=[.!?]\s))[ \t]*((?:said|says|told|added|according to)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?)")
ATTRIBUTION_CUE = re.compile(r"(?:said|says|told|added|according to)\s+[A-Z]")  # where ATTRIBUTION_START's group can start
QUOTE_EVENT = re.compile(r'[“”"]|\n(?=\n)')
STRAY_TOKEN = re.compile(r"(?<=[.!?])\s+([a-z]{3,})\.(?=\s|$)")
BOILERPLATE = re.compile(
    r"(?im)^[ \t]*(register now\b.*|about the author\b.*|written by\b.*|sign up for\b.*|subscribe\b.*"
    r"|click here\b.*|share this\b.*|read more\b.*)$"
)
WIRE_SITES = {
    "Reuters": ("reuters.com",),
    "AP": ("apnews.com", "ap.org"),
    "Associated Press": ("apnews.com", "ap.org"),
    "AFP": ("afp.com",),
    "Bloomberg": ("bloomberg.com",),
    "Kyodo": ("kyodonews.net",),
    "Xinhua": ("xinhuanet.com", "news.cn"),
}


@dataclass(slots=True)
class WordDiff:
    source_words: int = 0
    derived_words: int = 0
    matched: int = 0
    matched_outside_quotes: int = 0
    substitutions: list[tuple[Token, Token]] = field(default_factory=list)  # (source word, derived word)

    @property
    def verbatim_share(self) -> float:
        return self.matched / self.derived_words if self.derived_words else 0.0


def diff_passages(source: str, derived: str, passages: list[Passage]) -> WordDiff:
    diff = WordDiff()
    inside_quotes = quoted_mask(derived)
    source_index, derived_index = token_index(source), token_index(derived)
    for passage in passages:
        source_range = _positions_in(source_index, passage.source)
        derived_range = _positions_in(derived_index, passage.derived)
        _diff_one(source_index, source_range, derived_index, derived_range, inside_quotes, diff)
    return diff


def _positions_in(index: TokenIndex, span: Span) -> range:
    first, last = index.bounds_within(span.start, span.end)
    return range(first, min(last, first + MAX_DIFF_WORDS))


def _diff_one(source_index: TokenIndex, source_range: range, derived_index: TokenIndex, derived_range: range,
              inside_quotes: bytearray, diff: WordDiff) -> None:
    diff.source_words += len(source_range)
    diff.derived_words += len(derived_range)
    source_first, derived_first = source_range.start, derived_range.start
    source_words = source_index.norms[source_first : source_range.stop]
    derived_words = derived_index.norms[derived_first : derived_range.stop]
    derived_starts = derived_index.starts
    for operation, i1, i2, j1, j2 in _opcodes(source_words, derived_words):
        if operation == "equal":
            diff.matched += i2 - i1
            matched_starts = derived_starts[derived_first + j1 : derived_first + j2]
            diff.matched_outside_quotes += len(matched_starts) - sum(map(inside_quotes.__getitem__, matched_starts))
        elif operation == "replace" and i2 - i1 == j2 - j1 <= MAX_SUBSTITUTION_RUN:
            diff.substitutions.extend(
                (source_index.token(source_first + i), derived_index.token(derived_first + j))
                for i, j in zip(range(i1, i2), range(j1, j2))
            )


def _opcodes(source_words: list[str], derived_words: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes over a longest common subsequence of the words: "equal" runs, and
    between two of them one "replace", "delete" or "insert" for whatever differs (rapidfuzz's Indel
    alignment, in C; difflib's matcher took 2-5 ms a passage pair)."""
    if source_words == derived_words:  # a verbatim copy: what the alignment would find, without its search
        return [("equal", 0, len(source_words), 0, len(derived_words))] if source_words else []
    merged: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(source_words, derived_words):
        if tag != "equal" and merged and merged[-1][0] != "equal":
            _, first_i, _, first_j, _ = merged.pop()
            i1, j1 = first_i, first_j
            tag = "replace" if (i2 > i1 and j2 > j1) else tag
        merged.append((tag, i1, i2, j1, j2))
    return merged


@lru_cache(maxsize=64)
def quoted_mask(text: str) -> bytearray:
    """1 for every character inside a quotation (straight or curly double quotes); cached, read-only.
    An unclosed quote ends with its paragraph."""
    mask = bytearray(len(text) + 1)
    inside, straight_open, opened_at = False, False, 0
    for match in QUOTE_EVENT.finditer(text):
        position, char = match.start(), match.group()
        if char == "“" or (char == '"' and not straight_open):
            if not inside:
                opened_at = position
            inside, straight_open = True, char == '"'
        elif char == "”" or (char == '"' and straight_open):
            start = opened_at if inside else position
            mask[start : position + 1] = b"\x01" * (position + 1 - start)
            inside, straight_open = False, False
        elif inside:  # a blank line
            mask[opened_at:position] = b"\x01" * (position - opened_at)
            inside = False
    if inside:
        mask[opened_at : len(text)] = b"\x01" * (len(text) - opened_at)
    return mask


def substitution_artifacts(source: str, derived: str, diff: WordDiff) -> list[Artifact]:
    artifacts = []
    for source_token, derived_token in diff.substitutions:
        source_word = source[source_token.start : source_token.end]
        derived_word = derived[derived_token.start : derived_token.end]
        kind = "garbled-name" if _garbled_name(source_word, derived_word) else "substituted-word"
        artifacts.append(Artifact(kind, Span(derived_token.start, derived_token.end), derived_word, source_word,
                                  Span(source_token.start, source_token.end)))
    return artifacts


def _garbled_name(source_word: str, derived_word: str) -> bool:
    if not (source_word[:1].isupper() and derived_word[:1].isupper()):
        return False
    if _word_forms(source_word, derived_word):
        return False  # "Strait"/"Straits", "Japan"/"Japanese": a different word form, not a garbling
    return fuzz.ratio(source_word.lower(), derived_word.lower()) >= GARBLED_NAME_MIN_RATIO


def _word_forms(first: str, second: str) -> bool:
    shorter, longer = sorted((first.lower(), second.lower()), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in NAME_INFLECTIONS


def _related_names(first: str, second: str) -> bool:
    """Two forms of one name, a close garbling of it, or tokens too short to tell (initials, name parts)."""
    if min(len(first), len(second)) <= 2 or _word_forms(first, second):
        return True
    return fuzz.ratio(first.lower(), second.lower()) >= RELATED_NAME_MIN_RATIO


def fact_swaps(source: str, derived: str, diff: WordDiff) -> set[tuple[str, str]]:
    """Distinct names inside sentences (or numbers) replaced by unrelated ones: a sign that the two
    texts tell other facts in one template ("a fire in Recife, 39 hurt" / "in Mombasa, 74 hurt")."""
    swaps = set()
    for source_token, derived_token in diff.substitutions:
        if source_token.norm.isdigit() and derived_token.norm.isdigit():
            swaps.add((source_token.norm, derived_token.norm))
        elif _inside_sentence_name(source, source_token) and _inside_sentence_name(derived, derived_token) \
                and not _related_names(source_token.norm, derived_token.norm):
            swaps.add((source_token.norm, derived_token.norm))
    return swaps


def _inside_sentence_name(text: str, token: Token) -> bool:
    """A capitalised word that does not open a sentence, a line or a quotation."""
    if not text[token.start].isupper():
        return False
    before = text[max(token.start - 3, 0) : token.start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?\n\u201c\"'(:"


def lost_attributions(source: str, derived: str) -> list[Artifact]:
    """Attribution lead-ins ("said Daniel Russell") left without their quote; the source shows it."""
    artifacts = []
    for start, end, phrase in _attribution_starts(derived):
        found = source.find(phrase)
        quote = _quote_before(source, found) if found >= 0 else ""
        if found < 0 or quote:
            artifacts.append(Artifact("lost-attribution", Span(start, end), phrase, quote))
    return artifacts


@lru_cache(maxsize=TEXTS_CACHED)
def _attribution_starts(text: str) -> tuple[tuple[int, int, str], ...]:
    """ATTRIBUTION_START's matches, tried only where its cue words stand (a scan trying the line or
    sentence start at every character took ~0.2 ms a text): a match's group starts at a cue, after
    blanks from the match's start."""
    found = []
    for cue in ATTRIBUTION_CUE.finditer(text):
        blanks_from = cue.start()
        while blanks_from > 0 and text[blanks_from - 1] in " \t":
            blanks_from -= 1
        for start in range(blanks_from, cue.start() + 1):
            if match := ATTRIBUTION_START.match(text, start):
                found.append((match.start(1), match.end(1), match.group(1)))
                break
    return tuple(found)


def _quote_before(text: str, position: int) -> str:
    window = text[max(position - 6, 0) : position]
    if not any(char in window for char in "”\""):
        return ""
    opening = max(text.rfind("“", 0, position - 2), text.rfind('"', 0, max(position - 3, 0)))
    return text[opening:position].strip() if opening >= 0 else ""


def inserted_boilerplate(source: Article, derived: Article) -> list[Artifact]:
    """Boilerplate lines of the derived article (removed by cleaning or of a known kind) not in the source.

    A line cleaning found repeated in the document (a doubled headline) is reported as scrape residue.
    """
    found: dict[Span, tuple[str, str]] = {r.span: (_removal_type(r.reason), r.text) for r in derived.removals}
    for start, end, line in _boilerplate_lines(derived.text):
        found.setdefault(Span(start, end), ("inserted-boilerplate", line))
    return [
        Artifact(kind, span, text.strip())
        for span, (kind, text) in sorted(found.items())
        if text.strip() and text.strip() not in source.text
    ]


@lru_cache(maxsize=TEXTS_CACHED)
def _boilerplate_lines(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((match.start(1), match.end(1), match.group(1)) for match in BOILERPLATE.finditer(text))


def _removal_type(reason: str) -> str:
    return "scrape-residue" if reason == "repeated-in-document" else "inserted-boilerplate"


REGISTRATION_WALL = re.compile(r"(?im)^[ \t]*(register now\b.*|sign up for\b.*|subscribe to continue\b.*)$")


def registration_walls(text: str) -> list[Artifact]:
    """Scraped paywall prompts left in the body ("Register now to get free unlimited access to")."""
    return [Artifact("scrape-residue", Span(m.start(1), m.end(1)), m.group(1)) for m in REGISTRATION_WALL.finditer(text)]


def stray_tokens(text: str) -> list[Artifact]:
    """A lone lowercase word set as its own sentence ("... security role. concentration.")."""
    return [Artifact("stray-token", Span(start, end), word) for start, end, word in _stray_tokens(text)]


@lru_cache(maxsize=TEXTS_CACHED)
def _stray_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((match.start(1), match.end(1), match.group(1)) for match in STRAY_TOKEN.finditer(text))


def is_wire_site(wire: str, site: str | None) -> bool:
    if not site:
        return False
    domains = WIRE_SITES.get(wire, (wire.lower().replace(" ", "") + ".com",))
    return any(site == domain or site.endswith("." + domain) for domain in domains)


def wire_credit_artifacts(source: Article, derived: Article) -> list[Artifact]:
    wire = source.claimed_wire or _site_wire(source.site)
    if wire is None:
        return []
    if derived.dateline is not None and derived.claimed_wire:
        span = derived.dateline.span
        return [Artifact("wire-credit-kept", span, span.of(derived.text), wire)]
    return [Artifact("wire-credit-stripped", Span(0, 0), "", wire)]


def _site_wire(site: str | None) -> str | None:
    return next((wire for wire in WIRE_SITES if is_wire_site(wire, site)), None)
