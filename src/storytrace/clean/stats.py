"""Cross-document line counts: in how many documents of each site a line occurs.

Keys, never texts, are kept: a line's key is an 8-byte blake2b hash (hex) of the line lower-cased,
with whitespace collapsed, typographic quotes folded and digit runs masked.

Only lines a cross-document rule could ever remove are counted: short lines that are not prose (see
``storytrace.clean.crossdoc``). Prose is never removed by those rules, so counting it would only
cost memory. Beside each counted line its *context* is counted too, under a second key: the line
together with its anchor, the nearest prose line above it (below it when there is none above; the
document's id when the document has no prose). A line that travels with a story keeps its anchor in
every copy; boilerplate recurs beside different text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import blake2b

from storytrace.clean.lines import Line, is_prose, normalise, split_lines, word_count
from storytrace.clean.options import CleanOptions
from storytrace.model import Article

UNKNOWN_SITE = "(unknown)"
_CONTEXT_PERSON = b"st-line-context"


@dataclass(slots=True, frozen=True)
class KeyedLine:
    line: Line
    key: str
    context: str


def line_key(text: str) -> str:
    return blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def context_key(text: str, anchor: str) -> str:
    joined = f"{normalise(text)}\n{normalise(anchor)}".encode("utf-8")
    return blake2b(joined, digest_size=8, person=_CONTEXT_PERSON).hexdigest()


def site_of(article: Article) -> str:
    return article.site or UNKNOWN_SITE


def keyed_lines(text: str, fallback_anchor: str, options: CleanOptions) -> list[KeyedLine]:
    """The lines of ``text`` that could be boilerplate, with their line and context keys."""
    lines = split_lines(text)
    prose = [is_prose(line.text, options.prose_min_words, options.prose_long_words) for line in lines]
    anchors = _anchors(lines, prose, fallback_anchor)
    return [
        KeyedLine(line, line_key(line.text), context_key(line.text, anchor))
        for line, is_story_shaped, anchor in zip(lines, prose, anchors)
        if not is_story_shaped and word_count(line.text) <= options.boilerplate_max_words
    ]


def _anchors(lines: list[Line], prose: list[bool], fallback: str) -> list[str]:
    above = _nearest_prose(lines, prose, range(len(lines)))
    below = _nearest_prose(lines, prose, range(len(lines) - 1, -1, -1))
    return [above[index] or below[index] or fallback for index in range(len(lines))]


def _nearest_prose(lines: list[Line], prose: list[bool], order: Iterable[int]) -> list[str]:
    """For each line, the nearest prose line before it in ``order`` ("" when none)."""
    nearest = [""] * len(lines)
    last = ""
    for index in order:
        nearest[index] = last
        if prose[index]:
            last = lines[index].text
    return nearest


class LineStats:
    """Documents per (line key, site); learns from each batch, hands back what it learned."""

    __slots__ = ("options", "_docs", "_sites", "_delta", "_observed")

    def __init__(self, options: CleanOptions | None = None):
        self.options = options or CleanOptions()
        self._docs: dict[tuple[str, str], int] = {}
        self._sites: dict[str, int] = {}
        self._delta: dict[tuple[str, str], int] = {}
        self._observed: set[str] = set()

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int]], options: CleanOptions | None = None) -> LineStats:
        stats = cls(options)
        for key, site, docs in rows:
            stats._add(key, site, docs)
        return stats

    def observe(self, article: Article) -> None:
        """Counts each distinct candidate line (and context) of ``article`` once, under its site."""
        if article.id in self._observed:
            return
        self._observed.add(article.id)
        site = sys.intern(site_of(article))
        keys: set[str] = set()
        for keyed in keyed_lines(article.text, article.id, self.options):
            keys.update((keyed.key, keyed.context))
        for key in keys:
            self._add(key, site, 1)
            self._delta[(key, site)] = self._delta.get((key, site), 0) + 1

    def docs_on_site(self, key: str, site: str | None) -> int:
        return self._docs.get((key, site or UNKNOWN_SITE), 0)

    def site_count(self, key: str) -> int:
        return self._sites.get(key, 0)

    def delta_rows(self) -> list[tuple[str, str, int]]:
        """(line_key, site, docs) increments observed since construction or the last mark_saved()."""
        return sorted((key, site, docs) for (key, site), docs in self._delta.items())

    def mark_saved(self) -> None:
        self._delta.clear()

    def take_delta(self) -> list[tuple[str, str, int]]:
        """``delta_rows``, handed over to be stored with the batch that added them, and forgotten."""
        rows = self.delta_rows()
        self.mark_saved()
        return rows

    def __len__(self) -> int:
        return len(self._docs)

    def _add(self, key: str, site: str, docs: int) -> None:
        if docs <= 0:
            return
        pair = (key, site)
        if pair not in self._docs:
            self._sites[key] = self._sites.get(key, 0) + 1
        self._docs[pair] = self._docs.get(pair, 0) + docs
