"""Originality per source: the share of a site's articles (and words) derived from others."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storytrace.model import ReuseLink

DERIVED_KINDS = frozenset({"duplicate", "copy", "spun", "partial", "rewrite"})


@dataclass(slots=True, frozen=True)
class SiteOriginality:
    site: str
    articles: int
    words: int
    derived_articles: int
    derived_words: int
    uncredited_articles: int  # derived without a wire credit or other credit kept

    @property
    def derived_share(self) -> float:
        return self.derived_articles / self.articles if self.articles else 0.0

    @property
    def derived_word_share(self) -> float:
        return self.derived_words / self.words if self.words else 0.0

    @property
    def uncredited_share(self) -> float:
        return self.uncredited_articles / self.articles if self.articles else 0.0


def originality(articles: list[tuple[str, str, int]], links: list[ReuseLink]) -> list[SiteOriginality]:
    """``articles``: (id, site, words). An article counts as derived if it is the derived side of any
    derivation link (``shared-quote`` does not count); uncredited if none of those links kept a credit."""
    derived: dict[str, bool] = {}
    for link in links:
        if link.kind in DERIVED_KINDS:
            credited = any(a.type == "wire-credit-kept" for a in link.artifacts)
            derived[link.derived_id] = derived.get(link.derived_id, False) or credited
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for article_id, site, words in articles:
        row = totals[site or "(unknown)"]
        row[0] += 1
        row[1] += words
        if article_id in derived:
            row[2] += 1
            row[3] += words
            row[4] += 0 if derived[article_id] else 1
    return [SiteOriginality(site, *row) for site, row in sorted(totals.items())]
