"""Author boxes: a marker line ("About the author", WordPress' "The following two tabs change content
below.") and the short biography after it, at the very end of a document.

Only a tail is ever taken: the marker must be followed by at most ``author_box_max_lines`` lines and
``author_box_max_words`` words still in the text (lines already removed for other reasons, such as
"Leave a Reply", do not count). When more text follows, the marker is not the start of a closing
author box, so only the marker line itself (a label, never a sentence of the story) is removed.
"""

from __future__ import annotations

from storytrace.clean.lines import Line, normalise, word_count
from storytrace.clean.options import CleanOptions
from storytrace.model import Removal

REASON = "author-box"
_MARKER_MAX_WORDS = 8
_MARKERS = frozenset(
    {
        "the following two tabs change content below",
        "about the author",
        "about the authors",
        "about the writer",
        "about the reporter",
        "about author",
        "author bio",
        "author biography",
        "author profile",
    }
)


def is_author_box_marker(text: str) -> bool:
    return word_count(text) <= _MARKER_MAX_WORDS and normalise(text).rstrip(" .:!") in _MARKERS


def author_box_removals(lines: list[Line], options: CleanOptions) -> list[Removal]:
    """Removals for the marker and biography of a closing author box in ``lines`` (in order)."""
    removals: list[Removal] = []
    for index, line in enumerate(lines):
        if not is_author_box_marker(line.text):
            continue
        tail = lines[index + 1 :]
        if _fits_a_biography(tail, options):
            return removals + _box(line, tail)
        removals.append(Removal(line.span, REASON, line.text, "author-box label; the text after it is kept"))
    return removals


def _fits_a_biography(tail: list[Line], options: CleanOptions) -> bool:
    words = sum(word_count(line.text) for line in tail)
    return len(tail) <= options.author_box_max_lines and words <= options.author_box_max_words


def _box(marker: Line, tail: list[Line]) -> list[Removal]:
    removals = [Removal(marker.span, REASON, marker.text, "author-box label")]
    detail = f"author biography after “{marker.text}” at the end of the document"
    return removals + [Removal(line.span, REASON, line.text, detail) for line in tail]
