"""Bytes of an HTML page (or feed-less markup) to text, honouring what the page says it is.

Order: a byte-order mark; then UTF-8 if the bytes are valid UTF-8 (pages mislabelled as Latin-1
are common, while non-ASCII text in another charset is almost never valid UTF-8 by accident); then
the charset declared by HTTP, then by ``<meta>`` or the XML declaration; then windows-1252 if the
bytes read like a Western European language; then detection (charset_normalizer).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from storytrace.ingest.detect import BOMS

PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252, and a UTF-16
# label inside bytes that were readable as ASCII is wrong.
WHATWG_OVERRIDES = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8",
                    "utf-16-be": "utf-8"}
MARKUP = re.compile(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
HIGH_BYTES = bytes(range(128, 256))
ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
WESTERN_MAX_HIGH_SHARE = 0.3


def decode_html(data: bytes, declared: str | None = None) -> str:
    """``declared`` is the charset from outside the page (the HTTP Content-Type), if any."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = usable_encoding(declared) or usable_encoding(declared_in_page(data))
    if encoding is not None:
        return data.decode(encoding, errors="replace")
    return decode_by_detection(data)


def declared_in_page(data: bytes) -> str | None:
    head = data[:PRESCAN_BYTES]
    found = XML_ENCODING.match(head) or META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def usable_encoding(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return WHATWG_OVERRIDES.get(name, name)


def decode_by_detection(data: bytes) -> str:
    western = as_western_text(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    return str(best)


def as_western_text(data: bytes) -> str | None:
    """The bytes as windows-1252 when they read like a Western European language.

    charset_normalizer often mistakes short French, German or English text for a Central European
    or DOS code page. In those languages most letters are ASCII, whereas Cyrillic, Greek or CJK
    text read as windows-1252 is nearly all high bytes (or hits bytes windows-1252 leaves undefined).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    prose = MARKUP.sub(b" ", data)
    high_bytes = len(prose) - len(prose.translate(None, HIGH_BYTES))
    ascii_letters = len(prose) - len(prose.translate(None, ASCII_LETTERS))
    if high_bytes > WESTERN_MAX_HIGH_SHARE * (high_bytes + ascii_letters):
        return None
    return text
