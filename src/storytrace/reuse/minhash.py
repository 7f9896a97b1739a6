"""MinHash signatures of content-word shingles and their LSH band keys, vectorised with numpy.

Shingles are pairs of consecutive content words (stop words dropped), so that a spun copy with a
quarter of its words swapped still shares about half of its shingles with the source. Shingle hashes
are CRC-32 (stable across runs, so stored keys stay valid after a restart).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from storytrace.reuse.text import STOP_WORDS, WORD

_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
WORD_CACHE_SIZE = 500_000
MAX_SHINGLES = 20_000  # a 5 MB page is fingerprinted on its first 20,000 shingles


def content_words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if word not in STOP_WORDS]


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
        self._word_hashes: dict[str, int] = {}  # CRC-32 of words seen, to skip re-encoding common ones

    def shingle_hashes(self, text: str) -> np.ndarray:
        """Distinct hashes of consecutive content-word pairs (single words for a one-word text)."""
        words = content_words(text[: MAX_SHINGLES * 16])[: MAX_SHINGLES + 1]
        known = self._word_hashes
        if len(known) > WORD_CACHE_SIZE:
            known.clear()
        hashes = np.array([known.get(word) or self._hash_word(word) for word in words], dtype=np.uint64)
        if hashes.size > 1:
            with np.errstate(over="ignore"):
                hashes = (hashes[:-1] * _MIX[0]) ^ hashes[1:]
        return np.unique(hashes)

    def _hash_word(self, word: str) -> int:
        value = zlib.crc32(word.encode()) or 1
        self._word_hashes[word] = value
        return value

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature (multiply-shift hashing, top 32 bits), or None with no content words."""
        hashes = self.shingle_hashes(text)
        if hashes.size == 0:
            return None
        with np.errstate(over="ignore"):
            permuted = (hashes[:, None] * self.a[None, :] + self.b[None, :]) >> np.uint64(32)
        return permuted.min(axis=0)

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's number in the high half, its hashed rows in the low half."""
        rows = signature.reshape(self.params.bands, self.params.rows).astype(np.uint64)
        values = rows[:, 0]
        with np.errstate(over="ignore"):
            for column in range(1, self.params.rows):
                values = ((values * _MIX[column % 2]) ^ rows[:, column]) >> np.uint64(32)
        bands = np.arange(self.params.bands, dtype=np.uint64) << np.uint64(32)
        return (bands | (values & np.uint64(0xFFFFFFFF))).view(np.int64)


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.mean(first == second))
