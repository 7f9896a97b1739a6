"""Clean-text spans mapped back to the original text (no model needed)."""

from storytrace.model import OffsetMap, Span
from storytrace.nlp.offsets import raw_parts, strip_span

TEXT = "keep one. DROP THIS. keep two."
PIECES = [Span(0, 9), Span(21, 30)]  # clean text: "keep one.\nkeep two."


def test_span_inside_a_piece_maps_to_the_same_characters():
    offsets = OffsetMap(PIECES)
    clean = offsets.build_clean_text(TEXT)
    start = clean.index("two")
    assert [part.of(TEXT) for part in raw_parts(offsets, start, start + 3)] == ["two"]


def test_span_across_pieces_never_covers_removed_text():
    offsets = OffsetMap(PIECES)
    clean = offsets.build_clean_text(TEXT)
    parts = raw_parts(offsets, clean.index("one"), clean.index("two") + 3)
    assert [part.of(TEXT) for part in parts] == ["one.", "keep two"]


def test_strip_span_drops_surrounding_whitespace():
    assert strip_span("  a b \n", Span(0, 7)) == Span(2, 5)
    assert strip_span("   ", Span(0, 3)) is None
