"""Postings from terms and entities to the stories that hold them, for candidate lookup."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

ENTITY_PREFIX = "\x00"  # keeps entity keys apart from term keys in one postings table


class StoryIndex:
    __slots__ = ("postings", "max_posting")

    def __init__(self, max_posting: int = 5000):
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.max_posting = max_posting  # a key held by more stories than this says nothing

    def add(self, story_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            self.postings[key].add(story_id)

    def remove(self, story_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            holders = self.postings.get(key)
            if holders is None:
                continue
            holders.discard(story_id)
            if not holders:
                del self.postings[key]

    def candidates(self, weights: Mapping[str, float], limit: int) -> list[str]:
        """Stories sharing the given keys, ranked by the summed weight of the keys they share."""
        scores: dict[str, float] = defaultdict(float)
        for key, weight in weights.items():
            holders = self.postings.get(key)
            if holders is None or len(holders) > self.max_posting:
                continue
            for story_id in holders:
                scores[story_id] += weight
        return sorted(scores, key=lambda story_id: (-scores[story_id], story_id))[:limit]  # ties: by id, not hash order


def entity_key(entity: str) -> str:
    return ENTITY_PREFIX + entity
