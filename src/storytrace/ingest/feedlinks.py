"""Feed entries that only link to their article, matched to the pages read in the same batch."""

from __future__ import annotations

from collections.abc import Iterator

from storytrace.ingest.feed import LinkOnlyEntry
from storytrace.ingest.urls import normalise_url
from storytrace.model import RawDoc, Skipped


class LinkOnlyEntries:
    """Holds the link-only entries of a batch (only they are buffered) and lends their metadata."""

    def __init__(self) -> None:
        self.entries: list[LinkOnlyEntry] = []
        self.by_key: dict[str, list[LinkOnlyEntry]] = {}
        self.matched_keys: set[str] = set()

    def add(self, entry: LinkOnlyEntry) -> None:
        self.entries.append(entry)
        self.by_key.setdefault(normalise_url(entry.url), []).append(entry)

    def enrich(self, doc: RawDoc) -> None:
        """Give a page the title, date, authors and site of the entries linking to it, where it lacks them."""
        if not self.by_key or doc.html is None or doc.url is None or doc.fmt == "feed":
            return
        key = normalise_url(doc.url)
        for entry in self.by_key.get(key, ()):
            self.matched_keys.add(key)
            fill_missing(doc, entry)

    def unmatched(self) -> Iterator[Skipped]:
        for entry in self.entries:
            if normalise_url(entry.url) not in self.matched_keys:
                reason = f"feed entry has only a link ({entry.url}) and no HTML for it in this batch"
                yield Skipped(entry.origin, reason)


def fill_missing(doc: RawDoc, entry: LinkOnlyEntry) -> None:
    doc.title = doc.title or entry.title
    doc.published = doc.published or entry.published
    doc.authors = doc.authors or list(entry.authors)
    doc.site = doc.site or entry.site
    doc.extra.setdefault("feed_entry", entry.origin)
