"""clean_article: removes boilerplate lines from an article, saying why for each, and builds the clean
text with its map back to the original.

The rules run in this order; the first that claims a line gives its reason:

1. known residue from the project's list (``residue``): registration walls, share/cookie/comment
   widgets, CMS labels, copyright lines, the Reuters standards footer;
2. wire credits, "Additional reporting by ...; Editing by ..." (``credits``): ``wire-credits``;
3. a closing author box (``authorbox``): ``author-box``;
4. lines repeated inside the document (``repeats``): ``repeated-in-document``;
5. boilerplate learnt across documents (``crossdoc``): ``site-boilerplate``, ``cross-site-boilerplate``.

Removals already on the article (the header lines taken out at extraction) are kept and their text is
not looked at again. Kept pieces are the remaining non-empty lines, stripped, joined with "\n".
"""

from __future__ import annotations

from storytrace.clean.authorbox import author_box_removals
from storytrace.clean.credits import is_wire_credit
from storytrace.clean.crossdoc import cross_document_removals
from storytrace.clean.lines import Line, is_prose, line_at, split_lines
from storytrace.clean.options import CleanOptions
from storytrace.clean.repeats import repeated_line_removals
from storytrace.clean.residue import ResidueHit, match_residue
from storytrace.clean.stats import LineStats, site_of
from storytrace.model import Article, OffsetMap, Removal, Span

__all__ = ["CleanOptions", "clean_article", "open_lines"]

CREDITS_REASON = "wire-credits"


def clean_article(article: Article, stats: LineStats, options: CleanOptions = CleanOptions()) -> None:
    """Adds this stage's removals to ``article.removals`` and sets ``clean_text`` and ``offsets``."""
    text = article.text
    removals, lines = _cut_residue(text, open_lines(text, article.removals), options)
    lines = _take(removals, lines, _credit_removals(lines))
    lines = _take(removals, lines, author_box_removals(lines, options))
    lines = _take(removals, lines, repeated_line_removals(lines, article.title, options))
    site = site_of(article)
    lines = _take(removals, lines, cross_document_removals(article, lines, stats, site, options))
    article.removals = sorted([*article.removals, *removals], key=lambda removal: removal.span)
    article.offsets = OffsetMap([line.span for line in lines])
    article.clean_text = article.offsets.build_clean_text(text)


def open_lines(text: str, removals: list[Removal]) -> list[Line]:
    """The non-empty lines of ``text`` minus what ``removals`` already cover, stripped."""
    taken = sorted(removal.span for removal in removals)
    lines: list[Line] = []
    for line in split_lines(text):
        lines.extend(_uncovered(text, line, taken))
    return lines


def _uncovered(text: str, line: Line, taken: list[Span]) -> list[Line]:
    pieces, start = [], line.span.start
    for span in taken:
        if span.end <= start or span.start >= line.span.end:
            continue
        if span.start > start:
            pieces.append(Span(start, span.start))
        start = max(start, span.end)
    if start < line.span.end:
        pieces.append(Span(start, line.span.end))
    return [piece for piece in (line_at(text, span) for span in pieces) if piece is not None]


def _take(removals: list[Removal], lines: list[Line], found: list[Removal]) -> list[Line]:
    removals.extend(found)
    gone = {removal.span for removal in found}
    return [line for line in lines if line.span not in gone]


def _cut_residue(text: str, lines: list[Line], options: CleanOptions) -> tuple[list[Removal], list[Line]]:
    removals: list[Removal] = []
    kept: list[Line] = []
    for line in lines:
        hit = match_residue(line.text)
        if hit is None:
            kept.append(line)
            continue
        removal, remainder = _residue_removal(text, line, hit, options)
        removals.append(removal)
        if remainder is not None:
            kept.append(remainder)
    return removals, kept


def _residue_removal(text: str, line: Line, hit: ResidueHit, options: CleanOptions) -> tuple[Removal, Line | None]:
    reason = hit.pattern.reason
    if hit.glued_end is not None:
        cut = line.span.start + hit.glued_end
        remainder = line_at(text, Span(cut, line.span.end))
        if remainder is not None and is_prose(remainder.text, options.prose_min_words, options.prose_long_words):
            span = Span(line.span.start, cut)
            return Removal(span, reason, span.of(text), f"{hit.detail()}; the prose after it is kept"), remainder
    return Removal(line.span, reason, line.text, hit.detail()), None


def _credit_removals(lines: list[Line]) -> list[Removal]:
    detail = "wire credit line (reporting and editing names), not story text"
    return [Removal(line.span, CREDITS_REASON, line.text, detail) for line in lines if is_wire_credit(line.text)]
