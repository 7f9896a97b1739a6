"""Small string normalisations shared by the entity resolvers."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "'S", "’S"})


@functools.lru_cache(maxsize=65536)  # the same names and words come back all the time
def fold(text: str) -> str:
    """Case-folded, accent-free form for comparing spellings: "Élysée" -> "elysee"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.translate(_APOSTROPHES).rstrip()).rstrip()


def surface_form(text: str) -> str:
    """The spelling worth recording as a variant: no leading "the", no possessive, single spaces."""
    collapsed = _SPACES.sub(" ", text).strip()
    return strip_possessive(_LEADING_ARTICLE.sub("", collapsed))


def alias_key(text: str) -> str:
    """Lookup key for aliases: surface form, folded, without dots ("the U.S.'s" -> "us")."""
    return fold(surface_form(text)).replace(".", "").strip()


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", fold(text)).strip("-")
