"""Which reader a file needs, decided from its first bytes rather than its name.

gzip is looked through (a ``.warc.gz``, or gzip-compressed HTML, JSONL, text or feeds); binary files,
empty files and XML that is neither a feed nor HTML are refused with a reason.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from storytrace.ingest.limits import BadInput


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class Detected:
    format: Format
    gzipped: bool = False


SNIFF_BYTES = 8192
GZIP_SNIFF_BYTES = 64 * 1024  # compressed bytes read to get SNIFF_BYTES out of a gzip file
GZIP_MAGIC = b"\x1f\x8b"

BOMS = (  # UTF-32 LE first: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "an executable"),
)

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # rdf:RDF is RSS 1.0
HTML_TAGS = frozenset(
    "html head body meta title link base script style noscript div p span a b i font center article "
    "section header footer nav main aside table form iframe img br hr ul ol h1 h2 h3 h4 h5 h6".split()
)
ROOT_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
# a page behind a little junk (a server warning, say): the document must start a line
HTML_NEAR_START = re.compile(r"^[ \t]*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.MULTILINE)
HTML_SEARCH_CHARS = 1024
JSONL_PROBE_LINES = 5


def sniff_file(path: Path) -> Detected:
    """The format of a file, from its first bytes (decompressed if it is gzip)."""
    with open(path, "rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if head.startswith(GZIP_MAGIC):
            inner = gunzip_head(head + stream.read(GZIP_SNIFF_BYTES))
            return Detected(detect_format(inner), gzipped=True)
    return Detected(detect_format(head))


def gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, SNIFF_BYTES)
    except zlib.error as error:
        raise BadInput(f"corrupt gzip data: {error}") from error


def detect_format(head: bytes) -> Format:
    """The format of content starting with ``head``; ``BadInput`` if no reader can use it."""
    if not head.strip():
        raise BadInput("empty file" if not head else "empty file (only blank space)")
    if head.startswith(b"WARC/1."):
        return Format.WARC
    start = sniffable_text(head).lstrip()
    if start.startswith("<"):
        return markup_format(start)
    if start.startswith("{"):
        return json_format(start)
    if HTML_NEAR_START.search(start, 0, HTML_SEARCH_CHARS):
        return Format.HTML
    return Format.TEXT


def sniffable_text(head: bytes) -> str:
    """The head as text for sniffing only (a cut multi-byte character at the end is harmless)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    for magic, kind in BINARY_MAGIC:
        if head.startswith(magic):
            raise BadInput(f"binary file: {kind}")
    if b"\x00" in head:
        raise BadInput("binary file: contains NUL bytes")
    return head.decode("utf-8", errors="replace")


def markup_format(text: str) -> Format:
    body, had_xml_declaration, saw_html_doctype = skip_prolog(text)
    if saw_html_doctype:
        return Format.HTML
    if not body:
        return Format.HTML  # markup (a long comment, say) running past the sniffed head
    root = ROOT_TAG.match(body)
    if root is None:
        return Format.TEXT
    name = root.group(1).lower()
    local_name = name.rsplit(":", 1)[-1]
    if local_name in FEED_ROOTS:
        return Format.FEED
    if local_name in HTML_TAGS or not had_xml_declaration:
        return Format.HTML  # a page, or tag soup
    raise BadInput(f"XML document with root element <{name}>: neither a feed nor HTML")


def skip_prolog(text: str) -> tuple[str, bool, bool]:
    """Text after the XML declaration, processing instructions, comments and doctype.

    Returns (rest, whether an ``<?xml`` declaration was seen, whether an HTML doctype was seen).
    """
    had_xml_declaration = False
    while True:
        text = text.lstrip()
        lowered = text[:20].lower()
        if lowered.startswith("<!doctype"):
            if lowered[9:].lstrip().startswith("html"):
                return text, had_xml_declaration, True
            text = text[text.find(">") + 1 :] if ">" in text else ""
        elif lowered.startswith("<?"):
            had_xml_declaration |= lowered.startswith("<?xml")
            text = text[text.find("?>") + 2 :] if "?>" in text else ""
        elif lowered.startswith("<!--"):
            text = text[text.find("-->") + 3 :] if "-->" in text else ""
        else:
            return text, had_xml_declaration, False


def json_format(text: str) -> Format:
    lines = [line for line in text.splitlines() if line.strip()]
    if any(is_json_object(line) for line in lines[:JSONL_PROBE_LINES]):
        return Format.JSONL
    if len(lines) == 1 and lines[0].startswith('{"'):
        return Format.JSONL  # a first line longer than the sniffed head
    raise BadInput("a JSON document, not JSON Lines (one JSON object a line)")


def is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
