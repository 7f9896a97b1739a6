"""Lines repeated inside one document (a doubled headline, a twice-inserted registration wall).

- A repeated sentence (prose) keeps its first copy and loses the later ones: scrapes duplicate
  paragraphs.
- A repeated line that is not prose and whose every copy is inserted into running text (the lines
  around each copy are prose, or the edge of the document) is residue such as a promo or ad label:
  every copy goes. The article's title keeps its first copy.
- A repeated line that is not prose but stands among other short lines (a list, a table, a menu)
  is structure: all its copies are kept here; the cross-document rules judge it.
"""

from __future__ import annotations

from collections import defaultdict

from storytrace.clean.lines import Line, is_prose, normalise
from storytrace.clean.options import CleanOptions
from storytrace.model import Removal

REASON = "repeated-in-document"


def repeated_line_removals(lines: list[Line], title: str | None, options: CleanOptions) -> list[Removal]:
    """Removals for repeated copies among ``lines`` (the document's open lines, in order)."""
    prose = [is_prose(line.text, options.prose_min_words, options.prose_long_words) for line in lines]
    copies: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        copies[normalise(line.text, mask_digits=False)].append(index)
    title_key = normalise(title, mask_digits=False) if title else None
    removals = []
    for key, indexes in copies.items():
        if len(indexes) > 1:
            removals.extend(_group_removals(lines, prose, indexes, key == title_key))
    return removals


def _group_removals(lines: list[Line], prose: list[bool], indexes: list[int], is_title: bool) -> list[Removal]:
    total = len(indexes)
    if prose[indexes[0]] or is_title:
        return _removals(lines, indexes[1:], f"repeated {total} times in this document; the first copy is kept")
    if all(_inserted_in_prose(prose, index) for index in indexes):
        return _removals(lines, indexes, f"repeated {total} times in this document, each time inside running text")
    return []


def _inserted_in_prose(prose: list[bool], index: int) -> bool:
    before = prose[index - 1] if index > 0 else True
    after = prose[index + 1] if index + 1 < len(prose) else True
    return before and after


def _removals(lines: list[Line], indexes: list[int], detail: str) -> list[Removal]:
    return [Removal(lines[index].span, REASON, lines[index].text, detail) for index in indexes]
