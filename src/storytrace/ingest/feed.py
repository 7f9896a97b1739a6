"""RSS and Atom feeds (via feedparser) -> one ``RawDoc(fmt="feed")`` per entry holding its article.

An entry holds its article when its ``content`` (or, failing that, a long ``summary`` /
``description``) has enough text; origin ``path#entry N``, numbered from 1. An entry with only a
link (and at most a teaser) comes back as a ``LinkOnlyEntry``: the batch reader matches it to a
page read elsewhere in the same batch.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from storytrace.ingest.limits import BadInput, ReadLimits
from storytrace.ingest.source import InputFile, read_capped
from storytrace.model import RawDoc, Skipped

MIN_CONTENT_CHARS = 200  # an entry's content shorter than this is a teaser, not the article
MIN_SUMMARY_CHARS = 600  # a summary/description this long holds the article itself
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class LinkOnlyEntry:
    """A feed entry that only points at its article: its metadata waits for the page."""

    origin: str
    url: str
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    site: str | None


@dataclass(frozen=True, slots=True)
class EntryBody:
    value: str
    is_html: bool


def read_feed_file(file: InputFile, limits: ReadLimits) -> Iterator[RawDoc | Skipped | LinkOnlyEntry]:
    try:
        parsed = feedparser.parse(read_capped(file, limits.feed_bytes, "feed"))  # bytes: never fetched
    except BadInput as error:
        yield Skipped(file.origin, str(error))
        return
    if not parsed.entries:
        yield Skipped(file.origin, empty_feed_reason(parsed))
        return
    site = clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield entry_item(entry, f"{file.origin}#entry {number}", site)


def empty_feed_reason(parsed: Any) -> str:
    if parsed.get("bozo"):
        return f"not a readable feed (not well-formed XML: {parsed.get('bozo_exception')})"
    return "feed has no entries"


def entry_item(entry: Any, origin: str, site: str | None) -> RawDoc | Skipped | LinkOnlyEntry:
    body = entry_body(entry)
    link = clean(entry.get("link"))
    title, published, authors = clean(entry.get("title")), entry_published(entry), entry_authors(entry)
    if body is not None:
        return RawDoc(origin=origin, fmt="feed", html=body.value if body.is_html else None,
                      text=None if body.is_html else body.value, url=link, site=site, title=title,
                      published=published, authors=list(authors), extra=entry_extra(entry))
    if link is not None:
        return LinkOnlyEntry(origin, link, title, published, authors, site)
    return Skipped(origin, "feed entry has neither its article's content nor a link to it")


def entry_body(entry: Any) -> EntryBody | None:
    contents = [item for item in entry.get("content") or [] if item.get("value")]
    longest = max(contents, key=lambda item: visible_length(item["value"]), default=None)
    if longest is not None and visible_length(longest["value"]) >= MIN_CONTENT_CHARS:
        return body_of(longest)
    summary = entry.get("summary_detail")
    if summary and summary.get("value") and visible_length(summary["value"]) >= MIN_SUMMARY_CHARS:
        return body_of(summary)
    return None


def body_of(detail: Any) -> EntryBody:
    value = detail["value"]
    is_html = detail.get("type") != "text/plain" and bool(TAG.search(value) or "&" in value)
    return EntryBody(value, is_html)


def visible_length(markup: str) -> int:
    return len(" ".join(html.unescape(TAG.sub(" ", markup)).split()))


def entry_published(entry: Any) -> str | None:
    return clean(entry.get("published")) or clean(entry.get("updated"))


def entry_authors(entry: Any) -> tuple[str, ...]:
    names = [clean(author.get("name")) for author in entry.get("authors") or []]
    found = tuple(name for name in names if name)
    author = clean(entry.get("author"))
    return found or ((author,) if author else ())


def entry_extra(entry: Any) -> dict[str, Any]:
    guid = clean(entry.get("id"))
    return {"guid": guid} if guid else {}


def clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
