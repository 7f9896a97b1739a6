"""Spans and records shared by the attribution rules: ``Found``, trimming, quote kinds."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storytrace.model import Span

TRAILING = " \t\n,.;:—–-"
QUOTE_MARKS = "“”\"’‘)"
QUOTE_CLOSERS = "”\"'’»"


@dataclass(slots=True, frozen=True)
class Found:
    """An attribution found in one paragraph (local offsets)."""

    content: Span | None
    cue: Span | None
    source: Span | None
    kind: str
    broken: bool = False
    continues: bool = False  # a quotation carried over from the previous paragraph's speaker
    unsourced: bool = False  # a passive cue needs no speaker: "Trump is expected to win"


def trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in TRAILING:
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return Span(start, end) if end > start else None


def overlaps(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def snap_to_regions(span: Span, regions: list[Span], text: str) -> Span:
    start, end = span.start, span.end
    for region in regions:
        if region.start < end and start < region.end:
            start, end = min(start, region.start), max(end, region.end)
    return Span(start, end)


def quote_kind(content: Span, regions: list[Span]) -> str:
    inside = [region for region in regions if region.start < content.end and content.start < region.end]
    if not inside:
        return "indirect"
    starts_quoted = inside[0].start <= content.start + 1
    ends_quoted = inside[-1].end >= content.end - 1
    return "direct" if starts_quoted and ends_quoted else "mixed"


ASIDE_DEPS = frozenset({"relcl"})


def subtree_span(head: Token, text: str, exclude: Token | None) -> Span | None:
    excluded = set(exclude.subtree) if exclude is not None else set()
    tokens = sorted((token for token in head.subtree if token not in excluded), key=lambda token: token.i)  # text order
    tokens = without_trailing_aside(tokens)
    while tokens and tokens[-1].dep_ in ("cc", "punct") and tokens[-1].text not in QUOTE_MARKS:
        tokens.pop()  # "the Southern border and" when the parse leaves the conjunct elsewhere
    if not tokens:
        return None
    return trimmed(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def without_trailing_aside(tokens: list[Token]) -> list[Token]:
    """Drops a closing relative clause (", which ...", ", where ..."): the content ends before it."""
    if not tokens:
        return tokens
    last = tokens[-1].i
    for index in range(1, len(tokens) - 1):
        following = tokens[index + 1]
        if tokens[index].text == "," and _opens_aside(following, last):
            return tokens[:index]
    return tokens


def _opens_aside(token: Token, last: int) -> bool:
    """', which ...' opening a relative clause, also when the pronoun sits lower in it (', which
    critics say would raise taxes')."""
    clause = token
    for _ in range(3):
        if clause.dep_ in ASIDE_DEPS:
            return clause.left_edge.i == token.i and clause.right_edge.i >= last
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def source_span(subject: Token, text: str, cue: Token | None = None) -> Span | None:
    """The subject phrase, cut before a comma that opens an apposition or a relative clause, and
    before the cue when the cue modifies it ("groups supporting Christie")."""
    kept = []
    for token in subject.subtree:
        if token.i > subject.i and (token.text == "," or (cue is not None and token.i == cue.left_edge.i)):
            break
        kept.append(token)
    while kept and (kept[0].is_quote or kept[0].is_punct):
        kept.pop(0)  # '"...,” Shook said', '"...,” X, co-founder of Y, said': the closing mark can hang on the subject
    while kept and kept[-1].is_quote:
        kept.pop()
    if not kept:
        return None
    return trimmed(text, kept[0].idx, kept[-1].idx + len(kept[-1]))


def opens_sentence(position: int, text: str) -> bool:
    """Nothing but a sentence end (or a closing mark) before ``position``."""
    preceding = text[:position].rstrip()
    return not preceding or preceding.endswith((".", "?", "!", ":", "”", "\"", "''"))


def ends_in_comma(region: Span, text: str) -> bool:
    """'"A,"' or '"A" ,': the quotation breaks off mid-sentence."""
    inside = region.of(text).rstrip(QUOTE_CLOSERS + " ")
    return inside.endswith(",") or text[region.end : region.end + 2].lstrip().startswith(",")
