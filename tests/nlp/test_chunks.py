from storytrace.nlp.chunks import ChunkAnalyzer, LruCache, _batches_of_words, pipe_in_batches, split_chunks
from storytrace.nlp.pipeline import load_pipeline

ORIGINAL = (
    "Blinken meets Hayashi in Washington\n"
    "WASHINGTON (Reuters) - Secretary of State Antony Blinken met Japan's Yoshimasa Hayashi on Friday.\n"
    "\n"
    "Jeffrey Hornung of the Rand Corporation said the meeting mattered.\n"
)
REPOST = ORIGINAL.replace("on Friday", "on Friday afternoon") + "Register now to read more.\n"


def entities(doc):
    return [(entity.text, entity.label_) for entity in doc.ents]


def test_chunks_join_back_into_the_text():
    chunks = split_chunks(ORIGINAL)
    assert "".join(chunk.line for chunk in chunks) == ORIGINAL
    assert chunks[0].context == ""
    assert chunks[1].context == "Hayashi in Washington\n"  # the last words of the line before


def test_each_line_is_a_sentence_start_and_entities_match_the_whole_text():
    nlp = load_pipeline()
    doc = ChunkAnalyzer(nlp).docs([ORIGINAL])[0]
    whole = nlp(ORIGINAL)
    assert doc.text == ORIGINAL
    assert entities(doc) == entities(whole)
    assert [sentence.text.strip() for sentence in doc.sents][:2] == [
        "Blinken meets Hayashi in Washington",
        "WASHINGTON (Reuters) - Secretary of State Antony Blinken met Japan's Yoshimasa Hayashi on Friday.",
    ]


def test_lines_already_seen_do_not_go_through_the_model_again():
    analyzer = ChunkAnalyzer(load_pipeline())
    first = analyzer.docs([ORIGINAL])[0]
    analysed = analyzer.chunks_analysed
    again = analyzer.docs([ORIGINAL])[0]
    assert analyzer.chunks_analysed == analysed
    assert entities(again) == entities(first)
    repost = analyzer.docs([REPOST])[0]
    # the changed line, the line after it (its context changed) and the added line
    assert analyzer.chunks_analysed == analysed + 3
    assert ("Jeffrey Hornung", "PERSON") in entities(repost)


def test_a_line_shared_by_two_texts_of_one_batch_is_analysed_once():
    analyzer = ChunkAnalyzer(load_pipeline())
    analyzer.docs([ORIGINAL, ORIGINAL])
    assert analyzer.chunks_analysed == len(split_chunks(ORIGINAL))


def test_empty_and_unterminated_texts():
    docs = ChunkAnalyzer(load_pipeline()).docs(["", "No line break at the end"])
    assert docs[0].text == "" and docs[1].text == "No line break at the end"


def test_cache_forgets_the_least_recently_used():
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and len(cache) == 2


def test_worker_processes_yield_the_cpu_to_the_main_process():
    import os

    from storytrace.nlp.workers import WORKER_NICENESS, WorkerPool

    pool = WorkerPool("unused", workers=1)
    try:
        assert pool._pool().submit(os.nice, 0).result() == os.nice(0) + WORKER_NICENESS
    finally:
        pool.close()


def test_the_model_reads_batches_of_about_as_many_words_as_asked_in_the_order_given():
    texts = ["one two three", "four five", "six", "seven eight nine ten", "eleven"]
    assert list(_batches_of_words(texts, 5)) == [["one two three", "four five"], ["six", "seven eight nine ten"], ["eleven"]]
    nlp = load_pipeline()
    lines = ORIGINAL.splitlines() + REPOST.splitlines()
    batched = [(doc.text, entities(doc)) for doc in pipe_in_batches(nlp, lines, batch_words=12)]
    assert batched == [(doc.text, entities(doc)) for doc in nlp.pipe(lines)]
