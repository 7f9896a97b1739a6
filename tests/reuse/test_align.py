from storytrace.reuse.align import align, prepare

from tests.reuse.synthetic import article, spin, vocabulary

WORDS = vocabulary(3000, seed=1)


def test_verbatim_passage_found_with_offsets_on_both_sides():
    source = article(300, seed=2, vocabulary_words=WORDS)
    reused = source[200:1400]
    reused = reused[reused.index(". ") + 2 : reused.rindex(".") + 1]
    before, after = article(200, seed=3, vocabulary_words=WORDS), article(200, seed=4, vocabulary_words=WORDS)
    derived = before + "\n\n" + reused + "\n\n" + after
    passages = align(source, derived)
    assert len(passages) == 1
    passage = passages[0]
    assert passage.derived.of(derived) == reused
    assert passage.source.of(source) == reused


def test_spun_passage_still_aligned():
    source = article(250, seed=5, vocabulary_words=WORDS)
    derived = article(150, seed=6, vocabulary_words=WORDS) + "\n\n" + spin(source, 0.25, seed=7, vocabulary_words=WORDS)
    passages = align(source, derived)
    assert len(passages) == 1
    assert len(passages[0].source) > 0.9 * len(source)
    assert passages[0].derived.start > len(derived) - len(source) - 50


def test_reordered_sentences_stay_in_one_passage():
    source = article(200, seed=8, vocabulary_words=WORDS)
    sentences = [s + "." for s in source.rstrip(".").split(". ")]
    swapped = sentences[1:2] + sentences[0:1] + sentences[3:4] + sentences[2:3] + sentences[4:]
    passages = align(source, " ".join(swapped))
    assert len(passages) == 1
    assert len(passages[0].source) > 0.9 * len(source)


def test_unrelated_texts_share_no_passage():
    assert align(article(300, seed=9, vocabulary_words=WORDS), article(300, seed=10, vocabulary_words=WORDS)) == []


def test_summary_maps_to_the_whole_source():
    source = article(600, seed=11, vocabulary_words=WORDS)
    sentences = source.rstrip(".").split(". ")
    # a condensed version: one short sentence built from the words of every fifth source sentence
    summary = " ".join(" ".join(s.split()[:10]) + "." for s in sentences[::5])
    derived = article(150, seed=12, vocabulary_words=WORDS) + "\n\n" + summary
    passages = align(source, derived)
    assert passages, "the summary should be aligned"
    widest = max(passages, key=lambda p: len(p.source))
    assert len(widest.source) > 0.8 * len(source)
    assert len(widest.derived) < 0.5 * len(source)


def test_empty_and_one_line_texts():
    assert align("", "anything at all here") == []
    assert align("One line only.", "One line only.") == []  # below the minimum passage length


def test_a_repeated_pair_of_texts_gives_the_same_passages_and_a_list_of_its_own():
    source = article(250, seed=5, vocabulary_words=WORDS)
    derived = article(150, seed=6, vocabulary_words=WORDS) + "\n\n" + spin(source, 0.25, seed=7, vocabulary_words=WORDS)
    first = align(source, derived)
    first.clear()  # a caller's change to its list must not reach the next caller
    again = align(source, derived)
    assert again and again == align(prepare(source), prepare(derived))
