"""Originality per source: the share of a site's articles (and words) derived from others.

Computed over the store by ``store.reuse.site_originality``."""

from __future__ import annotations

from dataclasses import dataclass

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
