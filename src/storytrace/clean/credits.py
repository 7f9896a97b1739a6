"""Wire credit lines: "Additional reporting by ...; Editing by ...".

Decision: such a line is credit metadata, not story text, so it is removed with the reason
``wire-credits`` and stays visible among the removals (the names remain available there). A line
only counts as a credit when every ``;``-separated part is "<role> by <names>" and the names are
nothing but capitalised words joined by commas, "and", "&" or "in <Place>": a story sentence such as
"Reporting by the Times found that ..." therefore never matches.
"""

from __future__ import annotations

import re

_ROLE = (
    r"(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|research|graphics|"
    r"production|fact-checking|translation|translated|photography|video)"
)
_CREDIT_PART = re.compile(rf"^(?i:{_ROLE}(?:\s+and\s+{_ROLE})?\s+by)\s+(?P<names>.+)$")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b|\bin\b)\s*|\s+")
_PARTICLES = frozenset({"de", "del", "van", "von", "der", "den", "bin", "al", "da", "la", "le", "du", "di", "dos"})


def is_wire_credit(text: str) -> bool:
    """True for a line made only of "<role> by <names>" credits."""
    inner = text.strip().removeprefix("(").removesuffix(")").strip().rstrip(".").strip()
    parts = [part.strip() for part in inner.split(";")]
    return bool(inner) and all(_is_credit_part(part) for part in parts if part)


def _is_credit_part(part: str) -> bool:
    found = _CREDIT_PART.match(part)
    return found is not None and _are_names(found["names"])


def _are_names(names: str) -> bool:
    words = [word for word in _NAME_SEPARATORS.split(names.strip()) if word]
    return bool(words) and words[0][:1].isupper() and all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _PARTICLES
