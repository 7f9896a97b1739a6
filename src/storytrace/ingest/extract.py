"""RawDoc -> Article: the body text and its metadata, from whatever the input gave.

Precedence for every field: what the input states explicitly (JSONL fields, feed entries), then what
the HTML page states, then what the plain text itself shows (header lines, dateline). Nothing is
invented: an unknown date stays None.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import lxml.html

from storytrace.ingest.html import extract_html
from storytrace.ingest.textmeta import is_date_line, parse_text_header
from storytrace.model import Article, RawDoc, Removal, Skipped


def to_article(raw: RawDoc) -> Article | Skipped:
    if raw.text is None and raw.html is None:
        return Skipped(raw.origin, "no text and no HTML")
    if raw.text is not None:
        return _from_text(raw, raw.text, page=None)
    if raw.fmt == "feed":  # a feed entry's content is the article itself, not a page around it
        return _from_text(raw, fragment_text(raw.html or ""), page=None)
    page = extract_html(raw.html or "", raw.url)
    if page is None or not page.text.strip():
        return Skipped(raw.origin, "HTML page has no article body")
    return _from_text(raw, page.text, page)


BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, one line per block element; scripts and styles dropped."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _from_text(raw: RawDoc, text: str, page) -> Article | Skipped:
    if not text.strip():
        return Skipped(raw.origin, "empty text")
    meta = parse_text_header(text)
    url = raw.url or (page.url if page else None)
    published, published_from = _published(raw, page, meta.published)
    return Article(
        id=raw.id or content_id(url, raw.html if raw.text is None else text),
        origin=raw.origin,
        fmt=raw.fmt,
        text=text,
        url=url,
        site=raw.site or (page.site if page else None) or meta.site or site_from_url(url),
        title=_given_title(raw) or (page.title if page else None) or meta.title,
        published=published,
        published_from=published_from,
        authors=list(raw.authors) or (list(page.authors) if page else []) or list(meta.authors),
        byline=meta.byline,
        dateline=meta.dateline,
        extra=dict(raw.extra),
        removals=_kept_header_removals(meta.header_removals),
    )


def _given_title(raw: RawDoc) -> str | None:
    """The input's title, unless it is only a date (ECB+ and some feeds give the first line)."""
    return None if raw.title is None or is_date_line(raw.title) else raw.title


def _kept_header_removals(removals: list[Removal]) -> list[Removal]:
    # The headline is article content: it stays in the clean text (and is analysed); only its
    # repetitions and the byline line are taken out.
    return [removal for removal in removals if removal.reason != "headline"]


def content_id(url: str | None, content: str | None) -> str:
    """A stable id from what the input is: its URL (when known) and its content."""
    digest = hashlib.sha256()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\n")
    digest.update((content or "").encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _published(raw: RawDoc, page, from_text: datetime | None) -> tuple[datetime | None, str | None]:
    for value, where in ((raw.published, "input"), (page.published if page else None, "html")):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed, where
    if from_text is not None:
        return as_utc(from_text), "text"
    return None, None


def as_utc(moment: datetime) -> datetime:
    """Every stored time is zone-aware so that all can be compared; a time stated without a zone
    is taken as UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def parse_date(value: str | None) -> datetime | None:
    """ISO 8601 (what JSONL and HTML metadata give) or RFC 822 (what feeds give), zone-aware; else None."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None
