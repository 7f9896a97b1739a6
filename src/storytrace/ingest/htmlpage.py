"""HTML files -> ``RawDoc(fmt="html")``; also the page check shared with WARC records.

Only what is cheap is read here: the page's own URL (``<link rel=canonical>``, then ``og:url``; only
those tags are parsed) and whether the body holds any text at all (scanning stops at the first text).
Everything else about the page is the extractor's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import urljoin, urlsplit

from lxml import etree

from storytrace.ingest.charset import decode_html
from storytrace.ingest.limits import BadInput, ReadLimits
from storytrace.ingest.source import InputFile, read_capped
from storytrace.model import RawDoc, Skipped

NO_BODY_TEXT = "HTML has no body text"
HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
BODY_START = re.compile(r"<body\b", re.IGNORECASE)
# Pages often misplace these (after </head>, in the body): they are collected from the whole page.
URL_TAGS = re.compile(r"<(?:link|meta|base)\b[^>]*>", re.IGNORECASE)
# Markup pieces in document order; text is whatever does not start with "<". Scripts, styles and
# comments are consumed whole (to their end, or to the end of the page when unclosed).
MARKUP_PIECE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)|<[^>]*>?|[^<]+",
    re.IGNORECASE | re.DOTALL,
)
CANONICAL_HREFS = etree.XPath(
    "//link[contains(concat(' ', translate(normalize-space(@rel), 'CANONICAL', 'canonical'), ' '),"
    " ' canonical ')]/@href"
)
OG_URLS = etree.XPath("//meta[@property='og:url' or @name='og:url']/@content")
BASE_HREFS = etree.XPath("//base/@href")


def read_html_file(file: InputFile, limits: ReadLimits) -> Iterator[RawDoc | Skipped]:
    try:
        html = decode_html(read_capped(file, limits.html_bytes, "HTML file"))
    except BadInput as error:
        yield Skipped(file.origin, str(error))
        return
    yield html_doc(file.origin, html)


def html_doc(origin: str, html: str, fmt: str = "html", url: str | None = None) -> RawDoc | Skipped:
    """A RawDoc for a page with body text; ``url`` (when known from outside) wins over the page's."""
    head_end = HEAD_END.search(html)
    if not has_body_text(html, head_end.start() if head_end else 0):
        return Skipped(origin, NO_BODY_TEXT)
    return RawDoc(origin=origin, fmt=fmt, html=html, url=url or page_url(html))


def has_body_text(html: str, head_end: int) -> bool:
    """Whether any text outside tags, scripts, styles and comments follows the head."""
    body = BODY_START.search(html, head_end)
    for piece in MARKUP_PIECE.finditer(html, body.start() if body else head_end):
        text = piece.group()
        if not text.startswith("<") and not unescape(text).isspace():
            return True
    return False


def page_url(html: str) -> str | None:
    """The URL a page gives for itself: the canonical link, else og:url; absolute http(s) only."""
    tags = URL_TAGS.findall(html)
    root = parse_html("<html><head>" + "".join(tags) + "</head></html>") if tags else None
    if root is None:
        return None
    bases = BASE_HREFS(root)
    base = bases[0].strip() if bases else None
    for candidate in CANONICAL_HREFS(root) + OG_URLS(root):
        url = absolute_http_url(candidate.strip(), base)
        if url is not None:
            return url
    return None


def parse_html(html: str) -> etree._Element | None:
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        return etree.fromstring(html.encode("utf-8", errors="replace"), parser)
    except (etree.LxmlError, ValueError):
        return None


def absolute_http_url(candidate: str, base: str | None) -> str | None:
    if candidate.startswith("//"):
        candidate = "https:" + candidate
    elif base:
        candidate = urljoin(base, candidate)
    parts = urlsplit(candidate)
    return candidate if parts.scheme in ("http", "https") and parts.netloc else None
