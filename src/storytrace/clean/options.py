"""The thresholds of the cleaning rules, in one options object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class CleanOptions:
    # Line shape: what counts as prose (never removed by a cross-document rule).
    prose_min_words: int = 2  # a sentence: ends like one, has a lower-case word, this many words
    prose_long_words: int = 20  # a line this long is prose whatever its punctuation
    boilerplate_max_words: int = 15  # longer lines are never cross-document boilerplate
    # Cross-document rules (see storytrace.clean.crossdoc).
    site_min_docs: int = 5  # in at least this many documents of one site: site boilerplate
    cross_site_min_sites: int = 4  # on at least this many sites: cross-site boilerplate
    anchored_share: float = 0.5  # recurs beside the same prose in this share of its copies: kept
    # Closing author boxes.
    author_box_max_lines: int = 6
    author_box_max_words: int = 200
