"""Article body and metadata from one HTML page, with trafilatura, offline and time-limited.

Body extraction runs trafilatura in precision mode without comments, after pruning nav, header,
footer and aside elements: on the development half of the article-extraction benchmark that scores
F1 0.975 against 0.962 for trafilatura's defaults (see ``storytrace.eval.extraction``). Precision
mode skips trafilatura's own rescues for short results, so a short precision result is compared
with a balanced-mode extraction and the longer one is kept.

Hostile input: pages over ``MAX_HTML_CHARS`` characters or ``MAX_ELEMENTS`` start tags are refused,
and extraction stops after ``time_limit`` seconds. The time limit uses ``SIGALRM``, so it only
applies in the main thread of a Unix process and when no other interval timer is running; in other
threads only the size and element caps protect the caller (run extraction in worker processes
there). Nothing is ever fetched: trafilatura's extraction and metadata functions do no I/O.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import Document, extract_metadata
from trafilatura.utils import load_html

MAX_HTML_CHARS = 20_000_000
# A flat page of 350k elements took 49 s; real news pages have a few thousand elements.
MAX_ELEMENTS = 100_000
DEFAULT_TIME_LIMIT = 10.0
# Below this many characters a precision-mode body is checked against a balanced-mode one
# (trafilatura's own MIN_EXTRACTED_SIZE, the threshold of the rescues precision mode skips).
SHORT_BODY_CHARS = 250

_START_TAG = re.compile(r"<[A-Za-z]")
_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
_WORD = re.compile(r"\w")
# Page furniture pruned before every extraction, including trafilatura's whole-page rescue dumps.
STRUCTURAL_BOILERPLATE = ("//nav", "//footer", "//aside", "//header")

# trafilatura and htmldate warn on every page without a body; extract_html's None says the same.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class HtmlPage:
    text: str  # the article body as plain text, paragraphs separated by "\n"
    title: str | None = None
    site: str | None = None  # a site name the page states (og:site_name, publisher, title suffix)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date the page states, never a guess
    url: str | None = None


class ExtractionTimeout(BaseException):
    """Raised by the alarm inside trafilatura.

    A BaseException so that trafilatura's own ``except Exception`` fallbacks cannot swallow it.
    """


def extract_html(
    html: str, url: str | None = None, *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> HtmlPage | None:
    """The article in ``html``, or None when the page is refused or has no article body."""
    if not html or len(html) > MAX_HTML_CHARS or _count_start_tags(html) > MAX_ELEMENTS:
        return None
    try:
        with _time_limit(time_limit):
            return _extract(html, url)
    except ExtractionTimeout:
        return None


def _count_start_tags(html: str) -> int:
    return sum(1 for _ in _START_TAG.finditer(html))


def _extract(html: str, url: str | None) -> HtmlPage | None:
    tree = load_html(html)
    if tree is None:
        return None
    text = extract_body(tree, url)
    if not text:
        return None
    return _page(text, _metadata(tree, url), url)


def extract_body(tree: HtmlElement, url: str | None = None) -> str:
    """The article body of a parsed page as plain text ("" when there is none)."""
    text = _run_trafilatura(tree, url, favor_precision=True)
    if len(text) < SHORT_BODY_CHARS:
        balanced = _run_trafilatura(tree, url, favor_precision=False)
        text = balanced if len(balanced) > len(text) else text
    return text if _WORD.search(text) else ""


def _run_trafilatura(tree: HtmlElement, url: str | None, *, favor_precision: bool) -> str:
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        prune_xpath=list(STRUCTURAL_BOILERPLATE),
    )
    if document is None or not document.text:
        return ""
    return unicodedata.normalize("NFC", document.text).strip()


def _metadata(tree: HtmlElement, url: str | None) -> Document:
    # No extensive search: htmldate's free-text search falls back to a copyright year as January 1.
    date_config = {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}
    return extract_metadata(tree, default_url=url, date_config=date_config)


def _page(text: str, metadata: Document, url: str | None) -> HtmlPage:
    return HtmlPage(
        text=text,
        title=metadata.title or None,
        site=_stated_site_name(metadata, url),
        authors=split_authors(metadata.author),
        published=metadata.date or None,
        url=url or metadata.url or None,
    )


def _stated_site_name(metadata: Document, url: str | None) -> str | None:
    """The site name, unless trafilatura only derived it from the URL's host."""
    name = metadata.sitename
    if not name:
        return None
    hosts = {match.group(1) for link in (url, metadata.url) if link and (match := _SITE_FROM_URL.match(link))}
    return None if name in hosts else name


def split_authors(author: str | None) -> list[str]:
    """trafilatura joins several authors with "; "."""
    if not author:
        return []
    return [name.strip() for name in author.split(";") if name.strip()]


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after ``seconds``, where SIGALRM can be used."""
    if not seconds or not _alarm_available():
        yield
        return
    previous_handler = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)


def _alarm_available() -> bool:
    """SIGALRM works only in the main thread, and must not clobber a caller's running timer."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _raise_timeout(signum: int, frame: object) -> None:
    raise ExtractionTimeout()
