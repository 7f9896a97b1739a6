"""A pool of worker processes for the model, started once and kept: forked from this process, each
worker already holds the loaded pipeline. Tasks send texts and get back compact results (character
offsets, or serialised docs), never Python objects of the model."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from storytrace.nlp.chunks import MODEL_BATCH_WORDS, annotate_texts, pipe_in_batches

TASKS_PER_WORKER = 4  # a few tasks a worker, so the one that finishes last keeps the others waiting little
# The workers yield the CPU to the main process, whose stages run one after another: when the
# workers take a core from it, its batch finishes later while their queue empties and a core idles.
WORKER_NICENESS = 10


class WorkerPool:
    def __init__(self, model: str, workers: int, batch_words: int = MODEL_BATCH_WORDS):
        self.model = model
        self.workers = workers
        self.batch_words = batch_words
        self._executor: ProcessPoolExecutor | None = None

    def annotate(self, texts: list[str]) -> list[Future]:
        """Sentence starts and entities of each text, from the analysis components."""
        return [self._pool().submit(annotate_texts, self.model, part, self.batch_words) for part in self._split(texts)]

    def parse(self, texts: list[str], nlp: Language) -> list[Doc]:
        """Full parses of ``texts`` (tags, lemmas, dependencies), spread over the workers."""
        return self.parsed(self.submit_parse(texts), nlp)

    def submit_parse(self, texts: list[str]) -> list[Future]:
        """Starts the parse of ``texts``; ``parsed`` waits for it."""
        return [self._pool().submit(parse_texts, self.model, part, self.batch_words) for part in self._split(texts)]

    @staticmethod
    def parsed(futures: list[Future], nlp: Language) -> list[Doc]:
        return [doc for future in futures for doc in DocBin().from_bytes(future.result()).get_docs(nlp.vocab)]

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"), initializer=os.nice, initargs=(WORKER_NICENESS,)
            )
        return self._executor

    def _split(self, texts: list[str]) -> list[list[str]]:
        size = max(1, -(-len(texts) // (self.workers * TASKS_PER_WORKER)))
        return [texts[first : first + size] for first in range(0, len(texts), size)]


def parse_texts(model: str, texts: list[str], batch_words: int) -> bytes:
    """In a worker process: the parse of ``texts``, serialised with what the quote and event rules
    read (not the morphology: reading it back took a third of the time, 6,353 generated sentences)."""
    from storytrace.nlp.pipeline import parse_pipeline

    docs = DocBin(attrs=["ORTH", "TAG", "POS", "LEMMA", "DEP", "HEAD", "SENT_START", "SPACY"])
    with parse_pipeline(model) as nlp:
        for doc in pipe_in_batches(nlp, texts, batch_words):
            docs.add(doc)
    return docs.to_bytes()
