"""The link stage's faster scans read texts exactly as the plain ones they replace."""

import re

from storytrace.reuse import artifacts, text

TRICKY = [
    "ΟΔΟΣ.Β ΑΣ' Β ΣΑΣ. İstanbul İSTANBUL said Bob. \"Hi!\" (said Tom.)\n\nNext. line\nAnother\n\n\n“Quote” she’s O’Neil’s. ",
    "unsaid Bob. He added Tom.\nsaid Mary Jane Doe\n\t said X. according to Reuters.  told  AP!\tsays Zed. said\nBob said Tom",
    "x. \t said Bob. says Al Gore\n  told Reuters. said Bob.",
    "said Bob",
    "a.\n\nB. c!) D? “e.” F",
    "",
]


def test_tokens_are_the_words_each_lowered_alone():
    for sample in TRICKY:
        words = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", sample))
        index = text.TokenIndex.of(sample)
        assert index.starts == [word.start() for word in words]
        assert index.norms == [word.group().lower().replace("’", "'") for word in words]


def test_sentence_ends_where_the_lookbehind_pattern_ends_them():
    plain = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n(?=[A-Z\"“])")
    for sample in TRICKY:
        fast = [(m.start(m.lastindex), m.end()) for m in text.SENTENCE_END.finditer(sample)]
        assert fast == [m.span() for m in plain.finditer(sample)]


def test_attribution_starts_are_the_full_scan():
    for sample in TRICKY:
        scanned = tuple((m.start(1), m.end(1), m.group(1)) for m in artifacts.ATTRIBUTION_START.finditer(sample))
        assert artifacts._attribution_starts(sample) == scanned


def test_coverage_counts_each_word_once():
    import bisect
    import random

    from storytrace.model import Span
    from storytrace.reuse.derive import coverage

    sample = " ".join(f"w{i}" for i in range(200))
    starts = text.token_index(sample).starts
    rng = random.Random(3)
    for _ in range(200):
        spans = [Span(a, a + rng.randrange(0, 300)) for a in (rng.randrange(0, len(sample)) for _ in range(rng.randrange(0, 5)))]
        words = set()
        for span in spans:
            words.update(range(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)))
        assert coverage(sample, spans) == len(words) / len(starts)
