"""MinHash signatures of content-word shingles and their LSH band keys, vectorised with numpy.

Shingles are pairs of consecutive content words (stop words dropped), so that a spun copy with a
quarter of its words swapped still shares about half of its shingles with the source.

Words are cut on whitespace after the text is lowered, encoded and its ASCII punctuation (and the
common typographic marks) blanked with one ``bytes.translate``: several times faster than a regular
expression, and every article is cut the same way, which is all fingerprints need. Each word is then
hashed in one numpy operation over all words: its first 16 UTF-8 bytes, read as two 64-bit integers,
multiplied and mixed. The hashes are stable across runs, so stored keys stay valid after a restart.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np

from storytrace.reuse.text import STOP_WORDS

_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
SCHEME = 1  # bumped whenever words or hashes change: keys of another scheme never match
WORD_BYTES = 16  # longer words are hashed on their first 16 bytes
MAX_SHINGLES = 20_000  # a 5 MB page is fingerprinted on its first 20,000 shingles


_BLANK_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_TYPOGRAPHIC_MARKS = ("\u201c", "\u201d", "\u2018", "\u2019", "\u2014", "\u2013", "\u2026", "\u00ab", "\u00bb")


def words_of(text: str) -> list[bytes]:
    """The text's words (UTF-8, lowered, punctuation cut away), in order."""
    lowered = text.lower()
    for mark in _TYPOGRAPHIC_MARKS:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    return lowered.encode("utf-8", "replace").translate(_BLANK_PUNCTUATION).split()


def word_hashes(words: list[bytes]) -> np.ndarray:
    """One 64-bit hash per word, computed for all words at once."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    halves = np.array(words, dtype=f"S{WORD_BYTES}").view("<u8").reshape(len(words), 2)
    with np.errstate(over="ignore"):
        hashes = (halves[:, 0] * _MIX[0]) ^ (halves[:, 1] * _MIX[1])
        return hashes ^ (hashes >> np.uint64(29))


_STOP_HASHES = np.sort(word_hashes([word.encode() for word in STOP_WORDS]))


def content_word_hashes(text: str) -> np.ndarray:
    """Hashes of the text's words without stop words, in order."""
    hashes = word_hashes(words_of(text))
    nearest = np.minimum(np.searchsorted(_STOP_HASHES, hashes), _STOP_HASHES.size - 1)
    return hashes[_STOP_HASHES[nearest] != hashes]  # a sorted search: np.isin is slower on a few hundred


@dataclass(slots=True, frozen=True)
class MinHashParams:
    bands: int = 64
    rows: int = 1  # one value a band: a third reused or a quarter spun still shares ~10-25 bands
    seed: int = 20130101

    @property
    def permutations(self) -> int:
        return self.bands * self.rows


class MinHasher:
    def __init__(self, params: MinHashParams = MinHashParams()):
        self.params = params
        generator = np.random.default_rng(params.seed)
        self.a = generator.integers(1, 2**63, size=params.permutations, dtype=np.uint64) | np.uint64(1)
        self.b = generator.integers(0, 2**63, size=params.permutations, dtype=np.uint64)

    def shingle_hashes(self, text: str) -> np.ndarray:
        """Distinct hashes of consecutive content-word pairs (single words for a one-word text)."""
        hashes = content_word_hashes(text[: MAX_SHINGLES * 16])[: MAX_SHINGLES + 1]
        if hashes.size > 1:
            with np.errstate(over="ignore"):
                hashes = (hashes[:-1] * _MIX[2]) ^ hashes[1:]
        return _distinct(hashes)

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature (multiply-shift hashing, top 32 bits), or None with no content words."""
        hashes = self.shingle_hashes(text)
        if hashes.size == 0:
            return None
        with np.errstate(over="ignore"):
            permuted = np.multiply(hashes[:, None], self.a[None, :])
            permuted += self.b[None, :]
        return permuted.min(axis=0) >> np.uint64(32)  # the shift keeps the order: min, then shift

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the scheme and the band's number in the high half, its hashed rows in
        the low half."""
        rows = signature.reshape(self.params.bands, self.params.rows).astype(np.uint64)
        values = rows[:, 0]
        with np.errstate(over="ignore"):
            for column in range(1, self.params.rows):
                values = ((values * _MIX[column % 2]) ^ rows[:, column]) >> np.uint64(32)
        bands = (np.arange(self.params.bands, dtype=np.uint64) | np.uint64(SCHEME << 16)) << np.uint64(32)
        return (bands | (values & np.uint64(0xFFFFFFFF))).view(np.int64)


def key_scheme(keys: np.ndarray) -> int:
    """The fingerprint scheme band keys were made with (0: before schemes were marked)."""
    return int(keys.view(np.uint64)[0] >> np.uint64(48)) if keys.size else SCHEME


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a mask: faster than np.unique on a few hundred values)."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.mean(first == second))
