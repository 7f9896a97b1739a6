"""The link stage: each arriving article is fingerprinted, looked up, aligned against its candidates
only (never against all articles), and indexed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from storytrace.model import Article, ReuseLink
from storytrace.reuse.derive import DeriveParams, derive
from storytrace.reuse.index import Fingerprint, LinkIndex


@dataclass(slots=True)
class Arrival:
    fingerprint: Fingerprint  # to persist (store.reuse.save_fingerprints)
    candidate_ids: list[str]  # earlier articles to compare with, best first, capped
    links: list[ReuseLink] = field(default_factory=list)


class Linker:
    def __init__(self, index: LinkIndex | None = None, params: DeriveParams = DeriveParams()):
        self.index = index or LinkIndex()
        self.params = params

    def add(self, article: Article) -> Arrival:
        """Fingerprint and index the article; return its candidates among earlier articles."""
        fingerprint, candidate_ids = self.index.add(article.id, article.clean_text or article.text)
        return Arrival(fingerprint, candidate_ids)

    def link(self, article: Article, candidates: list[Article]) -> list[ReuseLink]:
        """Links between the article and each candidate (earlier articles win ties on direction)."""
        links = []
        for candidate in candidates:
            link = derive(candidate, article, self.params)
            if link is not None:
                links.append(link)
        return links

    def process(self, article: Article, load: Callable[[str], Article | None]) -> Arrival:
        arrival = self.add(article)
        candidates = [found for found in map(load, arrival.candidate_ids) if found is not None]
        arrival.links = self.link(article, candidates)
        return arrival
