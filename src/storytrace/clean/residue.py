"""Known scrape and CMS residue, matched against the project's list in ``data/boilerplate_residue.txt``.

Each pattern names its own reason code (``registration-wall``, ``comment-prompt``, ``share-widget``,
``cookie-notice``, ``cms-widget``, ``copyright-notice``, ``wire-standards-footer``). A residue phrase
glued to following text ("Leave a ReplyDigital Agency") is residue too: the whole line goes, unless
what follows the phrase is itself prose, in which case only the phrase is cut and the prose is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storytrace.clean.lines import word_count

RESIDUE_FILE = "boilerplate_residue.txt"
_KINDS = ("line", "prefix", "contains")
_LEAD_CHARS = " \t•·*>|#-–—"
_LEAD = r"^[\s•·*>|#\-–—]*"
_TRAIL = re.compile(r"[\s:.!…»›>|\-–—]*")
_GLUE = re.compile(r"[A-Z0-9“\"‘'(\[]")
_SPACE = r"\s+"


@dataclass(slots=True, frozen=True)
class ResiduePattern:
    reason: str
    kind: str  # "line" | "prefix" | "contains"
    max_words: int
    phrase: str
    regex: re.Pattern[str]


@dataclass(slots=True, frozen=True)
class ResidueHit:
    pattern: ResiduePattern
    glued_end: int | None = None  # where the phrase ends when text is glued after it; None: whole line

    def detail(self) -> str:
        glued = " (glued to the text after it)" if self.glued_end is not None else ""
        return f"known residue “{self.pattern.phrase}”{glued}"


def match_residue(text: str) -> ResidueHit | None:
    """The first known residue pattern ``text`` (one stripped line) matches, if any."""
    words = word_count(text)
    for pattern in _candidates(text):
        hit = _match(pattern, text, words)
        if hit is not None:
            return hit
    return None


def _candidates(text: str) -> tuple[ResiduePattern, ...]:
    """The patterns that can match ``text``: those starting as it starts, and the "contains" ones."""
    index = _pattern_index()
    return index.get(_opening(text), index[""])


def _opening(text: str) -> str:
    return text.lstrip(_LEAD_CHARS)[:1].casefold()


@cache
def _pattern_index() -> dict[str, tuple[ResiduePattern, ...]]:
    """Patterns by the opening of their phrase, each list in file order with every "contains" one."""
    patterns = residue_patterns()
    anywhere = tuple(pattern for pattern in patterns if pattern.kind == "contains")
    openings = {_opening(pattern.phrase) for pattern in patterns if pattern.kind != "contains"}
    index = {opening: _in_order(patterns, opening) for opening in openings}
    index[""] = anywhere
    return index


def _in_order(patterns: tuple[ResiduePattern, ...], opening: str) -> tuple[ResiduePattern, ...]:
    return tuple(p for p in patterns if p.kind == "contains" or _opening(p.phrase) == opening)


def _match(pattern: ResiduePattern, text: str, words: int) -> ResidueHit | None:
    if pattern.kind == "line":
        return _match_line(pattern, text)
    if words > pattern.max_words:
        return None
    if pattern.kind == "prefix" and pattern.regex.match(text):
        return ResidueHit(pattern)
    if pattern.kind == "contains" and pattern.regex.search(text):
        return ResidueHit(pattern)
    return None


def _match_line(pattern: ResiduePattern, text: str) -> ResidueHit | None:
    found = pattern.regex.match(text)
    if found is None:
        return None
    rest = text[found.end() :]
    if _TRAIL.fullmatch(rest):
        return ResidueHit(pattern)
    if _GLUE.match(rest) and text[found.end() - 1].islower():
        return ResidueHit(pattern, glued_end=found.end())
    return None


@cache
def residue_patterns() -> tuple[ResiduePattern, ...]:
    source = resources.files("storytrace.data").joinpath(RESIDUE_FILE).read_text(encoding="utf-8")
    return tuple(parse_residue_line(line) for line in source.splitlines() if _is_entry(line))


def _is_entry(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def parse_residue_line(line: str) -> ResiduePattern:
    """One ``reason | match | max words | phrase`` entry of the residue list."""
    reason, kind, max_words, phrase = (part.strip() for part in line.split("|", 3))
    if kind not in _KINDS:
        raise ValueError(f"unknown residue match kind {kind!r} in {line!r}")
    return ResiduePattern(reason, kind, int(max_words), phrase, _compile(kind, phrase))


def _compile(kind: str, phrase: str) -> re.Pattern[str]:
    words = (re.escape(word).replace("'", "['’]") for word in phrase.split())
    body = "(?i:" + _SPACE.join(words) + ")"
    if kind == "contains":
        return re.compile(rf"(?<![A-Za-z]){body}(?![a-z])")
    if kind == "prefix":
        return re.compile(rf"{_LEAD}{body}(?![a-z])")
    return re.compile(rf"{_LEAD}{body}")
