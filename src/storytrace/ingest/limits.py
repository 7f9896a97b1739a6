"""Size caps for the readers, and ``BadInput``: the reason an input is skipped.

An input over its cap is skipped with its size, never half-read.
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024

MAX_TEXT_BYTES = 5 * MEGABYTE
MAX_HTML_BYTES = 20 * MEGABYTE  # one HTML file, or one WARC record's HTTP body
MAX_FEED_BYTES = 20 * MEGABYTE
MAX_JSONL_LINE_BYTES = 20 * MEGABYTE


class BadInput(Exception):
    """An input that cannot be used; the message is the reason given to the user."""


@dataclass(frozen=True, slots=True)
class ReadLimits:
    text_bytes: int = MAX_TEXT_BYTES
    html_bytes: int = MAX_HTML_BYTES
    feed_bytes: int = MAX_FEED_BYTES
    jsonl_line_bytes: int = MAX_JSONL_LINE_BYTES


def describe_size(size: int) -> str:
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.1f} MB ({size:,} bytes)"
    return f"{size:,} bytes"
